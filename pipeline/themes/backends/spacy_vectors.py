"""`spacy-vectors`: the mean word vector of the content lemmas, from a spaCy pipeline.

The pipeline is the annotate stage's (`annotate.model`), when it has word vectors.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.preprocessing import normalize

from pipeline.themes.backends.base import EmbeddingError, ModelOnDisk


class SpacyVectorsEmbedder(ModelOnDisk):
    """Mean word vector of the content lemmas, from a spaCy pipeline's vectors table."""

    backend = "spacy-vectors"

    def __init__(self, *, model: str = "auto", nlp: Any = None):
        self.model = model
        self.nlp = nlp

    @classmethod
    def from_params(
        cls, argument: str, *, dims: int, seed: int, spacy_model: str
    ) -> SpacyVectorsEmbedder:
        """The unfitted backend for `embedding: spacy-vectors` (the annotate stage's model)."""
        return cls(model=spacy_model)

    def inputs(self, contexts: pd.DataFrame) -> list[str]:
        """The strings this backend embeds: the content lemmas."""
        return contexts["lemmas"].astype(str).tolist()

    def fit(self, contexts: pd.DataFrame | None = None) -> SpacyVectorsEmbedder:
        """Load the spaCy pipeline (unless one was given) and check that it has vectors.

        Raises:
            EmbeddingError: If the pipeline has no word vectors.
        """
        nlp = self.nlp
        if nlp is None:
            from pipeline.model.nlp import load_pipeline

            nlp, _ = load_pipeline(self.model)
        vectors = nlp.vocab.vectors
        if vectors.shape[0] == 0 or vectors.shape[1] == 0:
            name = f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', 'pipeline')}"
            raise EmbeddingError(
                f"embedding 'spacy-vectors' needs a spaCy pipeline with word vectors, but "
                f"{name} (annotate.model = {self.model!r}) has none; the bundled "
                f"models/nl_ud_sm is trained without vectors. Use `embedding: tfidf-svd`, or "
                f"set annotate.model to a pipeline with vectors such as nl_core_news_md."
            )
        self.vocab_ = nlp.vocab
        self.dims_ = int(vectors.shape[1])
        return self

    def transform(self, contexts: pd.DataFrame) -> np.ndarray:
        """Embed contexts: unit-length float32 rows (zeros when no lemma has a vector)."""
        out = np.zeros((len(contexts), self.dims_), dtype=np.float32)
        vectors = self.vocab_.vectors
        for row, doc in enumerate(self.inputs(contexts)):
            found = [
                vectors[self.vocab_.strings[w]]
                for w in doc.lower().split()
                if self.vocab_.strings[w] in vectors
            ]
            if found:
                out[row] = np.mean(found, axis=0)
        return normalize(out)
