"""Overrides for the lemmatizer's systematic errors, from a committed table.

`lemma_overrides.csv` (next to this module) lists written forms whose lemma the bundled
model gets wrong every time or nearly so: "voeren" lemmatised as `varen` (so "regie voeren"
became "regie varen"), "ga" as `ga`, motion preambles ("Constaterende dat", "Verzoekt het
college") as proper nouns. They were found on the real dev texts (every (form, lemma) pair
that disagrees with spaCy's Dutch lookup table or the issue's list, checked by eye) and on
UD Dutch Alpino dev, where the remaining lemma errors are treebank conventions (separable
verbs, compounds without linking letters) rather than slips. Column `seen` says where and
how often.

A row applies to a token whose lower-cased text is `text` and whose lemma, lower-cased, is
`model_lemma`: the lemma becomes `lemma`, and the part of speech `upos` when one is given.
The table is applied after the annotation cache, so a change to it needs no re-annotation.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

TABLE = Path(__file__).with_name("lemma_overrides.csv")


@cache
def _overrides() -> pd.DataFrame:
    table = pd.read_csv(TABLE, dtype=str, keep_default_na=False)
    return table.set_index(["text", "model_lemma"])


def fix_lemmas(tokens: pd.DataFrame) -> pd.DataFrame:
    """Apply the override table to a tokens table.

    Args:
        tokens: The tokens table.

    Returns:
        A copy with the overridden lemmas (and parts of speech where the table gives one).
    """
    table = _overrides()
    key = pd.MultiIndex.from_arrays([tokens["text"].str.lower(), tokens["lemma"].str.lower()])
    found = table.reindex(key)
    hit = found["lemma"].notna().to_numpy()
    if not hit.any():
        return tokens
    fixed = tokens.copy()
    fixed.loc[hit, "lemma"] = found["lemma"].to_numpy()[hit]
    upos = found["upos"].fillna("").to_numpy()
    retag = hit & (upos != "")
    fixed.loc[retag, "upos"] = upos[retag]
    return fixed
