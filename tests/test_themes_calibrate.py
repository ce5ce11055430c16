import numpy as np
import pytest

from pipeline.themes.calibrate import (
    WardKMeans,
    near_duplicates,
    sample_rows,
    split_oversized,
    strided_sample,
    sub_clusters,
    text_priority,
)


def blobs(n_per: int, k: int, *, seed: int = 0, scale: float = 0.3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = np.eye(k) * 5
    return np.vstack([c + rng.normal(scale=scale, size=(n_per, k)) for c in centres])


@pytest.mark.parametrize(("k", "n_per"), [(4, 10), (6, 20), (8, 30)])
def test_calibrate_silhouette_finds_the_blobs(k, n_per):
    model = WardKMeans(min_clusters=2, max_clusters=12).fit(blobs(n_per, k))
    assert model.n_clusters_ == k
    assert all(len(set(model.labels_[i * n_per : (i + 1) * n_per])) == 1 for i in range(k))


@pytest.mark.parametrize(
    ("points", "n_clusters", "expected"),
    [
        (blobs(5, 3), 4, 4),  # fixed in params
        (np.array([[0.0, 1.0], [1.0, 0.0]]), None, 1),  # two points: at most n - 1 themes
        (np.ones((6, 3)), None, 1),  # all contexts alike: one theme, no error
    ],
)
def test_calibrate_kmeans_bounds(points, n_clusters, expected):
    model = WardKMeans(n_clusters=n_clusters, min_clusters=3, max_clusters=12).fit(points)
    assert model.n_clusters_ == expected
    assert len(model.labels_) == len(points)


@pytest.mark.parametrize(("n", "expected_max"), [(30, 4), (300, 12), (20000, 25)])
def test_calibrate_number_of_themes_grows_with_the_corpus(n, expected_max):
    # sqrt(n / 2) bounds k: 4 themes for 30 contexts, never more than max_clusters.
    assert max(WardKMeans(min_clusters=4, max_clusters=25).candidates(n)) == expected_max


def test_calibrate_does_not_depend_on_the_order_of_seeds():
    # No random numbers: two fits give identical labels.
    points = blobs(20, 5, scale=1.5)
    assert (WardKMeans().fit(points).labels_ == WardKMeans().fit(points).labels_).all()


def test_calibrate_near_duplicates_count_once():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(5, 8))
    copies = np.vstack([base, base[[0, 0, 3]] + 1e-4, np.zeros((2, 8))])
    first = near_duplicates(copies, similarity=0.99)
    assert first.tolist() == [0, 1, 2, 3, 4, 0, 0, 3, 8, 9]


def test_calibrate_oversized_theme_splits_when_it_separates():
    points = blobs(30, 4)
    labels = np.array([0] * 90 + [1] * 30)  # three blobs in one theme: 75%
    split, n = split_oversized(
        points, labels, weights=np.ones(120), max_share=0.35, max_clusters=10, min_silhouette=0.1
    )
    assert n >= 2
    assert np.bincount(split).max() / 120 <= 0.35


def test_calibrate_one_topic_stays_whole():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(100, 5))  # one Gaussian: no split separates it
    split, n = split_oversized(
        points, np.zeros(100, dtype=int), weights=np.ones(100), max_share=0.35,
        max_clusters=10, min_silhouette=0.3,
    )  # fmt: skip
    assert n == 0
    assert set(split.tolist()) == {0}


def test_calibrate_sub_themes_inside_themes():
    points = blobs(20, 4)
    labels = np.array([0] * 40 + [1] * 40)  # each theme holds two blobs
    sub = sub_clusters(points, labels, max_sub=4, min_size=5, min_silhouette=0.1)
    assert (sub >= 0).all()
    assert len(set(sub[:20].tolist())) == 1
    assert sub[0] != sub[20]


@pytest.mark.parametrize(("n", "size"), [(10, 10), (5000, 2000)])
def test_calibrate_strided_sample_is_even_and_bounded(n, size):
    sample = strided_sample(n)
    assert len(sample) == size
    assert sample[0] == 0 and sample[-1] == n - 1


def test_calibrate_text_priority_depends_on_the_text_only():
    # Equal texts get equal priorities wherever they stand; other texts (almost surely) not.
    a = text_priority(["wijk bewoner", "armoede", "wijk bewoner"])
    assert a.dtype == np.uint64 and a[0] == a[2] and a[0] != a[1]
    assert text_priority(["armoede"])[0] == a[1]


def test_calibrate_sample_rows_survives_an_inserted_row():
    # 5000 texts, sample of 2000 by priority. Inserting one text at the front shifts every
    # row index by one, but the sampled texts stay the same but for at most one: the new
    # text can push out only the highest-priority text of the old sample (bottom-k).
    texts = [f"context {i}" for i in range(5000)]
    old = {texts[i] for i in sample_rows(len(texts), text_priority(texts))}
    grown = ["a new context", *texts]
    new = {grown[i] for i in sample_rows(len(grown), text_priority(grown))}
    assert len(old) == len(new) == 2000
    assert len(old - new) <= 1
    # The evenly strided sample of the same corpora shares far fewer rows: one index shift
    # moves every sampled position (row i of the new corpus is row i - 1 of the old).
    strided_old = {texts[i] for i in strided_sample(5000)}
    strided_new = {grown[i] for i in strided_sample(5001)}
    assert len(strided_old & strided_new) < 1900


def test_calibrate_sample_rows_small_or_without_priority_is_strided():
    assert (sample_rows(10, text_priority([str(i) for i in range(10)])) == np.arange(10)).all()
    assert (sample_rows(5000) == strided_sample(5000)).all()
