"""The compare stage: the researcher's codebook applied, their coded project compared.

It runs after themes and before export. It always writes its tables, empty when nothing is
set, so that the export and `dvc repro` find them: `deductive_codings` (the codebook's
codes, when `compare.codebook` is set) and, when `compare.coded_project` is set, the
codings of both sides on the corpus, the agreement per pair of codes, the confusion table,
the units of disagreement and `compare_report.json` (sources matched or not, codings that
could not be mapped, with reasons).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.failures import failures_path, isolate_failures, only, write_failures
from pipeline.layout import Layout, read_stage_table
from pipeline.params import Params, ParamsError
from pipeline.schemas import columns
from pipeline.tables import read_table, write_json, write_table
from pipeline.tempfiles import remove_stale

TABLES = ("compare_codings", "agreement", "agreement_confusion", "disagreements")
REPORT = "compare_report.json"


def compare(
    layout: Layout,
    params: Params,
    *,
    coded_project: Path | None = None,
    codebook: Path | None = None,
    mapping: Path | None = None,
) -> dict:
    """Run the compare stage over a run's layout.

    Args:
        layout: The run's folders: stage outputs are read from it and written to
            `layout.processed`.
        params: Validated parameters; `compare` steers the stage.
        coded_project: A coded REFI-QDA project; None: `compare.coded_project`.
        codebook: A YAML or .qdc codebook; None: `compare.codebook`.
        mapping: A YAML mapping of human codes to kruispunt codes; None: `compare.mapping`.

    Returns:
        The compare report (also written to `compare_report.json`).
    """
    p = params.compare
    processed = layout.processed
    remove_stale(processed, names=["deductive_codings", *TABLES, REPORT])
    codebook = codebook or _optional(p.codebook, "codebook")
    coded_project = coded_project or _optional(p.coded_project, "coded_project")
    mapping = mapping or _optional(p.mapping, "mapping")

    deductive = _deductive(layout, codebook)
    write_table(deductive, processed / "deductive_codings.parquet", "deductive_codings")
    report = {
        "coded_project": None if coded_project is None else coded_project.name,
        "codebook": None if codebook is None else codebook.name,
        "mapping": None if mapping is None else mapping.name,
        "unit": p.unit,
        "min_overlap": p.min_overlap,
        "deductive_codes": sorted(deductive["code"].unique().tolist()),
        "deductive_codings": len(deductive),
    }
    tables = {name: pd.DataFrame(columns=columns(name)) for name in TABLES}
    if coded_project is not None:
        from pipeline.compare.comparison import compare_project

        found, details = compare_project(layout, params, coded_project, mapping=mapping)
        tables.update(found)
        report.update(details)
    report["pairs"] = len(tables["agreement"])
    for name, table in tables.items():
        suffix = ".parquet" if name == "compare_codings" else ".csv"
        write_table(table, processed / f"{name}{suffix}", name)
    write_json(processed / REPORT, report)
    return report


def _optional(path: str | None, key: str) -> Path | None:
    """The file a `compare` param names, which must exist (relative to where you run)."""
    if path is None:
        return None
    if not Path(path).is_file():
        raise ParamsError(f"compare.{key}: {path} not found (paths are relative to {Path.cwd()})")
    return Path(path)


def _deductive(layout: Layout, codebook: Path | None) -> pd.DataFrame:
    """The codebook's codings over every document; a failing document is reported."""
    failures = failures_path(layout.processed, "compare")
    if codebook is None:
        write_failures(failures, [])
        return pd.DataFrame(columns=columns("deductive_codings"))
    from pipeline.compare.deductive import code_deductively
    from pipeline.compare.rules import load_codebook

    rules = load_codebook(codebook)
    segments = read_stage_table(layout, "segments")
    tokens = read_stage_table(layout, "tokens")
    term_hits = read_table(layout.processed / "term_hits.parquet", "term_hits")
    coded, failed = isolate_failures(
        lambda keep: code_deductively(
            only(tokens, keep), only(segments, keep), only(term_hits, keep), rules
        ),
        segments["doc_id"],
        stage="compare",
    )
    write_failures(failures, failed)
    return coded


def lines(report: dict, agreement: pd.DataFrame | None = None) -> list[str]:
    """The compare report as short lines for the terminal.

    Args:
        report: What `compare` returned.
        agreement: The agreement table, for a line per pair (None: none).

    Returns:
        Plain-text lines: deductive codings, sources matched, codings mapped, pairs.
    """
    out = [
        f"deductive codes: {len(report['deductive_codes'])}, "
        f"{report['deductive_codings']} codings ({report['codebook'] or 'no codebook'})"
    ]
    if report["coded_project"] is None:
        return [*out, "no coded project: nothing compared (compare.coded_project or --coded)"]
    sources, codings = report["sources"], report["codings"]
    matched = [row for row in sources if row["doc_id"] is not None]
    out.append(f"{report['coded_project']}: {len(matched)} of {len(sources)} sources matched")
    out += [
        f"  not matched: {row['source']}: {row['reason']}"
        for row in sources
        if row["doc_id"] is None
    ]
    out.append(
        f"codings: {codings['mapped']} of {codings['total']} mapped, "
        f"{codings['mapped_exactly']} exactly; {report['pairs']} pairs compared "
        f"on {report['unit']}s"
    )
    for row in (agreement if agreement is not None else pd.DataFrame()).itertuples():
        out.append(
            f"  {row.coder_a} {row.code_a} ~ {row.coder_b} {row.code_b}: "
            f"kappa {_number(row.kappa)}, alpha {_number(row.alpha)}, F1 {_number(row.f1)}"
        )
    return out


def _number(value: float | None) -> str:
    return "-" if value is None or pd.isna(value) else f"{value:.2f}"
