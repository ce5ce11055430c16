"""Page layout: rebuild running text from the lines of PDF pages.

A PDF's text layer is a set of positioned lines per page. To get prose back:

- running headers and footers go: lines that recur at the top or bottom of most pages
  (all pages of a document of two or three)
  (digits ignored, so "Pagina 3 van 7" matches "Pagina 4 van 7"), plus page numbers at a
  page edge (`12`, `- 12 -`, `Pagina 3 van 7`, `blz. 3`);
- lines are joined into paragraphs, and a word hyphenated across a line break is made
  whole again (`inburgerings-` + `plichtigen`); a hyphen before "en"/"of" stays
  (`zorg- en welzijn`), and so does one before a capital (`Noord-Holland`);
- a line that opens a speaker turn starts a new line, so the turn splitter sees it.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from pipeline.ingest.speakers import SpeakerMatcher

EDGE_LINES = 2
RECURRING_SHARE = 0.5
# Lines shorter than this share of a full line end a paragraph; full lines are at least
# MIN_FULL_WIDTH characters, so a document of short lines is not cut to pieces.
SHORT_LINE = 0.6
MIN_FULL_WIDTH = 40
_PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?"
    r"(?:\s*(?:van|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_CONJUNCTIONS = frozenset({"en", "of", "tot", "noch", "en/of"})
_LIST_ITEM = re.compile(r"^(?:[-•*▪◦–]\s|\d{1,2}[.)]\s)")
_PARAGRAPH_END = ".?!:\"”)'’"


def page_lines(page_text: str) -> list[str]:
    """The lines of one page: trimmed, inner runs of spaces collapsed, no double blanks."""
    lines: list[str] = []
    for raw in page_text.split("\n"):
        line = _SPACES.sub(" ", raw.strip())
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _signature(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _edges(lines: list[str]) -> tuple[list[int], list[int]]:
    filled = [i for i, line in enumerate(lines) if line]
    return filled[:EDGE_LINES], filled[-EDGE_LINES:]


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove running headers, footers and page numbers from each page.

    Args:
        pages: Lines of every page, from `page_lines`.

    Returns:
        The pages without those lines.
    """
    top, bottom = Counter(), Counter()
    for lines in pages:
        head, foot = _edges(lines)
        top.update({_signature(lines[i]) for i in head})
        bottom.update({_signature(lines[i]) for i in foot})
    # With few pages a repeated line is as likely a repeated heading: ask for all of them.
    n_pages = len(pages)
    needed = max(2, n_pages if n_pages <= 3 else math.floor(RECURRING_SHARE * n_pages) + 1)
    running_top = {sig for sig, count in top.items() if count >= needed}
    running_bottom = {sig for sig, count in bottom.items() if count >= needed}

    cleaned: list[list[str]] = []
    for lines in pages:
        head, foot = _edges(lines)
        drop = {i for i in head if _signature(lines[i]) in running_top}
        drop |= {i for i in foot if _signature(lines[i]) in running_bottom}
        drop |= {i for i in head + foot if _PAGE_NUMBER.match(lines[i])}
        kept = [line for i, line in enumerate(lines) if i not in drop]
        cleaned.append(page_lines("\n".join(kept)))
    return cleaned


def join_lines(previous: str, following: str) -> str:
    """Join two lines of one paragraph, repairing a word hyphenated across them."""
    if previous.endswith("\u00ad"):
        return previous[:-1] + following
    if len(previous) >= 2 and previous[-1] == "-" and previous[-2].isalnum():
        first_word = following.split(" ", 1)[0]
        if first_word in _CONJUNCTIONS:
            return f"{previous} {following}"
        if following[:1].islower() and previous[-2].isalpha():
            return previous[:-1] + following
        return previous + following
    return f"{previous} {following}"


def reflow(pages: list[list[str]], *, matcher: SpeakerMatcher) -> str:
    """Rebuild the running text of a document from its cleaned page lines.

    Lines of a paragraph are joined with a space; paragraphs are separated by a blank line.
    A paragraph that runs over a page break is joined, unless it visibly ended.

    Args:
        pages: Cleaned lines of every page.
        matcher: Recognises lines that open a speaker turn; they start a new line.

    Returns:
        The text, paragraphs separated by blank lines.
    """
    full_width = _full_width(pages)
    paragraphs: list[list[str]] = []
    open_paragraph = False
    for lines in pages:
        for index, line in enumerate(lines):
            if not line:
                open_paragraph = False
                continue
            new_turn = matcher.match(line) is not None or bool(_LIST_ITEM.match(line))
            continues_page = index == 0 and paragraphs and not _ended(paragraphs[-1][-1])
            if open_paragraph or continues_page:
                if new_turn:
                    paragraphs[-1].append(line)
                else:
                    paragraphs[-1][-1] = join_lines(paragraphs[-1][-1], line)
            else:
                paragraphs.append([line])
            # A line well short of the full width ends its paragraph (or is a heading).
            open_paragraph = len(line) >= SHORT_LINE * full_width or line.endswith("-")
        open_paragraph = False
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)


def _full_width(pages: list[list[str]]) -> int:
    lengths = sorted(len(line) for lines in pages for line in lines if line)
    if not lengths:
        return 0
    return max(MIN_FULL_WIDTH, lengths[int(0.9 * (len(lengths) - 1))])


def _ended(line: str) -> bool:
    return line[-1] in _PARAGRAPH_END and not line.endswith("-")
