"""Person names found by rules: name lists, capitalisation and the words around a name.

Dutch capitalises few words inside a sentence, so a capitalised word there is a proper noun:
a person, a place, an organisation, a language or a feast. The rules keep the persons:

1. A word after a form of address or a role ("mevrouw De Groot", "wethouder Bakker") or after
   initials ("J. de Vries") is a name, even when it is also an ordinary word.
2. Inside a sentence, a capitalised word on a name list, or one that is no Dutch word or
   Dutch compound ("Gebremariam", not "Deltawerken"), is a name unless
   `pipeline.privacy.nonpersons` marks it as a place, organisation or the like.
3. At the start of a sentence capitals say nothing, so a word there must be on a name list
   and be no frequent Dutch word ("Ben je ...", "Groot is ..."), or be no Dutch word at all.
4. Names grow over tussenvoegsels and further capitalised words ("Karin van Dijk", "Ben
   Haddou"), and a listed word joined to a name by "en" is a name too ("Kok en Vos"), as
   is a listed surname next to a name in a comma list ("Beerlage, Hoek, Van Dijk").
5. A first name in lower case counts when it is no Dutch word ("zoals fatima zei").
"""

from __future__ import annotations

import re

from pipeline.privacy import wordlists
from pipeline.privacy.lexicon import Lexicon, load_lexicon
from pipeline.privacy.nonpersons import INTERFIX_WORDS, mark_non_persons
from pipeline.privacy.spans import Span, merge_spans
from pipeline.privacy.tokens import Token, joined, tokenize, zipf

