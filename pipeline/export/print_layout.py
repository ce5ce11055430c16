"""How each workbook sheet is laid out, on screen and on paper.

Column widths follow the content: numbers and short labels as wide as they are, ids cut
into lines of at most `ID_WIDTH` characters, and prose (quotes, examples, keywords) in
columns up to `PROSE_WIDTH` wide that wrap instead of being cut off at the column edge.
Each row is as tall as its longest wrapped cell (`row_height`): XlsxWriter cannot measure
text and LibreOffice does not refit rows on opening, so the height is estimated here from
the character count, generously, so that no printed quote loses its last line.

On paper, every sheet is scaled to the width of one A4 page (as many pages tall as it
needs), turned to landscape when its columns are wider than a portrait page, repeats its
header row on every page, and carries the sheet name as a print title with the page
number below. A filtered sheet prints only the rows the filter shows.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import pandas as pd

A4 = 9  # Excel's paper code
# Printable width of A4 in Excel column-width units (about one "0" of Calibri 11 each),
# with the margins below: 21 cm - 2 x 1.3 cm portrait, 29.7 cm - 2 x 1.3 cm landscape.
PORTRAIT_WIDTH = 95
LANDSCAPE_WIDTH = 140
MARGIN_INCHES = 0.5
HEADER = '&L&"-,Bold"&A&R&F'
FOOTER = "&L&A&RPage &P / &N"

MIN_WIDTH = 8
NUMBER_WIDTH = 12  # a header over numbers wraps rather than widening the column
ID_WIDTH = 24
PROSE_WIDTH = 120
# Characters of Calibri 11 prose per unit of column width (a unit is one "0", about 7 px;
# the average Dutch letter is narrower), kept low so that estimated rows are never short.
CHARS_PER_UNIT = 1.25
LINE_POINTS = 15.0
MAX_ROW_POINTS = 409.0  # Excel's limit


@dataclass(frozen=True)
class Column:
    """The layout of one column.

    Attributes:
        width: Width in Excel units.
        wrap: Whether its cells wrap (text longer than the column).
    """

    width: int
    wrap: bool


def _is_prose(values: pd.Series) -> bool:
    """Text whose long values break at spaces (quotes, keywords), unlike ids and codes."""
    texts = values.dropna().astype(str)
    long = texts[texts.str.len() > ID_WIDTH]
    return bool(len(long)) and long.str.contains(" ", regex=False).mean() >= 0.5


def _shown_lengths(values: pd.Series) -> pd.Series:
    """Characters each value takes on screen (floats show three decimals)."""
    if pd.api.types.is_float_dtype(values):
        return values.map(lambda v: len(f"{v:.3f}"), na_action="ignore").fillna(0)
    return values.astype(str).str.len().where(values.notna(), 0)


def column_layout(table: pd.DataFrame) -> list[Column]:
    """Choose the width of every column of a table, and whether it wraps.

    Args:
        table: The table as it is written.

    Returns:
        One `Column` per column, in table order: at least `MIN_WIDTH`; numbers and
        dates as wide as their values; text as wide as its 90th-percentile value (one
        long quote does not make a column screen-wide), at most `ID_WIDTH` for ids and
        `PROSE_WIDTH` for prose, wrapping when a value is longer than the column.
    """
    columns = []
    for name in table.columns:
        values = table[name]
        lengths = _shown_lengths(values)
        typical = int(lengths.quantile(0.9)) + 2 if len(values) else 0
        longest = int(lengths.max()) if len(values) else 0
        if not (pd.api.types.is_string_dtype(values) or pd.api.types.is_object_dtype(values)):
            width = max(MIN_WIDTH, typical, min(len(str(name)) + 2, NUMBER_WIDTH))
            columns.append(Column(width, wrap=False))
            continue
        cap = PROSE_WIDTH if _is_prose(values) else ID_WIDTH
        width = max(MIN_WIDTH, min(cap, max(typical, min(len(str(name)) + 2, cap))))
        columns.append(Column(width, wrap=longest > width))
    return columns


def text_lines(text: str, width: float) -> int:
    """Lines a wrapped cell of `width` units needs for `text` (at least 1)."""
    per_line = max(1, math.floor(width * CHARS_PER_UNIT))
    return sum(
        max(1, len(textwrap.wrap(part, per_line, break_long_words=True)))
        for part in text.split("\n")
    )


def row_height(values: tuple, columns: list[Column]) -> float | None:
    """The height of a row in points, or None for one line (the default height).

    Args:
        values: The row's cell values, in column order.
        columns: The layout of the columns (see `column_layout`).

    Returns:
        Enough lines for the longest wrapped cell, at most Excel's 409 points.
    """
    lines = 1
    for value, column in zip(values, columns, strict=True):
        if column.wrap and isinstance(value, str) and len(value) > column.width:
            lines = max(lines, text_lines(value, column.width))
    return None if lines == 1 else min(MAX_ROW_POINTS, lines * LINE_POINTS)


@dataclass(frozen=True)
class PageSetup:
    """The print settings of one sheet.

    Attributes:
        landscape: Whether the sheet prints in landscape.
        header_row: 0-based row repeated at the top of every printed page.
    """

    landscape: bool
    header_row: int


def page_setup(widths: list[float], *, header_row: int = 0) -> PageSetup:
    """Choose the orientation of a sheet from its column widths.

    Args:
        widths: Column widths in Excel units.
        header_row: The 0-based row that names the columns.

    Returns:
        Landscape when the columns are wider than a portrait page, else portrait.
    """
    return PageSetup(landscape=sum(widths) > PORTRAIT_WIDTH, header_row=header_row)


def apply_page_setup(sheet, setup: PageSetup) -> None:
    """Apply the print settings to an XlsxWriter worksheet (before any row is written).

    Args:
        sheet: The `xlsxwriter.worksheet.Worksheet`.
        setup: The settings (see `page_setup`).
    """
    sheet.set_paper(A4)
    if setup.landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    # One page wide, as many pages tall as needed (0 = no limit).
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(setup.header_row)
    sheet.set_margins(
        left=MARGIN_INCHES, right=MARGIN_INCHES, top=0.7, bottom=0.6
    )  # room for the print title and the page number
    sheet.set_header(HEADER, {"margin": 0.3})
    sheet.set_footer(FOOTER, {"margin": 0.3})
    sheet.hide_gridlines(0)  # print the cell grid: a table without lines is hard to follow
