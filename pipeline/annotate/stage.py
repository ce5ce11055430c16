"""The annotate stage over folders: segments in, tokens and the model description out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.layout import DEFAULT_CACHE_DIR
from pipeline.params import Params
from pipeline.tables import read_table, write_json, write_table

if TYPE_CHECKING:
    from collections.abc import Callable

    from pipeline.parallel import Executor


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
    workers.

    Args:
        interim: Folder holding segments.parquet; receives tokens.parquet and nlp_info.json.
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
        misses in documents (not written).
    """
    from pipeline.annotate.cache import annotate_cached
    from pipeline.model.files import needs_torch
    from pipeline.model.nlp import describe_pipeline
    from pipeline.parallel import make_executor

    segments = read_table(interim / "segments.parquet", "segments")
    # Described, not loaded: only a task that runs in this process loads the pipeline,
    # so workers start parsing sooner, and a fully cached rerun never loads it.
    info = describe_pipeline(params.annotate.model)
    skip_torch = not needs_torch(params.annotate.model)
    with make_executor(workers=params.annotate.n_process, skip_torch=skip_torch) as own_executor:
        result = annotate_cached(
            segments,
            None,
            info,
            params=params.annotate,
            cache_dir=cache_dir,
            executor=executor or own_executor,
            progress=progress,
            on_parallel=on_parallel,
        )
    write_table(result.tokens, interim / "tokens.parquet", "tokens")
    write_json(interim / "nlp_info.json", info)
    return {**info, "cache": result.stats}
