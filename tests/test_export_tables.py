import re
import uuid

import pandas as pd
import pytest
from export_fixtures import build_tables

from pipeline.export.associate_tables import friendly_associations, friendly_kwic
from pipeline.export.codebook import build_codebook, make_guid, ordered_terms
from pipeline.export.coded_segments import CODED_SEGMENT_COLUMNS, build_coded_segments
from pipeline.export.matrices import NO_SPEAKER, all_speakers, theme_matrix
from pipeline.export.plot_data import association_bars, term_slug
from pipeline.export.selections import build_selections
from pipeline.params import Params

TERMS = list(Params().associate.terms)


@pytest.fixture(scope="module")
def tables():
    return build_tables()


@pytest.fixture(scope="module")
def codebook(tables):
    return build_codebook(
        tables["term_hits"],
        tables["coded_contexts"],
        tables["themes"],
        tables["associations"],
        terms=TERMS,
        term_specs=Params().associate.terms,
    )


@pytest.fixture(scope="module")
def coded(tables, codebook):
    selections = build_selections(
        tables["term_hits"], tables["coded_contexts"], codebook, documents=tables["documents"]
    )
    return build_coded_segments(
        selections,
        tables["segments"],
        tables["term_hits"],
        tables["coded_contexts"],
        codebook,
        documents=tables["documents"],
        metadata_columns=["meeting_date", "municipality", "n_participants"],
    )


@pytest.mark.parametrize(
    ("code_id", "n_codings", "n_docs", "n_speakers"),
    [
        ("maatwerk", 3, 2, 2),  # vissenkom twice (Gemeente), interview once (Zoë)
        ("regie", 3, 2, 3),
        ("zelfredzaamheid", 2, 1, 1),
        ("participatie", 0, 0, 0),
        ("maatwerk/T01-regie-vertrouwen", 3, 2, 2),
        ("zelfredzaamheid/T00-groeiproces-taal", 2, 1, 1),
        ("samenredzaamheid/T01-regie-vertrouwen", 1, 1, 1),
    ],
)
def test_codebook_counts_per_code(codebook, code_id, n_codings, n_docs, n_speakers):
    row = codebook.set_index("code_id").loc[code_id]
    assert (row["n_codings"], row["n_docs"], row["n_speakers"]) == (n_codings, n_docs, n_speakers)


def test_codebook_orders_terms_then_their_themes(codebook):
    levels = list(zip(codebook["level"], codebook["term"], strict=True))
    terms_in_order = [t for level, t in levels if level == "term"]
    assert terms_in_order == TERMS
    for i, (level, term) in enumerate(levels):
        if level == "theme":
            assert codebook["term"].iloc[i - 1] == term  # directly under its term


def test_codebook_guids_are_uuid5_of_the_code_path(codebook):
    for code_id, guid in zip(codebook["code_id"], codebook["guid"], strict=True):
        assert uuid.UUID(guid).version == 5
        assert guid == make_guid("code", code_id)
    assert codebook["guid"].is_unique


def test_codebook_description_is_left_empty(codebook):
    assert (codebook["description"] == "").all()


def test_codebook_quotes_lead_back_to_segments(codebook, tables):
    seg_text = dict(zip(tables["segments"]["seg_id"], tables["segments"]["text"], strict=True))
    for quotes in codebook["example_quotes"]:
        for quote in filter(None, quotes.split(" || ")):
            seg_id, text = re.match(r"\[(.+?)\] (.*)", quote, re.S).groups()
            assert text in seg_text[seg_id]


@pytest.mark.parametrize(
    ("lexicon", "hit_terms", "expected"),
    [
        (["regie", "maatwerk"], ["maatwerk"], ["regie", "maatwerk"]),
        (["regie"], ["regie", "eigen kracht", "buurt"], ["regie", "buurt", "eigen kracht"]),
    ],
)
def test_codebook_ordered_terms_keeps_lexicon_order(lexicon, hit_terms, expected):
    assert ordered_terms(lexicon, pd.DataFrame({"term": hit_terms})) == expected


def test_coded_segments_columns(coded):
    assert list(coded.columns) == [
        *CODED_SEGMENT_COLUMNS,
        "meeting_date",
        "municipality",
        "n_participants",
    ]


@pytest.mark.parametrize(
    ("seg_id", "codes"),
    [
        (
            # "Gemeente: Wij voeren de regie, maar maatwerk vraagt vertrouwen. Complex maatwerk
            # kost tijd.": two maatwerk hits, one regie hit, and two contexts (one per sentence).
            "vissenkom_utrecht.txt#0002",
            [
                "maatwerk", "maatwerk", "regie", "maatwerk/T01-regie-vertrouwen",
                "maatwerk/T01-regie-vertrouwen", "regie/T01-regie-vertrouwen",
            ],
        ),
        (
            "vissenkom_utrecht.txt#0003",
            [
                "burgerinitiatief", "zelfredzaamheid", "burgerinitiatief/T00-groeiproces-taal",
                "zelfredzaamheid/T00-groeiproces-taal",
            ],
        ),
        ("vissenkom_utrecht.txt#0000", []),  # the chair's welcome carries no code
    ],
)  # fmt: skip
def test_coded_segments_one_row_per_coding(coded, seg_id, codes):
    assert list(coded.loc[coded["seg_id"] == seg_id, "code_id"]) == codes


