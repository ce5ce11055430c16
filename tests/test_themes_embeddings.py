import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import spacy

from pipeline.themes.backends.base import EmbeddingError
from pipeline.themes.backends.registry import embedder_from_state, make_embedder
from pipeline.themes.backends.spacy_vectors import SpacyVectorsEmbedder
from pipeline.themes.backends.tfidf import TfidfSvdEmbedder
from pipeline.themes.embedding_cache import embed_contexts

LEMMAS = [
    "familie buur steunen",
    "buur familie vriend helpen",
    "taalles docent leren",
    "docent examen taalles",
    "financieel toeslag coöperatie",
    "toeslag financieel schuld",
    "",
]


def contexts(lemmas=LEMMAS):
    return pd.DataFrame(
        {
            "context_id": [f"s.txt#{i:04d}@0" for i in range(len(lemmas))],
            "lemmas": lemmas,
            "text": [f"Zin {i}." for i in range(len(lemmas))],
        }
    )


@pytest.mark.parametrize("dims", [5, 6, 50])
def test_themes_embeddings_tfidf_svd_rows_are_unit_length(dims):
    X = TfidfSvdEmbedder(dims=dims).fit(contexts()).transform(contexts())
    assert X.dtype == np.float32
    # Six lemmas occur in two contexts or more; SVD keeps fewer dimensions than that.
    assert X.shape == (7, 5)
    np.testing.assert_allclose(np.linalg.norm(X[:6], axis=1), 1.0, atol=1e-5)
    assert not X[6].any()  # a context without content words has no direction


@pytest.mark.parametrize(("min_df", "expected_zero"), [(2, True), (1, False)])
def test_themes_embeddings_tfidf_svd_ignores_words_seen_once(min_df, expected_zero):
    lemmas = [*LEMMAS[:-1], "burgemeester fietsen"]
    X = TfidfSvdEmbedder(min_df=min_df).fit(contexts(lemmas)).transform(contexts(lemmas))
    assert (not X[6].any()) == expected_zero


def test_themes_embeddings_tfidf_svd_groups_shared_words():
    X = TfidfSvdEmbedder(dims=3).fit(contexts()).transform(contexts())
    assert X[0] @ X[1] > X[0] @ X[2]
    assert X[2] @ X[3] > X[2] @ X[4]
    assert X[4] @ X[5] > X[4] @ X[0]


@pytest.mark.parametrize("new", [["familie buur"], ["onbekend woord"], ["docent coöperatie"]])
def test_themes_embeddings_tfidf_svd_state_round_trip(new):
    fitted = TfidfSvdEmbedder(dims=4, seed=7).fit(contexts())
    rebuilt = embedder_from_state(fitted.config(), fitted.tensors())
    np.testing.assert_array_equal(rebuilt.transform(contexts(new)), fitted.transform(contexts(new)))


@pytest.mark.parametrize("name", ["bestaat-niet/dutch-mini", "/geen/map/hier"])
def test_themes_embeddings_sentence_transformers_fails_clearly_offline(monkeypatch, name):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = make_embedder(f"sentence-transformers:{name}")
    with pytest.raises(EmbeddingError) as info:
        embedder.fit(contexts())
    message = str(info.value)
    assert repr(name) in message
    assert "offline" in message
    assert "never downloads" in message
    assert "tfidf-svd" in message


def test_themes_embeddings_spacy_without_vectors_fails_clearly():
    with pytest.raises(EmbeddingError, match=r"has none.*tfidf-svd"):
        SpacyVectorsEmbedder(nlp=spacy.blank("nl")).fit()


def test_themes_embeddings_spacy_vectors_average_the_lemmas():
    nlp = spacy.blank("nl")
    nlp.vocab.set_vector("familie", np.array([1.0, 0.0, 0.0], dtype=np.float32))
    nlp.vocab.set_vector("buur", np.array([0.0, 1.0, 0.0], dtype=np.float32))
    X = SpacyVectorsEmbedder(nlp=nlp).fit().transform(contexts(["familie buur", "onbekend", ""]))
    np.testing.assert_allclose(X[0], [2**-0.5, 2**-0.5, 0.0], atol=1e-6)
    assert not X[1].any() and not X[2].any()


@pytest.mark.parametrize("spec", ["bert", "sentence-transformers:", "tfidf"])
def test_themes_embeddings_unknown_backend_names_the_choices(spec):
    with pytest.raises(ValueError, match="tfidf-svd"):
        make_embedder(spec)


