"""Interruption: a stage killed mid-write leaves no half-written output, and a rerun heals.

Each stage runs as `kruispunt <stage>` in a child process and gets SIGKILL at a seeded
random moment: either a random delay after its first temporary file appears (so the kill
lands while it writes), or at a random share of an uninterrupted run's wall time. The
stage starts either from an empty output folder or from the outputs of an older run
(other inputs or params). After the kill every output file must be absent (only if it was
absent before), the old complete file, or the new complete file, and it must read back;
no other file may appear under an output name. A rerun must then give exactly the files
of an uninterrupted run.

Temporary files of a killed write (hidden `.<name>.<random>.tmp`) may stay behind; they
are never read as outputs, and the summary printed with `-s` counts them.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml
from export_fixtures import write_layout
from ingest_files import TURNS, render_md, render_srt, render_txt, render_vtt, write_docx
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
KRUISPUNT = str(Path(sys.executable).parent / "kruispunt")
SEED = 90_210
ASSOCIATE_OUTPUTS = ["term_hits.parquet", "kwic.csv", "associations.csv", "relations.csv"]


@dataclass(frozen=True)
class Stage:
    """A stage to interrupt, set up in template folders that each repetition copies.

    Attributes:
        name: The CLI subcommand.
        arguments: Its arguments, paths relative to the work folder it runs in.
        outputs: Output folders, relative to the work folder.
        empty: Template with the inputs only.
        old: Template with the inputs and an older run's outputs.
    """

    name: str
    arguments: list[str]
    outputs: list[str]
    empty: Path
    old: Path

    @property
    def command(self) -> list[str]:
        """The command line, run in a work folder (relative paths keep source_path equal)."""
        return [KRUISPUNT, self.name, *self.arguments]


def _run(command: list[str], *, cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def _params(path: Path, section: str, **values) -> Path:
    path.write_text(yaml.safe_dump({section: values}), encoding="utf-8")
    return path


def _transcripts(folder: Path, *, n: int) -> None:
    folder.mkdir(parents=True)
    writers = [
        ("vissenkom.txt", lambda p: p.write_text(render_txt(TURNS), encoding="utf-8")),
        ("breakout.md", lambda p: p.write_text(render_md(TURNS), encoding="utf-8")),
        ("plenair.vtt", lambda p: p.write_text(render_vtt(TURNS), encoding="utf-8")),
        ("focusgroep.srt", lambda p: p.write_text(render_srt(TURNS), encoding="utf-8")),
        ("interview.docx", lambda p: write_docx(p, TURNS)),
    ]
    for name, write in writers[:n]:
        write(folder / name)


def _ingest_stage(base: Path) -> Stage:
    empty, old = base / "ingest-empty", base / "ingest-old"
    for template, n in [(empty, 5), (old, 2)]:
        _transcripts(template / "raw", n=n)
    # The older outputs come from fewer transcripts; the inputs are then the full set.
    _run([KRUISPUNT, "ingest", "raw", "interim"], cwd=old)
    shutil.rmtree(old / "raw")
    shutil.copytree(empty / "raw", old / "raw")
    return Stage("ingest", ["raw", "interim"], ["interim"], empty, old)


def _associate_stage(base: Path) -> Stage:
    empty, old = base / "associate-empty", base / "associate-old"
    write_layout(old)
    shutil.copytree(old, empty)
    for name in ASSOCIATE_OUTPUTS:
        (empty / "data/processed" / name).unlink()
    # The export fixtures' own tables stand in for an older run's outputs.
    return Stage(
        "associate",
        ["data/interim", "data/processed"],
        ["data/processed"],
        empty,
        old,
    )


def _export_stage(base: Path) -> Stage:
    empty, old = base / "export-empty", base / "export-old"
    write_layout(empty)
    shutil.copytree(empty, old)
    # a fixed date and user: by default the reports carry the run's time
    fixed = {"creation_date": "2026-01-01T00:00:00Z", "user_name": "kruispunt"}
    params = _params(base / "export-old.yaml", "export", project_name="oud project", **fixed)
    _run([KRUISPUNT, "export", "--root", ".", "--params", str(params)], cwd=old)
    new = _params(base / "export-new.yaml", "export", **fixed)
    return Stage("export", ["--root", ".", "--params", str(new)], ["reports"], empty, old)


def _outputs(work: Path, stage: Stage) -> dict[str, bytes]:
    """The visible files under the stage's output folders, by path relative to `work`."""
    found = {}
    for folder in stage.outputs:
        for path in sorted((work / folder).rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                found[path.relative_to(work).as_posix()] = path.read_bytes()
    return found


def _temporaries(work: Path, stage: Stage) -> list[Path]:
    return [p for f in stage.outputs for p in (work / f).rglob(".*.tmp") if p.is_file()]


def _reads_back(path: Path) -> None:
    """Open an output the way a reader would; raises when it is damaged."""
    suffix = path.suffix
    if suffix == ".parquet":
        pd.read_parquet(path)
    elif suffix == ".csv":
        pd.read_csv(path, keep_default_na=False)
    elif suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))
    elif suffix in {".xlsx", ".qdpx"}:
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
    elif suffix == ".qdc":
        etree.parse(str(path))
    elif suffix == ".html":
        assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")


