"""With the real Dutch model: cached annotation gives the rows `annotate_segments` gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.annotate.cache import annotate_cached, annotate_documents
from pipeline.annotate.tokens import annotate_segments
from pipeline.ingest import ingest_folder
from pipeline.model.nlp import load_pipeline
from pipeline.params import AnnotateParams

ROOT = Path(__file__).resolve().parents[1]
FILES = ["interview_beleidsadviseur.txt", "breakout_zelfredzaamheid.md"]


@pytest.fixture(scope="module")
def segments(tmp_path_factory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("raw")
    for name in FILES:
        shutil.copy(ROOT / "data" / "raw" / name, folder / name)
    return ingest_folder(folder).segments


@pytest.fixture(scope="module")
def model():
    return load_pipeline("auto")


@pytest.mark.parametrize("doc_id", FILES)
def test_cache_document_rows_equal_annotate_segments(segments, model, doc_id):
    nlp, _ = model
    part = segments[segments["doc_id"] == doc_id]
    expected = annotate_segments(part, nlp, params=AnnotateParams())
    got = annotate_documents([part], nlp, params=AnnotateParams())[0].to_pandas()
    assert len(got) > 100
    pd.testing.assert_frame_equal(got, expected)


def test_cache_documents_sharing_a_stream_get_their_own_rows(segments, model):
    nlp, _ = model
    parts = [segments[segments["doc_id"] == doc_id] for doc_id in FILES]
    together = annotate_documents(parts, nlp, params=AnnotateParams(batch_size=5))
    alone = [annotate_documents([part], nlp, params=AnnotateParams())[0] for part in parts]
    assert [t.num_rows for t in together] == [t.num_rows for t in alone]
    for got, expected in zip(together, alone, strict=True):
        assert got.equals(expected)
        assert set(got.column("doc_id").to_pylist()) == {expected.column("doc_id")[0].as_py()}


def test_cache_cached_tokens_equal_one_pass_over_all_documents(segments, model, tmp_path):
    # One nlp.pipe stream over both documents batches them together; the cache parses each
    # document on its own. The parse must not depend on which texts share a batch.
    nlp, info = model
    expected = annotate_segments(segments, nlp, params=AnnotateParams(batch_size=7))
    fresh = annotate_cached(segments, nlp, info, params=AnnotateParams(), cache_dir=tmp_path)
    cached = annotate_cached(segments, nlp, info, params=AnnotateParams(), cache_dir=tmp_path)
    assert (fresh.misses, cached.hits) == (2, 2)
    pd.testing.assert_frame_equal(fresh.tokens, expected)
    pd.testing.assert_frame_equal(cached.tokens, expected)


def test_cache_pipeline_is_loaded_only_where_a_task_runs(segments, model, tmp_path, monkeypatch):
    from pipeline.annotate import cache
    from pipeline.model.nlp import describe_pipeline

    _, info = model
    assert describe_pipeline("auto") == info
    loads: list[str] = []
    real_load = cache.load_pipeline
    monkeypatch.setattr(cache, "_PIPELINES", {})
    monkeypatch.setattr(
        cache, "load_pipeline", lambda source: loads.append(source) or real_load(source)
    )
    # Without a pipeline handed in, the first task run here loads it, once.
    first = annotate_cached(segments, None, info, params=AnnotateParams(), cache_dir=tmp_path)
    assert loads == [info["source"]] and first.misses == len(FILES)
    # A fully cached rerun in a fresh process state never loads it.
    monkeypatch.setattr(cache, "_PIPELINES", {})
    again = annotate_cached(segments, None, info, params=AnnotateParams(), cache_dir=tmp_path)
    assert loads == [info["source"]] and again.hits == len(FILES)
    pd.testing.assert_frame_equal(again.tokens, first.tokens)


@pytest.mark.parametrize(
    ("n_docs", "workers", "hook", "in_workers"),
    [
        (2, 2, True, True),
        (2, 2, False, True),
        (1, 2, True, True),  # a lone task too, since this process has other work
        (1, 2, False, False),  # a lone task with nothing else to do runs here
        (2, 1, True, False),
        (0, 2, True, False),
    ],
)
def test_cache_documents_go_to_workers_when_worth_it(
    segments, model, n_docs, workers, hook, in_workers
):
    from pipeline.parallel import make_executor

    nlp, info = model
    part = segments[segments["doc_id"].isin(FILES[:n_docs])]
    calls: list[int] = []
    with make_executor(workers=workers) as executor:
        result = annotate_cached(
            part,
            nlp,
            info,
            params=AnnotateParams(),
            executor=executor,
            on_parallel=(lambda: calls.append(1)) if hook else None,
        )
        started = getattr(executor, "_pool", None) is not None
    assert result.misses == n_docs
    assert started is in_workers
    assert calls == ([1] if hook and in_workers else [])
    here = annotate_cached(part, nlp, info, params=AnnotateParams())
    pd.testing.assert_frame_equal(result.tokens, here.tokens)


def _thinc_has_torch(_item) -> bool:
    from thinc import compat

    return compat.has_torch


def test_cache_workers_without_torch_give_the_same_rows(segments, model):
    from pipeline.model.files import needs_torch
    from pipeline.parallel import make_executor

    nlp, info = model
    assert not needs_torch("auto")
    expected = annotate_cached(segments, nlp, info, params=AnnotateParams()).tokens
    with make_executor(workers=2, skip_torch=True) as executor:
        result = annotate_cached(segments, nlp, info, params=AnnotateParams(), executor=executor)
        # spaCy, imported by the workers for the annotation, went on without PyTorch.
        has_torch = set(executor.map(_thinc_has_torch, range(4)))
    assert result.misses == len(FILES) and has_torch == {False}
    pd.testing.assert_frame_equal(result.tokens, expected)
