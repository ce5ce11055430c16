"""Word documents: python-docx paragraphs and tables, with heading styles as sections.

A `.docx` file is a zip of XML parts, so `pipeline.ingest.package` checks it before
python-docx opens it: a zip at all, no zip bomb (by declared and by actual size), and no
DTD or entity declarations in any XML part. lxml in python-docx does not resolve entities
either; the check makes the refusal explicit and gives a plain reason.
"""

from __future__ import annotations

import io

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.ingest.encoding import normalize_text
from pipeline.ingest.package import check_package
from pipeline.ingest.parsed import Parsed, Unreadable
from pipeline.ingest.speakers import SpeakerMatcher, is_name_like

# lxml holds the XML parts in memory as a tree several times their size, so they may take
# only this share of the unpacked limit (by default 50 MB: thousands of pages of text).
XML_SHARE = 0.05

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
        max_unpacked_bytes: Refuse files whose parts unpack to more than this, or whose
            XML parts unpack to more than `XML_SHARE` of it (0: no limit).

    Returns:
        The text with its heading line numbers and title.

    Raises:
        Unreadable: For files that are not a Word document, damaged, or unsafe.
    """
    check_package(
        data,
        max_unpacked_bytes=max_unpacked_bytes,
        max_xml_bytes=int(max_unpacked_bytes * XML_SHARE),
    )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises many kinds for damaged packages
        raise Unreadable("failed", f"damaged Word document: {err}") from None

    blocks = _blocks(document)
    headings = _heading_style_ids(document, {style for _, style in blocks if style})
    text, heading_lines, repaired = _join_blocks(blocks, headings)
    title = (document.core_properties.title or "").strip() or None
    warnings = ["mojibake or other encoding damage repaired"] if repaired else []
    return Parsed(text=text, title=title, heading_lines=heading_lines, warnings=warnings)


def _blocks(document) -> list[tuple[str, str | None]]:
    """Every paragraph and table row in document order, with its paragraph style id."""
    blocks: list[tuple[str, str | None]] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            # `Paragraph.style` looks the default style up again for every paragraph, which
            # dominates the reading time; the style id is one attribute away.
            blocks.append((item.text, item._p.style))
        elif isinstance(item, Table):
            blocks.extend((row, None) for row in _table_rows(item))
    return blocks


def _join_blocks(
    blocks: list[tuple[str, str | None]], headings: set[str]
) -> tuple[str, frozenset[int], bool]:
    """The text of the non-empty blocks, the line numbers of headings, and any repair made."""
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
    return "\n\n".join(pieces), frozenset(heading_lines), repaired


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
