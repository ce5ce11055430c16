"""Embedding backends that use a model the user already has on disk.

- `sentence-transformers:<name or path>` embeds the quote text with a sentence-transformers
  model from a local folder or the Hugging Face cache; it never downloads.
- `spacy-vectors` averages the word vectors of the content lemmas, from the annotate
  stage's spaCy pipeline, when that pipeline has vectors.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.preprocessing import normalize

from pipeline.themes.embeddings import EmbeddingError


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from disk only; it embeds the quote text."""

    backend = "sentence-transformers"

    def __init__(self, *, model: str):
        self.model = model

    def inputs(self, contexts: pd.DataFrame) -> list[str]:
        """The strings this backend embeds: the context text."""
        return contexts["text"].astype(str).tolist()

    def fit(self, contexts: pd.DataFrame | None = None) -> SentenceTransformerEmbedder:
        """Load the model from a local folder or the Hugging Face cache, never the network.

        Raises:
            EmbeddingError: If the package or the model is not available offline.
        """
        hint = (
            f"kruispunt never downloads models during a run. Download it once beforehand, "
            f'for example `python -c "from sentence_transformers import SentenceTransformer; '
            f"SentenceTransformer('{self.model}')\"` on a machine with internet access "
            f"(it lands in the Hugging Face cache), or point to a folder: "
            f"`embedding: sentence-transformers:/path/to/model`. "
            f"Or use the offline default `embedding: tfidf-svd`."
        )
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise EmbeddingError(
                f"cannot use sentence-transformers model {self.model!r}: the package "
                f"sentence-transformers is not installed. {hint}"
            ) from err
        try:
            self.model_ = SentenceTransformer(self.model, device="cpu", local_files_only=True)
        except Exception as err:  # the library raises OSError, ValueError, HF errors, ...
            raise EmbeddingError(
                f"cannot load sentence-transformers model {self.model!r} offline "
                f"(no local folder or cached copy found): {type(err).__name__}: {err}. {hint}"
            ) from err
        return self

    def transform(self, contexts: pd.DataFrame) -> np.ndarray:
        """Embed contexts: unit-length float32 rows."""
        out = self.model_.encode(
            self.inputs(contexts), batch_size=32, show_progress_bar=False, convert_to_numpy=True
        )
        return normalize(np.asarray(out, dtype=np.float32))

    def config(self) -> dict[str, Any]:
        """JSON-safe description: the model name or path."""
        return {"backend": self.backend, "model": self.model}

    def tensors(self) -> dict[str, np.ndarray]:
        """Nothing is fitted; the model itself stays where the user keeps it."""
        return {}


class SpacyVectorsEmbedder:
    """Mean word vector of the content lemmas, from a spaCy pipeline's vectors table."""

    backend = "spacy-vectors"

    def __init__(self, *, model: str = "auto", nlp: Any = None):
        self.model = model
        self.nlp = nlp

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

    def config(self) -> dict[str, Any]:
        """JSON-safe description: the spaCy pipeline name or path."""
        return {"backend": self.backend, "model": self.model}

    def tensors(self) -> dict[str, np.ndarray]:
        """Nothing is fitted; the vectors stay in the spaCy pipeline."""
        return {}
