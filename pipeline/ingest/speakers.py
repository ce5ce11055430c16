"""Speaker labels: propose the line that opens a speaker turn, its timestamp and its style.

A match here is a proposal: `pipeline.ingest.styles` decides per document which label
styles count (`SpeakerMatch.style`). Conventions, tried in this order after the user's
own patterns:

- a timestamp first: `[00:12:34] Naam: tekst`, or `00:12:34 Naam` alone on a line with the
  text on the following lines (a bare timestamp line marks a new segment);
- a name and then a timestamp alone on a line: `Fatima El Amrani  00:12:34`;
- council and parliament minutes, with a colon or a full stop (a space may stand before
  it): `De heer Jansen (VVD):`, `Rutger de Ridder (VVD).`, `Mevrouw De Vries
  (GroenLinks).`, `Wethouder Bakker:`, `De voorzitter.`, `Dhr. E.M. Krijns:` (initials
  and `mr.`, `dr.` keep their full stops), `De VOORZITTER opent ... en spreekt als volgt:`;
  a bare `Voorzitter.` opens a speech, not a turn;
- brackets: `[Naam] tekst`;
- a label and a colon: `Naam:`, `Spreker 2:`, `Interviewer:`, `R:`, `I:`, also `**Naam:**`.

A colon alone does not make a speaker: "Het punt is: ..." is a sentence. A label must be
short and name-like (see `pipeline.ingest.names.is_name_like`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pipeline.ingest.names import is_name_like

_TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# A list bullet may stand before it, and some exports drop a leading zero ("• 1:2 Naam").
_TIMESTAMP_FIRST = re.compile(
    r"^(?:[•▪]\s*)?[\[(]?(?P<ts>(?:\d{1,2}:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)[\])]?"
    r"(?:\s*[-–]\s*|\s+|$)"
)
_NAME_THEN_TIMESTAMP = re.compile(
    rf"^(?P<speaker>[^\d\s][^:]{{0,60}}?)\s+[\[(]?(?P<ts>{_TS})[\])]?\s*$"
)

# Any capital letter, also "Ç" or a look-alike from another script ("Ҫelik").
_CAP = "[" + "".join(re.escape(chr(c)) for c in range(0x2500) if chr(c).isupper()) + "]"
# Initials ("E.M.") and titles ("mr.", "dr.") keep their full stops; any other word ends
# before one, so "De heer Van Zanen. Voorzitter" is the label "De heer Van Zanen".
_NAME_WORD = (
    r"(?:(?:[A-Z]\.)+(?=\s)|(?:[Mm]r|[Dd]rs?|[Ii]r|[Ii]ng|[Pp]rof)\.(?=\s)|"
    rf"{_CAP}[\w'’-]*"
    r"|van|de|der|den|het|'t|te|ter|ten|in|op|la|le|du|da|el|al|bin|ben)"
)
_PARTY = r"(?:\s*\([^()\n]{1,40}\))?"
_END = r"\s*(?P<end>[:.])(?=\s|$)"
# A title and a name may end in a full stop ("De heer Jansen (VVD). Voorzitter, ...");
# a bare role needs "De" before it, since "Voorzitter. Ik wil ..." opens many a speech.
_COUNCIL_NAMED = re.compile(
    r"^(?P<speaker>(?:De heer|Mevrouw|Mevr\.|Mw\.|Dhr\.|Wethouder|Burgemeester|Raadslid"
    r"|Commissielid|Gedeputeerde|Staatssecretaris|Minister|Inspreker)"
    rf"(?:\s+{_NAME_WORD}){{1,5}}{_PARTY}){_END}"
)
# Older minutes: "De VOORZITTER:", and "De VOORZITTER opent de vergadering en spreekt als
# volgt:" before the chair's words.
_COUNCIL_ROLE = re.compile(
    r"^(?P<speaker>(?:De (?i:voorzitter|griffier|burgemeester|wethouder|secretaris|notulist"
    rf"|inspreker)|Voorzitter|Griffier){_PARTY})(?:\s[a-z][^.:!?\n]{{0,60}}\sspreekt als volgt)?"
    rf"{_END}"
)
# A member by name and party, as in verbatim minutes: "Rutger de Ridder (VVD)."
_PARTY_NAMED = re.compile(
    rf"^(?P<speaker>{_CAP}[\w'’-]*(?:\s+{_NAME_WORD}){{0,4}}\s*\([^()\n]{{1,40}}\)){_END}"
)
_STAMPED_LABEL = re.compile(
    rf"^(?P<speaker>[^:\n\[(]{{1,60}}?)\s*[\[(](?P<ts>{_TS})[\])]\s*:(?=\s|$)"
)
_BRACKET = re.compile(r"^\[(?P<speaker>[^\[\]\n]{1,50})\]\s*:?(?=\s|$)")
_COLON = re.compile(r"^(?P<speaker>[^\s:][^:\n]{0,60}?)\s*:(?=\s|$)")
# Markdown emphasis around a label: `**Naam:**`, `**Naam**:`, `__De voorzitter:__`.
_EMPHASIS = re.compile(r"^(\*\*|__)(?P<inner>[^*_\n]{1,70}?)\1")


@dataclass(frozen=True)
class SpeakerMatch:
    """A line that opens a turn.

    Attributes:
        speaker: The label without colon or brackets; None for a bare timestamp, which
            opens a new segment for whoever is speaking.
        text_start: Offset in the line where the turn's text begins; the line's length
            when the text follows on the next lines.
        start_s: Timestamp in seconds, if the line has one.
        style: The label style (`pipeline.ingest.styles.STYLES`); "user" for a user pattern.
    """

    speaker: str | None
    text_start: int
    start_s: float | None = None
    style: str = "user"


def parse_timestamp(value: str) -> float:
    """Seconds in a timestamp such as `01:02:03`, `2:03`, `00:12:34.5` or `00:12:34,500`."""
    parts = value.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


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
        return replace(found, text_start=found.text_start + indent)

    def _builtin(self, line: str) -> SpeakerMatch | None:
        stamped = _TIMESTAMP_FIRST.match(line)
        if stamped:
            return self._after_timestamp(line, stamped)
        named = _NAME_THEN_TIMESTAMP.match(line)
        if named and is_name_like(named.group("speaker")):
            start_s = parse_timestamp(named.group("ts"))
            return SpeakerMatch(named.group("speaker").strip(), len(line), start_s, "timestamp")
        return match_label(line)

    def _after_timestamp(self, line: str, stamped: re.Match) -> SpeakerMatch:
        start_s = parse_timestamp(stamped.group("ts"))
        rest_at = stamped.end()
        rest = line[rest_at:]
        if not rest.strip():
            return SpeakerMatch(None, len(line), start_s, "timestamp")
        labelled = match_label(rest)
        if labelled is not None:
            start = rest_at + labelled.text_start
            return SpeakerMatch(labelled.speaker, start, start_s, "timestamp")
        if is_name_like(rest):
            return SpeakerMatch(rest.strip(), len(line), start_s, "timestamp")
        return SpeakerMatch(None, _skip_space(line, rest_at), start_s, "timestamp")


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
    return replace(found, text_start=_skip_space(line, found.text_start + shift))


def _match_plain_label(line: str) -> SpeakerMatch | None:
    council = _COUNCIL_NAMED.match(line) or _COUNCIL_ROLE.match(line) or _PARTY_NAMED.match(line)
    if council and _plausible_council(council):
        style = "period" if council.group("end") == "." else "colon"
        return SpeakerMatch(
            _clean(council.group("speaker")), _skip_space(line, council.end()), style=style
        )
    bracket = _BRACKET.match(line)
    if bracket and is_name_like(bracket.group("speaker")):
        start = _skip_space(line, bracket.end())
        return SpeakerMatch(_clean(bracket.group("speaker")), start, style="bracket")
    stamped = _STAMPED_LABEL.match(line)
    if stamped and is_name_like(stamped.group("speaker")):
        start_s = parse_timestamp(stamped.group("ts"))
        return SpeakerMatch(
            _clean(stamped.group("speaker")), _skip_space(line, stamped.end()), start_s, "timestamp"
        )
    colon = _COLON.match(line)
    if colon and is_name_like(colon.group("speaker")):
        start = _skip_space(line, colon.end())
        return SpeakerMatch(_clean(colon.group("speaker")), start, style="name_colon")
    return None


def _plausible_council(found: re.Match) -> bool:
    # "Voorzitter." without "De" opens a speech; a party label needs a name-like name.
    speaker = found.group("speaker")
    if found.group("end") == "." and speaker.split("(")[0].strip() in {"Voorzitter", "Griffier"}:
        return False
    return found.re is not _PARTY_NAMED or is_name_like(speaker)


def _clean(label: str) -> str:
    return " ".join(label.split())


def _skip_space(line: str, index: int) -> int:
    while index < len(line) and line[index].isspace():
        index += 1
    return index
