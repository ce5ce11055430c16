"""Replace spans of a text and carry every offset over to the new text.

A replacement changes the length of the text, so every offset after it moves. `Rewrite`
holds the replacements of one text and maps an old offset to the new one, which keeps
`documents.text[char_start:char_end] == segments.text` true after pseudonymisation.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Replacement:
    """Replace `text[start:end]` by `new`.

    Attributes:
        start: First character replaced.
        end: Character after the last replaced.
        new: The replacement text.
    """

    start: int
    end: int
    new: str


class Rewrite:
    """The replacements of one text, applied together.

    Args:
        replacements: Non-overlapping replacements in any order.

    Raises:
        ValueError: If two replacements overlap.
    """

    def __init__(self, replacements: list[Replacement]) -> None:
        self.replacements = sorted(replacements, key=lambda r: (r.start, r.end))
        for left, right in zip(self.replacements, self.replacements[1:], strict=False):
            if right.start < left.end:
                raise ValueError(f"overlapping replacements: {left} and {right}")
        self._ends = [r.end for r in self.replacements]
        self._shift = []
        total = 0
        for r in self.replacements:
            total += len(r.new) - (r.end - r.start)
            self._shift.append(total)

    def apply(self, text: str) -> str:
        """The text with all replacements made."""
        pieces, cursor = [], 0
        for r in self.replacements:
            pieces += [text[cursor : r.start], r.new]
            cursor = r.end
        pieces.append(text[cursor:])
        return "".join(pieces)

    def offset(self, position: int) -> int:
        """Where an old offset lands in the new text.

        An offset inside a replaced span moves to the end of its replacement, so a segment
        that started or ended in the middle of a name still covers the whole pseudonym. An
        offset at the start of a replaced span stays at the start of its replacement.
        """
        done = bisect_right(self._ends, position)
        moved = position + (self._shift[done - 1] if done else 0)
        if done < len(self.replacements):
            r = self.replacements[done]
            if r.start < position:
                prior = self._shift[done - 1] if done else 0
                return r.start + prior + len(r.new)
        return moved
