"""The annotate stage's batch machinery: cached documents reused, the rest parsed in parallel.

Each document's tokens are looked up in the annotation store (`pipeline.annotate.store`),
and the misses are grouped into tasks for the executor's workers (`pipeline.parallel`).
Entries travel as Arrow tables (workers return them, the store reads and writes them) and
become one DataFrame only at the end: converting a thousand small DataFrames costs more
than parsing some of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from spacy.language import Language
from tqdm import tqdm

from pipeline.annotate.store import TOKENS_SCHEMA, AnnotationCache
from pipeline.annotate.tokens import iter_token_pieces
from pipeline.model.nlp import load_pipeline
from pipeline.parallel import Executor
from pipeline.params import AnnotateParams

# A task sent to a worker holds whole documents worth about this many characters, so the
# per-task overhead stays small next to the parsing.
TASK_CHARS = 40_000
# Tokens of one document collected as Python lists before they become an Arrow table.
FLUSH_TOKENS = 200_000


@dataclass
class CachedAnnotation:
    """The annotate stage's tokens and how the cache served them.

    Attributes:
        tokens: The tokens table (see `pipeline.annotate.annotate_segments`).
        hits: Documents whose tokens came from the cache.
        misses: Documents that were annotated in this run.
        annotated: doc_ids of the misses, in document order.
    """

    tokens: pd.DataFrame
    hits: int = 0
    misses: int = 0
    annotated: list[str] = field(default_factory=list)

    @property
    def stats(self) -> dict:
        """Hits and misses, for summaries."""
        return {"hits": self.hits, "misses": self.misses}


# Pipelines already loaded in this process, by source; each worker process fills its own.
_PIPELINES: dict[str, tuple[Language, dict]] = {}


def _pipeline(source: str, expected_hash: str) -> Language:
    if source not in _PIPELINES or _PIPELINES[source][1]["hash"] != expected_hash:
        # Not loaded yet, or the files changed since this (long-lived) worker loaded them.
        _PIPELINES[source] = load_pipeline(source)
    nlp, info = _PIPELINES[source]
    if info["hash"] != expected_hash:
        # A worker that sees other model files must not fill the cache under this key.
        raise RuntimeError(
            f"the worker loaded {source!r} with hash {info['hash']}, not {expected_hash}; "
            "every worker needs the same model files"
        )
    return nlp


def annotate_documents(
    parts: list[pd.DataFrame], nlp: Language, *, params: AnnotateParams
) -> list[pa.Table]:
    """Each document's tokens as an Arrow table with `TOKENS_SCHEMA`.

    The documents share one `nlp.pipe` stream, so batches stay full when documents are
    short; a parse does not depend on which texts share its batch (the tests check this), so
    each document's rows are those it gets on its own. The rows are those of
    `pipeline.annotate.annotate_segments`, taken from the same stream
    (`iter_token_pieces`) but collected straight into Arrow: a DataFrame per document
    would cost about a twentieth of the parsing time.

    Args:
        parts: The segments of each document, one DataFrame per document.
        nlp: A loaded spaCy pipeline.
        params: The annotate parameters.

    Returns:
        One table per document, in the order of `parts`.
    """
    if not parts:
        return []
    segments = pd.concat(parts, ignore_index=True)
    merged = [{name: [] for name in TOKENS_SCHEMA.names} for _ in parts]
    # Rows collected as Python lists go to Arrow every FLUSH_TOKENS rows: a document of
    # millions of tokens (a file that is one 40 MB line) is never held as Python objects.
    chunks: list[list[pa.Table]] = [[] for _ in parts]
    owner = np.repeat(np.arange(len(parts)), [len(part) for part in parts])
    segment = 0
    for piece, last in iter_token_pieces(segments, nlp, params=params):
        index = owner[segment]
        columns = merged[index]
        for name, values in columns.items():
            values.extend(piece[name])
        if len(columns["tok_idx"]) >= FLUSH_TOKENS:
            chunks[index].append(pa.table(columns, schema=TOKENS_SCHEMA))
            merged[index] = {name: [] for name in TOKENS_SCHEMA.names}
        segment += last
    return [
        pa.concat_tables([*chunk, pa.table(columns, schema=TOKENS_SCHEMA)])
        for chunk, columns in zip(chunks, merged, strict=True)
    ]


def _annotate_task(
    task: tuple[list[pd.DataFrame], str, str, AnnotateParams],
) -> list[pa.Table]:
    """Annotate a few documents in a worker (or here, for a single task)."""
    parts, source, model_hash, params = task
    return annotate_documents(parts, _pipeline(source, model_hash), params=params)


def _tasks(
    parts: list[pd.DataFrame], sizes: list[int], *, workers: int
) -> list[list[pd.DataFrame]]:
    """Group consecutive documents into tasks of about TASK_CHARS, at least 4 per worker."""
    target = max(1, min(TASK_CHARS, sum(sizes) // (4 * workers)))
    tasks: list[list[pd.DataFrame]] = []
    size = target
    for part, part_size in zip(parts, sizes, strict=True):
        if size >= target:
            tasks.append([])
            size = 0
        tasks[-1].append(part)
        size += part_size
    return tasks


@dataclass
class _Documents:
    """The segments of every document, with its size, cache key and cached tokens.

    Attributes:
        parts: The segments of each document, in document order.
        sizes: The characters of each document.
        keys: The cache key of each document.
        found: The tokens of each document, None until they are cached or annotated.
        missing: Positions of the documents the cache did not have, in document order.
    """

    parts: list[pd.DataFrame]
    sizes: list[int]
    keys: list[str]
    found: list[pa.Table | None]
    missing: list[int]

    @classmethod
    def look_up(cls, segments: pd.DataFrame, cache: AnnotationCache) -> _Documents:
        """Split the segments into documents and look each one up in the cache."""
        parts = [part for _, part in segments.groupby("doc_id", sort=False)]
        sizes = [int(part["text"].str.len().sum()) for part in parts]
        keys = [cache.key(part) for part in parts]
        found = [cache.get(key) for key in keys]
        missing = [i for i, tokens in enumerate(found) if tokens is None]
        return cls(parts=parts, sizes=sizes, keys=keys, found=found, missing=missing)


def _run_tasks(
    tasks: list[list[pd.DataFrame]],
    payloads: Iterator[tuple[list[pd.DataFrame], str, str, AnnotateParams]],
    *,
    executor: Executor,
    on_parallel: Callable[[], None] | None,
) -> Iterable[list[pa.Table]]:
    """The results of the tasks in task order, run here or by the executor's workers."""
    # A single task (a rerun with a new document or two) goes to a worker only when this
    # process has other work meanwhile (on_parallel); otherwise starting a worker, which
    # imports spaCy and loads the model first, would cost more than it saves. The rows are
    # the same wherever a task runs.
    lone = len(tasks) == 1
    parallel = executor.workers > 1 and (len(tasks) > 1 or (lone and on_parallel is not None))
    if not parallel:
        batches = map(_annotate_task, payloads)
    elif lone:
        batches = (future.result() for future in [executor.submit(_annotate_task, next(payloads))])
    else:
        batches = executor.map(_annotate_task, payloads)
    if parallel and on_parallel is not None:
        on_parallel()
    return batches


