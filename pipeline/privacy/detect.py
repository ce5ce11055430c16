"""Find person names in a text: by rules, by deduce, or both, plus names already known.

Methods:
- `rules`: the project's own finder (`pipeline.privacy.rules`);
- `deduce`: deduce's name annotators (`pipeline.privacy.deduce_names`);
- `combined`: the union of both, the default. A missed name is worse than a replaced common
  word, and the union has the higher recall on the gold set (see
  `benchmarks/eval_pseudonymize.py`).

Whatever the method, names already known (speakers, names found elsewhere in the run) are
also matched wherever they occur, so a name found once is replaced everywhere. A find made
only of roles, forms of address and institutions ("Voorzitter", "de Kamer", "het College")
is never a name, whoever found it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.privacy.deduce_names import find_names_deduce
from pipeline.privacy.evidence import CorpusEvidence
from pipeline.privacy.lexicon import Lexicon, load_lexicon
from pipeline.privacy.nonpersons import mark_non_persons
from pipeline.privacy.rules import find_names_rules
from pipeline.privacy.spans import Span, merge_spans
from pipeline.privacy.speakers import strip_titles
from pipeline.privacy.tokens import tokenize
from pipeline.privacy.wordlists import NEVER_NAMES

METHODS = ("combined", "rules", "deduce")
_INITIALS_ONLY = re.compile(r"^(?:[A-Za-z]{1,2}\.\s?)+$")
_ARTICLES = frozenset({"de", "het", "der", "den", "van", "'t", "een"})


def is_role_phrase(phrase: str) -> bool:
    """Whether a phrase holds only roles, forms of address, institutions and articles.

    Args:
        phrase: A found name, such as "Voorzitter", "de Kamer" or "mevrouw De Vries".

    Returns:
        True for "Voorzitter", "de Kamer", "het College", "Tweede Kamer"; False as soon as
        one word is something else ("De Vries", "Kamer van Koophandel").
    """
    words = [w.casefold().rstrip(".") for w in re.findall(r"[\w'’.-]+", phrase)]
    words = [w for w in words if w not in _ARTICLES]
    return " ".join(words) in NEVER_NAMES or all(w in NEVER_NAMES for w in words)


DEFAULT_METHOD = "combined"


def name_variants(name: str, lexicon: Lexicon) -> set[str]:
    """A full name and the shorter forms that can stand for it in talk.

    The full name is kept even when it is also a place ("Westerveld", found as "mevrouw
    Westerveld"); a shorter form that is a place ("Utrecht" of "Jan van Utrecht") is not.
    """
    words = name.split()
    forms = {name}
    if len(words) > 1:
        forms |= {words[0], words[-1], " ".join(words[1:])}
    return {
        form
        for form in forms
        if sum(c.isalpha() for c in form) > 1
        and not _INITIALS_ONLY.match(form)
        and form.casefold() not in lexicon.stop_words
        and form.casefold() not in lexicon.interfixes
        and (form == name or not lexicon.is_not_person(form))
        and not is_role_phrase(form)
    }


class KnownNames:
    """Matches known names and their short forms wherever they occur.

    A form made only of words that are no ordinary Dutch word ("Fatima", "el Amrani") matches
    in any case, as automatic transcripts write "fatima"; a form that is also a word
    ("Bakker", "Roos") matches only with its capitals, and tussenvoegsels match either way
    ("de Vries", "De Vries").

    Args:
        names: Full names, without titles.
        lexicon: Word lists; the shared lexicon by default.
    """

    def __init__(self, names: Iterable[str], *, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        forms: set[str] = set()
        for name in names:
            forms |= name_variants(name, self.lexicon)
        self.forms = frozenset(forms)
        patterns = [self._pattern(f) for f in sorted(forms, key=lambda f: (-len(f), f))]
        self.regex = (
            # Bounded by anything but letters, digits and hyphens; "_" counts as a boundary,
            # so "interview_fatima" holds "fatima".
            re.compile(r"(?<![^\W_])(?<!-)(?:" + "|".join(patterns) + r")(?=s?(?![^\W_])(?!-))")
            if patterns
            else None
        )

    def _pattern(self, form: str) -> str:
        words = re.split(r"[\s-]+", form)
        anycase = not any(self.lexicon.is_dutch_word(w) for w in words)
        parts = [
            f"(?i:{re.escape(w)})"
            if anycase or w.casefold() in self.lexicon.interfixes
            else re.escape(w)
            for w in words
        ]
        return r"[\s-]+".join(parts)

    def find(self, text: str) -> list[Span]:
        """Spans of known names in a text."""
        if self.regex is None:
            return []
        return [Span(m.start(), m.end()) for m in self.regex.finditer(text)]


def _deduce_spans(text: str, lexicon: Lexicon) -> list[Span]:
    """Names found by deduce, without leading titles, places or organisations.

    deduce includes titles ("mevrouw De Vries", "collega Fleur"); the pseudonymiser decides
    itself which titles to absorb. A span whose every word is a place, organisation or other
    non-person by `pipeline.privacy.nonpersons` ("Rode Kruis Utrecht") is dropped.
    """
    toks = tokenize(text)
    excluded = mark_non_persons(text, toks, lexicon)
    spans = []
    for span in find_names_deduce(text):
        words = list(re.finditer(r"\S+", span.text(text)))
        titles, _ = strip_titles([w.group() for w in words])
        start = len(titles)
        while (
            start < len(words)
            and words[start].group().islower()
            and (words[start].group() not in lexicon.interfixes or start == len(words) - 1)
        ):
            start += 1
        if start == len(words):
            continue
        trimmed = Span(span.start + words[start].start(), span.end)
        inside = [
            x
            for t, x in zip(toks, excluded, strict=True)
            if t.start < span.end and trimmed.start < t.end
        ]
        if inside and all(inside):
            continue
        spans.append(trimmed)
    return spans


def find_person_spans(
    text: str,
    *,
    method: str = DEFAULT_METHOD,
    known: KnownNames | None = None,
    evidence: CorpusEvidence | None = None,
    lexicon: Lexicon | None = None,
) -> list[Span]:
    """Person names in a text.

    Args:
        text: Any text.
        method: `combined`, `rules` or `deduce`.
        known: Names to match in any case, such as the speakers of the run.
        evidence: Word use in the whole corpus, which overrules finds that it shows to be
            words or organisations (never known names).
        lexicon: Word lists; the shared lexicon by default.

    Returns:
        Sorted, non-overlapping spans of kind `person`. Spans from deduce may include a title
        ("mevrouw De Vries").

    Raises:
        ValueError: For an unknown method.
    """
    if method not in METHODS:
        raise ValueError(f"unknown pseudonymisation method {method!r}; allowed: {METHODS}")
    lexicon = lexicon or load_lexicon()
    spans: list[Span] = []
    if method in ("rules", "combined"):
        spans += find_names_rules(text, lexicon=lexicon)
    if method in ("deduce", "combined"):
        spans += _deduce_spans(text, lexicon)
    if evidence is not None:
        spans = [s for s in spans if not evidence.rules_out(text, s)]
    if known is not None:
        spans += known.find(text)
    return [
        span
        for span in map(lambda s: _trim_roles(text, s), merge_spans(spans))
        if not is_role_phrase(span.text(text))
        and span.text(text).casefold() not in lexicon.organisations
    ]


def _trim_roles(text: str, span: Span) -> Span:
    """A span without role words at its end: "R.S. Zwart Voorzitter" in an attendance list."""
    words = list(re.finditer(r"[\w'’.-]+", span.text(text)))
    while len(words) > 1 and is_role_phrase(words[-1].group()):
        words.pop()
    return Span(span.start, span.start + words[-1].end(), span.kind) if words else span
