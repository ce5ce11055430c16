"""End to end: `dvc repro` on the example corpus in a temporary copy of the repository."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.layout import TABLE_FILES
from pipeline.schemas import SCHEMAS
from pipeline.tables import read_table

pytestmark = pytest.mark.e2e

OUTPUTS = {f"data/{folder}/{file_name}": name for name, (folder, file_name) in TABLE_FILES.items()}


@pytest.mark.parametrize(("path", "name"), sorted(OUTPUTS.items()))
def test_e2e_repro_output_follows_contract(repro_copy, path, name):
    table = read_table(repro_copy / path, name)
    assert len(table) > 0
    assert list(table.columns)[: len(SCHEMAS[name].columns)] == list(SCHEMAS[name].columns) or (
        not SCHEMAS[name].ordered
    )


def test_e2e_repro_ingest_report_accounts_for_every_file(repro_copy):
    report = json.loads((repro_copy / "data/interim/ingest_report.json").read_text())
    raw = sorted(
        p.relative_to(repro_copy / "data/raw").as_posix()
        for p in (repro_copy / "data/raw").rglob("*")
        if p.is_file() and p.name != "metadata.csv"
    )
    assert sorted(row["path"] for row in report if row.get("format") != "metadata") == raw
    assert all(row["status"] == "ok" for row in report)


def test_e2e_repro_offsets_map_back_to_documents(repro_copy):
    documents = read_table(repro_copy / "data/interim/documents.parquet", "documents")
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    segments = read_table(repro_copy / "data/interim/segments.parquet", "segments")
    for row in segments.itertuples():
        assert texts[row.doc_id][row.char_start : row.char_end] == row.text
    hits = read_table(repro_copy / "data/processed/term_hits.parquet", "term_hits")
    for row in hits.itertuples():
        assert texts[row.doc_id][row.char_start : row.char_end] == row.matched


def test_e2e_repro_metrics_and_model_info(repro_copy):
    metrics = json.loads((repro_copy / "metrics/themes.json").read_text())
    assert 3 <= metrics["n_themes"] <= 15
    info = json.loads((repro_copy / "data/interim/nlp_info.json").read_text())
    assert info["name"]
    assert "parser" in info["components"]


@pytest.mark.parametrize(
    "report",
    [
        "codebook.csv",
        "coded_segments.csv",
        "associations.csv",
        "kwic.csv",
        "kruispunt.xlsx",
        "codebook.qdc",
        "kruispunt.qdpx",
        "report.html",
    ],
)
def test_e2e_repro_reports_exist(repro_copy, report):
    path = repro_copy / "reports" / report
    assert path.is_file() and path.stat().st_size > 0


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["metrics", "show"], "n_themes"),
        (["plots", "show", "--json"], "reports/plots"),
    ],
)
def test_e2e_repro_dvc_metrics_and_plots_show(repro_copy, command, expected):
    done = subprocess.run(
        [str(Path(sys.executable).parent / "dvc"), *command],
        cwd=repro_copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout
