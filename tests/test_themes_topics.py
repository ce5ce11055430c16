import numpy as np
import pytest

from pipeline.params import ThemesParams
from pipeline.themes.clustering import SilhouetteKMeans, small_reducer
from pipeline.themes.topics import ThemeTopics, canonical_numbers, representation_vectorizer


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        ([2, 2, 0, 1, 1, 1], [1, 1, 2, 0, 0, 0]),  # by size
        ([5, 3, 3, 5], [0, 1, 1, 0]),  # tie: the theme seen first wins
        ([3, 5, 5, 3], [0, 1, 1, 0]),
        ([-1, 4, -1, 4, 7], [-1, 0, -1, 0, 1]),  # outliers stay -1
        ([0], [0]),
    ],
)
def test_themes_topics_canonical_numbers(topics, expected):
    assert canonical_numbers(np.array(topics)).tolist() == expected


def blobs(n_per: int, k: int, *, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = np.eye(k) * 5
    return np.vstack([c + rng.normal(scale=0.3, size=(n_per, k)) for c in centres])


@pytest.mark.parametrize(("k", "n_per"), [(3, 5), (4, 10), (6, 8)])
def test_themes_topics_silhouette_finds_the_blobs(k, n_per):
    model = SilhouetteKMeans(min_clusters=2, max_clusters=8).fit(blobs(n_per, k))
    assert model.n_clusters_ == k
    assert len(set(model.labels_[:n_per])) == 1


@pytest.mark.parametrize(
    ("points", "n_clusters", "expected"),
    [
        (blobs(5, 3), 4, 4),  # fixed in params
        (np.array([[0.0, 1.0], [1.0, 0.0]]), None, 1),  # two points: at most n - 1 themes
        (np.ones((6, 3)), None, 1),  # all contexts alike: one theme, no error
        (blobs(1, 3), None, 2),  # three points: bounded by n - 1
    ],
)
def test_themes_topics_kmeans_bounds(points, n_clusters, expected):
    model = SilhouetteKMeans(n_clusters=n_clusters, min_clusters=3, max_clusters=12).fit(points)
    assert model.n_clusters_ == expected
    assert len(model.labels_) == len(points)


@pytest.mark.parametrize(("n", "dims", "expected"), [(15, 50, 10), (5, 50, 4), (300, 3, 3)])
def test_themes_topics_pca_never_exceeds_the_data(n, dims, expected):
    assert small_reducer(n, dims, n_components=10, seed=0).n_components == expected


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("financieel coöperatie", ["financieel", "coöperatie", "financieel coöperatie"]),
        ("geïntegreerd de aanpak", ["geïntegreerd", "aanpak", "geïntegreerd aanpak"]),
        ("co-creatie B1", ["co-creatie", "b1", "co-creatie b1"]),
    ],
)
def test_themes_topics_vectorizer_keeps_dutch_words_whole(doc, expected):
    analyzer = representation_vectorizer({"de"}, ngram_range=(1, 2)).build_analyzer()
    assert analyzer(doc) == expected


def test_themes_topics_bertopic_is_not_english():
    # With language="english", BERTopic drops every character outside [A-Za-z0-9 ].
    model = ThemeTopics(params=ThemesParams())._bertopic(None, None)
    assert model.language == "dutch"
    kept = model._preprocess_text(np.array(["financiële coöperatie geïntegreerd"]))
    assert kept == ["financiële coöperatie geïntegreerd"]
