"""Spans of text to replace: what was found where, and how overlapping finds are merged."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# When finds overlap, the kind with the higher rank decides what the merged span becomes:
# an e-mail address that contains a name is replaced as an e-mail address.
KIND_RANK = {"email": 5, "phone": 4, "postcode": 3, "address": 3, "person": 1}


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range `[start, end)` of a text and what it holds.

    Attributes:
        start: First character.
        end: Character after the last.
        kind: `person`, `email`, `phone`, `address` or `postcode`.
    """

    start: int
    end: int
    kind: str = "person"

    def text(self, source: str) -> str:
        """The covered text."""
        return source[self.start : self.end]


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Merge overlapping spans into their union, keeping the highest-ranked kind.

    Touching spans (`a.end == b.start`) are not merged: "Fatima" and "Bakker" in
    "Fatima,Bakker" stay two names.

    Args:
        spans: Spans in any order; empty spans are dropped.

    Returns:
        Sorted, non-overlapping spans.
    """
    merged: list[Span] = []
    for span in sorted(s for s in spans if s.end > s.start):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            kind = max((last.kind, span.kind), key=lambda k: KIND_RANK.get(k, 0))
            merged[-1] = Span(last.start, max(last.end, span.end), kind)
        else:
            merged.append(span)
    return merged


def shift(spans: Iterable[Span], offset: int) -> list[Span]:
    """Move spans found in a slice back into the coordinates of the whole text."""
    return [Span(s.start + offset, s.end + offset, s.kind) for s in spans]
