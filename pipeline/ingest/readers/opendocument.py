"""OpenDocument text (`.odt`): odfpy paragraphs and headings, then the turn splitter.

An `.odt` file is a zip of XML parts. Before odfpy opens it, the package is checked here:
a zip with a `content.xml`, unpacking to no more than the limit, and XML parts that parse
with the hardened options of `pipeline.ingest.readers.markup` (no entity declarations).
Headings (`<text:h>`) are headings; paragraphs (`<text:p>`, also in lists and tables) are
blocks that the turn splitter reads like the paragraphs of a Word file.
"""

from __future__ import annotations

import io
import zipfile

from odf import teletype
from odf.namespaces import TEXTNS
from odf.opendocument import load

from pipeline.ingest.parsed import Parsed, Unreadable
from pipeline.ingest.readers.markup import parse_xml
from pipeline.ingest.readers.word import _join_blocks
from pipeline.ingest.speakers import SpeakerMatcher

WHAT = "OpenDocument text file"
_XML_PARTS = ("content.xml", "styles.xml", "meta.xml")
_HEADING = "heading"


def read_odt(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read an `.odt` file.

    Args:
        data: Raw bytes of the file.
        matcher: Unused; the turn splitter finds the speakers.
        max_unpacked_bytes: Refuse packages whose parts unpack to more than this (0: no
            limit).

    Returns:
        The text, as blocks separated by a blank line, with its heading line numbers.

    Raises:
        Unreadable: For files that are not an OpenDocument text, damaged, or unsafe.
    """
    _check_package(data, max_unpacked_bytes)
    try:
        document = load(io.BytesIO(data))
    except Exception as err:  # odfpy raises many kinds for damaged packages
        raise Unreadable("failed", f"damaged {WHAT}: {err}") from None
    blocks: list[tuple[str, str | None]] = []
    _collect(document.text, blocks)
    text, heading_lines, repaired = _join_blocks(blocks, {_HEADING})
    warnings = ["mojibake or other encoding damage repaired"] if repaired else []
    return Parsed(text=text, heading_lines=heading_lines, warnings=warnings)


def _collect(node, blocks: list[tuple[str, str | None]]) -> None:
    for child in node.childNodes:
        qname = getattr(child, "qname", None)
        if qname == (TEXTNS, "h"):
            blocks.append((teletype.extractText(child), _HEADING))
        elif qname == (TEXTNS, "p"):
            blocks.append((teletype.extractText(child), None))
        elif qname is not None:
            _collect(child, blocks)


def _check_package(data: bytes, max_unpacked_bytes: int) -> None:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Unreadable("failed", f"not a readable {WHAT}: not a zip package") from None
    with package:
        infos = {info.filename: info for info in package.infolist()}
        if "content.xml" not in infos:
            raise Unreadable("failed", f"not an {WHAT}: the package has no content.xml")
        unpacked = sum(info.file_size for info in infos.values())
        if max_unpacked_bytes and unpacked > max_unpacked_bytes:
            raise Unreadable("failed", f"refused: the {WHAT} unpacks to {unpacked} bytes")
        for name in _XML_PARTS:
            if name in infos:
                try:
                    part = package.read(name)
                except (zipfile.BadZipFile, OSError, EOFError) as err:
                    raise Unreadable("failed", f"damaged {WHAT}: {err}") from None
                parse_xml(part, what=WHAT)
