"""Metadata sidecar: a CSV in the input folder describing each transcript.

The sidecar (by default `metadata.csv`) has a column `file` naming a transcript by its
path relative to the input folder or by its file name, and any other columns (meeting
date, municipality, meeting type, ...). Those columns are joined onto the documents as
strings. Spreadsheet exports in any encoding and with `,`, `;` or tab separators work.
A column `speakers` (`auto`, `off` or a label style) also sets speaker detection for the
file it describes (`speaker_overrides`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import PurePosixPath

import pandas as pd

from pipeline.ingest.encoding import decode
from pipeline.ingest.parsed import Unreadable
from pipeline.schemas import columns

FILE_COLUMN = "file"
# A sidecar column that sets `ingest.speakers` for one file (`off` for a report, say).
SPEAKERS_COLUMN = "speakers"
_DRIVE = re.compile(r"^[A-Za-z]:")
_SEPARATORS = (",", ";", "\t")


def read_sidecar(data: bytes) -> pd.DataFrame:
    """Read the metadata sidecar (its problems: `read_sidecar_checked`).

    Args:
        data: Raw bytes of the CSV file.

    Returns:
        One row per described file, all values strings: `file`, then the sidecar's other
        columns in their order.

    Raises:
        Unreadable: When the CSV cannot be read or has no `file` column.
    """
    return read_sidecar_checked(data)[0]


def read_sidecar_checked(data: bytes) -> tuple[pd.DataFrame, list[str]]:
    """Read the metadata sidecar, and say what is wrong with it, one line per problem.

    A column named twice (also in another case, or with spaces around it) keeps its
    first occurrence; of `file` and `File` the first names the transcripts. A file
    described by more than one row gets none of them: which row is right cannot be told.

    Args:
        data: Raw bytes of the CSV file.

    Returns:
        The sidecar as `read_sidecar` gives it, and warnings for the report.

    Raises:
        Unreadable: When the CSV is binary, cannot be read or has no `file` column.
    """
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("failed", "metadata sidecar is a binary file, not a CSV")
    text = decode(data).text
    header = text.split("\n", 1)[0]
    separator = max(_SEPARATORS, key=header.count)
    try:
        table = pd.read_csv(
            io.StringIO(text),
            sep=separator,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            header=None,
            engine="python",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error) as err:
        reason = " ".join(str(err).split())
        raise Unreadable("failed", f"metadata sidecar is not a readable CSV: {reason}") from None
    table, warnings = _header(table.fillna(""))
    table[FILE_COLUMN] = table[FILE_COLUMN].map(_normal_path)
    table = table[table[FILE_COLUMN] != ""]
    twice = table[FILE_COLUMN].duplicated(keep=False)
    if twice.any():
        names = sorted(set(table.loc[twice, FILE_COLUMN]))
        warnings.append(
            f"{len(names)} files are described by more than one row, so by none: {', '.join(names)}"
        )
    return table[~twice].reset_index(drop=True), warnings


def _header(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The first row as column names, each name once (first wins), with warnings."""
    names = [str(name).strip() for name in table.iloc[0]] if len(table) else []
    keep, seen, doubled = [], set(), []
    for position, name in enumerate(names):
        if name.lower() in seen:
            doubled.append(name)
        elif name:
            seen.add(name.lower())
            keep.append(position)
    by_lower = {names[i].lower(): names[i] for i in keep}
    if FILE_COLUMN not in by_lower:
        raise Unreadable(
            "failed",
            f"metadata sidecar has no '{FILE_COLUMN}' column naming the transcripts "
            f"(columns found: {', '.join(names)})",
        )
    warnings = []
    if doubled:
        warnings.append(
            f"columns named more than once (also in another case), the first kept: "
            f"{', '.join(doubled)}"
        )
    body = table.iloc[1:, keep].reset_index(drop=True)
    body.columns = [names[i] for i in keep]
    return body.rename(columns={by_lower[FILE_COLUMN]: FILE_COLUMN}), warnings


def _normal_path(value: str) -> str:
    value = value.strip().replace("\\", "/")
    return str(PurePosixPath(value)) if value else ""


