"""The compare stage over a run's layout: empty without a project, identity on its own export.

The layout is the export tests' fixture project (tests/export_fixtures.py); its .qdpx is
kruispunt's own export, so comparing a run with it must give perfect agreement on every
kruispunt code, and a project with a foreign source and a broken coding must name both.
"""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from export_fixtures import DOCUMENTS, fixed_params, write_layout

from pipeline.compare.stage import TABLES, compare, lines
from pipeline.layout import read_stage_table
from pipeline.tables import read_json


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from pipeline.export.folder import export_reports

    layout = write_layout(tmp_path_factory.mktemp("compare_run"))
    export_reports(layout, fixed_params())
    return layout


def test_compare_without_project_writes_empty_tables(tmp_path):
    layout = write_layout(tmp_path)
    report = compare(layout, fixed_params())
    assert report["coded_project"] is None and report["deductive_codings"] == 0
    for name in TABLES:
        assert read_stage_table(layout, name).empty
    assert read_json(layout.processed / "compare_report.json")["coded_project"] is None
    assert "nothing compared" in lines(report)[-1]


def test_compare_with_its_own_export_agrees_perfectly(exported):
    report = compare(exported, fixed_params(), coded_project=exported.reports / "kruispunt.qdpx")
    # Every fixture document is a source of the .qdpx, matched by name.
    assert sorted(row["doc_id"] for row in report["sources"]) == sorted(d[0] for d in DOCUMENTS)
    assert {row["matched_by"] for row in report["sources"]} == {"name"}
    codings = report["codings"]
    assert codings["mapped"] == codings["total"] == codings["mapped_exactly"] > 0
    assert report["unmapped"] == []
    agreement = read_stage_table(exported, "agreement")
    ours = agreement[agreement["kind"] == "human-kruispunt"]
    # The kruispunt codes that code at least one unit, each paired with itself by name.
    coded = read_stage_table(exported, "compare_codings")
    kruispunt_codes = set(coded.loc[coded["side"] == "kruispunt", "code"])
    same = ours[ours["code_a"] == ours["code_b"]]
    assert kruispunt_codes <= set(same["code_a"])
    assert (same["paired_by"] == "name").all()
    assert (same["kappa"] == 1.0).all() and (same["alpha"] == 1.0).all()
    assert (same["f1"] == 1.0).all()
    assert read_stage_table(exported, "disagreements").query("code_a == code_b").empty


def _with_foreign_source(qdpx, out):
    """The export with one source no document matches, and one coding past its text."""
    with zipfile.ZipFile(qdpx) as zin:
        qde = zin.read("project.qde").decode("utf-8")
    code_guid = qde.split('<Code guid="', 1)[1].split('"', 1)[0]
    source = (
        '<TextSource guid="00000000-0000-4000-8000-0000000000aa" name="elders.txt">'
        "<PlainTextContent>Een tekst die in geen enkel document staat, over iets anders."
        "</PlainTextContent>"
        '<PlainTextSelection guid="00000000-0000-4000-8000-0000000000ab" name="x" '
        'startPosition="3" endPosition="9"><Coding guid="00000000-0000-4000-8000-0000000000ac">'
        f'<CodeRef targetGUID="{code_guid}"/></Coding></PlainTextSelection></TextSource>'
    )
    qde = qde.replace("</Sources>", source + "</Sources>", 1)
    with zipfile.ZipFile(qdpx) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = qde.encode("utf-8") if item.filename == "project.qde" else zin.read(item)
            zout.writestr(item, data)
    return out


def test_compare_names_a_foreign_source_and_its_coding(exported, tmp_path):
    project = _with_foreign_source(exported.reports / "kruispunt.qdpx", tmp_path / "p.qdpx")
    report = compare(exported, fixed_params(), coded_project=project)
    foreign = [row for row in report["sources"] if row["source"] == "elders.txt"]
    assert len(foreign) == 1 and foreign[0]["doc_id"] is None and foreign[0]["reason"]
    unmapped = pd.DataFrame(report["unmapped"])
    assert list(unmapped["source"]) == ["elders.txt"] and unmapped["reason"].str.len().min() > 0
    assert report["codings"]["total"] == report["codings"]["mapped"] + 1
    assert any("not matched: elders.txt" in line for line in lines(report))


def test_compare_applies_a_codebook(tmp_path):
    layout = write_layout(tmp_path / "run")
    book = tmp_path / "codebook.yaml"
    # "vertrouwen" occurs once in the fixture: in the Gemeente turn of vissenkom_utrecht.txt.
    book.write_text("vertrouwen in de overheid: {lemmas: [vertrouwen]}\n", encoding="utf-8")
    report = compare(layout, fixed_params(), codebook=book)
    deductive = read_stage_table(layout, "deductive_codings")
    assert report["deductive_codes"] == ["vertrouwen in de overheid"]
    assert list(deductive["doc_id"]) == ["vissenkom_utrecht.txt"]
    text = (
        read_stage_table(layout, "documents")
        .set_index("doc_id")
        .at["vissenkom_utrecht.txt", "text"]
    )
    row = deductive.iloc[0]
    assert "vertrouwen" in text[row["char_start"] : row["char_end"]]
    assert read_json(layout.processed / "compare_failures.json") == []


def test_compare_names_a_missing_file_of_its_params(tmp_path):
    from pipeline.errors import is_known
    from pipeline.params import ParamsError

    layout = write_layout(tmp_path / "run")
    params = fixed_params()
    params.compare.coded_project = str(tmp_path / "weg.qdpx")
    with pytest.raises(ParamsError, match=r"compare.coded_project: .*weg.qdpx not found") as err:
        compare(layout, params)
    assert is_known(err.value)
