"""The workbook prints: one page wide, header row on every page, wrapped quotes, a title.

The page set-up is read back with openpyxl; LibreOffice (headless `soffice`) then prints
real workbooks to PDF and the pages are counted and read with pypdf. Install LibreOffice
with `make test-tools` (Debian: libreoffice-calc-nogui and the Carlito font, metric-
compatible with Calibri); without it the PDF tests are skipped.
"""

import io
import shutil
import subprocess

import openpyxl
import pandas as pd
import pypdf
import pytest

from pipeline.export.print_layout import (
    ID_WIDTH,
    LINE_POINTS,
    PROSE_WIDTH,
    Column,
    column_layout,
    page_setup,
    row_height,
    text_lines,
)
from pipeline.export.workbook import workbook_bytes

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: run `make test-tools`"
)
STAMP = "2026-01-01T00:00:00Z"
QUOTE = (
    "Wij voeren de regie, maar maatwerk vraagt vertrouwen en dat groeit niet vanzelf; "
    "de buurt moet het ook willen en de gemeente moet durven loslaten. "
)


def _workbook(tables, tmp_path) -> bytes:
    return workbook_bytes(tables, theme_codes=[], stamp=STAMP, scratch=tmp_path)


def _pdf(data: bytes, tmp_path) -> pypdf.PdfReader:
    book = tmp_path / "book.xlsx"
    book.write_bytes(data)
    command = [
        SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
        "--convert-to", "pdf", "--outdir", str(tmp_path), str(book),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=300, check=True)
    return pypdf.PdfReader(tmp_path / "book.pdf")


def test_print_layout_column_widths():
    table = pd.DataFrame(
        {
            "n": [1, 2, 300],
            "seg_id": ["breakout_maatwerk_burgerinitiatief.docx#0002"] * 3,
            "quote": [QUOTE * 3] * 3,
            "term": ["samenredzaamheid"] * 3,
        }
    )
    n, seg_id, quote, term = column_layout(table)
    assert n == Column(width=8, wrap=False)
    assert seg_id == Column(width=ID_WIDTH, wrap=True)  # an id is cut into lines
    assert quote == Column(width=PROSE_WIDTH, wrap=True)
    assert term == Column(width=len("samenredzaamheid") + 2, wrap=False)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [("kort", 20, 1), ("een twee drie vier vijf zes", 10, 3), ("regel\nregel\nregel", 40, 3)],
)
def test_print_layout_text_lines(text, width, lines):
    assert text_lines(text, width) == lines


def test_print_layout_row_height_follows_the_longest_wrapped_cell():
    columns = [Column(10, wrap=False), Column(20, wrap=True)]
    assert row_height(("x" * 200, "kort"), columns) is None  # the unwrapped cell is cut
    assert row_height((1, "een twee drie vier vijf zes zeven acht negen tien elf"), columns) == (
        3 * LINE_POINTS
    )


@pytest.mark.parametrize(("widths", "landscape"), [([20, 30, 40], False), ([60, 60], True)])
def test_print_layout_landscape_only_when_wide(widths, landscape):
    assert page_setup(widths).landscape is landscape


def test_print_layout_workbook_page_setup(tmp_path):
    wide = pd.DataFrame({f"kolom_{i}": [QUOTE * 3] * 3 for i in range(3)})
    narrow = pd.DataFrame({"term": ["regie"], "n": [3]})
    data = _workbook({"wide": wide, "narrow": narrow}, tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(data))
    for name, orientation in [("wide", "landscape"), ("narrow", "portrait")]:
        sheet = book[name]
        assert sheet.page_setup.orientation == orientation
        assert int(sheet.page_setup.paperSize) == 9  # A4
        # One page wide (1 is the OOXML default, so it may be left out), any number tall.
        assert sheet.page_setup.fitToWidth in (None, 1)
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"  # the header row on every page
        assert "&A" in sheet.oddHeader.left.text  # the sheet name as print title
    assert book["wide"]["A2"].alignment.wrap_text
    assert book["wide"].row_dimensions[2].height >= 2 * LINE_POINTS


@needs_soffice
def test_print_layout_wide_sheet_prints_one_page_wide_with_its_header_on_every_page(tmp_path):
    # 30 columns would print across several pages without fit-to-width, 400 rows down
    # several pages; each page must start with the header row.
    table = pd.DataFrame({f"kolom{i:02d}": [f"w{i}r{r}" for r in range(400)] for i in range(30)})
    reader = _pdf(_workbook({"breed": table}, tmp_path), tmp_path)
    pages = [p.extract_text() for p in reader.pages]
    sheet_pages = [t for t in pages if t.lstrip().startswith("breed")]
    assert 1 < len(sheet_pages) < 15
    for text in sheet_pages:
        assert "kolom00" in text and "kolom29" in text  # every column, every page
    last_rows = [t for t in sheet_pages if "w29r399" in t]
    assert len(last_rows) == 1


@needs_soffice
def test_print_layout_wrapped_quotes_print_whole(tmp_path):
    ending = "EINDE-VAN-HET-CITAAT"
    table = pd.DataFrame({"doc_id": ["a.txt", "b.txt"], "quote": [QUOTE * 6 + ending] * 2})
    reader = _pdf(_workbook({"citaten": table}, tmp_path), tmp_path)
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
    assert text.count(ending) == 2  # the last words of each quote are on the page
