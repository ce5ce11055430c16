"""Keyword in context: each hit with its left and right context, quoted from the text.

Contexts are cut from the segment text by token offsets, so they keep the spacing of the
transcript; only line breaks and tabs become single spaces, so that one KWIC line stays on
one line. The context never crosses the segment (the speaker turn) and counts
`kwic_width` tokens, punctuation included, on each side.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from pipeline.schemas import columns

_BREAKS = re.compile(r"\s*[\r\n\t\f\v]+\s*")


def _flat(text: str) -> str:
    return _BREAKS.sub(" ", text).strip()


def _run_bounds(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and last position of the run of equal keys that each position is in."""
    n = len(keys)
    new = np.ones(n, dtype=bool)
    new[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(new)
    lengths = np.diff(np.append(starts, n))
    first = np.repeat(starts, lengths)
    return first, np.repeat(starts + lengths - 1, lengths)


def describe_hits(
    hits: pd.DataFrame, tokens: pd.DataFrame, segments: pd.DataFrame, *, width: int
) -> pd.DataFrame:
    """Add the quoted text around each hit: matched form, contexts, sentence, speaker.

    Args:
        hits: Hits from `pipeline.associate.terms.find_term_hits`.
        tokens: Tokens in reading order (default RangeIndex).
        segments: The segments table (text, char_start, speaker, section).
        width: Tokens of left and right context.

    Returns:
        The hits with the term_hits columns (`hit_id`, `term`, `matched`, `doc_id`,
        `seg_id`, `sent_idx`, `tok_start`, `tok_end`, `char_start`, `char_end`, `speaker`,
        `section`, `left`, `right`, `sentence`) plus `pos_start` and `pos_end`.
    """
    seg_code = pd.factorize(tokens["seg_id"])[0]
    seg_lo, seg_hi = _run_bounds(seg_code)
    sent_key = seg_code.astype(np.int64) * 1_000_000 + tokens["sent_idx"].to_numpy()
    sent_lo, sent_hi = _run_bounds(sent_key)
    t_start = tokens["char_start"].to_numpy()
    t_end = tokens["char_end"].to_numpy()
    seg = segments.set_index("seg_id")
    # Positions, then an object array of the segment texts taken by position: each hit
    # refers to its segment's one string. Reindexing the text column instead copies the
    # whole segment text per hit (gigabytes for a long turn with thousands of hits).
    seg_pos = seg.index.get_indexer(hits["seg_id"])
    seg_text = seg["text"].to_numpy(dtype=object)[seg_pos]
    seg_start = seg["char_start"].to_numpy()[seg_pos]

    first = hits["pos_start"].to_numpy()
    last = hits["pos_end"].to_numpy() - 1
    left_pos = np.maximum(first - width, seg_lo[first])
    right_pos = np.minimum(last + width, seg_hi[last])
    matched, left, right, sentence = [], [], [], []
    for i, (start, end) in enumerate(zip(hits["char_start"], hits["char_end"], strict=True)):
        text, base = seg_text[i], seg_start[i]
        matched.append(text[start - base : end - base])
        left.append(_flat(text[t_start[left_pos[i]] - base : start - base]))
        right.append(_flat(text[end - base : t_end[right_pos[i]] - base]))
        s_lo, s_hi = t_start[sent_lo[first[i]]], t_end[sent_hi[first[i]]]
        sentence.append(_flat(text[s_lo - base : s_hi - base]))
    described = hits.assign(
        matched=matched,
        speaker=seg["speaker"].reindex(hits["seg_id"]).to_numpy(dtype=object),
        section=seg["section"].reindex(hits["seg_id"]).to_numpy(dtype=object),
        left=left,
        right=right,
        sentence=sentence,
    )
    return described[[*columns("term_hits"), "pos_start", "pos_end"]]


def build_kwic(term_hits: pd.DataFrame) -> pd.DataFrame:
    """Lay the hits out as a KWIC concordance.

    Args:
        term_hits: The term_hits table.

    Returns:
        The kwic table (`term`, `doc_id`, `speaker`, `section`, `left`, `keyword`, `right`,
        `seg_id`, `hit_id`, `char_start`, `char_end`), sorted by term, document and position.
    """
    kwic = term_hits.rename(columns={"matched": "keyword"})
    kwic = kwic.sort_values(["term", "doc_id", "char_start", "hit_id"], kind="stable")
    return kwic[columns("kwic")].reset_index(drop=True)
