"""The Dutch stop list shared by annotate, associate and themes."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.lang.nl.stop_words import STOP_WORDS


def dutch_stop_words(extra: Iterable[str] = ()) -> frozenset[str]:
    """SpaCy's Dutch stop words plus extra words, all lower-cased.

    Args:
        extra: Words to add, typically from a params section.

    Returns:
        The combined stop list.
    """
    return frozenset(w.lower() for w in STOP_WORDS) | frozenset(w.lower() for w in extra)
