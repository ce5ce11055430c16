"""Sniffing: what a file holds, whatever its extension says.

Files get renamed, and mail clients and colleagues get extensions wrong: a `.pdf` may be a
Word file, a `.txt` a PDF, a `.srt` a WebVTT file. The first bytes tell. A file whose
content is another format we read is read as that format, with a warning; content that
no reader takes (an old `.doc`, a zip archive, an image) gets a plain reason instead of a
parser's complaint.

XML says what it is in its root element and namespace: `officiele-publicatie` (the
Handelingen of the Tweede and Eerste Kamer), TEI (ParlaMint) and FoLiA are read, whatever
the extension; an `.xml` file of another kind is skipped with its root element named.
"""

from __future__ import annotations

import re

from pipeline.ingest.parsed import Unreadable
from pipeline.ingest.readers.markup import root_tag

# Content that no reader takes, with what to tell the researcher.
NOT_READABLE = {
    "ole": "an old Word .doc file or a password-protected Office document (OLE2 "
    "container); save it as .docx without a password",
    "zip": "a zip archive, not a Word document; unpack it first",
    "image": "an image, not text (a scanned page?); run OCR on it first",
}
BINARY = frozenset({"pdf", "docx", "odt", "rtf"})
SUBTITLES = frozenset({"vtt", "srt"})
# The XML formats read, by the namespace and local name of their root element.
XML_ROOTS = {
    ("", "officiele-publicatie"): "handelingen",
    ("http://www.tei-c.org/ns/1.0", "TEI"): "tei",
    ("http://www.tei-c.org/ns/1.0", "teiCorpus"): "tei",
    ("http://ilk.uvt.nl/folia", "FoLiA"): "folia",
}
XML_FORMATS = frozenset(XML_ROOTS.values())
XML_READ = "Tweede/Eerste Kamer Handelingen (officiele-publicatie), ParlaMint TEI, FoLiA"
_XHTML = "http://www.w3.org/1999/xhtml"
_ODT = b"mimetypeapplication/vnd.oasis.opendocument.text"
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_SRT_START = re.compile(rb"\A\s*\d+[ \t]*\r?\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")


def sniff_format(data: bytes) -> str | None:
    """Say what the bytes are, from their signature.

    Args:
        data: Raw bytes of the file.

    Returns:
        `pdf`, `docx`, `odt`, `rtf`, `vtt`, `srt`, `html`, or an XML format (see
        `XML_ROOTS`) for content a reader takes; `xml` for XML of another kind; `ole`,
        `zip` or `image` for content none takes (see `NOT_READABLE`); None when the bytes
        do not say (plain text and markdown, or unknown binary data).
    """
    head = data[:1024]
    # A PDF reader looks for the header anywhere in the first kilobyte.
    if head.startswith(b"%PDF-") or (b"%PDF-" in head and b"%%EOF" in data[-2048:]):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if head[30:].startswith(_ODT):  # ODF stores its mimetype first, uncompressed
            return "odt"
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
    if text.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if _HTML_START.match(head):
        return "html"
    return _xml_format(data)


def _xml_format(data: bytes) -> str | None:
    root = root_tag(data)
    if root is None:
        return None
    if root[0] == _XHTML or (not root[0] and root[1].lower() == "html"):
        return "html"
    return XML_ROOTS.get(root, "xml")


def content_format(extension_format: str, data: bytes) -> tuple[str, str]:
    """The format to read a file as: the sniffed one where it is sure and differs.

    Binary formats (pdf, docx, odt, rtf) and the XML formats win over any extension, and
    the two subtitle formats over each other; a txt or md file is never read as subtitles
    on the strength of its first line alone. An `.xml` file must be XML of a kind read.

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
    sure = sniffed in BINARY or sniffed in XML_FORMATS
    if sure or (sniffed in SUBTITLES and extension_format in SUBTITLES):
        actual = sniffed
    elif extension_format == "xml":
        _refuse_xml(sniffed, data)
        actual = sniffed
    if actual == extension_format or extension_format == "xml":
        return actual, ""
    return (
        actual,
        f"the extension says {extension_format} but the content is {actual}; read as {actual}",
    )


def _has_document_part(data: bytes) -> bool:
    # A byte search, not zipfile: opening a hostile zip can take minutes, and the docx
    # reader checks the package properly anyway.
    return b"word/document.xml" in data


def _refuse_xml(sniffed: str | None, data: bytes) -> None:
    """Raise the reason an `.xml` file is not read, unless it is a web page."""
    if sniffed == "html":
        return
    root = root_tag(data) if sniffed == "xml" else None
    if root is None:
        raise Unreadable("failed", "not well-formed XML (or not XML at all)")
    namespace = f" in namespace {root[0]}" if root[0] else ""
    raise Unreadable(
        "skipped",
        f"an XML file of an unknown kind (root element <{root[1]}>{namespace}); "
        f"XML read: {XML_READ}",
    )
