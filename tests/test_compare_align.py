"""Matching project sources to documents, and mapping coding offsets across text changes.

Every offset and exact_share below is counted by hand in the comment beside it.
"""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from export_fixtures import build_tables, exported_layout

from pipeline.compare.align import (
    TEXT_MIN_SIMILARITY,
    canonical,
    describe_differences,
    map_codings,
    match_sources,
)
from pipeline.compare.project import TABLES, CodedProject, read_project
from pipeline.schemas import columns

# Line 1 "Voorzitter: Welkom bij de vissenkom." is 36 characters: "Voorzitter:" 11,
# " Welkom" 7 (18), " bij" 4 (22), " de" 3 (25), " vissenkom." 11 (36); "\n" is 36.
# Line 2 starts at 37 with "Amina: " (7), so "Zelfredzaamheid" (15) is [44, 59).
DOC = "Voorzitter: Welkom bij de vissenkom.\nAmina: Zelfredzaamheid is een groeiproces.\n"
ZR = (44, 59)


def documents(**texts: str) -> pd.DataFrame:
    rows = [{"doc_id": d.replace("__", "/").replace("_", "."), "title": f"Titel {d}", "text": t}
            for d, t in texts.items()]  # fmt: skip
    return pd.DataFrame(rows)


def coded_project(sources: list[tuple], codings: list[tuple], users=()) -> CodedProject:
    """A project with one code `groep/zelf` (guid c) and the given sources and codings."""

    def frame(name, rows):
        return pd.DataFrame(rows, columns=TABLES[name].split(), dtype=object)

    coded = frame("codings", codings).astype({"start": "int64", "end": "int64"})
    return CodedProject(
        sources=frame("sources", sources),
        codes=frame("codes", [("p", "groep", None, "groep"), ("c", "zelf", "p", "groep/zelf")]),
        codings=coded,
        users=frame("users", list(users)),
        cases=frame("cases", []),
        variables=frame("variables", []),
        problems=[],
    )


def test_align_names_match_doc_id_file_name_stem_or_title_ignoring_case():
    docs = pd.DataFrame(
        [
            {"doc_id": "gemeente/vissenkom_utrecht.txt", "title": "Vissenkom Wet inburgering",
             "text": DOC},
            {"doc_id": "notulen.txt", "title": "Notulen", "text": "De raad vergadert.\n"},
        ]
    )  # fmt: skip
    names = [
        "gemeente/vissenkom_utrecht.txt",  # the doc_id
        "VISSENKOM_UTRECHT.TXT",  # its file name, in capitals
        "vissenkom_utrecht.docx",  # its stem, another extension
        "vissenkom wet inburgering",  # its title
    ]
    sources = pd.DataFrame({"source_guid": list("abcd"), "name": names, "text": [DOC] * 4})
    matches = match_sources(sources, docs)
    assert list(matches.columns) == [
        "source_guid", "source", "doc_id", "matched_by", "similarity", "reason"
    ]  # fmt: skip
    assert set(matches["doc_id"]) == {"gemeente/vissenkom_utrecht.txt"}  # several onto one
    assert set(matches["matched_by"]) == {"name"}
    assert (matches["similarity"] == 1.0).all() and (matches["reason"] == "").all()


def test_align_text_match_when_the_name_differs_and_none_with_a_reason():
    docs = documents(vissenkom_txt=DOC, notulen_txt="De raad bespreekt de begroting.\n")
    header = "Transcript van de vergadering\n"
    sources = pd.DataFrame(
        {
            "source_guid": ["s1", "s2", "s3"],
            "name": ["Interview 3", "Onbekend gesprek", "notulen.txt"],
            "text": [header + DOC, "Iets heel anders, over het weer.\n", DOC],
        }
    )
    matches = match_sources(sources, docs).set_index("source_guid")
    # s1: no name, but its text is DOC with a 30-character header.
    assert matches.loc["s1", "doc_id"] == "vissenkom.txt"
    assert matches.loc["s1", "matched_by"] == "text"
    assert TEXT_MIN_SIMILARITY <= matches.loc["s1", "similarity"] < 1.0
    # s2: neither its name nor its text is in the corpus.
    assert matches.loc["s2", "doc_id"] is None and matches.loc["s2", "matched_by"] == "none"
    assert matches.loc["s2", "reason"].startswith("no document has its name")
    assert f"< {TEXT_MIN_SIMILARITY}" in matches.loc["s2", "reason"]
    # s3: named like notulen.txt, but its text is the vissenkom's, which wins by text.
    assert matches.loc["s3", "doc_id"] == "vissenkom.txt"
    assert matches.loc["s3", "matched_by"] == "text"


