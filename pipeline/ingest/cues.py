"""Cues: turn subtitle cues into speaker turns and the document text they are quoted from.

Subtitles have no running text of their own, so the text is written here: one paragraph
per turn, `Naam: wat er gezegd is`, paragraphs separated by a blank line. A speaker's
consecutive cues merge into one turn; a cue without a name continues the previous speaker.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from pipeline.ingest.parsed import Segment
from pipeline.ingest.speakers import SpeakerMatcher

_TAG = re.compile(r"<[^>\n]*>|\{\\[^}\n]*\}")
_VOICE_OPEN = re.compile(r"<v(?:\.[^\s>]+)*\s+(?P<name>[^>\n]+)>")
_VOICE_CLOSE = re.compile(r"</v\s*>")
_SENTENCE_END = ".?!…\"”'’)"
# Speakerless cues are grouped into paragraphs of roughly this size, ending at a sentence.
PARAGRAPH_CHARS = 1000


@dataclass(frozen=True)
class Cue:
    """One subtitle cue, or one voice within a cue.

    Attributes:
        start_s: Start time in seconds.
        end_s: End time in seconds.
        text: The cue text, possibly with markup and line breaks.
        speaker: The speaker named by the format itself (a WebVTT voice tag), if any.
    """

    start_s: float
    end_s: float
    text: str
    speaker: str | None = None


def split_voices(raw: str, start_s: float, end_s: float) -> list[Cue]:
    """Split a WebVTT cue's raw text on its voice spans (`<v Naam>...</v>`).

    Args:
        raw: The cue payload, tags included.
        start_s: Cue start in seconds.
        end_s: Cue end in seconds.

    Returns:
        One cue per voice span, in order; text outside any span has no speaker.
    """
    cues: list[Cue] = []
    voice: str | None = None
    position = 0
    for tag in re.finditer(f"{_VOICE_OPEN.pattern}|{_VOICE_CLOSE.pattern}", raw):
        if raw[position : tag.start()].strip():
            cues.append(Cue(start_s, end_s, raw[position : tag.start()], voice))
        voice = " ".join(tag.group("name").split()) if tag.group("name") else None
        position = tag.end()
    if raw[position:].strip():
        cues.append(Cue(start_s, end_s, raw[position:], voice))
    return cues


def clean_cue_text(text: str) -> str:
    """Cue text without markup, entities or line breaks, in NFC."""
    text = html.unescape(_TAG.sub("", text))
    return unicodedata.normalize("NFC", " ".join(text.split()))


@dataclass
class _Turn:
    speaker: str | None
    start_s: float
    end_s: float
    parts: list[str]

    def body(self) -> str:
        return " ".join(self.parts)


def cues_to_turns(cues: list[Cue], *, matcher: SpeakerMatcher) -> tuple[str, list[Segment]]:
    """Merge cues into turns and write the document text.

    Args:
        cues: Cues in file order.
        matcher: Finds a `Naam:` label at the start of a cue's text when the format has no
            voice tag.

    Returns:
        The document text and its segments, each segment spanning one turn's words.
    """
    turns: list[_Turn] = []
    speaker: str | None = None
    for cue in cues:
        text = clean_cue_text(cue.text)
        if cue.speaker is not None:
            speaker = cue.speaker
        else:
            match = matcher.match(text)
            if match is not None and match.speaker is not None:
                speaker = match.speaker
                text = text[match.text_start :]
        if not text:
            continue
        previous = turns[-1] if turns else None
        if previous is not None and previous.speaker == speaker and not _paragraph_full(previous):
            previous.parts.append(text)
            previous.end_s = max(previous.end_s, cue.end_s)
        else:
            turns.append(_Turn(speaker, cue.start_s, cue.end_s, [text]))
    return _render(turns)


def _paragraph_full(turn: _Turn) -> bool:
    # A named speaker's turn never breaks; unnamed talk is cut into readable paragraphs.
    if turn.speaker is not None:
        return False
    body = turn.body()
    return len(body) >= PARAGRAPH_CHARS and body[-1] in _SENTENCE_END


def _render(turns: list[_Turn]) -> tuple[str, list[Segment]]:
    pieces: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for turn in turns:
        prefix = f"{turn.speaker}: " if turn.speaker else ""
        body = turn.body()
        if pieces:
            pieces.append("\n\n")
            offset += 2
        start = offset + len(prefix)
        pieces.append(prefix + body)
        offset += len(prefix) + len(body)
        segments.append(
            Segment(
                char_start=start,
                char_end=offset,
                speaker=turn.speaker,
                start_s=turn.start_s,
                end_s=turn.end_s,
            )
        )
    return "".join(pieces), segments
