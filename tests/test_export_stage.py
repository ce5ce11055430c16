import pandas as pd
import pytest
import yaml
from export_fixtures import exported_layout, write_layout
from typer.testing import CliRunner

from pipeline.cli import app

TAKE_HOME = [
    "codebook.csv",
    "coded_segments.csv",
    "associations.csv",
    "kwic.csv",
    "term_theme_matrix.csv",
    "document_theme_matrix.csv",
    "speaker_theme_matrix.csv",
    "kruispunt.xlsx",
    "codebook.qdc",
    "kruispunt.qdpx",
    "report.html",
    "plots/themes.csv",
    "plots/associations/maatwerk.csv",
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    return exported_layout(tmp_path_factory)


@pytest.mark.parametrize("name", TAKE_HOME)
def test_export_stage_writes_every_take_home_file(exported, name):
    layout, written = exported
    path = layout.reports / name
    assert path in written
    assert path.stat().st_size > 0


def test_export_stage_leaves_no_temporary_files(exported):
    layout, _ = exported
    assert not [p for p in layout.reports.rglob("*") if p.name.startswith(".")]


@pytest.mark.parametrize("name", ["codebook.csv", "coded_segments.csv", "kwic.csv"])
def test_export_stage_csv_is_utf8_with_newline_ends(exported, name):
    data = (exported[0].reports / name).read_bytes()
    assert b"\r\n" not in data
    data.decode("utf-8")  # raises on anything else
    assert not data.startswith(b"\xef\xbb\xbf")


def test_export_stage_cli_uses_params_file(tmp_path):
    layout = write_layout(tmp_path / "project")
    params = tmp_path / "params.yaml"
    params.write_text(
        yaml.safe_dump({"export": {"project_name": "Vissenkom Utrecht", "network_measure": "pmi"}})
    )
    result = CliRunner().invoke(
        app, ["export", "--root", str(layout.root), "--params", str(params)]
    )
    assert result.exit_code == 0, result.output
    assert "export:" in result.output
    html = (layout.reports / "report.html").read_text(encoding="utf-8")
    assert "<title>Vissenkom Utrecht: report</title>" in html
    bars = pd.read_csv(layout.reports / "plots" / "associations" / "maatwerk.csv")
    assert set(bars["measure"]) == {"pmi"}


def test_export_stage_cli_rejects_unknown_measure(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump({"export": {"network_measure": "dice"}}))
    result = CliRunner().invoke(app, ["export", "--root", str(tmp_path), "--params", str(params)])
    assert result.exit_code == 2
    assert "network_measure" in result.output
