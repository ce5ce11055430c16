"""FoLiA: the XML format for linguistically annotated text and speech.

A FoLiA document has a `<text>` or a `<speech>` body. Its units are utterances (`<utt>`),
sentences (`<s>`) and paragraphs (`<p>`), under divisions (`<div>`) with headings
(`<head>`). A unit's text is its words (`<w><t>…</t></w>`, joined with a space unless the
word says `space="no"`) or else its own `<t>`. Who speaks is the `speaker` attribute, set on
the unit or on any element above it; times are its `begintime`/`endtime` or those of the
word time segments in its `<timing>` layer.

Consecutive units of one speaker make one turn. Entities escaped twice by an old converter
(`Belgi&amp;euml;`) are repaired.
"""

from __future__ import annotations

from lxml import etree

from pipeline.ingest.parsed import Parsed, Unreadable
from pipeline.ingest.readers.markup import TextCleaner, local_name, parse_xml
from pipeline.ingest.readers.transcript import Transcript
from pipeline.ingest.speakers import SpeakerMatcher, parse_timestamp

WHAT = "FoLiA file"
NS = "http://ilk.uvt.nl/folia"
_UNITS = frozenset({"utt", "s", "p"})
# Layers and alternatives whose words are not the text itself.
_NOT_TEXT = frozenset(
    {"metadata", "timing", "alt", "altlayers", "original", "suggestion", "morphology"}
)


def read_folia(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read a FoLiA XML document.

    Args:
        data: Raw bytes of the file.
        matcher: Unused; the markup names the speakers.
        max_unpacked_bytes: Unused; XML is not compressed.

    Returns:
        The written-out text with one segment per turn, heading and speakerless unit.

    Raises:
        Unreadable: When the file is not well-formed FoLiA, or has no body.
    """
    root = parse_xml(data, what=WHAT)
    bodies = [el for el in root if isinstance(el.tag, str) and local_name(el) in ("text", "speech")]
    if not bodies:
        raise Unreadable("skipped", f"a {WHAT} without a <text> or <speech> body")
    cleaner = TextCleaner()
    transcript = Transcript()
    for body in bodies:
        _walk(body, body.get("speaker"), transcript, cleaner)
    title = next((s.section for s in transcript.segments if s.heading), None)
    return Parsed(
        text=transcript.text(),
        title=title,
        segments=transcript.segments,
        warnings=cleaner.warnings(),
    )


def _walk(
    element: etree._Element, speaker: str | None, transcript: Transcript, cleaner: TextCleaner
) -> None:
    for child in element:
        name = local_name(child) if isinstance(child.tag, str) else ""
        if not name or name in _NOT_TEXT:
            continue
        own = child.get("speaker") or speaker
        if name == "head":
            transcript.heading(_unit_text(child, cleaner))
        elif name in _UNITS:
            start_s, end_s = _times(child)
            transcript.turn(own, [_unit_text(child, cleaner)], start_s=start_s, end_s=end_s)
        else:
            _walk(child, own, transcript, cleaner)


def _unit_text(unit: etree._Element, cleaner: TextCleaner) -> str:
    words = [w for w in unit.iter(f"{{{NS}}}w") if _in_text(w, unit)]
    if not words:
        return _own_text(unit, cleaner)
    pieces: list[str] = []
    for word in words:
        pieces.append(_own_text(word, cleaner))
        pieces.append("" if word.get("space") == "no" else " ")
    return "".join(pieces).strip()


def _own_text(element: etree._Element, cleaner: TextCleaner) -> str:
    # The current text of an element: its `<t>` without a class, or of class "current".
    for t in element.findall(f"{{{NS}}}t"):
        if t.get("class", "current") == "current":
            return cleaner.element_text(t)
    return ""


def _in_text(word: etree._Element, unit: etree._Element) -> bool:
    parent = word.getparent()
    while parent is not None and parent is not unit:
        if local_name(parent) in _NOT_TEXT:
            return False
        parent = parent.getparent()
    return True


def _times(unit: etree._Element) -> tuple[float | None, float | None]:
    begin, end = unit.get("begintime"), unit.get("endtime")
    if begin is None:
        segments = list(unit.iterfind(f"{{{NS}}}timing/{{{NS}}}timesegment"))
        if segments:
            begin, end = segments[0].get("begintime"), segments[-1].get("endtime")
    try:
        return (
            parse_timestamp(begin) if begin else None,
            parse_timestamp(end) if end else None,
        )
    except ValueError:
        return None, None
