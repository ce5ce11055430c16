"""Shared test fixtures: session-wide `dvc repro` runs of the example corpus in copies."""

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


def build_repro_copy(tmp_path_factory, name: str) -> Path:
    """Copy the repository into a fresh temporary folder and run `dvc repro` there."""
    copy = tmp_path_factory.mktemp(name) / "kruispunt"
    shutil.copytree(ROOT, copy, ignore=_ignore, symlinks=True)
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["DVC_NO_ANALYTICS"] = "1"
    done = subprocess.run(
        ["dvc", "repro"], cwd=copy, env=env, capture_output=True, text=True, timeout=1800
    )
    assert done.returncode == 0, f"dvc repro failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return copy


@pytest.fixture(scope="session")
def repro_copy(tmp_path_factory) -> Path:
    """A fresh copy of the repository after `dvc repro` on the example corpus."""
    return build_repro_copy(tmp_path_factory, "repro")


@pytest.fixture(scope="session")
def repro_copy_2(tmp_path_factory) -> Path:
    """A second copy, built apart in the same way, for the reproducibility test."""
    return build_repro_copy(tmp_path_factory, "repro_again")
