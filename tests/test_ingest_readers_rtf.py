"""RTF: striprtf takes the markup off; the text is split into turns like a .txt file.

The fixture `ontwikkeltafel.rtf` is made by the team in the RTF that WordPad writes
(`\\ansicpg1252`, `\\'xx` escapes for letters outside ASCII).
"""

from pathlib import Path

from pipeline.ingest import ingest_folder
from pipeline.ingest.readers.rtf import read_rtf
from pipeline.params import IngestParams

FIXTURE = Path(__file__).parent / "data" / "formats" / "ontwikkeltafel.rtf"
SPEAKERS = ["Mevrouw De Vries (GroenLinks)", "Wethouder Bakker"] * 2


def test_rtf_text_without_markup_and_escapes_decoded():
    parsed = read_rtf(FIXTURE.read_bytes())
    assert parsed.text.startswith("Ontwikkeltafel inburgering\n")
    assert "coördinatiepunt" in parsed.text
    assert "cliënten" in parsed.text
    for markup in ("\\par", "\\rtf", "{", "}", "Calibri", "Riched20"):
        assert markup not in parsed.text


def test_rtf_turns_from_the_plain_text_splitter(tmp_path):
    (tmp_path / "tafel.rtf").write_bytes(FIXTURE.read_bytes())
    result = ingest_folder(tmp_path, params=IngestParams(extensions=[".rtf"]))
    assert result.report[0]["status"] == "ok"
    assert result.documents["format"].tolist() == ["rtf"]
    turns = result.segments.dropna(subset=["speaker"])
    assert turns["speaker"].tolist() == SPEAKERS
    assert turns["text"].iloc[1].startswith("Dat is ook onze inzet.")
    assert turns["section"].tolist() == ["Ontwikkeltafel inburgering"] * 4
