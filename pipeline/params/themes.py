"""Parameters of the themes stage."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from pipeline.params.base import Section
from pipeline.themes.backends import check_spec

LIGHT_VERBS = (
    "gaan", "komen", "staan", "zien", "kijken", "zitten", "liggen", "laten", "doen",
    "maken", "krijgen", "geven", "zeggen", "vinden", "willen", "moeten", "kunnen",
    "mogen", "zullen", "worden", "hebben", "zijn", "weten", "denken", "horen", "vragen",
    "houden", "brengen", "nemen", "blijven", "lijken", "betekenen", "proberen",
)  # fmt: skip


class ThemesParams(Section):
    """Parameters of the themes stage.

    Near-duplicate contexts (cosine >= `duplicate_similarity`) count once in the fit. Up
    to `kmeans_max_contexts` distinct contexts KMeans finds the top-level themes on the
    embedding; above, UMAP and HDBSCAN find fine clusters (`min_cluster_size` at least
    `min_cluster_share` of the corpus) that are merged into at most `max_themes` themes.
    Each theme may hold sub-themes; no theme keeps more than `max_theme_share` of the
    contexts when its split separates by silhouette.

    Attributes:
        context_sentences: Sentences on either side of a hit's sentence in its context.
        embedding: `auto`, `e5+tfidf-svd`, `e5`, `tfidf-svd`, `spacy-vectors`, or
            `sentence-transformers:<name or path>`.
        auto_e5_max_contexts: `auto` takes e5+tfidf-svd up to this many contexts (or when the
            cache holds them), else tfidf-svd.
        svd_dims: Dimensions of the TF-IDF SVD embedding.
        e5_batch: Texts per e5 batch.
        n_themes: Fix the number of top-level themes (None: choose by silhouette).
        min_themes: Fewest top-level themes when choosing by silhouette.
        max_themes: Most top-level themes.
        min_theme_size: Smallest number of distinct contexts a theme should have.
        max_sub_themes: Most sub-themes per theme (0: no sub-themes).
        sub_silhouette: Least silhouette for a theme to be split into sub-themes.
        max_theme_share: Largest share of contexts one theme may hold.
        split_silhouette: Least silhouette of a 2-way split of an oversized theme.
        duplicate_similarity: Cosine at which contexts count as near-duplicates (1: off).
        boilerplate_min_segments: A sentence whose lemmas recur in this many segments is
            boilerplate and left out of the lemmas (0: keep all).
        light_verbs: Lemmas never used as keywords or lemmas.
        kmeans_max_contexts: The most distinct contexts for KMeans.
        pca_components: PCA dimensions before KMeans (0: none).
        min_cluster_size: Smallest HDBSCAN minimum cluster size.
        min_cluster_share: HDBSCAN minimum cluster size as a share of the contexts.
        umap_neighbors: UMAP neighbours.
        umap_components: UMAP dimensions.
        umap_epochs: UMAP optimisation epochs.
        keep_outliers: Keep HDBSCAN outliers as theme -1 instead of reassigning them.
        exclude_terms: Leave the focal terms out of the context lemmas.
        ngram_range: N-gram range of the keywords' CountVectorizer (lemma bigrams).
        top_keywords: Keywords per theme in the codebook.
        n_quotes: Representative quotes per theme.
        update: `refit` fits afresh; `frozen` keeps the saved model and codes new contexts.
        drift_similarity: A new context below this similarity to its theme fits no theme.
        drift_refit_share: Share of such contexts above which a refit is suggested.
        seed: Random seed for every stochastic step.
    """

    context_sentences: int = Field(default=3, ge=0)
    embedding: Annotated[str, AfterValidator(check_spec)] = "auto"
    auto_e5_max_contexts: int = Field(default=5000, ge=0)
    svd_dims: int = Field(default=50, ge=2)
    e5_batch: int = Field(default=32, ge=1)
    n_themes: int | None = Field(default=None, ge=2)
    min_themes: int = Field(default=4, ge=2)
    max_themes: int = Field(default=25, ge=2)
    min_theme_size: int = Field(default=5, ge=1)
    max_sub_themes: int = Field(default=5, ge=0)
    sub_silhouette: float = Field(default=0.05, ge=-1, le=1)
    max_theme_share: float = Field(default=0.35, gt=0, le=1)
    split_silhouette: float = Field(default=0.0, ge=-1, le=1)
    duplicate_similarity: float = Field(default=0.97, gt=0, le=1)
    boilerplate_min_segments: int = Field(default=5, ge=0)
    light_verbs: list[str] = Field(default_factory=lambda: list(LIGHT_VERBS))
    kmeans_max_contexts: int = Field(default=20000, ge=2)
    pca_components: int = Field(default=0, ge=0)
    min_cluster_size: int = Field(default=15, ge=2)
    min_cluster_share: float = Field(default=0.005, ge=0, le=1)
    umap_neighbors: int = Field(default=15, ge=2)
    umap_components: int = Field(default=5, ge=2)
    umap_epochs: int = Field(default=200, ge=10)
    keep_outliers: bool = False
    exclude_terms: bool = True
    ngram_range: tuple[int, int] = (1, 2)
    top_keywords: int = Field(default=10, ge=1)
    n_quotes: int = Field(default=3, ge=1)
    update: Literal["refit", "frozen"] = "refit"
    drift_similarity: float = Field(default=0.5, ge=-1, le=1)
    drift_refit_share: float = Field(default=0.2, ge=0, le=1)
    seed: int = 42
