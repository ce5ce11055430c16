import math

import pytest
from explore_fixtures import coded_contexts, documents, themes

from pipeline import explore


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        # A context with two terms counts for both; themes in theme_id order.
        ("term", [("maatwerk", 1, 1, 2), ("regie", 2, 1, 3), ("zelfredzaamheid", 0, 1, 1)]),
        ("doc_id", [("tafel.txt", 0, 1, 1), ("verslag.txt", 0, 1, 1), ("vissenkom.txt", 2, 1, 3)]),
        ("municipality", [("Amersfoort", 0, 1, 1), ("Lindeveen", 2, 2, 4)]),
        (
            "meeting_type",
            [("development_table", 0, 1, 1), ("fishbowl", 2, 1, 3), ("report", 0, 1, 1)],
        ),
    ],
)
def test_explore_theme_sizes_per_term_meeting_and_field(by, expected):
    table = explore.theme_sizes(coded_contexts(), themes(), documents(), by=by)
    assert list(table.columns) == [by, "T00-sturing", "T01-tijd", "total"]
    assert list(table.itertuples(index=False, name=None)) == expected


def test_explore_theme_quotes_one_row_per_quote():
    table = explore.theme_quotes(themes())
    assert list(table.itertuples(index=False, name=None)) == [
        ("T00-sturing", "gemeente, nemen", 1, "vissenkom.txt#0000", "De gemeente neemt regie."),
        (
            "T00-sturing",
            "gemeente, nemen",
            2,
            "vissenkom.txt#0001",
            "Regie? Wij doen het zelf, met maatwerk.",
        ),
        ("T01-tijd", "tijd, kosten", 1, "vissenkom.txt#0002", "Maatwerk kost tijd."),
    ]


def _recode(mapping):
    table = coded_contexts()
    table["code"] = table["context_id"].map(mapping)
    return table


def test_explore_compare_codings_cross_table():
    after = _recode({"c1": "A", "c2": "A", "c3": "A", "c4": "B", "c5": "B"})
    table = explore.compare_codings(coded_contexts(), after)
    assert table.loc["T00-sturing"].tolist() == [2, 0]
    assert table.loc["T01-tijd"].tolist() == [1, 2]
    assert (table.index.name, table.columns.name) == ("before", "after")


@pytest.mark.parametrize(
    ("mapping", "ari"),
    [
        # Renamed codes, same grouping.
        ({"c1": "A", "c2": "A", "c3": "B", "c4": "B", "c5": "B"}, 1.0),
        # c3 moves: pairs together in both 2, expected 4 * 4 / 10 = 1.6, max 4.
        ({"c1": "A", "c2": "A", "c3": "A", "c4": "B", "c5": "B"}, (2 - 1.6) / (4 - 1.6)),
    ],
)
def test_explore_coding_agreement_adjusted_rand(mapping, ari):
    assert explore.coding_agreement(coded_contexts(), _recode(mapping)) == pytest.approx(ari)


def test_explore_coding_agreement_without_shared_contexts_is_nan():
    other = coded_contexts().assign(context_id=lambda t: "x" + t["context_id"])
    assert math.isnan(explore.coding_agreement(coded_contexts(), other))
