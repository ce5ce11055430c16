"""Transcript: write the turns a structured format names into document text and segments.

Structured formats (parliamentary XML, TEI, FoLiA, speech-recognition JSON) say who speaks
in their markup, so their readers know the segments. The document text is written here the
way a printed record reads: a heading line per agenda item or debate, then one paragraph
per turn, `Spreker: wat er gezegd is`, paragraphs separated by a blank line. A segment spans
the words of its turn, not the label; a heading segment spans its title.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.ingest.parsed import Segment


class Transcript:
    """Turns and headings in document order, written out as they are added.

    Attributes:
        section: The heading the next turns fall under.
        segments: The segments written so far.
    """

    def __init__(self) -> None:
        self.section: str | None = None
        self.segments: list[Segment] = []
        self._pieces: list[str] = []
        self._length = 0
        self._last_speaker: str | None = None

    def heading(self, title: str) -> None:
        """Add a heading (agenda item, debate title); the turns below fall under it."""
        if not title:
            return
        start = self._write(title)
        self.segments.append(Segment(start, start + len(title), section=title, heading=True))
        self.section = title
        self._last_speaker = None

    def turn(
        self,
        speaker: str | None,
        paragraphs: list[str],
        *,
        start_s: float | None = None,
        end_s: float | None = None,
    ) -> None:
        """Add what one speaker said; it continues the previous turn of the same speaker.

        Text without a speaker (a stenographer's note, an agenda text) becomes one segment
        per paragraph.

        Args:
            speaker: The speaker's label, or None.
            paragraphs: The paragraphs said, cleaned; empty ones are left out.
            start_s: Start time in seconds, when the format has times.
            end_s: End time in seconds.
        """
        paragraphs = [paragraph for paragraph in paragraphs if paragraph]
        if not paragraphs:
            return
        if speaker is None:
            for paragraph in paragraphs:
                start = self._write(paragraph)
                segment = Segment(start, self._length, None, self.section, start_s, end_s)
                self.segments.append(segment)
            self._last_speaker = None
            return
        body = "\n".join(paragraphs)
        if speaker == self._last_speaker:
            self._pieces.append("\n" + body)
            self._length += 1 + len(body)
            last = self.segments[-1]
            end_s = end_s if end_s is not None else last.end_s
            self.segments[-1] = replace(last, char_end=self._length, end_s=end_s)
            return
        start = self._write(f"{speaker}: {body}") + len(speaker) + 2
        self.segments.append(Segment(start, self._length, speaker, self.section, start_s, end_s))
        self._last_speaker = speaker

    def pause(self) -> None:
        """End the current turn: the next one is a turn of its own, whoever speaks."""
        self._last_speaker = None

    def text(self) -> str:
        """The document text written so far."""
        return "".join(self._pieces)

    def _write(self, paragraph: str) -> int:
        if self._pieces:
            self._pieces.append("\n\n")
            self._length += 2
        start = self._length
        self._pieces.append(paragraph)
        self._length += len(paragraph)
        return start
