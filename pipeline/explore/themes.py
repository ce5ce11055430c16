"""The codebook up close: theme sizes by term or meeting, quotes, and two codings compared."""

from __future__ import annotations

import pandas as pd

from pipeline.explore.corpus import with_metadata
from pipeline.export.matrices import theme_matrix

QUOTE_SEPARATOR = " || "


def theme_sizes(
    coded_contexts: pd.DataFrame,
    themes: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    by: str,
) -> pd.DataFrame:
    """Count theme-coded contexts per term, document, speaker or metadata value.

    Args:
        coded_contexts: The coded_contexts table.
        themes: The themes codebook (gives the column order).
        documents: The documents table (for metadata fields such as meeting_type).
        by: `term` (a context with two terms counts for both), `doc_id`, `speaker` or a
            metadata column.

    Returns:
        One row per value of `by`. Columns: `by`, one count column per theme code (in
        theme_id order), total.
    """
    table = coded_contexts
    if by not in table.columns and by != "term":
        table = with_metadata(table, documents)
        # A document missing from the metadata sidecar still counts, under its own label.
        table[by] = table[by].fillna("(no metadata)")
    return theme_matrix(table, themes, by=by)


def theme_quotes(themes: pd.DataFrame) -> pd.DataFrame:
    """The representative quotes of each theme, one per row.

    Args:
        themes: The themes codebook (its `quotes` column holds `[seg_id] quote` joined by
            ` || `).

    Returns:
        One row per quote, by theme_id and rank. Columns: code, label, rank (1 = most
        representative), seg_id, quote.
    """
    rows = []
    for theme in themes.sort_values("theme_id").itertuples(index=False):
        parts = [p for p in str(theme.quotes or "").split(QUOTE_SEPARATOR) if p.strip()]
        for rank, part in enumerate(parts, start=1):
            seg_id, _, quote = part.partition("] ")
            rows.append((theme.code, theme.label, rank, seg_id.lstrip("["), quote.strip()))
    return pd.DataFrame(rows, columns=["code", "label", "rank", "seg_id", "quote"])


def _pairs(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    return before[["context_id", "code"]].merge(
        after[["context_id", "code"]], on="context_id", suffixes=("_before", "_after")
    )


def compare_codings(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Cross-table of two codings of the same contexts, for example before and after a re-fit.

    Args:
        before: A coded_contexts table (context_id, code).
        after: Another coded_contexts table over the same contexts.

    Returns:
        Counts of contexts with each pair of codes: one row per code of `before`, one
        column per code of `after` (both sorted); contexts coded in only one of the two
        are left out. The index is named `before`, the columns `after`.
    """
    pairs = _pairs(before, after)
    table = pd.crosstab(pairs["code_before"], pairs["code_after"])
    table.index.name, table.columns.name = "before", "after"
    return table


def coding_agreement(before: pd.DataFrame, after: pd.DataFrame) -> float:
    """How alike two codings of the same contexts are, whatever the codes are called.

    Args:
        before: A coded_contexts table (context_id, code).
        after: Another coded_contexts table over the same contexts.

    Returns:
        The adjusted Rand index over the contexts coded in both: 1 for the same grouping,
        about 0 for a grouping no more alike than chance (NaN when no context is shared).
    """
    # Imported here: scikit-learn takes seconds to load and only this comparison needs it.
    from sklearn.metrics import adjusted_rand_score

    pairs = _pairs(before, after)
    if pairs.empty:
        return float("nan")
    return float(adjusted_rand_score(pairs["code_before"], pairs["code_after"]))
