"""Readers: one per file format, each turning raw bytes into a `Parsed` document.

Every reader has the same signature, `read(data, *, matcher, max_unpacked_bytes)`, and
raises `Unreadable` with a plain reason when the file cannot be read. An `.xml` file is
read by the reader its root element names (`pipeline.ingest.sniff`).
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.ingest.parsed import Parsed
from pipeline.ingest.readers.folia import read_folia
from pipeline.ingest.readers.handelingen import read_handelingen
from pipeline.ingest.readers.opendocument import read_odt
from pipeline.ingest.readers.pdf import read_pdf
from pipeline.ingest.readers.rtf import read_rtf
from pipeline.ingest.readers.subtitles import read_srt, read_vtt
from pipeline.ingest.readers.tei import read_tei
from pipeline.ingest.readers.text import read_markdown, read_plain_text
from pipeline.ingest.readers.webpage import read_html
from pipeline.ingest.readers.whisper import read_whisper
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
    ".xml": "xml",
    ".json": "whisper",
    ".odt": "odt",
    ".rtf": "rtf",
    ".html": "html",
    ".htm": "html",
}

READERS: dict[str, Reader] = {
    "txt": read_plain_text,
    "md": read_markdown,
    "docx": read_docx,
    "pdf": read_pdf,
    "vtt": read_vtt,
    "srt": read_srt,
    "handelingen": read_handelingen,
    "tei": read_tei,
    "folia": read_folia,
    "whisper": read_whisper,
    "odt": read_odt,
    "rtf": read_rtf,
    "html": read_html,
}

__all__ = ["FORMATS", "READERS", "Reader"]
