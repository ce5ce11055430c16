"""Training-data variants for what the test domain has and the training files lack.

Dutch newspaper text (the Alpino treebank) quotes with `,,` and `''`; the training files
almost only use `"`. A model that never saw `,,` and `''` misplaces sentence boundaries
and punctuation around them, so part of the quoted training sentences get those quotes.
"""

from __future__ import annotations

import pandas as pd


def quote_variants(words: pd.DataFrame, *, every: int = 2) -> pd.DataFrame:
    """Rewrite straight double quotes as `,,` ... `''` in every `every`-th quoted sentence.

    Only sentences with an even number of `"` are changed, alternating opening and closing
    quotes; spacing, heads and relations stay as they are.

    Args:
        words: A word table (`read_conllu`).
        every: Change one in this many quoted sentences (1 changes all).

    Returns:
        A copy with `form`, `lemma` and `sent_text` rewritten in the chosen sentences.
    """
    out = words.copy()
    quote = out["form"] == '"'
    keys = out["file"] + "\\t" + out["sent_id"]
    counts = quote.groupby(keys).sum()
    quoted = counts[(counts > 0) & (counts % 2 == 0)].index[::every]
    rows = out.index[quote & keys.isin(quoted)]
    opening = out.loc[rows].groupby(keys[rows]).cumcount() % 2 == 0
    forms = pd.Series(["''"] * len(rows), index=rows)
    forms[opening.to_numpy()] = ",,"
    out.loc[rows, "form"] = forms
    out.loc[rows, "lemma"] = forms
    changed = keys.isin(quoted)
    out.loc[changed, "sent_text"] = _rebuilt_texts(out[changed])
    return out


def _rebuilt_texts(words: pd.DataFrame) -> pd.Series:
    """The sentence text of each row's sentence, rebuilt from forms and spacing."""
    pieces = words["form"] + words["space_after"].map({True: " ", False: ""})
    keys = words["file"] + "\\t" + words["sent_id"]
    texts = pieces.groupby(keys, sort=False).agg("".join).str.rstrip(" ")
    return keys.map(texts)
