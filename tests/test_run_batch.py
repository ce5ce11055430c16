"""`kruispunt run`: every stage over a folder, incremental reruns, crashes, strict mode."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.params import Params
from pipeline.run import run_batch
from pipeline.tables import read_table

ROOT = Path(__file__).resolve().parents[1]
FIRST = ["fishbowl_ambtenaren.txt", "interview_beleidsadviseur.txt", "plenaire_reflectie.vtt"]
ADDED = "breakout_zelfredzaamheid.md"
OUTPUTS = [
    "data/interim/documents.parquet",
    "data/interim/segments.parquet",
    "data/interim/tokens.parquet",
    "data/interim/ingest_report.json",
    "data/interim/nlp_info.json",
    "data/processed/term_hits.parquet",
    "data/processed/kwic.csv",
    "data/processed/associations.csv",
    "data/processed/relations.csv",
    "data/processed/contexts.parquet",
    "data/processed/themes.csv",
    "data/processed/coded_contexts.parquet",
    "metrics/themes.json",
    "reports/codebook.csv",
    "reports/coded_segments.csv",
    "reports/kruispunt.qdpx",
    "reports/report.html",
]


def _corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(ROOT / "data" / "raw" / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("batch")
    corpus = _corpus(base / "raw", FIRST)
    summary = run_batch(corpus, base / "out", params=Params(), workers=2)
    tokens = read_table(base / "out" / "data/interim/tokens.parquet", "tokens")
    return base, summary, tokens


def test_run_writes_every_output_of_the_pipeline(first_run):
    base, summary, _ = first_run
    assert summary.complete
    missing = [path for path in OUTPUTS if not (base / "out" / path).is_file()]
    assert missing == []
    assert dict(summary.files) == {"ok": 3}
    assert (summary.cache_hits, summary.cache_misses) == (0, 3)


def test_run_summary_says_what_was_done_and_where(first_run):
    base, summary, _ = first_run
    text = "\n".join(summary.lines())
    assert "3 processed, 0 skipped, 0 failed" in text
    assert "0 files and 0 annotated documents reused, 3 documents annotated" in text
    assert str(base / "out" / "reports") in text


def test_run_second_run_with_one_new_document_annotates_only_it(first_run):
    base, _, tokens = first_run
    # Run into a copy, so the other tests keep the first run's outputs.
    out = base / "out_incremental"
    shutil.copytree(base / "out", out)
    corpus = _corpus(base / "raw_grown", [*FIRST, ADDED])
    summary = run_batch(corpus, out, params=Params(), workers=2)
    assert summary.ingest_cache_hits == 3  # the same files in another folder: not read again
    assert (summary.cache_hits, summary.cache_misses) == (3, 1)
    grown = read_table(out / "data/interim/tokens.parquet", "tokens")
    assert sorted(grown["doc_id"].unique()) == sorted([*FIRST, ADDED])
    old = grown[grown["doc_id"] != ADDED].reset_index(drop=True)
    pd.testing.assert_frame_equal(old, tokens)


CRASH = """
import os, signal, sys
from pipeline.annotate import cache
from pipeline.cli import app

real_put, written = cache.AnnotationCache.put, []

def put_then_die(self, key, tokens):
    if len(written) == 1:
        # A hard kill half way through writing the second entry.
        tmp = self.path(key).parent / f".{key}.arrow.crash.tmp"
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(b"ARROW1" + bytes(64))
        os.kill(os.getpid(), signal.SIGKILL)
    real_put(self, key, tokens)
    written.append(key)

