import pytest

from pipeline.ingest.pagelayout import drop_running_lines, join_lines, page_lines, reflow
from pipeline.ingest.speakers import SpeakerMatcher


@pytest.mark.parametrize(
    ("previous", "following", "joined"),
    [
        (
            "wij vinden dat de inburgerings-",
            "plichtigen zelf",
            "wij vinden dat de inburgeringsplichtigen zelf",
        ),
        ("een verantwoordings-", "formulier invullen", "een verantwoordingsformulier invullen"),
        ("de zorg-", "en welzijnspartners", "de zorg- en welzijnspartners"),
        ("de provincie Noord-", "Holland doet mee", "de provincie Noord-Holland doet mee"),
        ("de periode 2024-", "2027 loopt", "de periode 2024-2027 loopt"),
        ("een samen\u00ad", "werking", "een samenwerking"),
        ("de regie ligt", "bij de gemeente", "de regie ligt bij de gemeente"),
        ("vragen -", "en antwoorden", "vragen - en antwoorden"),
    ],
)
def test_pagelayout_join_lines_repairs_hyphenation(previous, following, joined):
    assert join_lines(previous, following) == joined


def _page(number, body, total=4):
    return [
        "Commissie Samenleving - verslag 14 maart 2024",
        "",
        *body,
        "",
        f"Pagina {number} van {total}",
    ]


def test_pagelayout_running_header_and_footer_dropped():
    bodies = [["De voorzitter: Welkom."], ["Wethouder Bakker: Dank u."], ["Regie."], ["Slot."]]
    pages = [_page(n, body) for n, body in enumerate(bodies, start=1)]
    assert drop_running_lines(pages) == bodies


@pytest.mark.parametrize(
    "number_line", ["12", "- 12 -", "Pagina 3 van 7", "blz. 4", "Page 2 of 9", "3/10"]
)
def test_pagelayout_page_numbers_dropped_at_page_edge(number_line):
    pages = [["De vergadering begint.", "Wethouder Bakker: Dank u.", number_line]]
    assert drop_running_lines(pages) == [["De vergadering begint.", "Wethouder Bakker: Dank u."]]


def test_pagelayout_numbers_inside_the_page_stay():
    lines = ["Kop", "Tekst.", "De stemming:", "12", "voor.", "Meer tekst.", "Slot."]
    assert drop_running_lines([lines]) == [lines]


def test_pagelayout_repeated_heading_on_few_pages_is_kept():
    # Two of three pages open with the same heading: not enough to call it a running header.
    pages = [["Ronde twee", "Tekst een."], ["Ronde twee", "Tekst twee."], ["Slot", "Tekst drie."]]
    assert drop_running_lines(pages) == pages


def test_pagelayout_page_lines_collapse_layout_spaces():
    raw = "   Wethouder   Bakker:  Dank u.   \n\n\n\n      Pagina 1 van 2  \n\n"
    assert page_lines(raw) == ["Wethouder Bakker: Dank u.", "", "Pagina 1 van 2"]


def test_pagelayout_reflow_joins_paragraph_and_keeps_turn_starts():
    full = " ".join(["woord"] * 10)
    pages = [
        [
            f"De voorzitter: {full}",
            f"{full} einde.",
            "Wethouder Bakker: Dank u.",
            "",
            "Nieuwe alinea.",
        ],
        ["loopt door op de volgende pagina."],
    ]
    text = reflow(pages, matcher=SpeakerMatcher())
    assert text == (
        f"De voorzitter: {full} {full} einde.\nWethouder Bakker: Dank u."
        "\n\nNieuwe alinea.\n\nloopt door op de volgende pagina."
    )


def test_pagelayout_reflow_short_line_ends_paragraph():
    full = " ".join(["woord"] * 10)
    pages = [[f"{full} een", "kort slot.", "Kop zonder witregel", f"{full} tekst."]]
    text = reflow(pages, matcher=SpeakerMatcher())
    assert text == f"{full} een kort slot.\n\nKop zonder witregel\n\n{full} tekst."


def test_pagelayout_reflow_continues_unfinished_paragraph_over_page_break():
    full = " ".join(["woord"] * 12)
    pages = [[f"{full} en de inburgerings-"], ["plichtigen doen mee."]]
    expected = f"{full} en de inburgeringsplichtigen doen mee."
    assert reflow(pages, matcher=SpeakerMatcher()) == expected
