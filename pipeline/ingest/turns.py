"""Turns: split running text into speaker turns, or into paragraphs when nobody is named.

Each line is first classified (blank, heading, speaker line, body), then the lines are
walked once. A speaker line opens a turn that runs, across blank lines, until the next
speaker line or heading; text outside any turn falls into paragraphs separated by blank
lines. A heading is a segment of its own (its title, without markup) and labels the
segments below it as their section. A segment's span covers its text only: never the
speaker label, never the whitespace around it, so `text[char_start:char_end]` is the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.ingest.parsed import Segment
from pipeline.ingest.sections import (
    heading_title,
    is_rule,
    is_setext_underline,
    looks_like_heading,
    markdown_heading,
)
from pipeline.ingest.speakers import SpeakerMatch, SpeakerMatcher

_FRONT_MATTER_TITLE = re.compile(r"^title:\s*['\"]?(?P<title>.*?)['\"]?\s*$", re.IGNORECASE)

BLANK, SKIP, HEADING, SPEAKER, BODY = "blank", "skip", "heading", "speaker", "body"


@dataclass(frozen=True)
class Line:
    """A classified line of the document text."""

    kind: str
    start: int
    text: str
    title: str | None = None
    match: SpeakerMatch | None = None


@dataclass(frozen=True)
class TurnSplit:
    """Segments of one document and the title found on the way.

    Attributes:
        segments: Segments in document order.
        title: Front-matter title or first heading, if any.
    """

    segments: list[Segment]
    title: str | None


@dataclass
class _Open:
    speaker: str | None
    is_turn: bool
    section: str | None
    start_s: float | None
    start: int | None = None
    end: int | None = None


def classify_lines(
    text: str,
    *,
    matcher: SpeakerMatcher,
    markdown: bool = False,
    heading_lines: frozenset[int] | None = None,
) -> tuple[list[Line], str | None]:
    """Classify every line of a text.

    Args:
        text: Normalised document text.
        matcher: Recognises speaker lines.
        markdown: Read markdown headings, rules and front matter.
        heading_lines: Line numbers marked as headings by the source (docx styles); when
            given and not empty, the plain-text heading guess is off.

    Returns:
        The lines in order and the front-matter title, if any.
    """
    raw = text.split("\n")
    starts = [0]
    for line in raw[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    blank = [not line.strip() for line in raw]
    skip, front_title = _front_matter(raw) if markdown else (set(), None)
    guess_headings = not markdown and not heading_lines

    def is_heading(i: int) -> bool:
        underlined = i + 1 < len(raw) and is_setext_underline(raw[i + 1])
        if underlined and markdown:
            return True
        after_blank = i == 0 or blank[i - 1]
        alone = after_blank and (i + 1 == len(raw) or blank[i + 1])
        return (underlined or guess_headings) and looks_like_heading(
            raw[i], alone=alone or underlined, after_blank=after_blank or underlined
        )

    lines: list[Line] = []
    for i, line in enumerate(raw):
        start = starts[i]
        if i in skip or (is_setext_underline(line) and _underlines(lines)):
            lines.append(Line(SKIP, start, line))
        elif blank[i] or is_rule(line) or is_setext_underline(line):
            # Separator lines (`---`, `***`, `====`) hold no words: they count as blank.
            lines.append(Line(BLANK, start, line))
        elif heading_lines and i in heading_lines:
            lines.append(Line(HEADING, start, line, title=heading_title(line)))
        elif markdown and markdown_heading(line) is not None:
            lines.append(Line(HEADING, start, line, title=markdown_heading(line)))
        elif (match := matcher.match(line)) is not None:
            lines.append(Line(SPEAKER, start, line, match=match))
        elif is_heading(i):
            lines.append(Line(HEADING, start, line, title=heading_title(line)))
        else:
            lines.append(Line(BODY, start, line))
    return lines, front_title


def _underlines(previous: list[Line]) -> bool:
    return bool(previous) and previous[-1].kind == HEADING and previous[-1].match is None


def _front_matter(raw: list[str]) -> tuple[set[int], str | None]:
    if not raw or raw[0].strip() != "---":
        return set(), None
    for end in range(1, min(len(raw), 60)):
        if raw[end].strip() in {"---", "..."}:
            title = None
            for line in raw[1:end]:
                found = _FRONT_MATTER_TITLE.match(line)
                if found and found.group("title"):
                    title = found.group("title")
            return set(range(end + 1)), title
    return set(), None


def split_turns(
    text: str,
    *,
    matcher: SpeakerMatcher,
    markdown: bool = False,
    heading_lines: frozenset[int] | None = None,
    min_segment_chars: int = 1,
) -> TurnSplit:
    """Split a document's text into speaker turns or paragraphs.

    Args:
        text: Normalised document text.
        matcher: Recognises speaker lines (user patterns first, then the conventions).
        markdown: The text is markdown.
        heading_lines: Heading line numbers from the source markup (docx), if any.
        min_segment_chars: Paragraphs shorter than this merge into the next paragraph.

    Returns:
        The segments and the title found in the text.
    """
    lines, title = classify_lines(
        text, matcher=matcher, markdown=markdown, heading_lines=heading_lines
    )
    segments, title = _walk(lines, title)
    segments = _merge_short(segments, min_segment_chars)
    return TurnSplit(segments=_fill_end_times(segments), title=title)


def _walk(lines: list[Line], title: str | None) -> tuple[list[Segment], str | None]:
    """Walk the classified lines once into segments; the first heading is the title if none."""
    segments: list[Segment] = []
    section: str | None = None
    speaker: str | None = None
    current: _Open | None = None

    def close() -> None:
        nonlocal current
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
        current = None

    for line in lines:
        if line.kind == HEADING:
            close()
            # Who spoke before a heading does not carry over into the next section.
            speaker = None
            if line.title:
                section = line.title
                title = title or line.title
                segments.append(_heading_segment(line))
        elif line.kind == SPEAKER:
            close()
            match = line.match
            if match.speaker is not None:
                speaker = match.speaker
            current = _Open(speaker, speaker is not None, section, match.start_s)
            _extend(current, line, match.text_start)
        elif line.kind == BODY:
            if current is None:
                current = _Open(speaker, speaker is not None, section, None)
            _extend(current, line, 0)
        elif line.kind == BLANK and current is not None and not current.is_turn:
            close()
    close()
    return segments, title


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
