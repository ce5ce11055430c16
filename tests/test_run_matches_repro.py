"""`kruispunt run data/raw --out DIR` writes what `dvc repro` writes, file for file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from output_compare import same_output

from pipeline.layout import TABLE_FILES
from pipeline.tables import read_table

pytestmark = pytest.mark.e2e

# Everything `dvc repro` writes; the run must write the same files under its --out.
OUTPUT_DIRS = ["data/interim", "data/processed", "models/themes", "metrics", "reports"]
TABLES = {f"data/{folder}/{file_name}": name for name, (folder, file_name) in TABLE_FILES.items()}


def _files(root: Path) -> list[str]:
    return sorted(
        path.relative_to(root).as_posix()
        for folder in OUTPUT_DIRS
        for path in (root / folder).rglob("*")
        if path.is_file()
    )


@pytest.fixture(scope="module")
def run_out(repro_copy, tmp_path_factory) -> Path:
    """`kruispunt run data/raw` from the same project copy, with two worker processes."""
    out = tmp_path_factory.mktemp("run") / "out"
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        ["kruispunt", "run", "data/raw", "--out", str(out), "--workers", "2"],
        cwd=repro_copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, f"kruispunt run failed:\n{done.stdout}\n{done.stderr[-4000:]}"
    assert "0 files and 0 annotated documents reused, 9 documents annotated" in done.stdout
    return out


def test_run_matches_repro_same_files(repro_copy, run_out):
    assert _files(run_out) == _files(repro_copy)


@pytest.mark.parametrize(("path", "name"), sorted(TABLES.items()))
def test_run_matches_repro_same_tables(repro_copy, run_out, path, name):
    expected = read_table(repro_copy / path, name)
    pd.testing.assert_frame_equal(read_table(run_out / path, name), expected)


@pytest.mark.parametrize("folder", OUTPUT_DIRS)
def test_run_matches_repro_same_bytes(repro_copy, run_out, folder):
    differ = [
        path
        for path in _files(repro_copy)
        if path.startswith(f"{folder}/")
        and not same_output(path, run_out / path, repro_copy / path)
    ]
    assert differ == []


def test_run_matches_repro_same_model_info(repro_copy, run_out):
    path = "data/interim/nlp_info.json"
    run_info = json.loads((run_out / path).read_text())
    assert run_info == json.loads((repro_copy / path).read_text())
    assert "cache" not in run_info
