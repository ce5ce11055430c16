"""One comparison: a coded project's codings and kruispunt's, on the same units.

The project's sources are matched to the documents and its codings mapped onto their
text (`pipeline.compare.align`); kruispunt's codings are those of its own .qdpx
(`pipeline.compare.computed`). Both are put on the units of the matched documents
(`pipeline.compare.units`), paired (`pipeline.compare.pairs`) and measured
(`pipeline.compare.agreement`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from pipeline.compare.agreement import agreement_table, confusion_table, disagreement_table
from pipeline.compare.align import map_codings, match_sources
from pipeline.compare.computed import kruispunt_codings
from pipeline.compare.pairs import load_mapping, make_pairs
from pipeline.compare.project import CodedProject, read_project
from pipeline.compare.units import build_units, code_units
from pipeline.layout import Layout, read_stage_table
from pipeline.params import Params


def compare_project(
    layout: Layout, params: Params, path: Path, *, mapping: Path | None = None
) -> tuple[dict[str, pd.DataFrame], dict]:
    """Compare a coded project with kruispunt's coding of the same documents.

    Args:
        layout: The run, with its stage outputs (deductive codings included).
        params: Validated parameters (`compare` and the export's codebook settings).
        path: The coded REFI-QDA project.
        mapping: YAML pairing human codes with kruispunt codes; None proposes pairs.

    Returns:
        The tables by contract name (compare_codings, agreement, agreement_confusion,
        disagreements) and the report's details: sources, codings, unmapped, problems,
        coders.
    """
    p = params.compare
    project = without_case_codes(read_project(path))
    documents = read_stage_table(layout, "documents")
    matches = match_sources(project.sources, documents)
    human, unmapped = map_codings(project, documents, matches)
    ours = kruispunt_codings(layout, params)
    matched = set(matches["doc_id"].dropna())
    segments = read_stage_table(layout, "segments")
    segments = segments[segments["doc_id"].isin(matched)]
    tokens = None
    if p.unit == "sentence":
        tokens = read_stage_table(layout, "tokens")
        tokens = tokens[tokens["doc_id"].isin(matched)]
    units = build_units(segments, tokens, p.unit)
    coded = pd.concat(
        [
            code_units(human, units, p.min_overlap).assign(side="human"),
            code_units(ours[ours["doc_id"].isin(matched)], units, p.min_overlap).assign(
                side="kruispunt"
            ),
        ],
        ignore_index=True,
    )
    pairs = make_pairs(coded, load_mapping(mapping) if mapping else None, p.min_pair_overlap)
    tables = {
        "compare_codings": pd.concat([human, ours], ignore_index=True),
        "agreement": agreement_table(coded, units, pairs),
        "agreement_confusion": confusion_table(coded, units),
        "disagreements": disagreement_table(coded, units, pairs, p.max_disagreements),
    }
    return tables, _details(project, matches, human, unmapped)


def without_case_codes(project: CodedProject) -> CodedProject:
    """The project without codings on codes that share a Case's GUID (case links, not codes).

    kruispunt links each case to its document with such a code, for QualCoder; other
    programs keep cases apart from codes, so nothing else is left out.
    """
    case_codes = project.codings["code_guid"].isin(set(project.cases["case_guid"]))
    return replace(project, codings=project.codings[~case_codes].reset_index(drop=True))


def _details(project, matches: pd.DataFrame, human: pd.DataFrame, unmapped: pd.DataFrame) -> dict:
    """What the report says of the project: its sources, codings and what was left out."""
    total = len(human) + len(unmapped)
    exact = human["exact_share"] if len(human) else pd.Series(dtype=float)
    return {
        "sources": _records(matches[["source", "doc_id", "matched_by", "similarity", "reason"]]),
        "codings": {
            "total": total,
            "mapped": len(human),
            "mapped_exactly": int((exact >= 1.0).sum()),
            "exact_share_mean": round(float(exact.mean()), 4) if len(exact) else None,
        },
        "unmapped": _records(unmapped),
        "problems": list(project.problems),
        "coders": sorted(set(human["coder"]) | set(unmapped.get("coder", []))),
    }


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts (NaN and None as null)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")
