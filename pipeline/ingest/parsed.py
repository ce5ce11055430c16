"""What a reader hands on: the normalised text of one file and what is known about it.

A `FileResult` is what ingesting one file adds to the tables: its documents row, its
segments and its report row.

Readers for running text (txt, md, docx, pdf) return the text and leave the split into
turns to `pipeline.ingest.turns`. Subtitle readers (vtt, srt) know their turns from the
cues, so they return the segments as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class Unreadable(Exception):
    """A file that cannot be ingested, with a reason a researcher can act on.

    Attributes:
        status: `skipped` (not read on purpose, or nothing to read) or `failed` (tried and
            could not read).
        reason: Plain-language explanation for the ingest report.
    """

    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Segment:
    """One speaker turn or paragraph, as a span of the document text.

    Attributes:
        char_start: Start offset in the normalised text.
        char_end: End offset (exclusive).
        speaker: Speaker label without colon or brackets, or None.
        section: Heading the segment falls under, or None.
        start_s: Start time in seconds, when the source has timestamps.
        end_s: End time in seconds.
        heading: The segment is a heading line (its title only, without markup).
    """

    char_start: int
    char_end: int
    speaker: str | None = None
    section: str | None = None
    start_s: float | None = None
    end_s: float | None = None
    heading: bool = False


@dataclass
class Parsed:
    """The reader's result for one file.

    Attributes:
        text: Normalised text (NFC, newline line ends) that all offsets refer to.
        title: Title found in the file (core properties, front matter, first heading).
        encoding: Detected encoding for text formats, else None.
        heading_lines: Line numbers of `text` that are headings by the file's own markup
            (docx heading styles), or None to let the turn splitter find headings.
        segments: The segments, when the reader knows them (subtitles), else None.
        warnings: Notes for the ingest report, for example "mojibake repaired".
    """

    text: str
    title: str | None = None
    encoding: str | None = None
    heading_lines: frozenset[int] | None = None
    segments: list[Segment] | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class FileResult:
    """One file's contribution: a documents row and its segments, or neither."""

    report: dict
    document: dict | None = None
    segments: list[dict] = field(default_factory=list)
    cached: bool = False
