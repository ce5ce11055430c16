"""The coding of a run, built once for every file that carries it.

The codebook (focal terms, their themes and the researcher's own codes) and the coded
selections are the same in `codebook.csv`, `coded_segments.csv`, the workbook,
`kruispunt.qdpx`, and kruispunt's side of a comparison (`pipeline.compare.computed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.export.codebook import build_codebook
from pipeline.export.deductive_codes import add_deductive_codes
from pipeline.export.selections import Selection, build_selections

if TYPE_CHECKING:
    import pandas as pd

    from pipeline.export.inputs import ExportInputs
    from pipeline.params import Params


def run_codebook(inputs: ExportInputs, params: Params, *, terms: list[str]) -> pd.DataFrame:
    """The codebook: each term, its themes, then the researcher's codes (`codeboek`).

    Args:
        inputs: The stage outputs (`pipeline.export.inputs.load_inputs`).
        params: Validated parameters (association measure, quotes per code, lexicon).
        terms: Focal terms in codebook order (`pipeline.export.codebook.ordered_terms`).

    Returns:
        The codebook table (`pipeline.export.codebook.CODEBOOK_COLUMNS`).
    """
    codebook = build_codebook(
        inputs.term_hits,
        inputs.coded_contexts,
        inputs.themes,
        inputs.associations,
        terms=terms,
        term_specs=params.associate.terms,
        measure=params.export.network_measure,
        n_quotes=params.themes.n_quotes,
    )
    # The researcher's codebook (compare.codebook), applied deductively, as a third branch.
    return add_deductive_codes(
        codebook,
        inputs.deductive_codings,
        documents=inputs.documents,
        segments=inputs.segments,
        n_quotes=params.themes.n_quotes,
    )


def run_selections(inputs: ExportInputs, codebook: pd.DataFrame) -> list[Selection]:
    """Every coded span: term hits, theme contexts, deductive codings and case links.

    Args:
        inputs: The stage outputs.
        codebook: The codebook of `run_codebook`, for the code GUIDs.

    Returns:
        The selections (`pipeline.export.selections.build_selections`).
    """
    return build_selections(
        inputs.term_hits,
        inputs.coded_contexts,
        codebook,
        documents=inputs.documents,
        deductive_codings=inputs.deductive_codings,
    )
