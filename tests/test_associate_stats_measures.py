import math

import numpy as np
import pytest

from pipeline.associate.stats import association_measures, log_likelihood

# Each case: the four cells (a, b, c, d) and the measures worked out by hand.
CASES = {
    # The example. N=9, a+b=3, a+c=3, E=3*3/9=1.
    # PMI=log2(2/1)=1; log-Dice=14+log2(4/6)=13.415; t=(2-1)/sqrt(2)=0.7071.
    # Expected cells: E12=3*6/9=2, E21=6*3/9=2, E22=6*6/9=4, so
    # G²=2[2 ln(2/1) + 1 ln(1/2) + 1 ln(1/2) + 5 ln(5/4)] = 2[1.3863-0.6931-0.6931+1.1157]=2.2314.
    "issue": ((2, 1, 1, 5), dict(expected=1.0, pmi=1.0, dice=13.415, g2=2.231, t=0.7071)),
    # A term seen once. N=10, a+b=1, a+c=2, E=0.2; PMI=log2(1/0.2)=log2 5=2.3219;
    # log-Dice=14+log2(2/3)=13.4150; t=(1-0.2)/1=0.8.
    # E12=1*8/10=0.8 (b=0 adds 0), E21=9*2/10=1.8, E22=9*8/10=7.2:
    # G²=2[1 ln 5 + 1 ln(1/1.8) + 8 ln(8/7.2)] = 2[1.6094-0.5878+0.8429] = 3.7291.
    "term_once": ((1, 0, 1, 8), dict(expected=0.2, pmi=2.3219, dice=13.4150, g2=3.7291, t=0.8)),
    # A larger corpus. N=1000, a+b=30, a+c=40, E=1.2; PMI=log2(10/1.2)=3.0589;
    # log-Dice=14+log2(20/70)=12.1926; t=8.8/sqrt(10)=2.7828.
    # E12=30*960/1000=28.8, E21=970*40/1000=38.8, E22=970*960/1000=931.2:
    # G²=2[10 ln 8.333 + 20 ln(20/28.8) + 30 ln(30/38.8) + 940 ln(940/931.2)]
    #   =2[21.2026-7.2929-7.7163+8.8412]=30.069.
    "large": ((10, 20, 30, 940), dict(expected=1.2, pmi=3.0589, dice=12.1926, g2=30.069, t=2.7828)),
    # Perfect association. N=6, a+b=a+c=3, E=1.5; PMI=log2 2=1; log-Dice=14+log2(6/6)=14;
    # t=1.5/sqrt 3=0.8660; E22=3*3/6=1.5, b=c=0: G²=2[3 ln 2 + 3 ln 2]=12 ln 2=8.3178.
    "perfect": ((3, 0, 0, 3), dict(expected=1.5, pmi=1.0, dice=14.0, g2=8.3178, t=0.8660)),
    # Every unit holds the term (b, c, d: c = d = 0). N=4, a+b=4, a+c=2, E=2*4/4=2=a:
    # PMI=log2 1=0; log-Dice=14+log2(4/6)=13.4150; t=0; every O equals its E, so G²=0.
    "all_term": ((2, 2, 0, 0), dict(expected=2.0, pmi=0.0, dice=13.4150, g2=0.0, t=0.0)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_stats_measures_match_hand_worked_values(name):
    (a, b, c, d), want = CASES[name]
    got = association_measures([a], [a + b], [a + c], [a + b + c + d]).iloc[0]
    assert got["expected"] == pytest.approx(want["expected"], abs=1e-4)
    assert got["pmi"] == pytest.approx(want["pmi"], abs=1e-3)
    assert got["log_dice"] == pytest.approx(want["dice"], abs=1e-3)
    assert got["log_likelihood"] == pytest.approx(want["g2"], abs=1e-3)
    assert got["t_score"] == pytest.approx(want["t"], abs=1e-4)


def test_stats_measures_never_cooccurring_associate():
    # a=0, b=3, c=2, d=5, N=10: E=3*2/10=0.6. log2(0) gives -inf for PMI and log-Dice and
    # t=(0-0.6)/0=-inf. G² stays finite: E12=3*8/10=2.4, E21=7*2/10=1.4, E22=7*8/10=5.6,
    # G²=2[0 + 3 ln(3/2.4) + 2 ln(2/1.4) + 5 ln(5/5.6)]=2[0.6694+0.7133-0.5666]=1.6323.
    got = association_measures([0], [3], [2], [10]).iloc[0]
    assert got["expected"] == pytest.approx(0.6)
    assert got["pmi"] == -math.inf
    assert got["log_dice"] == -math.inf
    assert got["t_score"] == -math.inf
    assert got["log_likelihood"] == pytest.approx(1.6323, abs=1e-4)


def test_stats_measures_empty_corpus_is_nan_not_error():
    got = association_measures([0], [0], [0], [0]).iloc[0]
    assert math.isnan(got["expected"])
    assert math.isnan(got["pmi"])


@pytest.mark.parametrize(
    ("a", "n_term", "n_assoc", "n_total"),
    [(3, 2, 5, 10), (1, 5, 5, 8), (2, 3, 3, 1)],
)
def test_stats_measures_reject_inconsistent_counts(a, n_term, n_assoc, n_total):
    with pytest.raises(ValueError, match="cell"):
        association_measures([a], [n_term], [n_assoc], [n_total])


def test_stats_measures_vectorised_rows_are_independent():
    cells = [CASES[name][0] for name in sorted(CASES)]
    a, b, c, d = (np.array(x) for x in zip(*cells, strict=True))
    together = association_measures(a, a + b, a + c, a + b + c + d)
    for i, (ai, bi, ci, di) in enumerate(cells):
        alone = association_measures([ai], [ai + bi], [ai + ci], [ai + bi + ci + di])
        assert together.iloc[i].to_dict() == pytest.approx(alone.iloc[0].to_dict())


@pytest.mark.parametrize(
    ("cells", "want"),
    [
        # symmetric in rows and columns: swapping b and c keeps G² (see "issue" case)
        ((2, 1, 1, 5), 2.2314),
        ((2, 1, 1, 5)[::-1], 2.2314),
        # independence: O = E in every cell (a/b = c/d), so G² = 0
        ((1, 2, 3, 6), 0.0),
    ],
)
def test_stats_log_likelihood_cells(cells, want):
    assert log_likelihood(*([x] for x in cells))[0] == pytest.approx(want, abs=1e-4)
