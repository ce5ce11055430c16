"""Units for agreement (segments, sentences) and which codes cover which unit."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from pipeline.compare.units import build_units, code_units
from pipeline.errors import KruispuntError

# A two-segment document, written for this test. Offsets in the document text:
#   "Wij willen meer steun. Het netwerk helpt." is segment 0 at 0..41,
#   "Dank u." is segment 1 at 42..49.
DOC = "Wij willen meer steun. Het netwerk helpt.\nDank u."
SEGMENTS = pd.DataFrame(
    {
        "seg_id": ["d1#0000", "d1#0001"],
        "doc_id": ["d1", "d1"],
        "char_start": [0, 42],
        "char_end": [41, 49],
        "text": [DOC[0:41], DOC[42:49]],
    }
)


def _tokens() -> pd.DataFrame:
    """Whitespace tokens of DOC with the full stop split off, two sentences in segment 0."""
    rows = []
    for seg_id, sent_idx, word, start in [
        ("d1#0000", 0, "Wij", 0), ("d1#0000", 0, "willen", 4), ("d1#0000", 0, "meer", 11),
        ("d1#0000", 0, "steun", 16), ("d1#0000", 0, ".", 21),
        ("d1#0000", 1, "Het", 23), ("d1#0000", 1, "netwerk", 27), ("d1#0000", 1, "helpt", 35),
        ("d1#0000", 1, ".", 40),
        ("d1#0001", 0, "Dank", 42), ("d1#0001", 0, "u", 47), ("d1#0001", 0, ".", 48),
    ]:  # fmt: skip
        assert DOC[start : start + len(word)] == word
        rows.append((seg_id, "d1", sent_idx, word, start, start + len(word)))
    return pd.DataFrame(
        rows, columns=["seg_id", "doc_id", "sent_idx", "text", "char_start", "char_end"]
    )


def test_units_segment_are_the_segments():
    units = build_units(SEGMENTS, None, "segment")
    assert units.columns.tolist() == [
        "unit_id", "doc_id", "seg_id", "char_start", "char_end", "text",
    ]  # fmt: skip
    assert units["unit_id"].tolist() == ["d1#0000", "d1#0001"]
    assert units["char_end"].tolist() == [41, 49]


def test_units_sentence_span_first_token_to_last_token():
    units = build_units(SEGMENTS, _tokens(), "sentence")
    # Sentence 0: "Wij" at 0 .. "." ending at 22; sentence 1: "Het" at 23 .. "." ending at
    # 41; segment 1's one sentence: "Dank" at 42 .. "." ending at 49.
    assert units["unit_id"].tolist() == ["d1#0000@0", "d1#0000@1", "d1#0001@0"]
    assert units["char_start"].tolist() == [0, 23, 42]
    assert units["char_end"].tolist() == [22, 41, 49]
    assert units["text"].tolist() == ["Wij willen meer steun.", "Het netwerk helpt.", "Dank u."]
    assert units["seg_id"].tolist() == ["d1#0000", "d1#0000", "d1#0001"]


def test_units_sentence_without_tokens_or_unknown_unit_is_an_error():
    with pytest.raises(KruispuntError, match="tokens"):
        build_units(SEGMENTS, None, "sentence")
    with pytest.raises(KruispuntError, match="paragraph"):
        build_units(SEGMENTS, None, "paragraph")


def _units(*spans: tuple[str, str, int, int]) -> pd.DataFrame:
    return pd.DataFrame(
        [(u, d, u, s, e, "x" * (e - s)) for u, d, s, e in spans],
        columns=["unit_id", "doc_id", "seg_id", "char_start", "char_end", "text"],
    )


def _codings(*rows: tuple[str, str, str, int, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["coder", "code", "doc_id", "char_start", "char_end"])


def _triples(df: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(df[["coder", "code", "unit_id"]].itertuples(index=False, name=None))


@pytest.mark.parametrize(
    ("end", "counts"),
    # Unit u of length 10 (10..20), min_overlap 0.5: a coding 0..14 covers 4/10 = 0.4 of it
    # (no; and only 4/14 of the coding lies in it), 0..15 covers 5/10 = 0.5 (yes, "at
    # least"), 0..16 covers 0.6 (yes).
    [(14, False), (15, True), (16, True)],
)
def test_code_units_min_overlap_boundary(end, counts):
    coded = code_units(_codings(("ann", "steun", "d1", 0, end)), _units(("u", "d1", 10, 20)), 0.5)
    assert _triples(coded) == ({("ann", "steun", "u")} if counts else set())


@pytest.mark.parametrize(
    ("start", "end", "units"),
    # Units a 0..10 and b 10..20, min_overlap 0.5. A word 12..14 lies wholly in b: it
    # counts for b though it covers only 2/10 of it. A span 8..12 lies half in a and half
    # in b (2/4 each): it counts for both. 7..12 lies 3/5 in a and 2/5 in b: a only.
    [(12, 14, {"b"}), (8, 12, {"a", "b"}), (7, 12, {"a"})],
)
def test_code_units_a_short_span_counts_where_it_lies(start, end, units):
    coded = code_units(
        _codings(("ann", "c", "d1", start, end)),
        _units(("a", "d1", 0, 10), ("b", "d1", 10, 20)),
        0.5,
    )
    assert {unit for _, _, unit in _triples(coded)} == units


def test_code_units_union_of_a_coders_spans_not_the_sum():
    units = _units(("u1", "d1", 0, 10), ("u2", "d1", 10, 20))
    # ann's spans 0..4 and 2..6 overlap: their union covers 0..6 of u1 = 6/10 (not 4+4 = 8);
    # 8..14 adds 8..10 to u1 (union 8/10) and covers 10..14 of u2 = 4/10.
    codings = _codings(
        ("ann", "c", "d1", 0, 4), ("ann", "c", "d1", 2, 6), ("ann", "c", "d1", 8, 14)
    )  # fmt: skip
    assert _triples(code_units(codings, units, 0.7)) == {("ann", "c", "u1")}
    # The first two alone cover 6/10 of u1 (< 0.7), but their union 0..6 lies in u1 wholly.
    assert _triples(code_units(codings.iloc[:2], units, 0.7)) == {("ann", "c", "u1")}
    # 8..14 lies 4/6 in u2 and covers 4/10 of it: not at 0.7.
    assert _triples(code_units(codings.iloc[2:], units, 0.7)) == set()
    assert _triples(code_units(codings, units, 0.4)) == {("ann", "c", "u1"), ("ann", "c", "u2")}


def test_code_units_coders_codes_and_documents_kept_apart():
    units = _units(("a1", "d1", 0, 10), ("b1", "d2", 0, 10))
    codings = _codings(
        ("ann", "c", "d1", 0, 3),  # ann's c covers 3/10 of a1
        ("bob", "c", "d1", 3, 6),  # bob's c another 3/10: not ann's, so no unit
        ("ann", "k", "d1", 6, 10),  # ann's k: 4/10 of a1, another code
        ("ann", "c", "d2", 0, 10),  # the same offsets in d2 cover b1 only
        ("ann", "c", "d3", 0, 10),  # d3 has no units: ignored
    )
    assert _triples(code_units(codings, units, 0.3)) == {
        ("ann", "c", "a1"), ("bob", "c", "a1"), ("ann", "k", "a1"), ("ann", "c", "b1"),
    }  # fmt: skip
    # At 0.5 only ann's c in d2 covers half a unit, but every span lies wholly in its unit,
    # so each still counts there.
    assert _triples(code_units(codings, units, 0.5)) == _triples(code_units(codings, units, 0.3))


def test_code_units_empty_units_never_count_and_side_is_kept():
    units = _units(("empty", "d1", 5, 5), ("u", "d1", 5, 15))
    codings = _codings(("kruispunt", "c", "d1", 0, 15)).assign(side="kruispunt")
    coded = code_units(codings, units, 1.0)
    assert coded.columns.tolist() == ["side", "coder", "code", "unit_id"]
    assert coded.values.tolist() == [["kruispunt", "kruispunt", "c", "u"]]


def test_code_units_no_codings_gives_an_empty_table():
    coded = code_units(_codings(), _units(("u", "d1", 0, 10)), 0.5)
    assert coded.empty
    assert coded.columns.tolist() == ["coder", "code", "unit_id"]


def _runs(chars: set[int]) -> list[set[int]]:
    """Maximal runs of consecutive characters."""
    runs: list[set[int]] = []
    for c in sorted(chars):
        if runs and c - 1 in runs[-1]:
            runs[-1].add(c)
        else:
            runs.append({c})
    return runs


def _brute_force(codings: pd.DataFrame, units: pd.DataFrame, min_overlap: float) -> set:
    """The definition, character by character: the union of a code's spans covers at least
    min_overlap of the unit, or at least min_overlap of one of its runs lies in the unit."""
    out = set()
    for (coder, code), group in codings.groupby(["coder", "code"]):
        for unit in units.itertuples():
            if unit.char_end <= unit.char_start:
                continue
            chars = set()
            for c in group[group["doc_id"] == unit.doc_id].itertuples():
                chars |= set(range(c.char_start, c.char_end))
            inside = set(range(unit.char_start, unit.char_end))
            share = len(chars & inside) / (unit.char_end - unit.char_start)
            lies = [len(run & inside) / len(run) for run in _runs(chars)]
            if share >= min_overlap or any(x >= min_overlap for x in lies):
                out.add((coder, code, unit.unit_id))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_code_units_matches_the_definition_on_random_spans(seed):
    rng = np.random.default_rng(seed)
    spans, pos = [], {"d1": 0, "d2": 0}
    for i in range(30):
        doc = str(rng.choice(["d1", "d2"]))
        length = int(rng.integers(0, 8))
        spans.append((f"u{i}", doc, pos[doc], pos[doc] + length))
        pos[doc] += length + int(rng.integers(0, 3))
    units = _units(*spans)
    starts = rng.integers(0, 60, 40)
    codings = pd.DataFrame(
        {
            "coder": rng.choice(["ann", "bob"], 40),
            "code": rng.choice(["c", "k"], 40),
            "doc_id": rng.choice(["d1", "d2"], 40),
            "char_start": starts,
            "char_end": starts + rng.integers(0, 12, 40),
        }
    )
    for min_overlap in (0.25, 0.5, 1.0):
        got = _triples(code_units(codings, units, min_overlap))
        assert got == _brute_force(codings, units, min_overlap)


def test_code_units_scales_to_100000_units_and_codings():
    rng = np.random.default_rng(0)
    n = 100_000
    starts = np.tile(np.arange(1000) * 50, 100)
    units = pd.DataFrame(
        {
            "unit_id": [f"u{i}" for i in range(n)],
            "doc_id": np.repeat([f"d{i}" for i in range(100)], 1000),
            "seg_id": "s",
            "char_start": starts,
            "char_end": starts + 45,
            "text": "",
        }
    )
    begin = rng.integers(0, 50_000, n)
    codings = pd.DataFrame(
        {
            "coder": rng.choice(["ann", "bob"], n),
            "code": rng.choice([f"c{i}" for i in range(50)], n),
            "doc_id": rng.choice([f"d{i}" for i in range(100)], n),
            "char_start": begin,
            "char_end": begin + rng.integers(1, 300, n),
        }
    )
    t0 = time.perf_counter()
    coded = code_units(codings, units, 0.5)
    assert time.perf_counter() - t0 < 20
    assert len(coded) > n  # a coding of up to 300 characters covers several 50-char units
