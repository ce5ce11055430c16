"""The speaker benchmark's alignment and scoring (benchmarks/speaker_gold.py) on small cases.

Every case is made by hand with a known answer, so a metric that counts wrong fails here.
The gold files themselves are checked for consistency, and against the dev data when it is
there (`KRUISPUNT_REAL_DATA`, else ../shared/data/real).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))  # the benchmarks import their shared module
_SPEC = importlib.util.spec_from_file_location(
    "speaker_gold", ROOT / "benchmarks" / "speaker_gold.py"
)
sg = importlib.util.module_from_spec(_SPEC)
sys.modules["speaker_gold"] = sg
_SPEC.loader.exec_module(sg)
from real_data import data_root  # noqa: E402


def _gold(*turns: tuple[str | None, str, int], name: str = "case") -> tuple[sg.Gold, list[str]]:
    """A gold and its reference words from (speaker, text, label words) turns."""
    spans, ref = [], []
    for speaker, text, label in turns:
        words = sg.tokens(text)
        spans.append(sg.make_span(words, speaker, start=label > 0, label=label))
        ref += words
    return sg.Gold("x.txt", "test", "txt", spans, name=name), ref


def _system(text: str, parts: list[tuple[str, str | None]]) -> sg.SystemWords:
    """System words from a document text and its segments as (segment text, speaker)."""
    rows, at = [], 0
    for idx, (part, speaker) in enumerate(parts):
        start = text.index(part, at)
        rows.append(
            {"seg_idx": idx, "char_start": start, "char_end": start + len(part), "speaker": speaker}
        )
        at = start + len(part)
    return sg.system_words(text, rows)


def _run(gold: sg.Gold, ref: list[str], system: sg.SystemWords) -> dict:
    sg.check_gold(gold, ref)
    words = sg.expand(gold)
    counts = sg.score(words, system, sg.align_gold(ref, words, system.words))
    return {**counts, **sg.shares(counts)}


MINUTES = (
    ("De voorzitter", "De voorzitter. Ik geef het woord aan de heer Mekers.", 2),
    ("Peter Mekers (D66)", "Peter Mekers (D66). Voorzitter, dank u wel. Wij steunen dit.", 3),
    (None, "(Geroffel op de bankjes.)", 0),
    ("Rutger de Ridder (VVD)", "Rutger de Ridder (VVD). Ik heb een vraag aan de heer Mekers.", 4),
)
MINUTES_TEXT = "\n\n".join(text for _, text, _ in MINUTES)


def _minutes_system(speakers: list[str | None]) -> sg.SystemWords:
    """The minutes as a system that split them right, label outside the text, with `speakers`."""
    parts = [
        ("Ik geef het woord aan de heer Mekers.", speakers[0]),
        ("Voorzitter, dank u wel. Wij steunen dit.", speakers[1]),
        ("(Geroffel op de bankjes.)", speakers[2]),
        ("Ik heb een vraag aan de heer Mekers.", speakers[3]),
    ]
    return _system(MINUTES_TEXT, parts)


def test_tokens_normalise_case_punctuation_and_line_end_hyphens():
    assert sg.tokens("De voorzitter . Haga-\ncomplex, ´s avonds — Çelik") == [
        "de",
        "voorzitter",
        "hagacomplex",
        "s",
        "avonds",
        "celik",
    ]


@pytest.mark.parametrize(
    ("gold", "system"),
    [
        ("Rutger de Ridder (VVD)", "Rutger de Ridder"),
        ("De voorzitter", "Voorzitter"),
        ("De voorzitter", "de VOORZITTER"),
        ("De heer C. Leenheer (J)", "Leenheer"),
        ("Mevrouw BIKKER (ChristenUnie)", "Mevrouw Bikker"),
        ("Minister Ollongren", "Ollongren"),
        ("Dhr. H.P. Klazenga", "De heer Klazenga"),
        ("Beytullah Çelik (DENK)", "Beytullah Celik"),
    ],
)
def test_same_speaker_ignores_party_titles_and_initials(gold, system):
    assert sg.same_speaker(gold, system)


@pytest.mark.parametrize(
    ("gold", "system"),
    [
        ("Rutger de Ridder (VVD)", "Peter Mekers (D66)"),
        ("De voorzitter", "Wethouder Balster (PvdA)"),
        ("Wethouder Balster", "Voorzitter"),
        ("De voorzitter", None),
        ("Mevrouw Visser (C.2)", "Mevrouw De Jong (C.2)"),
    ],
)
def test_same_speaker_tells_different_speakers_apart(gold, system):
    assert not sg.same_speaker(gold, system)


def test_a_perfect_system_scores_one_everywhere():
    gold, ref = _gold(*MINUTES)
    result = _run(gold, ref, _minutes_system(["Voorzitter", "Peter Mekers", None, "De Ridder"]))
    assert result["spoken"] == 8 + 7 + 8  # label words are not scored
    assert result["unspoken"] == 4
    assert result["right_speaker"] == result["attributed"] == 1.0
    assert result["false_speaker"] == 0.0
    assert result["start_precision"] == result["start_recall"] == 1.0


def test_one_turn_with_the_wrong_speaker_costs_exactly_its_words():
    gold, ref = _gold(*MINUTES)
    system = _minutes_system(["Voorzitter", "Rutger de Ridder", None, "De Ridder"])
    result = _run(gold, ref, system)
    n, k = 23, 7  # the Mekers turn has 7 spoken words
    assert result["right_speaker"] == round((n - k) / n, 4)
    assert result["attributed"] == 1.0


def test_a_note_merged_into_a_turn_is_a_false_speaker_and_misses_no_start():
    gold, ref = _gold(*MINUTES)
    system = _minutes_system(["Voorzitter", "Peter Mekers", "Peter Mekers", "De Ridder"])
    result = _run(gold, ref, system)
    assert result["false_speaker"] == 1.0  # all 4 unspoken words got a speaker
    assert result["right_speaker"] == 1.0


def test_a_missed_label_loses_attribution_and_a_turn_start():
    gold, ref = _gold(*MINUTES)
    # The system sees no label before Mekers: his words stay with nobody.
    system = _minutes_system(["Voorzitter", None, None, "De Ridder"])
    result = _run(gold, ref, system)
    assert result["attributed"] == round(16 / 23, 4)
    assert result["right_speaker"] == round(16 / 23, 4)
    assert result["start_recall"] == round(2 / 3, 4)
    assert result["start_precision"] == 1.0


def test_paragraphs_of_one_turn_are_not_new_starts_but_a_second_label_is():
    text = "Jan (VVD). Een twee drie.\n\nVier vijf zes.\n\nJan (VVD). Zeven acht."
    gold, ref = _gold(
        ("Jan (VVD)", "Jan (VVD). Een twee drie.\n\nVier vijf zes.", 2),
        ("Jan (VVD)", "Jan (VVD). Zeven acht.", 2),
    )
    parts = [("Een twee drie.", "Jan"), ("Vier vijf zes.", "Jan"), ("Zeven acht.", "Jan")]
    system = _system(text, parts)
    assert system.starts == [0, 6]
    result = _run(gold, ref, system)
    assert result["start_precision"] == result["start_recall"] == 1.0
    # The same turns as one system segment each paragraph, but one turn: the second start
    # is missed.
    merged = _system(text, [("Een twee drie.\n\nVier vijf zes.\n\nJan (VVD). Zeven acht.", "Jan")])
    assert _run(gold, ref, merged)["start_recall"] == 0.5


def test_alignment_survives_extraction_differences():
    gold, ref = _gold(
        (None, "Pagina 1 van 2", 0),
        (
            "De voorzitter",
            "De voorzitter. Het Haga-\ncomplex aan de Sportlaan is v ergadering waard.",
            2,
        ),
    )
    # The system dropped the page header, kept the hyphen and split a word differently.
    text = "De voorzitter. Het Haga-complex aan de Sportlaan is verga dering waard."
    system = _system(
        text, [("Het Haga-complex aan de Sportlaan is verga dering waard.", "Voorzitter")]
    )
    result = _run(gold, ref, system)
    assert result["right_speaker"] == 1.0
    assert result["false_speaker"] == 0.0  # the dropped header got no speaker


def test_a_skipped_file_scores_zero_attributed():
    gold, ref = _gold(*MINUTES)
    result = _run(gold, ref, sg.system_words("", []))
    assert result["attributed"] == result["right_speaker"] == 0.0
    assert result["start_recall"] == 0.0
    assert result["start_precision"] is None


def test_a_document_without_turns_counts_every_word_given_a_speaker():
    text = "Motie: Altijd draagvlak.\n\nIndiener: Jelle Meinesz.\n\nDe raad verzoekt het college."
    gold, ref = _gold((None, text, 0))
    parts = [("Altijd draagvlak.", "Motie"), ("Jelle Meinesz.", "Indiener"), ("De raad", None)]
    result = _run(gold, ref, _system(text, parts))
    assert result["unspoken"] == len(ref) == 11
    assert result["false_speaker"] == round(4 / 11, 4)
    assert result["right_speaker"] is None


def test_check_gold_rejects_a_gold_that_does_not_fit_its_reference():
    gold, ref = _gold(*MINUTES)
    with pytest.raises(ValueError, match="covers"):
        sg.check_gold(gold, [*ref, "extra"])
    shifted = ["de", *ref[:-1]]
    with pytest.raises(ValueError, match="anchor"):
        sg.check_gold(gold, shifted)


def test_tk_pieces_follow_the_spreekbeurt_markup(tmp_path):
    xml = (
        '<?xml version="1.0" encoding="utf-8"?><officiele-publicatie><handelingen><agendapunt>'
        "<item-titel>Bouwregelgeving</item-titel>"
        "<spreekbeurt><spreker><voorvoegsels>Mevrouw</voorvoegsels><naam><achternaam>Kröger"
        "</achternaam></naam> (<politiek>GroenLinks</politiek>):</spreker><tekst><al>Ik dien "
        "een motie in.</al><motie><al>De Kamer, verzoekt de regering.</al><motie-info><spreker>"
        "<voorvoegsels>De</voorvoegsels><naam><achternaam>voorzitter</achternaam></naam>:"
        "</spreker><al>Zij krijgt nr. 346.</al></motie-info></motie></tekst></spreekbeurt>"
        "<tekst><al>Dank u wel.</al></tekst>"
        "<spreekbeurt><spreker><voorvoegsels>De</voorvoegsels><naam><achternaam>voorzitter"
        "</achternaam></naam>:</spreker><tekst><al>Ik schors.</al></tekst></spreekbeurt>"
        "<tekst><al>De vergadering wordt geschorst.</al></tekst>"
        "</agendapunt></handelingen></officiele-publicatie>"
    )
    path = tmp_path / "h.xml"
    # The file starts with a UTF-8 BOM that was encoded twice, and its text is mojibake.
    path.write_bytes(
        "\ufeff".encode().decode("latin-1").encode() + xml.encode().decode("latin-1").encode()
    )
    words = []
    for text, speaker, is_label in sg.tk_pieces(path):
        words += [(word, speaker, is_label) for word in sg.tokens(text)]
    assert words[0] == ("bouwregelgeving", None, False)
    assert ("kroger", "Mevrouw Kröger", True) in words
    assert ("motie", "Mevrouw Kröger", False) in words
    assert ("346", "De voorzitter", False) in words
    # Text outside a spreekbeurt: the chair going on after a motion, else a note.
    assert ("wel", "De voorzitter", False) in words
    assert ("schors", "De voorzitter", False) in words
    assert words[-1] == ("geschorst", None, False)


def test_every_gold_file_is_consistent():
    files = sorted(sg.GOLD_DIR.glob("*.json"))
    corpora = {json.loads(p.read_text(encoding="utf-8"))["corpus"] for p in files}
    assert {"denhaag_minutes", "other_minutes", "tk_xml", "no_turns"} <= corpora
    for path in files:
        gold = sg.load_gold(path)
        assert gold.reader in {"pdf", "txt", "tk-xml"}
        assert not Path(gold.source).is_absolute() and ".." not in gold.source
        for span in gold.spans:
            assert 0 <= span["label"] <= span["words"]
            assert span["start"] == (span["label"] > 0)
            assert span["speaker"] is not None or not span["start"]
        if gold.corpus == "no_turns":
            assert all(span["speaker"] is None for span in gold.spans)


SMALL_GOLD = [
    p for p in sorted(sg.GOLD_DIR.glob("*.json")) if not p.stem.startswith("denhaag_notulen")
]


@pytest.mark.skipif(not data_root().is_dir(), reason="the dev data is not on this machine")
@pytest.mark.parametrize("path", SMALL_GOLD, ids=[p.stem for p in SMALL_GOLD])
def test_gold_fits_the_dev_data(path):
    gold = sg.load_gold(path)
    sg.check_gold(gold, sg.reference_words(data_root() / gold.source, gold.reader))


def test_a_label_word_does_not_take_the_place_of_the_turn_s_first_word():
    text = "Jan (VVD). Goed.\n\nDe voorzitter. De heer Mekers heeft het woord."
    gold, ref = _gold(
        ("Jan (VVD)", "Jan (VVD). Goed.", 2),
        ("De voorzitter", "De voorzitter. De heer Mekers heeft het woord.", 2),
    )
    system = _system(text, [("Goed.", "Jan"), ("De heer Mekers heeft het woord.", "Voorzitter")])
    result = _run(gold, ref, system)
    assert result["right_speaker"] == 1.0
    assert result["start_precision"] == result["start_recall"] == 1.0


def _gold_script(name: str):
    path = ROOT / "benchmarks" / "gold" / "speakers" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_derive_denhaag_follows_the_minutes_layout():
    derive = _gold_script("derive_denhaag").derive
    # A page as pypdf gives it (made up, in the layout of the Den Haag minutes).
    text = (
        "3 \n \nAan de orde is: \n \nB. Stad in de raad. \n \n"
        "De voorzitter . Er is een inspreker. \n \n"
        "De heer C. Leenheer (J). Goedemorgen, raadsleden. Wij als \n4 \n \n"
        "stichting vragen aandacht. \n \n(Hilariteit) \n \n"
        "Rutger de Ridder (VVD). Voorzitter. Dank. \n \n"
        "De voorzitter. Door de heer De Ridder wordt de volgende motie ingediend: \n \n"
        "Motie B.1 VVD Meer groen \n \nDe raad, \n- Verzoekt het college meer te doen. \n \n"
        "De motie maakt onderdeel uit van de verdere beraadslaging. \n \n"
        "Wethouder Van Asten (D66). Ja. \n"
    )
    spans, _ = derive(text)
    got = [(s["speaker"], s["start"], s["label"], s["words"]) for s in spans]
    assert got == [
        (None, False, 0, 10),  # page number, agenda head and item
        ("De voorzitter", True, 2, 6),
        ("De heer C. Leenheer (J)", True, 5, 9),
        (None, False, 0, 1),  # the page number inside the turn
        ("De heer C. Leenheer (J)", False, 0, 3),  # the paragraph runs on past it
        (None, False, 0, 1),  # (Hilariteit)
        ("Rutger de Ridder (VVD)", True, 4, 6),
        ("De voorzitter", True, 2, 25),  # the motion the chair reads out is the chair's
        (None, False, 0, 9),  # the minute-taker's note on the motion
        ("Wethouder Van Asten (D66)", True, 4, 5),
    ]


def test_derive_marked_spans_start_at_the_marks():
    spans_from_marks = _gold_script("derive_marked").spans_from_marks
    ref = sg.tokens("Kop. De voorzitter: Welkom allen. Agenda 2. De voorzitter: Dank.")
    marks = [("de voorzitter welkom", "De voorzitter", 2), ("agenda 2", None, 0)]
    marks.append(("de voorzitter dank", "De voorzitter", 2))
    spans = spans_from_marks(ref, marks)
    assert [(s["speaker"], s["start"], s["words"]) for s in spans] == [
        (None, False, 1),
        ("De voorzitter", True, 4),
        (None, False, 2),
        ("De voorzitter", True, 3),
    ]
    with pytest.raises(ValueError, match="not found"):
        spans_from_marks(ref, [("geen zulke woorden", None, 0)])
