"""Parameters of the themes stage."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from pipeline.params.base import Section
from pipeline.themes.backends import check_spec


class ThemesParams(Section):
    """Parameters of the themes stage.

    PCA and KMeans find the themes up to `small_threshold` contexts, UMAP and HDBSCAN above.

    Attributes:
        context_sentences: Sentences on either side of a hit's sentence in its context.
        embedding: `tfidf-svd`, `spacy-vectors`, or `sentence-transformers:<name or path>`.
        svd_dims: Dimensions of the TF-IDF SVD embedding.
        small_threshold: The most contexts for PCA and KMeans.
        n_themes: Fix the number of KMeans themes (None: choose by silhouette).
        min_themes: Lower bound when choosing by silhouette.
        max_themes: Upper bound when choosing by silhouette.
        pca_components: PCA dimensions before KMeans.
        min_cluster_size: HDBSCAN minimum cluster size.
        umap_neighbors: UMAP neighbours.
        umap_components: UMAP dimensions.
        umap_epochs: UMAP optimisation epochs.
        keep_outliers: Keep HDBSCAN outliers as theme -1 instead of reassigning them.
        outlier_strategy: Outliers join the nearest theme by `embeddings` or `c-tf-idf`.
        exclude_terms: Leave the focal terms out of the context lemmas.
        ngram_range: N-gram range of the representation's CountVectorizer.
        top_keywords: Keywords per theme in the codebook.
        n_quotes: Representative quotes per theme.
        seed: Random seed for every stochastic step.
    """

    context_sentences: int = Field(default=1, ge=0)
    embedding: Annotated[str, AfterValidator(check_spec)] = "tfidf-svd"
    svd_dims: int = Field(default=50, ge=2)
    small_threshold: int = Field(default=200, ge=2)
    n_themes: int | None = Field(default=None, ge=2)
    min_themes: int = Field(default=3, ge=2)
    max_themes: int = Field(default=12, ge=2)
    pca_components: int = Field(default=10, ge=1)
    min_cluster_size: int = Field(default=15, ge=2)
    umap_neighbors: int = Field(default=15, ge=2)
    umap_components: int = Field(default=5, ge=2)
    umap_epochs: int = Field(default=200, ge=10)
    keep_outliers: bool = False
    outlier_strategy: Literal["embeddings", "c-tf-idf"] = "embeddings"
    exclude_terms: bool = True
    ngram_range: tuple[int, int] = (1, 2)
    top_keywords: int = Field(default=10, ge=1)
    n_quotes: int = Field(default=3, ge=1)
    seed: int = 42
