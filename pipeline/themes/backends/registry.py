"""The embedding backends by name: build one from a params value, or rebuild a fitted one.

Like BERTopic's `select_backend`, this is the one lookup from a name to a backend class.
The names and the params syntax are those of `pipeline.themes.backends`; every class's
`backend` attribute is its name there. Importing the backend modules is cheap: each imports
its model library (spaCy, sentence-transformers) only when it is fitted.
"""

from __future__ import annotations

import json
from typing import Any

from pipeline.themes.backends import split_spec
from pipeline.themes.backends.base import Embedder
from pipeline.themes.backends.sentence_transformer import SentenceTransformerEmbedder
from pipeline.themes.backends.spacy_vectors import SpacyVectorsEmbedder
from pipeline.themes.backends.tfidf import TfidfSvdEmbedder

CLASSES: dict[str, type[Embedder]] = {
    cls.backend: cls
    for cls in (TfidfSvdEmbedder, SpacyVectorsEmbedder, SentenceTransformerEmbedder)
}


def make_embedder(
    spec: str, *, dims: int = 50, seed: int = 42, spacy_model: str = "auto"
) -> Embedder:
    """Create the (unfitted) embedder that a params `embedding` value names.

    Args:
        spec: `tfidf-svd`, `spacy-vectors` or `sentence-transformers:<name or path>`.
        dims: SVD dimensions for `tfidf-svd`.
        seed: Random seed for `tfidf-svd`.
        spacy_model: The annotate stage's model, for `spacy-vectors`.

    Returns:
        An embedder with fit, transform, inputs, config and tensors.

    Raises:
        ValueError: For an unknown backend.
    """
    name, argument = split_spec(spec)
    return CLASSES[name].from_params(argument, dims=dims, seed=seed, spacy_model=spacy_model)


def embedder_from_state(config: dict[str, Any], tensors: dict) -> Embedder:
    """Rebuild a fitted embedder from its config and tensors (see `base.Embedder`).

    Args:
        config: The embedder's `config()`.
        tensors: The embedder's `tensors()`.

    Returns:
        A fitted embedder. Sentence-transformers and spaCy backends reload their model
        from disk, offline.

    Raises:
        ValueError: For a backend that is not in the registry.
    """
    backend = config.get("backend")
    if backend not in CLASSES:
        raise ValueError(f"unknown embedding backend in saved state: {json.dumps(config)[:80]}")
    return CLASSES[backend].from_state(config, tensors)
