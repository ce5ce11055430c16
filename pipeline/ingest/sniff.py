"""Sniffing: what a file holds, whatever its extension says.

Files get renamed, and mail clients and colleagues get extensions wrong: a `.pdf` may be a
Word file, a `.txt` a PDF, a `.srt` a WebVTT file. The first bytes tell. A file whose
content is another format we read is read as that format, with a warning; content that
no reader takes (an old `.doc`, a zip archive, an image) gets a plain reason instead of a
parser's complaint.
"""

from __future__ import annotations

import re

from pipeline.ingest.parsed import Unreadable

# Content that no reader takes, with what to tell the researcher.
NOT_READABLE = {
    "ole": "an old Word .doc file or a password-protected Office document (OLE2 "
    "container); save it as .docx without a password",
    "zip": "a zip archive, not a Word document; unpack it first",
    "image": "an image, not text (a scanned page?); run OCR on it first",
}
BINARY = frozenset({"pdf", "docx"})
SUBTITLES = frozenset({"vtt", "srt"})

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_SRT_START = re.compile(rb"\A\s*\d+[ \t]*\r?\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")


def sniff_format(data: bytes) -> str | None:
    """Say what the bytes are, from their signature.

    Args:
        data: Raw bytes of the file.

    Returns:
        `pdf`, `docx`, `vtt` or `srt` for content a reader takes; `ole`, `zip` or `image`
        for content none takes (see `NOT_READABLE`); None when the bytes do not say
        (plain text and markdown, or unknown binary data).
    """
    head = data[:1024]
    # A PDF reader looks for the header anywhere in the first kilobyte.
    if head.startswith(b"%PDF-") or (b"%PDF-" in head and b"%%EOF" in data[-2048:]):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _has_document_part(data) else "zip"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(_IMAGES):
        return "image"
    text = head.removeprefix(b"\xef\xbb\xbf")
    if text.startswith(b"WEBVTT"):
        return "vtt"
    if _SRT_START.match(text):
        return "srt"
    return None


def content_format(extension_format: str, data: bytes) -> tuple[str, str]:
    """The format to read a file as: the sniffed one where it is sure and differs.

    Binary formats (pdf, docx) win over any extension, and the two subtitle formats over
    each other; a txt or md file is never read as subtitles on the strength of its first
    line alone.

    Args:
        extension_format: The format its extension names.
        data: Raw bytes of the file.

    Returns:
        The reader's format name, and a warning for the report when it is not the one the
        extension names ('' otherwise).

    Raises:
        Unreadable: When the content is something no reader takes (see `NOT_READABLE`).
    """
    sniffed = sniff_format(data)
    # A damaged .docx often looks like a zip without a document; its reader says more.
    if sniffed in NOT_READABLE and not (sniffed == "zip" and extension_format == "docx"):
        raise Unreadable("failed", f"the content is {NOT_READABLE[sniffed]}")
    actual = extension_format
    if sniffed in BINARY or (sniffed in SUBTITLES and extension_format in SUBTITLES):
        actual = sniffed
    if actual == extension_format:
        return actual, ""
    return (
        actual,
        f"the extension says {extension_format} but the content is {actual}; read as {actual}",
    )


def _has_document_part(data: bytes) -> bool:
    # A byte search, not zipfile: opening a hostile zip can take minutes, and the docx
    # reader checks the package properly anyway.
    return b"word/document.xml" in data
