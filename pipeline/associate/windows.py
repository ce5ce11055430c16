"""Token windows around term hits, for `associate.context: window`."""

from __future__ import annotations

import numpy as np
import pandas as pd


def window_units(
    hits: pd.DataFrame, units: np.ndarray, seg_code: np.ndarray, width: int
) -> tuple[np.ndarray, np.ndarray]:
    """Mark the window units around hits; also name the covering hit of each unit.

    Args:
        hits: At least one hit, in reading order (`pos_start`, `pos_end`).
        units: Unit id per token (`context_units` for windows).
        seg_code: Segment number per token, increasing in reading order.
        width: Half-width of the window.

    Returns:
        (in_window, owner): a boolean per unit, and per unit the row of `hits` whose window
        covers it (-1 for none).
    """
    n_units = int(units.max()) + 1 if len(units) else 0
    unit_seg = seg_code[units >= 0]
    seg_lo = np.searchsorted(unit_seg, unit_seg, side="left")
    seg_hi = np.searchsorted(unit_seg, unit_seg, side="right") - 1
    # the first and last word unit inside each hit (a hyphen inside it may be punctuation)
    before = np.concatenate([[0], np.cumsum(units >= 0)])
    first = before[hits["pos_start"].to_numpy()]
    last = np.maximum(before[hits["pos_end"].to_numpy()] - 1, first)
    lo = np.maximum(first - width, seg_lo[first])
    hi = np.minimum(last + width, seg_hi[last])
    delta = np.zeros(n_units + 1, dtype=np.int64)
    np.add.at(delta, lo, 1)
    np.add.at(delta, hi + 1, -1)
    in_window = np.cumsum(delta)[:n_units] > 0
    # the owner is the nearest covering hit (on a tie, the one before): hits come in reading
    # order, so the candidates are the last hit starting at or before a unit and the next one
    unit = np.arange(n_units)
    left = np.searchsorted(first, unit, side="right") - 1
    right = left + 1
    at_left, at_right = np.clip(left, 0, None), np.clip(right, None, len(first) - 1)
    left_ok = (left >= 0) & (hi[at_left] >= unit)
    right_ok = (right < len(first)) & (lo[at_right] <= unit)
    left_gap, right_gap = unit - last[at_left], first[at_right] - unit
    use_right = right_ok & (~left_ok | (right_gap < left_gap))
    owner = np.where(use_right, right, np.where(left_ok, left, -1))
    return in_window, owner
