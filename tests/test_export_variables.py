"""Metadata that travels: every metadata column is a Variable of each source and its Case.

QualCoder and MAXQDA read a document's attributes from the VariableValues inside its
TextSource; a variable used on a Case is filed under cases by QualCoder, so the case
values have their own variables. The expected values come from export_fixtures.DOCUMENTS.
"""

import zipfile

import pandas as pd
import pytest
from export_fixtures import DOCUMENTS, exported_layout
from lxml import etree

from pipeline.export.variables import variable_type

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture(scope="module")
def qde(tmp_path_factory):
    layout, _ = exported_layout(tmp_path_factory)
    with zipfile.ZipFile(layout.reports / "kruispunt.qdpx") as archive:
        return etree.fromstring(archive.read("project.qde"))


def _values(holder, names):
    out = {}
    for value in holder.iterfind("q:VariableValue", NS):
        ref = value.find("q:VariableRef", NS).get("targetGUID")
        out[names[ref]] = value[-1].text
    return out


def _expected(meta, suffix=""):
    return {f"{k}{suffix}": str(v) for k, v in meta.items() if v is not None}


@pytest.mark.parametrize(("doc_id", "meta"), [(d[0], d[3]) for d in DOCUMENTS])
def test_variables_every_source_carries_its_metadata(qde, doc_id, meta):
    names = {v.get("guid"): v.get("name") for v in qde.iterfind(".//q:Variable", NS)}
    source = next(s for s in qde.iterfind(".//q:TextSource", NS) if s.get("name") == doc_id)
    assert _values(source, names) == _expected(meta)


@pytest.mark.parametrize(("doc_id", "meta"), [(d[0], d[3]) for d in DOCUMENTS])
def test_variables_every_case_carries_its_metadata_under_case_variables(qde, doc_id, meta):
    names = {v.get("guid"): v.get("name") for v in qde.iterfind(".//q:Variable", NS)}
    case = next(c for c in qde.iterfind(".//q:Case", NS) if c.get("name") == doc_id)
    assert _values(case, names) == _expected(meta, " (case)")


def test_variables_source_and_case_variables_are_apart(qde):
    variables = qde.findall(".//q:Variable", NS)
    on_sources = {
        r.get("targetGUID")
        for r in qde.iterfind(".//q:TextSource/q:VariableValue/q:VariableRef", NS)
    }
    on_cases = {
        r.get("targetGUID") for r in qde.iterfind(".//q:Case/q:VariableValue/q:VariableRef", NS)
    }
    assert on_sources and on_cases and not on_sources & on_cases
    assert on_sources | on_cases == {v.get("guid") for v in variables}


def test_variables_values_follow_the_selections_in_a_source(qde):
    # The schema orders a TextSource's children: selections, then variable values.
    for source in qde.iterfind(".//q:TextSource", NS):
        tags = [etree.QName(c).localname for c in source]
        assert tags.index("VariableValue") > max(
            i for i, t in enumerate(tags) if t == "PlainTextSelection"
        )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (pd.Series([True, False]), "Boolean"),
        (pd.Series([3, 4], dtype="Int64"), "Integer"),
        (pd.Series([3.0, None]), "Integer"),
        (pd.Series([0.5, 2.0]), "Float"),
        (pd.Series(["2024-03-12", None]), "Date"),
        (pd.Series(["2024-13-45"]), "Text"),
        (pd.to_datetime(pd.Series(["2024-03-12", None])), "Date"),
        (pd.to_datetime(pd.Series(["2024-03-12 19:30"])), "DateTime"),
        (pd.Series(["Utrecht", "Zeist"]), "Text"),
    ],
)
def test_variables_type_inference(values, expected):
    assert variable_type(values) == expected
