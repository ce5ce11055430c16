"""Page layout: rebuild running text from the lines of PDF pages.

A PDF's text layer is a set of positioned lines per page. To get prose back:

- running headers and footers go: lines that recur near the top or bottom of most pages
  (all pages of a document of two or three, or all pages but the first, as a letter's
  continuation pages), digits ignored, so "Pagina 3 van 7" matches "Pagina 4 van 7", plus
  page numbers at a page edge (`12`, `- 12 -`, `Pagina 3 van 7`, `blz. 3`, `2/14`);
- lines are joined into paragraphs; a word hyphenated across a line break is made whole
  again where it was broken (`inburgerings-` + `plichtigen`) and keeps its hyphen where it
  is spelled with one (`zorg- en welzijn`, `Noord-Holland`, `MKB-toets`), as
  `pipeline.ingest.cleaning` decides from the document's own words;
- stray spaces inside words (`v ergadering`) and before a closing mark
  (`De voorzitter .`) are removed;
- a line that opens a speaker turn starts a new line, so the turn splitter sees it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

from pipeline.ingest.cleaning import Lexicon, close_mark_spaces, join_split_words
from pipeline.ingest.speakers import SpeakerMatcher

# Page furniture is looked for among the first and last lines of a page: past at most
# EDGE_LINES lines that are not furniture, and no further than EDGE_ZONE lines in.
EDGE_LINES = 2
EDGE_ZONE = 6
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


def _edge_zones(lines: list[str]) -> tuple[list[int], list[int]]:
    filled = [i for i, line in enumerate(lines) if line]
    return filled[:EDGE_ZONE], filled[::-1][:EDGE_ZONE]


def _running(zones: list[list[str]]) -> set[str]:
    """Signatures that recur in the given edge zone of enough pages."""
    counts = Counter(sig for zone in zones for sig in set(zone))
    n_pages = len(zones)
    # With few pages a repeated line is as likely a repeated heading: ask for all of them.
    needed = max(2, n_pages if n_pages <= 3 else math.floor(RECURRING_SHARE * n_pages) + 1)
    running = {sig for sig, count in counts.items() if count >= needed}
    if n_pages >= 3:
        # A letter's first page has a letterhead; its continuation pages share a header.
        later = [set(zone) for zone in zones[1:]]
        running |= set.intersection(*later)
    return running


def _furniture(lines: list[str], order: list[int], running: set[str]) -> set[int]:
    drop: set[int] = set()
    passed = 0
    for i in order:
        if _signature(lines[i]) in running or _PAGE_NUMBER.match(lines[i]):
            drop.add(i)
        else:
            passed += 1
            if passed >= EDGE_LINES:
                break
    return drop


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove running headers, footers and page numbers from each page.

    Args:
        pages: Lines of every page, from `page_lines`.

    Returns:
        The pages without those lines; when that would leave no text at all, the pages
        without their page numbers only.
    """
    zones = [_edge_zones(lines) for lines in pages]
    signed = [
        [[_signature(lines[i]) for i in zone] for zone in pair]
        for lines, pair in zip(pages, zones, strict=True)
    ]
    running_top = _running([heads for heads, _ in signed])
    running_bottom = _running([feet for _, feet in signed])
    cleaned: list[list[str]] = []
    for lines, (head, foot) in zip(pages, zones, strict=True):
        drop = _furniture(lines, head, running_top) | _furniture(lines, foot, running_bottom)
        kept = [line for i, line in enumerate(lines) if i not in drop]
        cleaned.append(page_lines("\n".join(kept)))
    if not any(any(page) for page in cleaned):
        # Every line recurs (short pages that repeat their header and their text): that
        # is the text, not furniture. Only the page numbers go.
        return [
            page_lines("\n".join(line for line in lines if not _PAGE_NUMBER.match(line)))
            for lines in pages
        ]
    return cleaned


def join_lines(previous: str, following: str, lexicon: Lexicon | None = None) -> str:
    """Join two lines of one paragraph, repairing a word hyphenated across them.

    Args:
        previous: The line before.
        following: The line after.
        lexicon: The document's words, which tell a broken word from a hyphenated one;
            without it only the word list of the language is asked.

    Returns:
        The joined line.
    """
    if previous.endswith("\u00ad"):
        return previous[:-1] + following
    if len(previous) >= 2 and previous[-1] == "-" and previous[-2].isalnum():
        first_word = following.split(" ", 1)[0]
        if first_word in _CONJUNCTIONS:
            return f"{previous} {following}"
        head = previous[:-1].rsplit(" ", 1)[-1]
        if (lexicon or Lexicon([])).joins_hyphen(head, following):
            return previous[:-1] + following
        return previous + following
    return f"{previous} {following}"


def line_breaks(pages: list[list[str]]) -> list[tuple[str, str]]:
    """Every word hyphenated at a line end: (text before the hyphen, next line's first word)."""
    lines = [line for page in pages for line in page if line]
    return [
        (previous[:-1].rsplit(" ", 1)[-1], following.split(" ", 1)[0])
        for previous, following in itertools.pairwise(lines)
        if len(previous) >= 2 and previous[-1] == "-" and previous[-2].isalnum()
    ]


def page_lexicon(pages: list[list[str]], language: str = "nl") -> Lexicon:
    """The words of a document from its page lines, and how it hyphenates them."""
    lexicon = Lexicon((line for page in pages for line in page if line), language)
    lexicon.learn_hyphenation(line_breaks(pages))
    return lexicon


def running_text(pages: list[list[str]], *, matcher: SpeakerMatcher) -> str:
    """The cleaned running text of a document from the lines of its pages.

    Args:
        pages: Lines of every page, from `page_lines`.
        matcher: Recognises lines that open a speaker turn.

    Returns:
        The text without page furniture, broken words and stray spaces.
    """
    pages = drop_running_lines(pages)
    lexicon = page_lexicon(pages)
    pages = [[clean_line(line, lexicon) for line in page] for page in pages]
    return reflow(pages, matcher=matcher, lexicon=lexicon)


def clean_line(line: str, lexicon: Lexicon) -> str:
    """One line without stray spaces inside words or before a closing mark."""
    return close_mark_spaces(join_split_words(line, lexicon)[0])[0]


def reflow(
    pages: list[list[str]], *, matcher: SpeakerMatcher, lexicon: Lexicon | None = None
) -> str:
    """Rebuild the running text of a document from its cleaned page lines.

    Lines of a paragraph are joined with a space; paragraphs are separated by a blank line.
    A paragraph that runs over a page break is joined, unless it visibly ended.

    Args:
        pages: Cleaned lines of every page.
        matcher: Recognises lines that open a speaker turn; they start a new line.
        lexicon: The document's words, for hyphenated line ends (see `join_lines`).

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
                    paragraphs[-1][-1] = join_lines(paragraphs[-1][-1], line, lexicon)
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
