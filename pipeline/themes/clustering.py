"""UMAP and HDBSCAN for corpora above `kmeans_max_contexts` distinct contexts.

Smaller corpora get Ward + KMeans (`pipeline.themes.calibrate`): density-based clustering
on tens or hundreds of points calls most of them outliers. Above, UMAP and HDBSCAN find
fine clusters, with `min_cluster_size` scaled to the corpus, and `merge_clusters` joins
them into at most `max_themes` themes, whose members become sub-themes. Every random step
has a fixed seed, so the same embeddings give the same clusters.
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize

from pipeline.themes.calibrate import WardKMeans


@functools.cache
def umap_class() -> type:
    """The UMAP class, with its compiled code kept on disk between runs.

    umap-learn compiles about a hundred numba functions on first use: some 9 seconds in
    every fresh process, a third of the themes stage on a million tokens. It does not ask
    numba to keep the machine code (`cache=True`); switching that on for its functions
    before their first call lets every later run load the code instead. Loading changes
    no result: it is the same machine code. The files go where numba keeps its caches:
    `NUMBA_CACHE_DIR` when set, else `__pycache__` beside umap's sources when writable,
    else the user's cache folder.

    Returns:
        `umap.UMAP`.
    """
    import umap
    from umap import distances, layouts, sparse, spectral, umap_, utils

    try:
        from numba.core.registry import CPUDispatcher
    except ImportError:  # pragma: no cover - a numba without this layout: compile as usual
        return umap.UMAP
    for module in (umap_, layouts, spectral, utils, distances, sparse):
        for function in vars(module).values():
            if isinstance(function, CPUDispatcher):
                function.enable_caching()
    return umap.UMAP


class ExactKnnUMAP:
    """UMAP on an exact cosine k-nearest-neighbour graph computed with scikit-learn.

    UMAP's own approximate neighbour search (NN-descent) spends most of its time compiling
    and searching on this size of data; the exact graph from a brute-force search over
    unit vectors is both faster here and independent of any random projection trees.

    Attributes:
        embedding_: The reduced points after `fit`.
    """

    def __init__(
        self,
        *,
        n_neighbors: int = 15,
        n_components: int = 5,
        n_epochs: int | None = 200,
        min_dist: float = 0.0,
        random_state: int = 42,
    ):
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.n_epochs = n_epochs
        self.min_dist = min_dist
        self.random_state = random_state

    def fit(self, X: np.ndarray, y=None) -> ExactKnnUMAP:
        """Build the neighbour graph and fit UMAP on it."""
        UMAP = umap_class()

        X = normalize(np.asarray(X, dtype=np.float32))
        k = max(2, min(self.n_neighbors, len(X) - 1))
        # On unit vectors the Euclidean order is the cosine order, and scikit-learn's
        # Euclidean search is about three times faster; cosine distance = d^2 / 2.
        search = NearestNeighbors(n_neighbors=k, metric="euclidean", algorithm="brute").fit(X)
        distances, indices = search.kneighbors(X)
        distances = np.square(distances) / 2
        self.umap_ = UMAP(
            n_neighbors=k,
            n_components=self.n_components,
            n_epochs=self.n_epochs,
            min_dist=self.min_dist,
            metric="cosine",
            random_state=self.random_state,
            precomputed_knn=(indices, distances.astype(np.float32), None),
        )
        with warnings.catch_warnings():
            # UMAP warns that a random_state forces one thread: that is what we want.
            warnings.simplefilter("ignore")
            self.embedding_ = self.umap_.fit_transform(X)
        return self

    def fit_transform(self, X: np.ndarray, y=None) -> np.ndarray:
        """Fit and return the reduced points."""
        return self.fit(X, y).embedding_


def large_clusterer(*, min_cluster_size: int):
    """HDBSCAN for the large regime (label -1 marks outliers).

    Args:
        min_cluster_size: The smallest group HDBSCAN calls a cluster.

    Returns:
        An unfitted HDBSCAN.
    """
    from hdbscan import HDBSCAN

    return HDBSCAN(
        min_cluster_size=min_cluster_size,
        metric="euclidean",
        cluster_selection_method="eom",
        prediction_data=False,
    )


def hdbscan_clusters(
    X: np.ndarray, weights: np.ndarray, *, params
) -> tuple[np.ndarray, float, int]:
    """UMAP + HDBSCAN clusters of the distinct contexts; outliers join the nearest cluster.

    Args:
        X: Embeddings of the distinct contexts.
        weights: Contexts each row stands for.
        params: The themes params (`min_cluster_size` is raised to `min_cluster_share` of
            the contexts; `keep_outliers` keeps outliers as -1).

    Returns:
        The cluster of each row (-1: outlier), the outlier share before reassignment, and
        the number of outliers reassigned.
    """
    p = params
    reduced = ExactKnnUMAP(
        n_neighbors=p.umap_neighbors, n_components=p.umap_components,
        n_epochs=p.umap_epochs, random_state=p.seed,
    ).fit_transform(X)  # fmt: skip
    size = max(p.min_cluster_size, round(p.min_cluster_share * weights.sum()))
    labels = large_clusterer(min_cluster_size=int(size)).fit(reduced).labels_.astype(int)
    share = float(weights[labels == -1].sum() / weights.sum())
    clusters = sorted(set(labels.tolist()) - {-1})
    if not clusters or p.keep_outliers or -1 not in labels:
        return labels, share, 0
    centres = normalize(np.array([X[labels == c].mean(axis=0) for c in clusters]))
    out = labels == -1
    labels[out] = np.array(clusters)[np.argmax(normalize(X[out]) @ centres.T, axis=1)]
    return labels, share, int(out.sum())


def merge_clusters(X: np.ndarray, fine: np.ndarray, *, params) -> np.ndarray:
    """Merge fine clusters into top-level themes: Ward + KMeans on the cluster centres.

    Args:
        X: Embeddings of the distinct contexts.
        fine: Their HDBSCAN clusters (-1: kept outlier).
        params: The themes params (`n_themes`, `min_themes`, `max_themes`).

    Returns:
        The top-level theme of each row (-1 stays -1).
    """
    p = params
    clusters = np.array(sorted(set(fine.tolist()) - {-1}))
    centres = np.array([X[fine == c].mean(axis=0) for c in clusters])
    if len(clusters) <= p.min_themes:
        top = np.arange(len(clusters))
    else:
        model = WardKMeans(n_clusters=p.n_themes, min_clusters=p.min_themes,
                           max_clusters=p.max_themes)  # fmt: skip
        top = model.fit(centres).labels_
    mapping = dict(zip(clusters.tolist(), top.tolist(), strict=True)) | {-1: -1}
    return np.array([mapping[c] for c in fine.tolist()], dtype=int)
