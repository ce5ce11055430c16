"""Formula-safe cells: transcript text that a spreadsheet program must never run.

A spreadsheet program reads a CSV cell that starts with `=`, `+`, `-` or `@` as a formula,
and a leading tab or carriage return can hide such a start from a first check. What people
say in a meeting is untrusted input ("- ten eerste ..." is a formula to Excel; `=HYPERLINK(`
in a pasted chat line is worse), so the take-home CSV and xlsx files neutralise every such
cell the way OWASP recommends (https://owasp.org/www-community/attacks/CSV_Injection): a
leading apostrophe, which spreadsheet programs read as "this cell is text".

Only the take-home files under `reports/` are guarded; the tables under `data/` stay raw
for the notebooks and the next stage. `export.formula_safe: false` turns the guard off for
pure-data use of the reports.
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def guard_cell(value: object) -> object:
    """Neutralise one cell: a string with a formula start gets a leading apostrophe.

    Args:
        value: Any cell value; only strings are changed.

    Returns:
        The value, with `'` prepended when it is a string that starts with `=`, `+`, `-`,
        `@`, a tab or a carriage return.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return GUARD + value
    return value


def guard_table(table: pd.DataFrame) -> pd.DataFrame:
    """Neutralise every text cell and column name of a table for a spreadsheet program.

    Args:
        table: A take-home table.

    Returns:
        A copy in which every string cell and column name that starts with a formula
        character carries a leading apostrophe. Numbers, dates and missing values are
        unchanged (a negative number is a number, not a formula).
    """
    guarded = table.copy()
    for column in guarded.columns:
        values = guarded[column]
        if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            guarded[column] = values.map(guard_cell, na_action="ignore")
    guarded.columns = [guard_cell(c) for c in guarded.columns]
    return guarded
