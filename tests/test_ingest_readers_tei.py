"""ParlaMint TEI.

The fixture is a real excerpt of `ParlaMint-NL_2022-07-12-eerstekamer-3.xml` from
`clarin-eric/ParlaMint` (`Samples/ParlaMint-NL/2022/`, CC BY 4.0,
http://hdl.handle.net/11356/1859): the sample unchanged, less its `<encodingDesc>` and
`<revisionDesc>`. The person-list sample below is made after the ParlaMint encoding
guidelines (`<particDesc><listPerson><person xml:id><persName>`).
"""

from pathlib import Path

from pipeline.ingest import ingest_folder
from pipeline.ingest.readers.tei import read_tei
from pipeline.params import IngestParams

FIXTURE = (
    Path(__file__).parent / "data" / "formats" / "parlamint-nl-2022-07-12-eerstekamer-3-excerpt.xml"
)
TITLE = "Wijziging begrotingsstaten Justitie en Veiligheid 2022 (Voorjaarsnota)"

WITH_PERSONS = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="ParlaMint-NL_test">
  <teiHeader><profileDesc><particDesc><listPerson>
    <person xml:id="KhadijaArib"><persName><forename>Khadija</forename>
      <surname>Arib</surname></persName></person>
    <person xml:id="CemLaçin"><persName><forename>Cem</forename>
      <surname>Laçin</surname></persName></person>
  </listPerson></particDesc></profileDesc></teiHeader>
  <text><body><div type="debateSection">
    <head>Lekken van gifgas door chemiebedrijf Chemours</head>
    <note type="speaker">De voorzitter</note>
    <u who="#KhadijaArib" ana="#chair"><seg>Ik geef het woord aan de heer Laçin.</seg></u>
    <note type="speaker">De heer Laçin (SP)</note>
    <u who="#CemLaçin" ana="#regular"><seg>Voorzitter. Morgen is het twee jaar geleden.</seg>
      <note type="comment">(Geroffel op de bankjes.)</note>
      <seg>Dan het lekken van gifgas.</seg></u>
    <u who="#OnbekendLid" ana="#regular"><seg>Een vraag.</seg></u>
  </div></body></text>
</TEI>
"""


def _turns(parsed):
    return [
        (s.speaker, parsed.text[s.char_start : s.char_end])
        for s in parsed.segments
        if not s.heading
    ]


def test_tei_parlamint_sample_turns_notes_and_section():
    parsed = read_tei(FIXTURE.read_bytes())
    turns = _turns(parsed)
    # No person list in the sample: the printed label of each `who` names the speaker.
    assert [speaker for speaker, _ in turns] == [
        "De voorzitter",
        None,
        "De voorzitter",
        "De voorzitter",  # after the sampling gap: a turn of its own
        None,
        "De voorzitter",
        None,
    ]
    assert turns[1][1] == "De beraadslaging wordt geopend."
    assert turns[2][1] == "Ik geef het woord aan de heer Van Hattem."
    assert turns[3][1] == "Dank u wel."
    assert turns[6][1] == "De vergadering wordt van 12.39 uur tot 13.32 uur geschorst."
    assert parsed.title == TITLE
    assert {s.section for s in parsed.segments} == {TITLE}
    assert "SAMPLING" not in parsed.text


def test_tei_person_list_names_the_speakers_and_notes_get_none():
    parsed = read_tei(WITH_PERSONS.encode())
    assert _turns(parsed) == [
        ("Khadija Arib", "Ik geef het woord aan de heer Laçin."),
        ("Cem Laçin", "Voorzitter. Morgen is het twee jaar geleden."),
        (None, "(Geroffel op de bankjes.)"),
        ("Cem Laçin", "Dan het lekken van gifgas."),
        ("OnbekendLid", "Een vraag."),  # not in the list: the who id itself
    ]


def test_tei_corpus_root_person_list_names_speakers_of_its_components():
    data = (
        b'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><particDesc>'
        b'<listPerson><person xml:id="JanAnthonieBruijn"><persName><forename>Jan Anthonie'
        b"</forename><surname>Bruijn</surname></persName></person></listPerson></particDesc>"
        b"</profileDesc></teiHeader>"
        b'<TEI><text><body><div><u who="#JanAnthonieBruijn"><seg>Ik open de vergadering.</seg>'
        b"</u></div></body></text></TEI></teiCorpus>"
    )
    assert _turns(read_tei(data)) == [("Jan Anthonie Bruijn", "Ik open de vergadering.")]


def test_tei_corpus_root_without_body_is_skipped(tmp_path):
    data = (
        b'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" '
        b'xmlns:xi="http://www.w3.org/2001/XInclude"><teiHeader/>'
        b'<xi:include href="ParlaMint-NL_2019-05-16-tweedekamer-11.xml"/></teiCorpus>'
    )
    (tmp_path / "ParlaMint-NL.xml").write_bytes(data)
    result = ingest_folder(tmp_path, params=IngestParams(extensions=[".xml"]))
    assert result.report[0]["status"] == "skipped"
    assert "without a text body" in result.report[0]["reason"]


def test_tei_annotated_tokens_are_joined():
    data = (
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div>'
        b'<u who="#A"><seg><s><w>Dank</w> <w>u</w> <w join="right">wel</w><pc>.</pc></s>'
        b"</seg></u></div></body></text></TEI>"
    )
    assert _turns(read_tei(data)) == [("A", "Dank u wel.")]


def test_tei_read_through_the_folder(tmp_path):
    (tmp_path / "ek.xml").write_bytes(FIXTURE.read_bytes())
    result = ingest_folder(tmp_path, params=IngestParams(extensions=[".xml"]))
    assert result.report[0]["status"] == "ok"
    assert result.documents["format"].tolist() == ["tei"]
    assert result.documents["title"].tolist() == [TITLE]
    assert result.segments["speaker"].dropna().unique().tolist() == ["De voorzitter"]
