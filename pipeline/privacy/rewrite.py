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


def merge_replacements(replacements: list[Replacement]) -> list[Replacement]:
    """Overlapping or nested replacements merged into one, the longest first.

    Two finds can claim the same characters: "Meester" as a name and "Meester de
    Bruinplein" with its title absorbed. Dropping either would keep original text, so the
    merged replacement covers the union of both and takes the text of the longest one
    ("Persoon 338", not "Persoon").

    Args:
        replacements: Replacements in any order.

    Returns:
        Sorted replacements, none overlapping another; touching ones stay apart.
    """
    merged: list[Replacement] = []
    longest: list[int] = []  # extent of the replacement whose text each merged one took
    for r in sorted(replacements, key=lambda r: (r.start, -(r.end - r.start))):
        if merged and r.start < merged[-1].end:
            last = merged[-1]
            new = r.new if r.end - r.start > longest[-1] else last.new
            longest[-1] = max(longest[-1], r.end - r.start)
            merged[-1] = Replacement(last.start, max(last.end, r.end), new)
        else:
            merged.append(r)
            longest.append(r.end - r.start)
    return merged


class Rewrite:
    """The replacements of one text, applied together.

    Args:
        replacements: Replacements in any order; overlapping ones are merged
            (`merge_replacements`).
    """

    def __init__(self, replacements: list[Replacement]) -> None:
        self.replacements = merge_replacements(replacements)
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
