"""Cases linked to their sources the ways programs read the link (issue 20).

NVivo and MAXQDA read the Case's SourceRef; QualCoder (4.0, `refi.py`
`clean_up_case_codes_and_case_text`) reads a code with the Case's GUID, coded on the text.
"""

import zipfile

import pytest
from export_fixtures import DOCUMENTS, build_tables, exported_layout
from lxml import etree

from pipeline.export.cases import case_codes

NS = {"q": "urn:QDA-XML:project:1.0"}
DOC_IDS = sorted(d[0] for d in DOCUMENTS)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    layout, _ = exported_layout(tmp_path_factory)
    with zipfile.ZipFile(layout.reports / "kruispunt.qdpx") as archive:
        root = etree.fromstring(archive.read("project.qde"))
        texts = {
            s.get("guid"): archive.read(f"sources/{s.get('guid')}.txt").decode("utf-8")
            for s in root.iterfind(".//q:TextSource", NS)
        }
    return root, texts


def test_cases_one_per_document_with_a_source_ref_to_it(project):
    root, _ = project
    sources = {s.get("guid"): s.get("name") for s in root.iterfind(".//q:TextSource", NS)}
    cases = root.findall(".//q:Case", NS)
    assert [c.get("name") for c in cases] == DOC_IDS
    for case in cases:
        refs = [r.get("targetGUID") for r in case.iterfind("q:SourceRef", NS)]
        assert [sources[r] for r in refs] == [case.get("name")]


def test_cases_each_has_a_case_code_coded_on_its_whole_document(project):
    root, texts = project
    top_codes = {c.get("guid"): c for c in root.find(".//q:CodeBook/q:Codes", NS)}
    for case in root.iterfind(".//q:Case", NS):
        code = top_codes[case.get("guid")]  # same GUID, top level
        assert code.get("name") == f"Case {case.get('name')}"
        source_guid = case.find("q:SourceRef", NS).get("targetGUID")
        source = next(
            s for s in root.iterfind(".//q:TextSource", NS) if s.get("guid") == source_guid
        )
        spans = [
            (int(sel.get("startPosition")), int(sel.get("endPosition")))
            for sel in source.iterfind("q:PlainTextSelection", NS)
            if sel.find(f"q:Coding/q:CodeRef[@targetGUID='{case.get('guid')}']", NS) is not None
        ]
        assert spans == [(0, len(texts[source_guid]))]


def test_cases_case_codes_never_share_a_codebook_name():
    docs = build_tables()["documents"]
    taken = ["Case notulen_raad.txt", "regie"]
    names = [c.name for c in case_codes(docs, taken=taken)]
    assert names == [
        "Case interview_zoe.vtt",
        "Case notulen_raad.txt [2]",
        "Case vissenkom_utrecht.txt",
    ]
