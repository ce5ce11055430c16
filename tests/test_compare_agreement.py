"""Agreement measures on hand-worked examples, and the agreement, confusion, disagreement tables."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from pipeline.compare.agreement import (
    agreement_table,
    binary_agreement,
    confusion_table,
    disagreement_table,
)
from pipeline.compare.pairs import make_pairs

# The 2x2 table of the hand-worked example, 10 units:
#                 b coded   b not
#   a coded          4        1      (n_a = 5)
#   a not            2        3
#                 (n_b = 6)
A_2X2 = [True] * 4 + [True] * 1 + [False] * 2 + [False] * 3
B_2X2 = [True] * 4 + [False] * 1 + [True] * 2 + [False] * 3


def test_agreement_kappa_and_alpha_of_a_2x2_table_by_hand():
    # Cohen's kappa: po = (4 + 3) / 10 = 0.7; p_a = 5/10, p_b = 6/10;
    # pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    # Krippendorff's alpha (nominal), coincidence matrix over 20 values, each unit adding
    # (a, b) and (b, a): o_11 = 2 * 4 = 8, o_00 = 2 * 3 = 6, o_10 = o_01 = 1 + 2 = 3;
    # n_1 = 8 + 3 = 11, n_0 = 6 + 3 = 9, n = 20. D_o = (3 + 3) / 20 = 0.3;
    # D_e = 2 * 11 * 9 / (20 * 19) = 198 / 380; alpha = 1 - 0.3 * 380 / 198 = 1 - 114/198
    # = 84/198 = 14/33 = 0.424242...
    # Precision = 4/6, recall = 4/5, F1 = 2 * 4 / (5 + 6) = 8/11.
    got = binary_agreement(A_2X2, B_2X2)
    assert got["units"] == 10
    assert (got["n_a"], got["n_b"], got["n_both"]) == (5, 6, 4)
    assert got["kappa"] == pytest.approx(0.4)
    assert got["alpha"] == pytest.approx(14 / 33)
    assert got["precision"] == pytest.approx(2 / 3)
    assert got["recall"] == pytest.approx(0.8)
    assert got["f1"] == pytest.approx(8 / 11)


def test_agreement_perfect_agreement_is_one():
    a = [True, False, True, False, False]
    got = binary_agreement(a, a)
    assert got["kappa"] == pytest.approx(1.0)
    assert got["alpha"] == pytest.approx(1.0)
    assert (got["precision"], got["recall"], got["f1"]) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize(
    ("value", "expected_pr"),
    # Both code every unit: precision = recall = F1 = 4/4 = 1. Neither codes any:
    # precision 0/0, recall 0/0 and F1 0/(0+0) are undefined.
    [(True, 1.0), (False, None)],
)
def test_agreement_no_variance_is_undefined_without_warnings(value, expected_pr):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = binary_agreement([value] * 4, [value] * 4)
    # pe = 1: kappa = (1 - 1) / (1 - 1) and alpha's D_e = 0, both 0/0.
    assert got["kappa"] is None
    assert got["alpha"] is None
    assert got["precision"] == expected_pr
    assert got["recall"] == expected_pr
    assert got["f1"] == expected_pr


def test_agreement_one_coder_codes_nothing():
    # a codes 2 of 4 units, b none. po = 2/4, pe = 0.5 * 1 + 0.5 * 0 = 0.5: kappa = 0.
    # Alpha: o_00 = 2 * 2 = 4, o_10 = o_01 = 2; n_1 = 2, n_0 = 6, n = 8; D_o = 4/8 = 0.5,
    # D_e = 2 * 2 * 6 / (8 * 7) = 24/56 = 3/7; alpha = 1 - 0.5 * 7/3 = -1/6.
    # Precision 0/0 undefined, recall 0/2 = 0, F1 = 2 * 0 / (2 + 0) = 0.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = binary_agreement([True, True, False, False], [False] * 4)
    assert got["kappa"] == pytest.approx(0.0)
    assert got["alpha"] == pytest.approx(-1 / 6)
    assert got["precision"] is None
    assert got["recall"] == 0.0
    assert got["f1"] == 0.0


def test_agreement_no_units():
    got = binary_agreement([], [])
    assert got["units"] == 0
    assert all(got[k] is None for k in ("kappa", "alpha", "precision", "recall", "f1"))


def _units(n: int) -> pd.DataFrame:
    """n units u0..u(n-1) of 10 characters in document d1, and an empty one at the end."""
    ids = [f"u{i}" for i in range(n)] + ["leeg"]
    return pd.DataFrame(
        {
            "unit_id": ids,
            "doc_id": "d1",
            "seg_id": ids,
            "char_start": [10 * i for i in range(n)] + [10 * n],
            "char_end": [10 * i + 10 for i in range(n)] + [10 * n],
            "text": [f"tekst {i}" for i in range(n)] + [""],
        }
    )


def _coded(*rows: tuple[str, str, str, list[int]]) -> pd.DataFrame:
    out = [(s, c, k, f"u{i}") for s, c, k, units in rows for i in units]
    return pd.DataFrame(out, columns=["side", "coder", "code", "unit_id"])


def _hand_example() -> pd.DataFrame:
    # The 2x2 table above: ann codes u0..u4, kruispunt u0..u3 and u5, u6 (u7..u9 neither).
    # bob (second human) codes u0..u4 as well, except u4, plus u9.
    return _coded(
        ("human", "ann", "steun", [0, 1, 2, 3, 4]),
        ("human", "bob", "steun", [0, 1, 2, 3, 9]),
        ("kruispunt", "kruispunt", "term/steun", [0, 1, 2, 3, 5, 6]),
    )


def test_agreement_table_per_pair():
    coded = _hand_example()
    units = _units(10)
    table = agreement_table(coded, units, make_pairs(coded, None, 0.1))
    ann_kp = table[(table["coder_a"] == "ann") & (table["coder_b"] == "kruispunt")].iloc[0]
    # The 2x2 example: 10 units (the empty unit is not compared), kappa 0.4, alpha 14/33.
    assert (ann_kp["units"], ann_kp["n_a"], ann_kp["n_b"], ann_kp["n_both"]) == (10, 5, 6, 4)
    assert ann_kp["kappa"] == pytest.approx(0.4)
    assert ann_kp["alpha"] == pytest.approx(14 / 33)
    # ann vs bob: both 4 (u0..u3), only ann u4, only bob u9, neither 4. po = 8/10,
    # pe = 0.5 * 0.5 + 0.5 * 0.5 = 0.5, kappa = 0.3 / 0.5 = 0.6.
    ann_bob = table[table["kind"] == "human-human"].iloc[0]
    assert (ann_bob["coder_a"], ann_bob["coder_b"], ann_bob["paired_by"]) == ("ann", "bob", "name")
    assert ann_bob["kappa"] == pytest.approx(0.6)
    assert len(table) == 3


def test_agreement_table_undefined_is_nan_and_mapped_code_without_units():
    coded = _coded(("human", "ann", "steun", list(range(4))))
    pairs = make_pairs(coded, {"steun": ["term/niets"]}, 0.1)
    table = agreement_table(coded, _units(4), pairs)
    # ann codes all 4 units, kruispunt's mapped code none: kappa 0 (pe = po = 0), alpha
    # 1 - 1 / (2 * 4 * 4 / (8 * 7)) = 1 - 7/4 = -0.75; precision 0/0 is NaN.
    row = table.iloc[0]
    assert (row["code_b"], row["paired_by"], row["n_b"]) == ("term/niets", "mapping", 0)
    assert row["kappa"] == pytest.approx(0.0)
    assert row["alpha"] == pytest.approx(-0.75)
    assert pd.isna(row["precision"])
    # Every unit coded by both: no variance, kappa and alpha NaN.
    both = pd.concat([coded, coded.assign(side="kruispunt", coder="kruispunt")])
    row = agreement_table(both, _units(4), make_pairs(both, None, 0.1)).iloc[0]
    assert pd.isna(row["kappa"]) and pd.isna(row["alpha"])
    assert row["f1"] == 1.0


def test_agreement_confusion_counts_by_hand():
    coded = _coded(
        ("human", "ann", "steun", [0, 1]),
        ("human", "bob", "steun", [1, 2]),  # u1 counts once for steun, whoever coded it
        ("human", "ann", "zorg", [1]),
        ("kruispunt", "kruispunt", "term/steun", [0, 1, 3]),
        ("kruispunt", "kruispunt", "thema/zorg", [1]),
    )
    table = confusion_table(coded, _units(5))
    # Per unit, human codes x kruispunt codes:
    #   u0: {steun} x {term/steun}                     -> steun/term/steun
    #   u1: {steun, zorg} x {term/steun, thema/zorg}   -> four cells, one each
    #   u2: {steun} x {}                               -> steun/(geen)
    #   u3: {} x {term/steun}                          -> (geen)/term/steun
    #   u4: nothing on either side                     -> not counted
    assert {(h, k): n for h, k, n in table.itertuples(index=False, name=None)} == {
        ("steun", "term/steun"): 2,
        ("steun", "thema/zorg"): 1,
        ("zorg", "term/steun"): 1,
        ("zorg", "thema/zorg"): 1,
        ("steun", "(geen)"): 1,
        ("(geen)", "term/steun"): 1,
    }
    assert table.columns.tolist() == ["human_code", "kruispunt_code", "units"]


def test_agreement_disagreements_with_quotes_in_order_and_capped():
    coded = _hand_example()
    units = _units(10).iloc[::-1]  # order of the units table does not matter
    pairs = make_pairs(coded, None, 0.1)
    table = disagreement_table(coded, units, pairs, max_per_pair=2)
    ann_kp = table[table["coder_b"] == "kruispunt"]
    ann_kp = ann_kp[ann_kp["coder_a"] == "ann"]
    # ann only: u4; kruispunt only: u5, u6. The first two by offset: u4 (a), u5 (b).
    assert ann_kp["unit_id"].tolist() == ["u4", "u5"]
    assert ann_kp["coded_by"].tolist() == ["a", "b"]
    assert ann_kp["quote"].tolist() == ["tekst 4", "tekst 5"]
    assert ann_kp["char_start"].tolist() == [40, 50]
    # ann vs bob disagree on u4 (ann) and u9 (bob).
    ann_bob = table[table["kind"] == "human-human"]
    assert list(zip(ann_bob["unit_id"], ann_bob["coded_by"], strict=True)) == [
        ("u4", "a"),
        ("u9", "b"),
    ]
    everything = disagreement_table(coded, units, pairs, max_per_pair=20)
    # ann-kruispunt 3 (u4, u5, u6); bob-kruispunt 3 (bob u0..u3, u9 against kruispunt
    # u0..u3, u5, u6: u5, u6, u9); ann-bob 2.
    assert len(everything) == 8
    assert disagreement_table(coded, units, pairs, max_per_pair=0).empty


def test_agreement_tables_empty_inputs():
    coded = _coded()
    pairs = make_pairs(coded, None, 0.1)
    assert agreement_table(coded, _units(3), pairs).empty
    assert confusion_table(coded, _units(3)).empty
    assert disagreement_table(coded, _units(3), pairs, 5).empty
