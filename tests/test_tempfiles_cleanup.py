"""Clean up after a kill: a rerun removes the temporary files a killed run left behind.

Temporary files are made by real writers (`pipeline.tables.atomic_path`) in child
processes that are then killed with SIGKILL, in every stage's output folders and in both
caches. A temporary file whose writer is still alive (a second run sharing the cache) is
kept. The end-to-end test kills a real `kruispunt run` mid-run, reruns it, and finds no
`.tmp` file anywhere under the output folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.tempfiles import MIN_AGE_SECONDS, remove_stale

ROOT = Path(__file__).resolve().parents[1]
KRUISPUNT = str(Path(sys.executable).parent / "kruispunt")
WRITER = """
import sys, time
from pathlib import Path
from pipeline.tables import atomic_path
entered = []
for target in sys.argv[1:]:
    context = atomic_path(Path(target))
    tmp = context.__enter__()
    tmp.write_bytes(b"half written")
    entered.append(context)
print("ready", flush=True)
time.sleep(600)
"""
# Where each stage of `kruispunt run --out OUT` writes, and its caches.
TARGETS = [
    "data/interim/documents.parquet",
    "data/interim/tokens.parquet",
    "data/processed/kwic.csv",
    "data/processed/contexts.parquet",
    "metrics/themes.json",
    "reports/report.html",
    ".cache/kruispunt/ingest/ab/abcdef.json",
    ".cache/kruispunt/annotate/cd/cdef01.arrow",
]


def _writer(targets: list[Path]) -> subprocess.Popen:
    """A child process inside atomic_path for every target, until it is killed."""
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, *map(str, targets)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "ready"
    return child


def _kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait()


def _tmp_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.tmp"))


def _age(paths: list[Path]) -> None:
    # As if the kill happened a while ago (a fresh file may still be taking its lock).
    old = time.time() - 10 * MIN_AGE_SECONDS
    for path in paths:
        os.utime(path, (old, old))


def test_tempfiles_stale_removed_live_kept(tmp_path):
    killed = _writer([tmp_path / "a.parquet", tmp_path / "sub" / "b.arrow"])
    _kill(killed)
    live = _writer([tmp_path / "c.parquet"])
    try:
        stale = _tmp_files(tmp_path)
        assert len(stale) == 3
        _age(stale)
        (tmp_path / ".notes.txt").write_text("not a temporary file", encoding="utf-8")
        removed = remove_stale(tmp_path, recursive=True)
        assert sorted(path.name.split(".")[1] for path in removed) == ["a", "b"]
        # The live writer's file stays, and so does everything that is not a .tmp.
        assert [path.name.split(".")[1] for path in _tmp_files(tmp_path)] == ["c"]
        assert (tmp_path / ".notes.txt").exists()
    finally:
        _kill(live)


def test_tempfiles_names_limit_what_is_removed(tmp_path):
    _kill(_writer([tmp_path / "tokens.parquet", tmp_path / "documents.parquet"]))
    _age(_tmp_files(tmp_path))
    removed = remove_stale(tmp_path, names=["tokens.parquet"])
    assert [path.name.split(".")[1] for path in removed] == ["tokens"]
    assert [path.name.split(".")[1] for path in _tmp_files(tmp_path)] == ["documents"]


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    turns = [
        "Jan: Zelfredzaamheid is een groeiproces, en maatwerk vraagt vertrouwen.",
        "Fatima: De regie ligt bij de gemeente. Maatwerk werkt als je samen optrekt.",
        "Piet: Participatie en inburgering gaan samen; zelfredzaamheid kost tijd.",
    ]
    for i in range(6):
        (folder / f"gesprek_{i}.txt").write_text("\n\n".join(turns * (i + 2)), "utf-8")
    return folder


def test_tempfiles_none_left_after_sigkill_and_rerun(tmp_path):
    raw, out = _corpus(tmp_path / "raw"), tmp_path / "out"
    command = [KRUISPUNT, "run", str(raw), "--out", str(out), "--workers", "1"]
    # A real run, killed as soon as it has a temporary file (or after 60 s).
    run = subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while run.poll() is None and time.monotonic() < deadline and not _tmp_files(out):
        time.sleep(0.005)
    _kill(run)
    # Killed writers in every stage's outputs and in both caches, for certain.
    _kill(_writer([out / target for target in TARGETS]))
    assert len(_tmp_files(out)) >= len(TARGETS)
    time.sleep(MIN_AGE_SECONDS)
    rerun = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert _tmp_files(out) == []
    assert (out / "reports" / "report.html").exists()
