"""One error surface: every command reports a known error as one line on stderr, exit 2.

Known errors are a missing folder or table, a params file that is missing, unreadable or
invalid, a folder with no documents and a model that is not there. `--debug` (or
KRUISPUNT_DEBUG=1) shows their traceback; any other error keeps its traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch  # noqa: F401  (imported first, so `without_torch()` in annotate leaves it be)
from ingest_files import TURNS, render_txt
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import KruispuntError, one_line

MISSING = "/kruispunt-missing"

# Every subcommand, pointed at a folder that does not exist.
MISSING_INPUT = {
    "ingest": ["ingest", MISSING, "{tmp}/interim"],
    "annotate": ["annotate", MISSING],
    "associate": ["associate", MISSING, "{tmp}/processed"],
    "themes": ["themes", MISSING, MISSING, "{tmp}/model", "{tmp}/metrics"],
    "export": ["export", "--root", MISSING],
    "run": ["run", MISSING, "--out", "{tmp}/out"],
    "model train": ["model", "train", "--ud-dir", MISSING, "--out", "{tmp}/m", "--work-dir",
                    "{tmp}/w"],
    "model evaluate": ["model", "evaluate", "--model", MISSING, "--ud-dir", MISSING],
}  # fmt: skip

# The library function each subcommand hands its work to (to plant an unknown error).
WORK = {
    "ingest": ("pipeline.ingest.stage", "ingest"),
    "annotate": ("pipeline.annotate.stage", "annotate"),
    "associate": ("pipeline.associate.stage", "associate"),
    "themes": ("pipeline.themes.stage", "themes"),
    "export": ("pipeline.export.stage", "export"),
    "run": ("pipeline.run", "run_batch"),
    "model train": ("pipeline.model.train", "train_model"),
    "model evaluate": ("pipeline.model.train", "evaluate_model"),
}
PARAMS_COMMANDS = ["ingest", "annotate", "associate", "themes", "export", "run"]

BAD_PARAMS = {
    "unknown key": "ingest:\n  nope: 1\n",
    "bad value": "ingest:\n  strict: maybe\nassociate:\n  window: -3\n",
    "not YAML": "ingest: [unclosed\n",
    "not a mapping": "- ingest\n",
}


def _args(command: str, tmp_path: Path) -> list[str]:
    return [arg.replace("{tmp}", str(tmp_path)) for arg in MISSING_INPUT[command]]


def _invoke(args: list[str], **env: str):
    return CliRunner().invoke(app, args, env=env or None)


def _assert_one_line(result, command: str) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"kruispunt {command}: ")
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize("command", list(MISSING_INPUT))
def test_cli_errors_missing_input_is_one_line(command, tmp_path):
    line = _assert_one_line(_invoke(_args(command, tmp_path)), command)
    assert MISSING in line  # it names the thing


@pytest.mark.parametrize("command", list(MISSING_INPUT))
@pytest.mark.parametrize("switch", ["flag", "env"])
def test_cli_errors_debug_shows_the_traceback(command, switch, tmp_path):
    args = _args(command, tmp_path)
    result = _invoke(["--debug", *args]) if switch == "flag" else _invoke(args, KRUISPUNT_DEBUG="1")
    assert result.exit_code == 1
    assert isinstance(result.exception, FileNotFoundError)


@pytest.mark.parametrize("command", list(MISSING_INPUT))
def test_cli_errors_unknown_errors_keep_the_traceback(command, tmp_path, monkeypatch):
    module, name = WORK[command]

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug, not a user error")

    monkeypatch.setattr(f"{module}.{name}", broken)
    args = _args(command, tmp_path)
    if command == "model evaluate":
        args = ["model", "evaluate", "--model", str(tmp_path)]
    elif command != "ingest":
        # Only ingest and run check their input before handing over; point them at a folder.
        args = [str(tmp_path) if arg == MISSING else arg for arg in args]
    result = _invoke(args)
    assert result.exit_code == 1
    assert isinstance(result.exception, ZeroDivisionError), result.output


@pytest.mark.parametrize("command", PARAMS_COMMANDS)
@pytest.mark.parametrize("problem", [*BAD_PARAMS, "missing file"])
def test_cli_errors_bad_params_are_one_line(command, problem, tmp_path):
    params = tmp_path / "params.yaml"
    if problem != "missing file":
        params.write_text(BAD_PARAMS[problem], encoding="utf-8")
    else:
        params = tmp_path / "nope.yaml"
    line = _assert_one_line(_invoke([*_args(command, tmp_path), "--params", str(params)]), command)
    assert params.name in line or "ingest" in line


@pytest.mark.parametrize("command", ["ingest", "run"])
@pytest.mark.parametrize("content", ["empty", "unreadable"])
def test_cli_errors_no_documents_is_one_line(command, content, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    if content == "unreadable":
        (raw / "kapot.docx").write_bytes(b"geen Word-bestand")
    args = [command, str(raw), *(["--out"] if command == "run" else []), str(tmp_path / "o")]
    line = _assert_one_line(_invoke(args), command)
    assert ("no transcripts" if content == "empty" else "none of the 1 files") in line


def test_cli_errors_model_not_found_is_one_line(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "fishbowl.txt").write_text(render_txt(TURNS), encoding="utf-8")
    interim = tmp_path / "interim"
    assert _invoke(["ingest", str(raw), str(interim)]).exit_code == 0
    params = tmp_path / "params.yaml"
    params.write_text(f"annotate:\n  model: {tmp_path / 'geen-model'}\n", encoding="utf-8")
    result = _invoke(["annotate", str(interim), "--params", str(params)])
    line = _assert_one_line(result, "annotate")
    assert "geen-model" in line and "annotate.model" in line


def test_cli_errors_console_prints_one_line_and_exits_2(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "associate", MISSING, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("kruispunt associate: ")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("invalid params:\n  unknown key 'a'\n  'b': bad", "invalid params: unknown key 'a'; 'b': bad"),  # noqa: E501
        ("  spaced   out  ", "spaced out"),
        ("", "KruispuntError"),
    ],
)  # fmt: skip
def test_cli_errors_one_line_joins_the_lines(message, expected):
    assert one_line(KruispuntError(message)) == expected
