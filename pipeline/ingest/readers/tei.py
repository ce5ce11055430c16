"""TEI: parliamentary records in the ParlaMint encoding (and TEI speech transcripts alike).

A ParlaMint file is a `<TEI>` (or a `<teiCorpus>` of them) whose body holds `<div>`s with a
`<head>` (the debate title) and utterances `<u who="#Id">`, each made of `<seg>`s.
Stenographer notes are `<note>`, `<incident>`, `<kinesic>` or `<vocal>`; `<gap>` marks left
out text. The people are listed in a `<listPerson>` in the teiHeader or in the corpus root
(`<person xml:id="Id"><persName>`); ParlaMint-NL also puts the printed label before each
utterance (`<note type="speaker">De heer Laçin (SP)</note>`).

The speaker of a `<u>` is the name in the person list; else the printed label of that
person; else the `who` id itself. The `<head>` is the section of the utterances under it.
Notes get no speaker. Linguistically annotated files (`.ana`, with `<w>`/`<pc>` tokens)
are read too: tokens are joined with a space unless marked `join="right"`.
"""

from __future__ import annotations

from lxml import etree

from pipeline.ingest.parsed import Parsed, Unreadable
from pipeline.ingest.readers.markup import TextCleaner, local_name, parse_xml
from pipeline.ingest.readers.transcript import Transcript
from pipeline.ingest.speakers import SpeakerMatcher

WHAT = "TEI file"
NS = "http://www.tei-c.org/ns/1.0"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_NOTES = frozenset({"note", "incident", "kinesic", "vocal"})
_TOKENS = frozenset({"w", "pc"})


def read_tei(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read a TEI file of utterances (ParlaMint).

    Args:
        data: Raw bytes of the file.
        matcher: Unused; the markup names the speakers.
        max_unpacked_bytes: Unused; XML is not compressed.

    Returns:
        The written-out record with one segment per utterance, heading and note.

    Raises:
        Unreadable: When the file is not well-formed TEI, or has no text body.
    """
    root = parse_xml(data, what=WHAT)
    bodies = list(root.iter(f"{{{NS}}}body"))
    if not bodies:
        raise Unreadable(
            "skipped",
            f"a {WHAT} without a text body (<body>): a corpus root or list that only "
            "includes or describes other files; those files are read one by one",
        )
    cleaner = TextCleaner()
    names = _printed_labels(root, cleaner) | _person_names(root, cleaner)
    transcript = Transcript()
    for body in bodies:
        _walk(body, transcript, names, cleaner)
    titles = [cleaner.clean(t.text) for t in root.iter(f"{{{NS}}}title") if t.text]
    title = next((s.section for s in transcript.segments if s.heading), None)
    return Parsed(
        text=transcript.text(),
        title=title or (titles[0] if titles else None),
        segments=transcript.segments,
        warnings=cleaner.warnings(),
    )


def _walk(
    element: etree._Element, transcript: Transcript, names: dict[str, str], cleaner: TextCleaner
) -> None:
    for child in element:
        name = local_name(child) if isinstance(child.tag, str) else ""
        if name == "head":
            transcript.heading(cleaner.element_text(child))
        elif name == "u":
            _utterance(child, transcript, names, cleaner)
        elif name in _NOTES and child.get("type") != "speaker":
            transcript.turn(None, [_text(child, cleaner)])
        elif name == "gap":
            transcript.pause()
        elif name in ("div", "p", "sp"):
            _walk(child, transcript, names, cleaner)


def _utterance(
    u: etree._Element, transcript: Transcript, names: dict[str, str], cleaner: TextCleaner
) -> None:
    who = (u.get("who") or "").split()
    speaker = (names.get(who[0], who[0].lstrip("#")) or None) if who else None
    paragraphs: list[str] = []
    for child in u:
        name = local_name(child) if isinstance(child.tag, str) else ""
        if name in _NOTES:  # a note inside the turn breaks it; the speaker goes on after it
            transcript.turn(speaker, paragraphs)
            transcript.turn(None, [_text(child, cleaner)])
            paragraphs = []
        elif name and name != "gap":
            paragraphs.append(_text(child, cleaner))
    if u.text and u.text.strip():
        paragraphs.insert(0, cleaner.clean(u.text))
    transcript.turn(speaker, paragraphs)


def _text(element: etree._Element, cleaner: TextCleaner) -> str:
    """The text of a segment or note: its tokens when it is annotated, else its text."""
    tokens = [t for t in element.iter(f"{{{NS}}}w", f"{{{NS}}}pc") if _is_top_token(t)]
    if not tokens:
        desc = element.find(f"{{{NS}}}desc")
        return cleaner.element_text(desc if desc is not None else element)
    pieces: list[str] = []
    for token in tokens:
        pieces.append(cleaner.clean("".join(token.itertext())))
        pieces.append("" if token.get("join") == "right" else " ")
    return "".join(pieces).strip()


def _is_top_token(token: etree._Element) -> bool:
    parent = token.getparent()
    return parent is None or local_name(parent) not in _TOKENS


def _person_names(root: etree._Element, cleaner: TextCleaner) -> dict[str, str]:
    """`#id` to name for every `<person>` in a person list of the file."""
    names: dict[str, str] = {}
    for person in root.iter(f"{{{NS}}}person"):
        ident = person.get(_XML_ID)
        pers_name = person.find(f"{{{NS}}}persName")
        if not ident or pers_name is None:
            continue
        parts = [
            cleaner.element_text(part)
            for part in pers_name
            if isinstance(part.tag, str) and local_name(part) in ("forename", "surname", "nameLink")
        ]
        name = " ".join(part for part in parts if part) or cleaner.element_text(pers_name)
        if name:
            names[f"#{ident}"] = name
    return names


def _printed_labels(root: etree._Element, cleaner: TextCleaner) -> dict[str, str]:
    """`#id` to the first printed label (`<note type="speaker">`) before that person's `<u>`."""
    labels: dict[str, str] = {}
    for note in root.iter(f"{{{NS}}}note"):
        if note.get("type") != "speaker":
            continue
        following = note.getnext()
        who = (following.get("who") or "").split() if following is not None else []
        label = cleaner.element_text(note)
        if who and label and local_name(following) == "u":
            labels.setdefault(who[0], label)
    return labels
