"""Coded segments: every coding (a term hit, a theme-coded context or a deductive coding).

This is the table a researcher filters in Excel ("all turns of the municipality coded
`regie`"). Each row is one coding of kruispunt.qdpx: the coded span (`char_start`,
`char_end`, `coded_text`) is exactly the PlainTextSelection that the REFI-QDA project
codes, so the CSV, the workbook and the QDA program show the same passage. The whole
segment (speaker turn or paragraph) follows it, with the speaker, timestamps and the
document's metadata, so no join is needed.

A segment longer than `SEGMENT_QUOTE_CHARS` (a turn of an hour, a file that is one line)
is not copied whole onto each of its codings, which would take memory and disk of its
length times its codings: `segment_text` then quotes the coded span with context on
either side, about `SEGMENT_QUOTE_CHARS` characters cut at whitespace, and
`segment_char_start` and `segment_char_end` give that passage (see `quote_bounds`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from pipeline.export.selections import Selection

CODED_SEGMENT_COLUMNS = [
    "doc_id",
    "seg_id",
    "seg_idx",
    "speaker",
    "section",
    "start_s",
    "end_s",
    "code_id",
    "code_guid",
    "level",
    "term",
    "theme",
    "probability",
    "matched",
    "terms",
    "coding_id",
    "char_start",
    "char_end",
    "coded_text",
    "segment_char_start",
    "segment_char_end",
    "segment_text",
]

# A longer segment is quoted around each coded span rather than whole (see quote_bounds).
SEGMENT_QUOTE_CHARS = 2_000
_SPACE = re.compile(r"\s+")


def quote_bounds(
    text: str,
    segment: tuple[int, int],
    span: tuple[int, int],
    *,
    max_chars: int = SEGMENT_QUOTE_CHARS,
) -> tuple[int, int]:
    """The passage of a segment quoted with one coding: the segment, or a window of it.

    Args:
        text: The document text.
        segment: The segment's `(char_start, char_end)` in `text`.
        span: The coded span's `(char_start, char_end)`, inside the segment.
        max_chars: The longest segment quoted whole.

    Returns:
        `(start, end)` in `text`: the whole segment when it has at most `max_chars`
        characters; else a window of `max_chars` characters (or the coded span alone when
        that is longer) holding the span, centred on it as far as the segment allows; a
        side that cuts a word is moved inward to the nearest whitespace.
    """
    seg_start, seg_end = segment
    start, end = span
    if seg_end - seg_start <= max_chars:
        return seg_start, seg_end
    width = max(max_chars, end - start)
    room = (width - (end - start)) // 2
    lo = max(seg_start, min(start - room, seg_end - width))
    hi = lo + width
    # A side that cuts a word moves inward to the nearest whitespace (if there is one).
    if seg_start < lo < start and not text[lo - 1].isspace():
        first = _SPACE.search(text, lo, start)
        lo = first.end() if first else lo
    if end < hi < seg_end and not text[hi].isspace():
        last = None
        for last in _SPACE.finditer(text, end, hi):  # noqa: B007 - the last match
            pass
        hi = last.start() if last else hi
    return lo, hi


def _codings(selections: Iterable[Selection], codebook: pd.DataFrame) -> pd.DataFrame:
    """One row per (selection, code) of the REFI-QDA project: its codings, exactly."""
    rows = [
        (sel.doc_id, sel.key, sel.start, sel.end, guid)
        for sel in selections
        if sel.key.startswith(("hit:", "context:", "deductive:"))
        for guid in sel.code_guids
    ]
    codings = pd.DataFrame(rows, columns=["doc_id", "coding_id", "char_start", "char_end", "guid"])
    codes = codebook[["guid", "code_id", "level", "term", "theme"]]
    codings = codings.merge(codes, on="guid", how="left", validate="many_to_one")
    return codings.rename(columns={"guid": "code_guid"})


def _with_origin(
    table: pd.DataFrame,
    term_hits: pd.DataFrame,
    coded_contexts: pd.DataFrame,
    deductive: pd.DataFrame | None,
) -> pd.DataFrame:
    """Where each coding came from: its segment, and the words matched or the context's odds."""
    hit_keys = "hit:" + term_hits["hit_id"]
    context_keys = "context:" + coded_contexts["context_id"]
    seg_of = dict(zip(hit_keys, term_hits["seg_id"], strict=True))
    seg_of |= dict(zip(context_keys, coded_contexts["seg_id"], strict=True))
    matched = dict(zip(hit_keys, term_hits["matched"], strict=True))
    if deductive is not None and len(deductive):
        deductive_keys = "deductive:" + deductive["coding_id"]
        seg_of |= dict(zip(deductive_keys, deductive["seg_id"], strict=True))
        matched |= dict(zip(deductive_keys, deductive["matched"], strict=True))
    table["seg_id"] = table["coding_id"].map(seg_of)
    table["matched"] = table["coding_id"].map(matched).fillna("")
    odds = dict(zip(context_keys, coded_contexts["probability"], strict=True))
    table["probability"] = table["coding_id"].map(odds).astype("float64")
    table["theme"] = table["theme"].fillna("")
    return table


