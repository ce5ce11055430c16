"""Builders of table rows that tests and benchmarks share.

Tests import it as a top-level module (`from builders import segment_row`): pytest puts
tests/ on sys.path. Benchmarks put tests/ on sys.path first, as `bench_fuzz` does.
"""

from __future__ import annotations


def segment_row(
    doc_id: str,
    seg_idx: int,
    text: str,
    *,
    char_start: int,
    speaker: str | None = None,
    section: str | None = None,
    start_s: float | None = None,
    end_s: float | None = None,
) -> dict:
    """One row of the segments table, in contract order.

    Args:
        doc_id: The document.
        seg_idx: Position in the document, which also keys the row (`<doc_id>#<seg_idx:04d>`).
        text: The segment text.
        char_start: Where the text starts in the document text; it ends `len(text)` later.
        speaker: Speaker label, if any.
        section: Heading the segment falls under, if any.
        start_s: Start time in seconds, if any.
        end_s: End time in seconds, if any.

    Returns:
        The row as a dict with the columns of `pipeline.schemas.SEGMENTS`.
    """
    return {
        "seg_id": f"{doc_id}#{seg_idx:04d}",
        "doc_id": doc_id,
        "seg_idx": seg_idx,
        "section": section,
        "speaker": speaker,
        "start_s": start_s,
        "end_s": end_s,
        "char_start": char_start,
        "char_end": char_start + len(text),
        "text": text,
    }
