"""The codebook: one row per theme, every theme backed by quotes; coded contexts; term x theme.

Codes are stable and readable: `T03-sociale-netwerken` is theme 3, named after its two top
keywords, ascii-folded so that every QDA package and file system accepts them.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from pipeline.schemas import columns

OUTLIER_CODE = "TXX-overig"
QUOTE_SEPARATOR = " || "


def slugify(text: str, *, max_len: int = 40) -> str:
    """Lower-case ascii slug: "Financiële zorgen" -> "financiele-zorgen"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:max_len].rstrip("-")


def _distinct_words(keywords: list[str], n: int) -> list[str]:
    """The first `n` keywords that add a word not named yet ("netwerk" after "sociaal netwerk")."""
    seen: set[str] = set()
    out = []
    for keyword in keywords:
        words = set(keyword.split())
        if words <= seen:
            continue
        seen |= words
        out.append(keyword)
        if len(out) == n:
            break
    return out


def theme_code(theme_id: int, keywords: list[str], *, sub: int | None = None) -> str:
    """Stable code from the theme number and its two top keywords (`T03.2-...`: sub-theme)."""
    if theme_id == -1:
        return OUTLIER_CODE
    words = []
    for keyword in _distinct_words(keywords, 2):
        words.extend(w for w in keyword.split() if w not in words)
    slug = slugify(" ".join(words)) or "thema"
    number = f"{theme_id:02d}" if sub is None else f"{theme_id:02d}.{sub + 1}"
    return f"T{number}-{slug}"


def theme_label(theme_id: int, keywords: list[str]) -> str:
    """Readable label from the top three distinct keywords."""
    if theme_id == -1:
        return "overig (niet ingedeeld)"
    return ", ".join(_distinct_words(keywords, 3)) or "(geen trefwoorden)"


def format_keywords(keywords: list[tuple[str, float]], n: int) -> str:
    """`kw (0.123); kw (0.045); ...` for the top `n` keywords."""
    return "; ".join(f"{word} ({weight:.3f})" for word, weight in keywords[:n])


def representative(
    contexts: pd.DataFrame, topics: np.ndarray, embeddings: np.ndarray, *, n: int
) -> dict[int, list[int]]:
    """Row positions of the contexts closest to each theme's centroid.

    Args:
        contexts: Contexts sorted by context_id (row positions match `embeddings`).
        topics: Theme of each context.
        embeddings: Unit-length embedding of each context.
        n: Quotes per theme.

    Returns:
        Row positions per theme_id, most representative first; ties go to the smaller
        context_id, so the choice never depends on floating-point noise in the order.
    """
    out = {}
    ids = contexts["context_id"].to_numpy()
    for topic in sorted(set(topics.tolist())):
        rows = np.flatnonzero(topics == topic)
        centre = embeddings[rows].mean(axis=0)
        norm = np.linalg.norm(centre)
        similarity = embeddings[rows] @ (centre / norm if norm else centre)
        ranked = sorted(zip(np.round(-similarity, 9), ids[rows], rows, strict=True))
        out[topic] = [int(row) for _, _, row in ranked[:n]]
    return out


def _quote(text: str) -> str:
    # One line per quote; a sentence splitter may leave the previous full stop in front.
    return " ".join(str(text).split()).lstrip(".,;:!? ")


def _term_counts(contexts: pd.DataFrame, topics: np.ndarray, terms: list[str]) -> pd.DataFrame:
    """Contexts per (theme, term): rows theme_id, one column per term."""
    pairs = pd.DataFrame({"theme_id": topics, "term": contexts["terms"].str.split(";")})
    pairs = pairs.explode("term")
    counts = pd.crosstab(pairs["theme_id"], pairs["term"])
    return counts.reindex(index=sorted(set(topics.tolist())), columns=terms, fill_value=0)