_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.(?:\s?[A-Z]\.){0,3})(?=\s?[\w'])")
_POSSESSIVE = re.compile(r"(?:['’]s|s)$")
_VOWEL = re.compile(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]")
# Sentence-initial words this frequent (Zipf) are read as words: "Groot", "Ben", not "Mark".
_FREQUENT_ZIPF = 5.0
# A surname alone at the start of a sentence must be rarer still as a word ("Bakker").
_SURNAME_START_ZIPF = 4.0
# Unlisted words at the start of a sentence, and lower-case first names, must be rarer yet.
_UNKNOWN_START_ZIPF = 3.0
_LOWERCASE_ZIPF = 3.5


class _Text:
    """The tokens of one text and the lexicon's verdict on each."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        self.lex = lexicon
        self.toks = tokenize(text)
        self.excluded = mark_non_persons(text, self.toks, lexicon)

    def stem(self, tok: Token) -> str:
        """The word without a possessive `s` when the bare word is a known name."""
        bare = _POSSESSIVE.sub("", tok.text)
        if bare == tok.text or self.lex.is_known_name(tok.text) or zipf(tok.fold) >= 3.5:
            return tok.text  # "Namens" is a word, not the possessive of "Namen"
        return bare if self.lex.is_known_name(bare) else tok.text

    def compound(self, word: str) -> bool:
        """Whether a word splits into two Dutch words ("deltawerken"): names seldom do."""
        words = self.lex.dutch_words
        for cut in range(3, len(word) - 3):
            head, tail = word[:cut], word[cut:]
            if tail in words and (head in words or (head[-1] in "se" and head[:-1] in words)):
                return True
        return False

    def interfix_run(self, i: int) -> int:
        """Number of tokens from `i` that form a tussenvoegsel ("van der", "el")."""
        for n in (3, 2, 1):
            window = self.toks[i : i + n]
            if len(window) == n and " ".join(t.fold for t in window) in self.lex.interfixes:
                return n
        return 0

    def surname_after(self, i: int, *, places: bool = False) -> int | None:
        """Index of a capitalised word at `i`, or after a tussenvoegsel starting at `i`.

        With `places`, a word ruled out only as a place still counts: after a title,
        "de heer Kamp" and "mevrouw Westerveld" are people.
        """
        j = i + self.interfix_run(i)
        if j >= len(self.toks) or not self.toks[j].capitalised:
            return None
        if self.excluded[j] and not (places and self.place_only(j)):
            return None
        return j if j == i or joined(self.text, self.toks[j - 1], self.toks[j]) else None

    def place_only(self, j: int) -> bool:
        """Whether a word is a single-word place name and nothing else that rules it out."""
        tok = self.toks[j]
        return (
            tok.fold in self.lex.places
            and tok.fold not in self.lex.organisations
            and tok.fold not in self.lex.not_names
            and not tok.camel
            and not tok.text.isupper()
        )

    def is_name(self, i: int) -> bool:
        """Rules 2, 3 and 5: a word that is a name by itself."""
        tok = self.toks[i]
        if tok.text.islower():
            return (
                len(tok.text) > 3
                and tok.fold in self.lex.first_names
                and not self.lex.is_dutch_word(tok.text)
                and zipf(tok.fold) < _LOWERCASE_ZIPF
            )
        if not tok.capitalised or self.excluded[i] or tok.fold in INTERFIX_WORDS:
            return False
        if not _VOWEL.search(tok.fold):
            return False  # "Pff", "Hmm", "Mhm"
        word = self.stem(tok)
        fold = word.casefold()
        listed = self.lex.is_known_name(word)
        dutch = self.lex.is_dutch_word(word)
        if not tok.sentence_start:
            return listed or not (dutch or self.compound(fold))
        if fold in self.lex.stop_words:
            return False
        if fold in self.lex.first_names:
            return not dutch or zipf(fold) < _FREQUENT_ZIPF
        if listed:
            return not dutch or zipf(fold) < _SURNAME_START_ZIPF
        return not dutch and zipf(fold) < _UNKNOWN_START_ZIPF


def _office(t: _Text, title: str, i: int) -> bool:
    """Whether a role is followed by what it is of: "minister van Financiën", not a name."""
    return (
        title in wordlists.ROLES
        and t.toks[i].text in ("van", "voor")
        and i + 1 < len(t.toks)
        and t.lex.is_dutch_word(t.toks[i + 1].text)
        and not t.lex.is_known_name(t.toks[i + 1].text)
    )


def _after_titles(t: _Text) -> set[int]:
    """Rule 1: the words after a form of address or a role."""
    found: set[int] = set()
    toks = t.toks
    for i, tok in enumerate(toks):
        fold = "de heer" if tok.fold == "heer" and i and toks[i - 1].fold == "de" else tok.fold
        if fold not in wordlists.NEVER_NAMES - wordlists.INSTITUTIONS:
            continue
        start = i + 1
        if start < len(toks) and toks[start].fold in wordlists.HONORIFICS:
            start += 1  # "mevrouw dr. Yilmaz"
        if start >= len(toks) or _office(t, fold, start):
            continue
        gap = t.text[tok.end : toks[start].start]
        # "mw. Jansen" is a title with a name; "voorzitter. Ik wil ..." is not.
        abbreviated = gap.startswith(".") and f"{fold}." in wordlists.HONORIFICS
        j = t.surname_after(start, places=True)
        if j is not None and (gap == " " or (abbreviated and gap.strip(" .") == "")):
            found |= set(range(start, j + 1))
    return found


def _initials(t: _Text) -> list[Span]:
    """Rule 1 for initials: "J. de Vries", "A.M. Koster"."""
    spans = []
    for m in _INITIALS.finditer(t.text):
        after = next((i for i, tok in enumerate(t.toks) if tok.start >= m.end()), None)
        if after is None or t.text[m.end() : t.toks[after].start].strip():
            continue
        j = t.surname_after(after)
        if j is not None:
            spans.append(Span(m.start(), t.toks[j].end))
    return spans


def _grow_once(t: _Text, names: set[int], i: int) -> set[int]:
    """Rule 4 for one name token: the tokens its name extends over."""
    toks, lex, new = t.toks, t.lex, set()
    # Right: "Karin" + "van Dijk", "Rania" + "Haddad".
    if i + 1 < len(toks) and joined(t.text, toks[i], toks[i + 1]):
        j = t.surname_after(i + 1)
        if j is not None and (
            j > i + 1 or not lex.is_dutch_word(toks[j].text) or lex.is_known_name(toks[j].text)
        ):
            new |= set(range(i + 1, j + 1))
    # Left: a tussenvoegsel before a surname ("de Jong", "Van den Broek").
    surname = toks[i].fold in lex.interfix_surnames or (
        toks[i].fold in lex.surnames and toks[i].fold not in lex.first_names
    )
    if surname and i and (i - 1) not in names and joined(t.text, toks[i - 1], toks[i]):
        for n in (3, 2, 1):
            if i - n >= 0 and toks[i - n].fold in INTERFIX_WORDS and t.interfix_run(i - n) == n:
                new |= set(range(i - n, i))
                break
    # Left: a capitalised first name before a name ("Ben Haddou").
    if i and joined(t.text, toks[i - 1], toks[i]):
        before = toks[i - 1]
        if before.capitalised and not t.excluded[i - 1] and before.fold in lex.first_names:
            new.add(i - 1)
    # "Kok en Vos": a listed word joined to a name by "en" or "of"; in a list of names
    # ("Beerlage, Hoek, Van Dijk") a listed surname counts even when it is also a place.
    for other in (i - 2, i + 2):
        if 0 <= other < len(toks) and toks[(other + i) // 2].fold in {"en", "of"}:
            tok = toks[other]
            if tok.capitalised and not t.excluded[other] and lex.is_known_name(t.stem(tok)):
                new.add(other)
    for other in (i - 1, i + 1):
        if 0 <= other < len(toks) and _listed(t, min(i, other), max(i, other), other):
            new.add(other)
    return new - names


def _listed(t: _Text, left: int, right: int, other: int) -> bool:
    """Whether word `other`, next to a name in a comma list, is a surname too.

    A listed surname or a word that is no Dutch word ("Beerlage", which splits into two
    words and so fails the compound test elsewhere).
    """
    tok = t.toks[other]
    return (
        t.text[t.toks[left].end : t.toks[right].start] == ", "
        and tok.capitalised
        and (not t.excluded[other] or t.place_only(other))
        and (t.lex.is_known_name(t.stem(tok)) or not t.lex.is_dutch_word(tok.text))
    )


def find_names_rules(text: str, *, lexicon: Lexicon | None = None) -> list[Span]:
    """Person names in a text, found by the rules in this module's docstring.

    Args:
        text: Any text.
        lexicon: Word lists; the shared lexicon by default.

    Returns:
        Sorted, non-overlapping spans of kind `person`, without titles.
    """
    t = _Text(text, lexicon or load_lexicon())
    names = {i for i in range(len(t.toks)) if t.is_name(i)} | _after_titles(t)
    grown = names
    while grown:
        grown = set().union(*(_grow_once(t, names, i) for i in names))
        names |= grown
    spans = [Span(t.toks[i].start, t.toks[i].start + len(t.stem(t.toks[i]))) for i in names]
    # Neighbouring name words ("Fatima el Amrani") become one span.
    joined_spans: list[Span] = []
    for span in sorted(spans + _initials(t)):
        if joined_spans and text[joined_spans[-1].end : span.start] in {" ", "-"}:
            joined_spans[-1] = Span(joined_spans[-1].start, max(joined_spans[-1].end, span.end))
        else:
            joined_spans.append(span)
    return merge_spans(joined_spans)
