"""Speaker labels: recognise the line that opens a speaker turn, and its timestamp.

Conventions, tried in this order after the user's own patterns:

- a timestamp first: `[00:12:34] Naam: tekst`, or `00:12:34 Naam` alone on a line with the
  text on the following lines (a bare timestamp line marks a new segment);
- a name and then a timestamp alone on a line: `Fatima El Amrani  00:12:34`;
- council minutes: `De heer Jansen (VVD):`, `De heer Jansen (VVD).`, `Mevrouw De Vries
  (GroenLinks):`, `Wethouder Bakker:`, `De voorzitter:`;
- brackets: `[Naam] tekst`;
- a label and a colon: `Naam:`, `Spreker 2:`, `Interviewer:`, `R:`, `I:`, also `**Naam:**`.

A colon alone does not make a speaker: "Het punt is: ..." is a sentence. A label must be
short and name-like (see `is_name_like`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_TIMESTAMP_FIRST = re.compile(rf"^[\[(]?(?P<ts>{_TS})[\])]?(?:\s*[-–]\s*|\s+|$)")
_NAME_THEN_TIMESTAMP = re.compile(
    rf"^(?P<speaker>[^\d\s][^:]{{0,60}}?)\s+[\[(]?(?P<ts>{_TS})[\])]?\s*$"
)

_NAME_WORD = (
    r"(?:[A-ZÀ-Þ][\w'’.-]*|van|de|der|den|het|'t|te|ter|ten|in|op|la|le|du|da|el|al|bin|ben)"
)
_PARTY = r"(?:\s*\([^()\n]{1,40}\))?"
# A title and a name may end in a full stop ("De heer Jansen (VVD). Voorzitter, ...");
# a bare role needs a colon, since "Voorzitter. Ik wil ..." opens many a council speech.
_COUNCIL_NAMED = re.compile(
    r"^(?P<speaker>(?:De heer|Mevrouw|Mevr\.|Mw\.|Dhr\.|Wethouder|Burgemeester|Raadslid"
    r"|Commissielid|Gedeputeerde|Staatssecretaris|Minister|Inspreker)"
    rf"(?:\s+{_NAME_WORD}){{1,5}}{_PARTY})\s*[:.](?=\s|$)"
)
_COUNCIL_ROLE = re.compile(
    r"^(?P<speaker>(?:De (?:voorzitter|griffier|burgemeester|wethouder|secretaris|notulist"
    rf"|inspreker)|Voorzitter|Griffier){_PARTY})\s*:(?=\s|$)"
)
_STAMPED_LABEL = re.compile(
    rf"^(?P<speaker>[^:\n\[(]{{1,60}}?)\s*[\[(](?P<ts>{_TS})[\])]\s*:(?=\s|$)"
)
_BRACKET = re.compile(r"^\[(?P<speaker>[^\[\]\n]{1,50})\]\s*:?(?=\s|$)")
_COLON = re.compile(r"^(?P<speaker>[^\s:][^:\n]{0,60}?)\s*:(?=\s|$)")
# Markdown emphasis around a label: `**Naam:**`, `**Naam**:`, `__De voorzitter:__`.
_EMPHASIS = re.compile(r"^(\*\*|__)(?P<inner>[^*_\n]{1,70}?)\1")

_PARTY_SUFFIX = re.compile(r"\s*\([^()\n]{1,40}\)$")
_ABBREVIATION = re.compile(
    r"^(?:(?:[A-Z]\.)+|Dhr\.|Mw\.|Mevr\.|Dr\.|Drs\.|Mr\.|Ir\.|Prof\.|Ing\.)$"
)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TUSSENVOEGSELS = _wordset(
    "van de der den het 't te ter ten in op la le du da di del el al bin von zu"
)
# Words that open sentences rather than names: a label starting with one is talk.
_SENTENCE_WORDS = _wordset(
    """
    aan al alle alleen als andere bij dan dat daar daarom deze die dit door dus echter een
    eerst en er geen haar hier hij hoe hun ik in is je jij jullie kortom maar mijn met
    misschien na naar niet nog nou nu of ok oké om onze ook op over stel toen tot u uit
    uw van vanuit volgens voor waar want wat we wie wij zij ze zo zoals ja nee
    """
)
# Labels that head a note or a list item, not a turn ("Besluit: ...", "Ronde 2: ...").
_NOT_SPEAKERS = _wordset(
    """
    aanvang begin einde opening sluiting start
    aanwezig aanwezigen actie acties actiepunt actiepunten adres afgemeld afspraak afspraken
    afwezig agenda agendapunt antwoord auteur besluit besluiten betreft bijlage bijlagen bron
    cc conclusie conclusies datum deadline deel doel email e-mail fase figuur groep inhoud
    kenmerk let link locatie noot nb n.b. notulen onderwerp opmerking opmerkingen plaats punt
    resultaat ronde samenvatting sessie status stap stelling tabel tafel tel telefoon thema
    tijd tip titel toelichting uitslag url versie vervolg voorbeeld vraag vragen waarom
    wanneer wat waar wie hoe ps zie onverstaanbaar gelach stilte pauze lacht lachen
    inaudible crosstalk onduidelijk applaus
    """
)
# Role nouns that may be followed by lower-case words ("Medewerker gemeente:").
_ROLES = _wordset(
    """
    interviewer respondent spreker deelnemer deelneemster gespreksleider moderator
    facilitator voorzitter notulist medewerker beleidsmedewerker beleidsadviseur adviseur
    vrijwilliger ambtenaar wethouder burgemeester raadslid inspreker bewoner docent coach
    taalcoach klantmanager consulent ervaringsdeskundige statushouder nieuwkomer buddy
    trainer onderzoeker projectleider directeur vertegenwoordiger gast vraagsteller
    aanwezige
    """
)


@dataclass(frozen=True)
class SpeakerMatch:
    """A line that opens a turn.

    Attributes:
        speaker: The label without colon or brackets; None for a bare timestamp, which
            opens a new segment for whoever is speaking.
        text_start: Offset in the line where the turn's text begins; the line's length
            when the text follows on the next lines.
        start_s: Timestamp in seconds, if the line has one.
    """

    speaker: str | None
    text_start: int
    start_s: float | None = None


def parse_timestamp(value: str) -> float:
    """Seconds in a timestamp such as `01:02:03`, `2:03`, `00:12:34.5` or `00:12:34,500`."""
    parts = value.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def is_name_like(label: str) -> bool:
    """Whether a label reads as a speaker's name or role rather than as the start of a sentence.

    A name-like label has at most five words (a party or role in brackets not counted), no
    sentence punctuation, and capitalised words apart from Dutch name particles ("van",
    "de", ...) and numbers; lower-case words are allowed only after a role noun
    ("Medewerker gemeente"). Note labels such as "Besluit" or "Ronde 2" are excluded.

    Args:
        label: The candidate label, without colon or brackets.

    Returns:
        True when the label can be a speaker.
    """
    label = label.strip()
    core = _PARTY_SUFFIX.sub("", label)
    words = core.split()
    if not words or len(words) > 5 or len(label) > 60:
        return False
    if re.search(r"[!?;,\"“”:\[\]{}<>=/\\|#@]", core):
        return False
    first = words[0].lower()
    if label.lower() in _NOT_SPEAKERS or first.rstrip(".") in _NOT_SPEAKERS:
        return False
    if not words[0][0].isupper():
        return False
    if first in _SENTENCE_WORDS and first not in _TUSSENVOEGSELS:
        return False
    if first in _TUSSENVOEGSELS and (len(words) < 2 or not words[1][0].isupper()):
        return False
    lower_words = 0
    for word in words:
        if "." in word and not _ABBREVIATION.match(word):
            return False
        if word[0].isupper() or word.isdigit() or word in _TUSSENVOEGSELS:
            continue
        lower_words += 1
    # "Medewerker gemeente" is a role; "Wethouder Bakker zegt" is the start of a sentence.
    if lower_words:
        capitalised = sum(1 for word in words[1:] if word[0].isupper())
        return first in _ROLES and len(words) <= 3 and capitalised == 0
    return True


class SpeakerMatcher:
    """Recognises turn-opening lines by the user's patterns and the built-in conventions.

    Args:
        patterns: Regular expressions from `params.ingest.speaker_patterns`, matched at the
            start of a line; each has a named group `speaker` and may have `text`.
    """

    def __init__(self, patterns: Iterable[str] = ()):
        self.patterns = [re.compile(pattern) for pattern in patterns]

    def match(self, line: str) -> SpeakerMatch | None:
        """Match a line that opens a turn.

        Args:
            line: One line of normalised text.

        Returns:
            The speaker and where the turn's text starts, or None for an ordinary line.
        """
        for pattern in self.patterns:
            found = pattern.match(line)
            if found and (found.group("speaker") or "").strip():
                has_text = "text" in pattern.groupindex and found.start("text") >= 0
                start = found.start("text") if has_text else found.end()
                return SpeakerMatch(found.group("speaker").strip(), _skip_space(line, start))
        # Built-in conventions allow an indented label; the offsets stay those of `line`.
        indent = len(line) - len(line.lstrip())
        found = self._builtin(line[indent:])
        if found is None or not indent:
            return found
        return SpeakerMatch(found.speaker, found.text_start + indent, found.start_s)

    def _builtin(self, line: str) -> SpeakerMatch | None:
        stamped = _TIMESTAMP_FIRST.match(line)
        if stamped:
            return self._after_timestamp(line, stamped)
        named = _NAME_THEN_TIMESTAMP.match(line)
        if named and is_name_like(named.group("speaker")):
            start_s = parse_timestamp(named.group("ts"))
            return SpeakerMatch(named.group("speaker").strip(), len(line), start_s)
        return match_label(line)

    def _after_timestamp(self, line: str, stamped: re.Match) -> SpeakerMatch:
        start_s = parse_timestamp(stamped.group("ts"))
        rest_at = stamped.end()
        rest = line[rest_at:]
        if not rest.strip():
            return SpeakerMatch(None, len(line), start_s)
        labelled = match_label(rest)
        if labelled is not None:
            return SpeakerMatch(labelled.speaker, rest_at + labelled.text_start, start_s)
        if is_name_like(rest):
            return SpeakerMatch(rest.strip(), len(line), start_s)
        return SpeakerMatch(None, _skip_space(line, rest_at), start_s)


def match_label(line: str) -> SpeakerMatch | None:
    """Match the built-in label conventions (council, brackets, `Naam:`) at a line start.

    A label may be wrapped in markdown emphasis (`**Naam:**` or `**Naam**:`).

    Args:
        line: One line of normalised text.

    Returns:
        The speaker and where the text starts, or None.
    """
    emphasis = _EMPHASIS.match(line)
    if emphasis is None:
        return _match_plain_label(line)
    inner = emphasis.group("inner")
    found = _match_plain_label(inner + line[emphasis.end() :])
    if found is None:
        return None
    # Map the offset back over the two markers that were taken out.
    marker = len(emphasis.group(1))
    shift = marker if found.text_start < len(inner) else 2 * marker
    return SpeakerMatch(found.speaker, _skip_space(line, found.text_start + shift), found.start_s)


def _match_plain_label(line: str) -> SpeakerMatch | None:
    council = _COUNCIL_NAMED.match(line) or _COUNCIL_ROLE.match(line)
    if council:
        return SpeakerMatch(_clean(council.group("speaker")), _skip_space(line, council.end()))
    bracket = _BRACKET.match(line)
    if bracket and is_name_like(bracket.group("speaker")):
        return SpeakerMatch(_clean(bracket.group("speaker")), _skip_space(line, bracket.end()))
    stamped = _STAMPED_LABEL.match(line)
    if stamped and is_name_like(stamped.group("speaker")):
        start_s = parse_timestamp(stamped.group("ts"))
        return SpeakerMatch(
            _clean(stamped.group("speaker")), _skip_space(line, stamped.end()), start_s
        )
    colon = _COLON.match(line)
    if colon and is_name_like(colon.group("speaker")):
        return SpeakerMatch(_clean(colon.group("speaker")), _skip_space(line, colon.end()))
    return None


def _clean(label: str) -> str:
    return " ".join(label.split())


def _skip_space(line: str, index: int) -> int:
    while index < len(line) and line[index].isspace():
        index += 1
    return index
