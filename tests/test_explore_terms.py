import pandas as pd
import pytest
from explore_fixtures import associations, documents, kwic, relations, segments, term_hits, tokens

from pipeline import explore


@pytest.fixture(scope="module")
def words():
    return explore.segment_words(segments(), tokens(), documents=documents())


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "doc_id",
            [
                ("vissenkom.txt", 2, 14, 142.86),
                ("tafel.txt", 1, 3, 333.33),
                ("verslag.txt", 0, 4, 0.0),
            ],
        ),
        (
            "speaker",
            [
                ("Wethouder", 2, 10, 200.0),
                ("Buurtvrouw", 1, 7, 142.86),
                ("(no speaker)", 0, 4, 0.0),
            ],
        ),
        ("municipality", [("Lindeveen", 3, 17, 176.47), ("Amersfoort", 0, 4, 0.0)]),
    ],
)
def test_explore_term_frequency_per_1000_words(words, by, expected):
    table = explore.term_frequency(term_hits(), words, term="regie", by=by)
    assert list(table.columns) == [by, "hits", "words", "per_1000_words"]
    assert list(table.itertuples(index=False, name=None)) == expected


def test_explore_term_frequency_by_document_and_speaker(words):
    table = explore.term_frequency(term_hits(), words, term="maatwerk", by=["doc_id", "speaker"])
    rows = table.set_index(["doc_id", "speaker"])["hits"].to_dict()
    assert rows[("vissenkom.txt", "Buurtvrouw")] == 1
    assert rows[("vissenkom.txt", "Wethouder")] == 1
    assert rows[("tafel.txt", "Wethouder")] == 0
    assert len(rows) == 4


@pytest.mark.parametrize(
    ("by", "row", "expected"),
    [
        ("doc_id", "vissenkom.txt", {"regie": 142.86, "maatwerk": 142.86}),
        ("doc_id", "tafel.txt", {"regie": 333.33, "maatwerk": 0.0}),
        ("meeting_type", "report", {"regie": 0.0, "maatwerk": 0.0}),
    ],
)
def test_explore_compare_terms_rates_side_by_side(words, by, row, expected):
    table = explore.compare_terms(term_hits(), words, terms=["regie", "maatwerk"], by=by)
    assert list(table.columns) == ["regie", "maatwerk"]
    assert table.loc[row].to_dict() == expected


@pytest.mark.parametrize(
    ("filters", "hit_ids"),
    [
        ({}, ["h4", "h1", "h2", "h3"]),  # by document, then position
        ({"term": "regie"}, ["h4", "h1", "h2"]),
        ({"speaker": "Buurtvrouw"}, ["h2", "h3"]),
        ({"doc_id": ["tafel.txt"]}, ["h4"]),
        ({"contains": "GEMEENTE"}, ["h1"]),  # case-insensitive
        ({"contains": "samenwerken|maatwerk"}, ["h4", "h3"]),  # context or keyword
        ({"term": "regie", "contains": "zelf"}, ["h2"]),
        ({"speaker": "Niemand"}, []),
    ],
)
def test_explore_filter_kwic_selects_lines(filters, hit_ids):
    lines = explore.filter_kwic(kwic(), **filters)
    assert lines["hit_id"].tolist() == hit_ids
    assert list(lines.columns) == [
        "term",
        "doc_id",
        "speaker",
        "left",
        "keyword",
        "right",
        "hit_id",
    ]


def test_explore_style_kwic_bolds_keyword_and_counts_lines():
    html = explore.style_kwic(explore.filter_kwic(kwic()), max_rows=2).to_html()
    assert "2 of 4 lines" in html
    assert "font-weight: bold" in html
    assert "samenwerken" in html and "De gemeente neemt" in html  # lines h4 and h1
    assert "Wij doen het zelf" not in html  # h2 and h3 are cut


@pytest.mark.parametrize(
    ("measure", "ranking"),
    [
        ("pmi", ["voeren", "nemen", "wethouder", "gemeente"]),
        ("log_likelihood", ["nemen", "voeren", "wethouder", "gemeente"]),
        ("log_dice", ["nemen", "voeren", "wethouder", "gemeente"]),  # tie broken by name
        ("t_score", ["nemen", "wethouder", "voeren", "gemeente"]),
    ],
)
def test_explore_top_associates_ranks_each_measure(measure, ranking):
    table = explore.top_associates(associations(), "regie", top_n=5)
    assert table["rank"].tolist() == [1, 2, 3, 4, 5]
    assert table[measure].tolist()[:4] == ranking
    assert pd.isna(table[measure].iloc[4])  # wijk is not attracted: the list is padded


def test_explore_top_associates_can_include_avoided_words():
    table = explore.top_associates(associations(), "regie", top_n=5, attracted_only=False)
    assert table["log_likelihood"].tolist() == ["nemen", "voeren", "wethouder", "wijk", "gemeente"]
    assert table["log_likelihood_score"].tolist() == [14.0, 9.0, 4.0, 3.0, 1.0]


@pytest.mark.parametrize(
    ("a", "b", "share"),
    [("pmi", "log_likelihood", 1.0), ("pmi", "t_score", 0.5), ("log_dice", "t_score", 0.5)],
)
def test_explore_measure_overlap_shares_of_top_lists(a, b, share):
    overlap = explore.measure_overlap(associations(), "regie", top_n=2)
    assert overlap.loc[a, b] == share
    assert overlap.loc[b, a] == share
    assert overlap.loc[a, a] == 1.0


def test_explore_relation_summary_counts_and_quotes():
    table = explore.relation_summary(relations(), "regie")
    assert list(table[["relation", "associate", "n"]].itertuples(index=False, name=None)) == [
        ("governor_obj", "nemen", 2),
        ("amod", "sterk", 1),
        ("copula", "samenwerken", 1),
    ]
    assert table["example"].iloc[0] == "De gemeente neemt regie."
    assert table["hit_id"].iloc[0] == "h1"
    assert "said to be" in table["meaning"].iloc[2]
