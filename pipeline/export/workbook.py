"""kruispunt.xlsx: the take-home tables as one workbook, with a bilingual "Lees mij" sheet.

Written with XlsxWriter in constant-memory mode: rows stream to disk as they are written,
so large KWIC tables never sit in memory as cell objects. Transcript text is untrusted input
for Excel: a turn that starts with "=" must stay text and never become a formula, so every
string is written as a string.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import xlsxwriter
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from pipeline.export.deterministic_zip import deterministic_zip
from pipeline.export.glossary import describe_sheet

README_SHEET = "Lees mij"
EXCEL_CELL_LIMIT = 32_767
_MIN_WIDTH, _MAX_WIDTH = 8, 60
_HEADER = {"bold": True, "bg_color": "#DDE7F0", "pattern": 1}
_FLOAT = {"num_format": "0.000"}
_DATETIME = {"num_format": "yyyy-mm-dd hh:mm:ss"}
_WRAP = {"text_wrap": True, "valign": "top"}

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

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.header = workbook.add_format(_HEADER)
        self.float = workbook.add_format(_FLOAT)
        self.datetime = workbook.add_format(_DATETIME)
        self.wrap = workbook.add_format(_WRAP)

    def cell(self, sheet, row: int, col: int, value: object, fmt=None) -> None:
        value = _cell_value(value)
        if value is None:
            return
        if isinstance(value, str):
            sheet.write_string(row, col, value, fmt)  # never a formula, whatever was said
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value, fmt)
        elif isinstance(value, float):
            sheet.write_number(row, col, value, fmt or self.float)
        elif isinstance(value, int):
            sheet.write_number(row, col, value, fmt)
        elif isinstance(value, dt.datetime | dt.date):
            sheet.write_datetime(row, col, value, fmt or self.datetime)
        else:
            sheet.write_string(row, col, ILLEGAL_CHARACTERS_RE.sub("", str(value)), fmt)


def _widths(table: pd.DataFrame) -> list[int]:
    widths = []
    for column in table.columns:
        values = table[column]
        lengths = values.astype(str).str.len().where(values.notna(), 0)
        # The 90th percentile keeps one long quote from making a column screen-wide.
        typical = int(lengths.quantile(0.9)) if len(lengths) else 0
        widths.append(max(_MIN_WIDTH, min(_MAX_WIDTH, max(len(str(column)), typical) + 2)))
    return widths


def _add_table_sheet(
    workbook: xlsxwriter.Workbook, writer: _Writer, name: str, table: pd.DataFrame
) -> None:
    sheet = workbook.add_worksheet(name)
    for index, width in enumerate(_widths(table)):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(table), max(0, table.shape[1] - 1))
    for col, column in enumerate(table.columns):
        writer.cell(sheet, 0, col, column, writer.header)
    for row, values in enumerate(table.itertuples(index=False, name=None), start=1):
        for col, value in enumerate(values):
            writer.cell(sheet, row, col, value)


def _add_readme(workbook: xlsxwriter.Workbook, writer: _Writer, glossary: pd.DataFrame) -> None:
    sheet = workbook.add_worksheet(README_SHEET)
    for index, width in enumerate([18, 20, 70, 70]):
        sheet.set_column(index, index, width)
    header_row = len(INTRO) + 1  # 0-based: the intro lines, then an empty row
    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, header_row + len(glossary), 3)
    for row, (nl, en) in enumerate(INTRO):
        writer.cell(sheet, row, 2, nl)
        writer.cell(sheet, row, 3, en)
    for col, column in enumerate(["tabblad / sheet", *glossary.columns[1:]]):
        writer.cell(sheet, header_row, col, column, writer.header)
    for row, values in enumerate(glossary.itertuples(index=False, name=None), start=header_row + 1):
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
    tables: Mapping[str, pd.DataFrame], *, theme_codes: list[str], stamp: str
) -> bytes:
    """Render the take-home tables as an xlsx file.

    Args:
        tables: Sheet name to table, in sheet order (names of at most 31 characters).
        theme_codes: Theme codes, so the "Lees mij" sheet can fold matrix columns.
        stamp: ISO timestamp written as the document's creation and modification date.

    Returns:
        The xlsx file: a "Lees mij" sheet first, then one sheet per table with a frozen,
        bold header row, an autofilter and column widths fitted to the content.
    """
    glossary = pd.concat(
        [describe_sheet(name, t, theme_codes=theme_codes) for name, t in tables.items()],
        ignore_index=True,
    )
    with tempfile.TemporaryDirectory(prefix="kruispunt-xlsx-") as tmp:
        # Constant memory streams each row to a temporary file (it needs a file, not a
        # buffer); the finished workbook is read back for the fixed timestamps.
        path = Path(tmp) / "kruispunt.xlsx"
        workbook = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "tmpdir": tmp,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        writer = _Writer(workbook)
        _add_readme(workbook, writer, glossary)
        for name, table in tables.items():
            _add_table_sheet(workbook, writer, name, table)
        workbook.close()
        data = path.read_bytes()
    return _fix_timestamps(data, stamp)
