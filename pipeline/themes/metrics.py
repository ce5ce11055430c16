"""Theme quality measures: topic diversity and NPMI coherence on the contexts themselves.

NPMI (Bouma 2009) of two keywords over the N contexts, with document co-occurrence:

    p(w) = df(w) / N,   p(w1, w2) = df(w1, w2) / N
    NPMI = log(p(w1, w2) / (p(w1) p(w2))) / -log p(w1, w2)

in [-1, 1]. The two edge cases take their limits instead of adding an epsilon (which
would make the score depend on the epsilon and on N): keywords that never co-occur score
-1, and keywords that both occur in every context score 1. A theme's coherence is the mean
over its keyword pairs, and the model's is the mean over themes (outliers excluded).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer


def topic_diversity(keyword_lists: Sequence[Sequence[str]]) -> float | None:
    """Share of distinct keywords among all themes' top keywords (Dieng et al. 2020).

    Args:
        keyword_lists: Top keywords of each theme.

    Returns:
        Distinct keywords / all keywords, in (0, 1]; None without keywords.
    """
    words = [w for keywords in keyword_lists for w in keywords]
    return len(set(words)) / len(words) if words else None


def npmi(n_pair: int, n_first: int, n_second: int, n_docs: int) -> float:
    """NPMI of two words from document frequencies (see the module docstring).

    Args:
        n_pair: Documents holding both words.
        n_first: Documents holding the first word.
        n_second: Documents holding the second word.
        n_docs: All documents.

    Returns:
        NPMI in [-1, 1].
    """
    if n_pair == 0:
        return -1.0
    if n_pair == n_docs:
        return 1.0
    p_pair = n_pair / n_docs
    pmi = np.log(p_pair / ((n_first / n_docs) * (n_second / n_docs)))
    return float(pmi / -np.log(p_pair))


def npmi_per_theme(
    keyword_lists: Sequence[Sequence[str]],
    documents: Sequence[str],
    *,
    analyzer: Callable[[str], list[str]],
) -> list[float | None]:
    """Mean pairwise NPMI of each theme's keywords over the documents.

    Args:
        keyword_lists: Top keywords of each theme.
        documents: The texts the keywords were taken from (context lemmas).
        analyzer: Turns a document into its terms, exactly as the keywords were made
            (the representation vectorizer's `build_analyzer()`), so that a bigram keyword
            is found where the vectorizer found it.

    Returns:
        One score per theme; None for a theme with fewer than two keywords.
    """
    vocabulary = sorted({w for keywords in keyword_lists for w in keywords})
    if not vocabulary or not documents:
        return [None for _ in keyword_lists]
    counter = CountVectorizer(analyzer=analyzer, vocabulary=vocabulary, binary=True)
    present = counter.fit_transform(documents).tocsc().astype(np.int64)
    df = np.asarray(present.sum(axis=0)).ravel()
    index = {w: i for i, w in enumerate(vocabulary)}
    n_docs = len(documents)
    scores: list[float | None] = []
    for keywords in keyword_lists:
        cols = [index[w] for w in dict.fromkeys(keywords)]
        if len(cols) < 2:
            scores.append(None)
            continue
        sub = present[:, cols]
        together = (sub.T @ sub).toarray()
        pairs = [
            npmi(int(together[a, b]), int(df[cols[a]]), int(df[cols[b]]), n_docs)
            for a, b in combinations(range(len(cols)), 2)
        ]
        scores.append(float(np.mean(pairs)))
    return scores


def npmi_coherence(
    keyword_lists: Sequence[Sequence[str]],
    documents: Sequence[str],
    *,
    analyzer: Callable[[str], list[str]],
) -> float | None:
    """Mean NPMI coherence over themes (themes without two keywords are skipped).

    Args:
        keyword_lists: Top keywords of each theme.
        documents: The texts the keywords were taken from.
        analyzer: The representation vectorizer's analyzer.

    Returns:
        The coherence in [-1, 1], or None if no theme has two keywords.
    """
    scores = [
        s for s in npmi_per_theme(keyword_lists, documents, analyzer=analyzer) if s is not None
    ]
    return float(np.mean(scores)) if scores else None
