"""kruispunt.qdpx: project.qde plus the plain text of every document and memo, as a zip.

Entries are sorted and stamped with the project's fixed creation date, so two exports of
the same data are byte-identical and DVC sees no change.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from pipeline.export.deterministic_zip import deterministic_zip
from pipeline.export.notes import Note, note_path
from pipeline.export.selections import source_guid

# Code points above U+FFFF take two UTF-16 units; programs that count in UTF-16 (common on
# .NET and Qt) would place every later selection one unit too early.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class SourceTextError(ValueError):
    """A document text that would make REFI-QDA offsets ambiguous."""


def check_source_text(doc_id: str, text: str) -> list[str]:
    """Check a document text against the pitfalls of QDA programs' importers.

    Args:
        doc_id: The document, for messages.
        text: `documents.text`.

    Returns:
        Warnings that do not break the offsets but may in some programs (astral
        characters counted as two units in UTF-16).

    Raises:
        SourceTextError: If the text has carriage returns, a byte-order mark or is not NFC:
            the ingest contract promises all three, and importers treat them differently.
    """
    problems = []
    if "\r" in text:
        problems.append("carriage returns (line ends must be \\n)")
    if text.startswith("\ufeff"):
        problems.append("a leading byte-order mark")
    if not unicodedata.is_normalized("NFC", text):
        problems.append("text that is not NFC-normalised")
    if problems:
        raise SourceTextError(f"{doc_id}: {', '.join(problems)}; offsets would be ambiguous")
    astral = len(_ASTRAL.findall(text))
    if astral:
        return [
            f"{doc_id}: {astral} characters outside the Basic Multilingual Plane (emoji); "
            "programs that count UTF-16 units may shift later selections"
        ]
    return []


def qdpx_bytes(
    project_qde: bytes,
    documents: pd.DataFrame,
    *,
    stamp: str,
    notes: list[Note] | None = None,
) -> bytes:
    """Pack the project, its sources and its memos into a `.qdpx` zip.

    Args:
        project_qde: The project document (see `project_xml`).
        documents: The documents table; each text is stored as `sources/<guid>.txt`.
        stamp: ISO timestamp used as the date of every zip entry.
        notes: The memos (see `build_notes`); each text is stored as `sources/<guid>.txt`.

    Returns:
        The zip file: `project.qde` then `sources/*.txt` (UTF-8, no BOM), sorted.
    """
    entries = {"project.qde": project_qde}
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        entries[f"sources/{source_guid(doc_id)}.txt"] = text.encode("utf-8")
    for note in notes or []:
        entries[note_path(note)] = note.text.encode("utf-8")
    return deterministic_zip(((name, entries[name]) for name in sorted(entries)), stamp=stamp)
