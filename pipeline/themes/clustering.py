"""Dimension reduction and clustering for the two corpus regimes.

Small corpora (at most `small_threshold` contexts) get PCA and KMeans, with the number of
themes chosen by silhouette: density-based clustering on tens of points would call most of
them outliers. Large corpora get UMAP and HDBSCAN, as BERTopic intends. Every random step
has a fixed seed, so the same embeddings give the same clusters.
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize


class SilhouetteKMeans:
    """KMeans whose number of clusters is fixed or chosen by silhouette within bounds.

    Attributes:
        labels_: Cluster of each fitted point.
        n_clusters_: The number of clusters used.
        silhouette_: Silhouette score of the chosen clustering (None if undefined).
        scores_: Silhouette score per candidate number of clusters.
    """

    def __init__(
        self,
        *,
        n_clusters: int | None = None,
        min_clusters: int = 3,
        max_clusters: int = 12,
        n_init: int = 10,
        random_state: int = 42,
    ):
        self.n_clusters = n_clusters
        self.min_clusters = min_clusters
        self.max_clusters = max_clusters
        self.n_init = n_init
        self.random_state = random_state

    def _kmeans(self, k: int) -> KMeans:
        return KMeans(n_clusters=k, n_init=self.n_init, random_state=self.random_state)

    def candidates(self, X: np.ndarray) -> list[int]:
        """Numbers of clusters to try: within the bounds, below the number of distinct points.

        Args:
            X: The points.

        Returns:
            The candidate numbers of clusters, smallest first (at least one).
        """
        distinct = len(np.unique(np.round(X, 8), axis=0))
        ceiling = max(1, min(len(X) - 1, distinct))
        if self.n_clusters is not None:
            return [min(self.n_clusters, ceiling)]
        high = min(self.max_clusters, ceiling)
        low = min(self.min_clusters, high)
        return list(range(low, high + 1))

    def fit(self, X: np.ndarray, y=None) -> SilhouetteKMeans:
        """Cluster `X`, trying each candidate number of clusters when it is not fixed."""
        X = np.asarray(X, dtype=np.float64)
        self.scores_: dict[int, float] = {}
        best: tuple[float, int, KMeans] | None = None
        for k in self.candidates(X):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "fewer distinct clusters than k" is handled
                model = self._kmeans(k).fit(X)
            n_labels = len(np.unique(model.labels_))
            score = float(silhouette_score(X, model.labels_)) if 1 < n_labels < len(X) else -1.0
            self.scores_[k] = round(score, 6)
            # Strictly better only: on a tie the smaller number of themes wins.
            if best is None or score > best[0] + 1e-9:
                best = (score, k, model)
        assert best is not None  # candidates() never returns an empty list
        self.silhouette_ = best[0] if best[0] > -1.0 else None
        self.n_clusters_ = best[1]
        self.model_ = best[2]
        self.labels_ = self.model_.labels_.astype(int)
        self.cluster_centers_ = self.model_.cluster_centers_
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Nearest cluster of each point."""
        return self.model_.predict(np.asarray(X, dtype=np.float64))


def small_reducer(n_samples: int, n_features: int, *, n_components: int, seed: int) -> PCA:
    """PCA for the small regime, with no more components than the data can support.

    Args:
        n_samples: Number of contexts.
        n_features: Embedding dimensions.
        n_components: Wanted components.
        seed: Random seed.

    Returns:
        An unfitted PCA.
    """
    components = max(1, min(n_components, n_samples - 1, n_features))
    return PCA(n_components=components, svd_solver="full", random_state=seed)


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
