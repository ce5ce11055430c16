"""Page layout: running headers and footers, line joins, reflow.

Excerpts marked "Den Haag" come from PDFs of Gemeente Den Haag (denhaag.raadsinformatie.nl):
the council minutes of 13 November 2024 and the college letter RIS321441 of 13 February
2025 settling the motion "Samen de schouders eronder voor Transvaal en de Schilderswijk".
"""

import pytest
from fpdf import FPDF

from pipeline.ingest import ingest_folder
from pipeline.ingest.pagelayout import (
    drop_running_lines,
    join_lines,
    page_lexicon,
    page_lines,
    reflow,
    running_text,
)
from pipeline.ingest.readers.pdf import read_pdf
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
        # Den Haag, notulen 13 Nov 2024: hyphens of the spelling, not of the line break.
        ("zodat de MKB-", "toets wordt gedaan", "zodat de MKB-toets wordt gedaan"),
        ("voor de hitte-", "eilanden in de stad", "voor de hitte-eilanden in de stad"),
        ("het ondernemers-", "en bewonersplan", "het ondernemers- en bewonersplan"),
        ("de ver-", "gadering is geopend", "de vergadering is geopend"),
        ("het Haga-", "complex", "het Haga-complex"),
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
    "number_line", ["12", "- 12 -", "Pagina 3 van 7", "blz. 4", "Page 2 of 9", "3/10", "2 / 14"]
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


def test_pagelayout_letter_continuation_header_dropped():
    # Den Haag, college letter RIS321441: the first page has a letterhead, pages 2 and 3
    # share a header of three lines and number themselves `2/3`, `3/3`.
    first = ["Retouradres: Postbus 12600, 2500 DJ Den Haag", "Aan de gemeenteraad", "Geacht lid,"]
    body = [
        ["Het college geeft op de volgende manier antwoord op deze motie:"],
        ["Het college beschouwt de motie hiermee als afgedaan."],
    ]
    pages = [first] + [
        ["Gemeente Den Haag", "", "Ons kenmerk", "DSO/10860446", "", *lines, "", f"{n}/3"]
        for n, lines in enumerate(body, start=2)
    ]
    assert drop_running_lines(pages) == [first, *body]


def test_pagelayout_dated_header_and_footer_with_page_numbers_dropped():
    # Made: a header block of two lines with the page number in a dated line.
    bodies = [
        ["De voorzitter. Ik open de vergadering.", "Aan de orde is de begroting."],
        ["Rita Verdonk (Hart voor Den Haag). Voorzitter.", "Dank u wel."],
        ["Wethouder Van Asten (D66). Ja.", "De motie is aangenomen."],
        ["De heer Van Zanen. Ik sluit de vergadering."],
        ["Bijlage: stemmingen."],
    ]
    pages = [
        [
            "Gemeenteraad Den Haag",
            f"Notulen 13 november 2024 - {n}",
            "",
            *body,
            "",
            f"Pagina {n} van 5",
        ]
        for n, body in enumerate(bodies, start=1)
    ]
    assert drop_running_lines(pages) == bodies


def test_pagelayout_body_line_recurring_inside_the_page_is_kept():
    # Den Haag, notulen 13 Nov 2024: motions on many pages share their closing lines, but
    # past the page's own first and last lines they are text, not page furniture.
    motion = ["Verzoekt het college:", "en gaat over tot de orde van de dag."]
    words = ["regie", "maatwerk", "participatie", "draagvlak"]
    pages = [
        [f"Over {w}.", f"Meer over {w}.", *motion, f"Dank voor {w}.", f"Slot over {w}."]
        for w in words
    ]
    assert drop_running_lines(pages) == pages


def test_pagelayout_running_text_cleans_broken_words_with_document_words():
    full = " ".join(["woord"] * 10)
    pages = [
        [f"{full} over de OV-chipkaart en het ov-", "systeem, en de v ergadering."],
        [f"{full} de inburgerings-", "plichtigen en de inburgeringsplichtigen."],
    ]
    lexicon = page_lexicon(pages)
    assert lexicon.counts["inburgeringsplichtigen"] == 1
    text = running_text(pages, matcher=SpeakerMatcher())
    assert text == (
        f"{full} over de OV-chipkaart en het ov-systeem, en de vergadering."
        f"\n\n{full} de inburgeringsplichtigen en de inburgeringsplichtigen."
    )


class _Minutes(FPDF):
    """Made after the Den Haag minutes: a header block, a page number at the foot."""

    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, "Gemeenteraad Den Haag", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 5, "Notulen van 13 november 2024", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, f"{self.page_no()}", align="C")


def test_pagelayout_pdf_text_is_clean_and_segments_index_into_it(tmp_path):
    pdf = _Minutes()
    lines = [
        ["De voorzitter . Ik open de v ergadering van de raad.", "Het gaat over het Haga-"],
        ["complex en de MKB-", "toets.", "Rita Verdonk (Hart voor Den Haag). Dank u wel."],
    ]
    for page in lines:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for line in page:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "notulen.pdf"))

    text = read_pdf((tmp_path / "notulen.pdf").read_bytes()).text
    assert "Gemeenteraad" not in text and "Notulen" not in text
    assert "De voorzitter. Ik open de vergadering van de raad." in text
    assert "Haga-complex" in text and "MKB-toets" in text

    result = ingest_folder(tmp_path)
    document = result.documents.iloc[0]
    assert document["text"] == text
    assert len(result.segments) > 0
    for segment in result.segments.itertuples():
        assert document["text"][segment.char_start : segment.char_end] == segment.text