def _annotate_missing(
    docs: _Documents,
    cache: AnnotationCache,
    info: dict,
    *,
    params: AnnotateParams,
    executor: Executor,
    progress: bool,
    on_parallel: Callable[[], None] | None,
) -> None:
    """Annotate the documents the cache did not have, storing each as soon as it is back."""
    missing = docs.missing
    bar = tqdm(
        total=sum(docs.sizes[i] for i in missing),
        desc="annotate",
        unit="char",
        unit_scale=True,
        disable=not progress,
    )
    bar.set_postfix(cached=len(docs.parts) - len(missing), todo=len(missing))
    tasks = _tasks(
        [docs.parts[i] for i in missing],
        [docs.sizes[i] for i in missing],
        workers=executor.workers,
    )
    # Workers parse with one process each; the executor is what spreads the work.
    worker_params = params.model_copy(update={"n_process": 1})
    payloads = ((task, str(info["source"]), info["hash"], worker_params) for task in tasks)
    batches = _run_tasks(tasks, payloads, executor=executor, on_parallel=on_parallel)
    todo = iter(missing)
    for results in batches:
        for tokens in results:
            index = next(todo)
            cache.put(docs.keys[index], tokens)
            docs.found[index] = tokens
            bar.update(docs.sizes[index])
    bar.close()


def annotate_cached(
    segments: pd.DataFrame,
    nlp: Language | None,
    info: dict,
    *,
    params: AnnotateParams,
    cache_dir: Path | None = None,
    executor: Executor | None = None,
    progress: bool = False,
    on_parallel: Callable[[], None] | None = None,
) -> CachedAnnotation:
    """Annotate the segments document by document, reusing cached documents.

    Each document is parsed by its own `nlp.pipe` stream, so its tokens depend only on its
    own segments, never on which other documents were annotated alongside.

    Args:
        segments: Table following the segments contract, in document order.
        nlp: The loaded pipeline (used when the executor runs tasks in this process), or
            None to load it only if and when a task runs here.
        info: Its description from `pipeline.model.nlp.describe_pipeline` (source, hash, ...).
        params: The annotate parameters.
        cache_dir: Folder of the cache entries; None annotates everything, caching nothing.
        executor: Where the missing documents are annotated; None runs them here.
        progress: Show a progress bar over the characters still to annotate.
        on_parallel: Called once, before any result is awaited, when the missing documents
            go to the executor's workers, so this process can do other work meanwhile
            (`kruispunt run` imports the later stages' libraries). Given it, even a single
            task goes to a worker; without it, a single task runs here.

    Returns:
        The tokens table in document order (the columns of `annotate_segments`), with the
        numbers of cache hits and misses.
    """
    executor = executor or Executor()
    cache = AnnotationCache(cache_dir, model_info=info, params=params)
    if nlp is not None:
        _PIPELINES[str(info["source"])] = (nlp, info)

    # Look every document up.
    docs = _Documents.look_up(segments, cache)

    # Annotate the misses in parallel; store each document as soon as it is back.
    _annotate_missing(
        docs,
        cache,
        info,
        params=params,
        executor=executor,
        progress=progress,
        on_parallel=on_parallel,
    )

    # One table in document order, converted to pandas once.
    return CachedAnnotation(
        tokens=pa.concat_tables([TOKENS_SCHEMA.empty_table(), *docs.found]).to_pandas(),
        hits=len(docs.parts) - len(docs.missing),
        misses=len(docs.missing),
        annotated=[str(docs.parts[i]["doc_id"].iloc[0]) for i in docs.missing],
    )
