"""Memos: every code has a Note attached (NoteRef), with its statistics (issue 20).

QualCoder (4.0, `refi.py` `parse_notes`) imports a Note with a name and a plainTextPath
as a journal; NVivo and ATLAS.ti attach it to the code through the NoteRef. The expected
statistics are those of export_fixtures (`assoc_specs`), worked out by hand below.
"""

import zipfile

import pytest
from export_fixtures import FIXED_DATE, FIXED_USER, build_tables, exported_layout
from lxml import etree

from pipeline.export.codebook import build_codebook
from pipeline.export.notes import association_lines, build_notes

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    layout, _ = exported_layout(tmp_path_factory)
    with zipfile.ZipFile(layout.reports / "kruispunt.qdpx") as archive:
        root = etree.fromstring(archive.read("project.qde"))
        files = {n: archive.read(n).decode("utf-8") for n in archive.namelist()}
    return root, files


def _memos(root, files):
    notes = {n.get("guid"): n for n in root.iterfind(".//q:Notes/q:Note", NS)}
    out = {}
    for code in root.iterfind(".//q:CodeBook//q:Code", NS):
        refs = [r.get("targetGUID") for r in code.iterfind("q:NoteRef", NS)]
        if refs:
            note = notes[refs[0]]
            path = note.get("plainTextPath").removeprefix("internal://")
            out[code.get("name")] = (note, files[f"sources/{path}"], len(refs))
    return out


def test_notes_every_codebook_code_has_one_memo_attached(project):
    root, files = project
    memos = _memos(root, files)
    case_guids = {c.get("guid") for c in root.iterfind(".//q:Case", NS)}
    codes = [
        c for c in root.iterfind(".//q:CodeBook//q:Code", NS) if c.get("guid") not in case_guids
    ]
    assert {c.get("name") for c in codes} == set(memos)
    assert all(n_refs == 1 for *_, n_refs in memos.values())
    assert len(root.findall(".//q:Notes/q:Note", NS)) == len(codes)


def test_notes_carry_what_qualcoder_needs_for_a_journal(project):
    root, files = project
    user = root.find(".//q:User", NS)
    assert user.get("name") == FIXED_USER
    for note, text, _ in _memos(root, files).values():
        assert note.get("name").startswith("Memo: ") and text.strip()
        assert note.get("creatingUser") == user.get("guid")
        assert note.get("creationDateTime") == note.get("modifiedDateTime") == FIXED_DATE
        assert note.find("q:PlainTextContent", NS) is None  # path or content, not both


def test_notes_term_memo_lists_its_associates_with_every_statistic(project):
    memo = _memos(*project)["maatwerk"][1]
    # complex: a=2, a+b=4, a+c=3, N=12, expected 4*3/12, PMI 1+2/2, logDice 12+2/3,
    # G2 2.5*2, t 0.5*2 (export_fixtures); the two with logDice 12.33 follow by name.
    assert (
        "- complex (word, ADJ): a 2, a+b 4, a+c 3, N 12, expected 1.00, PMI 2.00, "
        "logDice 12.67, G2 5.00, t 1.00, documents 1, speakers 1; relations amod:1"
    ) in memo
    assert memo.index("- complex") < memo.index("- statushouder") < memo.index("- vertrouwen")
    assert "T01 regie, vertrouwen, gemeente (maatwerk)" in memo  # its themes


def test_notes_theme_memo_has_label_keywords_and_quotes(project):
    memo = _memos(*project)["T00 groeiproces, taal, wijk (zelfredzaamheid)"][1]
    assert "Label: groeiproces, taal, wijk" in memo
    assert "Keywords (c-TF-IDF weight): groeiproces (0.900); taal (0.800); wijk (0.700)" in memo
    assert "Zelfredzaamheid is een groeiproces." in memo


def test_notes_researcher_description_reaches_the_theme_memo():
    tables = build_tables()
    themes = tables["themes"].assign(description=["Groei en taal als proces.", None])
    codebook = build_codebook(
        tables["term_hits"], tables["coded_contexts"], themes, tables["associations"],
        terms=["zelfredzaamheid", "maatwerk"],
    )  # fmt: skip
    notes = {n.name: n.text for n in build_notes(codebook, themes, tables["associations"])}
    assert (
        "Description: Groei en taal als proces."
        in notes["Memo: T00 groeiproces, taal, wijk (zelfredzaamheid)"]
    )
    assert "Description:" not in notes["Memo: T01 regie, vertrouwen, gemeente (maatwerk)"]


@pytest.mark.parametrize(
    ("term", "n", "expected"), [("maatwerk", 1, 1), ("maatwerk", 9, 3), ("participatie", 5, 0)]
)
def test_notes_association_lines_keep_the_top_n(term, n, expected):
    lines = association_lines(build_tables()["associations"], term, measure="log_dice", n=n)
    assert len(lines) == expected
