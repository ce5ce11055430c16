"""Executors: results in item order whatever finishes first; errors reach the caller."""

from __future__ import annotations

import math
import operator
import os
from functools import partial

import pytest

from pipeline.parallel import DaskExecutor, Executor, ProcessExecutor, make_executor

# Where the work may run: in this process, local processes, a Dask LocalCluster started by
# the executor, and a running cluster reached by its address ("remote").
SETUPS = [(1, None), (2, None), (4, None), (2, "local"), (2, "remote")]


@pytest.fixture(scope="module")
def running_cluster():
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    yield cluster
    cluster.close()


@pytest.fixture(scope="module")
def executors(request):
    made: dict = {}

    def get(workers, scheduler):
        if (workers, scheduler) not in made:
            if scheduler == "remote":
                address = request.getfixturevalue("running_cluster").scheduler_address
                made[workers, scheduler] = make_executor(scheduler=address)
            else:
                made[workers, scheduler] = make_executor(workers=workers, scheduler=scheduler)
        return made[workers, scheduler]

    yield get
    for executor in made.values():
        executor.close()


@pytest.mark.parametrize(
    ("workers", "scheduler", "kind"),
    [(1, None, Executor), (3, None, ProcessExecutor), (2, "local", DaskExecutor)],
)
def test_parallel_make_executor_chooses_the_backend(workers, scheduler, kind):
    executor = make_executor(workers=workers, scheduler=scheduler)
    assert type(executor) is kind
    assert executor.workers == workers


@pytest.mark.parametrize("workers", [0, -2])
def test_parallel_make_executor_rejects_no_workers(workers):
    with pytest.raises(ValueError, match="at least 1"):
        make_executor(workers=workers)


@pytest.mark.parametrize(("workers", "scheduler"), SETUPS)
def test_parallel_map_keeps_item_order(executors, workers, scheduler):
    # Big factorials first: the early items finish last when they run side by side.
    items = [30000, 20000, 10000, 5, 4, 3, 2, 1, 0, 7000, 12]
    results = list(executors(workers, scheduler).map(math.factorial, items))
    assert results == [math.factorial(n) for n in items]


@pytest.mark.parametrize(("workers", "scheduler"), SETUPS)
def test_parallel_map_raises_the_task_error(executors, workers, scheduler):
    divide = partial(operator.truediv, 12)
    results = executors(workers, scheduler).map(divide, [4, 3, 0, 6])
    assert next(results) == 3
    with pytest.raises(ZeroDivisionError):
        list(results)


@pytest.mark.parametrize("items", [[], [5]])
@pytest.mark.parametrize(("workers", "scheduler"), [(2, None), (2, "local")])
def test_parallel_map_of_one_item_or_none_starts_no_workers(workers, scheduler, items):
    executor = make_executor(workers=workers, scheduler=scheduler)
    assert list(executor.map(math.factorial, items)) == [math.factorial(n) for n in items]
    assert getattr(executor, "_pool", None) is None
    assert getattr(executor, "_client", None) is None
    executor.close()


def test_parallel_closing_leaves_a_running_cluster_alone(running_cluster):
    executor = make_executor(scheduler=running_cluster.scheduler_address)
    assert executor.workers == 2
    assert list(executor.map(math.factorial, [3, 4, 5])) == [6, 24, 120]
    assert "2 worker threads" in executor.describe()
    executor.close()
    assert len(running_cluster.scheduler_info["workers"]) == 2


@pytest.mark.parametrize(("workers", "scheduler"), SETUPS)
def test_parallel_submit_returns_a_future_of_the_result(executors, workers, scheduler):
    executor = executors(workers, scheduler)
    future = executor.submit(math.factorial, 2000)
    assert future.result() == math.factorial(2000)
    failing = executor.submit(partial(operator.truediv, 12), 0)
    with pytest.raises(ZeroDivisionError):
        failing.result()


@pytest.mark.parametrize(("workers", "expect_elsewhere"), [(1, False), (2, True)])
def test_parallel_submit_runs_where_the_executor_runs_work(executors, workers, expect_elsewhere):
    pid = executors(workers, None).submit(_pid, None).result()
    assert (pid != os.getpid()) is expect_elsewhere


def _pid(_item) -> int:
    return os.getpid()


def _torch_importable(_item) -> bool:
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.parametrize("skip_torch", [True, False])
def test_parallel_workers_can_start_without_torch(skip_torch):
    pytest.importorskip("torch")
    with make_executor(workers=2, skip_torch=skip_torch) as executor:
        found = list(executor.map(_torch_importable, range(4)))
    assert found == [not skip_torch] * 4
    # This process keeps PyTorch either way.
    assert _torch_importable(None)
