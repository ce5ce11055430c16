"""Keyness of associates against general Dutch, with wordfreq as the reference corpus.

For an associate with corpus frequency f_c (occurrences per million non-punctuation
tokens of this corpus) and reference frequency f_r (per million words of general Dutch),

    keyness = log2((f_c + s) / (f_r + s))

where s is `keyness_smoothing` (per million, default 1), added to both so that a word
missing from either side gives a finite value and rare words are not blown up. A keyness of
3 means eight times more frequent here than in general Dutch; generic high-frequency words
("gaan", "goed") land near or below 0.

wordfreq counts written word forms, not lemmas, so the reference frequency of an associate
is the sum of the wordfreq frequencies of the distinct surface forms it takes in this corpus
(netwerk: "netwerk" + "netwerken"). For a phrase, wordfreq's own estimate for a multiword
string is used, summed over the phrase's surface forms in the same way.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from wordfreq import get_frequency_dict, word_frequency

LANGUAGE = "nl"


@lru_cache(maxsize=1)
def general_dutch() -> dict[str, float]:
    """The wordfreq Dutch word list: lower-cased word to frequency (a fraction of all words)."""
    return get_frequency_dict(LANGUAGE)


@lru_cache(maxsize=200_000)
def reference_per_million(form: str) -> float:
    """Frequency of a word form (or multiword string) in general Dutch, per million words."""
    return word_frequency(form, LANGUAGE) * 1e6


def keyness(forms: pd.DataFrame, *, n_tokens: int, smoothing: float) -> pd.DataFrame:
    """Compute the log-ratio keyness of associates against general Dutch.

    Args:
        forms: One row per associate and written form, with columns `key`, `kind`, `form`
            (lower-cased surface) and `count` (occurrences of that form in the corpus).
        n_tokens: Non-punctuation tokens in the corpus (the denominator of f_c).
        smoothing: Per-million count added to both frequencies.

    Returns:
        One row per (key, kind), sorted, with columns `key`, `kind`, `corpus_per_million`,
        `reference_per_million` and `keyness`; never NaN.
    """
    forms = forms.assign(reference=[reference_per_million(f) for f in forms["form"]]).sort_values(
        ["key", "kind", "form"]
    )
    # summed in a fixed order, so the floats are the same on every run
    grouped = forms.groupby(["key", "kind"], sort=True)
    table = pd.DataFrame(
        {
            "corpus_per_million": grouped["count"].sum() / max(n_tokens, 1) * 1e6,
            "reference_per_million": grouped["reference"].sum(),
        }
    ).reset_index()
    table["keyness"] = np.log2(
        (table["corpus_per_million"] + smoothing) / (table["reference_per_million"] + smoothing)
    )
    return table
