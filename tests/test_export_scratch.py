"""The workbook's scratch files stay under the reports folder, and a killed run's are removed."""

import os
import signal
import subprocess
import sys
import tempfile

import pandas as pd
from export_fixtures import write_layout

from pipeline.export.folder import export_reports
from pipeline.export.scratch import PREFIX, remove_stale_scratch, scratch_dir
from pipeline.export.workbook import workbook_bytes
from pipeline.params import Params


def test_scratch_dir_is_private_under_its_parent_and_removed(tmp_path):
    with scratch_dir(tmp_path / "reports") as path:
        assert path.parent == tmp_path / "reports"
        assert path.name.startswith(f"{PREFIX}{os.getpid()}-")
        assert path.stat().st_mode & 0o777 == 0o700
        (path / "sheet1.tmp").write_text("regie")
    assert not path.exists()


def test_scratch_workbook_writes_nothing_in_the_system_temp_folder(tmp_path, monkeypatch):
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    monkeypatch.setenv("TMPDIR", str(system_temp))
    big = pd.DataFrame({"quote": ["maatwerk vraagt vertrouwen"] * 2000})
    workbook_bytes({"kwic": big}, theme_codes=[], stamp="2026-01-01T00:00:00Z", scratch=tmp_path)
    assert list(system_temp.iterdir()) == []
    assert not list(tmp_path.glob(f"{PREFIX}*"))


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    child.send_signal(signal.SIGKILL)
    child.wait()
    return child.pid


def test_scratch_stale_folders_of_dead_processes_are_removed(tmp_path):
    stale = tmp_path / f"{PREFIX}{_dead_pid()}-abc123"
    stale.mkdir()
    (stale / "sheet1.xml").write_text("<row/>")
    live = tmp_path / f"{PREFIX}{os.getpid()}-def456"
    live.mkdir()
    assert remove_stale_scratch(tmp_path) == [stale]
    assert not stale.exists() and live.exists()


def test_scratch_export_removes_a_killed_runs_folder(tmp_path):
    layout = write_layout(tmp_path / "project")
    stale = layout.reports / f"{PREFIX}{_dead_pid()}-xyz789"
    stale.mkdir(parents=True)
    (stale / "sheet1.xml").write_text("<row/>")
    export_reports(layout, Params())
    assert not stale.exists()
    assert not list(layout.reports.glob(f"{PREFIX}*"))