def test_align_name_match_with_a_wholly_different_text_is_not_trusted():
    docs = documents(notulen_txt="De raad bespreekt de begroting voor 2025.\n")
    sources = pd.DataFrame({"source_guid": ["s"], "name": ["notulen.txt"],
                            "text": ["Zoë: maatwerk is belangrijk bij de intake.\n"]})  # fmt: skip
    row = match_sources(sources, docs).iloc[0]
    assert row["doc_id"] is None and row["matched_by"] == "none"
    assert "its name is notulen.txt's but not its text" in row["reason"]


def _mapped(source_text: str, spans: list[tuple[int, int]], doc: str = DOC):
    project = coded_project(
        [("s", "bron.txt", source_text)],
        [(f"sel{i}", "s", "c", a, b, "u1") for i, (a, b) in enumerate(spans)],
        users=[("u1", "anna")],
    )
    docs = documents(bron_txt=doc)
    mapped, unmapped = map_codings(project, docs, match_sources(project.sources, docs))
    return mapped, unmapped


def test_align_equal_texts_carry_offsets_over():
    mapped, unmapped = _mapped(DOC, [ZR, (0, 11)])
    assert list(mapped.columns) == columns("compare_codings")
    assert mapped[["char_start", "char_end", "exact_share"]].values.tolist() == [
        [44, 59, 1.0],
        [0, 11, 1.0],
    ]
    assert set(mapped["side"]) == {"human"} and set(mapped["coder"]) == {"anna"}
    assert set(mapped["code"]) == {"groep/zelf"} and set(mapped["source"]) == {"bron.txt"}
    assert unmapped.empty


def test_align_crlf_line_ends():
    source = DOC.replace("\n", "\r\n")
    # Each "\n" gains a "\r" before it: "Zelfredzaamheid" moves one on, to [45, 60).
    # [30, 45) is "enkom." (30-35), "\r\n" (36-37), "Amina: " (38-44): 15 characters that
    # are 14 in DOC, [30, 44); the "\r" is an undone line-end difference, so all exact.
    mapped, _ = _mapped(source, [(45, 60), (30, 45)])
    assert mapped[["char_start", "char_end", "exact_share"]].values.tolist() == [
        [44, 59, 1.0],
        [30, 44, 1.0],
    ]


def test_align_nfd_against_nfc():
    doc = "Zoë: één keer.\n"
    source = unicodedata.normalize("NFD", doc)
    # NFD: "Zoe\u0308: e\u0301e\u0301n keer.\n"; "Zoe\u0308: " is 6 characters, so "één" is
    # [6, 11) (five code points) in the source and [5, 8) in the NFC document.
    assert source[6:11] == "e\u0301e\u0301n"
    mapped, _ = _mapped(source, [(6, 11)], doc=doc)
    assert mapped[["char_start", "char_end", "exact_share"]].values.tolist() == [[5, 8, 1.0]]


def test_align_header_added_by_the_qda_program():
    header = "Transcript van de vergadering\n"  # 10 + 4 + 3 + 12 + 1 = 30 characters
    source = header + DOC
    # "Zelfredzaamheid" moves 30 on: [74, 89). [20, 41) is "rgadering\n" (10, header) and
    # "Voorzitter:" (11, DOC[0:11]): 11 of 21 characters exact, mapped onto [0, 11).
    mapped, _ = _mapped(source, [(74, 89), (20, 41)])
    rows = mapped[["char_start", "char_end", "exact_share"]].values.tolist()
    assert rows == [[44, 59, 1.0], [0, 11, pytest.approx(11 / 21)]]


