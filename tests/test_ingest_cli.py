import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from ingest_files import TURNS, render_txt
from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _folder(tmp_path, *, bad: bool) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "fishbowl.txt").write_text(render_txt(TURNS), encoding="utf-8")
    if bad:
        (raw / "kapot.docx").write_bytes(b"dit is geen Word-bestand")
    return raw


def _params(tmp_path, **ingest) -> Path:
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params["ingest"].update(ingest)
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(params), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("bad", "flags", "params_strict", "exit_code"),
    [
        (True, ["--strict"], False, 1),
        (True, [], False, 0),
        (True, [], True, 1),
        (True, ["--no-strict"], True, 0),
        (False, ["--strict"], False, 0),
    ],
)
def test_ingest_cli_strict_exit_code(tmp_path, bad, flags, params_strict, exit_code):
    raw = _folder(tmp_path, bad=bad)
    out = tmp_path / "interim"
    params = _params(tmp_path, strict=params_strict)
    result = CliRunner().invoke(
        app, ["ingest", str(raw), str(out), "--params", str(params), *flags]
    )
    assert result.exit_code == exit_code, result.output
    report = json.loads((out / "ingest_report.json").read_text(encoding="utf-8"))
    assert [row["path"] for row in report] == (
        ["fishbowl.txt", "kapot.docx"] if bad else ["fishbowl.txt"]
    )
    if bad:
        assert "failed: kapot.docx" in result.output


def test_ingest_cli_writes_valid_tables(tmp_path):
    from pipeline.tables import read_table

    raw = _folder(tmp_path, bad=False)
    out = tmp_path / "interim"
    result = CliRunner().invoke(
        app, ["ingest", str(raw), str(out), "--params", str(_params(tmp_path))]
    )
    assert result.exit_code == 0, result.output
    segments = read_table(out / "segments.parquet", "segments")
    documents = read_table(out / "documents.parquet", "documents")
    assert segments["speaker"].tolist() == [who for who, _ in TURNS]
    text = documents["text"].iloc[0]
    assert all(text[s.char_start : s.char_end] == s.text for s in segments.itertuples())
    assert isinstance(pd.read_parquet(out / "documents.parquet"), pd.DataFrame)


def test_ingest_cli_missing_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(tmp_path / "nergens"),
            str(tmp_path / "out"),
            "--params",
            str(_params(tmp_path)),
        ],
    )
    assert result.exit_code == 2
    assert "input folder not found" in result.output
