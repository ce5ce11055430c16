"""`sentence-transformers:<name or path>`: a sentence-transformers model already on disk.

It embeds the quote text with a model from a local folder or the Hugging Face cache and
never downloads. Only this backend imports sentence-transformers (and so transformers and
torch), and only when it is fitted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.preprocessing import normalize

from pipeline.themes.backends.base import EmbeddingError, ModelOnDisk


class SentenceTransformerEmbedder(ModelOnDisk):
    """A sentence-transformers model loaded from disk only; it embeds the quote text."""

    backend = "sentence-transformers"

    def __init__(self, *, model: str):
        self.model = model

    @classmethod
    def from_params(
        cls, argument: str, *, dims: int, seed: int, spacy_model: str
    ) -> SentenceTransformerEmbedder:
        """The unfitted backend for `embedding: sentence-transformers:<argument>`."""
        return cls(model=argument)

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
