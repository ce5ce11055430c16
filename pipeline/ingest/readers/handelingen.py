"""Handelingen: the official-publication XML of the Tweede and Eerste Kamer records.

The records of both chambers are published as `officiele-publicatie` XML. An agenda item
(`<agendapunt>`) has a title (`<item-titel>`) and an introduction (`<onderwerp>`, "Aan de
orde is ..."); each turn is a `<spreekbeurt>` whose `<spreker>` names the speaker in parts:
`<voorvoegsels>` (De heer, Mevrouw, Minister), `<naam>` (`<voornaam>`, `<achternaam>`),
`<politiek>` (the party) and `<functie>`. Paragraphs are `<al>`.

A `<spreker>` names who speaks for the rest of its turn. The chair's `<spreker>` in a
motion's `<motie-info>` holds for that note only; text between two turns continues the
chair who closed a motion ("Dank u wel."), and is otherwise a note ("De vergadering wordt
geschorst.").
The label is written as the record prints it, `De heer Kops (PVV)`, the party (or, for a
speaker without a party, the office) in brackets. The item title is the section; the
introduction and text outside any turn get no speaker. A record without turns (a list of
incoming documents) is read as paragraphs.
"""

from __future__ import annotations

from lxml import etree

from pipeline.ingest.parsed import Parsed, Unreadable
from pipeline.ingest.readers.markup import TextCleaner, local_name, parse_xml
from pipeline.ingest.readers.transcript import Transcript
from pipeline.ingest.speakers import SpeakerMatcher

WHAT = "Handelingen XML file"
ROOT = "officiele-publicatie"
# Elements whose text is one paragraph; the text of their children belongs to it.
_PARAGRAPHS = frozenset({"al", "titel", "tussenkop", "kop", "regel"})
_SKIPPED = frozenset({"metadata", "meta", "nr"})


def read_handelingen(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read an `officiele-publicatie` XML file of the Handelingen.

    Args:
        data: Raw bytes of the file.
        matcher: Unused; the markup names the speakers.
        max_unpacked_bytes: Unused; XML is not compressed.

    Returns:
        The written-out record with its segments: one per turn, heading and note.

    Raises:
        Unreadable: When the file is not well-formed or not an official publication.
    """
    root = parse_xml(data, what=WHAT)
    if local_name(root) != ROOT:
        raise Unreadable("skipped", f"not a {WHAT}: the root element is <{local_name(root)}>")
    reader = _Reader()
    body = next(root.iter("handelingen"), root)
    reader.walk(body)
    reader.flush()
    transcript = reader.transcript
    title = next((s.section for s in transcript.segments if s.heading), None)
    return Parsed(
        text=transcript.text(),
        title=title,
        segments=transcript.segments,
        warnings=reader.cleaner.warnings(),
    )


class _Reader:
    """Walks the record in document order, keeping who speaks.

    A `<spreker>` names the speaker of the rest of its turn. Inside a motion, the chair's
    `<motie-info>` is the chair's, after which the member's turn goes on; text between two
    turns continues the chair who closed a motion, and is otherwise a note without speaker
    ("De vergadering wordt geschorst.").
    """

    def __init__(self) -> None:
        self.transcript = Transcript()
        self.cleaner = TextCleaner()
        self.speaker: str | None = None
        self.paragraphs: list[str] = []
        self.in_turn = False
        self.hand_back: str | None = None

    def walk(self, element: etree._Element) -> None:
        for child in element:
            name = local_name(child) if isinstance(child.tag, str) else ""
            if not name or name in _SKIPPED:
                continue
            if name == "spreker":
                self.flush()
                self.speaker = speaker_label(child, self.cleaner)
            elif name == "item-titel":
                self.flush()
                self.transcript.heading(self.cleaner.element_text(child))
            elif name in _PARAGRAPHS:
                self.paragraphs.append(self.cleaner.element_text(child))
                self.hand_back = None if self.in_turn else self.hand_back
            elif name in ("spreekbeurt", "motie-info", "onderwerp") or not self.in_turn:
                self.scope(child, name)
            else:
                self.walk(child)

    def scope(self, element: etree._Element, name: str) -> None:
        """Walk an element whose text has a speaker of its own, and restore the speaker after."""
        self.flush()
        outer, outer_in_turn = self.speaker, self.in_turn
        if name in ("spreekbeurt", "onderwerp"):
            self.speaker, self.hand_back = None, None
            self.in_turn = name == "spreekbeurt"
        elif name == "tekst":
            self.speaker = self.hand_back
        self.walk(element)
        self.flush()
        if name == "motie-info":
            self.hand_back = self.speaker
        self.speaker, self.in_turn = outer, outer_in_turn

    def flush(self) -> None:
        self.transcript.turn(self.speaker, self.paragraphs)
        self.paragraphs = []


def speaker_label(spreker: etree._Element, cleaner: TextCleaner) -> str | None:
    """The label of a `<spreker>`, as the record prints it: `Mevrouw Kröger (GroenLinks)`.

    Args:
        spreker: The `<spreker>` element.
        cleaner: Cleans the text of its parts.

    Returns:
        Prefix, name and party (or office) in brackets; the element's own text, without
        the closing colon, when it has no parts; None when it is empty.
    """
    parts = {local_name(child): child for child in spreker if isinstance(child.tag, str)}
    prefix = cleaner.element_text(parts["voorvoegsels"]) if "voorvoegsels" in parts else ""
    name = ""
    if "naam" in parts:
        pieces = [cleaner.element_text(piece) for piece in parts["naam"]]
        name = " ".join(piece for piece in pieces if piece) or cleaner.element_text(parts["naam"])
    office = cleaner.element_text(parts["functie"]) if "functie" in parts else ""
    party = cleaner.element_text(parts["politiek"]) if "politiek" in parts else ""
    label = " ".join(piece for piece in (prefix, name) if piece)
    if not label:
        label = cleaner.element_text(spreker).rstrip(":").strip()
        return label or None
    bracket = party or (office if office.lower() != prefix.lower() else "")
    return f"{label} ({bracket})" if bracket else label
