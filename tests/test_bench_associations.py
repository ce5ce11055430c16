"""The association benchmark's scoring (benchmarks/bench_associations.py) on small cases.

The expected recall under random tie-breaking is checked on hand-made rankings with known
answers. The gold files are checked for form, and their quotes against the dev data when it
is there (`KRUISPUNT_REAL_DATA`, else ../shared/data/real).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))  # the benchmarks import their shared module
_SPEC = importlib.util.spec_from_file_location(
    "bench_associations", ROOT / "benchmarks" / "bench_associations.py"
)
ba = importlib.util.module_from_spec(_SPEC)
sys.modules["bench_associations"] = ba
_SPEC.loader.exec_module(ba)

GOLD_FILES = sorted(ba.GOLD_DIR.glob("*.json"))


def _ranking(*rows):
    return [([name], score) for name, score in rows]


def test_no_ties_counts_the_top_k():
    ranking = _ranking(("a", 5), ("x", 4), ("b", 3), ("c", 2))
    assert ba.expected_recall(ranking, {"a", "b", "c"}, 2) == pytest.approx(1 / 3)
    assert ba.expected_recall(ranking, {"a", "b", "c"}, 3) == pytest.approx(2 / 3)
    assert ba.expected_recall(ranking, {"a", "b", "c"}, 10) == pytest.approx(1.0)


def test_tie_group_straddling_the_cut_counts_its_share():
    # 3 gold; top 8 rows hold gold a; a tie group of 4 at ranks 9-12 holds gold b,
    # with 2 slots left at k=10: b is inside with probability 2/4. Gold c is absent.
    top = [("a", 10.0)] + [(f"x{i}", 9.0 - i) for i in range(7)]
    tied = [("b", 1.0), ("y1", 1.0), ("y2", 1.0), ("y3", 1.0)]
    ranking = _ranking(*top, *tied, ("z", 0.5))
    assert ba.expected_recall(ranking, {"a", "b", "c"}, 10) == pytest.approx((1 + 0.5) / 3)
    assert ba.expected_recall(ranking, {"a", "b", "c"}, 12) == pytest.approx(2 / 3)
    assert ba.expected_recall(ranking, {"a", "b", "c"}, 8) == pytest.approx(1 / 3)


def test_all_tied_gives_k_over_n_per_gold():
    ranking = _ranking(*[(name, 0.0) for name in "abcdefghij"])
    assert ba.expected_recall(ranking, {"a", "b"}, 4) == pytest.approx(0.4)


def test_stated_tier_ranks_before_any_score():
    # (tier, score): a stated row with a low score still comes before unstated ones
    ranking = [(["a"], (True, -5.0)), (["x"], (False, 9.0)), (["b"], (False, 8.0))]
    assert ba.expected_recall(ranking, {"a", "b"}, 1) == pytest.approx(0.5)
    assert ba.expected_recall(ranking, {"a", "b"}, 2) == pytest.approx(0.5)
    assert ba.expected_recall(ranking, {"a", "b"}, 3) == pytest.approx(1.0)


def test_fisher_p_ranks_lower_first():
    # 25 rows; gold b has the lowest p but comes last in the table
    names = [f"x{i}" for i in range(24)] + ["b"]
    table = pd.DataFrame(
        {"term": "t", "associate": names, "fisher_p": [0.1 + i / 100 for i in range(24)] + [0.001],
         "stated": None}
    )  # fmt: skip
    for measure in ba.MEASURES:
        if measure not in table:
            table[measure] = 0.0
    gold = {"associations": [{"term": "t", "associate": "b"}]}
    scored = ba.score_table(table, [gold])["t"]
    assert scored["fisher_p"]["recall@10"] == pytest.approx(1.0)
    assert scored["order"]["recall@20"] == pytest.approx(0.0)  # the table's own order


def test_order_of_rows_in_a_tie_does_not_matter():
    first = _ranking(("a", 1.0), ("x", 1.0), ("y", 1.0))
    last = _ranking(("x", 1.0), ("y", 1.0), ("a", 1.0))
    assert ba.expected_recall(first, {"a"}, 1) == pytest.approx(1 / 3)
    assert ba.expected_recall(last, {"a"}, 1) == pytest.approx(1 / 3)


def test_surface_form_matches_and_a_gold_counts_once():
    ranking = [(["statushouders", "statushouder"], 3.0), (["statushouder"], 1.0), (["x"], 2.0)]
    assert ba.expected_recall(ranking, {"statushouder"}, 1) == pytest.approx(1.0)
    assert ba.expected_recall(ranking, {"statushouder", "y"}, 3) == pytest.approx(0.5)


def test_scores_equal_after_rounding_tie():
    ranking = _ranking(("a", 1.0 + 1e-13), ("x", 1.0))
    assert ba.expected_recall(ranking, {"a"}, 1) == pytest.approx(0.5)


def test_strip_header_drops_only_the_dev_set_header():
    assert ba.strip_header("# Source URL: https://x (stored)\nTekst.\n") == "Tekst.\n"
    assert ba.strip_header("Tekst.\n# Source URL: y\n") == "Tekst.\n# Source URL: y\n"


def test_summary_means_and_pools_over_terms():
    fig = {m: {"recall@10": 0.0, "recall@20": 0.0} for m in ba.MEASURES}
    result = {
        "terms": {
            "a": {"n_gold": 1, **{m: {"recall@10": 1.0, "recall@20": 1.0} for m in ba.MEASURES}},
            "b": {"n_gold": 3, **fig},
        }
    }
    assert ba.summary(result)["pmi"]["recall@20"] == pytest.approx(0.5)
    assert ba.summary(result, pooled=True)["pmi"]["recall@20"] == pytest.approx(0.25)


def test_check_gold_reports_problems():
    bad = {
        "document": "d.txt",
        "terms": {"proces": {}},
        "associations": [
            {"term": "regie", "associate": "Bewoners", "evidence": "x", "document": "d.txt"}
        ],
    }
    problems = ba.check_gold(bad)
    assert any("not among" in p for p in problems)
    assert any("lowercase" in p for p in problems)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_is_well_formed(path):
    gold = ba.load_gold(path)
    assert ba.check_gold(gold) == []
    assert ba.method_params({}, gold["terms"], ba.METHODS["sentence"]).associate.terms


def test_gold_set_size():
    golds = [ba.load_gold(p) for p in GOLD_FILES]
    assert len({g["document"] for g in golds}) >= 2
    assert sum(len(g["associations"]) for g in golds) >= 40


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_evidence_occurs_in_document(path):
    gold = ba.load_gold(path)
    doc = ba.data_root() / gold["document"]
    if not doc.exists():
        pytest.skip(f"dev data not here: {doc}")
    text = ba.normalise_space(doc.read_text(encoding="utf-8"))
    missing = [e["evidence"] for e in gold["associations"] if e["evidence"] not in text]
    assert missing == []
