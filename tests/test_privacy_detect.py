"""Name finding on council and parliament talk: roles stay, titled places are people.

The sentences follow the real Den Haag minutes and Tweede Kamer Handelingen of the dev data
(`../shared/data/real`, see its SOURCES.md); the names are those of public office holders
printed there, or made up.
"""

from __future__ import annotations

import pandas as pd
import pytest
from builders import segment_row

from pipeline.privacy import pseudonymize
from pipeline.privacy.detect import find_person_spans, is_role_phrase


def _names(text: str) -> list[str]:
    return [span.text(text) for span in find_person_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Voorzitter. Er is 125 miljoen euro steun naar Humanitas gegaan.",  # TK 70-10
        "Dank u wel, voorzitter. Ik vraag de Kamer om steun voor deze motie.",
        "Het College heeft de Raad daarover geïnformeerd.",
        "Verzoekt het college: de raad voor de zomer te informeren.",  # Den Haag motions
        "De Tweede Kamer en de Eerste Kamer stemmen erover.",
        "Ik heb een vraag aan de minister van Financiën en de staatssecretaris.",
    ],
)
def test_privacy_detect_never_finds_roles_or_institutions(text):
    assert _names(text) == []


@pytest.mark.parametrize(
    ("phrase", "role"),
    [
        ("Voorzitter", True),
        ("de Kamer", True),
        ("het College", True),
        ("De Raad", True),
        ("Tweede Kamer", True),
        ("mevrouw De Vries", False),
        ("Kamer van Koophandel", False),
        ("Westerveld", False),
    ],
)
def test_privacy_detect_role_phrases(phrase, role):
    assert is_role_phrase(phrase) is role


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Surnames that are also Dutch places are names after a title or "het lid".
        ("Uitvoering van de motie van het lid Ellemeet c.s. over zorgbestuurders.", "Ellemeet"),
        ("Ik geef het woord aan mevrouw Westerveld van GroenLinks.", "Westerveld"),
        ("De oud-minister van Economische Zaken, de heer Kamp, heeft dat gedaan.", "Kamp"),
        ("zoals collega Kaag op het drukbezochte brexitevenement zei", "Kaag"),
        ("Ik geef het woord aan wethouder van Asten.", "van Asten"),
    ],
)
def test_privacy_detect_titled_places_are_names(text, name):
    assert name in _names(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # An attendance list in the style of the Utrecht minutes of 22 September 2011.
        (
            "Aanwezig zijn de leden: Bakker, Beerlage, Hoek, Van Dijk en Jansen.",
            ["Bakker", "Beerlage", "Hoek", "Van Dijk", "Jansen"],
        ),
        ("Aanwezig: dhr. R.S. Zwart Voorzitter, mevr. De Boer.", ["R.S. Zwart", "De Boer"]),
        ("We gaan naar Utrecht, Amsterdam, Rotterdam.", []),
        ("Ik vraag de Kamer van Koophandel om steun.", []),
    ],
)
def test_privacy_detect_lists_and_trailing_roles(text, names):
    assert _names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "We gaan naar het Meester de Bruinplein.",
        "Ik woon aan de Hugo de Grootstraat.",
    ],
)
def test_privacy_detect_street_names_are_no_people(text):
    assert _names(text) == []


def _corpus(turns: list[tuple[str | None, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    text, rows, cursor = "", [], 0
    for i, (speaker, turn) in enumerate(turns):
        rows.append(segment_row("raad.txt", i, turn, char_start=cursor, speaker=speaker))
        text += turn + "\n"
        cursor = len(text)
    documents = pd.DataFrame(
        [
            {
                "doc_id": "raad.txt",
                "source_path": "raad.txt",
                "sha256": "0" * 64,
                "format": "txt",
                "title": "raad",
                "n_chars": len(text),
                "text": text,
            }
        ]
    )
    return documents, pd.DataFrame(rows)


def test_privacy_detect_overlapping_street_and_title_do_not_crash():
    # The failing case of issue 22: "Meester" and "de Bruinplein" with "Meester" absorbed as
    # a title claimed the same characters, and the rewrite raised ValueError.
    documents, segments = _corpus(
        [
            ("De voorzitter", "We gaan naar het Meester de Bruinplein."),
            (None, "Meester Jansen zei het."),
        ]
    )
    result = pseudonymize(documents, segments)
    text = result.documents["text"].iloc[0]
    assert "Meester de Bruinplein" in text
    assert "Jansen" not in text
    for row in result.segments.itertuples():
        assert text[row.char_start : row.char_end] == row.text


def test_privacy_detect_roles_are_kept_in_a_pseudonymised_council_debate():
    documents, segments = _corpus(
        [
            ("De voorzitter", "Ik geef het woord aan mevrouw Westerveld."),
            (
                "Mevrouw Westerveld (GroenLinks)",
                "Voorzitter. Ik vraag de Kamer en het College om steun.",
            ),
            (
                "Mevrouw Jansen (VVD)",
                "Dank u wel, voorzitter. Ik sluit me aan bij mevrouw Westerveld.",
            ),
        ]
    )
    result = pseudonymize(documents, segments)
    text = result.documents["text"].iloc[0]
    assert "Westerveld" not in text and "Jansen" not in text
    assert text.count("Voorzitter") + text.count("voorzitter") == 2
    assert "de Kamer" in text and "het College" in text
    speakers = set(result.segments["speaker"])
    assert {"De voorzitter", "Raadslid A (GroenLinks)", "Raadslid B (VVD)"} == speakers
    assert not result.key["original"].map(is_role_phrase).any()


def test_privacy_detect_titles_are_not_absorbed_across_a_sentence_end():
    documents, segments = _corpus(
        [
            ("De voorzitter", "Ik geef het woord aan de wethouder. Wethouder Kapteijns."),
            ("Wethouder Kapteijns", "Dank u wel."),
        ]
    )
    text = pseudonymize(documents, segments).documents["text"].iloc[0]
    assert text.startswith("Ik geef het woord aan de wethouder. Wethouder A.")
