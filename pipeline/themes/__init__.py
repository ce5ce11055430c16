"""The themes stage: BERTopic over the term contexts, a codebook of themes, coded contexts.

`fit_themes` builds the contexts around every term hit, embeds them (offline by default),
clusters them (PCA + KMeans for small corpora, UMAP + HDBSCAN for large ones), names each
theme by its c-TF-IDF keywords and backs it with representative quotes. `ThemeModel.load`
reads a saved model back without network access.
"""

from pipeline.themes.contexts import build_contexts
from pipeline.themes.embeddings import EmbeddingError
from pipeline.themes.fit import ThemesResult, fit_themes
from pipeline.themes.model import ThemeModel

__all__ = ["EmbeddingError", "ThemeModel", "ThemesResult", "build_contexts", "fit_themes"]
