"""Where batch work runs: in this process, in local processes, or on a Dask cluster.

An `Executor` maps a function over items and yields the results in the order of the items,
whatever finishes first, so the tables a run writes are identical for any number of
workers. Only a bounded number of tasks is in flight at a time, so a long folder streams
through instead of piling up results in memory. A lone task runs in the calling process,
where starting or reaching workers would cost more than the task.

The functions and items sent to workers must be picklable (module-level functions,
`functools.partial`, dataclasses, DataFrames). Workers load what they need lazily and keep
it per process, for example the spaCy pipeline (see `pipeline.annotate.cache`).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from pipeline.model.files import without_torch

# Modules the local worker processes import once in the fork server, before any worker
# starts; each worker then forks from it instead of importing pandas and the readers again.
# spaCy is left out: it is slow to import, and workers that only read files never need it.
PRELOAD = ["pipeline.ingest"]


def available_cores() -> int:
    """Cores this process may use (its CPU affinity where the platform tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


def _split_off_small(items: Iterable) -> tuple[bool, Iterator]:
    """Whether there are fewer than two items, and the items again.

    Starting workers for a single task costs more than it saves (a worker may first have
    to import spaCy and load the model the caller already holds), so such a task runs in
    the calling process.
    """
    items = iter(items)
    head = list(itertools.islice(items, 2))
    return len(head) < 2, itertools.chain(head, items)


def _ordered(submit: Callable[[Any], Any], items: Iterable, limit: int) -> Iterator:
    """Submit items with at most `limit` in flight and yield their results in item order."""
    pending: deque = deque()
    try:
        for item in items:
            pending.append(submit(item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # A consumer that stops early (or a task that failed) leaves nothing running.
        for future in pending:
            future.cancel()


class Executor:
    """Runs tasks one after another in this process; the base of the parallel executors.

    Attributes:
        workers: How many tasks run at the same time.
    """

    workers = 1

    def map(self, fn: Callable[[Any], Any], items: Iterable) -> Iterator:
        """Apply `fn` to every item and yield the results in the order of `items`.

        Args:
            fn: A picklable function of one argument.
            items: The arguments.

        Yields:
            `fn(item)` for each item, in order. A task's exception is raised here.
        """
        return map(fn, items)

    def submit(self, fn: Callable[[Any], Any], item: Any) -> Future:
        """Start `fn(item)` where the executor runs work, and return at once.

        Args:
            fn: A picklable function of one argument.
            item: The argument.

        Returns:
            A future; its `result()` is `fn(item)`, or raises the task's exception. This
            serial executor runs the task before returning, so the future is done.
        """
        future: Future = Future()
        try:
            future.set_result(fn(item))
        except Exception as err:  # handed to the caller through result()
            future.set_exception(err)
        return future

    def describe(self) -> str:
        """One line for the run summary, such as `4 local processes`."""
        return "1 process (serial)"

    def close(self) -> None:
        """Release the workers; the executor cannot be used afterwards."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class ProcessExecutor(Executor):
    """Local worker processes (`concurrent.futures`), started at the first `map`.

    Args:
        workers: Number of processes.
        skip_torch: Start each worker with `without_torch`, for work that never needs
            PyTorch (ingest, and annotating with a pipeline that does not use it).
    """

    def __init__(self, workers: int, *, skip_torch: bool = False):
        self.workers = workers
        self.skip_torch = skip_torch
        self._pool: ProcessPoolExecutor | None = None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers never inherit threads or a loaded model from the parent,
            # and still start cheaply because the heavy imports are preloaded.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=without_torch if self.skip_torch else None,
            )
        return self._pool

    def map(self, fn: Callable[[Any], Any], items: Iterable) -> Iterator:
        """Apply `fn` to every item in the worker processes; results in item order."""
        small, items = _split_off_small(items)
        if small:
            return map(fn, items)
        pool = self._started()
        return _ordered(lambda item: pool.submit(fn, item), items, 2 * self.workers)

    def submit(self, fn: Callable[[Any], Any], item: Any) -> Future:
        """Start `fn(item)` in a worker process; the future holds its result."""
        return self._started().submit(fn, item)

    def describe(self) -> str:
        """One line for the run summary."""
        return f"{self.workers} local processes"

    def close(self) -> None:
        """Shut the worker processes down."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskExecutor(Executor):
    """Tasks submitted to a Dask distributed cluster: an existing one, or a LocalCluster.

    Args:
        scheduler: `local` to start a `LocalCluster` of `workers` processes, or the address
            of a running scheduler such as `tcp://10.0.0.5:8786`.
        workers: Worker processes of a LocalCluster (ignored for an existing cluster).
    """

    def __init__(self, scheduler: str, *, workers: int):
        self.scheduler = scheduler
        self.n_local = workers
        self._cluster: Any = None
        self._client: Any = None

    @property
    def workers(self) -> int:
        """Threads the cluster offers now (at least 1); a LocalCluster is not started for it."""
        if self._client is None and self.scheduler == "local":
            return self.n_local
        # Reaching a running scheduler is cheap, and the work is split by its size.
        return max(1, sum(self._connect().nthreads().values()))

    def _connect(self) -> Any:
        from distributed import Client, LocalCluster

        if self._client is None:
            if self.scheduler == "local":
                # One thread per worker process: a spaCy pipeline is not shared by threads.
                self._cluster = LocalCluster(
                    n_workers=self.n_local,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler, timeout="30s")
        return self._client

    def map(self, fn: Callable[[Any], Any], items: Iterable) -> Iterator:
        """Submit `fn(item)` for every item to the cluster; results in item order."""
        small, items = _split_off_small(items)
        if small:
            return map(fn, items)
        client = self._connect()
        return _ordered(lambda item: client.submit(fn, item, pure=False), items, 2 * self.workers)

    def submit(self, fn: Callable[[Any], Any], item: Any) -> Any:
        """Start `fn(item)` on the cluster; the Dask future's `result()` returns it."""
        return self._connect().submit(fn, item, pure=False)

    def describe(self) -> str:
        """One line for the run summary."""
        if self.scheduler == "local":
            return f"Dask LocalCluster, {self.n_local} worker processes"
        return f"Dask cluster at {self.scheduler}, {self.workers} worker threads"

    def close(self) -> None:
        """Disconnect; a LocalCluster started here is shut down, a remote one is left alone."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def make_executor(
    *, workers: int | None = None, scheduler: str | None = None, skip_torch: bool = False
) -> Executor:
    """Choose where batch work runs.

    Args:
        workers: Local worker processes (None: every available core). With 1 and no
            scheduler, the work runs in this process.
        scheduler: None for local processes, `local` for a Dask LocalCluster of `workers`
            processes, or a Dask scheduler address (`tcp://HOST:PORT`).
        skip_torch: Local worker processes start without PyTorch (see `without_torch`).
            This process and Dask workers, which may serve other work, are left alone.

    Returns:
        An executor; use it as a context manager so its workers are released.

    Raises:
        ValueError: When `workers` is below 1.
    """
    workers = available_cores() if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if scheduler:
        return DaskExecutor(scheduler, workers=workers)
    return Executor() if workers == 1 else ProcessExecutor(workers, skip_torch=skip_torch)