def test_align_changed_whitespace():
    source = DOC.replace("Welkom bij", "Welkom  bij")
    # "Welkom  bij" is [12, 23) in the source, 11 characters; one space has no counterpart,
    # so 10 of 11 are exact, onto DOC's "Welkom bij" [12, 22). Later text moves one on.
    mapped, _ = _mapped(source, [(12, 23), (45, 60)])
    rows = mapped[["char_start", "char_end", "exact_share"]].values.tolist()
    assert rows == [[12, 22, pytest.approx(10 / 11)], [44, 59, 1.0]]


def test_align_unmappable_and_empty_codings_are_reported():
    source = DOC.replace("groeiproces", "####")
    # "####" is [67, 71) ("Amina: Zelfredzaamheid is een " ends at 37 + 30 = 67): none of
    # its characters is in DOC. [10, 10) is empty.
    assert source[67:71] == "####"
    mapped, unmapped = _mapped(source, [(67, 71), (10, 10), ZR])
    assert mapped[["char_start", "char_end"]].values.tolist() == [[44, 59]]
    assert list(unmapped.columns) == ["selection", "source", "code", "coder", "reason"]
    reasons = dict(zip(unmapped["selection"], unmapped["reason"], strict=True))
    assert reasons == {
        "sel0": "the selection (67-71) has no character in the document",
        "sel1": "the selection (10-10) is empty",
    }


def test_align_source_without_a_match_leaves_its_codings_unmapped_with_the_reason():
    project = coded_project(
        [("s", "Onbekend gesprek", "Over het weer, en verder niets.\n")],
        [("sel", "s", "c", 0, 4, None)],
    )
    docs = documents(bron_txt=DOC)
    matches = match_sources(project.sources, docs)
    mapped, unmapped = map_codings(project, docs, matches)
    assert mapped.empty and list(mapped.columns) == columns("compare_codings")
    row = unmapped.iloc[0]
    assert row["coder"] == "onbekend"  # the coding names no user
    assert row["code"] == "groep/zelf" and row["source"] == "Onbekend gesprek"
    assert row["reason"].startswith("its source matched no document: no document has its name")


def test_align_canonical_keeps_a_map_to_each_character():
    text, owner = canonical("\ufeffa\r\nb\u0301")
    # The mark goes (its owner is "a", 0); "\r\n" becomes one "\n" (1); "b" + U+0301 has no
    # precomposed form in NFC, so both stay (2, 3).
    assert text == "a\nb\u0301"
    assert owner.tolist() == [0, 0, 1, 1, 2, 3]


def test_align_describe_differences():
    assert describe_differences(DOC, DOC) == []
    assert describe_differences(DOC.replace("\n", "\r\n"), DOC) == ["\\r line ends"]
    assert describe_differences("KOP\n" + DOC, DOC) == ["4 characters before the text (a header)"]
    assert describe_differences(DOC.replace(" ", "  "), DOC) == ["different blanks"]
    # "Dag" against "Dat": Indel ratio 1 - 2 / (3 + 3) = 0.67.
    assert describe_differences("Dag", "Dat") == ["edits (0.67)"]


def test_align_kruispunt_export_round_trip_is_exact(tmp_path_factory):
    layout, _ = exported_layout(tmp_path_factory)
    project = read_project(layout.reports / "kruispunt.qdpx")
    docs = build_tables()["documents"]
    matches = match_sources(project.sources, docs)
    assert (matches["doc_id"] == matches["source"]).all()
    assert set(matches["matched_by"]) == {"name"}
    mapped, unmapped = map_codings(project, docs, matches)
    assert unmapped.empty and len(mapped) == len(project.codings)
    assert (mapped["exact_share"] == 1.0).all()
    # Offsets carry over: the hits of the fixture are among the mapped spans.
    hits = build_tables()["term_hits"]
    spans = set(mapped[["doc_id", "char_start", "char_end", "code"]].itertuples(index=False))
    expected = set(hits[["doc_id", "char_start", "char_end", "term"]].itertuples(index=False))
    assert expected <= spans
