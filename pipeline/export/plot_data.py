"""Small CSV files for `dvc plots show`: association bars per term and theme sizes.

DVC draws each file in `reports/plots/associations/` as a horizontal bar chart of
`score` (the report's network measure) against `associate`.
"""

from __future__ import annotations

import re

import pandas as pd


def term_slug(term: str) -> str:
    """A file-name-safe form of a term: `eigen kracht` -> `eigen_kracht`."""
    return re.sub(r"[^\w-]+", "_", term.strip().lower()).strip("_") or "term"


def association_bars(
    associations: pd.DataFrame, *, terms: list[str], measure: str, top_n: int
) -> dict[str, pd.DataFrame]:
    """The strongest associates of each term, one table per term.

    Args:
        associations: The associations table.
        terms: Focal terms; terms without associations get no table.
        measure: Association measure written as `score`.
        top_n: Associates per term.

    Returns:
        Term slug to table. Columns: associate, score, measure, n_cooc.
    """
    bars: dict[str, pd.DataFrame] = {}
    for term in terms:
        rows = associations[associations["term"] == term]
        rows = rows.sort_values([measure, "associate"], ascending=[False, True]).head(top_n)
        if rows.empty:
            continue
        bars[term_slug(term)] = pd.DataFrame(
            {
                "associate": rows["associate"].to_numpy(),
                "score": rows[measure].round(4).to_numpy(),
                "measure": measure,
                "n_cooc": rows["n_cooc"].to_numpy(),
            }
        )
    return bars


def theme_sizes(themes: pd.DataFrame) -> pd.DataFrame:
    """Contexts per theme for a bar chart.

    Returns:
        One row per theme, by theme_id. Columns: theme (code), size, n_docs.
    """
    ordered = themes.sort_values("theme_id")
    return pd.DataFrame(
        {
            "theme": ordered["code"].to_numpy(),
            "size": ordered["size"].to_numpy(),
            "n_docs": ordered["n_docs"].to_numpy(),
        }
    )
