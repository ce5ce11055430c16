"""OpenDocument text: odfpy headings and paragraphs, split into turns like a Word file.

The `.odt` is made here with odfpy, the library LibreOffice documents are read with.
"""

from odf.opendocument import OpenDocumentText
from odf.text import H, List, ListItem, P

from pipeline.ingest import ingest_folder
from pipeline.ingest.readers.opendocument import read_odt
from pipeline.params import IngestParams

TURNS = [
    (
        "Mevrouw De Vries (GroenLinks)",
        "Wij willen dat de brede intake binnen zes weken plaatsvindt.",
    ),
    ("Wethouder Bakker", "Dat is ook onze inzet. De regie ligt weer bij de gemeente."),
    ("Mevrouw De Vries (GroenLinks)", "Hoe krijgen initiatieven van vluchtelingen een plek?"),
    ("Wethouder Bakker", "Via een laagdrempelige subsidie voor het coördinatiepunt."),
]


def _odt(path):
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Ontwikkeltafel inburgering"))
    for speaker, said in TURNS[:2]:
        document.text.addElement(P(text=f"{speaker}: {said}"))
    document.text.addElement(H(outlinelevel=2, text="Initiatieven uit de wijk"))
    items = List()
    for speaker, said in TURNS[2:]:
        item = ListItem()
        item.addElement(P(text=f"{speaker}: {said}"))
        items.addElement(item)
    document.text.addElement(items)
    document.save(str(path))


def test_odt_headings_and_paragraphs(tmp_path):
    _odt(tmp_path / "tafel.odt")
    parsed = read_odt((tmp_path / "tafel.odt").read_bytes())
    lines = parsed.text.split("\n")
    assert [lines[i] for i in sorted(parsed.heading_lines)] == [
        "Ontwikkeltafel inburgering",
        "Initiatieven uit de wijk",
    ]
    assert lines[2] == f"{TURNS[0][0]}: {TURNS[0][1]}"
    assert "coördinatiepunt" in parsed.text


def test_odt_turns_and_sections(tmp_path):
    _odt(tmp_path / "tafel.odt")
    result = ingest_folder(tmp_path, params=IngestParams(extensions=[".odt"]))
    assert result.report[0]["status"] == "ok"
    assert result.documents["format"].tolist() == ["odt"]
    turns = result.segments.dropna(subset=["speaker"])
    assert list(zip(turns["speaker"], turns["text"], strict=True)) == TURNS
    assert (
        turns["section"].tolist()
        == ["Ontwikkeltafel inburgering"] * 2 + ["Initiatieven uit de wijk"] * 2
    )


def test_odt_zip_without_content_fails(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "leeg.odt", "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    result = ingest_folder(tmp_path, params=IngestParams(extensions=[".odt"]))
    assert result.report[0]["status"] == "failed"
    assert "content.xml" in result.report[0]["reason"]
