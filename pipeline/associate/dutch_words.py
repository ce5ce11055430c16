"""Is a lemma a real Dutch word? For telling a lemmatizer's slip from a rare lemma.

A word is real when general Dutch uses it (wordfreq lists it), or when it is a compound of
known words: a first part of at least `MIN_PART` letters, optionally followed by a linking
-s-, -e- or -en-, then a lemma of at least `MIN_HEAD` letters from spaCy's Dutch lemma index
(`spacy-lookups-data`: about 160,000 nouns, 19,000 verbs and 22,000 adjectives), so
statushouder = status + houder. The first part must be in that index or common in wordfreq
(`PART_ZIPF`), since wordfreq also lists bits of words ("aange"). The index alone does not
make a word real: it also lists slips such as "aangepassen" and "constaterende".
"""

from __future__ import annotations

from functools import cache

from spacy.lookups import load_lookups
from wordfreq import zipf_frequency

from pipeline.associate.keyness import general_dutch

MIN_PART = 3
MIN_HEAD = 4
PART_ZIPF = 3.0  # a compound's first part known to wordfreq alone must be this common
LINKERS = ("", "s", "e", "en")
INDEXED = ("noun", "verb", "adj")


@cache
def _lemma_index() -> frozenset[str]:
    table = load_lookups("nl", ["lemma_index"]).get_table("lemma_index")
    return frozenset(word for pos in INDEXED for word in table.get(pos, ()))


def _part(word: str) -> bool:
    # wordfreq also lists bits of words ("aange"): a part must be a lemma or common
    return word in _lemma_index() or zipf_frequency(word, "nl") >= PART_ZIPF


@cache
def is_dutch_word(word: str) -> bool:
    """Whether a lower-cased word is a real Dutch word (see the module doc)."""
    if general_dutch().get(word, 0.0) > 0.0:
        return True
    index = _lemma_index()
    for cut in range(MIN_PART, len(word) - MIN_HEAD + 1):
        head = word[cut:]
        if head not in index:
            continue
        left = word[:cut]
        if any(left.endswith(k) and _part(left[: len(left) - len(k)] if k else left)
               for k in LINKERS if len(left) - len(k) >= MIN_PART):  # fmt: skip
            return True
    return False
