import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import xmlschema
from export_fixtures import build_tables, exported_layout, fixed_params, write_layout
from lxml import etree

from pipeline.export.folder import export_reports
from pipeline.export.qdpx import SourceTextError, check_source_text
from pipeline.export.refiqda import clean_xml

SPECS = Path(__file__).resolve().parents[2] / "shared" / "specs" / "refi-qda"
NS = {"q": "urn:QDA-XML:project:1.0", "c": "urn:QDA-XML:codebook:1.0"}

needs_specs = pytest.mark.skipif(not SPECS.exists(), reason="REFI-QDA specs not available")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    layout, _ = exported_layout(tmp_path_factory)
    return layout


@pytest.fixture(scope="module")
def project(exported):
    with zipfile.ZipFile(exported.reports / "kruispunt.qdpx") as archive:
        names = archive.namelist()
        qde = archive.read("project.qde")
        sources = {n: archive.read(n) for n in names if n.startswith("sources/")}
    return names, qde, sources


@needs_specs
def test_refiqda_codebook_validates_against_xsd(exported):
    schema = xmlschema.XMLSchema(SPECS / "Codebook.xsd")
    schema.validate(str(exported.reports / "codebook.qdc"))


@needs_specs
def test_refiqda_project_validates_against_xsd(project):
    schema = xmlschema.XMLSchema(SPECS / "Project.xsd")
    schema.validate(io.BytesIO(project[1]))


def test_refiqda_qdpx_layout_is_flat_and_sorted(project):
    names, qde, sources = project
    assert names[0] == "project.qde"
    assert names == sorted(names)
    n_notes = len(etree.fromstring(qde).findall(".//q:Note", NS))
    assert n_notes > 0
    assert len(sources) == 3 + n_notes  # one per document, one per memo
    assert all(n.count("/") == 1 and n.endswith(".txt") for n in sources)


def test_refiqda_sources_are_utf8_without_bom_or_cr(project):
    _, qde, sources = project
    root = etree.fromstring(qde)
    guids = {s.get("guid") for s in root.iterfind(".//q:TextSource", NS)}
    texts = {sources[f"sources/{g}.txt"].decode("utf-8") for g in guids}
    expected = set(build_tables()["documents"]["text"])
    assert texts == expected
    assert not any(t.startswith(b"\xef\xbb\xbf") or b"\r" in t for t in sources.values())
    for source in root.iterfind(".//q:TextSource", NS):
        guid = source.get("guid")
        assert source.get("plainTextPath") == f"internal://{guid}.txt"
        assert f"sources/{guid}.txt" in sources


def _selections(qde: bytes, sources: dict[str, bytes]):
    root = etree.fromstring(qde)
    for source in root.iterfind(".//q:TextSource", NS):
        text = sources[f"sources/{source.get('guid')}.txt"].decode("utf-8")
        for sel in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            refs = [c.get("targetGUID") for c in sel.iterfind("q:Coding/q:CodeRef", NS)]
            yield source.get("name"), text[start:end], start, end, refs


def test_refiqda_every_selection_round_trips_to_its_quote(project):
    _, qde, sources = project
    tables = build_tables()
    expected = {
        (d, m, s)
        for d, m, s in zip(
            *(tables["term_hits"][c] for c in ("doc_id", "matched", "char_start")), strict=True
        )
    }
    expected |= {
        (d, t, s)
        for d, t, s in zip(
            *(tables["coded_contexts"][c] for c in ("doc_id", "text", "char_start")), strict=True
        )
    }
    # Each case code covers its whole document.
    expected |= {
        (d, t, 0)
        for d, t in zip(*(tables["documents"][c] for c in ("doc_id", "text")), strict=True)
    }
    found = {(doc, quote, start) for doc, quote, start, _, _ in _selections(qde, sources)}
    assert found == expected
    # The emoji before "en bij taal" is one code point, not two UTF-16 units.
    assert any("🙂 en bij taal." in quote for _, quote, *_ in _selections(qde, sources))


def test_refiqda_codings_reference_codes_in_the_codebook(project):
    _, qde, sources = project
    root = etree.fromstring(qde)
    code_guids = {c.get("guid") for c in root.iterfind(".//q:CodeBook//q:Code", NS)}
    case_guids = {c.get("guid") for c in root.iterfind(".//q:Case", NS)}
    refs = [ref for *_, refs in _selections(qde, sources) for ref in refs]
    assert refs and set(refs) <= code_guids
    coded = [r for r in refs if r not in case_guids]
    assert len(coded) == len(build_tables()["term_hits"]) + 10  # 10 (context, term) pairs
    assert len(refs) - len(coded) == 3  # one case coding per document


# A nested theme is named by its number, its label and its term (see export_fixtures.THEMES).
@pytest.mark.parametrize(
    ("term", "themes"),
    [
        ("zelfredzaamheid", ["T00 groeiproces, taal, wijk (zelfredzaamheid)"]),
        ("maatwerk", ["T01 regie, vertrouwen, gemeente (maatwerk)"]),
        ("regie", ["T01 regie, vertrouwen, gemeente (regie)"]),
        ("burgerinitiatief", ["T00 groeiproces, taal, wijk (burgerinitiatief)"]),
        ("participatie", []),
    ],
)
def test_refiqda_themes_are_nested_under_their_terms(exported, term, themes):
    root = etree.parse(str(exported.reports / "codebook.qdc")).getroot()
    top = [c for c in root.find("c:Codes", NS) if c.get("name") == term]
    assert len(top) == 1
    assert [c.get("name") for c in top[0].iterfind("c:Code", NS)] == themes
    assert top[0].get("isCodable") == "true"
    assert top[0].get("color").startswith("#") and len(top[0].get("color")) == 7


