"""Speaker labels: which part is a role, which a name, which an affiliation.

A label such as `Mevrouw De Vries (GroenLinks)` is read as a form of address, a name and a
party; `Wethouder Bakker` as a role and a name; `Spreker 2`, `Interviewer`, `I` and `De
voorzitter` hold no name and stay as they are.

The affiliation in brackets is kept in the pseudonym (`Raadslid B (GroenLinks)`): a party or
an organisation says what the speaker represents, which is what researchers compare, and it
is not personal data about the speaker as such. In a small body (a council with one member
for a party) it narrows who spoke; researchers who need more must drop the affiliation in
their own export. Names inside the affiliation are still replaced like any other text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.privacy import wordlists
from pipeline.privacy.lexicon import Lexicon
from pipeline.privacy.tokens import zipf

_AFFILIATION = re.compile(r"^(?P<head>.*?)\s*\((?P<affiliation>[^()]{1,60})\)\s*$")
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_ANONYMOUS_TOKEN = re.compile(r"^(?:[A-Z]|[A-Z]?\d+[a-z]?|[A-Z]\d+)$")
# A word this frequent (Zipf) before a number is a label such as "Persoon 1", not a name.
_WORD_ZIPF = 4.5
# Labels for a group or for nobody in particular.
_NOBODY = frozenset(
    {
        *("publiek", "zaal", "allen", "iedereen", "onbekend", "meerdere", "diverse", "groep"),
        *("stem", "vraag", "antwoord", "man", "vrouw", "mannen", "vrouwen", "kind", "kinderen"),
        *("sprekers", "deelnemers"),
    }
)


@dataclass(frozen=True)
class SpeakerLabel:
    """A parsed speaker label.

    Attributes:
        label: The label as it was.
        role: Role kept in the pseudonym ("Wethouder", "Raadslid"), or None.
        name: The personal name in the label, or None when the label names nobody.
        affiliation: Party or organisation in brackets, or None.
    """

    label: str
    role: str | None
    name: str | None
    affiliation: str | None


def normalise_name(name: str) -> tuple[str, ...]:
    """A name as a key for matching: lower case, no accents, hyphens and apostrophes as spaces.

    Args:
        name: A personal name without titles ("Fatima El Amrani", "Al-Hassan").

    Returns:
        The name's words, for example `("fatima", "el", "amrani")`.
    """
    folded = unicodedata.normalize("NFKD", name.casefold().replace("ı", "i"))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return tuple(re.sub(r"[-'’.]+", " ", plain).split())


def _article_of_role(words: list[str], i: int) -> bool:
    """Whether word `i` is the article of a role: "de wethouder", "De voorzitter"."""
    return (
        words[i].casefold() == "de"
        and i + 1 < len(words)
        and words[i + 1].casefold() in wordlists.ROLES
    )


def strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading forms of address and roles off a list of words.

    Args:
        words: Words of a label or phrase, in order.

    Returns:
        The leading title words and the remaining words.
    """
    i = 0
    while i < len(words):
        fold = words[i].casefold()
        pair = " ".join(w.casefold() for w in words[i : i + 2])
        if pair in wordlists.HONORIFICS:
            i += 2
        elif fold in wordlists.HONORIFICS or fold in wordlists.ROLES or _article_of_role(words, i):
            i += 1
        else:
            break
    return words[:i], words[i:]


def _is_party(affiliation: str) -> bool:
    fold = affiliation.casefold()
    return fold in wordlists.PARTIES or any(
        word in wordlists.PARTY_MARKERS for word in re.split(r"[\s/-]+", fold)
    )


def _place_only(word: str, lexicon: Lexicon) -> bool:
    fold = word.casefold()
    return fold in lexicon.places and fold not in lexicon.organisations | lexicon.not_names


def _names_somebody(words: list[str], lexicon: Lexicon, *, titled: bool = False) -> bool:
    """Whether the words left after the titles hold a personal name.

    In a titled label ("Mevrouw Westerveld", "De heer Kamp (VVD)") a word that is also a
    place is a surname all the same.
    """
    if not words or all(_ANONYMOUS_TOKEN.match(w) for w in words):
        return False
    folds = [w.casefold() for w in words]
    places = {w for w in words if titled and w[0].isupper() and _place_only(w, lexicon)}
    if any(f in _NOBODY for f in folds):
        return False
    if not places and lexicon.is_not_person(" ".join(words)):
        return False
    # "Persoon 1", "Tafel 3": a frequent word and a number label nobody; "Ahmad 2" and
    # "Bakker 2" (rarer as a word) still name somebody.
    if len(words) == 2 and _ANONYMOUS_TOKEN.match(words[1]) and zipf(folds[0]) >= _WORD_ZIPF:
        return False
    return bool(places) or any(
        w[0].isupper() and (lexicon.is_known_name(w) or not lexicon.is_dutch_word(w))
        for w in words
        if not lexicon.is_not_person(w)
    )


def parse_speaker(label: str, *, lexicon: Lexicon) -> SpeakerLabel:
    """Read the role, name and affiliation in a speaker label.

    Args:
        label: A speaker label as ingest found it.
        lexicon: Word lists (see `pipeline.privacy.lexicon.load_lexicon`).

    Returns:
        The parsed label; `name` is None for labels that name nobody.
    """
    head, affiliation = label.strip(), None
    match = _AFFILIATION.match(head)
    if match:
        head, affiliation = match["head"], match["affiliation"].strip()
    # "Jeroen Visser, klantmanager" or "Jeroen Visser - gemeente Deventer".
    head = re.split(r"\s*(?:,|\s[-–]\s)\s*", head, maxsplit=1)[0]
    titles, rest = strip_titles(_WORD.findall(head))
    party = bool(affiliation and _is_party(affiliation))
    if not _names_somebody(rest, lexicon, titled=bool(titles) or party):
        return SpeakerLabel(label, None, None, affiliation)
    roles = [w for w in titles if w.casefold() in wordlists.ROLES]
    if roles:
        role = roles[-1].capitalize()
    elif titles and party:
        role = "Raadslid"
    else:
        role = None
    return SpeakerLabel(label, role, " ".join(rest), affiliation)
