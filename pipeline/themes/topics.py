"""BERTopic for Dutch term contexts: calibrated themes, sub-themes and stable numbering.

The documents are the contexts' content lemmas; the embeddings are computed beforehand
(`pipeline.themes.backends`). The fit, step by step:

1. near-duplicate contexts count once (`calibrate.near_duplicates`);
2. top-level themes: up to `kmeans_max_contexts` distinct contexts Ward + KMeans on the
   embedding (`calibrate.WardKMeans`); above, UMAP + HDBSCAN with `min_cluster_size`
   scaled to the corpus, whose clusters are merged into at most `max_themes` themes;
3. no theme above `max_theme_share` unless it does not split (`calibrate.split_oversized`);
4. sub-themes inside each theme where they separate (`calibrate.sub_clusters`);
5. BERTopic with those labels (`BaseCluster`, manual topic modelling) for the saved model,
   and c-TF-IDF keywords (`keywords.theme_keywords`) for themes and sub-themes.

`language="dutch"`: with "english" and no embedding model BERTopic strips all but
`[A-Za-z0-9 ]`. Theme numbers are canonical: by size, largest first, ties by context_id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import normalize

from pipeline.themes.calibrate import (
    WardKMeans,
    near_duplicates,
    sample_rows,
    split_oversized,
    sub_clusters,
    subsample_stability,
    text_priority,
)
from pipeline.themes.clustering import hdbscan_clusters, merge_clusters
from pipeline.themes.keywords import EMPTY_DOC, representation_vectorizer, theme_keywords
from pipeline.themes.lean_bertopic import (
    BaseCluster,
    BaseDimensionalityReduction,
    BERTopic,
    ClassTfidfTransformer,
    TopicMapper,
)
from pipeline.themes.numbering import canonical_numbers, canonical_subs, centroids

__all__ = ["EMPTY_DOC", "ThemeTopics", "canonical_numbers", "representation_vectorizer"]


@contextmanager
def quiet_bertopic() -> Iterator[None]:
    """Silence BERTopic's advice-level warnings (custom topics, no embedding model)."""
    logger = logging.getLogger("BERTopic")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


