"""Pairs of codes to compare: the mapping file, same name, proposed by overlap, coders."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.compare.pairs import load_mapping, make_pairs
from pipeline.errors import KruispuntError


def _coded(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """Rows of side, coder, code, comma-separated unit ids."""
    out = [(s, c, k, u) for s, c, k, units in rows for u in units.split(",")]
    return pd.DataFrame(out, columns=["side", "coder", "code", "unit_id"])


def _pairs(df: pd.DataFrame) -> list[tuple[str, ...]]:
    return list(df.itertuples(index=False, name=None))


def test_pairs_load_mapping_lists_and_single_names(tmp_path):
    path = tmp_path / "mapping.yaml"
    path.write_text(
        "eigen kracht: [thema/zelfredzaamheid, term/eigen kracht]\n"
        "steun: deductief/steun\n"
        "overig: []\n"
        "'no': [term/nee]\n",
        encoding="utf-8",
    )
    assert load_mapping(path) == {
        "eigen kracht": ["thema/zelfredzaamheid", "term/eigen kracht"],
        "steun": ["deductief/steun"],
        "overig": [],
        "no": ["term/nee"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "- a\n- b\n",  # a list, not a mapping
        "no: [term/nee]\n",  # unquoted no is YAML's false
        "steun: {a: b}\n",  # a mapping as value
        "steun: [a, 3]\n",  # a number among the names
        "steun: [a\n",  # not YAML
    ],
)
def test_pairs_load_mapping_rejects_bad_files(tmp_path, text):
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KruispuntError, match=r"compare\.mapping"):
        load_mapping(path)


def test_pairs_mapping_first_then_name_case_insensitive_and_by_leaf():
    coded = _coded(
        ("human", "ann", "Eigen kracht", "u1"),
        ("human", "ann", "Zorg/Mantelzorg", "u2"),
        ("human", "ann", "wonen/Steun", "u3"),
        ("kruispunt", "kruispunt", "thema/zelfredzaamheid", "u1"),
        ("kruispunt", "kruispunt", "eigen kracht", "u1"),
        ("kruispunt", "kruispunt", "zorg/mantelzorg", "u2"),
        ("kruispunt", "kruispunt", "term/steun", "u3"),
        ("kruispunt", "kruispunt", "deductief/steun", "u9"),
    )
    mapping = {"eigen kracht": ["Thema/Zelfredzaamheid", "term/wonen"]}
    assert _pairs(make_pairs(coded, mapping, 0.1)) == [
        # The mapping wins over the same-named "eigen kracht"; its names are matched
        # case-insensitively to kruispunt's codes, and "term/wonen" (no units) is kept.
        ("human-kruispunt", "ann", "Eigen kracht", "kruispunt", "thema/zelfredzaamheid", "mapping"),
        ("human-kruispunt", "ann", "Eigen kracht", "kruispunt", "term/wonen", "mapping"),
        # Same path, other case.
        ("human-kruispunt", "ann", "Zorg/Mantelzorg", "kruispunt", "zorg/mantelzorg", "name"),
        # No same path: every kruispunt code with the same leaf "steun".
        ("human-kruispunt", "ann", "wonen/Steun", "kruispunt", "deductief/steun", "name"),
        ("human-kruispunt", "ann", "wonen/Steun", "kruispunt", "term/steun", "name"),
    ]
    # Without the mapping, "Eigen kracht" pairs with the code of the same name.
    assert _pairs(make_pairs(coded, None, 0.1))[0] == (
        "human-kruispunt", "ann", "Eigen kracht", "kruispunt", "eigen kracht", "name",
    )  # fmt: skip


def test_pairs_proposed_by_jaccard_above_and_below_the_threshold():
    coded = _coded(
        ("human", "ann", "buurt", "u1,u2,u3,u4"),
        # Jaccard of buurt with wijk: 2 shared of 5 units (u1..u5) = 0.4;
        # with straat: 1 shared of 4 (u1..u4) = 0.25; with park: 0 shared.
        ("kruispunt", "kruispunt", "thema/wijk", "u1,u2,u5"),
        ("kruispunt", "kruispunt", "thema/straat", "u4"),
        ("kruispunt", "kruispunt", "thema/park", "u7"),
    )
    assert _pairs(make_pairs(coded, None, 0.4)) == [
        ("human-kruispunt", "ann", "buurt", "kruispunt", "thema/wijk", "proposed"),
    ]
    assert _pairs(make_pairs(coded, None, 0.41)) == []
    # A threshold of zero still needs some overlap: a code with no shared unit never pairs.
    only_park = coded[coded["code"].isin(["buurt", "thema/park"])]
    assert _pairs(make_pairs(only_park, None, 0.0)) == []


def test_pairs_human_human_each_pair_of_coders_on_shared_codes():
    coded = _coded(
        ("human", "bob", "steun", "u1"),
        ("human", "bob", "wonen", "u2"),
        ("human", "ann", "steun", "u3"),
        ("human", "ann", "zorg", "u2"),
        ("human", "cor", "steun", "u1"),
        ("human", "cor", "zorg", "u4"),
    )
    pairs = make_pairs(coded, None, 0.5)
    assert pairs.columns.tolist() == [
        "kind", "coder_a", "code_a", "coder_b", "code_b", "paired_by",
    ]  # fmt: skip
    # No kruispunt codes: nothing pairs by name, nothing to propose. Coders by name:
    # ann-bob share steun; ann-cor steun and zorg; bob-cor steun.
    assert _pairs(pairs) == [
        ("human-human", "ann", "steun", "bob", "steun", "name"),
        ("human-human", "ann", "steun", "cor", "steun", "name"),
        ("human-human", "ann", "zorg", "cor", "zorg", "name"),
        ("human-human", "bob", "steun", "cor", "steun", "name"),
    ]


def test_pairs_two_human_coders_each_paired_with_kruispunt():
    coded = _coded(
        ("human", "ann", "steun", "u1"),
        ("human", "bob", "steun", "u2"),
        ("kruispunt", "kruispunt", "term/steun", "u1"),
    )
    assert _pairs(make_pairs(coded, None, 0.1)) == [
        ("human-kruispunt", "ann", "steun", "kruispunt", "term/steun", "name"),
        ("human-kruispunt", "bob", "steun", "kruispunt", "term/steun", "name"),
        ("human-human", "ann", "steun", "bob", "steun", "name"),
    ]


def test_make_pairs_mapping_may_leave_out_the_unique_name_suffix():
    # The export names a codebook code `maatwerk [2]` beside the term code `maatwerk`; a
    # mapping written as the researcher named it still finds it, and keeps the term apart.
    coded = pd.DataFrame(
        [
            ("human", "ann", "op maat", "u1"),
            ("kruispunt", "kruispunt", "maatwerk", "u1"),
            ("kruispunt", "kruispunt", "codeboek/maatwerk [2]", "u1"),
            ("kruispunt", "kruispunt", "codeboek/regie [2]/nemen", "u2"),
        ],
        columns=["side", "coder", "code", "unit_id"],
    )
    mapping = {"op maat": ["codeboek/maatwerk", "Codeboek/Regie/nemen", "maatwerk"]}
    pairs = make_pairs(coded, mapping, 0.1)
    assert pairs["code_b"].tolist() == [
        "codeboek/maatwerk [2]", "codeboek/regie [2]/nemen", "maatwerk",
    ]  # fmt: skip
    assert set(pairs["paired_by"]) == {"mapping"}
