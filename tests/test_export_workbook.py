import io

import openpyxl
import pandas as pd
import pytest
from export_fixtures import exported_layout

from pipeline.export.workbook import README_SHEET, workbook_bytes

SHEETS = [
    "Lees mij",
    "codebook",
    "coded_segments",
    "associations",
    "kwic",
    "term_theme",
    "document_theme",
    "speaker_theme",
]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    layout, _ = exported_layout(tmp_path_factory)
    return openpyxl.load_workbook(layout.reports / "kruispunt.xlsx")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return exported_layout(tmp_path_factory)[0].reports


def test_workbook_has_readme_then_one_sheet_per_table(workbook):
    assert workbook.sheetnames == SHEETS


@pytest.mark.parametrize(
    ("sheet", "csv"),
    [
        ("codebook", "codebook.csv"),
        ("coded_segments", "coded_segments.csv"),
        ("associations", "associations.csv"),
        ("kwic", "kwic.csv"),
        ("term_theme", "term_theme_matrix.csv"),
        ("document_theme", "document_theme_matrix.csv"),
        ("speaker_theme", "speaker_theme_matrix.csv"),
    ],
)
def test_workbook_sheet_matches_csv_with_frozen_filtered_header(workbook, reports, sheet, csv):
    table = pd.read_csv(reports / csv)
    ws = workbook[sheet]
    header = [c.value for c in ws[1]]
    assert header == list(table.columns)
    assert ws.max_row == len(table) + 1
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws["A1"].font.bold


def test_workbook_readme_explains_every_column_in_both_languages(workbook):
    ws = workbook[README_SHEET]
    rows = [r for r in ws.iter_rows(values_only=True) if r[0] in SHEETS[1:]]
    described = {(r[0], r[1]) for r in rows}
    for sheet in SHEETS[1:]:
        for column in [c.value for c in workbook[sheet][1]]:
            key = (sheet, "<themecode>") if column.startswith("T0") else (sheet, column)
            assert key in described, key
    assert all(r[2] and r[3] for r in rows), "a column lacks its Dutch or English text"


@pytest.mark.parametrize(
    "value", ["=SOM(A1:A3) staat in de notulen", "=1+1", "@gemeente", "+31 6 1234"]
)
@pytest.mark.parametrize("formula_safe", [True, False])
def test_workbook_keeps_formula_like_text_as_text(value, formula_safe, tmp_path):
    data = workbook_bytes(
        {"kwic": pd.DataFrame({"left": [value]})},
        theme_codes=[],
        stamp="2026-01-01T00:00:00Z",
        scratch=tmp_path,
        formula_safe=formula_safe,
    )
    cell = openpyxl.load_workbook(io.BytesIO(data))["kwic"]["A2"]
    assert cell.data_type == "s"
    assert cell.value == ("'" + value if formula_safe else value)


def test_workbook_drops_illegal_control_characters(tmp_path):
    data = workbook_bytes(
        {"kwic": pd.DataFrame({"left": ["kop\x0bregel"]})},
        theme_codes=[],
        stamp="2026-01-01T00:00:00Z",
        scratch=tmp_path,
    )
    assert openpyxl.load_workbook(io.BytesIO(data))["kwic"]["A2"].value == "kopregel"


@pytest.mark.parametrize(
    ("sheet", "column", "low", "high"),
    [
        ("coded_segments", "segment_text", 40, 120),
        ("coded_segments", "coded_text", 20, 120),
        ("coded_segments", "seg_idx", 8, 10),
        ("kwic", "term", 8, 20),
    ],
)
def test_workbook_column_widths_fit_content(workbook, sheet, column, low, high):
    ws = workbook[sheet]
    letter = next(c.column_letter for c in ws[1] if c.value == column)
    # The file stores the width Excel shows plus its cell padding (under one character).
    assert low <= int(ws.column_dimensions[letter].width) <= high


@pytest.mark.parametrize("stamp", ["2026-01-01T00:00:00Z", "2030-06-15T12:30:00Z"])
def test_workbook_properties_use_the_fixed_stamp(stamp, tmp_path):
    data = workbook_bytes(
        {"kwic": pd.DataFrame({"a": [1]})}, theme_codes=[], stamp=stamp, scratch=tmp_path
    )
    props = openpyxl.load_workbook(io.BytesIO(data)).properties
    assert props.created.isoformat().startswith(stamp[:19])
    assert props.modified.isoformat().startswith(stamp[:19])


def test_workbook_associations_sheet_keeps_the_top_n_per_term(tmp_path):
    from export_fixtures import fixed_params, write_layout

    from pipeline.export.folder import export_reports

    layout = write_layout(tmp_path / "project")
    export_reports(layout, fixed_params(workbook_top_n=1))
    table = pd.read_csv(layout.reports / "associations.csv")
    sheet = pd.read_excel(layout.reports / "kruispunt.xlsx", sheet_name="associations")
    assert table.groupby("term").size().max() > 1  # the CSV keeps every pair
    assert sheet.groupby("term").size().max() == 1
    # the first pair of each term, in the order of associations.csv
    assert list(sheet["associate"]) == list(table.groupby("term", sort=False).head(1)["associate"])
