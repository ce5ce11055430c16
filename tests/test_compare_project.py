"""Reading coded REFI-QDA projects: ATLAS.ti's sample, kruispunt's export, QualCoder-style
files written here, and hostile files that must be refused."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from export_fixtures import DOCUMENTS, FIXED_USER, TERM_PATTERNS, build_tables, exported_layout

from pipeline.compare import project as project_module
from pipeline.compare.project import ProjectFileError, read_project
from pipeline.errors import is_known

SPECS = Path(__file__).resolve().parents[2] / "shared" / "specs" / "refi-qda"
ATLAS = SPECS / "sample-atlas-project.qdpx"
NS = "urn:QDA-XML:project:1.0"


def write_qdpx(path: Path, qde: str | bytes, members: dict[str, bytes] | None = None) -> Path:
    """A .qdpx: project.qde plus the given members, deflated."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return path


def project_qde(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{NS}" name="t">{body}</Project>'
    )


# ATLAS.ti's sample project (Annex A.2 folder). Counted with grep on its project.qde:
# `grep -o "<User "` -> 2, `grep -o "<Code "` -> 3 (one parent "Commits" with 2 children),
# `grep -c Source` -> 0, `grep -c Selection` -> 0.
@pytest.mark.skipif(not ATLAS.exists(), reason="REFI-QDA specs not available")
def test_project_reads_the_atlas_sample():
    project = read_project(ATLAS)
    assert sorted(project.users["name"]) == ["ATLAS.ti", "Enric Llagostera"]
    assert len(project.codes) == 3
    assert sorted(project.codes["path"]) == [
        "Commits",
        "Commits/2022-02-11T10:39:25Z cdbfd92",
        "Commits/2022-05-10T02:05:59Z 19e4dce",
    ]
    parent = project.codes.set_index("name").loc["Commits", "code_guid"]
    assert parent == "A182CD3A-D83C-4D8C-BC80-26D9103EC6D6"
    children = project.codes[project.codes["name"] != "Commits"]
    assert (children["parent_guid"] == parent).all()
    assert project.codes.set_index("name").loc["Commits", "parent_guid"] is None
    assert project.sources.empty and project.codings.empty
    assert project.problems == []


@pytest.fixture(scope="module")
def kruispunt_project(tmp_path_factory):
    layout, _ = exported_layout(tmp_path_factory)
    return read_project(layout.reports / "kruispunt.qdpx")


def test_project_reads_kruispunts_own_export(kruispunt_project):
    project = kruispunt_project
    documents = build_tables()["documents"]
    # kruispunt names each source by its doc_id and stores its exact text.
    texts = dict(zip(project.sources["name"], project.sources["text"], strict=True))
    assert texts == dict(zip(documents["doc_id"], documents["text"], strict=True))
    assert list(project.users["name"]) == [FIXED_USER]
    assert set(project.codings["user_guid"]) == set(project.users["user_guid"])
    assert project.problems == []


def test_project_kruispunt_term_codings_are_the_fixture_hits(kruispunt_project):
    project = kruispunt_project
    names = dict(zip(project.sources["source_guid"], project.sources["name"], strict=True))
    paths = dict(zip(project.codes["code_guid"], project.codes["path"], strict=True))
    got = {
        (names[r.source_guid], r.start, r.end, paths[r.code_guid])
        for r in project.codings.itertuples()
        if paths[r.code_guid] in TERM_PATTERNS
    }
    # The fixture's hits are found by regex over the texts, independently of the export.
    hits = build_tables()["term_hits"]
    expected = set(hits[["doc_id", "char_start", "char_end", "term"]].itertuples(index=False))
    assert got == expected
    texts = dict(zip(project.sources["source_guid"], project.sources["text"], strict=True))
    for row in project.codings.itertuples():
        if paths[row.code_guid] in TERM_PATTERNS:
            quote = texts[row.source_guid][row.start : row.end]
            assert re.fullmatch(TERM_PATTERNS[paths[row.code_guid]], quote)


