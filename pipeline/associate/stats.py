"""Association measures over 2x2 contingency tables, vectorised with numpy.

For one focal term and one candidate associate, every context unit of the corpus falls into
one cell of this table (what a "context unit" is depends on the context mode; see
`pipeline.associate.collocates`):

|                     | holds the associate | does not      |
|---------------------|---------------------|---------------|
| holds the term      | a                   | b             |
| does not            | c                   | d             |

with N = a + b + c + d. The measures take the marginals the tables report: `n_cooc` = a,
`n_term` = a + b, `n_assoc` = a + c and `n_total` = N. The expected co-occurrence under
independence is E = (a + b)(a + c) / N, and

- PMI = log2(a / E);
- log-Dice = 14 + log2(2a / ((a + b) + (a + c)));
- t-score = (a - E) / sqrt(a);
- Dunning's G² = 2 Σ O ln(O / E) over the four cells, with 0 · ln 0 = 0. It is not signed:
  a pair seen less often than expected (a < E, so PMI < 0) also gets a positive G².
- signed G² = G² with the sign of a - E, so pairs seen less often than expected rank last;
- Fisher's exact p = P(A >= a) for A hypergeometric with the table's margins (one-sided:
  the chance of co-occurring this often or more under independence), sound at the low
  counts of one short report. In `discourse` units a and a + b are weighted sums (see
  `pipeline.associate.collocates`); Fisher's test takes them rounded to whole units.

Edge cases follow the IEEE limits rather than raising: when a = 0 (the associate never
co-occurs), PMI and log-Dice are -inf and the t-score is -inf (or NaN when E = 0 too); G²
stays finite. When N = 0 or a + b = 0 the expected count is 0 or undefined and the measures
that divide by it are NaN. The associations table never holds such rows, because it keeps
only pairs with a >= `min_cooc` >= 1.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

MEASURES = [
    "expected", "pmi", "log_dice", "log_likelihood", "signed_log_likelihood", "t_score",
    "fisher_p",
]  # fmt: skip
TOLERANCE = 1e-9  # weighted cells may miss 0 by rounding


def _xlogx_over(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Elementwise O ln(O / E), taking 0 where O is 0 (the limit of x ln x)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = observed * np.log(observed / expected)
    return np.where(observed > 0, terms, 0.0)


def log_likelihood(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> np.ndarray:
    """Dunning's log-likelihood ratio G² of 2x2 tables given by their four cells.

    Args:
        a: Units with term and associate.
        b: Units with the term only.
        c: Units with the associate only.
        d: Units with neither.

    Returns:
        G² = 2 Σ O ln(O / E) per table, where each cell's E is row total times column total
        over N. Cells with O = 0 contribute 0.
    """
    cells = [np.asarray(x, dtype=float) for x in (a, b, c, d)]
    a_, b_, c_, d_ = cells
    n = a_ + b_ + c_ + d_
    rows = (a_ + b_, a_ + b_, c_ + d_, c_ + d_)
    cols = (a_ + c_, b_ + d_, a_ + c_, b_ + d_)
    with np.errstate(divide="ignore", invalid="ignore"):
        total = sum(
            _xlogx_over(obs, row * col / n) for obs, row, col in zip(cells, rows, cols, strict=True)
        )
    return 2.0 * total


def _hypergeom():
    """Scipy's hypergeometric distribution, also where `without_torch` has blocked PyTorch.

    scipy.stats looks `torch` up in `sys.modules` when it is imported, and the blocking
    None entry breaks that look-up; the entry is lifted for the import only.
    """
    blocked = "torch" in sys.modules and sys.modules["torch"] is None
    if blocked:
        del sys.modules["torch"]
    try:
        from scipy.stats import hypergeom
    finally:
        if blocked:
            sys.modules["torch"] = None
    return hypergeom


def fisher_p(a: ArrayLike, row: ArrayLike, col: ArrayLike, n: ArrayLike) -> np.ndarray:
    """One-sided Fisher's exact p-value P(A >= a) of 2x2 tables, counts rounded to units.

    Args:
        a: Units with term and associate.
        row: Units with the term (a + b).
        col: Units with the associate (a + c).
        n: All units.

    Returns:
        The hypergeometric upper tail per table (1.0 where a is 0).
    """
    a, row, col, n = (
        np.rint(np.asarray(x, dtype=float)).astype(np.int64) for x in (a, row, col, n)
    )
    return np.clip(_hypergeom().sf(a - 1, n, col, row), 0.0, 1.0)


def association_measures(
    n_cooc: ArrayLike, n_term: ArrayLike, n_assoc: ArrayLike, n_total: ArrayLike
) -> pd.DataFrame:
    """Compute expected count, PMI, log-Dice, G² and t-score for many tables at once.

    Args:
        n_cooc: a, units holding both term and associate.
        n_term: a + b, units holding the term.
        n_assoc: a + c, units holding the associate.
        n_total: N, all units.

    Returns:
        One row per input table with columns `expected` ((a+b)(a+c)/N), `pmi`
        (log2(a/E)), `log_dice` (14 + log2(2a/((a+b)+(a+c)))), `log_likelihood` (G²),
        `signed_log_likelihood`, `t_score` ((a-E)/sqrt(a)) and `fisher_p`, all float.

    Raises:
        ValueError: If the marginals are inconsistent (a cell would be negative).
    """
    a = np.asarray(n_cooc, dtype=float)
    row = np.asarray(n_term, dtype=float)
    col = np.asarray(n_assoc, dtype=float)
    n = np.broadcast_to(np.asarray(n_total, dtype=float), a.shape)
    b, c = row - a, col - a
    d = n - a - b - c
    if a.size and (np.minimum.reduce([a, b, c, d]) < -TOLERANCE).any():
        raise ValueError("inconsistent contingency counts: every cell must be >= 0")
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = row * col / n
        pmi = np.log2(a / expected)
        log_dice = 14.0 + np.log2(2.0 * a / (row + col))
        t_score = (a - expected) / np.sqrt(a)
    g2 = log_likelihood(a, b, c, np.maximum(d, 0.0))
    return pd.DataFrame(
        {
            "expected": expected,
            "pmi": pmi,
            "log_dice": log_dice,
            "log_likelihood": g2,
            "signed_log_likelihood": np.sign(a - expected) * g2,
            "t_score": t_score,
            "fisher_p": fisher_p(a, row, col, n),
        }
    )
