"""Capitalised words that name no person: places, organisations, languages, streets.

A word is marked when the lexicon lists it (also as part of a multiword name such as "Den
Haag" or "Raad van State"), when it is an acronym or written like an organisation
("VluchtelingenWerk"), when it follows a locative preposition ("in Lindeveen"), when it ends
like a nationality or language ("Eritreeërs", "Somalische") or a street ("Kerkstraat"), and
when it continues a name opened by an organisation word ("Stichting Baytna", "wijkcentrum
De Schakel"), unless it is a given name ("namens de gemeente Fatima el Amrani").
"""

from __future__ import annotations

import re
from itertools import pairwise

from pipeline.privacy import wordlists
from pipeline.privacy.lexicon import Lexicon
from pipeline.privacy.tokens import Token, joined, zipf

INTERFIX_WORDS = frozenset(
    {"van", "de", "der", "den", "ter", "ten", "te", "'t", "el", "al", "von", "le", "la", "da"}
    | {"du", "di", "dos"}
)
# Tussenvoegsels after which a place-like word is a surname: "de Vries", "van den Heuvel".
_SURNAME_INTERFIXES = frozenset({"de", "den", "der", "ter", "ten", "te", "'t"})
# A given name rarer than this as a word stays a name after "gemeente" ("Fatima", not "De").
_FIRST_NAME_ZIPF = 4.5
# Nationalities, their plurals and languages: "Eritreeërs", "Marokkanen", "Somalische".
_DEMONYM = re.compile(r"(?:ërs|iërs|anen|landers|ezen|ische|isch|aanse|aans|ese|ees)$")


def _phrases(text: str, toks: list[Token], lexicon: Lexicon) -> set[int]:
    """Tokens inside multiword places and organisations: "Den Haag", "Raad van State"."""
    inside: set[int] = set()
    for i in range(len(toks)):
        for n in (4, 3, 2):
            window = toks[i : i + n]
            if len(window) < n or not all(joined(text, a, b) for a, b in pairwise(window)):
                continue
            # "de Boer" is a hamlet too, but written in lower case it is a surname.
            surname = (
                window[0].text in INTERFIX_WORDS and window[-1].fold in lexicon.interfix_surnames
            )
            if not surname and lexicon.is_not_person(" ".join(t.fold for t in window)):
                inside.update(range(i, i + n))
    return inside


def _surname_after_interfix(text: str, toks: list[Token], i: int, lexicon: Lexicon) -> bool:
    before = toks[i - 1] if i else None
    return (
        before is not None
        and toks[i].fold in lexicon.interfix_surnames
        and before.fold in _SURNAME_INTERFIXES
        and joined(text, before, toks[i])
    )


def first_name(tok: Token, lexicon: Lexicon) -> bool:
    """Whether a word is a given name even after "gemeente": "namens de gemeente Fatima ..."."""
    return (
        tok.fold in lexicon.first_names
        and zipf(tok.fold) < _FIRST_NAME_ZIPF
        and not lexicon.is_not_person(tok.text)
    )


def _opened_runs(text: str, toks: list[Token], lexicon: Lexicon) -> list[range]:
    """Token ranges of names opened by an organisation or place word.

    "Stichting Baytna", "wijkcentrum De Schakel", "gemeente Lindeveen". A given name ends
    the run ("namens de gemeente Fatima ..."), and after a place word ("gemeente", "regio")
    only a single word is taken as the place: "de gemeente Tesfay Gebremariam" is a person.
    """
    runs = []
    for i, tok in enumerate(toks):
        if tok.fold not in wordlists.ORGANISATION_OPENERS:
            continue
        j = i + 1
        while (
            j < len(toks)
            and joined(text, toks[j - 1], toks[j])
            and not first_name(toks[j], lexicon)
            and (toks[j].capitalised or (j > i + 1 and toks[j].fold in INTERFIX_WORDS))
        ):
            j += 1
        while j > i + 1 and not toks[j - 1].capitalised:
            j -= 1
        if j == i + 1 or (tok.fold in wordlists.PLACE_OPENERS and j > i + 2):
            continue
        runs.append(range(i + 1, j))
    return runs


def _street_names(text: str, toks: list[Token], lexicon: Lexicon) -> set[int]:
    """Tokens of street names: "Meester de Bruinplein", "Hugo de Grootstraat".

    The last word ends like a street; the capitalised words and tussenvoegsels joined
    before it belong to the street's name, not to a person.
    """
    inside: set[int] = set()
    for i, tok in enumerate(toks):
        head = tok.fold.split("-")[0]
        if not tok.capitalised or not head.endswith(wordlists.STREET_SUFFIXES):
            continue
        if lexicon.is_known_name(tok.text) or head in wordlists.STREET_SUFFIXES:
            continue
        j = i
        while (
            j > 0
            and i - j < 4
            and joined(text, toks[j - 1], toks[j])
            and (toks[j - 1].capitalised or toks[j - 1].fold in INTERFIX_WORDS)
        ):
            j -= 1
        while j < i and toks[j].fold in INTERFIX_WORDS and not toks[j].capitalised:
            j += 1  # "naar de Bruinplein": a lower-case article opens no name
        inside.update(range(j, i + 1))
    return inside


def mark_non_persons(text: str, toks: list[Token], lexicon: Lexicon) -> list[bool]:
    """For each token, whether it can be no part of a person's name.

    Args:
        text: The text the tokens come from.
        toks: Its tokens (`pipeline.privacy.tokens.tokenize`).
        lexicon: Word lists.

    Returns:
        One flag per token.
    """
    phrases = _phrases(text, toks, lexicon)
    opened = {i for run in _opened_runs(text, toks, lexicon) for i in run}
    opened |= _street_names(text, toks, lexicon)
    marks: list[bool] = []
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i and joined(text, toks[i - 1], tok) else None
        prev_fold = prev.fold if prev else ""
        marks.append(
            i in phrases
            or len(tok.text) == 1
            or tok.camel
            or any(part.isupper() for part in tok.text.split("-"))
            or (prev_fold in wordlists.LOCATIVES and tok.fold not in lexicon.first_names)
            or (
                lexicon.is_not_person(tok.text)
                and not _surname_after_interfix(text, toks, i, lexicon)
            )
            or (_DEMONYM.search(tok.fold) is not None and not lexicon.is_known_name(tok.text))
            or (
                tok.fold.split("-")[0].endswith(wordlists.STREET_SUFFIXES)
                and not lexicon.is_known_name(tok.text)
            )
            or i in opened
        )
    return marks


def organisation_names(text: str, toks: list[Token], lexicon: Lexicon) -> list[str]:
    """Names opened by an organisation or place word: "Baytna" in "Stichting Baytna".

    Args:
        text: The text the tokens come from.
        toks: Its tokens.
        lexicon: Word lists.

    Returns:
        The names, as in the text ("Baytna", "De Schakel", "Lindeveen").
    """
    return [text[toks[r[0]].start : toks[r[-1]].end] for r in _opened_runs(text, toks, lexicon)]