def test_project_kruispunt_nested_theme_codes_cases_and_variables(kruispunt_project):
    project = kruispunt_project
    codes = project.codes.set_index("path")
    nested = "zelfredzaamheid/T00 groeiproces, taal, wijk (zelfredzaamheid)"
    assert codes.loc[nested, "parent_guid"] == codes.loc["zelfredzaamheid", "code_guid"]
    assert codes.loc[nested, "name"] == "T00 groeiproces, taal, wijk (zelfredzaamheid)"
    # One case per document, linked to its source.
    guid_of = dict(zip(project.sources["name"], project.sources["source_guid"], strict=True))
    assert sorted(project.cases["source_guid"]) == sorted(guid_of.values())
    # Municipality of each document (export_fixtures.DOCUMENTS), on its source and its case.
    # kruispunt names a case's variable `<name> (case)`.
    expected = {guid_of[d[0]]: d[3]["municipality"] for d in DOCUMENTS}
    variables = project.variables
    on_sources = variables[variables["variable"] == "municipality"]
    assert set(on_sources["owner_kind"]) == {"source"}
    assert dict(zip(on_sources["owner_guid"], on_sources["value"], strict=True)) == expected
    on_cases = variables[variables["variable"] == "municipality (case)"]
    assert set(on_cases["owner_kind"]) == {"case"}
    source_of = dict(zip(project.cases["case_guid"], project.cases["source_guid"], strict=True))
    got = {source_of[c]: v for c, v in zip(on_cases["owner_guid"], on_cases["value"], strict=True)}
    assert got == expected


# QualCoder writes sources as internal://<guid>.txt (UTF-8 with a BOM), names users by GUID,
# and nests codes under categories. Offsets by hand: "Amina: " is 7 characters, so
# "Zelfredzaamheid" (15 letters) is [7, 22) and "groeiproces" [30, 41).
TEXT = "Amina: Zelfredzaamheid is een groeiproces."
U1, U2 = "5c94bc9e-db8c-4f1d-9cd6-e900c7440860", "70daf61c-b6f0-4b5e-8c2f-548fde3ad3d4"
QUALCODER_BODY = f"""
<Users><User guid="{U1}" name="anna"/><User guid="{U2}" name="bram"/></Users>
<CodeBook><Codes>
  <Code guid="c-cat" name="Zelf" isCodable="false">
    <Code guid="c-zr" name="zelfredzaam" isCodable="true" color="#F00"/>
    <Code guid="c-gp" name="groei" isCodable="true"/>
  </Code>
</Codes></CodeBook>
<Variables><Variable guid="v-gem" name="gemeente" typeOfVariable="Text"/></Variables>
<Cases><Case guid="case-1" name="Amina">
  <VariableValue><VariableRef targetGUID="v-gem"/><TextValue>Utrecht</TextValue></VariableValue>
  <SourceRef targetGUID="s-1"/>
</Case></Cases>
<Sources>
  <TextSource guid="s-1" name="vissenkom.txt" plainTextPath="internal://a2b94468.txt"
      creatingUser="{U1}">
    <PlainTextSelection guid="sel-1" startPosition="7" endPosition="22" creatingUser="{U1}">
      <Coding guid="cd-1" creatingUser="{U1}"><CodeRef targetGUID="c-zr"/></Coding>
      <Coding guid="cd-2" creatingUser="{U2}"><CodeRef targetGUID="c-zr"/></Coding>
    </PlainTextSelection>
    <PlainTextSelection guid="sel-2" startPosition="30" endPosition="41" creatingUser="{U2}">
      <Coding guid="cd-3"><CodeRef targetGUID="c-gp"/></Coding>
    </PlainTextSelection>
    <PlainTextSelection guid="sel-bad-code" startPosition="0" endPosition="5">
      <Coding guid="cd-4"><CodeRef targetGUID="no-such-code"/></Coding>
    </PlainTextSelection>
    <PlainTextSelection guid="sel-beyond" startPosition="30" endPosition="99">
      <Coding guid="cd-5"><CodeRef targetGUID="c-gp"/></Coding>
    </PlainTextSelection>
    <PlainTextSelection guid="sel-reversed" startPosition="22" endPosition="7">
      <Coding guid="cd-6"><CodeRef targetGUID="c-gp"/></Coding>
    </PlainTextSelection>
    <VariableValue><VariableRef targetGUID="v-gem"/><TextValue>Utrecht</TextValue></VariableValue>
  </TextSource>
  <TextSource guid="s-2" name="extern.txt" plainTextPath="relative:///geheim.txt"/>
  <TextSource guid="s-3" name="weg.txt" plainTextPath="internal://ontbreekt.txt"/>
  <AudioSource guid="s-4" name="opname.m4a" path="relative:///opname.m4a"/>
</Sources>"""


