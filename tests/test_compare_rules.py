"""Loading the researcher's codebook: YAML rules validated, a `.qdc` read as name rules."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from lxml import etree

from pipeline.compare.rules import CodeRule, code_path, load_codebook, parse_codebook
from pipeline.export.refiqda import codebook_xml
from pipeline.params import ParamsError

ROOT = Path(__file__).resolve().parents[1]
XSD = ROOT.parent / "shared" / "specs" / "refi-qda" / "Codebook.xsd"

# A codebook as the REFI-QDA standard writes it (section 5.2): a folder code that cannot be
# coded, holding a codable one, and a two-level code whose child name holds a slash.
QDC = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="hand">
  <Codes>
    <Code guid="11111111-1111-1111-1111-111111111111" name="Thema's" isCodable="false">
      <Code guid="22222222-2222-2222-2222-222222222222" name="Maatwerk" isCodable="true">
        <Description>Zorg op maat.</Description>
      </Code>
    </Code>
    <Code guid="33333333-3333-3333-3333-333333333333" name="Eigen  kracht" isCodable="true">
      <Code guid="44444444-4444-4444-4444-444444444444" name="regie/loslaten"
            isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_compare_rules_yaml_gives_validated_rules_in_file_order(tmp_path):
    path = _write(
        tmp_path,
        "book.yaml",
        "eigen kracht: {lemmas: [eigen kracht, zelfredzaam*], near: [netwerk, steun]}\n"
        "regie / loslaten:\n  phrases: uit handen\n  near_sentences: 0\n"
        "wethouder: {speakers: ['*wethouder*']}\n",
    )
    book = load_codebook(path)
    assert list(book) == ["eigen kracht", "regie/loslaten", "wethouder"]
    assert book["eigen kracht"].lemmas == ["eigen kracht", "zelfredzaam*"]
    assert book["eigen kracht"].near == ["netwerk", "steun"]
    assert book["eigen kracht"].near_sentences == 1  # the default
    assert book["regie/loslaten"].phrases == ["uit handen"]  # one string: a list of one
    assert book["regie/loslaten"].near_sentences == 0
    assert book["wethouder"].speakers == ["*wethouder*"]
    assert book["wethouder"].compounds is True


def test_compare_rules_unknown_key_is_refused_naming_code_and_key(tmp_path):
    path = _write(
        tmp_path, "book.yaml", "maatwerk: {lemmas: [maatwerk]}\neigen kracht: {lemma: [x]}\n"
    )
    with pytest.raises(ParamsError) as err:
        load_codebook(path)
    message = str(err.value)
    assert "code 'eigen kracht': unknown key 'lemma'" in message
    assert "allowed keys: lemmas, phrases" in message
    assert str(path) in message


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ({"leeg": {}}, "code 'leeg': the rule codes nothing"),
        ({"alleen near": {"near": ["netwerk"]}}, "code 'alleen near': the rule codes nothing"),
        ({"ster": {"lemmas": ["*"]}}, "'*' pattern must be one word with letters"),
        ({"twee": {"lemmas": ["elkaar help*"]}}, "'*' pattern must be one word with letters"),
        ({"n": {"lemmas": ["x"], "near_sentences": -1}}, "code 'n' 'near_sentences'"),
        ({"blank": {"lemmas": ["  "]}}, "an entry is empty"),
        ({"lijst": ["maatwerk"]}, "code 'lijst': the rule must be a mapping"),
        ({"regie/": {"lemmas": ["regie"]}}, "code name 'regie/' has an empty part"),
        (["maatwerk"], "must map code names to rules, got list"),
        (None, "got nothing"),
    ],
)
def test_compare_rules_invalid_codebooks_are_refused(raw, fragment):
    with pytest.raises(ParamsError) as err:
        parse_codebook(raw)
    assert fragment in str(err.value)


def test_compare_rules_every_problem_is_listed_once(tmp_path):
    path = _write(tmp_path, "book.yaml", "a: {lemas: [x]}\nb: {phrases: [y], naer: [z]}\n")
    with pytest.raises(ParamsError) as err:
        load_codebook(path)
    lines = str(err.value).splitlines()[1:]
    assert [line.strip().split(";")[0] for line in lines] == [
        "code 'a': unknown key 'lemas'",
        "code 'b': unknown key 'naer'",
    ]


def test_compare_rules_unreadable_files_raise_the_params_error(tmp_path):
    with pytest.raises(ParamsError, match="cannot be read"):
        load_codebook(tmp_path / "missing.yaml")
    with pytest.raises(ParamsError, match="not valid YAML"):
        load_codebook(_write(tmp_path, "bad.yaml", "a: [unclosed\n"))
    with pytest.raises(ParamsError, match="not well-formed"):
        load_codebook(_write(tmp_path, "bad.qdc", "<CodeBook><Codes>"))
    bomb = '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaa">]><CodeBook>&a;</CodeBook>'
    with pytest.raises(ParamsError, match="declares entities"):
        load_codebook(_write(tmp_path, "bomb.qdc", bomb))
    with pytest.raises(ParamsError, match="no codable code"):
        load_codebook(_write(tmp_path, "none.qdc", "<CodeBook><Codes/></CodeBook>"))


@pytest.mark.skipif(not XSD.exists(), reason="../shared/specs/refi-qda is not present")
def test_compare_rules_qdc_fixture_is_a_valid_refi_qda_codebook():
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(etree.fromstring(QDC.encode("utf-8"))), schema.error_log


def test_compare_rules_qdc_codes_are_their_own_names(tmp_path):
    book = load_codebook(_write(tmp_path, "book.qdc", QDC))
    # the folder "Thema's" is not codable, so only its child is a code; blanks collapse,
    # a slash inside a name becomes a hyphen so that it does not make a level
    assert list(book) == ["Thema's/Maatwerk", "Eigen kracht", "Eigen kracht/regie-loslaten"]
    assert book["Thema's/Maatwerk"].lemmas == ["maatwerk"]
    assert book["Thema's/Maatwerk"].description == "Zorg op maat."
    assert book["Eigen kracht"].lemmas == ["eigen kracht"]
    assert book["Eigen kracht/regie-loslaten"].lemmas == ["regie-loslaten"]
    assert all(isinstance(rule, CodeRule) for rule in book.values())


def test_compare_rules_code_path_cleans_parts():
    assert code_path(" regie /  loslaten ") == "regie/loslaten"
    assert code_path("eigen   kracht") == "eigen kracht"


def test_compare_rules_example_codebook_is_valid():
    book = load_codebook(ROOT / "configs" / "codebook.yaml")
    assert 6 <= len(book) <= 10
    assert {path.split("/")[0] for path in book} >= {"eigen kracht", "regie", "maatwerk"}
    assert all(rule.description for rule in book.values())


def test_compare_rules_reads_the_codebook_kruispunt_writes(tmp_path):
    rows = [
        {"code_id": "t1", "guid": "55555555-5555-5555-5555-555555555555", "level": "term",
         "parent_code_id": "", "name": "maatwerk", "color": "#0072B2", "definition": "Term.",
         "keywords": "", "n_codings": 3, "n_docs": 2},
        {"code_id": "t1/T01", "guid": "66666666-6666-6666-6666-666666666666", "level": "term",
         "parent_code_id": "t1", "name": "Eigen regie", "color": "#332288",
         "definition": "Theme.", "keywords": "regie", "n_codings": 1, "n_docs": 1},
    ]  # fmt: skip
    path = tmp_path / "codebook.qdc"
    path.write_bytes(codebook_xml(pd.DataFrame(rows), origin="kruispunt test"))
    book = load_codebook(path)
    assert list(book) == ["maatwerk", "maatwerk/Eigen regie"]
    assert book["maatwerk/Eigen regie"].lemmas == ["eigen regie"]
    assert book["maatwerk"].description == "Term. 3 codings in 2 documents."
