"""`tfidf-svd`, the default backend: TF-IDF over the content lemmas, TruncatedSVD, L2 norm.

One scikit-learn pipeline that needs nothing but the corpus: offline and reproducible. Its
state is the vocabulary (JSON) and the idf weights and SVD components (arrays).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import Normalizer

from pipeline.themes.backends.base import EmbeddingError
from pipeline.themes.contexts import TOKEN_PATTERN


class TfidfSvdEmbedder:
    """TF-IDF over content lemmas, then TruncatedSVD, then L2 normalisation.

    Attributes:
        pipeline_: The fitted scikit-learn pipeline (after `fit`).
    """

    backend = "tfidf-svd"

    def __init__(self, *, dims: int = 50, seed: int = 42, min_df: int = 2):
        self.dims = dims
        self.seed = seed
        self.min_df = min_df
        self.solver = "arpack"  # in the cache key: the randomised solver gave other vectors

    @classmethod
    def from_params(
        cls, argument: str, *, dims: int, seed: int, spacy_model: str
    ) -> TfidfSvdEmbedder:
        """The unfitted backend for `embedding: tfidf-svd` (`svd_dims` and `seed`)."""
        return cls(dims=dims, seed=seed)

    def inputs(self, contexts: pd.DataFrame) -> list[str]:
        """The strings this backend embeds: the content lemmas."""
        return contexts["lemmas"].astype(str).tolist()

    @staticmethod
    def _vectorizer(vocabulary: list[str] | None = None, min_df: int = 1) -> TfidfVectorizer:
        return TfidfVectorizer(
            token_pattern=TOKEN_PATTERN,
            lowercase=True,
            sublinear_tf=True,
            min_df=min_df,
            vocabulary=vocabulary,
        )

    def fit(self, contexts: pd.DataFrame) -> TfidfSvdEmbedder:
        """Fit TF-IDF and SVD on the contexts' lemmas.

        Lemmas in fewer than `min_df` contexts are left out: a word seen once cannot make
        two contexts alike, it only dilutes the similarity of its context to all others
        (and in transcripts such words are often mis-lemmatised forms). A corpus too small
        for that falls back to every lemma.

        Raises:
            EmbeddingError: If no context has any content lemma.
        """
        docs = self.inputs(contexts)
        matrix = None
        for min_df in dict.fromkeys((self.min_df, 1)):
            tfidf = self._vectorizer(min_df=min_df)
            try:
                matrix = tfidf.fit_transform(docs)
            except ValueError:  # empty vocabulary
                continue
            if matrix.shape[1] > 1:
                break
        if matrix is None:
            raise EmbeddingError(
                "the contexts hold no content lemmas to embed; check the tokens table "
                "and the stop words"
            )
        # SVD needs fewer components than features; tiny corpora get fewer dimensions.
        # ARPACK, not the randomised solver: its result does not depend on the seed (up to
        # the sign of a component, which leaves every cosine unchanged), so the themes do
        # not change with the seed.
        n_components = max(1, min(self.dims, matrix.shape[1] - 1, matrix.shape[0] - 1))
        svd = (
            TruncatedSVD(n_components=n_components, algorithm="arpack", random_state=self.seed)
            if min(matrix.shape) > 2
            else "passthrough"
        )
        # The vocabulary decides the SVD size, so the steps are fitted one by one and then
        # assembled; the pipeline is what `transform` runs.
        reduced = svd.fit_transform(matrix) if svd != "passthrough" else matrix
        norm = Normalizer().fit(reduced)
        self.pipeline_ = Pipeline([("tfidf", tfidf), ("svd", svd), ("norm", norm)])
        return self

    def transform(self, contexts: pd.DataFrame) -> np.ndarray:
        """Embed contexts: unit-length float32 rows (all zeros for a context without lemmas)."""
        out = self.pipeline_.transform(self.inputs(contexts))
        return np.asarray(out.toarray() if hasattr(out, "toarray") else out, dtype=np.float32)

    def config(self) -> dict[str, Any]:
        """JSON-safe description, including the vocabulary in column order."""
        tfidf = self.pipeline_.named_steps["tfidf"]
        vocabulary = sorted(tfidf.vocabulary_, key=tfidf.vocabulary_.get)
        return {
            "backend": self.backend,
            "dims": self.dims,
            "seed": self.seed,
            "min_df": self.min_df,
            "vocab": vocabulary,
        }

    def tensors(self) -> dict[str, np.ndarray]:
        """The fitted numbers: TF-IDF idf weights and SVD components."""
        tensors = {"idf": np.asarray(self.pipeline_.named_steps["tfidf"].idf_, dtype=np.float64)}
        svd = self.pipeline_.named_steps["svd"]
        if svd != "passthrough":
            tensors["components"] = np.asarray(svd.components_, dtype=np.float64)
        return tensors

    @classmethod
    def from_state(cls, config: dict[str, Any], tensors: dict[str, np.ndarray]) -> TfidfSvdEmbedder:
        """Rebuild a fitted embedder from `config()` and `tensors()`."""
        self = cls(dims=config["dims"], seed=config["seed"], min_df=config["min_df"])
        tfidf = cls._vectorizer(vocabulary=list(config["vocab"]))
        tfidf.idf_ = tensors["idf"]
        svd: Any = "passthrough"
        width = len(config["vocab"])
        if "components" in tensors:
            svd = TruncatedSVD(n_components=tensors["components"].shape[0])
            svd.components_ = tensors["components"]
            svd.n_features_in_ = tensors["components"].shape[1]
            width = tensors["components"].shape[0]
        norm = Normalizer().fit(np.zeros((1, width)))
        self.pipeline_ = Pipeline([("tfidf", tfidf), ("svd", svd), ("norm", norm)])
        return self
