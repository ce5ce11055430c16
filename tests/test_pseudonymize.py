"""Pseudonymisation of whole tables: stable pseudonyms, roles, identifiers, offsets, paths."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from builders import segment_row

from pipeline.privacy import KEY_COLUMNS, pseudonymize
from pipeline.tables import validate

FISHBOWL = [
    ("Wethouder Bakker", "Welkom allemaal. Fatima, wil jij beginnen?"),
    (
        "Fatima el Amrani",
        "Graag. Ik werk in Utrecht bij VluchtelingenWerk. Mijn collega Tesfay Gebremariam "
        "uit Den Haag mailt iedereen via t.gebremariam@example.nl.",
    ),
    (
        "Mevrouw De Vries (GroenLinks)",
        "Zoals mevrouw El Amrani zei: de IND en het COA zijn traag. Bel me op 06-12345678.",
    ),
    ("Spreker 2", "Ik woon op de Kerkstraat 12, 1234 AB Lindeveen. In Syrië was dat anders."),
    ("De voorzitter", "Dank u. Dan sluit ik de ronde."),
]
INTERVIEW = [
    ("Interviewer", "Wat zei de wethouder?"),
    ("Fatima", "Wethouder Bakker zei dat het maatwerk is. Zoals Tesfay al zei: het duurt lang."),
]


def build(docs: dict[str, list[tuple[str | None, str]]], **metadata) -> tuple[pd.DataFrame, ...]:
    """Documents and segments as ingest makes them: `Label: text` turns, segments on the text."""
    doc_rows, seg_rows = [], []
    for doc_id, turns in docs.items():
        text = ""
        for idx, (speaker, turn) in enumerate(turns):
            if text:
                text += "\n\n"
            if speaker:
                text += f"{speaker}: "
            seg_rows.append(segment_row(doc_id, idx, turn, char_start=len(text), speaker=speaker))
            text += turn
        doc_rows.append(
            {
                "doc_id": doc_id,
                "source_path": f"data/raw/{doc_id}",
                "sha256": "0" * 64,
                "format": "txt",
                "title": doc_id.removesuffix(".txt"),
                "n_chars": len(text),
                "text": text,
                **{k: v[len(doc_rows)] for k, v in metadata.items()},
            }
        )
    return validate(pd.DataFrame(doc_rows), "documents"), validate(
        pd.DataFrame(seg_rows), "segments"
    )


@pytest.fixture(scope="module")
def result():
    documents, segments = build(
        {"fishbowl.txt": FISHBOWL, "interview_fatima.txt": INTERVIEW},
        municipality=["Utrecht", "Lindeveen"],
        facilitator=["Fatima el Amrani", "Mevrouw De Vries"],
    )
    return pseudonymize(documents, segments)


def _segment(result, doc_prefix: str, idx: int) -> pd.Series:
    segs = result.segments
    return segs[segs["doc_id"].str.startswith(doc_prefix) & (segs["seg_idx"] == idx)].iloc[0]


def test_pseudonymize_keeps_table_contracts_and_offsets(result):
    documents = validate(result.documents, "documents")
    segments = validate(result.segments, "segments")
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    for seg in segments.itertuples():
        assert texts[seg.doc_id][seg.char_start : seg.char_end] == seg.text
    assert list(documents["n_chars"]) == [len(t) for t in documents["text"]]
    assert list(segments.columns) == list(build({"x.txt": FISHBOWL})[1].columns)


@pytest.mark.parametrize(
    ("doc_prefix", "idx", "pseudonym"),
    [
        ("fishbowl", 0, "Wethouder A"),
        ("fishbowl", 1, "Deelnemer 1"),
        ("fishbowl", 2, "Raadslid B (GroenLinks)"),
        ("fishbowl", 3, "Spreker 2"),
        ("fishbowl", 4, "De voorzitter"),
        ("interview", 0, "Interviewer"),
        ("interview", 1, "Deelnemer 1"),  # "Fatima" is "Fatima el Amrani" of the fishbowl
    ],
)
def test_pseudonymize_speakers_keep_roles_and_stay_stable(result, doc_prefix, idx, pseudonym):
    assert _segment(result, doc_prefix, idx)["speaker"] == pseudonym


@pytest.mark.parametrize(
    ("doc_prefix", "idx", "expected"),
    [
        ("fishbowl", 0, "Welkom allemaal. Deelnemer 1, wil jij beginnen?"),
        (
            "fishbowl",
            2,
            "Zoals Deelnemer 1 zei: de IND en het COA zijn traag. Bel me op [TELEFOON].",
        ),
        (
            "interview",
            1,
            "Wethouder A zei dat het maatwerk is. Zoals Persoon 1 al zei: het duurt lang.",
        ),
        ("fishbowl", 3, "Ik woon op de [ADRES], [POSTCODE] Lindeveen. In Syrië was dat anders."),
    ],
)
def test_pseudonymize_replaces_mentions_with_the_same_pseudonyms(result, doc_prefix, idx, expected):
    assert _segment(result, doc_prefix, idx)["text"] == expected


def test_pseudonymize_person_only_mentioned_gets_one_persoon_pseudonym(result):
    turn = _segment(result, "fishbowl", 1)["text"]
    assert "Mijn collega Persoon 1 uit Den Haag mailt iedereen via [E-MAIL]." in turn


@pytest.mark.parametrize(
    "name", ["Fatima", "Amrani", "Bakker", "Vries", "Tesfay", "Gebremariam", "gebremariam"]
)
def test_pseudonymize_leaves_no_name_in_any_table(result, name):
    tables = result.documents.to_csv() + result.segments.to_csv()
    assert re.search(rf"(?<![A-Za-z]){name}(?![A-Za-z])", tables) is None


@pytest.mark.parametrize(
    "word", ["Utrecht", "Den Haag", "Syrië", "VluchtelingenWerk", "IND", "COA", "Lindeveen"]
)
def test_pseudonymize_keeps_places_and_organisations(result, word):
    assert word in "\n".join(result.documents["text"])


def test_pseudonymize_renames_names_in_file_names_and_metadata(result):
    docs = result.documents.set_index("doc_id")
    assert list(docs.index) == ["fishbowl.txt", "interview_Deelnemer_1.txt"]
    assert (
        docs.loc["interview_Deelnemer_1.txt", "source_path"] == "data/raw/interview_Deelnemer_1.txt"
    )
    assert docs.loc["interview_Deelnemer_1.txt", "title"] == "interview_Deelnemer 1"  # text
    assert list(docs["facilitator"]) == ["Deelnemer 1", "Raadslid B"]
    assert list(docs["municipality"]) == ["Utrecht", "Lindeveen"]
    interview = result.segments[result.segments["doc_id"] == "interview_Deelnemer_1.txt"]
    assert list(interview["seg_id"]) == [
        "interview_Deelnemer_1.txt#0000",
        "interview_Deelnemer_1.txt#0001",
    ]


@pytest.mark.parametrize(
    ("original", "pseudonym", "kind"),
    [
        ("Wethouder Bakker", "Wethouder A", "speaker"),
        ("Fatima", "Deelnemer 1", "speaker"),
        ("mevrouw El Amrani", "Deelnemer 1", "speaker"),
        ("Tesfay Gebremariam", "Persoon 1", "person"),
        ("t.gebremariam@example.nl", "[E-MAIL]", "email"),
        ("06-12345678", "[TELEFOON]", "phone"),
        ("Kerkstraat 12", "[ADRES]", "address"),
        ("1234 AB", "[POSTCODE]", "postcode"),
    ],
)
def test_pseudonymize_key_maps_originals_to_pseudonyms(result, original, pseudonym, kind):
    key = result.key
    assert list(key.columns) == KEY_COLUMNS
    rows = key[(key["original"] == original) & (key["pseudonym"] == pseudonym)]
    assert list(rows["kind"]) == [kind]
    assert (rows["n_replacements"] >= 1).all()


def test_pseudonymize_counts_speaker_label_replacements(result):
    key = result.key.set_index("original")
    # The speaker cell, the label in documents.text and the metadata cell.
    assert key.loc["Fatima el Amrani", "n_replacements"] == 3


def test_pseudonymize_replaces_names_in_sections():
    documents, segments = build({"a.txt": [("Fatima el Amrani", "Goedemiddag.")]})
    segments["section"] = "Gesprek met Fatima el Amrani"
    out = pseudonymize(documents, segments, method="rules")
    assert list(out.segments["section"]) == ["Gesprek met Deelnemer 1"]


def test_pseudonymize_skips_pseudonyms_already_in_the_corpus():
    documents, segments = build(
        {"a.txt": [("Deelnemer 1", "Ik begin."), ("Yusuf Demir", "Dan ik."), ("Persoon 1", "Ja.")]}
    )
    out = pseudonymize(documents, segments, method="rules")
    assert list(out.segments["speaker"]) == ["Deelnemer 1", "Deelnemer 2", "Persoon 1"]


def test_pseudonymize_gives_an_ambiguous_first_name_its_own_pseudonym():
    documents, segments = build(
        {
            "a.txt": [
                ("Jan Bakker", "Goedemiddag."),
                ("Jan de Vries", "Hallo."),
                (None, "Jan zei niets."),
            ]
        }
    )
    out = pseudonymize(documents, segments, method="rules")
    assert list(out.segments["speaker"][:2]) == ["Deelnemer 1", "Deelnemer 2"]
    assert out.segments["text"].iloc[2] == "Persoon 1 zei niets."


def test_pseudonymize_handles_documents_without_segments_or_speakers():
    documents, segments = build({"a.txt": [(None, "Mohammed belde.")], "b.txt": []})
    out = pseudonymize(documents, segments, method="rules")
    assert list(out.documents["text"]) == ["Persoon 1 belde.", ""]
    assert out.segments["speaker"].isna().all()


def test_pseudonymize_rejects_an_unknown_method():
    documents, segments = build({"a.txt": [(None, "Tekst.")]})
    with pytest.raises(ValueError, match="spacy"):
        pseudonymize(documents, segments, method="spacy")