@pytest.fixture(scope="module")
def qualcoder(tmp_path_factory):
    path = tmp_path_factory.mktemp("qc") / "qualcoder.qdpx"
    bom_text = ("\ufeff" + TEXT).encode("utf-8")  # QualCoder writes utf-8-sig
    write_qdpx(path, project_qde(QUALCODER_BODY), {"sources/a2b94468.txt": bom_text})
    return read_project(path)


def test_project_qualcoder_text_without_bom_and_codings_by_user(qualcoder):
    sources = qualcoder.sources.set_index("source_guid")
    assert sources.loc["s-1", "text"] == TEXT  # the BOM is not part of the text
    codings = qualcoder.codings
    assert list(codings["selection_guid"]) == ["sel-1", "sel-1", "sel-2"]
    # The coding's creatingUser first (cd-2 by bram on anna's selection), else the selection's.
    assert list(codings["user_guid"]) == [U1, U2, U2]
    quotes = [TEXT[s:e] for s, e in zip(codings["start"], codings["end"], strict=True)]
    assert quotes == ["Zelfredzaamheid", "Zelfredzaamheid", "groeiproces"]
    assert set(qualcoder.codes["path"]) == {"Zelf", "Zelf/zelfredzaam", "Zelf/groei"}


def test_project_qualcoder_problems_name_what_was_dropped(qualcoder):
    problems = "\n".join(qualcoder.problems)
    assert "sel-bad-code" in problems and "no-such-code" in problems
    assert "sel-beyond" in problems and "sel-reversed" in problems
    assert "relative:///geheim.txt" in problems  # never followed
    assert "ontbreekt.txt" in problems  # missing member
    assert "opname.m4a" in problems  # not a text source
    assert len(qualcoder.problems) == 6
    sources = qualcoder.sources.set_index("source_guid")
    assert sources.loc["s-2", "text"] is None and sources.loc["s-3", "text"] is None
    assert "s-4" not in sources.index


def test_project_qualcoder_cases_and_variables(qualcoder):
    assert qualcoder.cases.to_dict("records") == [
        {"case_guid": "case-1", "name": "Amina", "source_guid": "s-1"}
    ]
    rows = qualcoder.variables.to_dict("records")
    assert rows == [
        {"owner_guid": "s-1", "owner_kind": "source", "variable": "gemeente", "value": "Utrecht"},
        {"owner_guid": "case-1", "owner_kind": "case", "variable": "gemeente", "value": "Utrecht"},
    ]


def test_project_bare_qde_inline_text_pdf_representation_and_deep_codes(tmp_path):
    # A bare .qde in another namespace version (QualCoder has met `urn:QDA-XML:project:0.4`),
    # codes three deep, an inline text, and a PDF whose text is its Representation.
    body = """
    <CodeBook><Codes><Code guid="a" name="A"><Code guid="b" name="B">
      <Code guid="c" name="C"/></Code></Code></Codes></CodeBook>
    <Sources>
      <TextSource guid="t" name="inline"><PlainTextContent>een twee drie</PlainTextContent>
        <PlainTextSelection guid="s1" startPosition="4" endPosition="8">
          <Coding guid="k1"><CodeRef targetGUID="c"/></Coding></PlainTextSelection>
      </TextSource>
      <PDFSource guid="p" name="nota.pdf" path="internal://p.pdf">
        <PDFSelection guid="area" page="0" firstX="1" firstY="1" secondX="2" secondY="2"/>
        <Representation guid="r"><PlainTextContent>vier vijf</PlainTextContent>
          <PlainTextSelection guid="s2" startPosition="5" endPosition="9">
            <Coding guid="k2"><CodeRef targetGUID="b"/></Coding></PlainTextSelection>
        </Representation>
      </PDFSource>
    </Sources>"""
    path = tmp_path / "project.qde"
    path.write_text(f'<Project xmlns="urn:QDA-XML:project:0.4">{body}</Project>', "utf-8")
    project = read_project(path)
    codes = project.codes.set_index("code_guid")
    assert codes.loc["c", "path"] == "A/B/C"
    assert codes.loc["c", "parent_guid"] == "b" and codes.loc["b", "parent_guid"] == "a"
    texts = dict(zip(project.sources["source_guid"], project.sources["text"], strict=True))
    assert texts == {"t": "een twee drie", "p": "vier vijf"}
    # "een twee drie"[4:8] is "twee"; "vier vijf"[5:9] is "vijf".
    rows = project.codings[["source_guid", "code_guid", "start", "end"]].values.tolist()
    assert rows == [["t", "c", 4, 8], ["p", "b", 5, 9]]
    assert project.codings["user_guid"].isna().all()
    assert any("PDFSelection" in p for p in project.problems)


