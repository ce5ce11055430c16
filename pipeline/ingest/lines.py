"""Lines: classify each line of running text (blank, heading, agenda, note, speaker, body).

Two passes: first the source's own structure and every line that could open a turn, with
its label style; then `pipeline.ingest.styles` chooses the document's styles, and a
proposed label of another style, or of a false speaker, is read as a heading or body text
after all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.ingest.sections import (
    agenda_title,
    front_matter,
    heading_title,
    is_rule,
    is_setext_underline,
    looks_like_heading,
    markdown_heading,
    procedure_note,
)
from pipeline.ingest.speakers import SpeakerMatch, SpeakerMatcher
from pipeline.ingest.styles import StyleChoice, choose_styles

BLANK, SKIP, HEADING, SPEAKER, BODY = "blank", "skip", "heading", "speaker", "body"
AGENDA, NOTE = "agenda", "note"
# A line this long is a flattened page (a web mirror of a PDF): labels may stand inside it.
FLAT_LINE = 1500
# Characters after a possible inline label start that are matched (labels are far shorter).
INLINE_WINDOW = 1000
_INLINE_START = re.compile(
    r"(?<=\s)(?=(?:De|Mevrouw|Mevr\.|Mw\.|Dhr\.|Wethouder|Burgemeester|Minister"
    r"|Staatssecretaris)\s)"
)
_VOTE_ITEM = re.compile(r"^\s*[-–]\s+(?P<title>[A-Z].{0,300}\.)\s*$")


@dataclass(frozen=True)
class Line:
    """A classified line of the document text."""

    kind: str
    start: int
    text: str
    title: str | None = None
    match: SpeakerMatch | None = None
    guessed: bool = False
    breaks: bool = False


def classify_lines(
    text: str,
    *,
    matcher: SpeakerMatcher,
    markdown: bool = False,
    heading_lines: frozenset[int] | None = None,
    speakers: str = "auto",
) -> tuple[list[Line], str | None, StyleChoice]:
    """Classify every line of a text.

    Args:
        text: Normalised document text.
        matcher: Proposes speaker lines.
        markdown: Read markdown headings, rules and front matter.
        heading_lines: Line numbers marked as headings by the source (docx styles); when
            given and not empty, the plain-text heading guess is off.
        speakers: `auto`, `off` or one style name (see `choose_styles`).

    Returns:
        The lines in order, the front-matter title, if any, and the style choice.
    """
    raw = text.split("\n")
    starts = [0]
    for line in raw[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    blank = [not line.strip() for line in raw]
    skip, front_title = front_matter(raw) if markdown else (set(), None)
    guess_headings = not markdown and not heading_lines

    def is_heading(i: int) -> bool:
        underlined = i + 1 < len(raw) and is_setext_underline(raw[i + 1])
        if underlined and markdown:
            return True
        after_blank = i == 0 or blank[i - 1]
        alone = after_blank and (i + 1 == len(raw) or blank[i + 1])
        return (underlined or guess_headings) and looks_like_heading(
            raw[i], alone=alone or underlined, after_blank=after_blank or underlined
        )

    # First pass: the source's structure, and every proposed label, also inside flattened
    # text that holds a page or more on one line.
    lines = _first_pass(raw, starts, blank, skip, matcher, markdown, heading_lines)
    inline = {i: _inline_labels(line, matcher) for i, line in enumerate(lines) if _flat(line)}
    proposed = [line.match for line in lines if line.kind == SPEAKER]
    proposed += [match for found in inline.values() for _, match in found]
    # Second pass: keep the labels of the document's own styles.
    choice = choose_styles(proposed, mode=speakers)
    for i, line in enumerate(lines):
        if line.kind == SPEAKER and not choice.keeps(line.match):
            lines[i] = Line(BODY, line.start, line.text)
    for i, line in enumerate(lines):
        if line.kind != BODY:
            continue
        if choice.verbatim and (vote := _vote_item(lines, i)):
            # Verbatim minutes name the item before its votes: "- Voorstel van het ...".
            lines[i] = Line(AGENDA, line.start, line.text, title=vote)
        elif is_heading(i):
            lines[i] = Line(HEADING, line.start, line.text, heading_title(line.text), guessed=True)
    return _split_inline(lines, inline, choice), front_title, choice


def _flat(line: Line) -> bool:
    return line.kind in (BODY, SPEAKER) and len(line.text) >= FLAT_LINE


def _inline_labels(line: Line, matcher: SpeakerMatcher) -> list[tuple[int, SpeakerMatch]]:
    """Labels inside a flattened line: only titled ones with a colon (`De voorzitter:`)."""
    found: list[tuple[int, SpeakerMatch]] = []
    # Not inside the line's own label, nor inside the one found before.
    taken = line.match.text_start if line.kind == SPEAKER else 0
    for candidate in _INLINE_START.finditer(line.text):
        at = candidate.start()
        if at < taken:
            continue
        # A window, not the rest of the line: copying a 40 MB line from every "De " on
        # would take hours. A label within the window ends before its last character, so
        # the matcher saw what follows it (its `(?=\s|$)` is not fooled by the cut).
        match = matcher.match(line.text[at : at + INLINE_WINDOW])
        if match is not None and match.style == "colon" and match.text_start < INLINE_WINDOW:
            found.append((at, match))
            taken = at + match.text_start
    return found


def _split_inline(
    lines: list[Line], inline: dict[int, list[tuple[int, SpeakerMatch]]], choice: StyleChoice
) -> list[Line]:
    """The lines with each kept inline label opening a line of its own."""
    out: list[Line] = []
    for i, line in enumerate(lines):
        cuts = [(at, match) for at, match in inline.get(i, []) if choice.keeps(match)]
        if not cuts or line.kind not in (BODY, SPEAKER):
            out.append(line)
            continue
        bounds = [at for at, _ in cuts] + [len(line.text)]
        out.append(replace(line, text=line.text[: bounds[0]]))
        for (at, match), end in zip(cuts, bounds[1:], strict=True):
            out.append(Line(SPEAKER, line.start + at, line.text[at:end], match=match))
    return out


def _vote_item(lines: list[Line], i: int) -> str | None:
    """The item title of a `- Titel.` line that stands alone right before a vote note."""
    found = _VOTE_ITEM.match(lines[i].text)
    if not found or (i and lines[i - 1].kind != BLANK):
        return None
    after = next((line for line in lines[i + 1 :] if line.kind != BLANK), None)
    if after is None or after.kind != NOTE or lines[i + 1].kind != BLANK:
        return None
    return found.group("title")


def _first_pass(
    raw: list[str],
    starts: list[int],
    blank: list[bool],
    skip: set[int],
    matcher: SpeakerMatcher,
    markdown: bool,
    heading_lines: frozenset[int] | None,
) -> list[Line]:
    lines: list[Line] = []
    agenda_next = False
    for i, line in enumerate(raw):
        start, agenda = starts[i], None
        if i in skip or (is_setext_underline(line) and _underlines(lines)):
            lines.append(Line(SKIP, start, line))
        elif blank[i] or is_rule(line) or is_setext_underline(line):
            # Separator lines (`---`, `***`, `====`) hold no words: they count as blank.
            lines.append(Line(BLANK, start, line))
        elif heading_lines and i in heading_lines:
            lines.append(Line(HEADING, start, line, title=heading_title(line)))
        elif markdown and markdown_heading(line) is not None:
            lines.append(Line(HEADING, start, line, title=markdown_heading(line)))
        elif agenda_next or (agenda := agenda_title(line)):
            # "Aan de orde is:" alone announces the item on the next line.
            title = line.strip() if agenda_next else agenda
            agenda_next = False
            lines.append(Line(AGENDA, start, line, title=title))
        elif agenda == "":
            agenda_next = True
            lines.append(Line(SKIP, start, line))
        elif (note := procedure_note(line)) is not None:
            lines.append(Line(NOTE, start, line, breaks=note))
        elif (match := matcher.match(line)) is not None:
            lines.append(Line(SPEAKER, start, line, match=match))
        else:
            lines.append(Line(BODY, start, line))
    return lines


def _underlines(previous: list[Line]) -> bool:
    return bool(previous) and previous[-1].kind == HEADING and previous[-1].match is None
