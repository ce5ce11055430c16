"""Deductive coding on hand-written Dutch turns parsed by the bundled model.

Each test names which sentences a code must code, worked out by reading the turns below;
offsets are found in the document text with `str.index`, not taken from the code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from pipeline.annotate.tokens import annotate_segments
from pipeline.compare.deductive import code_deductively
from pipeline.compare.rules import load_codebook, parse_codebook
from pipeline.model.nlp import load_pipeline
from pipeline.params import AnnotateParams
from pipeline.schemas import columns

ROOT = Path(__file__).resolve().parents[1]
DOC = "t.txt"
# (speaker, section, text); the model splits each text at its full stops.
TURNS = [
    (
        "Wethouder Jansen",
        "Ronde 1",
        "De zelfredzame bewoners vragen weinig hulp. Ze hebben een groot sociaal netwerk."
        " Dat is mooi.",
    ),
    (
        "Nour",
        "Ronde 1",
        "Kleine burgerinitiatieven krijgen een subsidie. Het gaat om eigen kracht van mensen."
        " Eigen kracht is een groot woord. Daarna kwam de koffie. Over netwerken praatten we"
        " later.",
    ),
    ("Nour", "Ronde 2", "De regisseur had de regie. Wij houden de regie liever zelf in handen."),
    (
        "Wethouder Jansen",
        "Ronde 2",
        "Er wordt veel aanbesteed. Op Maat werken is lastig. Wij leveren op maatwerkbasis.",
    ),
]
TEXT = "\n\n".join(text for _, _, text in TURNS)


def _seg(i: int) -> str:
    return f"{DOC}#{i:04d}"


@cache
def _corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, start = [], 0
    for i, (speaker, section, text) in enumerate(TURNS):
        rows.append(
            {
                "seg_id": _seg(i), "doc_id": DOC, "seg_idx": i, "section": section,
                "speaker": speaker, "start_s": None, "end_s": None, "char_start": start,
                "char_end": start + len(text), "text": text,
            }
        )  # fmt: skip
        start += len(text) + 2
    segments = pd.DataFrame(rows)
    nlp = load_pipeline(str(ROOT / "models" / "nl_ud_sm"))[0]
    return annotate_segments(segments, nlp, params=AnnotateParams()), segments


def _code(rules: dict, term_hits: pd.DataFrame | None = None) -> pd.DataFrame:
    tokens, segments = _corpus()
    return code_deductively(tokens, segments, term_hits, parse_codebook(rules))


def _runs(table: pd.DataFrame) -> list[tuple[str, int, int]]:
    """(seg_id, sent_start, sent_end) of each coding, in table order."""
    return list(zip(table["seg_id"], table["sent_start"], table["sent_end"], strict=True))


def _span(first: str, last: str) -> tuple[int, int]:
    """Offsets in TEXT from the first character of `first` to the end of `last`."""
    start = TEXT.index(first)
    return start, TEXT.index(last, start) + len(last)


def test_compare_deductive_sentences_are_split_as_the_tests_assume():
    tokens, _ = _corpus()
    per_segment = tokens.groupby("seg_id")["sent_idx"].nunique().to_dict()
    assert per_segment == {_seg(0): 3, _seg(1): 5, _seg(2): 2, _seg(3): 3}


def test_compare_deductive_wildcard_matches_an_inflected_word():
    # zelfredzame (lemma zelfredzaam) is in turn 0, sentence 0 only
    table = _code({"zelf": {"lemmas": ["zelfredzaam*"]}})
    assert _runs(table) == [(_seg(0), 0, 1)]
    assert table["matched"].tolist() == ["zelfredzame"]
    assert table["rules"].tolist() == ["lemmas:zelfredzaam*"]
    assert table["coding_id"].tolist() == [f"{_seg(0)}@0/zelf"]
    start, end = _span("De zelfredzame", "weinig hulp.")
    assert (table["char_start"].iloc[0], table["char_end"].iloc[0]) == (start, end)
    assert list(table.columns) == columns("deductive_codings")


def test_compare_deductive_plain_lemma_matches_its_inflection():
    table = _code({"zelf": {"lemmas": ["zelfredzaam"]}})
    assert _runs(table) == [(_seg(0), 0, 1)]
    assert table["matched"].tolist() == ["zelfredzame"]


def test_compare_deductive_plural_and_compound_of_a_lemma():
    # burgerinitiatieven: the plural of burgerinitiatief, a compound with head initiatief
    table = _code(
        {
            "bi": {"lemmas": ["burgerinitiatief"]},
            "init": {"lemmas": ["initiatief"]},
            "init exact": {"lemmas": ["initiatief"], "compounds": False},
        }
    )
    assert table["code"].tolist() == ["bi", "init"]
    assert _runs(table) == [(_seg(1), 0, 1), (_seg(1), 0, 1)]
    assert table["matched"].tolist() == ["burgerinitiatieven"] * 2


def test_compare_deductive_multiword_lemma_and_merge_of_consecutive_sentences():
    # "eigen kracht" in turn 1, sentences 1 and 2: one coding over both
    table = _code({"ek": {"lemmas": ["eigen kracht"]}})
    assert _runs(table) == [(_seg(1), 1, 3)]
    start, end = _span("Het gaat om eigen", "een groot woord.")
    assert (table["char_start"].iloc[0], table["char_end"].iloc[0]) == (start, end)
    assert table["matched"].iloc[0] == "eigen kracht;Eigen kracht"
    assert table["rules"].iloc[0] == "lemmas:eigen kracht"


def test_compare_deductive_near_within_and_outside_the_window():
    # turn 1: eigen kracht in sentences 1, 2; netwerken in sentence 4 (2 and 3 away)
    # turn 0: zelfredzame in sentence 0, netwerk in sentence 1 (1 away)
    rules = {"lemmas": ["eigen kracht", "zelfredzaam*"], "near": ["netwerk", "steun"]}
    one = _code({"ek": rules})
    assert _runs(one) == [(_seg(0), 0, 1)]
    assert one["rules"].iloc[0] == "lemmas:zelfredzaam*;near:netwerk"
    two = _code({"ek": {**rules, "near_sentences": 2}})
    assert _runs(two) == [(_seg(0), 0, 1), (_seg(1), 2, 3)]
    assert two["matched"].tolist() == ["zelfredzame", "Eigen kracht"]
    same = _code({"ek": {**rules, "near_sentences": 0}})
    assert same.empty


def test_compare_deductive_near_never_reaches_into_another_segment():
    # regie is only in turn 2, which has no netwerk; turns 0 and 1 have it
    assert _code({"r": {"lemmas": ["regie"], "near": ["netwerk"], "near_sentences": 9}}).empty


def test_compare_deductive_speaker_and_section_filters():
    table = _code(
        {
            "nour": {"lemmas": ["zelfredzaam*", "eigen kracht"], "speakers": ["nour"]},
            "ronde 2": {"lemmas": ["regie"], "sections": ["*RONDE 2"]},
            "wethouder": {"speakers": ["wethouder*"]},
        }
    )
    assert _runs(table[table["code"] == "nour"]) == [(_seg(1), 1, 3)]
    assert _runs(table[table["code"] == "ronde 2"]) == [(_seg(2), 0, 2)]
    # a rule with only speakers codes every sentence of the alderman's two turns
    wethouder = table[table["code"] == "wethouder"]
    assert _runs(wethouder) == [(_seg(0), 0, 3), (_seg(3), 0, 3)]
    assert wethouder["rules"].tolist() == ["speakers:wethouder*"] * 2
    assert wethouder["matched"].tolist() == ["", ""]
    start, end = _span("Er wordt", "op maatwerkbasis.")
    assert (wethouder["char_start"].iloc[1], wethouder["char_end"].iloc[1]) == (start, end)


def test_compare_deductive_exclude_stops_the_sentence():
    # "De regisseur had de regie." is stopped; "Wij houden de regie" is kept
    assert _runs(_code({"r": {"lemmas": ["regie"]}})) == [(_seg(2), 0, 2)]
    assert _runs(_code({"r": {"lemmas": ["regie"], "exclude": ["regisseur"]}})) == [(_seg(2), 1, 2)]


def test_compare_deductive_phrases_are_whole_words_in_any_case():
    # "Op Maat werken" matches "op maat"; "op maatwerkbasis" does not (maatwerkbasis)
    table = _code({"maat": {"phrases": ["op maat"]}})
    assert _runs(table) == [(_seg(3), 1, 2)]
    assert table["matched"].tolist() == ["Op Maat"]
    assert table["rules"].tolist() == ["phrases:op maat"]


def test_compare_deductive_terms_use_the_term_hits():
    start = TEXT.index("maatwerkbasis")
    hits = pd.DataFrame(
        {
            "term": ["maatwerk"], "seg_id": [_seg(3)], "sent_idx": [2],
            "char_start": [start], "char_end": [start + len("maatwerkbasis")],
        }
    )  # fmt: skip
    table = _code({"mw": {"terms": ["maatwerk"]}, "other": {"terms": ["regie"]}}, hits)
    assert _runs(table) == [(_seg(3), 2, 3)]
    assert table["rules"].tolist() == ["terms:maatwerk"]
    assert table["matched"].tolist() == ["maatwerkbasis"]
    assert _code({"mw": {"terms": ["maatwerk"]}}, None).empty


def test_compare_deductive_applies_a_qdc_codebook(tmp_path):
    qdc = tmp_path / "codes.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="11111111-1111-1111-1111-111111111111" name="Eigen kracht" isCodable="true">'
        '<Code guid="22222222-2222-2222-2222-222222222222" name="Netwerk" isCodable="true"/>'
        "</Code></Codes></CodeBook>",
        encoding="utf-8",
    )
    tokens, segments = _corpus()
    table = code_deductively(tokens, segments, None, load_codebook(qdc))
    # netwerk: turn 0 sentence 1 and "netwerken" in turn 1 sentence 4
    assert _runs(table) == [(_seg(1), 1, 3), (_seg(0), 1, 2), (_seg(1), 4, 5)]
    assert table["code"].tolist() == [
        "Eigen kracht",
        "Eigen kracht/Netwerk",
        "Eigen kracht/Netwerk",
    ]


def test_compare_deductive_empty_inputs_give_an_empty_valid_table():
    tokens, segments = _corpus()
    empty = code_deductively(
        tokens.iloc[:0], segments, None, parse_codebook({"a": {"lemmas": "x"}})
    )
    assert empty.empty and list(empty.columns) == columns("deductive_codings")
    assert _code({"a": {"lemmas": ["olifant"]}}).empty


@pytest.mark.parametrize("code", ["regie/nemen", "financiering/subsidie"])
def test_compare_deductive_example_codebook_codes_its_own_themes(code):
    # the shipped codebook on the turns above: regie houden (turn 2, sentence 1) is regie
    # nemen; subsidie (turn 1, sentence 0) is financiering/subsidie
    tokens, segments = _corpus()
    table = code_deductively(
        tokens, segments, None, load_codebook(ROOT / "configs" / "codebook.yaml")
    )
    want = {"regie/nemen": [(_seg(2), 1, 2)], "financiering/subsidie": [(_seg(1), 0, 1)]}
    assert _runs(table[table["code"] == code]) == want[code]
