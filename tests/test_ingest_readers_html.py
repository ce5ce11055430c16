"""HTML: lxml.html blocks and headings; the text is split into turns like a Word file.

The fixture `ontwikkeltafel.html` is made by the team as a council website would publish
a meeting report: navigation, a style and a script, headings, `<b>Naam:</b>` labels and a
`<br>` inside a turn.
"""

from pathlib import Path

from pipeline.ingest import ingest_folder
from pipeline.ingest.readers.webpage import read_html
from pipeline.params import IngestParams

FIXTURE = Path(__file__).parent / "data" / "formats" / "ontwikkeltafel.html"
SPEAKERS = ["Mevrouw De Vries (GroenLinks)", "Wethouder Bakker"] * 2


def test_html_blocks_headings_and_title():
    parsed = read_html(FIXTURE.read_bytes())
    assert parsed.title == "Verslag ontwikkeltafel inburgering"
    assert "console.log" not in parsed.text
    assert "margin" not in parsed.text
    assert "coördinatiepunt" in parsed.text
    lines = parsed.text.split("\n")
    headings = sorted(lines[i] for i in parsed.heading_lines)
    assert headings == ["Initiatieven uit de wijk", "Ontwikkeltafel inburgering"]
    assert "Via een laagdrempelige subsidie.\nIk kom daar na de zomer op terug." in parsed.text


def test_html_turns_and_sections(tmp_path):
    (tmp_path / "tafel.html").write_bytes(FIXTURE.read_bytes())
    (tmp_path / "tafel-kopie.htm").write_bytes(FIXTURE.read_bytes())
    result = ingest_folder(tmp_path, params=IngestParams(extensions=[".html", ".htm"]))
    assert result.documents["format"].tolist() == ["html", "html"]
    turns = result.segments[result.segments["doc_id"] == "tafel.html"].dropna(subset=["speaker"])
    assert turns["speaker"].tolist() == SPEAKERS
    assert (
        turns["section"].tolist()
        == ["Ontwikkeltafel inburgering"] * 2 + ["Initiatieven uit de wijk"] * 2
    )
    assert turns["text"].iloc[0].startswith("Wij willen dat de brede intake binnen zes weken")
