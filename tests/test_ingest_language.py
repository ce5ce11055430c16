"""Language: Dutch transcripts pass quietly, others are read and flagged in the report."""

from __future__ import annotations

import pytest
from ingest_files import render_txt

from pipeline.ingest import ingest_folder
from pipeline.ingest.language import detect_language, language_warning

# Short Dutch turns that langdetect alone takes for Afrikaans or Latvian.
DUTCH = [
    "Is dat dan nog regie, of is dat netwerken? Wat vinden jullie daar zelf van?",
    "Mooi. Dank je wel, dan stop ik de opname en gaan we even koffie halen.",
    "Wat was voor jullie de grootste verandering sinds de nieuwe wet er is?",
    "En in die weken gebeurt er niks, want de brede intake moet nog beginnen.",
]
FOREIGN = [
    ("Welcome everyone. Today we discuss how the municipality works with volunteers.", "en"),
    ("مرحبا بكم في الاجتماع. اليوم نتحدث عن سياسة الاندماج في البلدية مع المتطوعين.", "ar"),
    ("Bugün toplantıda yeni uyum yasasını ve gönüllülerle işbirliğini konuştuk.", "tr"),
    ("Heute sprechen wir über die Integrationspolitik der Gemeinde und die Freiwilligen.", "de"),
    (
        "Aujourd'hui nous parlons de la politique d'intégration de la commune et des bénévoles.",
        "fr",
    ),
]


@pytest.mark.parametrize("text", DUTCH)
def test_ingest_language_short_dutch_turns_are_dutch(text):
    assert detect_language(text) == "nl"


@pytest.mark.parametrize(("text", "code"), FOREIGN)
def test_ingest_language_other_languages_are_named(text, code):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "Op papier.", "12:30 14:45 — 3", "Jan: ja"])
def test_ingest_language_too_little_text_is_undetermined(text):
    assert detect_language(text) == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", ""), ("", ""), ("en", "not Dutch (detected: en)"), ("ar", "not Dutch (detected: ar)")],
)
def test_ingest_language_warning(language, expected):
    assert language_warning(language).startswith(expected)
    assert bool(language_warning(language)) == bool(expected)


def test_ingest_language_long_english_preface_does_not_decide():
    preface = "This report was written for the council. " * 20
    body = " ".join(DUTCH) * 40
    assert detect_language(preface + body) == "nl"


def test_ingest_language_in_report_row_and_document_kept(tmp_path):
    english = [("Chair", FOREIGN[0][0]), ("Member", FOREIGN[0][0])]
    dutch = [("Voorzitter", DUTCH[0]), ("Lid", DUTCH[1])]
    (tmp_path / "engels.txt").write_text(render_txt(english), encoding="utf-8")
    (tmp_path / "nederlands.txt").write_text(render_txt(dutch), encoding="utf-8")
    result = ingest_folder(tmp_path)
    rows = {row["path"]: row for row in result.report}
    assert rows["engels.txt"]["status"] == "ok"
    assert rows["engels.txt"]["language"] == "en"
    assert "not Dutch (detected: en)" in rows["engels.txt"]["warning"]
    assert rows["nederlands.txt"]["language"] == "nl"
    assert "not Dutch" not in rows["nederlands.txt"]["warning"]
    assert sorted(result.documents["doc_id"]) == ["engels.txt", "nederlands.txt"]
