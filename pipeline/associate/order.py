"""Tokens in reading order, with the row positions and codes the associate steps look up."""

from __future__ import annotations

import numpy as np
import pandas as pd


def reading_order(tokens: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Put tokens in reading order and add what the later steps look up per token.

    Args:
        tokens: The tokens table.
        segments: The segments table.

    Returns:
        The tokens sorted by document, segment and token index, with a RangeIndex and extra
        integer columns `head_pos` (row position of the syntactic head), `doc_code` and
        `speaker_code` (-1 when the segment has no speaker).
    """
    seg = segments.set_index("seg_id")
    seg_codes, seg_ids = pd.factorize(tokens["seg_id"])
    seg_idx = seg["seg_idx"].reindex(seg_ids).fillna(-1).to_numpy(dtype=np.int64)[seg_codes]
    doc_codes = pd.factorize(tokens["doc_id"], sort=True)[0].astype(np.int64)
    key = (doc_codes << 42) + ((seg_idx + 1) << 21) + tokens["tok_idx"].to_numpy()
    if len(key) > 1 and not (np.diff(key) > 0).all():
        order = np.argsort(key, kind="stable")
        tokens, seg_codes, doc_codes = tokens.iloc[order], seg_codes[order], doc_codes[order]
    speakers = pd.factorize(seg["speaker"].reindex(seg_ids))[0][seg_codes]
    # the head is a tok_idx within the segment; turn it into a row position
    n = len(tokens)
    new = np.ones(n, dtype=bool)
    new[1:] = seg_codes[1:] != seg_codes[:-1]
    run = np.cumsum(new) - 1
    seg_first = np.flatnonzero(new)[run] if n else run
    seg_len = np.bincount(run)[run] if n else run
    head_idx = tokens["head_idx"].to_numpy()
    valid = (head_idx >= 0) & (head_idx < seg_len)
    return tokens.reset_index(drop=True).assign(
        head_pos=np.where(valid, seg_first + head_idx, np.arange(n)),
        doc_code=doc_codes,
        speaker_code=speakers,
    )