cache.AnnotationCache.put = put_then_die
app(sys.argv[1:], prog_name="kruispunt")
"""


def test_run_killed_during_annotate_then_rerun_completes(first_run, tmp_path):
    base, _, tokens = first_run
    script = tmp_path / "crash.py"
    script.write_text(textwrap.dedent(CRASH))
    out = tmp_path / "out"
    args = ["run", str(base / "raw"), "--out", str(out), "--workers", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    crashed = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert crashed.returncode == -9
    assert not (out / "data/interim/tokens.parquet").exists()
    assert len(list((out / ".cache").rglob("*.arrow"))) == 1

    rerun = CliRunner().invoke(app, args)
    assert rerun.exit_code == 0, rerun.output
    assert "3 files and 1 annotated documents reused, 2 documents annotated" in rerun.output
    pd.testing.assert_frame_equal(read_table(out / "data/interim/tokens.parquet", "tokens"), tokens)


def test_run_strict_stops_after_ingest_on_a_bad_file(tmp_path):
    corpus = _corpus(tmp_path / "raw", ["interview_beleidsadviseur.txt"])
    (corpus / "leeg.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(out), "--strict"])
    assert result.exit_code == 1
    assert "1 processed, 1 skipped, 0 failed" in result.output
    assert "leeg.txt" in result.output
    report = json.loads((out / "data/interim/ingest_report.json").read_text())
    assert [row["status"] for row in report] == ["ok", "skipped"]
    assert not (out / "data/interim/tokens.parquet").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "0"], "--workers"),
        (["--params", "wrong.yaml"], ""),
    ],
)
def test_run_rejects_bad_options(tmp_path, args, message):
    corpus = _corpus(tmp_path / "raw", ["interview_beleidsadviseur.txt"])
    if "--params" in args:
        bad = tmp_path / "wrong.yaml"
        bad.write_text("annotate:\n  modle: auto\n")
        args = ["--params", str(bad)]
        message = "unknown key 'annotate.modle'"
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path / "o"), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "o").exists()


def test_run_missing_input_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["run", str(tmp_path / "nergens"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "input folder not found" in result.output


@pytest.mark.parametrize(("workers", "expected"), [(1, 1), (None, None)])
def test_run_workers_is_the_core_budget_of_the_numeric_libraries(
    tmp_path, monkeypatch, workers, expected
):
    from threadpoolctl import threadpool_info

    from pipeline import run as run_module

    seen: list[int] = []
    cores = len(os.sched_getaffinity(0))

    class Seen(Exception):
        pass

    def spy_ingest(*args, **kwargs):
        seen.extend(pool["num_threads"] for pool in threadpool_info())
        raise Seen

    before = [pool["num_threads"] for pool in threadpool_info()]
    monkeypatch.setattr(run_module, "ingest", spy_ingest)
    with pytest.raises(Seen):
        run_batch(_corpus(tmp_path / "raw", FIRST[:1]), tmp_path / "out", workers=workers)
    assert seen, "no thread pool (BLAS/OpenMP) is loaded, nothing to check"
    if expected is None:
        assert seen == before  # every core: the libraries keep their own settings
    else:
        assert set(seen) == {expected}
        assert cores == 1 or max(before) > expected  # the limit really changed something
    # And it is lifted when the run ends.
    assert [pool["num_threads"] for pool in threadpool_info()] == before


def _recording_module(folder: Path, name: str, body: str = "") -> str:
    """A module that records which thread imported it (in `imported_by`)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.py").write_text(
        "import threading, time\n"
        "imported_by = threading.current_thread().name\n"
        "time.sleep(0.3)\n" + body,
        encoding="utf-8",
    )
    return name


def test_run_imports_later_stage_modules_in_the_background_while_annotating(tmp_path, monkeypatch):
    from pipeline.run import _BackgroundImports

    monkeypatch.syspath_prepend(str(tmp_path))
    name = _recording_module(tmp_path, "kp_later_stage_a")
    monkeypatch.delitem(sys.modules, name, raising=False)
    imports = _BackgroundImports((name,))
    imports.start()
    imports.start()  # once only
    imports.join()
    # After join the import is complete, and it happened in the background thread.
    assert sys.modules[name].imported_by == "kruispunt-imports"


def test_run_background_imports_wait_for_start_and_never_raise(tmp_path, monkeypatch):
    from pipeline.run import _BackgroundImports

    monkeypatch.syspath_prepend(str(tmp_path))
    quiet = _recording_module(tmp_path, "kp_later_stage_b")
    broken = _recording_module(tmp_path, "kp_later_stage_broken", "raise RuntimeError('x')\n")
    for name in (quiet, broken):
        monkeypatch.delitem(sys.modules, name, raising=False)
    _BackgroundImports((quiet,)).join()  # never started: nothing imported
    assert quiet not in sys.modules
    # A failing import stays for the stage itself to raise, in the main thread.
    imports = _BackgroundImports((broken, quiet))
    imports.start()
    imports.join()
    assert broken not in sys.modules
    with pytest.raises(RuntimeError, match="x"):
        __import__(broken)
