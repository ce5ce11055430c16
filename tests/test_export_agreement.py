"""The comparison with a coded project in the export: agreement.csv, the sheet, the report.

The agreement tables and compare_report.json are made by hand
(`export_fixtures.compare_outputs`, with the measures worked out there); the files are
read back as a reader would.
"""

import csv
import html
import re
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest
from export_fixtures import FORMULA_QUOTE, UNSAFE_QUOTE, compare_outputs, compared_layout

from pipeline.export import figures
from pipeline.export.agreement_section import measure_cell
from pipeline.export.compare_tables import AGREEMENT_SHEET, DISAGREEMENT_SHEET


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    return compared_layout(tmp_path_factory)


@pytest.fixture(scope="module")
def not_compared(tmp_path_factory):
    return compared_layout(tmp_path_factory, coded_project=None)


@pytest.fixture(scope="module")
def section(compared):
    page = (compared[0].reports / "report.html").read_text(encoding="utf-8")
    start = page.index('<section id="agreement">')
    return page[start : page.index("</section>", start)]


def test_agreement_csv_has_the_rows_in_reading_order(compared):
    layout, written = compared
    assert layout.reports / "agreement.csv" in written
    with open(layout.reports / "agreement.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:10] == [
        "kind", "coder_a", "code_a", "coder_b", "code_b",
        "kappa", "alpha", "precision", "recall", "f1",
    ]  # fmt: skip
    assert [r["kind"] for r in rows] == ["human-kruispunt", "human-human"]
    assert float(rows[0]["kappa"]) == pytest.approx(0.5)
    assert (rows[0]["units"], rows[0]["n_a"], rows[0]["n_b"], rows[0]["n_both"]) == (
        "9", "3", "3", "2",
    )  # fmt: skip
    assert rows[1]["kappa"] == rows[1]["alpha"] == ""  # undefined: no variance


