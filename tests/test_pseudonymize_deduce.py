"""The deduce adapter: names only, titles trimmed, and no pickle cache written or read."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from pipeline.privacy.deduce_names import deduce_name_finder, find_names_deduce
from pipeline.privacy.detect import find_person_spans
from pipeline.privacy.lexicon import import_deduce


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Daarna sprak Fatima el Amrani over de regie.", ["Fatima el Amrani"]),
        ("Volgens J. de Vries is dat maatwerk.", ["J. de Vries"]),
        ("Bel 06-12345678 of mail naar de gemeente.", []),
    ],
)
def test_pseudonymize_deduce_finds_person_names_only(text, names):
    assert [s.text(text) for s in find_names_deduce(text)] == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ik sprak mevrouw De Vries gisteren.", "De Vries"),
        ("Mijn collega Fleur de Lange belde.", "Fleur de Lange"),
    ],
)
def test_pseudonymize_deduce_spans_lose_their_titles(text, name):
    spans = find_person_spans(text, method="deduce")
    assert [s.text(text) for s in spans] == [name]


def test_pseudonymize_deduce_writes_no_pickle():
    deduce_name_finder()
    cache = Path(import_deduce().__file__).parent / "data" / "lookup" / "cache"
    assert list(cache.rglob("*.pickle")) == []


def test_pseudonymize_deduce_import_leaves_root_logger_alone():
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    import_deduce()
    deduce_name_finder()
    assert (list(root.handlers), root.level) == before
    # deduce's own import would have added a DEBUG handler on stdout.
    assert not any(
        type(h) is logging.StreamHandler and h.stream is sys.stdout for h in root.handlers
    )
