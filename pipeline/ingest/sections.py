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
_FRONT_MATTER_TITLE = re.compile(r"^title:\s*['\"]?(?P<title>.*?)['\"]?\s*$", re.IGNORECASE)
_END_PUNCTUATION = ".,;:!?…"
_OPENING_MARKS = "-*•–—>(\"'“‘[|"
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120
# A written report's theme line: "Maatwerk: complex, polariserend, en vanzelfsprekend".
_TERM_LIST = re.compile(r"^[A-ZÀ-Þ][\w-]*(?: [\w-]+){0,2}: [^.!?:]{1,80}(?:,| en | of )[^.!?:]+$")
# Agenda items in minutes: "Aan de orde is: ...", "Punt 5. ...", "Agendapunt 3: ...".
_AGENDA_INTRO = re.compile(r"^Aan de orde (?:is|zijn)\s*:\s*(?P<title>.*)$")
_AGENDA_POINT = re.compile(r"^(?:Agenda)?[Pp]unt \d+[a-z]?\s*[.:]?(?:\s+\S.*)?$")
# Stenographer notes: "(Geroffel op de bankjes.)", "De vergadering wordt ... geschorst.",
# "In stemming komt ...", "De motie maakt onderdeel uit van de verdere beraadslaging.",
# "Voorzitter: de heer X." (the chair changes), and lists: attendance, footnotes.
_NOTE = re.compile(
    r"^(?:\(.*\)\.?|(?:De|Het|Deze) (?:\w+ ){1,3}(?:wordt|worden) .{0,120}"
    r"(?:geschorst|gesloten|geopend|heropend|hervat|vastgesteld|aangenomen|verworpen"
    r"|aangehouden|ingetrokken)\.?|In stemming (?:komt|komen) .*|(?:Voorzitter|Griffier): .{1,60}"
    r"|(?:De|Het) (?:\w+ ){0,2}(?:motie|moties|amendement|amendementen) (?:maakt|maken)"
    r" onderdeel uit.*|De raad (?:heeft hieromtrent beslist|gaat over tot).*"
    r"|Niets meer aan de orde zijnde.*|(?:Voor|Tegen) (?:stemmen|hebben gestemd) .*)$"
)
_LIST_NOTE = re.compile(r"^(?:Presentielijst|(?:Aanwezig|Afwezig|Tegenwoordig)(?: zijn| is)?\b.*)$")
_FOOTNOTE = re.compile(r"^\d{1,3}\s+(?:https?://|www\.)\S+")


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


def agenda_title(line: str) -> str | None:
    """The agenda item a line announces (`Aan de orde is: B. Stad in de raad`), else None.

    An empty string means the title is on the next line (`Aan de orde is:` alone).
    """
    text = line.strip()
    intro = _AGENDA_INTRO.match(text)
    if intro:
        return intro.group("title").strip()
    return text if _AGENDA_POINT.match(text) else None


def procedure_note(line: str) -> bool | None:
    """Whether a line is a stenographer's note, and whether it ends the talk before it.

    Returns:
        None for an ordinary line; for a note, True when nobody speaks after it until the
        next label (a minute-taker's sentence: the meeting is suspended, a vote is held),
        False when the turn goes on (`(Geroffel op de bankjes.)`, a footnote).
    """
    text = line.strip()
    if _FOOTNOTE.match(text):
        return False
    if _LIST_NOTE.match(text):
        return True
    if len(text.split()) > 40 or not _NOTE.match(text):
        return None
    # A minute-taker's sentence ends the talk; a note in brackets does not.
    return not text.startswith("(")


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
    if alone and _TERM_LIST.match(title):
        return True
    if not 2 <= len(title) <= MAX_HEADING_CHARS or len(words) > MAX_HEADING_WORDS:
        return False
    if title[-1] in _END_PUNCTUATION or title[0] in _OPENING_MARKS:
        return False
    letters = [char for char in title if char.isalpha()]
    if not letters:
        return False
    if len(letters) >= 4 and all(char.isupper() for char in letters):
        return True
    if after_blank and _NUMBERED.match(title):
        return True
    return alone and title[0].isupper()


def front_matter(raw: list[str]) -> tuple[set[int], str | None]:
    """The line numbers of a markdown front-matter block (`---` ... `---`) and its title."""
    if not raw or raw[0].strip() != "---":
        return set(), None
    for end in range(1, min(len(raw), 60)):
        if raw[end].strip() in {"---", "..."}:
            title = None
            for line in raw[1:end]:
                found = _FRONT_MATTER_TITLE.match(line)
                if found and found.group("title"):
                    title = found.group("title")
            return set(range(end + 1)), title
    return set(), None
