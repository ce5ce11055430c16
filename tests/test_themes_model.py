import json
import socket

import numpy as np
import pytest
from safetensors import safe_open
from test_themes_synthetic import TERMS, synthetic_corpus

from pipeline.params import ThemesParams
from pipeline.stopwords import dutch_stop_words
from pipeline.themes import ThemeModel, fit_themes


@pytest.fixture(scope="module")
def fitted():
    documents, tokens, hits, _ = synthetic_corpus(80, seed=5)
    return fit_themes(
        hits,
        tokens,
        documents,
        params=ThemesParams(embedding="tfidf-svd"),
        terms=TERMS,
        stop_words=dutch_stop_words(),
    )


@pytest.fixture
def offline(monkeypatch):
    # Network attempts are recorded as well as refused: libraries that swallow the error
    # (BERTopic.load catches everything while looking for an embedding model) still fail.
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield
    assert attempts == []


def parses_as_json_or_safetensors(path) -> bool:
    # A file that is valid JSON or safetensors is data only: it cannot be a pickle.
    if path.suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))
        return True
    if path.suffix == ".safetensors":
        with safe_open(str(path), framework="np") as handle:
            return all(handle.get_tensor(k).size >= 0 for k in handle.keys())  # noqa: SIM118
    return False


def test_themes_model_folder_holds_no_pickles(fitted, tmp_path):
    folder = fitted.save_model(tmp_path / "themes")
    names = sorted(p.name for p in folder.rglob("*") if p.is_file())
    assert names == [
        "config.json",
        "ctfidf.safetensors",
        "ctfidf_config.json",
        "embedder.safetensors",
        "kruispunt_themes.json",
        "sub_themes.safetensors",
        "topic_embeddings.safetensors",
        "topics.json",
    ]
    for path in folder.rglob("*"):
        if path.is_file():
            assert parses_as_json_or_safetensors(path), path.name


def test_themes_model_loads_offline_and_places_contexts(fitted, tmp_path, offline):
    folder = fitted.save_model(tmp_path / "themes")
    model = ThemeModel.load(folder)
    assert model.codes == dict(zip(fitted.themes["theme_id"], fitted.themes["code"], strict=True))
    placed = model.transform(fitted.contexts)
    assert placed["theme_id"].tolist() == fitted.coded_contexts["theme_id"].tolist()
    assert placed["code"].tolist() == fitted.coded_contexts["code"].tolist()
    assert placed["probability"].between(0, 1).all()
    info = model.topic_model.get_topic_info()
    top = fitted.themes[fitted.themes["level"] == 1]
    assert info["CustomName"].tolist() == top["code"].tolist()
    subs = placed["sub_theme_id"]
    assert (placed["sub_code"] == fitted.coded_contexts["sub_code"])[subs >= 0].mean() >= 0.8


def test_themes_model_loaded_keywords_match_the_codebook(fitted, tmp_path, offline):
    model = ThemeModel.load(fitted.save_model(tmp_path / "themes"))
    for row in fitted.themes[fitted.themes["level"] == 1].itertuples():
        words = [w for w, _ in model.topic_model.get_topic(row.theme_id)]
        assert row.keywords.split(" (")[0] == words[0]
    config = json.loads((tmp_path / "themes" / "config.json").read_text())
    assert config["language"] == "dutch"
    assert "embedding_model" not in config  # nothing for BERTopic to fetch on load


@pytest.mark.parametrize("context", ["De buddy belt de eenzame buurvrouw.", "Regie."])
def test_themes_model_embeds_new_contexts_like_the_fit(fitted, tmp_path, context, offline):
    model = ThemeModel.load(fitted.save_model(tmp_path / "themes"))
    fresh = fitted.contexts.iloc[:1].assign(text=context, lemmas="buddy bellen eenzaam buurvrouw")
    np.testing.assert_allclose(
        model.embedder.transform(fresh), fitted.model.embedder.transform(fresh), atol=1e-6
    )


def test_themes_model_replaces_an_old_model_but_not_other_folders(fitted, tmp_path):
    target = tmp_path / "themes"
    fitted.save_model(target)
    (target / "topic_model.pkl").write_bytes(b"left over from an older run")
    fitted.save_model(target)
    assert not (target / "topic_model.pkl").exists()
    assert (target / "kruispunt_themes.json").exists()
    other = tmp_path / "notes"
    other.mkdir()
    (other / "interview.txt").write_text("niet weggooien")
    with pytest.raises(FileExistsError):
        fitted.save_model(other)
    assert (other / "interview.txt").read_text() == "niet weggooien"