def test_project_atlas_style_capitalised_sources_folder(tmp_path):
    # ATLAS.ti (Annex A.2) lists `Sources/<GUID>.TXT` while plainTextPath says `.txt`.
    body = """<Sources><TextSource guid="g" name="Mabel.txt"
        plainTextPath="internal://B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.txt"/></Sources>"""
    members = {"Sources/B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.TXT": b"ontbijt"}
    project = read_project(write_qdpx(tmp_path / "a.qdpx", project_qde(body), members))
    assert list(project.sources["text"]) == ["ontbijt"]
    assert project.problems == []


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="urn:QDA-XML:project:1.0"><Description>&lol3;</Description></Project>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0"><Users><User guid="u" name="&xxe;"/></Users></Project>"""


@pytest.mark.parametrize("qde", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
@pytest.mark.parametrize("packed", [False, True], ids=["qde", "qdpx"])
def test_project_refuses_entity_declarations(tmp_path, qde, packed):
    path = tmp_path / "evil.qde"
    if packed:
        write_qdpx(tmp_path / "evil.qdpx", qde)
        path = tmp_path / "evil.qdpx"
    else:
        path.write_text(qde)
    with pytest.raises(ProjectFileError, match="entities") as err:
        read_project(path)
    assert is_known(err.value)
    assert "root:" not in str(err.value)  # /etc/passwd was never read


def _zeros(size: int) -> bytes:
    return bytes(size)


def test_project_zip_bomb_member_is_refused_as_a_problem(tmp_path):
    # 5 MB of zeros deflate to about 5 kB: a ratio near 1000:1, over MAX_RATIO (100).
    body = """<CodeBook><Codes><Code guid="c" name="c"/></Codes></CodeBook><Sources>
      <TextSource guid="s" name="bom.txt" plainTextPath="internal://bom.txt">
        <PlainTextSelection guid="sel" startPosition="0" endPosition="3">
          <Coding guid="k"><CodeRef targetGUID="c"/></Coding></PlainTextSelection>
      </TextSource></Sources>"""
    path = write_qdpx(tmp_path / "b.qdpx", project_qde(body), {"sources/bom.txt": _zeros(5 << 20)})
    project = read_project(path)
    assert project.sources["text"].tolist() == [None]
    assert project.codings.empty
    assert any("zip bomb" in p for p in project.problems)
    assert any("sel" in p and "could not be read" in p for p in project.problems)


def test_project_zip_bomb_project_qde_is_refused(tmp_path):
    qde = project_qde("<Description>" + " " * (5 << 20) + "</Description>")
    with pytest.raises(ProjectFileError, match="zip bomb"):
        read_project(write_qdpx(tmp_path / "b.qdpx", qde))


def test_project_member_size_cap(tmp_path, monkeypatch):
    body = '<Sources><TextSource guid="s" name="x" plainTextPath="internal://x.txt"/></Sources>'
    path = write_qdpx(tmp_path / "x.qdpx", project_qde(body), {"sources/x.txt": b"a" * 5000})
    monkeypatch.setattr(project_module, "MAX_MEMBER_BYTES", 4000)
    project = read_project(path)
    assert project.sources["text"].tolist() == [None]
    assert any("5000 bytes, over the cap" in p for p in project.problems)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"gewoon een tekstbestand", "not well-formed"),
        ("codebook.qdc", b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>', "root <CodeBook>"),
        ("empty.qde", b"", "not well-formed"),
    ],
)
def test_project_not_a_project_raises_a_known_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ProjectFileError, match=re.escape(message)) as err:
        read_project(path)
    assert is_known(err.value)


def test_project_zip_without_qde_raises(tmp_path):
    path = tmp_path / "x.qdpx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sources/a.txt", "tekst")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ProjectFileError, match=r"no project\.qde"):
        read_project(path)


def test_project_missing_file_is_a_known_error(tmp_path):
    with pytest.raises(FileNotFoundError) as err:
        read_project(tmp_path / "er-niet.qdpx")
    assert is_known(err.value)
