"""The researcher's codebook in the export: codebook.csv, kruispunt.qdpx, coded_segments.

The deductive codings are made by hand in `export_fixtures.DEDUCTIVE`, their offsets found
with str.find in the fixture texts; every file is read back as a reader would.
"""

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xmlschema
from export_fixtures import DEDUCTIVE, build_tables, compared_layout
from lxml import etree

from pipeline.export.codebook import build_codebook
from pipeline.export.deductive_codes import add_deductive_codes, code_path, deductive_memo
from pipeline.export.selections import build_selections

NS = {"q": "urn:QDA-XML:project:1.0", "c": "urn:QDA-XML:codebook:1.0"}
SPECS = Path(__file__).resolve().parents[2] / "shared" / "specs" / "refi-qda"


def _spans() -> dict[str, tuple[str, int, int, str]]:
    """coding_id -> (doc_id, start, end, code), worked out here from the texts."""
    texts = dict(zip(*(build_tables()["documents"][c] for c in ("doc_id", "text")), strict=True))
    out = {}
    for code, doc, seg_idx, span, _, _ in DEDUCTIVE:
        start = texts[doc].index(span)
        out[f"{doc}#{seg_idx:04d}@0/{code}"] = (doc, start, start + len(span), code)
    return out


SPANS = _spans()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return compared_layout(tmp_path_factory)[0].reports


@pytest.fixture(scope="module")
def qde(reports):
    with zipfile.ZipFile(reports / "kruispunt.qdpx") as archive:
        return etree.fromstring(archive.read("project.qde"))


def _children(code) -> list[str]:
    return [c.get("name") for c in code.findall("q:Code", NS)]


def test_deductive_qdpx_has_a_codeboek_branch_with_the_sub_codes(qde):
    top = qde.find("q:CodeBook/q:Codes", NS)
    root = [c for c in top.findall("q:Code", NS) if c.get("name") == "codeboek"]
    assert len(root) == 1
    # `zorg/eigen kracht` nests under `zorg`; `regie` clashes with the focal term `regie`,
    # which keeps its name, so the researcher's code is numbered.
    assert sorted(_children(root[0])) == ["regie [2]", "zorg"]
    zorg = next(c for c in root[0].findall("q:Code", NS) if c.get("name") == "zorg")
    assert _children(zorg) == ["eigen kracht"]
    names = [c.get("name").casefold() for c in qde.iterfind(".//q:Code", NS)]
    assert len(names) == len(set(names))


def test_deductive_qdpx_codes_each_span_as_a_plain_text_selection(qde):
    guids = {c.get("name"): c.get("guid") for c in qde.iterfind(".//q:Code", NS)}
    expected = {"zorg/eigen kracht": guids["eigen kracht"], "regie": guids["regie [2]"]}
    found = set()
    for source in qde.iterfind(".//q:Sources/q:TextSource", NS):
        for sel in source.iterfind("q:PlainTextSelection", NS):
            for ref in sel.iterfind("q:Coding/q:CodeRef", NS):
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
                found.add((source.get("name"), start, end, ref.get("targetGUID")))
    for doc, start, end, code in SPANS.values():
        assert (doc, start, end, expected[code]) in found


@pytest.mark.skipif(not SPECS.exists(), reason="REFI-QDA specs not available")
def test_deductive_files_still_validate_against_the_xsd(reports):
    xmlschema.XMLSchema(SPECS / "Codebook.xsd").validate(str(reports / "codebook.qdc"))
    with zipfile.ZipFile(reports / "kruispunt.qdpx") as archive:
        qde = archive.read("project.qde")
    xmlschema.XMLSchema(SPECS / "Project.xsd").validate(io.BytesIO(qde))


def test_deductive_codebook_qdc_carries_the_branch(reports):
    root = etree.parse(str(reports / "codebook.qdc")).getroot()
    names = [c.get("name") for c in root.iterfind(".//c:Code", NS)]
    assert {"codeboek", "zorg", "eigen kracht", "regie [2]"} <= set(names)


def test_deductive_codebook_csv_counts_the_codings(reports):
    with open(reports / "codebook.csv", encoding="utf-8") as handle:
        rows = {r["code_id"]: r for r in csv.DictReader(handle)}
    assert rows["codeboek"]["level"] == "codebook"
    leaf = rows["codeboek/zorg/eigen kracht"]
    assert (leaf["level"], leaf["parent_code_id"], leaf["name"]) == (
        "deductive", "codeboek/zorg", "eigen kracht",
    )  # fmt: skip
    # Two codings (DEDUCTIVE), in two documents; `zorg` has none of its own.
    assert (leaf["n_codings"], leaf["n_docs"]) == ("2", "2")
    assert rows["codeboek/zorg"]["n_codings"] == "0"
    assert "lemmas:zelfredzaam*" in leaf["definition"]
    quote = "[vissenkom_utrecht.txt#0001] Zelfredzaamheid is een groeiproces."
    assert quote in leaf["example_quotes"]


