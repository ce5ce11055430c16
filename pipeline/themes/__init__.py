"""The themes stage: BERTopic over the term contexts, a codebook of themes, coded contexts.

`fit_themes` builds the contexts around every term hit, embeds them (offline by default, see
`pipeline.themes.backends`), clusters them (PCA + KMeans for small corpora, UMAP + HDBSCAN
for large ones), names each theme by its c-TF-IDF keywords and backs it with representative
quotes. `ThemeModel.load` reads a saved model back without network access.

The names below are imported on first use, so that importing a light module of the package
(the backend registry that `pipeline.params` checks names against, or `stage`) does not
load BERTopic.
"""

from importlib import import_module

_EXPORTS = {
    "EmbeddingError": "pipeline.themes.backends.base",
    "ThemeModel": "pipeline.themes.model",
    "ThemesResult": "pipeline.themes.fit",
    "build_contexts": "pipeline.themes.contexts",
    "fit_themes": "pipeline.themes.fit",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Import `name` from the module that defines it (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
