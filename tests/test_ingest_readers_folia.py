"""FoLiA XML.

The fixture is a real excerpt of `examples/speech-opencgn.0.12.1.folia.xml` from
`proycon/folia` (commit 8a1af1cf, GPL-3.0; the text is from the Corpus Gesproken
Nederlands): the `<speech>` body with its sentences 1, 2 and 7 kept unchanged, including
the doubly escaped entity `Belgi&amp;euml;`. The utterance sample below is made after the
FoLiA documentation (`<utt speaker>`, `<w space="no">`, `begintime`/`endtime`).
"""

from pathlib import Path

from pipeline.ingest import ingest_folder
from pipeline.ingest.readers.folia import read_folia
from pipeline.params import IngestParams

FIXTURE = Path(__file__).parent / "data" / "formats" / "folia-speech-opencgn-excerpt.xml"

UTTERANCES = """<?xml version="1.0" encoding="utf-8"?>
<FoLiA xmlns="http://ilk.uvt.nl/folia" xml:id="gesprek" version="2.5">
  <metadata type="native"/>
  <speech xml:id="gesprek.speech">
    <utt xml:id="u1" speaker="Marleen" begintime="00:00:01.500" endtime="00:00:04.000">
      <w xml:id="u1.w1"><t>Welkom</t></w>
      <w xml:id="u1.w2" space="no"><t>allemaal</t></w>
      <w xml:id="u1.w3"><t>.</t></w>
    </utt>
    <div xml:id="d1" speaker="Ahmed">
      <head xml:id="d1.head"><t>Ronde twee</t></head>
      <utt xml:id="u2" begintime="00:00:05.000" endtime="00:00:07.250">
        <t>Dank je, ik begin.</t>
      </utt>
    </div>
  </speech>
</FoLiA>
"""


def test_folia_cgn_speakers_times_and_repaired_entity():
    parsed = read_folia(FIXTURE.read_bytes())
    segments = parsed.segments
    assert [s.speaker for s in segments] == ["V60151", "V60319"]
    first = parsed.text[segments[0].char_start : segments[0].char_end]
    assert first.startswith("Guy Janssens mocht bij deze uitzending niet ontbreken")
    assert "Schuman België In De Greep Van Europa" in first
    assert "&" not in parsed.text
    assert parsed.text[segments[1].char_start : segments[1].char_end] == (
        "van de week zijn in Nederland de laatste guldens geslagen ."
    )
    assert (segments[0].start_s, segments[0].end_s) == (0.059, 12.237)
    assert segments[1].start_s == 22.608


def test_folia_utterances_inherit_speaker_and_join_words():
    parsed = read_folia(UTTERANCES.encode())
    turns = [
        (s.speaker, s.heading, parsed.text[s.char_start : s.char_end]) for s in parsed.segments
    ]
    assert turns == [
        ("Marleen", False, "Welkom allemaal."),
        (None, True, "Ronde twee"),
        ("Ahmed", False, "Dank je, ik begin."),
    ]
    assert parsed.segments[2].section == "Ronde twee"
    assert (parsed.segments[0].start_s, parsed.segments[2].end_s) == (1.5, 7.25)


def test_folia_read_through_the_folder(tmp_path):
    (tmp_path / "cgn.folia.xml").write_bytes(FIXTURE.read_bytes())
    result = ingest_folder(tmp_path, params=IngestParams(extensions=[".xml"]))
    assert result.documents["format"].tolist() == ["folia"]
    assert result.segments["speaker"].tolist() == ["V60151", "V60319"]
