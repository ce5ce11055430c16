"""coded_segments.csv, the workbook and kruispunt.qdpx code the same spans.

Each side is read back from the written file: the CSV with the csv module, the workbook
with openpyxl, the project from the PlainTextSelections and their CodeRefs in project.qde
(offsets into the plain texts stored in the .qdpx itself).
"""

import csv
import zipfile
from collections import Counter

import openpyxl
import pytest
from export_fixtures import build_tables, exported_layout
from lxml import etree

from pipeline.export.formula_safe import guard_cell

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return exported_layout(tmp_path_factory)[0].reports


@pytest.fixture(scope="module")
def qdpx_codings(reports):
    """(source text, start, end, code GUID) of every coding with a codebook code."""
    with open(reports / "codebook.csv", encoding="utf-8", newline="") as handle:
        codes = {row["guid"] for row in csv.DictReader(handle)}
    with zipfile.ZipFile(reports / "kruispunt.qdpx") as archive:
        root = etree.fromstring(archive.read("project.qde"))
        codings = []
        for source in root.iterfind(".//q:Sources/q:TextSource", NS):
            path = source.get("plainTextPath").removeprefix("internal://")
            text = archive.read(f"sources/{path}").decode("utf-8")
            for selection in source.iterfind("q:PlainTextSelection", NS):
                start = int(selection.get("startPosition"))
                end = int(selection.get("endPosition"))
                for ref in selection.iterfind("q:Coding/q:CodeRef", NS):
                    # Cases are linked to their documents by codings too (not table rows).
                    if ref.get("targetGUID") in codes:
                        codings.append((text, start, end, ref.get("targetGUID")))
    return codings


@pytest.fixture(scope="module")
def doc_text():
    """doc_id to documents.text, from the fixture tables (not from any export)."""
    documents = build_tables()["documents"]
    return dict(zip(documents["doc_id"], documents["text"], strict=True))


@pytest.fixture(scope="module")
def csv_rows(reports):
    with open(reports / "coded_segments.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def sheet_rows(reports):
    sheet = openpyxl.load_workbook(reports / "kruispunt.xlsx", read_only=True)["coded_segments"]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.mark.parametrize("side", ["csv", "workbook"])
def test_coded_segments_code_the_same_spans_as_the_qdpx(
    qdpx_codings, csv_rows, sheet_rows, doc_text, side
):
    rows = csv_rows if side == "csv" else sheet_rows
    table = Counter(
        (doc_text[r["doc_id"]], int(r["char_start"]), int(r["char_end"]), r["code_guid"])
        for r in rows
    )
    assert table == Counter(qdpx_codings)
    assert len(rows) == len(qdpx_codings) > 0


@pytest.mark.parametrize("side", ["csv", "workbook"])
def test_coded_segments_coded_text_is_the_qdpx_source_text(
    qdpx_codings, csv_rows, sheet_rows, doc_text, side
):
    rows = csv_rows if side == "csv" else sheet_rows
    project_texts = {text for text, *_ in qdpx_codings}
    for row in rows:
        text = doc_text[row["doc_id"]]
        assert text in project_texts  # the .qdpx stores the same document text
        start, end = int(row["char_start"]), int(row["char_end"])
        # Formula-safe files prefix an apostrophe to a cell that starts like a formula.
        assert row["coded_text"] == guard_cell(text[start:end])
        segment = text[int(row["segment_char_start"]) : int(row["segment_char_end"])]
        assert row["segment_text"] == guard_cell(segment)


def test_coded_segments_csv_and_workbook_rows_are_equal(csv_rows, sheet_rows):
    columns = ["doc_id", "coding_id", "code_guid", "char_start", "char_end", "coded_text"]
    as_text = [{c: str(r[c]) for c in columns} for r in sheet_rows]
    assert as_text == [{c: r[c] for c in columns} for r in csv_rows]
