"""Turns: split running text into speaker turns, or into paragraphs when nobody is named.

Each line is first classified (`pipeline.ingest.lines`), then the lines are walked once.
A speaker line opens a turn that runs, across blank lines, until the next speaker line or
heading; an agenda item (`Aan de orde is: ...`) becomes the section without ending the
turn, and a stenographer's note (`(Geroffel op de bankjes.)`) is nobody's words. Text
outside any turn falls into paragraphs separated by blank lines. A heading is a segment of
its own (its title, without markup) and labels the segments below it as their section. A
segment's span covers its text only: never the speaker label, never the whitespace around
it, so `text[char_start:char_end]` is the quote.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.ingest.lines import AGENDA, BLANK, BODY, HEADING, NOTE, SPEAKER, Line, classify_lines
from pipeline.ingest.parsed import Segment
from pipeline.ingest.speakers import SpeakerMatcher


@dataclass(frozen=True)
class TurnSplit:
    """Segments of one document and the title found on the way.

    Attributes:
        segments: Segments in document order.
        title: Front-matter title or first heading, if any.
        styles: The label styles the document uses (`pipeline.ingest.styles`).
    """

    segments: list[Segment]
    title: str | None
    styles: tuple[str, ...] = ()


@dataclass
class _Open:
    speaker: str | None
    is_turn: bool
    section: str | None
    start_s: float | None
    start: int | None = None
    end: int | None = None


def split_turns(
    text: str,
    *,
    matcher: SpeakerMatcher,
    markdown: bool = False,
    heading_lines: frozenset[int] | None = None,
    min_segment_chars: int = 1,
    speakers: str = "auto",
) -> TurnSplit:
    """Split a document's text into speaker turns or paragraphs.

    Args:
        text: Normalised document text.
        matcher: Recognises speaker lines (user patterns first, then the conventions).
        markdown: The text is markdown.
        heading_lines: Heading line numbers from the source markup (docx), if any.
        min_segment_chars: Paragraphs shorter than this merge into the next paragraph.
        speakers: `auto` (the document's own label styles), `off`, or one style name.

    Returns:
        The segments and the title found in the text.
    """
    lines, title, choice = classify_lines(
        text, matcher=matcher, markdown=markdown, heading_lines=heading_lines, speakers=speakers
    )
    # Verbatim minutes (`Naam (Partij).`) put motion texts and their titles in the turn
    # of whoever reads them: there a guessed heading does not end the turn.
    segments, title = _walk(lines, title, headings_end_turns=not choice.verbatim)
    segments = _merge_short(segments, min_segment_chars)
    return TurnSplit(segments=_fill_end_times(segments), title=title, styles=choice.styles)


def _walk(
    lines: list[Line], title: str | None, *, headings_end_turns: bool = True
) -> tuple[list[Segment], str | None]:
    """Walk the classified lines once into segments; the first heading is the title if none."""
    segments: list[Segment] = []
    state = _State()
    for line in lines:
        if line.kind == HEADING and line.guessed and state.speaker and not headings_end_turns:
            state.extend(line, 0)
        elif line.kind in (HEADING, AGENDA):
            state.close(segments)
            # Who spoke before a heading does not carry over; an agenda item does not end
            # the chair's turn.
            if line.kind == HEADING:
                state.speaker = None
            if line.title:
                state.section = line.title
                title = title or line.title
                segments.append(_heading_segment(line))
        elif line.kind == NOTE:
            state.close(segments)
            segments.append(_note_segment(line, state.section))
            if line.breaks:
                state.speaker = None
        elif line.kind == SPEAKER:
            state.close(segments)
            match = line.match
            if match.speaker is not None:
                state.speaker = match.speaker
            state.open(match.start_s)
            state.extend(line, match.text_start)
        elif line.kind == BODY:
            if state.current is None:
                state.open(None)
            state.extend(line, 0)
        elif line.kind == BLANK and state.current is not None and not state.current.is_turn:
            state.close(segments)
    state.close(segments)
    return segments, title


@dataclass
class _State:
    section: str | None = None
    speaker: str | None = None
    current: _Open | None = None

    def open(self, start_s: float | None) -> None:
        self.current = _Open(self.speaker, self.speaker is not None, self.section, start_s)

    def extend(self, line: Line, offset: int) -> None:
        if self.current is None:
            self.open(None)
        _extend(self.current, line, offset)

    def close(self, segments: list[Segment]) -> None:
        current = self.current
        if current is not None and current.start is not None and current.end > current.start:
            segments.append(
                Segment(
                    char_start=current.start,
                    char_end=current.end,
                    speaker=current.speaker,
                    section=current.section,
                    start_s=current.start_s,
                )
            )
        self.current = None


def _note_segment(line: Line, section: str | None) -> Segment:
    # A stenographer's note is nobody's words.
    lead = len(line.text) - len(line.text.lstrip())
    end = line.start + len(line.text.rstrip())
    return Segment(char_start=line.start + lead, char_end=end, section=section)


def _heading_segment(line: Line) -> Segment:
    # The heading is text too (an agenda item, a breakout question): it becomes a segment
    # of its own, the title without markup (`## `, `**`), under its own section.
    start = line.start + line.text.find(line.title)
    return Segment(
        char_start=start, char_end=start + len(line.title), section=line.title, heading=True
    )


def _extend(current: _Open, line: Line, offset: int) -> None:
    content = line.text[offset:]
    if not content.strip():
        return
    lead = len(content) - len(content.lstrip())
    if current.start is None:
        current.start = line.start + offset + lead
    current.end = line.start + len(line.text.rstrip())


def _merge_short(segments: list[Segment], min_chars: int) -> list[Segment]:
    # Only paragraphs merge: a short turn ("Ja.") is still somebody's turn.
    merged: list[Segment] = []
    carry: Segment | None = None
    for segment in segments:
        if carry is not None:
            if not segment.heading and segment.speaker is None and segment.section == carry.section:
                segment = replace(segment, char_start=carry.char_start)
            else:
                merged.append(carry)
            carry = None
        short = segment.char_end - segment.char_start < min_chars
        if segment.speaker is None and short and not segment.heading:
            carry = segment
        else:
            merged.append(segment)
    if carry is not None:
        merged.append(carry)
    return merged


def _fill_end_times(segments: list[Segment]) -> list[Segment]:
    # A timed turn ends where the next timed turn starts.
    filled = list(segments)
    for i in range(len(filled) - 1):
        here, following = filled[i], filled[i + 1]
        if here.start_s is not None and here.end_s is None and following.start_s is not None:
            filled[i] = replace(here, end_s=following.start_s)
    return filled
