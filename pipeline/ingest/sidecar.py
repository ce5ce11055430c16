"""The metadata sidecar as an entry of the input folder: found, read, joined, reported.

Whatever is wrong with the sidecar (a binary file, a CSV that cannot be parsed, columns
named twice, `file` and `File` both, rows naming one file twice or files not in the
folder) becomes a line of its report row, and the documents come through without the
metadata concerned. Nothing in it stops the batch (`pipeline.ingest.metadata` reads it).
"""

from __future__ import annotations

import hashlib

import pandas as pd

from pipeline.ingest.file_bytes import read_bytes
from pipeline.ingest.inventory import Entry
from pipeline.ingest.metadata import attach_metadata, read_sidecar_checked, speaker_overrides
from pipeline.ingest.parsed import Unreadable
from pipeline.ingest.report import report_row
from pipeline.params import STYLES, IngestParams


def split_off_sidecar(
    entries: list[Entry], params: IngestParams
) -> tuple[list[Entry], Entry | None]:
    """The files to read, and the metadata sidecar's entry when the folder has one."""
    sidecar = next((e for e in entries if e.rel == params.metadata_file), None)
    return [entry for entry in entries if entry is not sidecar], sidecar


def speaker_modes(sidecar: Entry | None, files: list[Entry], params: IngestParams) -> dict:
    """Speaker detection set per file by the sidecar (its errors are reported later)."""
    if sidecar is None:
        return {}
    try:
        table, _ = read_sidecar_checked(read_bytes(sidecar, max_file_mb=params.max_file_mb))
        paths = [entry.rel for entry in files]
        return speaker_overrides(table, paths, allowed=("auto", "off", *STYLES))
    except Unreadable:
        return {}
    except Exception:  # reported by join_sidecar, which reads it again
        return {}


def join_sidecar(
    entry: Entry, documents: pd.DataFrame, report: list[dict], params: IngestParams
) -> tuple[pd.DataFrame, dict]:
    """Join the sidecar onto the documents; its report row says what went wrong.

    Args:
        entry: The sidecar's entry.
        documents: The documents table.
        report: The report rows of every other entry (to tell unread files from absent).
        params: The ingest parameters.

    Returns:
        The documents (unchanged when the sidecar could not be used) and the sidecar's
        report row: `ok` with a warning per problem, or `failed` with the reason.
    """
    try:
        data = read_bytes(entry, max_file_mb=params.max_file_mb)
        sidecar, warnings = read_sidecar_checked(data)
        known = [row["path"] for row in report]
        documents, row_warnings = attach_metadata(documents, sidecar, known_files=known)
    except Unreadable as err:
        row = report_row(entry.rel, status=err.status, reason=err.reason, format="metadata")
        return documents, row
    except Exception as err:  # a surprise in the sidecar must not stop the batch
        reason = " ".join(str(err).split())[:200]
        reason = f"metadata sidecar could not be used ({type(err).__name__}: {reason})"
        return documents, report_row(entry.rel, status="failed", reason=reason, format="metadata")
    row = report_row(
        entry.rel,
        status="ok",
        format="metadata",
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings + row_warnings,
    )
    return documents, row
