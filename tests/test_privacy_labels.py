"""Speaker labels of every style ingest reads are pseudonymised, names that are places too.

The XML fixtures are excerpts of the dev data (tests/data/formats: Tweede Kamer Handelingen
2017/18 nr. 70 item 9, ParlaMint-NL, FoLiA CGN); the text styles follow the Den Haag
council minutes (`Rita Verdonk (Hart voor Den Haag).`) and transcripts of the team.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline.ingest import ingest_folder
from pipeline.params import IngestParams
from pipeline.privacy import pseudonymize

FORMATS = Path(__file__).parent / "data" / "formats"

TEXTS = {
    "denhaag.txt": (
        "De voorzitter. Ik geef het woord aan mevrouw Verdonk.\n\n"
        "Rita Verdonk (Hart voor Den Haag). Voorzitter. Dank u wel.\n\n"
        "Wethouder Van Asten (D66). Voorzitter. Ik kom erop terug.\n\n"
        "Mevrouw Celtik (F). Mijn naam is Meral Celtik en ik woon in Moerwijk.\n\n"
        "De heer Van Zanen. Dank u wel, mevrouw Celtik.\n"
    ),
    "kamer.txt": (
        "De voorzitter: Het woord is aan mevrouw Westerveld.\n"
        "Mevrouw Westerveld (GroenLinks): Voorzitter. Ik vraag de Kamer om steun.\n"
        "Mevrouw Ellemeet (GroenLinks): Ik sluit me aan bij mevrouw Westerveld.\n"
        "Mevrouw Jansen (VVD): En het College?\n"
    ),
}
# Every name in the labels above and in the XML fixtures' labels.
NAMES = ["Verdonk", "Van Asten", "Celtik", "Van Zanen", "Westerveld", "Ellemeet", "Jansen"]
XML_NAMES = ["Kröger", "Ollongren"]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("labels")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    for fixture in FORMATS.glob("*.xml"):
        shutil.copy(fixture, folder / fixture.name)
    ingested = ingest_folder(folder, params=IngestParams())
    return ingested, pseudonymize(ingested.documents, ingested.segments)


def test_privacy_labels_every_named_label_is_read(result):
    ingested, _ = result
    labels = set(ingested.segments["speaker"].dropna())
    for name in NAMES + XML_NAMES:
        assert any(name in label for label in labels), name


@pytest.mark.parametrize("name", NAMES + XML_NAMES)
def test_privacy_labels_no_name_survives_in_labels_or_text(result, name):
    _, pseudonymised = result
    pattern = re.compile(rf"(?i)(?<!\w){re.escape(name)}(?!\w)")
    assert not any(pattern.search(s) for s in pseudonymised.segments["speaker"].dropna())
    assert not any(pattern.search(t) for t in pseudonymised.documents["text"])


def test_privacy_labels_roles_and_anonymous_labels_stay(result):
    _, pseudonymised = result
    speakers = set(pseudonymised.segments["speaker"].dropna())
    assert {"De voorzitter", "V60151", "V60319"} <= speakers
    assert any(s.startswith("Wethouder ") for s in speakers)
    assert any(s.endswith("(GroenLinks)") for s in speakers)
    text = "\n".join(pseudonymised.documents["text"])
    assert "de Kamer" in text and "het College" in text and "Voorzitter." in text
