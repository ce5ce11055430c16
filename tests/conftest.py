"""Shared test fixtures: a session-wide `dvc repro` of the example corpus in a copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Generated or local-only paths never travel into the copy.
IGNORED = {".venv", ".cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "__pycache__"}
GENERATED = [
    "data/interim",
    "data/processed",
    "data/private",
    "models/themes",
    "metrics",
    "reports",
    "benchmarks/results",
]


def _ignore(folder: str, names: list[str]) -> set[str]:
    rel = Path(folder).resolve().relative_to(ROOT).as_posix()
    prefix = "" if rel == "." else f"{rel}/"
    skipped = {n for n in names if n in IGNORED}
    skipped |= {n for n in names if f"{prefix}{n}" in GENERATED}
    if rel == ".dvc":
        skipped |= {"cache", "tmp"} & set(names)
    return skipped


@pytest.fixture(scope="session")
def repro_copy(tmp_path_factory) -> Path:
    """A fresh copy of the repository after `dvc repro` on the example corpus."""
    copy = tmp_path_factory.mktemp("repro") / "kruispunt"
    shutil.copytree(ROOT, copy, ignore=_ignore, symlinks=True)
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["DVC_NO_ANALYTICS"] = "1"
    done = subprocess.run(
        ["dvc", "repro"], cwd=copy, env=env, capture_output=True, text=True, timeout=1800
    )
    assert done.returncode == 0, f"dvc repro failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return copy
