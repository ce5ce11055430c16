"""Tweede Kamer Handelingen in official-publication XML.

The fixture is a real excerpt of Handelingen II 2017/18 nr. 70, item 9 (5 April 2018, VAO
Bouwregelgeving en energiebesparing), from `Nelson-AM/TweedeKamerHandelingen`
(commit 7a420689, `sourcefiles/h-tk-20172018-70-9.xml`): the agenda item with 15 of its
66 children kept unchanged, including the file's doubly encoded byte-order mark and its
mojibake (`KrÃ¶ger`).
"""

from pathlib import Path

from pipeline.ingest import ingest_folder
from pipeline.ingest.readers.handelingen import read_handelingen
from pipeline.params import IngestParams

FIXTURE = Path(__file__).parent / "data" / "formats" / "handelingen-tk-20172018-70-9-excerpt.xml"
KROGER = "Mevrouw Kröger (GroenLinks)"


def _turns(parsed):
    return [
        (s.speaker, parsed.text[s.char_start : s.char_end])
        for s in parsed.segments
        if not s.heading
    ]


def test_handelingen_speakers_from_the_spreker_markup():
    parsed = read_handelingen(FIXTURE.read_bytes())
    turns = _turns(parsed)
    speakers = [speaker for speaker, _ in turns]
    assert speakers == [
        None,  # the item's introduction ("Aan de orde is ...")
        "De voorzitter",
        KROGER,
        "De voorzitter",  # the chair's note under the first motion
        KROGER,  # the second motion is hers again
        "De voorzitter",  # the note under it, and "Dank u wel." after her turn
        KROGER,
        "De voorzitter",
        None,  # "De vergadering wordt ... geschorst."
        "De voorzitter",
        "Minister Ollongren",
        "De voorzitter",
        None,  # "De beraadslaging wordt gesloten."
    ]
    assert turns[2][1].startswith("Voorzitter. In het AO, waar mijn collega Rik Grashoff")
    assert turns[4][1].startswith("Motie\nDe Kamer,")
    assert turns[5][1].endswith("Zij krijgt nr. 347 (32847).\nDank u wel.")
    assert turns[8][1] == "De vergadering wordt van 14.12 uur tot 14.22 uur geschorst."
    assert turns[12][1] == "De beraadslaging wordt gesloten."


def test_handelingen_agenda_item_is_the_section_and_title():
    parsed = read_handelingen(FIXTURE.read_bytes())
    title = "Bouwregelgeving en energiebesparing"
    assert parsed.title == title
    assert parsed.segments[0].heading
    assert parsed.text[: len(title)] == title
    assert {s.section for s in parsed.segments} == {title}


def test_handelingen_mojibake_and_bom_repaired():
    parsed = read_handelingen(FIXTURE.read_bytes())
    for damage in ("ï»¿", "\ufeff", "Ã", "Â", "â€"):
        assert damage not in parsed.text
    assert "mevrouw Kröger van GroenLinks" in parsed.text
    assert parsed.warnings == ["mojibake or other encoding damage repaired"]


def test_handelingen_read_through_the_folder_by_root_element(tmp_path):
    # Any extension: the root element says what the file is.
    (tmp_path / "h-tk-70-9.xml").write_bytes(FIXTURE.read_bytes())
    (tmp_path / "h-tk-70-9-hernoemd.txt").write_bytes(FIXTURE.read_bytes())
    result = ingest_folder(tmp_path, params=IngestParams(extensions=[".xml", ".txt"]))
    assert [row["status"] for row in result.report] == ["ok", "ok"]
    assert result.documents["format"].tolist() == ["handelingen", "handelingen"]
    warnings = {row["path"]: row["warning"] for row in result.report}
    assert "the content is handelingen" in warnings["h-tk-70-9-hernoemd.txt"]
    assert "the content is" not in warnings["h-tk-70-9.xml"]
    named = result.segments.dropna(subset=["speaker"])
    assert set(named["speaker"]) == {"De voorzitter", KROGER, "Minister Ollongren"}
    for row in result.segments.itertuples():
        text = result.documents.set_index("doc_id").loc[row.doc_id, "text"]
        assert text[row.char_start : row.char_end] == row.text


def test_handelingen_without_turns_is_read_as_paragraphs():
    data = (
        b'<?xml version="1.0" encoding="utf-8"?><officiele-publicatie><handelingen>'
        b"<agendapunt><item-titel>Lijst van ingekomen stukken</item-titel>"
        b"<divisie><kop><titel>Brieven</titel></kop><al>1. Een brief van de minister.</al>"
        b"<al>2. Een verzoekschrift.</al></divisie></agendapunt></handelingen>"
        b"</officiele-publicatie>"
    )
    parsed = read_handelingen(data)
    assert _turns(parsed) == [
        (None, "Brieven"),
        (None, "1. Een brief van de minister."),
        (None, "2. Een verzoekschrift."),
    ]
    assert parsed.title == "Lijst van ingekomen stukken"


def test_handelingen_office_and_first_name_in_the_label():
    data = (
        "<officiele-publicatie><handelingen><agendapunt><spreekbeurt><spreker>"
        "<naam><voornaam>Wopke</voornaam><achternaam>Hoekstra</achternaam></naam>"
        "<functie>minister van Financiën</functie>:</spreker>"
        "<tekst><al>Voorzitter, dank u wel.</al></tekst></spreekbeurt>"
        "</agendapunt></handelingen></officiele-publicatie>"
    ).encode()
    parsed = read_handelingen(data)
    assert _turns(parsed) == [
        ("Wopke Hoekstra (minister van Financiën)", "Voorzitter, dank u wel.")
    ]