def attach_metadata(
    documents: pd.DataFrame, sidecar: pd.DataFrame, *, known_files: Iterable[str] = ()
) -> tuple[pd.DataFrame, list[str]]:
    """Join the sidecar's columns onto the documents.

    A row matches a document by its relative path, or by its file name when that name is
    unique in the folder. Columns that clash with a documents column are renamed
    `meta_<name>`, except `title`, which replaces the title found in the file when set.

    Args:
        documents: The documents table (doc_id, ..., text).
        sidecar: The sidecar from `read_sidecar`.
        known_files: Every file path in the input folder, read or not, so rows that
            describe an unreadable file are not reported as unknown.

    Returns:
        The documents with one string column per sidecar column (empty where a document
        has no row), and warnings about rows that name no file in the folder or a path
        outside it (those rows are ignored; the sidecar never makes ingest read a file).
    """
    doc_ids = list(documents["doc_id"])
    contract = set(columns("documents")) - {"title"}
    renamed = {
        name: (f"meta_{name}" if name in contract else name)
        for name in sidecar.columns
        if name != FILE_COLUMN
    }

    # Match each row to a file, by path or by a file name that is unique in the folder.
    values, unknown, outside = _match_rows(sidecar, renamed, doc_ids, known_files)

    # One column per sidecar column; a given title replaces the one found in the file.
    documents = documents.copy()
    for name, new_name in renamed.items():
        column = [values.get(doc_id, {}).get(new_name, "") for doc_id in doc_ids]
        if name == "title":
            documents["title"] = [
                given or found for given, found in zip(column, documents["title"], strict=True)
            ]
        else:
            documents[new_name] = pd.Series(column, index=documents.index, dtype="str")
    return documents, _row_warnings(outside, unknown)


def _match_rows(
    sidecar: pd.DataFrame,
    renamed: dict[str, str],
    doc_ids: list[str],
    known_files: Iterable[str],
) -> tuple[dict[str, dict[str, str]], list[str], list[str]]:
    """The sidecar values by matched path, and the rows naming no file or a path outside."""
    by_name: dict[str, list[str]] = {}
    for path in set(doc_ids) | set(known_files):
        by_name.setdefault(PurePosixPath(path).name, []).append(path)
    values: dict[str, dict[str, str]] = {}
    unknown: list[str] = []
    outside: list[str] = []
    for row in sidecar.to_dict("records"):
        target = row[FILE_COLUMN]
        if _leaves_folder(target):
            outside.append(target)
            continue
        candidates = by_name.get(target, []) if "/" not in target else []
        if target in doc_ids or target in known_files:
            path = target
        elif len(candidates) == 1:
            path = candidates[0]
        else:
            unknown.append(target)
            continue
        values[path] = {renamed[name]: row[name] for name in renamed}
    return values, unknown, outside


def _row_warnings(outside: list[str], unknown: list[str]) -> list[str]:
    warnings = []
    if outside:
        warnings.append(
            f"{len(outside)} rows name paths outside the input folder, ignored: "
            f"{', '.join(outside)}"
        )
    if unknown:
        warnings.append(
            f"{len(unknown)} rows name files that are not in the folder: {', '.join(unknown)}"
        )
    return warnings


def _leaves_folder(path: str) -> bool:
    # Absolute paths (also `C:/...` from Windows), and `..` anywhere, point out of the folder.
    pure = PurePosixPath(path)
    return pure.is_absolute() or ".." in pure.parts or _DRIVE.match(path) is not None


def speaker_overrides(
    sidecar: pd.DataFrame, paths: Iterable[str], *, allowed: Iterable[str]
) -> dict[str, str]:
    """The speaker detection mode the sidecar sets per file, from its column `speakers`.

    Rows are matched to files as in `attach_metadata` (by path, or by a unique file name);
    an empty cell, or a value not in `allowed`, sets nothing (the mode of
    `params.ingest.speakers` holds; `attach_metadata` still joins the column as it is).

    Args:
        sidecar: The sidecar from `read_sidecar`.
        paths: Every file path in the input folder.
        allowed: The modes allowed (`auto`, `off` and the style names).

    Returns:
        The mode per file path, for the files whose row sets one.
    """
    by_lower = {str(name).lower(): name for name in sidecar.columns}
    if SPEAKERS_COLUMN not in by_lower:
        return {}
    column = by_lower[SPEAKERS_COLUMN]
    paths = list(paths)
    values, _, _ = _match_rows(sidecar[[FILE_COLUMN, column]], {column: column}, paths, paths)
    modes = {path: row[column].strip().lower() for path, row in values.items()}
    allowed = set(allowed)
    return {path: mode for path, mode in modes.items() if mode in allowed}
