"""Words with their offsets, and whether each opens a sentence.

A regular expression rather than spaCy's tokenizer: spaCy splits hyphenated names such as
"Al-Hassan" into three tokens, while name finding needs whole names with their offsets, and
this is all it needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

_WORD = re.compile(r"['’]t(?!\w)|[^\W\d_]+(?:['’-][^\W\d_]+)*")
# What may stand between a sentence end and the next word: spaces, quotes, bullets and
# markdown marks ("# Breakoutroom 1", "> citaat").
_OPENERS = " \t\"'‘’“”«»*•([#>"
# "]" closes a transcriber's note: "[lacht] Pas in 2019 ..." starts afresh.
_SENTENCE_ENDS = ".!?:;\n…]"
# A dash opens a clause in headings ("Ronde 2 – Werken ...") and a list item at a line start.
_DASHES = "-–—"


@dataclass(frozen=True)
class Token:
    """A word of a text.

    Attributes:
        text: The word.
        start: Offset of its first character.
        end: Offset after its last character.
        sentence_start: Whether it opens a sentence, a line, a turn or a clause.
    """

    text: str
    start: int
    end: int
    sentence_start: bool

    @property
    def fold(self) -> str:
        """The word in lower case."""
        return self.text.casefold()

    @property
    def capitalised(self) -> bool:
        """Starts with a capital and is no all-capitals acronym."""
        return self.text[0].isupper() and not (len(self.text) > 1 and self.text.isupper())

    @property
    def camel(self) -> bool:
        """Has capitals inside a part, as organisations do: "VluchtelingenWerk", "KvK-nummer"."""
        return any(any(c.isupper() for c in part[1:]) for part in self.text.split("-"))


def is_sentence_start(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, line, turn or dash clause."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    dash = i >= 0 and text[i] in _DASHES and text[i + 1 : i + 2] == " "
    if dash and (i == 0 or text[i - 1] in " \n"):
        return True
    return i < 0 or text[i] in _SENTENCE_ENDS


def tokenize(text: str) -> list[Token]:
    """The words of a text, in order."""
    return [
        Token(m.group(), m.start(), m.end(), is_sentence_start(text, m.start()))
        for m in _WORD.finditer(text)
    ]


def joined(text: str, left: Token, right: Token) -> bool:
    """Whether two words belong to one phrase: only a space or a hyphen between them."""
    return text[left.end : right.start] in {" ", "-", " - "}


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Frequency of a lower-case word in Dutch on wordfreq's Zipf scale (0 when unseen)."""
    return zipf_frequency(word, "nl")
