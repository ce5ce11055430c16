"""`fit_themes`: from term hits to a codebook of themes, coded contexts and a saved model."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pipeline.themes.backends.registry import make_embedder
from pipeline.themes.codebook import (
    build_codebook,
    code_contexts,
    sub_theme_ids,
    term_theme_matrix,
)
from pipeline.themes.contexts import build_contexts
from pipeline.themes.embedding_cache import embed_contexts, resolve_embedding
from pipeline.themes.metrics import npmi_coherence, topic_diversity
from pipeline.themes.model import ThemeModel
from pipeline.themes.topics import ThemeTopics, representation_vectorizer


@dataclass
class ThemesResult:
    """Everything the themes stage writes.

    Attributes:
        contexts: The contexts table.
        themes: The codebook (themes contract plus `n_<term>` columns).
        coded_contexts: Each context with its theme.
        term_theme_matrix: Contexts per focal term (rows) and theme code (columns).
        metrics: n_themes (top-level), n_sub_themes, largest_share, outlier_share,
            silhouette, topic_diversity, npmi_coherence, n_contexts, n_duplicates,
            regime, embedding (the backend that ran) and details of the fit.
        model: The fitted model (None when there were no contexts).
        embeddings: The context embeddings, in contexts order.
        embeddings_cached: Whether the embeddings came from the cache (kept out of the
            metrics, which must not change when nothing but the cache changed).
    """

    contexts: pd.DataFrame
    themes: pd.DataFrame
    coded_contexts: pd.DataFrame
    term_theme_matrix: pd.DataFrame
    metrics: dict[str, Any]
    model: ThemeModel
    embeddings: np.ndarray = field(repr=False, default_factory=lambda: np.zeros((0, 0)))
    embeddings_cached: bool = False

    def save_model(self, path: str | Path) -> Path:
        """Write the theme model folder (safetensors and JSON only; see `ThemeModel.save`)."""
        return self.model.save(path)


def _metrics(
    fitted: ThemeTopics | None,
    keywords: dict[int, list[tuple[str, float]]],
    docs: list[str],
    *,
    params,
    n_hits: int,
    stop_words: Iterable[str],
    embedding: str = "",
) -> dict[str, Any]:
    """The DVC metrics of a fit (JSON-safe: floats rounded, None for undefined values)."""
    top = [
        [w for w, _ in kws[: params.top_keywords]] for t, kws in sorted(keywords.items()) if t != -1
    ]
    topics = fitted.topics_ if fitted is not None else np.zeros(0, dtype=int)
    placed = topics[topics >= 0]
    largest = np.bincount(placed).max() / len(topics) if len(placed) else None
    analyzer = representation_vectorizer(
        stop_words, ngram_range=params.ngram_range
    ).build_analyzer()
    coherence = npmi_coherence(top, docs, analyzer=analyzer) if fitted is not None else None
    diversity = topic_diversity(top)

    def rounded(value):
        return None if value is None else round(float(value), 6)

    return {
        "n_themes": len(top),
        "n_sub_themes": _n_sub_themes(fitted),
        "largest_share": rounded(largest),
        "n_contexts": len(docs),
        "n_duplicates": fitted.n_duplicates_ if fitted is not None else 0,
        "n_splits": fitted.n_splits_ if fitted is not None else 0,
        "n_hits": n_hits,
        "regime": fitted.regime_ if fitted is not None else "none",
        "embedding": embedding,
        "outlier_share": rounded(fitted.outlier_share_ if fitted is not None else 0.0),
        "n_outliers_reassigned": fitted.n_reassigned_ if fitted is not None else 0,
        "n_outliers_kept": int((fitted.topics_ == -1).sum()) if fitted is not None else 0,
        "silhouette": rounded(fitted.silhouette_) if fitted is not None else None,
        "stability_ari": rounded(getattr(fitted, "stability_", None)),
        "topic_diversity": rounded(diversity),
        "npmi_coherence": rounded(coherence),
        "top_keywords": params.top_keywords,
    }


def theme_stop_words(stop_words: Iterable[str], params) -> frozenset[str]:
    """Stop words plus the light verbs (`gaan`, `komen`): out of lemmas and keywords."""
    return frozenset(w.lower() for w in [*stop_words, *params.light_verbs])


def theme_contexts(
    term_hits: pd.DataFrame, tokens: pd.DataFrame, documents: pd.DataFrame, *, params, stop_words
) -> pd.DataFrame:
    """The contexts table as the themes stage builds it (see `contexts.build_contexts`)."""
    return build_contexts(
        term_hits,
        tokens,
        documents,
        context_sentences=params.context_sentences,
        stop_words=stop_words,
        exclude_terms=params.exclude_terms,
        boilerplate_min_segments=params.boilerplate_min_segments,
    )


def _n_sub_themes(fitted: ThemeTopics | None) -> int:
    if fitted is None:
        return 0
    return len({(t, s) for t, s in zip(fitted.topics_, fitted.sub_topics_, strict=True) if s >= 0})


def fit_themes(
    term_hits: pd.DataFrame,
    tokens: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    params,
    terms: list[str],
    stop_words: Iterable[str] = (),
    embedding_cache: str | Path | None = None,
    spacy_model: str = "auto",
    threads: int | None = None,
) -> ThemesResult:
    """Group the talk around the focal terms into themes.

    Args:
        term_hits: The term_hits table.
        tokens: The tokens table.
        documents: The documents table (its text gives the quotes).
        params: The `themes` params section.
        terms: Focal terms; each gets an `n_<term>` column in the codebook.
        stop_words: Dutch stop words, kept out of lemmas and keywords.
        embedding_cache: Folder that caches embeddings; None computes them every time.
        spacy_model: The annotate stage's model, for the `spacy-vectors` backend.
        threads: Threads of the `e5` backend (None: the library's default).

    Returns:
        The contexts, codebook, coded contexts, term x theme matrix, metrics and model.
    """
    stop_words = theme_stop_words(stop_words, params)
    terms = list(terms)

    # Contexts, sorted by context_id so that the fit never depends on the input order
    contexts = theme_contexts(term_hits, tokens, documents, params=params, stop_words=stop_words)
    docs = contexts["lemmas"].astype(str).tolist()
    if contexts.empty:
        return _no_themes(contexts, docs, params=params, terms=terms)

    # Embeddings, read from the cache when the same contexts were embedded before
    spec = resolve_embedding(params, contexts, cache_dir=embedding_cache)
    embedder, embeddings, cached = _embed(
        contexts, params, spec, spacy_model, embedding_cache, threads
    )

    # Themes: BERTopic with the regime's reduction and clustering
    fitted = ThemeTopics(params=params, stop_words=stop_words).fit(docs, embeddings)
    keywords = fitted.keywords()

    # Codebook, coded contexts and the term x theme matrix; the model carries the codes
    themes, coded, matrix, codes = _coded_tables(
        contexts, fitted, embeddings, keywords, params=params, terms=terms
    )
    info = _info(params, terms, codes, fitted.regime_) | _sub_info(spec, fitted)
    model = ThemeModel(_labelled_model(fitted, codes, themes), embedder, info)
    model.sub_centres = _sub_centres(embeddings, fitted)
    metrics = _metrics(
        fitted, keywords, docs, params=params, n_hits=len(term_hits), stop_words=stop_words,
        embedding=spec,
    )  # fmt: skip
    return ThemesResult(contexts, themes, coded, matrix, metrics, model, embeddings, cached)


def _info(params, terms: list[str], codes: dict[int, str], regime: str) -> dict[str, Any]:
    """What the model records of its fit: params, terms, the code of each theme, regime."""
    return {
        "params": params.model_dump(mode="json"),
        "terms": terms,
        "codes": {str(t): c for t, c in codes.items()},
        "regime": regime,
    }


def _no_themes(
    contexts: pd.DataFrame, docs: list[str], *, params, terms: list[str]
) -> ThemesResult:
    """The result for a corpus without contexts: empty tables and a model without themes."""
    empty_topics = np.zeros(0, dtype=int)
    return ThemesResult(
        contexts=contexts,
        themes=build_codebook(contexts, empty_topics, np.zeros((0, 1)), {}, terms=terms),
        coded_contexts=code_contexts(contexts, empty_topics, np.zeros(0), {}),
        term_theme_matrix=term_theme_matrix(contexts, empty_topics, {}, terms=terms),
        metrics=_metrics(None, {}, docs, params=params, n_hits=0, stop_words=()),
        model=ThemeModel(None, None, _info(params, terms, {}, "none")),
    )


def _sub_info(spec: str, fitted: ThemeTopics) -> dict[str, Any]:
    """The backend that ran, and the theme of each sub-theme (by codebook theme_id)."""
    ids = sub_theme_ids(fitted.topics_, fitted.sub_topics_)
    return {"embedding": spec, "sub_parents": {str(i): t for (t, _), i in ids.items()}}


def _sub_centres(embeddings: np.ndarray, fitted: ThemeTopics) -> dict[str, np.ndarray]:
    """Unit-length centre of each sub-theme, keyed by its codebook theme_id."""
    from sklearn.preprocessing import normalize

    ids = sub_theme_ids(fitted.topics_, fitted.sub_topics_)
    out = {}
    for (theme, sub), theme_id in ids.items():
        rows = (fitted.topics_ == theme) & (fitted.sub_topics_ == sub)
        out[str(theme_id)] = normalize(embeddings[rows].mean(axis=0, keepdims=True))[0]
    return out


def _embed(
    contexts: pd.DataFrame,
    params,
    spec: str,
    spacy_model: str,
    cache: str | Path | None,
    threads: int | None,
):
    """Fit the embedding backend `spec` and embed the contexts, or read both from `cache`.

    Returns:
        The fitted embedder, the embeddings and whether they came from the cache.
    """
    embedder = make_embedder(
        spec, dims=params.svd_dims, seed=params.seed, spacy_model=spacy_model,
        batch=params.e5_batch, threads=threads,
    )  # fmt: skip
    return embed_contexts(embedder, contexts, cache_dir=cache)


def _coded_tables(
    contexts: pd.DataFrame,
    fitted: ThemeTopics,
    embeddings: np.ndarray,
    keywords: dict[int, list[tuple[str, float]]],
    *,
    params,
    terms: list[str],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[int, str]]:
    """The codebook, the coded contexts, the term x theme matrix and the code of each theme."""
    themes = build_codebook(
        contexts,
        fitted.topics_,
        embeddings,
        keywords,
        terms=terms,
        top_keywords=params.top_keywords,
        n_quotes=params.n_quotes,
        sub_topics=fitted.sub_topics_,
        sub_keywords=fitted.sub_keywords(),
    )
    codes = dict(zip(themes["theme_id"].astype(int), themes["code"], strict=True))
    ids = sub_theme_ids(fitted.topics_, fitted.sub_topics_)
    sub_ids = np.array(
        [ids.get((t, s), -1) for t, s in zip(fitted.topics_, fitted.sub_topics_, strict=True)]
    )
    coded = code_contexts(contexts, fitted.topics_, fitted.probabilities_, codes, sub_ids=sub_ids)
    top_codes = {t: c for t, c in codes.items() if t in set(fitted.topics_.tolist())}
    matrix = term_theme_matrix(contexts, fitted.topics_, top_codes, terms=terms)
    return themes, coded, matrix, codes


def _labelled_model(fitted: ThemeTopics, codes: dict[int, str], themes: pd.DataFrame):
    """The fitted BERTopic, carrying the codes and quotes so it speaks the codebook's language."""
    topic_model = fitted.topic_model_
    top = themes[themes["level"] == 1]
    topic_model.set_topic_labels({int(t): codes[int(t)] for t in top["theme_id"]})
    topic_model.representative_docs_ = {
        int(t): q.split(" || ") for t, q in zip(top["theme_id"], top["quotes"], strict=True)
    }
    return topic_model
