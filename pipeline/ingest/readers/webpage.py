"""Web pages (`.html`, `.htm`): lxml.html blocks and headings, then the turn splitter.

Each block element (`<p>`, `<li>`, `<div>`, table cells, ...) is a paragraph, `<br>` a line
break inside it, and `<h1>`-`<h6>` are headings; scripts, styles and forms are left out.
The paragraphs reach the turn splitter the way a Word file's do, so `<p><b>Naam:</b> ...`
is a turn. Navigation is left out too. The page title is the `<title>`.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from pipeline.ingest.encoding import decode
from pipeline.ingest.parsed import Parsed, Unreadable
from pipeline.ingest.readers.word import _join_blocks
from pipeline.ingest.speakers import SpeakerMatcher

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = _HEADINGS | {
    *("p", "div", "li", "dt", "dd", "td", "th", "tr", "blockquote", "pre", "section"),
    *("article", "header", "footer", "main", "aside", "ul", "ol", "dl", "table"),
    *("figure", "figcaption", "address", "hr", "caption"),
}
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "form", "select", "nav"})
_HEADING = "heading"
# lxml refuses text that still declares its encoding (XHTML); the text is decoded already.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def read_html(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read an HTML page.

    Args:
        data: Raw bytes in any detectable encoding.
        matcher: Unused; the turn splitter finds the speakers.
        max_unpacked_bytes: Unused; HTML is not compressed.

    Returns:
        The text, as blocks separated by a blank line, with its heading line numbers and
        the page title.

    Raises:
        Unreadable: When the bytes are not text, or the page has no body.
    """
    decoded = decode(data)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", decoded.text), parser=parser)
    except (etree.LxmlError, ValueError) as err:
        raise Unreadable("failed", f"not a readable HTML page: {err}") from None
    blocks: list[tuple[str, str | None]] = []
    pending: list[str] = []
    _walk(root, blocks, pending, None, False)
    _flush(blocks, pending, None)
    text, heading_lines, repaired = _join_blocks(blocks, {_HEADING})
    title = " ".join(root.findtext(".//title", default="").split()) or None
    repaired |= decoded.repaired
    warnings = ["mojibake or other encoding damage repaired"] if repaired else []
    return Parsed(
        text=text,
        title=title,
        encoding=decoded.encoding,
        heading_lines=heading_lines,
        warnings=warnings,
    )


def _walk(element, blocks: list, pending: list[str], style: str | None, pre: bool) -> None:
    """Gather text in reading order, ending a block at every block element's edges.

    Line ends in the source are blanks, except inside `<pre>`; `<br>` is a line end.
    """
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIPPED:
        return
    block = tag in _BLOCKS
    if block:
        _flush(blocks, pending, style)
        style = _HEADING if tag in _HEADINGS else style
    pre = pre or tag == "pre"
    if tag == "br":
        pending.append("\n")
    elif element.text and tag:
        pending.append(element.text if pre else element.text.replace("\n", " "))
    for child in element:
        _walk(child, blocks, pending, style, pre)
        if child.tail:
            pending.append(child.tail if pre else child.tail.replace("\n", " "))
    if block:
        _flush(blocks, pending, style)


def _flush(blocks: list, pending: list[str], style: str | None) -> None:
    lines = [" ".join(line.split()) for line in "".join(pending).split("\n")]
    text = "\n".join(line for line in lines if line)
    if text:
        blocks.append((text, style))
    pending.clear()
