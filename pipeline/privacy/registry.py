"""Who is who: group the names of one run into persons and give each a stable pseudonym.

Every mention of a name, as a speaker label or in the text, is reduced to its normalised
words. Full names are persons. A shorter mention (a first name, a surname with or without
its tussenvoegsel) joins the one person whose name it is part of, so "Fatima", "mevrouw El
Amrani" and "Fatima el Amrani" are one person. When a first name fits two persons ("Jan" with
"Jan Bakker" and "Jan de Vries") nobody can say whom it means; it becomes a person of its
own rather than be given to one of them.

Pseudonyms are handed out in order of first appearance, speakers first: a speaker with a role
becomes `<Role> <letter>` ("Wethouder A", "Raadslid B"), another speaker `Deelnemer <n>`, and
a person who is only mentioned `Persoon <n>`. Pseudonyms that already occur in the corpus
("Deelnemer 3" as a label) are skipped, so no pseudonym can be mistaken for an original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import count, product
from string import ascii_uppercase

from pipeline.privacy.speakers import SpeakerLabel, normalise_name, strip_titles

Key = tuple[str, ...]


def _letters() -> Iterator[str]:
    for size in count(1):
        for combo in product(ascii_uppercase, repeat=size):
            yield "".join(combo)


def name_key(text: str) -> Key:
    """The normalised name in a mention, without titles or a possessive."""
    _, words = strip_titles(text.split())
    key = normalise_name(" ".join(words))
    if key and key[-1] == "s" and len(key) > 1:  # "Fatima's" -> ("fatima", "s")
        key = key[:-1]
    return key


def _parts(key: Key) -> set[Key]:
    """Shorter mentions that can stand for a full name: first name and surname forms."""
    if len(key) < 2:
        return set()
    return {key[:1], key[-1:], *(key[i:] for i in range(1, len(key)))}


class PseudonymRegistry:
    """Persons of one run and their pseudonyms.

    Args:
        taken: Text of the corpus (labels, documents); pseudonyms found in it are skipped.
    """

    def __init__(self, *, taken: str = "") -> None:
        self.taken = taken

    def fit(self, speakers: Iterable[SpeakerLabel], mentions: Iterable[str]) -> PseudonymRegistry:
        """Group names into persons and assign pseudonyms.

        Args:
            speakers: Parsed speaker labels in order of first appearance.
            mentions: Names found in the text, in order of appearance.

        Returns:
            self, with `speaker_pseudonyms_` (label to pseudonym, without the label's
            affiliation), `persons_` (name key to person index), `pseudonyms_` (person index
            to pseudonym in running text) and `speaker_persons_` (persons who speak).
        """
        speakers = [s for s in speakers if s.name]
        first_seen: dict[Key, int] = {}
        for position, key in enumerate(
            [name_key(s.name) for s in speakers] + [name_key(m) for m in mentions]
        ):
            if key:
                first_seen.setdefault(key, position)
        self.persons_ = self._group(sorted(first_seen, key=first_seen.__getitem__))
        self.pseudonyms_, self.speaker_pseudonyms_ = self._assign(speakers, first_seen)
        return self

    @staticmethod
    def _group(keys: list[Key]) -> dict[Key, int]:
        """Person index per key: a key joins the one longer name it is part of, if exactly one."""
        persons: dict[Key, int] = {}
        for key in sorted(keys, key=len, reverse=True):
            owners = {persons[k] for k in persons if len(k) > len(key) and key in _parts(k)}
            persons[key] = owners.pop() if len(owners) == 1 else len(set(persons.values()))
        return persons

    def _fresh(self, pattern: str, counter: Iterator[object]) -> str:
        for item in counter:
            candidate = pattern.format(item)
            if not re.search(rf"\b{re.escape(candidate)}\b", self.taken):
                return candidate
        raise AssertionError("unreachable: counters are infinite")

    def _assign(
        self, speakers: list[SpeakerLabel], first_seen: dict[Key, int]
    ) -> tuple[dict[int, str], dict[str, str]]:
        letters, participants, others = _letters(), count(1), count(1)
        texts: dict[int, str] = {}
        labels: dict[str, str] = {}
        by_person: dict[int, list[SpeakerLabel]] = {}
        for speaker in speakers:
            by_person.setdefault(self.persons_[name_key(speaker.name)], []).append(speaker)
        self.speaker_persons_ = set(by_person)
        for person, group in by_person.items():
            role = next((s.role for s in group if s.role), None)
            texts[person] = (
                self._fresh(role + " {}", letters)
                if role
                else self._fresh("Deelnemer {}", participants)
            )
        for key in sorted(first_seen, key=first_seen.__getitem__):
            person = self.persons_[key]
            if person not in texts:
                texts[person] = self._fresh("Persoon {}", others)
        for speaker in speakers:
            labels[speaker.label] = texts[self.persons_[name_key(speaker.name)]]
        return texts, labels

    def pseudonym(self, mention: str) -> str | None:
        """The pseudonym for a name mention in running text, or None for an unknown name."""
        key = name_key(mention)
        person = self.persons_.get(key)
        if person is None:
            owners = {p for k, p in self.persons_.items() if len(k) > len(key) and key in _parts(k)}
            person = owners.pop() if len(owners) == 1 else None
        return None if person is None else self.pseudonyms_[person]

    def is_speaker(self, mention: str) -> bool:
        """Whether the mention names a person who also speaks in the corpus."""
        return self.persons_.get(name_key(mention)) in self.speaker_persons_

    def variants(self) -> list[str]:
        """Every known name key as words, longest first, for matching in text."""
        return sorted((" ".join(k) for k in self.persons_), key=lambda v: (-len(v), v))