def test_agreement_disagreements_csv_is_formula_safe_and_keeps_the_quote(compared):
    layout, _ = compared
    with open(layout.reports / "disagreements.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # Ordered by document within the pair: notulen_raad before vissenkom_utrecht.
    assert [r["unit_id"] for r in rows] == ["notulen_raad.txt#0001", "vissenkom_utrecht.txt#0003"]
    assert rows[0]["quote"] == "'" + FORMULA_QUOTE  # never a formula in Excel
    assert rows[1]["quote"] == UNSAFE_QUOTE


def test_agreement_workbook_sheets_match_the_csv(compared):
    reports = compared[0].reports
    workbook = openpyxl.load_workbook(reports / "kruispunt.xlsx")
    assert workbook.sheetnames[-2:] == [AGREEMENT_SHEET, DISAGREEMENT_SHEET]
    table = pd.read_csv(reports / "agreement.csv")
    sheet = list(workbook[AGREEMENT_SHEET].iter_rows(values_only=True))
    assert list(sheet[0]) == list(table.columns)
    assert sheet[1][:5] == ("human-kruispunt", "anna", "eigen kracht", "kruispunt",
                            "codeboek/zorg/eigen kracht")  # fmt: skip
    assert sheet[1][5] == pytest.approx(0.5)
    readme = list(workbook["Lees mij"].iter_rows(values_only=True))
    described = {(r[0], r[1]): r for r in readme if r[0] in (AGREEMENT_SHEET, DISAGREEMENT_SHEET)}
    for name in (AGREEMENT_SHEET, DISAGREEMENT_SHEET):
        for column in next(workbook[name].iter_rows(values_only=True)):
            row = described[(name, column)]
            assert row[2] and row[3], (name, column)
    # `kind` means the pair's kind here, not word/phrase as in associations.
    assert "human-kruispunt" in described[(AGREEMENT_SHEET, "kind")][2]
    assert "human-kruispunt" in described[(AGREEMENT_SHEET, "kind")][3]


def test_agreement_report_names_the_project_unit_and_overlap(section):
    assert "<code>onderzoek.qdpx</code>" in section
    assert "Unit: segment" in section
    assert "at least 0.5 of it" in section
    # 3 of 5 codings mapped exactly (compare_report.json).
    assert "3 (60%) mapped exactly" in section
    assert "mean share of characters mapped exactly: 0.90" in section


def _cells(section: str) -> list[list[tuple[str, str]]]:
    """The per-pair table as rows of (text, title) cells."""

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows, self.title, self.inside = [], "", False

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            if tag == "td":
                self.inside, self.title = True, dict(attrs).get("title") or ""
                self.rows[-1].append(["", self.title])

        def handle_endtag(self, tag):
            self.inside = self.inside and tag != "td"

        def handle_data(self, data):
            if self.inside:
                self.rows[-1][-1][0] += data

    table = section[section.index('<table class="agreement">') :]
    parser = Cells()
    parser.feed(table[: table.index("</table>")])
    return [[(t.strip(), title) for t, title in row] for row in parser.rows if row]


def test_agreement_report_table_rounds_and_marks_undefined(section):
    first, second = _cells(section)
    # kappa 0.5, alpha 0.5278 -> 0.53, P = R = F1 = 2/3 -> 0.67 (export_fixtures).
    assert [t for t, _ in first[6:]] == ["9", "0.50", "0.53", "0.67", "0.67", "0.67"]
    assert [t for t, _ in first[:6]] == [
        "human-kruispunt", "anna", "eigen kracht", "kruispunt", "codeboek/zorg/eigen kracht",
        "name",
    ]  # fmt: skip
    assert second[7][0] == second[8][0] == "–"
    assert "undefined" in second[7][1] and "undefined" in second[8][1]
    assert not first[7][1]


def test_agreement_report_quotes_disagreements_escaped(section):
    quotes = re.findall(r"<blockquote>(.*?)</blockquote>", section, flags=re.S)
    assert [html.unescape(q) for q in quotes] == [FORMULA_QUOTE, UNSAFE_QUOTE]
    assert "<script>" not in quotes[1] and "&lt;script&gt;" in quotes[1]
    assert "coded eigen kracht by anna only" in section
    assert "coded codeboek/zorg/eigen kracht by kruispunt only" in section
    # Both units shown, of n_a + n_b - 2 n_both = 3 + 3 - 4 = 2.
    assert re.search(r"\(human-kruispunt; 2 of\s+2 units\)", section)


def test_agreement_report_lists_unmatched_sources_and_unmapped_codings(section):
    assert "focusgroep_extra.txt" in section
    assert "geen document met deze naam of tekst" in section
    assert "bron zonder document" in section
    assert re.search(r"1 source of\s+the project matched no document", section)


def test_agreement_report_has_the_confusion_heatmap(section):
    assert 'id="fig-agreement"' in section


def test_agreement_report_links_the_new_files(compared):
    page = (compared[0].reports / "report.html").read_text(encoding="utf-8")
    assert 'href="agreement.csv"' in page and 'href="disagreements.csv"' in page
    assert '<a href="#agreement">Agreement</a>' in page


def test_agreement_nothing_without_a_coded_project(not_compared):
    layout, written = not_compared
    page = (layout.reports / "report.html").read_text(encoding="utf-8")
    assert 'id="agreement"' not in page
    assert "agreement.csv" not in page
    assert not (layout.reports / "agreement.csv").exists()
    assert layout.reports / "agreement.csv" not in written
    sheets = openpyxl.load_workbook(layout.reports / "kruispunt.xlsx", read_only=True).sheetnames
    assert AGREEMENT_SHEET not in sheets
    # The researcher's codebook is still exported without a coded project.
    assert "codeboek/zorg/eigen kracht" in (layout.reports / "codebook.csv").read_text()


def test_agreement_confusion_heatmap_cells_and_order():
    confusion = compare_outputs()["agreement_confusion"]
    data = figures.confusion_heatmap(confusion).data[0]
    # Rows: `eigen kracht` then `(geen)` last; columns likewise.
    assert list(data.y) == ["eigen kracht", "(geen)"]
    assert list(data.x) == ["codeboek/zorg/eigen kracht", "(geen)"]
    assert [list(r) for r in data.z] == [[2, 1], [1, 5]]


def test_agreement_confusion_heatmap_escapes_labels():
    confusion = pd.DataFrame({"human_code": ["<b>x</b>"], "kruispunt_code": ["a&b"], "units": [1]})
    data = figures.confusion_heatmap(confusion).data[0]
    assert list(data.y) == ["&lt;b&gt;x&lt;/b&gt;"] and list(data.x) == ["a&amp;b"]


@pytest.mark.parametrize(
    ("value", "text"), [(0.726, "0.73"), (1.0, "1.00"), (0.0, "0.00"), (-0.333, "-0.33")]
)
def test_agreement_measure_cell_rounds_to_two_decimals(value, text):
    assert measure_cell("kappa", value) == {"text": text, "title": ""}


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA])
def test_agreement_measure_cell_undefined(value):
    cell = measure_cell("precision", value)
    assert cell["text"] == "–" and "undefined" in cell["title"]


def test_agreement_section_with_no_pairs_and_a_bare_report(tmp_path):
    from export_fixtures import build_tables, fixed_params, write_compare, write_layout

    from pipeline.export.folder import export_reports
    from pipeline.export.inputs import empty_table

    tables = build_tables()
    layout = write_layout(tmp_path / "project", tables)
    empty = {n: empty_table(n) for n in ("agreement", "agreement_confusion", "disagreements")}
    write_compare(layout, tables, **empty, compare_report={"coded_project": "leeg.qdpx"})
    export_reports(layout, fixed_params())
    page = (layout.reports / "report.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="agreement">') :]
    section = section[: section.index("</section>")]
    assert "<code>leeg.qdpx</code>" in section
    assert "No pair of codes to compare." in section
    assert "No units to compare." in section
    assert "No units of disagreement." in section
    header = (layout.reports / "agreement.csv").read_text(encoding="utf-8")
    assert header.split(",")[:6] == ["kind", "coder_a", "code_a", "coder_b", "code_b", "kappa"]
    assert header.endswith(",paired_by\n") and header.count("\n") == 1  # header only
