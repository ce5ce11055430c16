"""BERTopic for Dutch term contexts: construction, fit, outliers and stable numbering.

The documents BERTopic sees are the contexts' content lemmas; the embeddings are computed
beforehand (`pipeline.themes.backends`) and passed in. Three things are set on purpose:

- `language="dutch"`: with `language="english"` and no embedding model, BERTopic strips
  every character outside `[A-Za-z0-9 ]`, which would turn "financiële" into "financile".
- The representation's CountVectorizer splits on whitespace only, so lemmas stay whole
  ("co-creatie", "coöperatie"), and it removes the Dutch stop words.
- c-TF-IDF uses `reduce_frequent_words`: the square root of the term frequency, so that
  verbs every theme shares (`weten`, `gaan`, `maken`) do not head the keyword lists.
- Theme numbers are canonical: by size, largest first, ties broken by the first
  context_id. BERTopic's own order breaks ties by an unstable sort.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from pipeline.themes.clustering import (
    ExactKnnUMAP,
    SilhouetteKMeans,
    large_clusterer,
    small_reducer,
)
from pipeline.themes.contexts import TOKEN_PATTERN
from pipeline.themes.lean_bertopic import (
    BaseCluster,
    BaseDimensionalityReduction,
    BERTopic,
    ClassTfidfTransformer,
    TopicMapper,
)

# BERTopic turns an empty document into the word "emptydoc"; it must never be a keyword.
EMPTY_DOC = "emptydoc"


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


def representation_vectorizer(
    stop_words: Iterable[str], *, ngram_range: tuple[int, int]
) -> CountVectorizer:
    """The CountVectorizer behind the c-TF-IDF keywords.

    Args:
        stop_words: Dutch stop words.
        ngram_range: Smallest and largest n-gram.

    Returns:
        An unfitted CountVectorizer over whitespace-separated lemmas.
    """
    stop = sorted({w.lower() for w in stop_words} | {EMPTY_DOC})
    return CountVectorizer(
        token_pattern=TOKEN_PATTERN,
        lowercase=True,
        ngram_range=tuple(ngram_range),
        stop_words=stop,
    )


def canonical_numbers(topics: np.ndarray) -> np.ndarray:
    """Renumber topics by size (largest first), ties by first occurrence; -1 stays -1.

    The documents are sorted by context_id before fitting, so first occurrence is the
    smallest context_id of the theme.

    Args:
        topics: Topic of each document.

    Returns:
        The renumbered topics.
    """
    topics = np.asarray(topics, dtype=int)
    ids = [t for t in dict.fromkeys(topics.tolist()) if t != -1]
    sizes = {t: int((topics == t).sum()) for t in ids}
    first = {t: int(np.argmax(topics == t)) for t in ids}
    order = sorted(ids, key=lambda t: (-sizes[t], first[t]))
    mapping = {old: new for new, old in enumerate(order)} | {-1: -1}
    return np.array([mapping[t] for t in topics.tolist()], dtype=int)


def centroids(embeddings: np.ndarray, topics: np.ndarray) -> dict[int, np.ndarray]:
    """Unit-length mean embedding of each topic (outliers included as -1 when present)."""
    out = {}
    for topic in sorted(set(topics.tolist())):
        mean = embeddings[topics == topic].mean(axis=0, keepdims=True)
        out[topic] = normalize(mean)[0]
    return out


class ThemeTopics:
    """Fit BERTopic on precomputed context embeddings, in the small or the large regime.

    Attributes:
        topic_model_: The fitted BERTopic, reduced to what is saved: topic embeddings,
            c-TF-IDF, the vectorizer and the canonical topics.
        topics_: Final theme of each document (canonical numbers).
        probabilities_: Theme probability of each document in [0, 1].
        regime_: `small` (PCA + KMeans) or `large` (UMAP + HDBSCAN).
        outlier_share_: Share of documents HDBSCAN called outliers before reassignment.
        n_reassigned_: Outliers moved to their nearest theme.
        silhouette_: Silhouette of the KMeans solution (small regime), else None.
        reducer_, clusterer_: The fitted reduction and clustering models.
    """

    def __init__(self, *, params, stop_words: Iterable[str] = ()):
        self.params = params
        self.stop_words = stop_words

    def _bertopic(self, reducer, clusterer) -> BERTopic:
        return BERTopic(
            language="dutch",
            embedding_model=None,
            umap_model=reducer,
            hdbscan_model=clusterer,
            vectorizer_model=representation_vectorizer(
                self.stop_words, ngram_range=self.params.ngram_range
            ),
            ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
            top_n_words=self.params.top_keywords,
            calculate_probabilities=False,
            verbose=False,
        )

    def _small_models(self, embeddings: np.ndarray):
        p = self.params
        reducer = small_reducer(
            len(embeddings), embeddings.shape[1], n_components=p.pca_components, seed=p.seed
        )
        clusterer = SilhouetteKMeans(
            n_clusters=p.n_themes,
            min_clusters=p.min_themes,
            max_clusters=max(p.min_themes, p.max_themes),
            random_state=p.seed,
        )
        return reducer, clusterer

    def _large_models(self):
        p = self.params
        reducer = ExactKnnUMAP(
            n_neighbors=p.umap_neighbors,
            n_components=p.umap_components,
            n_epochs=p.umap_epochs,
            random_state=p.seed,
        )
        return reducer, large_clusterer(min_cluster_size=p.min_cluster_size)

    def _fit_once(self, docs: list[str], embeddings: np.ndarray, regime: str):
        reducer, clusterer = (
            self._small_models(embeddings) if regime == "small" else self._large_models()
        )
        model = self._bertopic(reducer, clusterer)
        with quiet_bertopic():
            topics, probabilities = model.fit_transform(docs, embeddings=embeddings)
        return model, np.asarray(topics, dtype=int), probabilities

    def fit(self, docs: list[str], embeddings: np.ndarray) -> ThemeTopics:
        """Cluster the documents and extract keywords per theme.

        Args:
            docs: Content lemmas of each context, sorted by context_id.
            embeddings: One unit-length row per document.

        Returns:
            self
        """
        embeddings = np.asarray(embeddings, dtype=np.float32)
        model, raw, probabilities = self._cluster(docs, embeddings)
        topics = self._reassign_outliers(model, docs, raw, embeddings)
        topics, centres = self._renumber(model, docs, topics, embeddings)
        self.probabilities_ = self._probabilities(embeddings, topics, centres, raw, probabilities)

        # What is saved: topic embeddings and c-TF-IDF; new contexts are placed by cosine
        # similarity to the topic embeddings, the same way a loaded model does it
        model.umap_model = BaseDimensionalityReduction()
        model.hdbscan_model = BaseCluster()
        model.probabilities_ = self.probabilities_
        self.topics_ = topics
        self.topic_model_ = model
        return self

    def _cluster(self, docs: list[str], embeddings: np.ndarray):
        """BERTopic in the corpus's regime; KMeans when HDBSCAN finds fewer than two themes."""
        self.regime_ = "small" if len(docs) <= self.params.small_threshold else "large"
        model, topics, probabilities = self._fit_once(docs, embeddings, self.regime_)
        if self.regime_ == "large" and len(set(topics.tolist()) - {-1}) < 2:
            # HDBSCAN found no structure; KMeans still gives themes a researcher can judge.
            self.regime_ = "small-fallback"
            model, topics, probabilities = self._fit_once(docs, embeddings, "small")
        self.reducer_, self.clusterer_ = model.umap_model, model.hdbscan_model
        self.silhouette_ = getattr(self.clusterer_, "silhouette_", None)
        return model, topics.copy(), probabilities

    def _reassign_outliers(
        self, model: BERTopic, docs: list[str], raw: np.ndarray, embeddings: np.ndarray
    ) -> np.ndarray:
        """Move each outlier to its nearest theme, unless the researcher keeps them."""
        p = self.params
        topics = raw
        self.outlier_share_ = float((raw == -1).mean()) if len(raw) else 0.0
        if -1 in raw and not p.keep_outliers:
            with quiet_bertopic():
                topics = np.asarray(
                    model.reduce_outliers(
                        docs, raw.tolist(), strategy=p.outlier_strategy, embeddings=embeddings
                    ),
                    dtype=int,
                )
        self.n_reassigned_ = int(((raw == -1) & (topics != -1)).sum())
        return topics

    def _renumber(
        self, model: BERTopic, docs: list[str], topics: np.ndarray, embeddings: np.ndarray
    ) -> tuple[np.ndarray, dict[int, np.ndarray]]:
        """Canonical numbering, then keywords and topic embeddings for that numbering."""
        topics = canonical_numbers(topics)
        with quiet_bertopic():
            model.update_topics(
                docs,
                topics=topics.tolist(),
                top_n_words=self.params.top_keywords,
                vectorizer_model=representation_vectorizer(
                    self.stop_words, ngram_range=self.params.ngram_range
                ),
                ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
            )
        centres = centroids(embeddings, topics)
        model.topic_embeddings_ = np.array([centres[t] for t in sorted(centres)])
        # The mapper's history still points at HDBSCAN's numbers; it is saved with the
        # model, so it restarts from the canonical numbers (TopicMapper is not public).
        model.topic_mapper_ = TopicMapper(topics.tolist())
        return topics, centres

    def _probabilities(
        self,
        embeddings: np.ndarray,
        topics: np.ndarray,
        centres: dict[int, np.ndarray],
        raw: np.ndarray,
        probabilities: np.ndarray | None,
    ) -> np.ndarray:
        """Theme probability of each context in [0, 1], rounded to 6 decimals.

        HDBSCAN's membership where HDBSCAN placed the context, else the cosine similarity
        to the theme centroid mapped from [-1, 1] to [0, 1]; 0 for kept outliers.
        """
        similarity = np.array(
            [float(embeddings[i] @ centres[t]) for i, t in enumerate(topics.tolist())]
        )
        mapped = np.clip((similarity + 1.0) / 2.0, 0.0, 1.0)
        if self.regime_ == "large" and probabilities is not None:
            membership = np.asarray(probabilities, dtype=float).reshape(len(topics), -1)[:, 0]
            mapped = np.where(raw != -1, np.clip(membership, 0.0, 1.0), mapped)
        mapped = np.where(topics == -1, 0.0, mapped)
        return np.round(mapped, 6)

    def keywords(self) -> dict[int, list[tuple[str, float]]]:
        """Top keywords with c-TF-IDF weights per theme (empty padding removed)."""
        out = {}
        for topic in sorted(set(self.topics_.tolist())):
            words = self.topic_model_.get_topic(topic) or []
            out[topic] = [(str(w), float(s)) for w, s in words if str(w).strip()]
        return out
