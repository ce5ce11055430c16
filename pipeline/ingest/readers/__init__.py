"""Readers: one per file format, each turning raw bytes into a `Parsed` document.

Every reader has the same signature, `read(data, *, matcher, max_unpacked_bytes)`, and
raises `Unreadable` with a plain reason when the file cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.ingest.parsed import Parsed
from pipeline.ingest.readers.pdf import read_pdf
from pipeline.ingest.readers.subtitles import read_srt, read_vtt
from pipeline.ingest.readers.text import read_markdown, read_plain_text
from pipeline.ingest.readers.word import read_docx

Reader = Callable[..., Parsed]

FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".vtt": "vtt",
    ".srt": "srt",
}

READERS: dict[str, Reader] = {
    "txt": read_plain_text,
    "md": read_markdown,
    "docx": read_docx,
    "pdf": read_pdf,
    "vtt": read_vtt,
    "srt": read_srt,
}

__all__ = ["FORMATS", "READERS", "Reader"]
