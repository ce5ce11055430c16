"""The focal-term lexicon and term matching over annotated tokens.

A word matches a term when its lower-cased lemma or lower-cased surface form is

1. an inflected form of the term or of one of its variants (`inflections`), or the same with
   hyphens removed (burger-initiatief);
2. with `compounds: true`, a compound with such a form as its head (burgerparticipatie,
   zelfregie: at least 3 letters before it) or as its modifier (maatwerkaanpak,
   zelfredzaamheidsmatrix with linking -s-/-e-/-en-: at least 3 letters after it), or a
   hyphenated word with such a part (refugee-led-initiatieven);
3. a multiword form ("eigen kracht"), matched token by token on inflected forms.

Both the lemma and the surface are tried because a trained lemmatizer is least reliable on
exactly the rare compounds researchers care about; generating inflected forms of the term
plays the part of stripping endings from the surface. A word that equals, starts with or
ends with an excluded form of its term (regisseur, regisseursrol) is no hit.

`pipeline.associate.hits` applies the lexicon to a tokens table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline.params import TermSpec

MIN_REMAINDER = 3
LINKERS = ("", "s", "e", "en", "-")
HYPHENS = "-‐‑"
_VOWELS = set("aeiouy")
_SPLIT_HYPHENS = re.compile(f"[{HYPHENS}]+")
SLASH = re.compile(r"(?<=\w)/(?=\w)")

# How a word matched; a lower rank wins when a word could be several terms.
EXACT, HEAD, MODIFIER = 0, 1, 2


def _stems(word: str) -> set[str]:
    """Stems that take a vowel-initial ending: zelfredzaam -> zelfredzam, initiatief -> -tiev."""
    stems = {word}
    last = word[-1:]
    if len(word) >= 4 and last not in _VOWELS and word[-3:-1] in ("aa", "ee", "oo", "uu"):
        stems.add(word[:-2] + last)  # open syllable: the long vowel is written single
    if last in "fs" and len(word) >= 3:
        stems |= {s[:-1] + {"f": "v", "s": "z"}[last] for s in list(stems)}
    if word.endswith("heid"):
        stems.add(word[:-4] + "hed")  # mogelijkheid -> mogelijkheden
    if len(word) >= 3 and last not in _VOWELS and word[-2] in "aeiou" and word[-3] not in _VOWELS:
        stems.add(word + last)  # short vowel: the consonant doubles (gesprek -> gesprekken)
    return stems


def inflections(word: str) -> frozenset[str]:
    """Dutch inflected forms of a word: plurals, adjective endings and diminutives.

    The list is generous on purpose: a form that does not exist in Dutch never matches
    anything, while a missing form loses hits.

    Args:
        word: A term, variant or excluded word (any case).

    Returns:
        The lower-cased word and its inflected forms.
    """
    w = word.lower().strip()
    if not w:
        return frozenset()
    forms = {w, w + "s", w + "'s", w + "st", w + "ste", w + "je", w + "jes", w + "tje", w + "tjes"}
    if w.endswith("e"):
        forms |= {w + "n", w + "ën", w + "ns"}
    else:
        for stem in _stems(w):
            forms |= {stem + suffix for suffix in ("e", "en", "er", "ere", "ers", "ens")}
    return frozenset(forms)


def _modifier_prefixes(word: str) -> set[str]:
    """How a word may start a compound: itself or its plural, plus a linking element."""
    return {
        stem + linker for stem in {word, *(s + "en" for s in _stems(word))} for linker in LINKERS
    }


def _common_prefix(words: set[str]) -> str:
    first, last = min(words), max(words)  # the lexicographic extremes bound every prefix
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


@dataclass
class Lexicon:
    """The compiled term lexicon; build it with `compile_lexicon`.

    Attributes:
        terms: Canonical terms in lexicon order.
        exact: Inflected form (hyphens removed) to term.
        heads: Forms that may end a compound, to term (compounding terms only).
        modifiers: Form plus linker that may start a compound, to term.
        excluded: Per term, inflected forms of its false friends.
        multiword: (term, allowed forms per position) for each multiword form.
        compounding: Terms for which compounds match.
        cores: The beginnings shared by all forms of each word: a key holding none of them
            cannot match, which rules out most of a vocabulary at C speed.
    """

    terms: list[str]
    exact: dict[str, str] = field(default_factory=dict)
    heads: dict[str, str] = field(default_factory=dict)
    modifiers: dict[str, str] = field(default_factory=dict)
    excluded: dict[str, frozenset[str]] = field(default_factory=dict)
    multiword: list[tuple[str, tuple[frozenset[str], ...]]] = field(default_factory=list)
    compounding: set[str] = field(default_factory=set)
    cores: re.Pattern | None = None
    _cache: dict[str, tuple[str, int] | None] = field(default_factory=dict, repr=False)

    def _compound(self, key: str) -> tuple[str, int] | None:
        for i in range(MIN_REMAINDER, len(key)):  # longest head first
            if key[i:] in self.heads:
                return self.heads[key[i:]], HEAD
        for j in range(len(key) - MIN_REMAINDER, 0, -1):  # longest modifier first
            if key[:j] in self.modifiers:
                return self.modifiers[key[:j]], MODIFIER
        return None

    def _match(self, key: str) -> tuple[str, int] | None:
        joined = _SPLIT_HYPHENS.sub("", key)
        if joined in self.exact:
            return self.exact[joined], EXACT
        found = [self._compound(joined)]
        parts = [p for p in _SPLIT_HYPHENS.split(key) if p]
        if len(parts) > 1:
            # a hyphenated word is a compound of its parts: refugee-led-initiatieven
            for part in reversed(parts):
                match = self._match(part)
                if match and match[0] in self.compounding:
                    found.append((match[0], max(match[1], HEAD)))
        found = [m for m in found if m is not None]
        return min(found, key=lambda m: m[1]) if found else None

    def _is_excluded(self, key: str, term: str) -> bool:
        joined = _SPLIT_HYPHENS.sub("", key)
        return any(
            k.startswith(ex) or k.endswith(ex)
            for ex in self.excluded.get(term, ())
            for k in {key, joined, *_SPLIT_HYPHENS.split(key)}
        )

    def lookup(self, key: str) -> tuple[str, int] | None:
        """Match one lower-cased key, without the false-friend check (cached).

        Args:
            key: A lower-cased lemma or surface form.

        Returns:
            (term, rank) or None.
        """
        if key not in self._cache:
            hopeful = key and (self.cores is None or self.cores.search(_SPLIT_HYPHENS.sub("", key)))
            self._cache[key] = self._match(key) if hopeful else None
        return self._cache[key]

    def match(self, *keys: str) -> tuple[str, int] | None:
        """Match one word given its candidate keys (lemma, surface).

        Args:
            *keys: Lower-cased forms of the word, typically its lemma and surface.

        Returns:
            (term, rank) with rank EXACT, HEAD or MODIFIER, or None when no key matches or
            a key is a false friend of the term found.
        """
        best = None
        for key in keys:
            found = self.lookup(key)
            if found and (best is None or found[1] < best[1]):
                best = found
        if best and any(self._is_excluded(k, best[0]) for k in keys if k):
            return None
        return best


def compile_lexicon(terms: Mapping[str, TermSpec]) -> Lexicon:
    """Compile the term lexicon from `params.associate.terms`.

    Args:
        terms: Canonical term to its spec. A canonical term with a space is a multiword term.

    Returns:
        The lexicon; where two terms claim the same form, the first term in order wins.
    """
    lexicon = Lexicon(terms=list(terms))
    for term, spec in terms.items():
        singles = [w.lower() for w in (term, *spec.variants) if " " not in w.strip()]
        multis = [w.lower() for w in (term, *spec.variants, *spec.multiword) if " " in w.strip()]
        for word in singles:
            for form in inflections(word):
                lexicon.exact.setdefault(_SPLIT_HYPHENS.sub("", form), term)
                if spec.compounds:
                    lexicon.heads.setdefault(form, term)
            if spec.compounds:
                lexicon.compounding.add(term)
                for prefix in _modifier_prefixes(word):
                    lexicon.modifiers.setdefault(prefix, term)
        # an excluded word inside the term itself would exclude the term: skip it
        lexicon.excluded[term] = frozenset(
            form
            for ex in spec.exclude
            for form in inflections(ex)
            if not any(form in w for w in singles)
        )
        for phrase in multis:
            lexicon.multiword.append((term, tuple(inflections(w) for w in phrase.split())))
    cores = {
        _common_prefix(inflections(w) | _modifier_prefixes(w))
        for term, spec in terms.items()
        for w in (term.lower(), *(v.lower() for v in spec.variants))
        if " " not in w.strip()
    }
    if cores and all(cores):
        lexicon.cores = re.compile("|".join(re.escape(c) for c in sorted(cores)))
    return lexicon
