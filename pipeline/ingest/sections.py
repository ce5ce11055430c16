"""Sections: recognise heading lines in running text.

Headings come from the file's own markup where it has any (docx heading styles, markdown
`#` and underlined headings) and otherwise from the look of a line: short, no closing
punctuation, and either in capitals, numbered ("2.1 Opening"), or standing alone between
blank lines. A heading becomes a segment of its own, and the segments under it carry its
text as their section.
"""

from __future__ import annotations

import re

_ATX = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?:\s+(?P<title>.*?))?(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_NUMBERED = re.compile(r"^(?:\d+\.)*\d+\.?\s+\S")
_MARKDOWN_EMPHASIS = re.compile(r"^(\*\*|__)(?P<inner>.+)\1$")
_END_PUNCTUATION = ".,;:!?…"
_OPENING_MARKS = "-*•–—>(\"'“‘[|"
MAX_HEADING_WORDS = 10
MAX_HEADING_CHARS = 80


def markdown_heading(line: str) -> str | None:
    """The title of a markdown ATX heading (`## Ronde twee`), else None."""
    found = _ATX.match(line)
    if not found:
        return None
    return (found.group("title") or "").strip()


def is_setext_underline(line: str) -> bool:
    """Whether the line underlines the line before it (`====` or `----`)."""
    return bool(_SETEXT_UNDERLINE.match(line))


def is_rule(line: str) -> bool:
    """Whether the line is a markdown horizontal rule (`---`, `***`, `___`)."""
    return bool(_RULE.match(line))


def heading_title(line: str) -> str:
    """The heading text of a line, without markdown emphasis around it."""
    title = line.strip()
    found = _MARKDOWN_EMPHASIS.match(title)
    return found.group("inner").strip() if found else title


def looks_like_heading(line: str, *, alone: bool, after_blank: bool) -> bool:
    """Whether a plain-text line reads as a heading.

    Args:
        line: The line (not a speaker line).
        alone: Blank lines (or the document edge) on both sides of it.
        after_blank: A blank line (or the document start) before it.

    Returns:
        True for a short line without closing punctuation that is in capitals, numbered
        after a blank line, or capitalised and standing alone.
    """
    title = heading_title(line)
    words = title.split()
    if not 2 <= len(title) <= MAX_HEADING_CHARS or len(words) > MAX_HEADING_WORDS:
        return False
    if title[-1] in _END_PUNCTUATION or title[0] in _OPENING_MARKS:
        return False
    letters = [char for char in title if char.isalpha()]
    if not letters:
        return False
    if len(letters) >= 4 and all(char.isupper() for char in letters):
        return True
    if after_blank and _NUMBERED.match(title) and len(words) <= 8:
        return True
    return alone and title[0].isupper() and len(words) <= 8
