"""Word documents: python-docx paragraphs and tables, with heading styles as sections.

A `.docx` file is a zip of XML parts, so it is checked before python-docx opens it: it
must be a zip at all (random bytes, old `.doc` files and password-protected Office files
are not), it must not unpack to more than the limit (zip bombs), and none of its XML parts
may declare a DTD or entities (entity expansion). lxml in python-docx does not
resolve entities either; the check makes the refusal explicit and gives a plain reason.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.parsers import expat

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.ingest.encoding import normalize_text
from pipeline.ingest.parsed import Parsed, Unreadable
from pipeline.ingest.speakers import SpeakerMatcher, is_name_like

_HEADING_STYLES = ("heading", "kop", "title", "titel")
_TABLE_HEADER_WORDS = frozenset({"spreker", "naam", "wie", "tijd", "tijdstip", "speaker", "name"})


def read_docx(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read a `.docx` file.

    Paragraphs (and table rows) become blocks separated by a blank line; paragraphs in a
    heading or title style are headings. The title is the core-properties title, if set.

    Args:
        data: Raw bytes of the file.
        matcher: Unused; the turn splitter finds the speakers.
        max_unpacked_bytes: Refuse files whose parts unpack to more than this (0: no limit).

    Returns:
        The text with its heading line numbers and title.

    Raises:
        Unreadable: For files that are not a Word document, damaged, or unsafe.
    """
    _check_package(data, max_unpacked_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises many kinds for damaged packages
        raise Unreadable("failed", f"damaged Word document: {err}") from None

    blocks: list[tuple[str, str | None]] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            # `Paragraph.style` looks the default style up again for every paragraph, which
            # dominates the reading time; the style id is one attribute away.
            blocks.append((item.text, item._p.style))
        elif isinstance(item, Table):
            blocks.extend((row, None) for row in _table_rows(item))
    headings = _heading_style_ids(document, {style for _, style in blocks if style})

    pieces: list[str] = []
    heading_lines: set[int] = set()
    line = 0
    repaired = False
    for raw, style in blocks:
        text, fixed = normalize_text(raw.strip())
        text = text.strip()
        if not text:
            continue
        repaired |= fixed
        if style in headings:
            heading_lines.update(range(line, line + text.count("\n") + 1))
        pieces.append(text)
        line += text.count("\n") + 2
    title = (document.core_properties.title or "").strip() or None
    warnings = ["mojibake or other encoding damage repaired"] if repaired else []
    return Parsed(
        text="\n\n".join(pieces),
        title=title,
        heading_lines=frozenset(heading_lines),
        warnings=warnings,
    )


def _check_package(data: bytes, max_unpacked_bytes: int) -> None:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        raise Unreadable(
            "failed",
            "not a readable .docx: the file is not a zip package (damaged, truncated, "
            "password-protected, or an old .doc file renamed)",
        ) from None
    with package:
        names = set(package.namelist())
        if "word/document.xml" not in names:
            raise Unreadable("failed", "not a Word document: the package has no word/document.xml")
        unpacked = sum(info.file_size for info in package.infolist())
        if max_unpacked_bytes and unpacked > max_unpacked_bytes:
            raise Unreadable(
                "failed",
                f"refused: unpacks to {unpacked / 1e6:.0f} MB, more than the limit of "
                f"{max_unpacked_bytes / 1e6:.0f} MB (possible zip bomb)",
            )
        for name in sorted(names):
            if name.endswith((".xml", ".rels")):
                _check_xml(package, name)


class _RootReached(Exception):
    """Raised by the prolog check once the root element starts: the prolog was clean."""


def _check_xml(package: zipfile.ZipFile, name: str) -> None:
    # A DTD can only come before the root element, so only the prolog is read.
    declarations: list[str] = []
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = lambda *args: declarations.append("DTD")
    parser.EntityDeclHandler = lambda *args: declarations.append("entity")

    def root_reached(*args):
        raise _RootReached

    parser.StartElementHandler = root_reached
    try:
        parser.Parse(package.read(name), True)
    except _RootReached:
        pass
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise Unreadable("failed", f"damaged Word document: {name} cannot be unpacked") from None
    except expat.ExpatError as err:
        raise Unreadable(
            "failed", f"damaged Word document: {name} is not valid XML ({err})"
        ) from None
    if declarations:
        raise Unreadable("failed", f"refused: {name} declares a DTD or entities (unsafe XML)")


def _heading_style_ids(document, style_ids: set[str]) -> set[str]:
    headings: set[str] = set()
    for style_id in style_ids:
        style = document.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
        # Custom styles ("Kop sessie") often derive from a built-in heading style.
        for _ in range(4):
            if style is None:
                break
            if (style.name or "").lower().startswith(_HEADING_STYLES):
                headings.add(style_id)
                break
            style = style.base_style
    return headings


def _table_rows(table: Table) -> list[str]:
    rows: list[str] = []
    for index, row in enumerate(table.rows):
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # Merged cells come back once per grid column.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if not cells:
            continue
        if index == 0 and cells[0].lower() in _TABLE_HEADER_WORDS:
            continue
        rows.append(_row_text(cells))
    return rows


def _row_text(cells: list[str]) -> str:
    # Transcripts kept as tables (speaker | text, or time | speaker | text) read as turns.
    if len(cells) >= 3 and _is_time(cells[0]) and is_name_like(cells[1]):
        return f"[{cells[0]}] {cells[1]}: {' '.join(cells[2:])}"
    if len(cells) >= 2 and is_name_like(cells[0]):
        return f"{cells[0]}: {' '.join(cells[1:])}"
    return " | ".join(cells)


def _is_time(cell: str) -> bool:
    return all(part.isdigit() for part in cell.replace(".", ":").split(":")) and ":" in cell