def _with_segment(
    table: pd.DataFrame, segments: pd.DataFrame, term_hits: pd.DataFrame
) -> pd.DataFrame:
    """The segment of each coding (its bounds, not its text), and every focal term in it."""
    segment_terms = (
        term_hits.sort_values("term")
        .groupby("seg_id")["term"]
        .agg(lambda s: ";".join(dict.fromkeys(s)))
        .rename("terms")
    )
    # The text stays out of the merge: one copy per coding of a long segment is too many.
    segs = segments.drop(columns=["doc_id", "text"]).rename(
        columns={"char_start": "segment_char_start", "char_end": "segment_char_end"}
    )
    table = table.merge(segs, on="seg_id", how="inner", validate="many_to_one")
    table = table.merge(segment_terms, left_on="seg_id", right_index=True, how="left")
    table["terms"] = table["terms"].fillna("")
    return table


def _with_quotes(table: pd.DataFrame, texts: dict[str, str]) -> None:
    """Set each coding's segment_text, with the bounds of a long segment's passage."""
    rows = zip(
        table["doc_id"],
        table["segment_char_start"],
        table["segment_char_end"],
        table["char_start"],
        table["char_end"],
        strict=True,
    )
    bounds = [
        quote_bounds(texts[doc], (int(s0), int(s1)), (int(c0), int(c1)))
        for doc, s0, s1, c0, c1 in rows
    ]
    starts = [lo for lo, _ in bounds]
    ends = [hi for _, hi in bounds]
    table["segment_text"] = [
        texts[doc][lo:hi] for doc, lo, hi in zip(table["doc_id"], starts, ends, strict=True)
    ]
    table["segment_char_start"] = pd.Series(starts, index=table.index, dtype="int64")
    table["segment_char_end"] = pd.Series(ends, index=table.index, dtype="int64")


def build_coded_segments(
    selections: Iterable[Selection],
    segments: pd.DataFrame,
    term_hits: pd.DataFrame,
    coded_contexts: pd.DataFrame,
    codebook: pd.DataFrame,
    *,
    documents: pd.DataFrame,
    metadata_columns: list[str] | None = None,
    deductive_codings: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """List every coding with its coded span, its segment and the segment's context.

    Args:
        selections: The coded selections of kruispunt.qdpx (see `build_selections`):
            each code of each hit or context selection is one row, so the table codes
            exactly what the project codes.
        segments: The segments table.
        term_hits: The term_hits table, for the segment and the matched form of a hit.
        coded_contexts: The coded_contexts table, for the segment and the probability of
            a context.
        codebook: The codebook (see `build_codebook`): code_id, level, term and theme of
            each code GUID.
        documents: The documents table: the coded text is cut from `documents.text`, and
            the metadata columns come from it.
        metadata_columns: Metadata sidecar columns of `documents` to append.
        deductive_codings: The deductive_codings table, for the segment and the matched
            words of a deductive coding (None: the selections hold none).

    Returns:
        One row per coding (a REFI-QDA Coding: one selection and one code), ordered by
        document, segment, level, code and position. Columns: doc_id, seg_id, seg_idx,
        speaker, section, start_s, end_s (timestamps in seconds), code_id, code_guid,
        level (`term`, `theme` or `deductive`), term, theme (theme code, empty for term
        rows), probability (the context's theme probability, empty for term rows),
        matched (the term's form in the text, or the words a deductive code matched),
        terms (all focal terms found in the segment, `;`-separated), coding_id
        (`hit:<hit_id>`, `context:<context_id>` or `deductive:<coding_id>`), char_start,
        char_end (the coded span in documents.text, as in kruispunt.qdpx), coded_text,
        segment_char_start, segment_char_end and segment_text (the segment, or for one
        over `SEGMENT_QUOTE_CHARS` the passage `quote_bounds` gives), then metadata.
    """
    table = _with_origin(
        _codings(selections, codebook), term_hits, coded_contexts, deductive_codings
    )
    table = _with_segment(table, segments, term_hits)
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    spans = zip(table["doc_id"], table["char_start"], table["char_end"], strict=True)
    table["coded_text"] = [texts[doc][int(start) : int(end)] for doc, start, end in spans]
    _with_quotes(table, texts)
    # Terms before their themes within a segment, as in the codebook; deductive codes last.
    table["level_rank"] = table["level"].map({"term": 0, "theme": 1}).fillna(2).astype("int64")
    order = ["doc_id", "seg_idx", "level_rank", "code_id", "char_start", "coding_id"]
    table = table.sort_values(order, kind="stable")
    table = table[CODED_SEGMENT_COLUMNS].reset_index(drop=True)
    table = table.astype({"char_start": "int64", "char_end": "int64"})
    if metadata_columns:
        meta = documents[["doc_id", *metadata_columns]]
        table = table.merge(meta, on="doc_id", how="left", validate="many_to_one")
    return table
