"""PDF: the text layer via pypdf, with page furniture, hyphenation and stray spaces undone."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from pipeline.ingest.encoding import normalize_text
from pipeline.ingest.pagelayout import page_lines, running_text
from pipeline.ingest.parsed import Parsed, Unreadable
from pipeline.ingest.speakers import SpeakerMatcher

# pypdf logs every odd object of a damaged file; the report carries one plain reason.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read the text layer of a PDF.

    Layout-mode extraction keeps the vertical gaps between paragraphs; the page lines are
    then cleaned of running headers and footers, broken words and stray spaces, and
    joined into paragraphs (see `pipeline.ingest.pagelayout`).

    Args:
        data: Raw bytes of the file.
        matcher: Recognises speaker lines, which must stay at a line start.
        max_unpacked_bytes: Unused; pypdf bounds its own decompression.

    Returns:
        The running text.

    Raises:
        Unreadable: For files that are not a PDF, damaged or password-protected files, or a
            PDF without a text layer.
    """
    matcher = matcher or SpeakerMatcher()
    if b"%PDF-" not in data[:1024]:
        raise Unreadable(
            "failed", "not a PDF: the file has no %PDF header (a text or other file named .pdf?)"
        )
    try:
        reader = PdfReader(io.BytesIO(data))
        _unlock(reader)
        pages = [page_lines(_page_text(page)) for page in reader.pages]
    except Unreadable:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise Unreadable("failed", "password-protected PDF: it cannot be opened") from None
    except RecursionError:  # its message depends on where the stack ran out
        raise Unreadable("failed", "damaged PDF: its objects nest too deeply to read") from None
    except Exception as err:  # pypdf raises many kinds for damaged files
        raise Unreadable("failed", f"damaged PDF: {_plain(err)}") from None
    if not any(any(lines) for lines in pages):
        raise Unreadable(
            "skipped", "the PDF has no text layer (scanned pages?); run OCR on it first"
        )
    empty = sum(1 for lines in pages if not any(lines))
    text, repaired = normalize_text(running_text(pages, matcher=matcher))
    warnings = [f"{empty} of {len(pages)} pages have no text layer"] if empty else []
    if repaired:
        warnings.append("mojibake or other encoding damage repaired")
    return Parsed(text=text, warnings=warnings)


def _unlock(reader: PdfReader) -> None:
    if not reader.is_encrypted:
        return
    # Many PDFs are encrypted only against editing, with an empty password for reading.
    try:
        unlocked = reader.decrypt("")
    except (FileNotDecryptedError, DependencyError, NotImplementedError):
        unlocked = 0
    if not unlocked:
        raise Unreadable("failed", "password-protected PDF: it needs a password to open")


def _page_text(page) -> str:
    try:
        return page.extract_text(extraction_mode="layout")
    except (PdfReadError, ValueError, KeyError, TypeError, ZeroDivisionError):
        # Layout mode needs font metrics that some files lack; plain mode does not.
        return page.extract_text()


def _plain(err: Exception) -> str:
    message = " ".join(str(err).split())
    return message[:200] or type(err).__name__
