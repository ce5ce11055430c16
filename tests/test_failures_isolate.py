"""`isolate_failures`: the documents that fail on their own are found, reported, left out."""

from __future__ import annotations

import math

import pytest

from pipeline.failures import isolate_failures, reason_of

DOCS = [f"doc{i:02d}.txt" for i in range(13)]


def _stage(bad: set[str], calls: list):
    """A stage over documents that raises when any of `bad` is among them."""

    def run(keep):
        docs = DOCS if keep is None else list(keep)
        calls.append(docs)
        broken = sorted(bad & set(docs))
        if broken:
            raise ValueError(f"cannot handle {broken[0]}")
        return docs

    return run


def test_isolate_failures_runs_once_when_nothing_fails():
    calls: list = []
    result, failed = isolate_failures(_stage(set(), calls), DOCS, stage="themes")
    assert result == DOCS and failed == [] and len(calls) == 1


@pytest.mark.parametrize(
    "bad", [{"doc00.txt"}, {"doc12.txt"}, {"doc03.txt", "doc04.txt", "doc11.txt"}]
)
def test_isolate_failures_leaves_out_exactly_the_failing_documents(bad):
    calls: list = []
    result, failed = isolate_failures(_stage(bad, calls), DOCS, stage="associate")
    assert result == [doc for doc in DOCS if doc not in bad]
    assert [row["doc_id"] for row in failed] == sorted(bad)
    assert {row["stage"] for row in failed} == {"associate"}
    assert all(row["reason"] == f"ValueError: cannot handle {row['doc_id']}" for row in failed)
    # Halving: about 2·k·log2(n) tries, plus the first and the final run.
    assert len(calls) <= 2 + 2 * len(bad) * math.ceil(math.log2(len(DOCS)))
    if len(bad) == 1:
        assert len(calls) < len(DOCS)


def test_isolate_failures_raises_an_error_no_single_document_causes():
    def run(keep):
        if keep is None or len(keep) > 6:
            raise RuntimeError("only when many documents come together")
        return list(keep)

    with pytest.raises(RuntimeError, match="come together"):
        isolate_failures(run, DOCS, stage="export")


def test_isolate_failures_raises_when_every_document_fails():
    # A broken stage, not broken documents: its error is raised, nothing is left out.
    with pytest.raises(ValueError, match=r"cannot handle doc00\.txt"):
        isolate_failures(_stage(set(DOCS), []), DOCS, stage="themes")


def test_isolate_failures_final_run_is_the_one_given():
    bad = {"doc05.txt"}
    result, failed = isolate_failures(
        _stage(bad, []), DOCS, stage="export", final=lambda keep: ("final", list(keep))
    )
    assert result == ("final", [doc for doc in DOCS if doc not in bad])
    assert [row["doc_id"] for row in failed] == ["doc05.txt"]


def test_reason_of_is_one_short_line():
    reason = reason_of(KeyError("a\nb " + "x" * 500))
    assert reason.startswith("KeyError: ") and "\n" not in reason and len(reason) < 220
