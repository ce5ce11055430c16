"""Batch runs: every stage over any folder, outside DVC, incremental and parallel.

`run_batch` calls the stage functions of `dvc repro` with a `Layout` rooted at the output
folder, so a run writes the same files in the same places. It adds one executor shared by
ingest and annotate (`pipeline.parallel`), the caches, progress bars and a summary.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from threadpoolctl import threadpool_limits
from tqdm import tqdm

from pipeline.annotate.stage import annotate
from pipeline.associate.stage import associate
from pipeline.compare.stage import compare
from pipeline.export.stage import export
from pipeline.failures import failed_rows
from pipeline.ingest.stage import ingest
from pipeline.layout import CACHE_ROOT, Layout
from pipeline.model.files import needs_torch
from pipeline.parallel import Executor, available_cores, make_executor
from pipeline.params import Params
from pipeline.privacy.key import run_key_dir
from pipeline.run_summary import STAGES, RunSummary
from pipeline.themes.stage import themes

# The later stages' libraries (spaCy, BERTopic with torch, UMAP, plotly) take 8-12 s to
# import on a small machine; this process imports them while the workers annotate.
LATER_STAGE_MODULES = (
    "pipeline.associate.associations",
    "pipeline.themes.fit",
    "pipeline.export.folder",
)


class _BackgroundImports:
    """Imports modules in a background thread once started; `join` waits for them.

    Args:
        modules: Module names; a failing import is left to the stage that needs it.
    """

    def __init__(self, modules: tuple[str, ...]):
        self.modules = modules
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        for module in self.modules:
            try:
                importlib.import_module(module)
            except Exception:  # the stage imports it again and raises there
                return

    def start(self) -> None:
        """Start importing (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kruispunt-imports", daemon=True)
            self._thread.start()

    def join(self) -> None:
        """Wait until the imports are done (at once when they never started)."""
        if self._thread is not None:
            self._thread.join()


def run_batch(
    input_dir: str | Path,
    out_dir: str | Path,
    *,
    params: Params | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    cache_dir: str | Path | None = None,
    key_dir: str | Path | None = None,
    strict: bool = False,
    progress: bool = False,
) -> RunSummary:
    """Run ingest, annotate, associate, themes, compare and export over a folder.

    Args:
        input_dir: Folder of transcripts (and an optional metadata sidecar).
        out_dir: Output folder; receives data/interim, data/processed, models/themes,
            metrics and reports, as `dvc repro` writes them in the project.
        params: Validated parameters; the defaults when None.
        workers: Local worker processes for ingest and annotate (None: every core; 1 runs
            everything in this process), or LocalCluster workers with `scheduler="local"`.
            Without a remote scheduler it is also the core budget of the whole run: the
            numeric libraries of the later stages (BLAS, OpenMP) use at most that many
            threads, so `--workers 1` keeps a run on one core of a shared node.
        scheduler: None for local processes, `local` for a Dask LocalCluster, or the address
            of a running Dask scheduler (`tcp://HOST:PORT`).
        cache_dir: Cache folder, with the ingest cache in `ingest/` and the annotation
            cache in `annotate/`; None uses `.cache/kruispunt` under `out_dir`, so reruns
            into the same folder reuse it.
        key_dir: Private folder outside `out_dir` for the key and the ingest cache;
            required when pseudonymising (`pipeline.privacy.key.run_key_dir`).
        strict: Stop after ingest when any file was skipped or failed (like
            `kruispunt ingest --strict`, or `ingest.strict` in the params).
        progress: Show progress bars on stderr.

    Returns:
        What was processed, skipped and cached, the time per stage, and where the outputs
        are.
    """
    params = params or Params()
    layout = Layout(Path(out_dir))
    key_dir = run_key_dir(params.ingest.pseudonymize, layout.root, key_dir)
    # Absolute, so worker processes (or Dask workers sharing the file system) find it.
    cache_dir = (Path(cache_dir) if cache_dir else layout.root / CACHE_ROOT).absolute()
    run = _BatchRun(layout, params, cache_dir=cache_dir, progress=progress)
    run.key_dir = key_dir
    with threadpool_limits(limits=_thread_budget(workers, scheduler)):
        # Ingest and annotate share one executor; a strict run stops after ingest.
        with _stage_executor(params, workers=workers, scheduler=scheduler) as executor:
            run.summary.executor = executor.describe()
            run.ingest_step(Path(input_dir), executor)
            if run.summary.problems and (strict or params.ingest.strict):
                return run.stop(f"{len(run.summary.problems)} files skipped or failed (strict)")
            run.annotate_step(executor)
        # Associate, themes and export work on whole tables in this process.
        run.later_stages(workers=workers)
    return run.stop()


def _thread_budget(workers: int | None, scheduler: str | None) -> int | None:
    """Threads the numeric libraries may use: `workers` when it is below the core count."""
    remote = scheduler is not None and scheduler != "local"
    return None if remote or workers is None or workers >= available_cores() else workers


def _stage_executor(params: Params, *, workers: int | None, scheduler: str | None) -> Executor:
    # Ingest never needs PyTorch, and annotate only with a pipeline that uses it, so local
    # workers usually start without it (this process imports it for the themes stage).
    skip_torch = not needs_torch(params.annotate.model)
    return make_executor(workers=workers, scheduler=scheduler, skip_torch=skip_torch)


class _BatchRun:
    """One batch run's stages, each timed into the summary and counted on the progress bar."""

    def __init__(self, layout: Layout, params: Params, *, cache_dir: Path, progress: bool):
        self.layout = layout
        self.params = params
        self.cache_dir = cache_dir
        self.key_dir: Path | None = None
        self.progress = progress
        self.summary = RunSummary(out_dir=layout.root, cache_dir=cache_dir)
        self._bar = tqdm(
            total=len(STAGES), desc="kruispunt run", unit="stage", disable=not progress
        )

    @contextmanager
    def _stage(self, name: str) -> Iterator[None]:
        # Not a `finally`: a stage that raises has no time of its own.
        self._bar.set_postfix_str(name)
        self.summary.seconds[name] = time.perf_counter()
        yield
        self.summary.seconds[name] = time.perf_counter() - self.summary.seconds[name]
        self._bar.update()

    def ingest_step(self, input_dir: Path, executor: Executor) -> None:
        """Ingest: read every file in parallel; account for each one."""
        with self._stage("ingest"):
            ingested = ingest(
                input_dir,
                self.layout.interim,
                self.params,
                executor=executor,
                cache_dir=self.cache_dir / "ingest",
                key_dir=self.key_dir,
                progress=self.progress,
            )
            report = ingested["report"]
            self.summary.ingest_cache_hits = ingested["cache_hits"]
            self.summary.files = Counter(
                row["status"] for row in report if row["format"] != "metadata"
            )
            self.summary.problems = [row for row in report if row["status"] != "ok"]

    def annotate_step(self, executor: Executor) -> None:
        """Annotate: cached documents reused, the rest (even one) parsed by the workers."""
        with self._stage("annotate"):
            imports = _BackgroundImports(LATER_STAGE_MODULES)
            info = annotate(
                self.layout.interim,
                self.params,
                executor=executor,
                cache_dir=self.cache_dir / "annotate",
                progress=self.progress,
                on_parallel=imports.start,
            )
            imports.join()
            self.summary.cache_hits = info["cache"]["hits"]
            self.summary.cache_misses = info["cache"]["misses"]

    def later_stages(self, *, workers: int | None) -> None:
        """Associate, themes, compare and export, one after another in this process."""
        layout, params = self.layout, self.params
        with self._stage("associate"):
            associate(layout.interim, layout.processed, params)
        with self._stage("themes"):
            themes(layout.interim, layout.processed, layout.theme_model, layout.metrics, params,
                   threads=workers)  # fmt: skip
        with self._stage("compare"):
            compare(layout, params)
        # A fresh local process builds the workbook (the annotate workers, holding the
        # model, were released to keep memory down); one worker builds it here.
        side_workers = min(workers or available_cores(), 2)
        with self._stage("export"), make_executor(workers=side_workers) as side:
            export(layout, params, executor=side)
        self.summary.problems += failed_rows(layout.reports)

    def stop(self, reason: str = "") -> RunSummary:
        """End the run (early, for `reason`) and return its summary."""
        self.summary.stopped = reason
        self._bar.close()
        return self.summary
