"""kruispunt.xlsx: the take-home tables as one workbook, with a bilingual "Lees mij" sheet.

Written with openpyxl in write-only mode, so large KWIC tables stream to disk instead of
holding every cell object in memory. Transcript text is untrusted input for Excel: a turn
that starts with "=" must stay text and never become a formula.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pipeline.export.glossary import describe_sheet

README_SHEET = "Lees mij"
EXCEL_CELL_LIMIT = 32_767
_MIN_WIDTH, _MAX_WIDTH = 8, 60
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")

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


def _cell(sheet, value: object, *, header: bool = False) -> WriteOnlyCell:
    value = _cell_value(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the speaker said
    if isinstance(value, float):
        cell.number_format = "0.000"
    if header:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    return cell


def _widths(table: pd.DataFrame) -> list[int]:
    widths = []
    for column in table.columns:
        lengths = table[column].map(lambda v: len(str(v)) if pd.notna(v) else 0)
        # The 90th percentile keeps one long quote from making a column screen-wide.
        typical = int(lengths.quantile(0.9)) if len(lengths) else 0
        widths.append(max(_MIN_WIDTH, min(_MAX_WIDTH, max(len(str(column)), typical) + 2)))
    return widths


def _add_table_sheet(workbook: Workbook, name: str, table: pd.DataFrame) -> None:
    sheet = workbook.create_sheet(title=name)
    for index, width in enumerate(_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(1, table.shape[1]))
    sheet.auto_filter.ref = f"A1:{last}{len(table) + 1}"
    sheet.append([_cell(sheet, c, header=True) for c in table.columns])
    for row in table.itertuples(index=False, name=None):
        sheet.append([_cell(sheet, v) for v in row])


def _add_readme(workbook: Workbook, glossary: pd.DataFrame) -> None:
    sheet = workbook.create_sheet(title=README_SHEET)
    for index, width in enumerate([18, 20, 70, 70], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = len(INTRO) + 2
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:D{header_row + len(glossary)}"
    wrap = Alignment(wrap_text=True, vertical="top")
    for nl, en in INTRO:
        sheet.append([None, None, _cell(sheet, nl), _cell(sheet, en)])
    sheet.append([])
    sheet.append([_cell(sheet, c, header=True) for c in ["tabblad / sheet", *glossary.columns[1:]]])
    for row in glossary.itertuples(index=False, name=None):
        cells = [_cell(sheet, v) for v in row]
        for cell in cells[2:]:
            cell.alignment = wrap
        sheet.append(cells)


def _fix_timestamps(data: bytes, stamp: str) -> bytes:
    """Rewrite the xlsx zip with fixed entry dates and document dates, for identical reruns."""
    date_time = tuple(int(p) for p in re.findall(r"\d+", stamp)[:6])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    payload,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)  # type: ignore[arg-type]
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, payload)
    return out.getvalue()


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
    workbook = Workbook(write_only=True)
    _add_readme(workbook, glossary)
    for name, table in tables.items():
        _add_table_sheet(workbook, name, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fix_timestamps(buffer.getvalue(), stamp)
