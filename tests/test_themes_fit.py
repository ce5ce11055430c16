import re

import numpy as np
import pandas as pd
import pytest
from test_themes_synthetic import TERMS, synthetic_corpus

from pipeline.params import ThemesParams
from pipeline.stopwords import dutch_stop_words
from pipeline.tables import validate, write_table
from pipeline.themes import fit_themes

STOP = dutch_stop_words()


def fit(n, *, topics=None, seed=0, shuffle=None, **params):
    documents, tokens, hits, truth = synthetic_corpus(n, topics=topics, seed=seed)
    if shuffle is not None:
        hits = hits.sample(frac=1, random_state=shuffle)
        tokens = tokens.sample(frac=1, random_state=shuffle)
        documents = documents.sample(frac=1, random_state=shuffle)
    result = fit_themes(
        hits, tokens, documents, params=tfidf(**params), terms=TERMS, stop_words=STOP
    )
    return result, truth


def tfidf(**params) -> ThemesParams:
    """The params, with the fast offline embedding unless a test names another."""
    return ThemesParams(**{"embedding": "tfidf-svd", **params})


def top(themes: pd.DataFrame) -> pd.DataFrame:
    return themes[themes["level"] == 1]


def purity(result, truth) -> float:
    coded = result.coded_contexts.assign(truth=lambda d: d["context_id"].map(truth))
    majority = coded.groupby("theme_id")["truth"].agg(lambda s: s.value_counts().iloc[0])
    return majority.sum() / len(coded)


@pytest.fixture(scope="module")
def fit200():
    return fit(200)


@pytest.mark.parametrize(
    ("n", "topics", "regime", "n_themes"),
    [
        (15, ["netwerk", "taal", "werk"], "kmeans", 3),
        (200, None, "kmeans", 5),
    ],
)
def test_themes_fit_small_corpora_find_the_topics(n, topics, regime, n_themes):
    result, truth = fit(n, topics=topics)
    assert result.metrics["regime"] == regime
    assert result.metrics["n_themes"] == len(top(result.themes)) == n_themes
    assert result.metrics["outlier_share"] == 0.0
    assert purity(result, truth) == 1.0
    assert result.metrics["npmi_coherence"] > 0.2


def test_themes_fit_large_corpus_uses_umap_hdbscan():
    # The slowest test (about 30 s on a quiet 2-core machine; numba compiles UMAP first).
    result, truth = fit(5000, kmeans_max_contexts=1000)
    metrics = result.metrics
    assert metrics["regime"] == "hdbscan"
    assert 5 <= metrics["n_themes"] <= 10
    assert purity(result, truth) >= 0.95
    assert (result.coded_contexts["theme_id"] >= 0).all()  # outliers were reassigned
    assert metrics["n_outliers_reassigned"] <= round(metrics["outlier_share"] * 5000)
    assert result.coded_contexts["probability"].between(0, 1).all()


def test_themes_fit_codebook_keeps_its_contract(fit200):
    result, _ = fit200
    everything = validate(result.themes, "themes")
    assert everything["theme_id"].tolist() == list(range(len(everything)))
    code = r"T\d\d(\.\d)?-[a-z0-9]+(-[a-z0-9]+)*"
    assert all(re.fullmatch(code, c) for c in everything["code"])
    subs = everything[everything["level"] == 2]
    assert subs["code"].str[:3].tolist() == subs["parent_code"].str[:3].tolist()
    themes = top(everything)
    assert (themes["parent_id"] == -1).all()
    assert themes["size"].sum() == len(result.contexts) == 200
    assert themes["size"].is_monotonic_decreasing
    for term in TERMS:
        assert f"n_{term}" in themes.columns
    counts = themes[[f"n_{t}" for t in TERMS]].sum().rename(lambda c: c[2:])
    hits_per_term = result.contexts["terms"].str.split(";").explode().value_counts()
    assert counts.to_dict() == hits_per_term.reindex(TERMS, fill_value=0).to_dict()
    for row in themes.itertuples():
        seg_ids = row.quote_seg_ids.split(";")
        assert len(seg_ids) == 3
        quotes = row.quotes.split(" || ")
        assert [q.split("] ")[0][1:] for q in quotes] == seg_ids
        assert 2 <= len(row.keywords.split("; ")) <= 10
        assert re.fullmatch(r"\S.* \(0\.\d{3}\)", row.keywords.split("; ")[0])
    assert (themes["description"] == "").all()
    matrix = result.term_theme_matrix.set_index("term")
    assert matrix.columns.tolist() == themes["code"].tolist()
    assert matrix.sum(axis=1).to_dict() == counts.to_dict()


