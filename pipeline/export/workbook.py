"""kruispunt.xlsx: the take-home tables as one workbook, with a bilingual "Lees mij" sheet.

Written with XlsxWriter in constant-memory mode: rows stream to disk as they are written,
so large KWIC tables never sit in memory as cell objects; the temporary files go to a
scratch folder under the reports folder (`pipeline.export.scratch`). Transcript text is
untrusted input for Excel: every string is written as a string, never a formula, and a
string that starts like a formula also gets the leading apostrophe of the CSV files
(`pipeline.export.formula_safe`), so a sheet copied out of the workbook stays safe. Every
sheet prints one page wide (`pipeline.export.print_layout`).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import xlsxwriter
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from pipeline.export.deterministic_zip import deterministic_zip
from pipeline.export.formula_safe import guard_cell
from pipeline.export.glossary import describe_sheet
from pipeline.export.print_layout import (
    Column,
    apply_page_setup,
    column_layout,
    page_setup,
    row_height,
    text_lines,
)
from pipeline.export.scratch import scratch_dir

README_SHEET = "Lees mij"
EXCEL_CELL_LIMIT = 32_767
_HEADER = {"bold": True, "bg_color": "#DDE7F0", "pattern": 1}
# Every cell sits at the top of its row, so a row tall with a wrapped quote reads across.
_TOP = {"valign": "top"}
_FLOAT = {"num_format": "0.000", **_TOP}
_DATETIME = {"num_format": "yyyy-mm-dd hh:mm:ss", **_TOP}
_WRAP = {"text_wrap": True, **_TOP}

INTRO = [
    ("kruispunt: gecodeerde tabellen", "kruispunt: coded tables"),
    (
        "Elk tabblad is één tabel; dit tabblad legt elke kolom uit.",
        "Each sheet is one table; this sheet explains every column.",
    ),
    (
        "Posities tellen Unicode-tekens vanaf 0 in de documenttekst; het einde is exclusief.",
        "Positions count Unicode code points from 0 in the document text; the end is exclusive.",
    ),
    (
        "Elk getal is terug te voeren op citaten via seg_id en hit_id.",
        "Every number traces back to quotes through seg_id and hit_id.",
    ),
    (
        "Een cel die met ' begint, begon met =, +, -, @, tab of return: de apostrof houdt "
        "hem tekst, nooit een formule (export.formula_safe).",
        "A cell that starts with ' started with =, +, -, @, tab or return: the apostrophe "
        "keeps it text, never a formula (export.formula_safe).",
    ),
]


def _cell_value(value: object) -> object:
    """A table value as Excel can hold it: None for missing, Python scalars, clean text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        # Excel has no time zones: keep the wall-clock time in UTC.
        if value.tzinfo is not None:
            value = value.tz_convert("UTC").tz_localize(None)
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars -> Python scalars
        value = value.item()
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > EXCEL_CELL_LIMIT:
            value = value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value


class _Writer:
    """Writes cells by type, with the workbook's shared formats."""

    def __init__(self, workbook: xlsxwriter.Workbook, *, formula_safe: bool):
        self.header = workbook.add_format({**_HEADER, **_WRAP})
        self.float = workbook.add_format(_FLOAT)
        self.datetime = workbook.add_format(_DATETIME)
        self.wrap = workbook.add_format(_WRAP)
        self.top = workbook.add_format(_TOP)
        self.formula_safe = formula_safe

    def cell(self, sheet, row: int, col: int, value: object, fmt=None) -> None:
        value = _cell_value(value)
        if value is None:
            return
        if self.formula_safe:
            value = guard_cell(value)
        if isinstance(value, str):
            # Never a formula, whatever was said.
            sheet.write_string(row, col, value, fmt or self.top)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value, fmt or self.top)
        elif isinstance(value, float):
            sheet.write_number(row, col, value, self.float)
        elif isinstance(value, int):
            sheet.write_number(row, col, value, fmt or self.top)
        elif isinstance(value, dt.datetime | dt.date):
            sheet.write_datetime(row, col, value, self.datetime)
        else:
            text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
            text = guard_cell(text) if self.formula_safe else text
            sheet.write_string(row, col, text, fmt or self.top)


