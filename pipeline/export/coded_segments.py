"""Coded segments: every speaker turn or paragraph that carries a code, once per code.

This is the table a researcher filters in Excel ("all turns of the municipality coded
`regie`"), so each row repeats the segment's speaker, timestamps, text and the document's
metadata instead of asking for a join.
"""

from __future__ import annotations

import pandas as pd

from pipeline.export.codebook import code_id, explode_terms

CODED_SEGMENT_COLUMNS = [
    "doc_id",
    "seg_id",
    "seg_idx",
    "speaker",
    "section",
    "start_s",
    "end_s",
    "code_id",
    "code_guid",
    "level",
    "term",
    "theme",
    "probability",
    "n_codings",
    "matched",
    "terms",
    "char_start",
    "char_end",
    "text",
]


def _term_rows(term_hits: pd.DataFrame) -> pd.DataFrame:
    grouped = term_hits.sort_values("char_start").groupby(["seg_id", "term"], sort=False)
    rows = grouped.agg(
        n_codings=("hit_id", "size"),
        matched=("matched", lambda s: "; ".join(dict.fromkeys(s))),
    ).reset_index()
    return rows.assign(level="term", theme="", probability=float("nan"))


def _theme_rows(coded_contexts: pd.DataFrame) -> pd.DataFrame:
    per_term = explode_terms(coded_contexts)
    rows = (
        per_term.groupby(["seg_id", "term", "code"], sort=False)
        .agg(n_codings=("context_id", "size"), probability=("probability", "max"))
        .reset_index()
        .rename(columns={"code": "theme"})
    )
    return rows.assign(level="theme", matched="")


def build_coded_segments(
    segments: pd.DataFrame,
    term_hits: pd.DataFrame,
    coded_contexts: pd.DataFrame,
    codebook: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    metadata_columns: list[str] | None = None,
) -> pd.DataFrame:
    """List every (segment, code) pair with the segment's text and context.

    Args:
        segments: The segments table.
        term_hits: The term_hits table; each hit codes its segment with its term.
        coded_contexts: The coded_contexts table; each context codes its segment with the
            theme nested under each of its terms.
        codebook: The codebook (see `build_codebook`), for the code GUIDs.
        documents: The documents table, to append metadata columns.
        metadata_columns: Metadata sidecar columns of `documents` to append.

    Returns:
        One row per segment and code, ordered by document, segment and code. Columns: doc_id,
        seg_id, seg_idx, speaker, section, start_s, end_s (timestamps in seconds), code_id,
        code_guid, level (`term` or `theme`), term, theme (theme code, empty for term
        rows), probability (highest theme probability among the segment's contexts, empty
        for term rows), n_codings (hits or contexts in the segment), matched (surface forms
        of the term, term rows only), terms (all focal terms found in the segment,
        `;`-separated), char_start, char_end (the segment in documents.text), text, then
        the metadata columns.
    """
    codes = pd.concat([_term_rows(term_hits), _theme_rows(coded_contexts)], ignore_index=True)
    codes["code_id"] = [code_id(t, th) for t, th in zip(codes["term"], codes["theme"], strict=True)]
    guids = dict(zip(codebook["code_id"], codebook["guid"], strict=True))
    codes["code_guid"] = codes["code_id"].map(guids).fillna("")
    segment_terms = (
        term_hits.sort_values("term")
        .groupby("seg_id")["term"]
        .agg(lambda s: ";".join(dict.fromkeys(s)))
        .rename("terms")
    )
    table = codes.merge(segments, on="seg_id", how="inner", validate="many_to_one")
    table = table.merge(segment_terms, left_on="seg_id", right_index=True, how="left")
    table["terms"] = table["terms"].fillna("")
    table["level_rank"] = table["level"].map({"term": 0, "theme": 1})
    table = table.sort_values(["doc_id", "seg_idx", "level_rank", "code_id"], kind="stable")
    table = table[CODED_SEGMENT_COLUMNS].reset_index(drop=True)
    table = table.astype({"n_codings": "int64", "probability": "float64"})
    if documents is not None and metadata_columns:
        meta = documents[["doc_id", *metadata_columns]]
        table = table.merge(meta, on="doc_id", how="left", validate="many_to_one")
    return table
