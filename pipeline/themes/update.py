"""`themes.update: frozen`: code new contexts into the saved codebook, and report drift.

A researcher who has applied the codebook in a QDA program needs the same theme ids and
codes after a monthly batch. In frozen mode the saved theme model stays as it is:

- contexts coded before (same context_id) keep their theme, sub-theme and probability;
- new contexts are embedded by the saved embedder (e5: only their texts, through the
  per-text cache) and placed by `ThemeModel.transform` (nearest theme embedding, then the
  nearest sub-theme of that theme);
- the codebook keeps every code, label, keyword and quote; its counts (size, n_docs,
  n_speakers, n_<term>) are those of the coded contexts now;
- the drift report counts new contexts whose cosine to their theme is below
  `drift_similarity`, and suggests a refit when their share passes `drift_refit_share`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pipeline.schemas import columns
from pipeline.themes.codebook import term_theme_matrix
from pipeline.themes.model import ThemeModel


def _embed_new(model: ThemeModel, new: pd.DataFrame, cache_dir: str | Path | None):
    """Embeddings of the new contexts by the saved (fitted) embedder; e5 through its cache."""
    from pipeline.themes.embedding_cache import _by_text

    embedder = model.embedder
    e5 = embedder if hasattr(embedder, "embed_texts") else getattr(embedder, "e5_", None)
    if e5 is None or cache_dir is None:
        return embedder.transform(new)
    rows = _by_text(e5, new, Path(cache_dir))
    return rows if e5 is embedder else embedder.join(rows, embedder.tfidf_.transform(new))


def _recount(themes: pd.DataFrame, coded: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """The codebook with size, n_docs, n_speakers and n_<term> counted on `coded`."""
    themes = themes.copy()
    per_term = coded.assign(term=coded["terms"].str.split(";")).explode("term")
    key = np.where(themes["level"].astype(int) == 1, "theme_id", "sub_theme_id")
    for column in ("theme_id", "sub_theme_id"):
        rows = key == column
        ids = themes.loc[rows, "theme_id"]
        grouped = coded.groupby(column)
        for name, values in (
            ("size", grouped.size()),
            ("n_docs", grouped["doc_id"].nunique()),
            ("n_speakers", grouped["speaker"].nunique()),
        ):
            themes.loc[rows, name] = ids.map(values).fillna(0).astype(int).to_numpy()
        counts = per_term.groupby([column, "term"]).size()
        for term in terms:
            if f"n_{term}" in themes:
                per = (
                    counts.xs(term, level="term")
                    if term in counts.index.get_level_values(1)
                    else {}
                )
                themes.loc[rows, f"n_{term}"] = ids.map(per).fillna(0).astype(int).to_numpy()
    return themes


def update_frozen(
    contexts: pd.DataFrame,
    model: ThemeModel,
    previous_coded: pd.DataFrame,
    previous_themes: pd.DataFrame,
    *,
    params,
    terms: list[str],
    cache_dir: str | Path | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    """Code the contexts into the saved model without refitting it.

    Args:
        contexts: The contexts table of the whole corpus now.
        model: The saved theme model (`ThemeModel.load`).
        previous_coded: The coded_contexts table of the run that saved the model (or of
            the last frozen update).
        previous_themes: Its codebook.
        params: The themes params (`drift_similarity`, `drift_refit_share`).
        terms: Focal terms.
        cache_dir: The embedding cache folder.

    Returns:
        The codebook, the coded contexts, the term x theme matrix and the drift report:
        n_kept, n_new, n_removed, n_drifted, drift_share and refit_suggested.
    """
    kept_ids = set(previous_coded["context_id"]) & set(contexts["context_id"])
    kept = previous_coded[previous_coded["context_id"].isin(kept_ids)]
    new = contexts[~contexts["context_id"].isin(kept_ids)].reset_index(drop=True)
    drifted = 0
    parts = [kept]
    if len(new) and model.topic_model is not None:
        placed = model.transform(new, _embed_new(model, new, cache_dir))
        drifted = int((placed["similarity"] < params.drift_similarity).sum())
        placed_columns = ("theme_id", "code", "probability", "sub_theme_id", "sub_code")
        coded_new = new.assign(**{c: placed[c].to_numpy() for c in placed_columns})
        parts.append(coded_new[columns("coded_contexts")])
    coded = pd.concat(parts, ignore_index=True).sort_values("context_id", kind="stable")
    coded = coded.reset_index(drop=True)
    themes = _recount(previous_themes, coded, terms)
    top = themes[themes["level"] == 1]
    codes = dict(zip(top["theme_id"].astype(int), top["code"], strict=True))
    matrix = term_theme_matrix(coded, coded["theme_id"].to_numpy(), codes, terms=terms)
    share = drifted / len(new) if len(new) else 0.0
    drift = {
        "n_kept": len(kept),
        "n_new": len(new),
        "n_removed": int(len(previous_coded) - len(kept)),
        "n_drifted": drifted,
        "drift_share": round(share, 6),
        "drift_similarity": params.drift_similarity,
        "refit_suggested": bool(share > params.drift_refit_share),
    }
    return themes, coded, matrix, drift


def largest_share(coded: pd.DataFrame) -> float | None:
    """Share of the contexts in the largest theme."""
    placed = coded["theme_id"][coded["theme_id"] >= 0]
    return round(float(np.bincount(placed).max() / len(coded)), 6) if len(placed) else None
