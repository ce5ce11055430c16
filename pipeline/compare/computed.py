"""kruispunt's own coding, as its .qdpx holds it: the `compare_codings` rows of side kruispunt.

The codes and spans are exactly those of `reports/kruispunt.qdpx` (the export's codebook
and selections), so a project exported by kruispunt, opened in a QDA program and exported
again compares with kruispunt's coding code for code.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from pipeline.export.codebook import ordered_terms
from pipeline.export.coding import run_codebook, run_selections
from pipeline.export.inputs import load_inputs
from pipeline.export.selections import Selection
from pipeline.layout import Layout
from pipeline.params import Params
from pipeline.schemas import columns
from pipeline.tables import validate

KRUISPUNT = "kruispunt"
# A case's code links the case to its document for QualCoder (`pipeline.export.cases`):
# a case link, not a code, so it is left out on both sides.
CASE_KEY = "case:"


def code_paths(codebook: pd.DataFrame) -> dict[str, str]:
    """GUID of every code to its path of names, parents first (`zelfredzaamheid/T03 ...`).

    Args:
        codebook: The export's codebook (code_id, guid, parent_code_id, name).

    Returns:
        The path of each code's GUID, as a QDA program shows the code tree.
    """
    names = dict(zip(codebook["code_id"], codebook["name"], strict=True))
    parents = dict(zip(codebook["code_id"], codebook["parent_code_id"], strict=True))

    def path(code_id: str) -> str:
        parts = []
        while isinstance(code_id, str) and code_id in names:
            parts.append(str(names[code_id]))
            code_id = parents[code_id]
        return "/".join(reversed(parts))

    ids = zip(codebook["code_id"], codebook["guid"], strict=True)
    return {guid: path(code_id) for code_id, guid in ids}


def computed_codings(codebook: pd.DataFrame, selections: Iterable[Selection]) -> pd.DataFrame:
    """The codings of kruispunt as `compare_codings` rows: one per selection and code.

    Args:
        codebook: The export's codebook (`pipeline.export.codebook.build_codebook`).
        selections: The export's selections (`pipeline.export.selections.build_selections`).

    Returns:
        The `compare_codings` table of side kruispunt (coder `kruispunt`, exact share 1),
        without the case codes.
    """
    paths = code_paths(codebook)
    rows = [
        ("kruispunt", KRUISPUNT, paths[guid], s.key, s.doc_id, s.doc_id, s.start, s.end, 1.0)
        for s in selections
        if not s.key.startswith(CASE_KEY)
        for guid in s.code_guids
        if guid in paths
    ]
    return validate(pd.DataFrame(rows, columns=columns("compare_codings")), "compare_codings")


def kruispunt_codings(layout: Layout, params: Params) -> pd.DataFrame:
    """The codings of a kruispunt run, code for code and span for span as in its .qdpx.

    Args:
        layout: The run, with every stage output up to themes and the deductive codings.
        params: Validated parameters (the export's codebook settings).

    Returns:
        The `compare_codings` table of side kruispunt.
    """
    inputs = load_inputs(layout.interim, layout.processed, layout.metrics)
    terms = ordered_terms(params.associate.terms, inputs.term_hits)
    codebook = run_codebook(inputs, params, terms=terms)
    selections = run_selections(inputs, codebook)
    return computed_codings(codebook, selections)
