"""Formula-safe take-home files: hostile cells are neutralised in CSV and xlsx, not in data/.

The hostile cells are speaker labels and a metadata value of the fixture project (labels
can be changed without moving any offset): `=HYPERLINK(...)`, `-Gemeente`, `+31 ...`,
`@wethouder`, and metadata values that start with a tab or `=` (a leading carriage
return is tested on the cell guard alone).
"""

import csv

import openpyxl
import pandas as pd
import pytest
from export_fixtures import build_tables, write_layout

from pipeline.export.folder import export_reports
from pipeline.export.formula_safe import FORMULA_STARTS, guard_cell, guard_table
from pipeline.params import Params

HOSTILE_SPEAKERS = {
    "Gemeente": '=HYPERLINK("http://example.org/x","klik")',
    "Amina": "-Amina",
    "Zoë": "+31 6 12345678",
    "Interviewer": "@interviewer",
}
HOSTILE_MUNICIPALITY = {"Zeist": "\tZeist", "Utrecht": "=1+1"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SOM(A1:A3)", "'=SOM(A1:A3)"),
        ("+31 6 1234", "'+31 6 1234"),
        ("- ten eerste", "'- ten eerste"),
        ("@wethouder", "'@wethouder"),
        ("\tverborgen", "'\tverborgen"),
        ("\r=1+1", "'\r=1+1"),
        ("regie = sturing", "regie = sturing"),  # only the first character counts
        ("'al veilig", "'al veilig"),
        ("", ""),
        (-0.5, -0.5),  # a number is not a formula
        (None, None),
    ],
)
def test_formula_safe_guard_cell(value, expected):
    assert guard_cell(value) == expected


def test_formula_safe_guard_table_leaves_numbers_and_the_input_alone():
    table = pd.DataFrame({"=kolom": ["=1+1", "tekst"], "n": [-1, 2], "x": [-0.5, None]})
    guarded = guard_table(table)
    assert list(guarded.columns) == ["'=kolom", "n", "x"]
    assert guarded["'=kolom"].tolist() == ["'=1+1", "tekst"]
    assert guarded["n"].tolist() == [-1, 2]
    assert table["=kolom"].tolist() == ["=1+1", "tekst"]  # a copy: data/ tables stay raw


def _hostile_tables():
    tables = build_tables()
    for name in ("segments", "term_hits", "kwic", "coded_contexts"):
        tables[name]["speaker"] = tables[name]["speaker"].replace(HOSTILE_SPEAKERS)
    documents = tables["documents"]
    documents["municipality"] = documents["municipality"].replace(HOSTILE_MUNICIPALITY)
    return tables


@pytest.fixture(scope="module", params=[True, False], ids=["safe", "raw"])
def hostile_export(request, tmp_path_factory):
    layout = write_layout(tmp_path_factory.mktemp("hostile"), _hostile_tables())
    params = Params.model_validate({"export": {"formula_safe": request.param}})
    export_reports(layout, params)
    return layout, request.param


def _csv_cells(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


@pytest.mark.parametrize("name", ["coded_segments.csv", "kwic.csv", "speaker_theme_matrix.csv"])
def test_formula_safe_csv_cells_never_start_a_formula(hostile_export, name):
    layout, safe = hostile_export
    cells = _csv_cells(layout.reports / name)
    starting = [c for c in cells if c.startswith(FORMULA_STARTS)]
    hostile = set(HOSTILE_SPEAKERS.values()) | set(HOSTILE_MUNICIPALITY.values())
    if safe:
        assert starting == []
        assert {"'" + h for h in hostile} & set(cells)
    else:
        assert set(starting) <= hostile and starting  # raw data, exactly as spoken


def test_formula_safe_workbook_cells_carry_the_apostrophe(hostile_export):
    layout, safe = hostile_export
    workbook = openpyxl.load_workbook(layout.reports / "kruispunt.xlsx", read_only=True)
    values = {
        v
        for name in ("coded_segments", "kwic", "speaker_theme")
        for row in workbook[name].iter_rows(values_only=True)
        for v in row
        if isinstance(v, str)
    }
    expected = {("'" if safe else "") + h for h in HOSTILE_SPEAKERS.values()}
    assert expected <= values
    if safe:
        assert not [v for v in values if v.startswith(FORMULA_STARTS)]


def test_formula_safe_leaves_the_stage_tables_raw(hostile_export):
    layout, _ = hostile_export
    kwic = pd.read_csv(layout.processed / "kwic.csv", keep_default_na=False)
    assert set(HOSTILE_SPEAKERS.values()) <= set(kwic["speaker"])
