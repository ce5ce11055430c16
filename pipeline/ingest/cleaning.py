"""Cleaning: undo the word breaks that page layout leaves in extracted text.

Repairs, each made only when the evidence says the text was broken:

- a word hyphenated across a line end is joined (`ver-` + `gadering` = `vergadering`) when
  the joined form is a word, and kept whole with its hyphen when Dutch spelling writes one
  (`Haga-complex`, `MKB-toets`, `zero-emissiezone`, `niet-schaalbare`, `2025-2028`);
- a stray space inside a word (`v ergadering`) goes when the joined form is a word and
  neither part is one, so `de heer` and `in een` stay; so does a space that extraction
  put before a closing mark (`De voorzitter .`, `vergadering ,`).

A form "is a word" when the document itself uses it elsewhere or the `wordfreq` list of the
language knows it. The document's own vocabulary comes first: a document that writes
`ov-chipkaart` keeps the hyphen of `ov-` + `systeem`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from wordfreq import zipf_frequency

# Zipf 3 is once per million words: below it the list holds hyphenation fragments and typos.
WORD_ZIPF = 3.0
# A joined form the list knows at all (once per billion words) was written whole by someone;
# unless two vowels meet at the seam, where Dutch spelling wants the hyphen.
JOINED_ZIPF = 1.0
# Two single letters joined (`e n`) must make a very common word (`en`, `op`, `de`).
SHORT_JOIN_ZIPF = 5.0
# A document hyphenates by syllable when this many of its line-end breaks split a word in
# pieces that are no words (`verga-` + `dering`); compounds are then split the same way.
SYLLABLE_BREAKS = 2
# A joined form the document writes this often is its own evidence against a listed part.
USUAL_IN_DOCUMENT = 3
ONE_LETTER_WORDS = frozenset({"u"})
_VOWELS = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûü")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LEAD = re.compile(r"[^\W\d_]+")
# A space between a word and the full stop, comma or bracket that closes it.
_SPACE_BEFORE_MARK = re.compile(r"(?<=[^\W\d_]) (?=[.,;:!?)](?:\s|$))")
# Two letter runs separated by one space, standing alone (not `t/m`, `I.b`, `e-mail`);
# a lookahead, so that every pair of neighbours is tried.
_SPLIT = re.compile(r"(?<![\w./'’-])(?=([^\W\d_]+) ([^\W\d_]+)(?![\w/'’-]))")


@lru_cache(maxsize=200_000)
def _zipf(word: str, language: str) -> float:
    return zipf_frequency(word, language)


class Lexicon:
    """The words of one document, backed by a word list of its language.

    Args:
        lines: The document's lines. A word broken at a line end (`ver-` and the first word
            of the next line) is not counted, so a break is no evidence for itself.
        language: ISO 639-1 code for `wordfreq`.

    Attributes:
        counts: How often the document writes each word (lowercase; hyphenated compounds
            whole).
        prefixes: How often each word stands before a hyphen inside a compound (`ov` in
            `ov-chipkaart`).
        syllable_hyphenation: The document breaks words by syllable at line ends (set by
            `learn_hyphenation`).
    """

    def __init__(self, lines: Iterable[str], language: str = "nl"):
        self.language = language
        self.counts: Counter[str] = Counter()
        self.prefixes: Counter[str] = Counter()
        broken = False
        for line in lines:
            words = [w.lower() for w in _WORD.findall(line)]
            if broken and words:
                words = words[1:]
            broken = line.endswith(("-", "\u00ad"))
            if broken and words:
                words = words[:-1]
            self.counts.update(words)
            self.prefixes.update(part for w in words for part in w.split("-")[:-1])
        self.syllable_hyphenation = False

    def listed(self, word: str, zipf: float = WORD_ZIPF) -> bool:
        """Whether the word list of the language knows `word` (any case)."""
        return _zipf(word.lower(), self.language) >= zipf

    def is_word(self, part: str, *, listed: bool = True) -> bool:
        """Whether `part` is a word on its own: used elsewhere, or (if asked) listed."""
        lower = part.lower()
        if len(lower) < 2:
            return lower in ONE_LETTER_WORDS
        return self.counts[lower] >= 2 or (listed and self.listed(lower))

    def known(self, word: str) -> bool:
        """Whether a joined form is a word: the document uses it, or the list knows it."""
        return self.counts[word.lower()] > 0 or self.listed(word)

    def learn_hyphenation(self, breaks: Iterable[tuple[str, str]]) -> None:
        """Decide whether the document hyphenates by syllable, from its line-end breaks.

        Args:
            breaks: (text before the hyphen, first word after it) for every line-end hyphen.
        """
        syllable = 0
        for head, tail in breaks:
            last, first = _parts(head, tail)
            pieces = last and first and not (self.is_word(last) and self.is_word(first))
            if pieces and self.known(last + first):
                syllable += 1
        self.syllable_hyphenation = syllable >= SYLLABLE_BREAKS

    def joins_hyphen(self, head: str, tail: str) -> bool:
        """Whether a line-end hyphen between `head` and `tail` is a break, not a hyphen.

        Args:
            head: The word before the hyphen, without it (`ver`, `jeu-de`).
            tail: The first word of the next line (`gadering,`).

        Returns:
            True to join the word without the hyphen, False to keep the hyphen.
        """
        last, first = _parts(head, tail)
        if not last or not first:
            return False
        # A compound already written with hyphens goes on with them (`bed-bad-broodopvang`).
        if "-" in head or tail[len(first) : len(first) + 1] == "-":
            return False
        if _spelled_with_hyphen(last, first):
            return False
        joined, hyphenated = (last + first).lower(), f"{last}-{first}".lower()
        as_joined, as_hyphenated = self.counts[joined], self.counts[hyphenated]
        if as_joined or as_hyphenated:
            return as_joined > as_hyphenated
        if self.prefixes[last.lower()]:
            return False
        clash = _vowel_clash(last, first)
        if self.listed(joined, WORD_ZIPF if clash else JOINED_ZIPF):
            return True
        if clash:
            return False
        if self.is_word(first) and (last[0].isupper() or self.is_word(last)):
            # Two words: a compound split at its seam. Dutch writes it closed, so a
            # document that breaks words by syllable broke this one too; a name before
            # the hyphen (`Haga-complex`) keeps it.
            return self.syllable_hyphenation and last[0].islower()
        return True


def _parts(head: str, tail: str) -> tuple[str, str]:
    last = head.rsplit("-", 1)[-1]
    lead = _LEAD.match(tail)
    if not last.isalpha() or not lead:
        return "", ""
    return last, lead.group(0)


def _spelled_with_hyphen(last: str, first: str) -> bool:
    # A capital after the hyphen (`Noord-Holland`), a one-letter part (`e-sport`) or an
    # abbreviation (`MKB-`, `PvdA-`) takes a hyphen in Dutch spelling.
    return first[0].isupper() or len(last) == 1 or any(c.isupper() for c in last[1:])


def _vowel_clash(last: str, first: str) -> bool:
    # Dutch writes a hyphen where two vowels would run together: `hitte-eilanden`.
    return last[-1].lower() in _VOWELS and first[0].lower() in _VOWELS


def join_split_words(text: str, lexicon: Lexicon) -> tuple[str, int]:
    """Remove stray spaces inside words (`v ergadering` becomes `vergadering`).

    Args:
        text: Running text.
        lexicon: The document's words.

    Returns:
        The text and the number of spaces removed.
    """
    pieces: list[str] = []
    position = 0
    joined = 0
    for match in _SPLIT.finditer(text):
        first, second = match.group(1), match.group(2)
        if match.start() < position or not _stray_space(first, second, lexicon):
            continue
        pieces.append(text[position : match.start()])
        pieces.append(first + second)
        position = match.start() + len(first) + 1 + len(second)
        joined += 1
    pieces.append(text[position:])
    return "".join(pieces), joined


def _stray_space(first: str, second: str, lexicon: Lexicon) -> bool:
    # The list knows many short forms (`da`, `gen`); a document that writes the joined
    # form again and again (`dagen`) and the parts nowhere else shows they are pieces.
    usual = lexicon.counts[(first + second).lower()] >= USUAL_IN_DOCUMENT
    if any(lexicon.is_word(part, listed=not usual) for part in (first, second)):
        return False
    if not (second.islower() or (second.isupper() and first.isupper())):
        return False
    if len(first) == 1 and len(second) == 1:
        return first.islower() and lexicon.listed(first + second, SHORT_JOIN_ZIPF)
    return lexicon.known(first + second)


def close_mark_spaces(text: str) -> tuple[str, int]:
    """Remove the space between a word and the mark that closes it (`De voorzitter .`).

    Args:
        text: Running text.

    Returns:
        The text and the number of spaces removed.
    """
    return _SPACE_BEFORE_MARK.subn("", text)
