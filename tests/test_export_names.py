"""Unique, readable names: QualCoder merges codes that share a name (issue 20).

The names are checked in the written .qdc and .qdpx, parsed back, and in the codebook
table the CSV and workbook show.
"""

import zipfile

import pandas as pd
import pytest
from export_fixtures import exported_layout
from lxml import etree

from pipeline.export.names import (
    selection_name,
    short_code,
    theme_code_name,
    theme_set_name,
    unique_names,
)

NS = {"q": "urn:QDA-XML:project:1.0", "c": "urn:QDA-XML:codebook:1.0"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    layout, _ = exported_layout(tmp_path_factory)
    return layout


@pytest.fixture(scope="module")
def qde(exported):
    with zipfile.ZipFile(exported.reports / "kruispunt.qdpx") as archive:
        return etree.fromstring(archive.read("project.qde"))


@pytest.mark.parametrize(
    ("code", "short"),
    [
        ("T03-netwerk-steun", "T03"),
        ("TXX-overig", "TXX"),
        ("T03.1-buurt-wijk", "T03.1"),  # a sub-theme, once themes nest
        ("T12", "T12"),
        ("maatwerk", "maatwerk"),
    ],
)
def test_names_short_code(code, short):
    assert short_code(code) == short


@pytest.mark.parametrize(
    ("code", "label", "term", "name"),
    [
        ("T03-netwerk-steun", "netwerk, steun", "zelfredzaamheid",
         "T03 netwerk, steun (zelfredzaamheid)"),
        ("TXX-overig", "overig (niet ingedeeld)", "regie", "TXX overig (niet ingedeeld) (regie)"),
        ("T03.1-buurt", " buurt,\n wijk ", "maatwerk", "T03.1 buurt, wijk (maatwerk)"),
        ("T04-x", "", "regie", "T04 (regie)"),
    ],
)  # fmt: skip
def test_names_theme_code_name(code, label, term, name):
    assert theme_code_name(code, label, term=term) == name


def test_names_theme_set_name_leaves_out_the_term():
    assert theme_set_name("T03-netwerk-steun", "netwerk, steun") == "T03 netwerk, steun"


@pytest.mark.parametrize(
    ("names", "taken", "expected"),
    [
        (["regie", "maatwerk"], [], ["regie", "maatwerk"]),
        (["regie", "Regie", "regie "], [], ["regie", "Regie [2]", "regie [3]"]),
        (["Case a.txt"], ["case a.txt"], ["Case a.txt [2]"]),
        (["x", "x [2]", "x"], [], ["x", "x [2]", "x [3]"]),
        (["", "kop\x0bregel"], [], ["(naamloos)", "kop regel"]),
    ],
)
def test_names_unique_names_fold_case_and_spacing(names, taken, expected):
    out = unique_names(names, taken=taken)
    assert out == expected
    assert len({n.casefold() for n in [*out, *taken]}) == len(out) + len(taken)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Zelfredzaamheid is\n een groeiproces. ", "Zelfredzaamheid is een groeiproces."),
        ("woord " * 30, "woord " * 12 + "woord…"),  # cut at a word, 80 characters at most
        ("a" * 100, "a" * 79 + "…"),  # no space to cut at: cut hard
    ],
)
def test_names_selection_name_is_the_trimmed_quote(text, expected):
    name = selection_name(text)
    assert name == expected
    assert len(name) <= 80


def test_names_codes_are_unique_in_the_written_files(exported, qde):
    qdc = etree.parse(str(exported.reports / "codebook.qdc")).getroot()
    for root in (qdc, qde):
        names = [c.get("name") for c in root.iter("{*}Code")]
        assert len(names) > 5
        assert len({n.casefold() for n in names}) == len(names)


def test_names_codebook_table_shows_the_same_unique_names(exported, qde):
    codebook = pd.read_csv(exported.reports / "codebook.csv")
    assert codebook["name"].is_unique
    in_qdpx = {c.get("guid"): c.get("name") for c in qde.iterfind(".//q:Code", NS)}
    assert dict(zip(codebook["guid"], codebook["name"], strict=True)).items() <= in_qdpx.items()
    nested = codebook[codebook["level"] == "theme"]
    # Every nested name says its theme number, label and term.
    for row in nested.itertuples():
        assert row.name == f"{row.theme[:3]} {row.label} ({row.term})"


def test_names_sets_are_unique_and_apart_from_variable_names(qde):
    sets = [s.get("name") for s in qde.iterfind(".//q:Set", NS)]
    variables = [v.get("name") for v in qde.iterfind(".//q:Variable", NS)]
    assert len(set(sets)) == len(sets)
    assert not set(sets) & set(variables)


def test_names_selections_are_named_by_their_quote(exported, qde):
    with zipfile.ZipFile(exported.reports / "kruispunt.qdpx") as archive:
        for source in qde.iterfind(".//q:TextSource", NS):
            text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
            for sel in source.iterfind("q:PlainTextSelection", NS):
                quote = text[int(sel.get("startPosition")) : int(sel.get("endPosition"))]
                name = sel.get("name")
                assert name == " ".join(quote.split()) or (
                    name.endswith("…") and " ".join(quote.split()).startswith(name[:-1])
                )