def _writing(watch: list[Path]) -> bool:
    return any(folder.exists() and any(folder.rglob(".*.tmp")) for folder in watch)


def _timed_run(command: list[str], cwd: Path, watch: list[Path]) -> tuple[float, float]:
    """Run to the end; return the wall time and how long it wrote (first to last temp file)."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=cwd, stderr=errors, stdout=subprocess.DEVNULL)
        start = time.monotonic()
        first_write = last_write = None
        while process.poll() is None:
            if _writing(watch):
                last_write = time.monotonic()
                first_write = first_write or last_write
            time.sleep(0.001)
        end = time.monotonic()
        errors.seek(0)
        assert process.returncode == 0, errors.read()[-3000:].decode("utf-8", "replace")
    return end - start, (last_write or end) - (first_write or end)


def _kill_at_random(
    command: list[str], cwd: Path, watch: list[Path], delay: float, *, after_first_write: bool
) -> str:
    """Start the command and SIGKILL it after `delay` seconds (counted from its first temp
    file when `after_first_write`); say whether it was writing, still running, or done."""
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    process = subprocess.Popen(command, cwd=cwd, **quiet)
    deadline = None if after_first_write else time.monotonic() + delay
    while deadline is None or time.monotonic() < deadline:
        if process.poll() is not None:
            return "finished before the kill"
        if deadline is None and _writing(watch):
            deadline = time.monotonic() + delay
        time.sleep(0.001)
    if process.poll() is not None:
        return "finished before the kill"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return "killed while writing" if _writing(watch) or after_first_write else "killed"


@pytest.fixture(scope="module")
def stages(tmp_path_factory) -> dict[str, Stage]:
    base = tmp_path_factory.mktemp("interrupt")
    return {
        "ingest": _ingest_stage(base),
        "associate": _associate_stage(base),
        "export": _export_stage(base),
    }


@pytest.fixture(scope="module")
def summary():
    lines: list[str] = []
    yield lines
    print("\ninterruption test:\n  " + "\n  ".join(lines))


@pytest.mark.parametrize(("name", "repeats"), [("ingest", 4), ("associate", 2), ("export", 2)])
def test_interrupt_stage_killed_mid_write_leaves_old_or_new_outputs(
    stages, summary, tmp_path, name, repeats
):
    stage = stages[name]
    rng = random.Random(f"{SEED}-{name}")

    # The reference: an uninterrupted run from empty outputs, timed.
    reference = tmp_path / "reference"
    shutil.copytree(stage.empty, reference)
    watch = [reference / folder for folder in stage.outputs]
    wall, writing = _timed_run(stage.command, reference, watch)
    new = _outputs(reference, stage)
    assert new

    outcomes = []
    for repeat in range(repeats):
        template = stage.old if repeat % 2 == 0 else stage.empty
        old = _outputs(template, stage)
        work = tmp_path / f"run{repeat}"
        shutil.copytree(template, work)
        # Mostly at a random moment of the writing, once at a random moment of the run.
        after_first_write = repeat != 2
        delay = rng.uniform(0, writing) if after_first_write else rng.uniform(0.3, 1.0) * wall
        watch = [work / folder for folder in stage.outputs]
        outcome = _kill_at_random(
            stage.command, work, watch, delay, after_first_write=after_first_write
        )

        # Each output is the old complete file, the new complete file, or (never there
        # before) absent; nothing else appears under an output name.
        after = _outputs(work, stage)
        assert set(after) <= set(new) | set(old)
        assert set(old) <= set(after)
        for path, data in after.items():
            assert data in (old.get(path), new.get(path)), f"{name} run {repeat}: {path}"
            _reads_back(work / path)
        changing = [path for path in new if new[path] != old.get(path)]
        n_new = sum(1 for path in changing if after.get(path) == new[path])
        leftovers = len(_temporaries(work, stage))

        # A rerun completes and gives exactly the uninterrupted run's files.
        _run(stage.command, cwd=work)
        assert _outputs(work, stage) == new
        outcomes.append(
            f"{outcome} after {delay:.2f} s: {n_new} of {len(changing)} changing files new, "
            f"{leftovers} temp files left"
        )
    summary.append(f"{name} (writes for {writing:.2f} of {wall:.1f} s): " + "; ".join(outcomes))