def build_codebook(
    contexts: pd.DataFrame,
    topics: np.ndarray,
    embeddings: np.ndarray,
    keywords: dict[int, list[tuple[str, float]]],
    *,
    terms: list[str],
    top_keywords: int = 10,
    n_quotes: int = 3,
    sub_topics: np.ndarray | None = None,
    sub_keywords: dict[tuple[int, int], list[tuple[str, float]]] | None = None,
) -> pd.DataFrame:
    """The codebook table: the themes, then their sub-themes.

    Args:
        contexts: Contexts sorted by context_id.
        topics: Theme of each context (canonical numbers, -1 for kept outliers).
        embeddings: Unit-length embedding of each context.
        keywords: Keywords with c-TF-IDF weights per theme.
        terms: Focal terms; each gets an `n_<term>` column (contexts holding the term).
        top_keywords: Keywords listed per theme.
        n_quotes: Quotes per theme.
        sub_topics: Sub-theme of each context within its theme (-1: none), or None.
        sub_keywords: Keywords per (theme, sub-theme).

    Returns:
        One row per theme, ordered by theme_id with outliers last, then one per sub-theme
        (theme_ids numbered on, see `sub_theme_ids`): theme_id, code, label, keywords,
        size, n_docs, n_speakers, n_<term> per focal term, quotes (`[seg_id] quote`
        joined by ` || `), quote_seg_ids (`;`-joined), description (empty), level (1 or
        2), parent_id (-1 for a theme) and parent_code (empty for a theme).
    """
    term_columns = [f"n_{t}" for t in terms]
    base = columns("themes")
    ordered = base[:7] + term_columns + base[7:]
    if len(contexts) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ordered})
    top = _codebook_rows(contexts, topics, embeddings, keywords, terms=terms,
                         top_keywords=top_keywords, n_quotes=n_quotes)  # fmt: skip
    for row in top:
        row |= {"level": 1, "parent_id": -1, "parent_code": ""}
    rows = list(top)
    if sub_topics is not None and (np.asarray(sub_topics) >= 0).any():
        rows += _sub_rows(
            contexts, topics, sub_topics, embeddings, sub_keywords or {}, top,
            terms=terms, top_keywords=top_keywords, n_quotes=n_quotes,
        )  # fmt: skip
    return pd.DataFrame(rows, columns=ordered)


def sub_theme_ids(topics: np.ndarray, sub_topics: np.ndarray) -> dict[tuple[int, int], int]:
    """The codebook theme_id of each (theme, sub-theme): numbered on after the themes."""
    start = max([int(t) for t in topics] + [-1]) + 1
    pairs = sorted({(int(t), int(s)) for t, s in zip(topics, sub_topics, strict=True) if s >= 0})
    return {pair: start + i for i, pair in enumerate(pairs)}


def _sub_rows(contexts, topics, sub_topics, embeddings, sub_keywords, top, **kwargs) -> list:
    """Codebook rows of the sub-themes, after the themes, each naming its parent."""
    ids = sub_theme_ids(topics, sub_topics)
    labels = np.array([ids.get((int(t), int(s)), -1)
                       for t, s in zip(topics, sub_topics, strict=True)])  # fmt: skip
    keywords = {ids[pair]: kws for pair, kws in sub_keywords.items() if pair in ids}
    inside = labels >= 0
    rows = _codebook_rows(contexts[inside], labels[inside], embeddings[inside], keywords,
                          **kwargs)  # fmt: skip
    parents = {row["theme_id"]: row["code"] for row in top}
    by_id = {v: k for k, v in ids.items()}
    for row in rows:
        theme, sub = by_id[row["theme_id"]]
        words = [w for w, _ in keywords.get(row["theme_id"], [])]
        row["code"] = theme_code(theme, words, sub=sub)
        row |= {"level": 2, "parent_id": theme, "parent_code": parents[theme]}
    return rows