def _add_table_sheet(
    workbook: xlsxwriter.Workbook, writer: _Writer, name: str, table: pd.DataFrame
) -> None:
    sheet = workbook.add_worksheet(name)
    columns = column_layout(table)
    widths = [c.width for c in columns]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    apply_page_setup(sheet, page_setup(widths))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(table), max(0, table.shape[1] - 1))
    # Constant memory writes row by row, so each row's height is set before its cells.
    header_lines = max(text_lines(str(c), w) for c, w in zip(table.columns, widths, strict=True))
    if header_lines > 1:
        sheet.set_row(0, header_lines * 15.0)
    for col, column in enumerate(table.columns):
        writer.cell(sheet, 0, col, column, writer.header)
    formats = [writer.wrap if c.wrap else None for c in columns]
    for row, values in enumerate(table.itertuples(index=False, name=None), start=1):
        height = row_height(values, columns)
        if height is not None:
            sheet.set_row(row, height)
        for col, value in enumerate(values):
            writer.cell(sheet, row, col, value, formats[col])


def _add_readme(workbook: xlsxwriter.Workbook, writer: _Writer, glossary: pd.DataFrame) -> None:
    sheet = workbook.add_worksheet(README_SHEET)
    columns = [Column(18, wrap=False), Column(20, wrap=False)] + [Column(50, wrap=True)] * 2
    widths = [c.width for c in columns]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    header_row = len(INTRO) + 1  # 0-based: the intro lines, then an empty row
    apply_page_setup(sheet, page_setup(widths, header_row=header_row))
    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, header_row + len(glossary), 3)
    for row, (nl, en) in enumerate(INTRO):
        sheet.set_row(row, row_height((None, None, nl, en), columns))
        writer.cell(sheet, row, 2, nl, writer.wrap)
        writer.cell(sheet, row, 3, en, writer.wrap)
    for col, column in enumerate(["tabblad / sheet", *glossary.columns[1:]]):
        writer.cell(sheet, header_row, col, column, writer.header)
    for row, values in enumerate(glossary.itertuples(index=False, name=None), start=header_row + 1):
        sheet.set_row(row, row_height(values, columns))
        for col, value in enumerate(values):
            writer.cell(sheet, row, col, value, writer.wrap if col >= 2 else None)


def _fix_timestamps(data: bytes, stamp: str) -> bytes:
    """Rewrite the xlsx zip with fixed entry dates and document dates, for identical reruns."""
    source = zipfile.ZipFile(io.BytesIO(data))

    def entries():
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    payload,
                )
            yield info.filename, payload

    return deterministic_zip(entries(), stamp=stamp)


def workbook_bytes(
    tables: Mapping[str, pd.DataFrame],
    *,
    theme_codes: list[str],
    stamp: str,
    scratch: Path,
    formula_safe: bool = True,
) -> bytes:
    """Render the take-home tables as an xlsx file.

    Args:
        tables: Sheet name to table, in sheet order (names of at most 31 characters).
        theme_codes: Theme codes, so the "Lees mij" sheet can fold matrix columns.
        stamp: ISO timestamp written as the document's creation and modification date.
        scratch: Folder (the reports folder) that receives the private scratch folder of
            XlsxWriter's temporary files while the workbook is built.
        formula_safe: Prefix an apostrophe to every string that starts with `=`, `+`,
            `-`, `@`, a tab or a carriage return, as in the CSV files.

    Returns:
        The xlsx file: a "Lees mij" sheet first, then one sheet per table with a frozen,
        bold header row, an autofilter and column widths fitted to the content, set up
        to print one A4 page wide with the header row on every page.
    """
    glossary = pd.concat(
        [describe_sheet(name, t, theme_codes=theme_codes) for name, t in tables.items()],
        ignore_index=True,
    )
    with scratch_dir(scratch) as tmp:
        # Constant memory streams each row to a temporary file (it needs a file, not a
        # buffer); the finished workbook is read back for the fixed timestamps.
        path = tmp / "kruispunt.xlsx"
        workbook = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "tmpdir": str(tmp),
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        writer = _Writer(workbook, formula_safe=formula_safe)
        _add_readme(workbook, writer, glossary)
        for name, table in tables.items():
            _add_table_sheet(workbook, writer, name, table)
        workbook.close()
        data = path.read_bytes()
    return _fix_timestamps(data, stamp)
