"""The annotate stage over folders: segments in, tokens and the model description out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pipeline.errors import NoDocumentsError
from pipeline.failures import failure_row, failures_path, isolate_failures, only, write_failures
from pipeline.layout import DEFAULT_CACHE_DIR
from pipeline.params import AnnotateParams, Params
from pipeline.tables import read_table, write_json, write_table
from pipeline.tempfiles import remove_stale

if TYPE_CHECKING:
    from collections.abc import Callable

    from pipeline.parallel import Executor

OUTPUTS = ("tokens.parquet", "nlp_info.json", "annotate_failures.json")


def annotate(
    interim: Path,
    params: Params,
    *,
    executor: Executor | None = None,
    cache_dir: Path | None = DEFAULT_CACHE_DIR,
    progress: bool = False,
    on_parallel: Callable[[], None] | None = None,
) -> dict:
    """Run the annotate stage: segments to tokens with the Dutch spaCy pipeline.

    Documents already annotated with the same model and code come from the cache
    (`pipeline.annotate.cache`); the others are annotated, in parallel when the executor has
    workers. A document longer than `annotate.max_doc_chars`, or one whose annotation
    raises, is left out of the tokens and gets a row in annotate_failures.json (see
    `pipeline.failures`); the others are annotated as usual.

    Args:
        interim: Folder holding segments.parquet; receives tokens.parquet, nlp_info.json
            and annotate_failures.json.
        params: Validated parameters.
        executor: Where documents are annotated; None uses `annotate.n_process` local
            processes.
        cache_dir: Folder of the annotation cache (relative paths from the working
            directory, which is the project root under `dvc repro`); None turns it off.
        progress: Show a progress bar.
        on_parallel: Called when the documents go to the workers, for other work this
            process does meanwhile (see `pipeline.annotate.cache.annotate_cached`).

    Returns:
        The model description written to nlp_info.json, plus `cache`: this run's hits and
        misses in documents, and `failed`: the failure rows written (neither goes into
        nlp_info.json).
    """
    from pipeline.model.nlp import describe_pipeline

    # A killed run's temporary files go first (a live run's are locked, and kept).
    remove_stale(interim, names=OUTPUTS)
    if cache_dir is not None:
        remove_stale(cache_dir, recursive=True)
    segments = read_table(interim / "segments.parquet", "segments")
    # Described, not loaded: only a task that runs in this process loads the pipeline,
    # so workers start parsing sooner, and a fully cached rerun never loads it.
    info = describe_pipeline(params.annotate.model)
    too_long, segments = _too_long(segments, params.annotate.max_doc_chars)
    result, failed = _annotate_documents(
        segments,
        info,
        params.annotate,
        executor=executor,
        cache_dir=cache_dir,
        progress=progress,
        on_parallel=on_parallel,
    )
    failed = sorted(too_long + failed, key=lambda row: row["doc_id"])
    _write_failures(interim, failed, any_left=not segments.empty)
    write_table(result.tokens, interim / "tokens.parquet", "tokens")
    write_json(interim / "nlp_info.json", info)
    return {**info, "cache": result.stats, "failed": failed}


def _annotate_documents(
    segments: pd.DataFrame,
    info: dict,
    options: AnnotateParams,
    *,
    executor: Executor | None,
    cache_dir: Path | None,
    progress: bool,
    on_parallel: Callable[[], None] | None,
) -> tuple:
    """The cached annotation of the segments, leaving out documents that fail alone."""
    from pipeline.annotate.cache import annotate_cached
    from pipeline.model.files import needs_torch
    from pipeline.parallel import Executor, make_executor

    skip_torch = not needs_torch(options.model)
    with make_executor(workers=options.n_process, skip_torch=skip_torch) as own_executor:

        def run(keep):
            # Documents looked for among failures run here: a broken worker pool cannot.
            return annotate_cached(
                only(segments, keep),
                None,
                info,
                params=options,
                cache_dir=cache_dir,
                executor=(executor or own_executor) if keep is None else Executor(),
                progress=progress and keep is None,
                on_parallel=on_parallel if keep is None else None,
            )

        return isolate_failures(run, segments["doc_id"].unique(), stage="annotate")


def _write_failures(interim: Path, failed: list[dict], *, any_left: bool) -> None:
    """Write annotate_failures.json; stop when no document is left for the later stages."""
    path = failures_path(interim, "annotate")
    write_failures(path, failed)
    if failed and not any_left:
        # As ingest does when no file could be read.
        raise NoDocumentsError(
            f"none of the {len(failed)} documents could be annotated: see {path} for each "
            "one's reason"
        )


def _too_long(segments: pd.DataFrame, max_chars: int) -> tuple[list[dict], pd.DataFrame]:
    """Failure rows for the documents over `max_chars`, and the segments of the others."""
    sizes = segments["text"].str.len().groupby(segments["doc_id"], sort=False).sum()
    over = sizes[sizes > max_chars]
    rows = [
        failure_row(
            "annotate",
            doc_id,
            f"too long to annotate: {int(size):,} characters, more than "
            f"annotate.max_doc_chars ({max_chars:,}); split the file or raise that bound",
        )
        for doc_id, size in over.items()
    ]
    kept = segments[~segments["doc_id"].isin(over.index)].reset_index(drop=True)
    return rows, kept
