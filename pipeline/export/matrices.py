"""Cross-tables of themes: by term, by document and by speaker.

Each cell counts theme-coded contexts, so every number can be traced back to the rows of
coded_segments that carry that theme. Rows that have no coded context are kept with
zeros: a term that never meets a theme is a finding, not a missing value.
"""

from __future__ import annotations

import pandas as pd

from pipeline.export.codebook import explode_terms

NO_SPEAKER = "(no speaker)"


def _theme_order(themes: pd.DataFrame, coded_contexts: pd.DataFrame) -> list[str]:
    ordered = list(themes.sort_values("theme_id")["code"])
    # Contexts coded with a theme missing from the codebook still need a column.
    return ordered + sorted(set(coded_contexts["code"]) - set(ordered))


def theme_matrix(
    coded_contexts: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    by: str,
    rows: list[str] | None = None,
) -> pd.DataFrame:
    """Count theme-coded contexts per row value and theme.

    Args:
        coded_contexts: The coded_contexts table.
        themes: The themes table, for the column order (by theme_id).
        by: `term` (a context with two terms counts for both), `doc_id` or `speaker`
            (contexts without speaker count under "(no speaker)").
        rows: Row values to show, in order, including ones without contexts; None shows
            the values that occur, sorted.

    Returns:
        One row per `by` value. Columns: the `by` column, one count column per theme code
        (ordered by theme_id), and total.
    """
    table = explode_terms(coded_contexts) if by == "term" else coded_contexts.copy()
    if by == "speaker":
        table["speaker"] = table["speaker"].fillna(NO_SPEAKER)
    counts = pd.crosstab(table[by], table["code"]) if len(table) else pd.DataFrame()
    index = rows if rows is not None else sorted(table[by].unique())
    counts = counts.reindex(index=index, columns=_theme_order(themes, coded_contexts))
    counts = counts.fillna(0).astype("int64")
    counts["total"] = counts.sum(axis=1).astype("int64")
    counts.index.name = by
    counts.columns.name = None
    return counts.reset_index()


def all_speakers(segments: pd.DataFrame) -> list[str]:
    """Every speaker label in the corpus, sorted, with "(no speaker)" last when needed."""
    speakers = sorted(segments["speaker"].dropna().unique())
    return speakers + ([NO_SPEAKER] if segments["speaker"].isna().any() else [])