def test_refiqda_rerun_is_byte_identical_with_same_guids(exported, tmp_path):
    again = write_layout(tmp_path)
    export_reports(again, fixed_params())
    for name in ("codebook.qdc", "kruispunt.qdpx", "kruispunt.xlsx", "codebook.csv"):
        assert (again.reports / name).read_bytes() == (exported.reports / name).read_bytes(), name


def test_refiqda_metadata_become_typed_variables_on_cases(project):
    root = etree.fromstring(project[1])
    kinds = {v.get("name"): v.get("typeOfVariable") for v in root.iterfind(".//q:Variable", NS)}
    expected = {"meeting_date": "Date", "municipality": "Text", "n_participants": "Integer"}
    assert kinds == expected | {f"{k} (case)": v for k, v in expected.items()}
    cases = root.findall(".//q:Case", NS)
    assert len(cases) == 3
    notulen = next(c for c in cases if c.get("name") == "notulen_raad.txt")
    # The missing participant count is left out rather than written as "nan".
    assert len(notulen.findall("q:VariableValue", NS)) == 2
    assert len(notulen.findall("q:SourceRef", NS)) == 1


@pytest.mark.parametrize(
    "text",
    ["Regel een\r\nRegel twee\r\n", "\ufeffWelkom", "Zoe\u0308 vertelt"],  # CRLF, BOM, NFD
)
def test_refiqda_source_text_check_rejects_ambiguous_offsets(text):
    with pytest.raises(SourceTextError, match=r"doc\.txt"):
        check_source_text("doc.txt", text)


@pytest.mark.parametrize(("text", "n_warnings"), [("Zoë zegt: prima.\n", 0), ("Top 🙂🙂\n", 1)])
def test_refiqda_source_text_check_warns_about_astral_characters(text, n_warnings):
    assert len(check_source_text("doc.txt", text)) == n_warnings


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("kop\x0bregel", "kopregel"), ("tab\tblijft", "tab\tblijft"), (None, ""), ("é", "é")],
)
def test_refiqda_clean_xml_drops_only_illegal_characters(raw, expected):
    assert clean_xml(raw) == expected


@needs_specs
def test_refiqda_every_variable_type_validates(tmp_path):
    from pipeline.export.codebook import build_codebook
    from pipeline.export.qde import ProjectInfo, project_xml
    from pipeline.export.selections import build_selections

    tables = build_tables()
    docs = tables["documents"].assign(
        opened=pd.to_datetime(["2024-03-12 19:30", "2024-04-02 10:00", None]),
        share=[0.5, 1e-05, None],
        online=[True, False, True],
    )
    codebook = build_codebook(
        tables["term_hits"], tables["coded_contexts"], tables["themes"],
        tables["associations"], terms=["maatwerk", "regie"],
    )  # fmt: skip
    selections = build_selections(
        tables["term_hits"], tables["coded_contexts"], codebook, documents=docs
    )
    info = ProjectInfo("p", "kruispunt test", "onderzoeker", "2026-01-01T00:00:00Z")
    qde = project_xml(
        docs, codebook, selections, info=info,
        metadata_columns=["meeting_date", "opened", "share", "online", "n_participants"],
    )  # fmt: skip
    xmlschema.XMLSchema(SPECS / "Project.xsd").validate(io.BytesIO(qde))
    root = etree.fromstring(qde)
    # Each value is on the document's Case and on its TextSource.
    values = [v.text for v in root.iterfind(".//q:Case//q:FloatValue", NS)]
    assert values == ["0.00001", "0.5"]  # cases in doc_id order: interview, vissenkom
    assert sorted(v.text for v in root.iterfind(".//q:TextSource//q:FloatValue", NS)) == values
    assert sorted(v.text for v in root.iterfind(".//q:Case//q:DateTimeValue", NS)) == [
        "2024-03-12T19:30:00", "2024-04-02T10:00:00",
    ]  # fmt: skip


@needs_specs
def test_refiqda_xsd_check_rejects_a_bad_colour(exported):
    qdc = (exported.reports / "codebook.qdc").read_bytes().replace(b'color="#', b'color="blue', 1)
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        xmlschema.XMLSchema(SPECS / "Codebook.xsd").validate(io.BytesIO(qdc))


@needs_specs
def test_refiqda_project_without_metadata_or_notes_validates():
    from pipeline.export.codebook import build_codebook
    from pipeline.export.qde import ProjectInfo, project_xml
    from pipeline.export.selections import build_selections

    tables = build_tables()
    docs = tables["documents"][
        ["doc_id", "source_path", "sha256", "format", "title", "n_chars", "text"]
    ]
    codebook = build_codebook(
        tables["term_hits"], tables["coded_contexts"], tables["themes"],
        tables["associations"], terms=["maatwerk"],
    )  # fmt: skip
    selections = build_selections(
        tables["term_hits"], tables["coded_contexts"], codebook, documents=docs
    )
    info = ProjectInfo("p", "kruispunt test", "onderzoeker", "2026-01-01T00:00:00Z")
    qde = project_xml(docs, codebook, selections, info=info, metadata_columns=[])
    xmlschema.XMLSchema(SPECS / "Project.xsd").validate(io.BytesIO(qde))
    root = etree.fromstring(qde)
    assert root.find("q:Variables", NS) is None and root.find("q:Notes", NS) is None
    assert len(root.findall("q:Cases/q:Case", NS)) == 3  # cases still link the documents
    # Only theme sets, no document sets without metadata.
    assert all(s.find("q:MemberSource", NS) is None for s in root.iterfind(".//q:Set", NS))