def test_themes_embeddings_cache_reuses_and_invalidates(tmp_path):
    first, X1, hit1 = embed_contexts(TfidfSvdEmbedder(dims=3), contexts(), cache_dir=tmp_path)
    again, X2, hit2 = embed_contexts(TfidfSvdEmbedder(dims=3), contexts(), cache_dir=tmp_path)
    assert (hit1, hit2) == (False, True)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(again.transform(contexts()), first.transform(contexts()))
    assert len(list(tmp_path.iterdir())) == 1

    _, _, hit3 = embed_contexts(TfidfSvdEmbedder(dims=4), contexts(), cache_dir=tmp_path)
    changed = contexts([*LEMMAS[:-1], "gemeente familie"])
    _, X4, hit4 = embed_contexts(TfidfSvdEmbedder(dims=3), changed, cache_dir=tmp_path)
    assert (hit3, hit4) == (False, False)
    assert X4[6].any()
    files = sorted(p.suffix for p in tmp_path.iterdir())
    assert files == [".safetensors"] * 3
    for path in tmp_path.iterdir():
        assert path.read_bytes()[:1] != b"\x80"  # never a pickle


@pytest.fixture(scope="module")
def tiny_sentence_model(tmp_path_factory):
    # A random two-layer BERT saved as a sentence-transformers folder: no download needed.
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("st")
    words = "[PAD] [UNK] [CLS] [SEP] [MASK] de het een familie buur taal les docent werk geld"
    (folder / "vocab.txt").write_text("\n".join(words.split()))
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True)
    config = BertConfig(
        vocab_size=15, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=64,
    )  # fmt: skip
    BertModel(config).save_pretrained(folder / "hf")
    tokenizer.save_pretrained(folder / "hf")
    word = Transformer(str(folder / "hf"))
    pooling = Pooling(word.get_embedding_dimension())
    SentenceTransformer(modules=[word, pooling]).save(str(folder / "model"))
    return folder / "model"


def test_themes_embeddings_sentence_transformers_local_folder(tiny_sentence_model, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = make_embedder(f"sentence-transformers:{tiny_sentence_model}").fit(contexts())
    X = embedder.transform(contexts())
    assert X.shape == (7, 16)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0, atol=1e-5)
    assert embedder.inputs(contexts())[0] == "Zin 0."  # it embeds the quote, not the lemmas
    rebuilt = embedder_from_state(embedder.config(), embedder.tensors())
    np.testing.assert_allclose(rebuilt.transform(contexts()), X, atol=1e-6)


def test_themes_embeddings_sentence_transformers_through_the_stage(
    tiny_sentence_model, monkeypatch, tmp_path
):
    from test_themes_synthetic import TERMS, synthetic_corpus

    from pipeline.params import ThemesParams
    from pipeline.themes import ThemeModel, fit_themes

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    documents, tokens, hits, _ = synthetic_corpus(30)
    # The tiny random model makes every context alike: near-duplicate merging off.
    params = ThemesParams(
        embedding=f"sentence-transformers:{tiny_sentence_model}", n_themes=3,
        duplicate_similarity=1.0,
    )  # fmt: skip
    result = fit_themes(hits, tokens, documents, params=params, terms=TERMS)
    assert result.embeddings.shape == (30, 16)
    assert result.metrics["n_themes"] == 3
    loaded = ThemeModel.load(result.save_model(tmp_path / "themes"))
    placed = loaded.transform(result.contexts)
    assert placed["theme_id"].tolist() == result.coded_contexts["theme_id"].tolist()


def test_themes_embeddings_sentence_transformers_after_bertopic(tiny_sentence_model):
    # BERTopic is imported with the transformer stack hidden (pipeline.themes.lean_bertopic);
    # the sentence-transformers backend imports it for real afterwards.
    code = (
        "import sys, pandas as pd\n"
        "import pipeline.themes.fit\n"
        "assert 'sentence_transformers' not in sys.modules\n"
        "from pipeline.themes.backends.registry import make_embedder\n"
        f"embedder = make_embedder('sentence-transformers:{tiny_sentence_model}').fit()\n"
        "print(embedder.transform(pd.DataFrame({'text': ['de familie', 'het werk']})).shape)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "(2, 16)"
