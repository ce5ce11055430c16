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
from pipeline.themes.backends.combined import E5TfidfEmbedder
from pipeline.themes.backends.e5 import E5Embedder
from pipeline.themes.backends.sentence_transformer import SentenceTransformerEmbedder
from pipeline.themes.backends.spacy_vectors import SpacyVectorsEmbedder
from pipeline.themes.backends.tfidf import TfidfSvdEmbedder

CLASSES: dict[str, type[Embedder]] = {
    cls.backend: cls
    for cls in (
        TfidfSvdEmbedder,
        E5Embedder,
        E5TfidfEmbedder,
        SpacyVectorsEmbedder,
        SentenceTransformerEmbedder,
    )
}


def make_embedder(
    spec: str,
    *,
    dims: int = 50,
    seed: int = 42,
    spacy_model: str = "auto",
    batch: int = 32,
    threads: int | None = None,
) -> Embedder:
    """Create the (unfitted) embedder that a params `embedding` value names.

    Args:
        spec: `e5`, `tfidf-svd`, `spacy-vectors` or `sentence-transformers:<name or path>`
            (`auto` is resolved first, see `fit._embedding_spec`).
        dims: SVD dimensions for `tfidf-svd`.
        seed: Random seed for `tfidf-svd`.
        spacy_model: The annotate stage's model, for `spacy-vectors`.
        batch: Texts per batch for `e5`.
        threads: OpenMP threads for `e5` (None: the library's default).

    Returns:
        An embedder with fit, transform, inputs, config and tensors.

    Raises:
        ValueError: For an unknown backend.
    """
    name, argument = split_spec(spec)
    if name == "auto":
        raise ValueError("resolve `auto` to a backend before making the embedder")
    if name == "e5":
        return E5Embedder(batch=batch, threads=threads)
    if name == "e5+tfidf-svd":
        return E5TfidfEmbedder(dims=dims, seed=seed, batch=batch, threads=threads)
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
