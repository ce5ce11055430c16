"""Name finding on the gold set of Dutch meeting snippets (tests/data/gold/names)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.privacy import DEFAULT_METHOD
from pipeline.privacy.detect import KnownNames, find_person_spans
from pipeline.privacy.evaluation import read_gold, score
from pipeline.privacy.evidence import CorpusEvidence
from pipeline.privacy.speakers import parse_speaker

GOLD = Path(__file__).parent / "data" / "gold" / "names" / "snippets.csv"


@pytest.fixture(scope="module")
def gold():
    return read_gold(GOLD)


def _finder(method, gold, *, speakers=True):
    from pipeline.privacy.lexicon import load_lexicon

    lexicon = load_lexicon()
    evidence = CorpusEvidence(lexicon=lexicon).fit(gold["text"])

    def find(text, labels):
        names = [parse_speaker(label, lexicon=lexicon).name for label in labels] if speakers else []
        known = KnownNames([n for n in names if n], lexicon=lexicon)
        return find_person_spans(text, method=method, known=known, evidence=evidence)

    return find


def test_pseudonymize_gold_set_is_well_formed(gold):
    assert len(gold) >= 40
    assert set(gold["split"]) == {"dev", "heldout", "blind"}
    assert sum(len(s) for s in gold["spans"]) >= 80
    for row in gold.itertuples():
        assert "[[" not in row.text and "]]" not in row.text
        for start, end in row.spans:
            assert row.text[start:end].strip() == row.text[start:end] != ""


@pytest.mark.parametrize(
    ("snippet_id", "names"),
    [
        ("n07", ["Ahmad Al-Hassan", "Tesfay Gebremariam"]),
        ("n39", ["Fatima el Amrani", "El Amrani", "Fatima"]),
        ("n17", []),
    ],
)
def test_pseudonymize_gold_marks_resolve_to_names(gold, snippet_id, names):
    row = gold.set_index("snippet_id").loc[snippet_id]
    assert [row["text"][a:b] for a, b in row["spans"]] == names


def test_pseudonymize_default_method_recall_on_gold(gold):
    summary, _ = score(gold, _finder(DEFAULT_METHOD, gold))
    assert summary["recall"] >= 0.9
    assert summary["name_recall"] >= 0.9
    assert summary["precision"] >= 0.8


def test_pseudonymize_default_method_recalls_at_least_as_much_as_either_alone(gold):
    recall = {
        m: score(gold, _finder(m, gold))[0]["recall"] for m in ("combined", "rules", "deduce")
    }
    assert DEFAULT_METHOD == "combined"
    assert recall["combined"] >= max(recall["rules"], recall["deduce"])


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Ik kom uit Syrië en woon nu in Den Haag.", ["Syrië", "Den Haag"]),
        (
            "De IND en het COA werken samen met VluchtelingenWerk in Utrecht.",
            ["IND", "COA", "Utrecht"],
        ),
        ("Ben je al bij het Taalhuis geweest? Wil je mee?", ["Ben", "Wil", "Taalhuis"]),
        (
            "We spreken Arabisch, Tigrinya en Nederlands tijdens de Ramadan.",
            ["Arabisch", "Tigrinya"],
        ),
    ],
)
def test_pseudonymize_default_method_leaves_places_and_words(text, kept):
    spans = find_person_spans(text, method=DEFAULT_METHOD)
    found = " ".join(s.text(text) for s in spans)
    for word in kept:
        assert word not in found
