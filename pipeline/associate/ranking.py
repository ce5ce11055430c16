"""The order of a term's associations, and thresholds that scale with the corpus.

Each term's associations are ranked by `associate.rank_by`, after the tier of those the text
states (`pipeline.associate.stated`). Ties are broken on purpose, never alphabetically: by
dispersion over units (the units where the pair co-occurs), then over documents, then over
speakers, then by the associate's frequency, and last by where it first occurs.

With `min_count` and `min_cooc` set to `auto` the thresholds grow with the corpus: 1 below
`SMALL` non-punctuation tokens (one report or a handful of meetings, where most of what a
text names occurs once), 2 below `LARGE`, and 3 above.
"""

from __future__ import annotations

import pandas as pd

SMALL, LARGE = 5_000, 1_000_000
ASCENDING = frozenset({"fisher_p"})  # measures where lower is stronger


def auto_threshold(value: int | str, n_tokens: int) -> int:
    """Resolve a `min_count` or `min_cooc` value (`auto` or a number) for a corpus size."""
    if value != "auto":
        return int(value)
    return 1 if n_tokens < SMALL else 2 if n_tokens < LARGE else 3


def rank_associations(table: pd.DataFrame, rank_by: str) -> pd.DataFrame:
    """Sort associations per term (A-Z): stated first, then by the measure and the tie-breaks.

    Args:
        table: Associations with the measure columns, `stated`, `n_units` (units of
            co-occurrence), `n_docs`, `n_speakers`, `n_assoc` and `first_pos`.
        rank_by: The measure that ranks.

    Returns:
        The table in that order.
    """
    order = [
        ("term", True),
        ("is_stated", False),
        (rank_by, rank_by in ASCENDING),
        ("n_units", False),
        ("n_docs", False),
        ("n_speakers", False),
        ("n_assoc", False),
        ("first_pos", True),
    ]
    keyed = table.assign(is_stated=table["stated"].fillna("").ne(""))
    keyed = keyed.sort_values([c for c, _ in order], ascending=[a for _, a in order], kind="stable")
    return keyed.drop(columns="is_stated")