class ThemeTopics:
    """Fit calibrated themes and sub-themes on precomputed context embeddings.

    Attributes:
        topic_model_: The fitted BERTopic (topic embeddings, c-TF-IDF, canonical topics).
        topics_: Top-level theme of each document (canonical numbers, -1: kept outlier).
        sub_topics_: Sub-theme of each document within its theme (0.., -1: none).
        probabilities_: Cosine similarity to the theme centroid, mapped to [0, 1].
        regime_: `kmeans` (Ward + KMeans) or `hdbscan` (UMAP + HDBSCAN, merged).
        outlier_share_: Share of documents HDBSCAN called outliers before reassignment.
        n_reassigned_: Outliers moved to their nearest cluster.
        n_duplicates_: Documents that are near-duplicates of an earlier one.
        n_splits_: Oversized themes split by the share guard.
        silhouette_: Silhouette (cosine) of the top-level themes, on a sample.
        stability_: ARI against a refit on 80% of the contexts (KMeans regime only).
    """

    def __init__(self, *, params, stop_words: Iterable[str] = ()):
        self.params = params
        self.stop_words = frozenset(stop_words)

    def fit(self, docs: list[str], embeddings: np.ndarray) -> ThemeTopics:
        """Cluster the documents and extract keywords per theme and sub-theme.

        Args:
            docs: Content lemmas of each context, sorted by context_id.
            embeddings: One row per document.

        Returns:
            self
        """
        p = self.params
        embeddings = normalize(np.asarray(embeddings, dtype=np.float32))

        # Near-duplicates count once; each copy follows its first occurrence
        first = near_duplicates(embeddings, similarity=p.duplicate_similarity)
        unique = np.flatnonzero(first == np.arange(len(docs)))
        where = np.searchsorted(unique, first)
        weights = np.bincount(where, minlength=len(unique)).astype(float)
        self.n_duplicates_ = int(len(docs) - len(unique))
        X = self._reduced(embeddings[unique])
        # Samples of large corpora are drawn by content, so they survive added contexts
        self._priority = text_priority([docs[i] for i in unique])

        # Top-level themes, the share guard, sub-themes
        labels = self._themes(X, weights)
        kept = labels >= 0
        # A number of themes fixed by the researcher is kept: no share guard then
        guarded, self.n_splits_ = labels[kept], 0
        if p.n_themes is None:
            guarded, self.n_splits_ = split_oversized(
                X[kept], labels[kept], weights=weights[kept], max_share=p.max_theme_share,
                max_clusters=p.max_themes, min_silhouette=p.split_silhouette,
                priority=self._priority[kept],
            )  # fmt: skip
        labels[kept] = guarded
        sub = np.full(len(labels), -1)
        sub[kept] = sub_clusters(
            X[kept], guarded, max_sub=p.max_sub_themes, min_size=p.min_theme_size,
            min_silhouette=p.sub_silhouette, priority=self._priority[kept],
        )  # fmt: skip

        # Every document takes its first occurrence's theme; canonical numbers
        self.topics_ = canonical_numbers(labels[where])
        self.sub_topics_ = canonical_subs(self.topics_, sub[where])
        self._silhouette(X, labels)
        self._model(docs, embeddings, unique)
        # The saved model names its topics by the codebook's keywords
        self.topic_model_.topic_representations_ = {
            t: kws or [("", 0.0)] for t, kws in self.keywords().items()
        }
        return self

    def _reduced(self, X: np.ndarray) -> np.ndarray:
        """PCA of the embedding before KMeans, when asked for (`pca_components`)."""
        p = self.params
        components = min(p.pca_components, len(X) - 1, X.shape[1])
        if p.pca_components == 0 or components < 2:
            return X
        return PCA(n_components=components, svd_solver="full", random_state=p.seed).fit_transform(X)

    def _kmeans(self, X: np.ndarray) -> np.ndarray:
        p = self.params
        ward = lambda: WardKMeans(n_clusters=p.n_themes, min_clusters=p.min_themes,  # noqa: E731
                                  max_clusters=p.max_themes, min_size=p.min_theme_size)  # fmt: skip
        labels = ward().fit(X, priority=self._priority).labels_
        self.stability_ = subsample_stability(
            X, labels, ward(), seed=p.seed, priority=self._priority
        )
        return labels

    def _themes(self, X: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Top-level labels of the distinct documents in the corpus's regime."""
        self.outlier_share_, self.n_reassigned_, self.stability_ = 0.0, 0, None
        self.regime_ = "kmeans" if len(X) <= self.params.kmeans_max_contexts else "hdbscan"
        if self.regime_ == "kmeans":
            return self._kmeans(X)
        fine, self.outlier_share_, self.n_reassigned_ = hdbscan_clusters(
            X, weights, params=self.params
        )
        if len(set(fine.tolist()) - {-1}) < 2:
            # HDBSCAN found no structure; KMeans still gives themes a researcher can judge.
            self.regime_ = "kmeans-fallback"
            return self._kmeans(X)
        return merge_clusters(X, fine, params=self.params)

    def _silhouette(self, X: np.ndarray, labels: np.ndarray) -> None:
        from pipeline.themes.calibrate import _silhouette

        rows = sample_rows(len(X), self._priority)
        score = _silhouette(X[rows], labels[rows]) if len(rows) > 2 else -1.0
        self.silhouette_ = score if score > -1.0 else None

    def _model(self, docs: list[str], embeddings: np.ndarray, unique: np.ndarray) -> None:
        """BERTopic on the distinct documents with the fitted themes; probabilities."""
        p = self.params
        model = BERTopic(
            language="dutch", embedding_model=None, umap_model=BaseDimensionalityReduction(),
            hdbscan_model=BaseCluster(),
            vectorizer_model=representation_vectorizer(self.stop_words, ngram_range=p.ngram_range),
            ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
            top_n_words=p.top_keywords, calculate_probabilities=False, verbose=False,
        )  # fmt: skip
        distinct, topics = [docs[i] for i in unique], self.topics_[unique]
        with quiet_bertopic():
            model.fit(distinct, embeddings=embeddings[unique], y=topics)
            # BERTopic renumbers by its own counts; the canonical numbers are set back.
            model.update_topics(
                distinct, topics=topics.tolist(), top_n_words=p.top_keywords,
                vectorizer_model=representation_vectorizer(
                    self.stop_words, ngram_range=p.ngram_range
                ),
                ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
            )  # fmt: skip
        model.topic_mapper_ = TopicMapper(topics.tolist())
        centres = centroids(embeddings, self.topics_)
        model.topic_embeddings_ = np.array([centres[t] for t in sorted(centres)])
        similarity = np.einsum(
            "ij,ij->i", embeddings, np.array([centres[t] for t in self.topics_.tolist()])
        )
        mapped = np.clip((similarity + 1.0) / 2.0, 0.0, 1.0)
        self.probabilities_ = np.round(np.where(self.topics_ == -1, 0.0, mapped), 6)
        model.probabilities_ = self.probabilities_
        self.topic_model_ = model
        self._docs, self._unique, self._top_keywords = docs, unique, None

    def keywords(self) -> dict[int, list[tuple[str, float]]]:
        """Top keywords with c-TF-IDF weights per theme (distinct documents only)."""
        if getattr(self, "_top_keywords", None) is None:
            self._top_keywords = self._keywords(self.topics_)
        return self._top_keywords

    def sub_keywords(self) -> dict[tuple[int, int], list[tuple[str, float]]]:
        """Top keywords per (theme, sub-theme), by c-TF-IDF over all sub-themes."""
        pairs = sorted({(t, s) for t, s in zip(self.topics_, self.sub_topics_, strict=True)
                        if s >= 0})  # fmt: skip
        if not pairs:
            return {}
        index = {pair: i for i, pair in enumerate(pairs)}
        labels = np.array([index.get((t, s), -1) for t, s in
                           zip(self.topics_, self.sub_topics_, strict=True)])  # fmt: skip
        found = self._keywords(labels)
        return {pair: found.get(i, []) for pair, i in index.items()}

    def _keywords(self, labels: np.ndarray) -> dict[int, list[tuple[str, float]]]:
        u = self._unique
        return theme_keywords(
            [self._docs[i] for i in u], labels[u], stop_words=self.stop_words,
            ngram_range=self.params.ngram_range, top_n=self.params.top_keywords,
        )  # fmt: skip
