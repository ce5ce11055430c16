"""Theme keywords: c-TF-IDF over lemmas and lemma bigrams, each backed by two contexts.

The representation's CountVectorizer splits on whitespace only, so lemmas stay whole
("co-creatie", "coöperatie"), and it leaves out the Dutch stop words and the light verbs
(`gaan`, `komen`: params `light_verbs`). c-TF-IDF (BERTopic's `ClassTfidfTransformer`,
with `reduce_frequent_words`: the square root of the term frequency) weighs a word by how
much more a theme uses it than the others. A keyword must occur in at least two contexts
of its theme, so that one long quote cannot name a theme.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import CountVectorizer

from pipeline.themes.contexts import TOKEN_PATTERN
from pipeline.themes.lean_bertopic import ClassTfidfTransformer

# BERTopic turns an empty document into the word "emptydoc"; it must never be a keyword.
EMPTY_DOC = "emptydoc"


def representation_vectorizer(
    stop_words: Iterable[str], *, ngram_range: tuple[int, int]
) -> CountVectorizer:
    """The CountVectorizer behind the c-TF-IDF keywords.

    Args:
        stop_words: Dutch stop words (and light verbs).
        ngram_range: Smallest and largest n-gram.

    Returns:
        An unfitted CountVectorizer over whitespace-separated lemmas.
    """
    stop = sorted({w.lower() for w in stop_words} | {EMPTY_DOC})
    return CountVectorizer(
        token_pattern=TOKEN_PATTERN,
        lowercase=True,
        ngram_range=tuple(ngram_range),
        stop_words=stop,
    )


def theme_keywords(
    docs: list[str],
    labels: np.ndarray,
    *,
    stop_words: Iterable[str],
    ngram_range: tuple[int, int],
    top_n: int,
) -> dict[int, list[tuple[str, float]]]:
    """Top c-TF-IDF keywords of each label (-1 included when present).

    Args:
        docs: Content lemmas of each context.
        labels: Theme (or sub-theme) of each context.
        stop_words: Words never used as keywords.
        ngram_range: Smallest and largest n-gram.
        top_n: Keywords per label.

    Returns:
        Keywords with weights per label, best first; a keyword occurs in two or more
        contexts of its label (in every context when the label has just one).
    """
    labels = np.asarray(labels, dtype=int)
    ids = sorted(set(labels.tolist()))
    vectorizer = representation_vectorizer(stop_words, ngram_range=ngram_range)
    try:
        counts = vectorizer.fit_transform([d if d.strip() else EMPTY_DOC for d in docs])
    except ValueError:  # no word at all
        return {t: [] for t in ids}
    position = {t: i for i, t in enumerate(ids)}
    rows = np.array([position[t] for t in labels.tolist()])
    member = csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), (len(ids), len(rows)))
    per_label = member @ counts
    df = member @ (counts > 0).astype(np.float64)
    weights = ClassTfidfTransformer(reduce_frequent_words=True).fit_transform(per_label)
    weights = weights.toarray()
    df = df.toarray()
    sizes = np.asarray(member.sum(axis=1)).ravel()
    vocab = vectorizer.get_feature_names_out()
    out = {}
    for t, i in position.items():
        support = df[i] >= min(2, sizes[i])
        score = np.where(support, weights[i], 0.0)
        top = [j for j in np.argsort(-score, kind="stable")[:top_n] if score[j] > 0]
        out[t] = [(str(vocab[j]), round(float(score[j]), 6)) for j in top]
    return out