def test_themes_fit_coded_contexts_follow_the_codebook(fit200):
    result, _ = fit200
    coded = validate(result.coded_contexts, "coded_contexts")
    codes = dict(zip(result.themes["theme_id"], result.themes["code"], strict=True))
    assert coded["code"].tolist() == coded["theme_id"].map(codes).tolist()
    assert coded["context_id"].tolist() == result.contexts["context_id"].tolist()
    assert coded["probability"].between(0, 1).all()
    assert set(result.metrics) >= {
        "n_themes",
        "outlier_share",
        "topic_diversity",
        "npmi_coherence",
        "n_contexts",
        "regime",
    }


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"kmeans_max_contexts": 100, "min_cluster_size": 10},  # UMAP + HDBSCAN on 300
    ],
)
def test_themes_fit_shuffled_input_gives_identical_files(tmp_path, params):
    first, _ = fit(300, **params)
    second, _ = fit(300, shuffle=7, **params)
    for name, result in (("a", first), ("b", second)):
        write_table(result.themes, tmp_path / name / "themes.csv", "themes")
        write_table(result.coded_contexts, tmp_path / name / "coded.parquet", "coded_contexts")
    for file in ("themes.csv", "coded.parquet"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()
    assert first.metrics == second.metrics


def test_themes_fit_dutch_diacritics_survive_in_keywords():
    result, _ = fit(40, topics=["beleid", "geld"], top_keywords=40)
    keywords = " ".join(result.themes["keywords"])
    for word in ("coöperatie", "geïntegreerd", "coördineren", "financieel"):
        assert re.search(rf"(^|; ){word} \(", keywords), word
    assert "cooperatie (" not in keywords and "cordineren" not in keywords


@pytest.mark.parametrize("n_themes", [2, 4, 7])
def test_themes_fit_fixed_number_of_themes(n_themes):
    result, _ = fit(60, n_themes=n_themes)
    assert result.metrics["n_themes"] == n_themes
    assert result.metrics["silhouette"] is not None


def test_themes_fit_kept_outliers_form_their_own_row():
    # A fifth of the turns mix three topics; HDBSCAN leaves such turns unclustered.
    documents, tokens, hits, _ = synthetic_corpus(400, seed=3, mixed=0.2)
    result = fit_themes(
        hits,
        tokens,
        documents,
        params=tfidf(kmeans_max_contexts=50, min_cluster_size=30, keep_outliers=True),
        terms=TERMS,
        stop_words=STOP,
    )
    ids = result.coded_contexts["theme_id"]
    share = result.metrics["outlier_share"]
    assert share > 0
    assert share == pytest.approx((ids == -1).mean())
    last = top(result.themes).iloc[-1]
    assert (last["theme_id"], last["code"], last["size"]) == (-1, "TXX-overig", (ids == -1).sum())
    assert result.metrics["n_themes"] == len(top(result.themes)) - 1
    assert (result.coded_contexts.loc[ids == -1, "probability"] == 0).all()


def test_themes_fit_outliers_move_to_a_theme():
    documents, tokens, hits, _ = synthetic_corpus(400, seed=3, mixed=0.2)
    params = tfidf(kmeans_max_contexts=50, min_cluster_size=30)
    result = fit_themes(hits, tokens, documents, params=params, terms=TERMS, stop_words=STOP)
    metrics = result.metrics
    assert metrics["outlier_share"] > 0
    assert metrics["n_outliers_reassigned"] + metrics["n_outliers_kept"] <= round(
        metrics["outlier_share"] * 400
    )
    assert metrics["n_outliers_reassigned"] > 0
    kept = (result.coded_contexts["theme_id"] == -1).sum()
    assert kept == metrics["n_outliers_kept"]


def test_themes_fit_new_cluster_params_reuse_cached_embeddings(tmp_path):
    documents, tokens, hits, _ = synthetic_corpus(60)

    def run(**params):
        return fit_themes(
            hits, tokens, documents, params=tfidf(**params), terms=TERMS,
            stop_words=STOP, embedding_cache=tmp_path,
        )  # fmt: skip

    first, fixed, other_dims = run(), run(n_themes=3), run(svd_dims=20)
    assert [r.embeddings_cached for r in (first, fixed, other_dims)] == [False, True, False]
    assert fixed.metrics["n_themes"] == 3
    np.testing.assert_array_equal(first.embeddings, fixed.embeddings)
    assert run().themes.equals(first.themes)


def test_themes_fit_without_hits_gives_empty_tables(tmp_path):
    documents, tokens, hits, _ = synthetic_corpus(3)
    result = fit_themes(
        hits.iloc[0:0], tokens, documents, params=tfidf(), terms=TERMS, stop_words=STOP
    )
    assert result.metrics["n_themes"] == 0
    validate(result.themes, "themes")
    validate(result.coded_contexts, "coded_contexts")
    assert result.term_theme_matrix["term"].tolist() == TERMS
    result.save_model(tmp_path / "themes")
    assert (tmp_path / "themes" / "kruispunt_themes.json").exists()


def test_themes_fit_probabilities_rank_typical_contexts_higher(fit200):
    result, _ = fit200
    coded = result.coded_contexts.set_index("seg_id")
    for row in top(result.themes).itertuples():
        members = coded[coded["theme_id"] == row.theme_id]["probability"]
        best = coded.loc[row.quote_seg_ids.split(";")[0], "probability"]
        assert np.isclose(best, members.max())
    assert isinstance(result.contexts, pd.DataFrame)