def test_coded_segments_probability_is_the_contexts(coded, tables):
    themed = coded[coded["level"] == "theme"]
    contexts = tables["coded_contexts"]
    probability = dict(zip(contexts["context_id"], contexts["probability"], strict=True))
    expected = themed["coding_id"].str.removeprefix("context:").map(probability)
    assert themed["probability"].tolist() == expected.tolist()
    assert coded.loc[coded["level"] == "term", "probability"].isna().all()


@pytest.mark.parametrize(
    ("seg_id", "code_id", "coded_texts"),
    [
        ("vissenkom_utrecht.txt#0002", "maatwerk", ["maatwerk", "maatwerk"]),
        (
            "vissenkom_utrecht.txt#0002",
            "maatwerk/T01-regie-vertrouwen",
            [
                "Gemeente: Wij voeren de regie, maar maatwerk vraagt vertrouwen.",
                "Complex maatwerk kost tijd.",
            ],
        ),
        ("interview_zoe.vtt#0000", "maatwerk", ["maatwerk"]),
    ],
)
def test_coded_segments_carry_the_coded_span_and_the_whole_segment(
    coded, tables, seg_id, code_id, coded_texts
):
    rows = coded[(coded["seg_id"] == seg_id) & (coded["code_id"] == code_id)]
    assert rows["coded_text"].tolist() == coded_texts
    text = tables["documents"].set_index("doc_id").loc[rows["doc_id"].iloc[0], "text"]
    for row in rows.itertuples():
        assert text[row.char_start : row.char_end] == row.coded_text
        assert text[row.segment_char_start : row.segment_char_end] == row.segment_text
        assert row.segment_char_start <= row.char_start < row.char_end <= row.segment_char_end
    segment = tables["segments"].set_index("seg_id").loc[seg_id, "text"]
    assert set(rows["segment_text"]) == {segment}


def test_coded_segments_carry_timestamps_and_metadata(coded):
    row = coded[coded["seg_id"] == "interview_zoe.vtt#0002"].iloc[0]
    assert (row["start_s"], row["end_s"]) == (9.0, 15.25)
    assert (row["municipality"], row["speaker"]) == ("Zeist", "Zoë")


T0, T1 = "T00-groeiproces-taal", "T01-regie-vertrouwen"


@pytest.mark.parametrize(
    ("by", "row", "expected"),
    [
        ("term", "maatwerk", {T0: 0, T1: 3, "total": 3}),
        ("term", "zelfredzaamheid", {T0: 2, T1: 0, "total": 2}),
        ("term", "inburgering", {T0: 0, T1: 0, "total": 0}),
        ("doc_id", "vissenkom_utrecht.txt", {T0: 2, T1: 2, "total": 4}),
        ("doc_id", "notulen_raad.txt", {T0: 0, T1: 0, "total": 0}),
        ("speaker", "Zoë", {T0: 0, T1: 2, "total": 2}),
        ("speaker", NO_SPEAKER, {T0: 0, T1: 0, "total": 0}),
    ],
)
def test_matrices_count_contexts(tables, by, row, expected):
    rows = {
        "term": TERMS,
        "doc_id": sorted(tables["documents"]["doc_id"]),
        "speaker": all_speakers(tables["segments"]),
    }[by]
    matrix = theme_matrix(tables["coded_contexts"], tables["themes"], by=by, rows=rows)
    assert list(matrix.columns) == [by, T0, T1, "total"]
    assert matrix.set_index(by).loc[row].to_dict() == expected


def test_associate_tables_kwic_leads_with_the_concordance(tables):
    kwic = friendly_kwic(tables["kwic"], terms=TERMS)
    assert list(kwic.columns[:6]) == ["term", "doc_id", "speaker", "left", "keyword", "right"]
    assert list(dict.fromkeys(kwic["term"])) == [t for t in TERMS if t in set(kwic["term"])]


@pytest.mark.parametrize(
    ("measure", "first_for_maatwerk"), [("log_dice", "complex"), ("t_score", "complex")]
)
def test_associate_tables_associations_sorted_with_example_sentences(
    tables, measure, first_for_maatwerk
):
    table = friendly_associations(
        tables["associations"], tables["term_hits"], terms=TERMS, measure=measure
    )
    maatwerk = table[table["term"] == "maatwerk"]
    assert maatwerk["associate"].iloc[0] == first_for_maatwerk
    assert (
        maatwerk["examples"].iloc[0] == "[vissenkom_utrecht.txt#0002] Complex maatwerk kost tijd."
    )


@pytest.mark.parametrize(
    ("term", "slug"),
    [("maatwerk", "maatwerk"), ("eigen kracht", "eigen_kracht"), ("Zoë/x", "zoë_x")],
)
def test_plot_data_term_slug(term, slug):
    assert term_slug(term) == slug


def test_plot_data_association_bars_top_n(tables):
    bars = association_bars(tables["associations"], terms=TERMS, measure="log_dice", top_n=2)
    assert sorted(bars) == ["maatwerk", "regie", "zelfredzaamheid"]
    assert list(bars["maatwerk"]["associate"]) == ["complex", "statushouder"]
    assert list(bars["maatwerk"].columns) == ["associate", "score", "measure", "n_cooc"]
