"""What every embedding backend is: the `Embedder` protocol and the error it raises.

Like BERTopic's `bertopic.backend.BaseEmbedder`, this module names what the themes stage
needs from a backend and imports no model library, so that the registry
(`pipeline.themes.backends`) and the backends can build on it without a cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from pipeline.errors import KruispuntError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


class EmbeddingError(KruispuntError, RuntimeError):
    """An embedding backend that cannot run; the message says why and what to do."""


class Embedder(Protocol):
    """What the themes stage needs from an embedding backend.

    A backend is built from its params value by `from_params`, fitted on the contexts, and
    saved as `config()` (JSON) plus `tensors()` (arrays), from which `from_state` rebuilds
    it, so a saved theme model embeds new contexts without pickles.
    """

    backend: str

    @classmethod
    def from_params(cls, argument: str, *, dims: int, seed: int, spacy_model: str) -> Embedder:
        """The unfitted backend for a params value (`argument` follows the name's colon)."""
        ...

    @classmethod
    def from_state(cls, config: dict[str, Any], tensors: dict[str, np.ndarray]) -> Embedder:
        """The fitted backend again, from its `config()` and `tensors()`."""
        ...

    def fit(self, contexts: pd.DataFrame) -> Embedder: ...  # noqa: D102

    def transform(self, contexts: pd.DataFrame) -> np.ndarray: ...  # noqa: D102

    def inputs(self, contexts: pd.DataFrame) -> list[str]: ...  # noqa: D102

    def config(self) -> dict[str, Any]: ...  # noqa: D102

    def tensors(self) -> dict[str, np.ndarray]: ...  # noqa: D102


class ModelOnDisk:
    """Base of the backends that use a model the user keeps on disk; nothing is fitted.

    Subclasses set `backend`, take `model` (a name or path) and load it in `fit`.
    """

    backend: str
    model: str

    @classmethod
    def from_state(cls, config: dict[str, Any], tensors: dict[str, np.ndarray]) -> ModelOnDisk:
        """Load the model named in `config` again, from disk (`tensors` is empty)."""
        return cls(model=config["model"]).fit()

    def config(self) -> dict[str, Any]:
        """JSON-safe description: the model name or path."""
        return {"backend": self.backend, "model": self.model}

    def tensors(self) -> dict[str, np.ndarray]:
        """Nothing is fitted; the model itself stays where the user keeps it."""
        return {}
