"""Markup: parse XML safely and read clean text out of its elements.

Every XML reader parses with lxml and the same hardened options: no entity expansion, no
network, no DTD loading, and libxml2's default limits on depth and size (no `huge_tree`).
A document that declares entities is refused outright, so an entity bomb or an external
entity never gets as far as a reader.

Some exports carry a byte-order mark that was itself encoded twice (`ï»¿` before the XML
declaration) and text that was decoded with the wrong code page (`KrÃ¶ger`). Both are
repaired here: the mark is dropped and the text goes through the ingest normaliser (ftfy).
"""

from __future__ import annotations

import html
import io
import re

from lxml import etree

from pipeline.ingest.encoding import normalize_text
from pipeline.ingest.parsed import Unreadable

# A UTF-8 byte-order mark, also when it was read as cp1252 and encoded again, and blanks.
_LEADING_JUNK = re.compile(rb"\A(?:\xef\xbb\xbf|\xc3\xaf\xc2\xbb\xc2\xbf|\s)+")
# An entity reference that survived XML parsing because it was escaped twice (`&amp;euml;`).
_ESCAPED_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,5});")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[,.;:!?)\]])|(?<=[(\[])\s+")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
# What may come before the root element: the declaration, comments, PIs, a DOCTYPE.
_PROLOG = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*", re.S)
_ROOT_NAME = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_PIECE = 512
_SAFE = {
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": False,
    "load_dtd": False,
    "remove_comments": True,
    "remove_pis": True,
}


def xml_bytes(data: bytes) -> bytes:
    """The bytes from the first `<` on: without a (doubly encoded) byte-order mark."""
    return _LEADING_JUNK.sub(b"", data[:64], count=1) + data[64:]


def root_tag(data: bytes) -> tuple[str, str] | None:
    """The namespace and local name of the root element, reading no further than it.

    Args:
        data: Raw bytes of the file.

    Returns:
        `(namespace, local name)`, the namespace '' when there is none; None when the
        bytes do not start as XML.
    """
    start = xml_bytes(data)
    if not start.startswith(b"<"):
        return None
    # Fed in small pieces, the parser reports the root before it reads the content, so an
    # entity bomb or a cut-off file still names its root (libxml2 2.14 checks entity
    # amplification and whole start tags before it reports anything of a whole buffer).
    parser = etree.XMLPullParser(events=("start",), **_SAFE)
    for offset in range(0, len(start), _PIECE):
        try:
            parser.feed(start[offset : offset + _PIECE])
        except etree.LxmlError:
            failed = True
        else:
            failed = False
        for _, element in parser.read_events():  # those reported before an error too
            name = etree.QName(element)
            return name.namespace or "", name.localname
        if failed:
            break
    match = _ROOT_NAME.match(_PROLOG.sub(b"", start[:_PIECE]))
    return ("", match.group(1).decode("ascii")) if match else None


def parse_xml(data: bytes, *, what: str) -> etree._Element:
    """Parse an XML document with the hardened options.

    Args:
        data: Raw bytes of the file.
        what: What the file is, for the reason when it cannot be read ("FoLiA file").

    Returns:
        The root element.

    Raises:
        Unreadable: When the XML is not well-formed, too deep or too large for the default
            limits, or declares entities.
    """
    if _declares_entities(data):
        raise Unreadable("failed", f"refused: the {what} declares entities (unsafe XML)")
    parser = etree.XMLParser(**_SAFE)
    try:
        root = etree.parse(io.BytesIO(xml_bytes(data)), parser).getroot()
    except etree.LxmlError as err:
        message = " ".join(str(err).split())[:200]
        raise Unreadable("failed", f"damaged {what}: not well-formed XML ({message})") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise Unreadable("failed", f"refused: the {what} declares entities (unsafe XML)")
    return root


def _declares_entities(data: bytes) -> bool:
    # The internal DTD subset comes before the root element and ends at the first "]>".
    doctype = _DOCTYPE.search(data, 0, 4096)
    if doctype is None:
        return False
    end = data.find(b"]>", doctype.end())
    return b"<!ENTITY" in data[doctype.end() : end if end >= 0 else len(data)]


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace."""
    return etree.QName(element).localname


class TextCleaner:
    """Clean the text of elements, and remember whether any repair was needed.

    Attributes:
        repaired: Some text had encoding damage or doubly escaped entities.
    """

    def __init__(self) -> None:
        self.repaired = False

    def clean(self, raw: str | None) -> str:
        """Text with blanks collapsed, mojibake and doubly escaped entities repaired, in NFC."""
        if not raw or raw.isspace():
            return ""
        # Repair first: a no-break space may be half of a mojibake pair (`Ã` + U+00A0).
        text, fixed = normalize_text(raw)
        self.repaired |= fixed
        if _ESCAPED_ENTITY.search(text):
            text = html.unescape(text)
            self.repaired = True
        return " ".join(text.split())

    def element_text(self, element: etree._Element) -> str:
        """The cleaned text of an element and everything inside it.

        Pretty-printed XML leaves blanks before punctuation that follows an inline element
        (`<nadruk>…</nadruk> .`) and after an opening bracket; they are taken out.
        """
        return _SPACE_BEFORE_PUNCTUATION.sub("", self.clean("".join(element.itertext())))

    def warnings(self) -> list[str]:
        """The report warning for the repairs made, if any."""
        return ["mojibake or other encoding damage repaired"] if self.repaired else []
