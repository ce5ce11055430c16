"""Theme numbering: canonical theme and sub-theme numbers, and theme centroids.

Theme numbers are canonical, so the same themes get the same numbers in every run: by
size (contexts, duplicates included), largest first, ties broken by the first context_id.
"""

from __future__ import annotations

import numpy as np
from sklearn.preprocessing import normalize


def canonical_numbers(topics: np.ndarray) -> np.ndarray:
    """Renumber topics by size (largest first), ties by first occurrence; -1 stays -1.

    Args:
        topics: Topic of each document (documents sorted by context_id).

    Returns:
        The renumbered topics.
    """
    topics = np.asarray(topics, dtype=int)
    ids = [t for t in dict.fromkeys(topics.tolist()) if t != -1]
    sizes = {t: int((topics == t).sum()) for t in ids}
    first = {t: int(np.argmax(topics == t)) for t in ids}
    order = sorted(ids, key=lambda t: (-sizes[t], first[t]))
    mapping = {old: new for new, old in enumerate(order)} | {-1: -1}
    return np.array([mapping[t] for t in topics.tolist()], dtype=int)


def centroids(embeddings: np.ndarray, topics: np.ndarray) -> dict[int, np.ndarray]:
    """Unit-length mean embedding of each topic (outliers included as -1 when present)."""
    out = {}
    for topic in sorted(set(topics.tolist())):
        mean = embeddings[topics == topic].mean(axis=0, keepdims=True)
        out[topic] = normalize(mean)[0]
    return out


def canonical_subs(topics: np.ndarray, subs: np.ndarray) -> np.ndarray:
    """Sub-theme numbers within each theme by size, largest first (-1 stays -1)."""
    out = np.full(len(topics), -1, dtype=int)
    for theme in set(topics.tolist()):
        rows = np.flatnonzero((topics == theme) & (subs >= 0))
        if len(rows):
            out[rows] = canonical_numbers(subs[rows])
    return out
