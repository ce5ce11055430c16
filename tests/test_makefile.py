"""The README's two commands, as make would run them (dry run: nothing is executed)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")


def _dry_run(target: str) -> str:
    # -o treats the install stamp as up to date, so the set-up lines are not listed.
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", ".venv/.installed", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_makefile_repro_puts_the_environment_first_on_path():
    # DVC runs `kruispunt ...` in a shell: without the venv's bin on PATH, every stage fails
    # with "kruispunt: command not found" for a user who did not activate the venv.
    command = _dry_run("repro").strip().splitlines()[-1]
    assert command.startswith(f'PATH="{ROOT}/.venv/bin:$PATH"')
    assert command.endswith(".venv/bin/dvc repro")


def test_makefile_test_runs_what_ci_runs():
    lines = _dry_run("test").strip().splitlines()
    assert lines[-2:] == [".venv/bin/ruff check .", ".venv/bin/python -m pytest"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