def test_deductive_coded_segments_csv_has_one_row_per_coding(reports):
    with open(reports / "coded_segments.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    deductive = {r["coding_id"]: r for r in rows if r["level"] == "deductive"}
    assert set(deductive) == {f"deductive:{k}" for k in SPANS}
    texts = dict(zip(*(build_tables()["documents"][c] for c in ("doc_id", "text")), strict=True))
    for key, (doc, start, end, code) in SPANS.items():
        row = deductive[f"deductive:{key}"]
        assert (row["doc_id"], int(row["char_start"]), int(row["char_end"])) == (doc, start, end)
        assert row["coded_text"] == texts[doc][start:end]
        assert row["code_id"] == f"codeboek/{code}"
    assert deductive["deductive:vissenkom_utrecht.txt#0001@0/zorg/eigen kracht"]["matched"] == (
        "Zelfredzaamheid"
    )


def test_deductive_workbook_sheets_carry_the_codes(reports):
    workbook = openpyxl.load_workbook(reports / "kruispunt.xlsx", read_only=True)
    sheet = list(workbook["coded_segments"].iter_rows(values_only=True))
    header = sheet[0]
    coding_ids = {r[header.index("coding_id")] for r in sheet[1:]}
    assert {f"deductive:{k}" for k in SPANS} <= coding_ids
    codes = {r[0] for r in workbook["codebook"].iter_rows(values_only=True)}
    assert {"codeboek", "codeboek/zorg", "codeboek/zorg/eigen kracht", "codeboek/regie"} <= codes


def test_deductive_nothing_changes_without_deductive_codings():
    tables = build_tables()
    codebook = build_codebook(
        tables["term_hits"], tables["coded_contexts"], tables["themes"],
        tables["associations"], terms=["regie", "maatwerk"],
    )  # fmt: skip
    empty = pd.DataFrame(columns=list(DEDUCTIVE_COLUMNS))
    same = add_deductive_codes(
        codebook, empty, documents=tables["documents"], segments=tables["segments"]
    )
    assert same is codebook
    plain = build_selections(
        tables["term_hits"], tables["coded_contexts"], codebook, documents=tables["documents"]
    )
    with_empty = build_selections(
        tables["term_hits"], tables["coded_contexts"], codebook,
        documents=tables["documents"], deductive_codings=empty,
    )  # fmt: skip
    assert plain == with_empty


DEDUCTIVE_COLUMNS = (
    "coding_id", "code", "doc_id", "seg_id", "sent_start", "sent_end", "char_start",
    "char_end", "rules", "matched",
)  # fmt: skip


@pytest.mark.parametrize(
    ("code", "path"),
    [("zorg/eigen kracht", "zorg/eigen kracht"), (" zorg / eigen kracht ", "zorg/eigen kracht"),
     ("a//b", "a/b"), ("regie", "regie")],
)  # fmt: skip
def test_deductive_code_path_tidies_parts(code, path):
    assert code_path(code) == path


def test_deductive_code_named_codeboek_as_a_term_keeps_ids_unique():
    tables = build_tables()
    hits = tables["term_hits"].replace({"term": {"regie": "codeboek"}})
    contexts = tables["coded_contexts"].assign(
        terms=tables["coded_contexts"]["terms"].str.replace("regie", "codeboek")
    )
    codebook = build_codebook(
        hits, contexts, tables["themes"], tables["associations"], terms=["codeboek"]
    )
    assert list(codebook["code_id"]) == ["codeboek", "codeboek/T01-regie-vertrouwen"]
    codings = pd.DataFrame(
        [["d@0/x", "x", "vissenkom_utrecht.txt", "vissenkom_utrecht.txt#0001", 0, 1, 68, 83,
          "lemmas:x", "Zelfredzaamheid"]],
        columns=list(DEDUCTIVE_COLUMNS),
    )  # fmt: skip
    out = add_deductive_codes(
        codebook, codings, documents=tables["documents"], segments=tables["segments"]
    )
    assert list(out["code_id"])[2:] == ["codeboek [2]", "codeboek [2]/x"]
    assert list(out["parent_code_id"])[2:] == ["", "codeboek [2]"]
    assert list(out["name"])[2:] == ["codeboek [2]", "x"]
    assert out["guid"].is_unique


def test_deductive_memo_says_what_the_code_is():
    tables = build_tables()
    codings = pd.DataFrame(
        [["d@0/x", "zorg/x", "vissenkom_utrecht.txt", "vissenkom_utrecht.txt#0001", 0, 1, 68,
          83, "lemmas:zelfredzaam*", "Zelfredzaamheid"]],
        columns=list(DEDUCTIVE_COLUMNS),
    )  # fmt: skip
    empty = build_codebook(
        tables["term_hits"].iloc[:0], tables["coded_contexts"].iloc[:0], tables["themes"],
        tables["associations"], terms=[],
    )  # fmt: skip
    book = add_deductive_codes(
        empty, codings, documents=tables["documents"], segments=tables["segments"]
    )
    rows = {r["code_id"]: r for r in book.to_dict("records")}
    memo = deductive_memo(rows["codeboek/zorg/x"])
    # Offsets 68..83 of vissenkom_utrecht.txt are "Zelfredzaamheid" (DEDUCTIVE).
    assert "- [vissenkom_utrecht.txt#0001] Zelfredzaamheid" in memo
    assert "Code in the researcher's codebook: zorg/x" in memo
    assert "Words that matched (times): Zelfredzaamheid (1)" in memo
    assert "Theme" not in memo
    assert "Example quotes" not in deductive_memo(rows["codeboek"])
