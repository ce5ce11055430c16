"""Speaker labels and the grouping of names into persons."""

from __future__ import annotations

import pytest

from pipeline.privacy.lexicon import load_lexicon
from pipeline.privacy.registry import PseudonymRegistry
from pipeline.privacy.speakers import SpeakerLabel, normalise_name, parse_speaker


@pytest.mark.parametrize(
    ("label", "role", "name", "affiliation"),
    [
        ("Wethouder Bakker", "Wethouder", "Bakker", None),
        ("Mevrouw De Vries (GroenLinks)", "Raadslid", "De Vries", "GroenLinks"),
        ("De heer Jansen (Leefbaar Lindeveen)", "Raadslid", "Jansen", "Leefbaar Lindeveen"),
        ("De heer Gebremedhin (Stichting Baytna)", None, "Gebremedhin", "Stichting Baytna"),
        ("Burgemeester Van der Berg", "Burgemeester", "Van der Berg", None),
        ("Fatima el Amrani", None, "Fatima el Amrani", None),
        ("Jeroen Visser, klantmanager", None, "Jeroen Visser", None),
        ("Hiwet", None, "Hiwet", None),
        ("Ahmad 2", None, "Ahmad 2", None),
    ],
)
def test_pseudonymize_speaker_labels_split_role_name_affiliation(label, role, name, affiliation):
    parsed = parse_speaker(label, lexicon=load_lexicon())
    assert (parsed.role, parsed.name, parsed.affiliation) == (role, name, affiliation)


@pytest.mark.parametrize(
    "label",
    [
        "Spreker 2",
        "Interviewer",
        "I",
        "R",
        "De voorzitter",
        "Facilitator",
        "Deelnemer 4",
        "Persoon 1",
        "Publiek",
        "Moderator",
        "Tolk Arabisch",
        "P3",
    ],
)
def test_pseudonymize_anonymous_labels_name_nobody(label):
    assert parse_speaker(label, lexicon=load_lexicon()).name is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Fatima El Amrani", ("fatima", "el", "amrani")),
        ("Ahmad Al-Hassan", ("ahmad", "al", "hassan")),
        ("Mehmet Yıldız", ("mehmet", "yildiz")),
        ("Öztürk", ("ozturk",)),
    ],
)
def test_pseudonymize_names_normalise_for_matching(name, key):
    assert normalise_name(name) == key


def _speaker(label, role, name):
    return SpeakerLabel(label, role, name, None)


@pytest.mark.parametrize(
    ("mention", "pseudonym"),
    [
        ("Fatima", "Deelnemer 1"),
        ("mevrouw El Amrani", "Deelnemer 1"),
        ("Fatima's", "Deelnemer 1"),
        ("Bakker", "Wethouder A"),
        ("Jan", "Persoon 1"),  # two speakers are called Jan
        ("Tesfay", "Persoon 2"),
        ("Gebremariam", "Persoon 2"),
        ("Onbekend Iemand", None),
    ],
)
def test_pseudonymize_registry_groups_mentions_into_persons(mention, pseudonym):
    speakers = [
        _speaker("Wethouder Bakker", "Wethouder", "Bakker"),
        _speaker("Fatima el Amrani", None, "Fatima el Amrani"),
        _speaker("Jan Smit", None, "Jan Smit"),
        _speaker("Jan de Groot", None, "Jan de Groot"),
    ]
    registry = PseudonymRegistry().fit(speakers, ["Jan", "Tesfay Gebremariam", "Tesfay"])
    assert registry.speaker_pseudonyms_ == {
        "Wethouder Bakker": "Wethouder A",
        "Fatima el Amrani": "Deelnemer 1",
        "Jan Smit": "Deelnemer 2",
        "Jan de Groot": "Deelnemer 3",
    }
    assert registry.pseudonym(mention) == pseudonym


def test_pseudonymize_registry_skips_taken_pseudonyms():
    speakers = [_speaker("Wethouder Bakker", "Wethouder", "Bakker"), _speaker("Kees", None, "Kees")]
    registry = PseudonymRegistry(taken="Wethouder A sprak met Deelnemer 1.").fit(speakers, [])
    assert registry.speaker_pseudonyms_ == {
        "Wethouder Bakker": "Wethouder B",
        "Kees": "Deelnemer 2",
    }