def _codebook_rows(
    contexts: pd.DataFrame,
    topics: np.ndarray,
    embeddings: np.ndarray,
    keywords: dict[int, list[tuple[str, float]]],
    *,
    terms: list[str],
    top_keywords: int,
    n_quotes: int,
) -> list[dict]:
    """One codebook row per label in `topics` (see `build_codebook`)."""
    term_columns = [f"n_{t}" for t in terms]
    contexts = contexts.reset_index(drop=True)
    quotes = representative(contexts, topics, embeddings, n=n_quotes)
    counts = _term_counts(contexts, topics, terms)
    by_theme = contexts.groupby(np.asarray(topics))
    sizes, n_docs = by_theme.size(), by_theme["doc_id"].nunique()
    n_speakers = by_theme["speaker"].nunique()  # missing speakers are not counted
    rows = []
    for topic in sorted(set(topics.tolist()), key=lambda t: (t == -1, t)):
        rows.append(
            {
                "theme_id": topic,
                **_names(topic, keywords.get(topic, []), top_keywords),
                "size": int(sizes[topic]),
                "n_docs": int(n_docs[topic]),
                "n_speakers": int(n_speakers[topic]),
                **{
                    col: int(counts.loc[topic, t])
                    for col, t in zip(term_columns, terms, strict=True)
                },
                **_quotes(contexts.iloc[quotes[topic]]),
                "description": "",
            }
        )
    return rows


def _names(topic: int, keywords: list[tuple[str, float]], top_keywords: int) -> dict[str, str]:
    """A theme's code, label and weighted keywords, from its c-TF-IDF keywords."""
    words = [w for w, _ in keywords]
    return {
        "code": theme_code(topic, words),
        "label": theme_label(topic, words),
        "keywords": format_keywords(keywords, top_keywords),
    }


def _quotes(picked: pd.DataFrame) -> dict[str, str]:
    """A theme's quotes (`[seg_id] quote` joined by ` || `) and their `;`-joined seg_ids."""
    return {
        "quotes": QUOTE_SEPARATOR.join(
            f"[{seg}] {_quote(text)}"
            for seg, text in zip(picked["seg_id"], picked["text"], strict=True)
        ),
        "quote_seg_ids": ";".join(picked["seg_id"]),
    }


def code_contexts(
    contexts: pd.DataFrame,
    topics: np.ndarray,
    probabilities: np.ndarray,
    codes: dict[int, str],
    *,
    sub_ids: np.ndarray | None = None,
) -> pd.DataFrame:
    """Each context with its theme.

    Args:
        contexts: Contexts sorted by context_id.
        topics: Theme of each context.
        probabilities: Theme probability of each context in [0, 1].
        codes: Code of each theme_id (sub-themes included).
        sub_ids: Codebook theme_id of each context's sub-theme (-1: none), or None.

    Returns:
        The coded_contexts table: context_id, doc_id, seg_id, speaker, terms, hit_ids,
        theme_id, code, probability, char_start, char_end, text, sub_theme_id, sub_code.
    """
    sub_ids = np.full(len(contexts), -1) if sub_ids is None else np.asarray(sub_ids, dtype=int)
    coded = contexts.assign(
        theme_id=np.asarray(topics, dtype=int),
        code=[codes[t] for t in np.asarray(topics).tolist()],
        probability=np.asarray(probabilities, dtype=float),
        sub_theme_id=sub_ids,
        sub_code=[codes.get(s, "") if s >= 0 else "" for s in sub_ids.tolist()],
    )
    return coded[columns("coded_contexts")].reset_index(drop=True)


def term_theme_matrix(
    contexts: pd.DataFrame, topics: np.ndarray, codes: dict[int, str], *, terms: list[str]
) -> pd.DataFrame:
    """Contexts per focal term and theme.

    Args:
        contexts: Contexts sorted by context_id.
        topics: Theme of each context.
        codes: Code of each theme_id.
        terms: Focal terms, in params order.

    Returns:
        One row per focal term: the column `term`, then one count column per theme code
        in theme_id order (outliers last).
    """
    theme_ids = sorted(codes, key=lambda t: (t == -1, t))
    if len(contexts) == 0:
        return pd.DataFrame({"term": terms})
    counts = _term_counts(contexts, topics, terms).T.reindex(columns=theme_ids, fill_value=0)
    counts.columns = [codes[t] for t in theme_ids]
    return counts.rename_axis(None, axis=1).reset_index(names="term")
