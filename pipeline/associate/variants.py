"""Suggested term variants: derivations of a focal term that the lexicon does not match.

Researchers list a term and its inflections; its derivations often carry the same idea
("participeren", "participant" beside participatie; "inburgeraar" beside inburgering).
They are suggested, never matched silently: the researcher decides whether to add them to
`associate.terms.<term>.variants`.

A term's stems are the term without a derivational ending (`SUFFIXES`: -atie, -ing, -heid,
...), at least `MIN_STEM` letters long. A suggestion is a lemma of the corpus (lower-cased)
that starts with a stem, is at least two letters longer, and is no hit of any term.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.associate.terms import Lexicon
from pipeline.associate.vocabulary import Coded

SUFFIXES = ("isatie", "atie", "ering", "ing", "heid", "iteit", "isme", "schap", "ie", "ij")
MIN_STEM = 5
MAX_SUGGESTIONS = 10


def term_stems(term: str) -> list[str]:
    """The stems of a one-word term (an empty list when none is long enough)."""
    term = term.lower()
    return [
        term[: -len(end)]
        for end in SUFFIXES
        if term.endswith(end) and len(term) - len(end) >= MIN_STEM
    ][:1]


def suggest_variants(
    tokens: pd.DataFrame, lemmas: Coded, lexicon: Lexicon, content: np.ndarray
) -> pd.DataFrame:
    """Suggest each term's derivations found in the corpus.

    Args:
        tokens: Tokens in reading order (`seg_id`).
        lemmas: The coded lemmas of `tokens`.
        lexicon: The compiled lexicon.
        content: Per token, whether it may be an associate word (lettered, not a stop word).

    Returns:
        The term_variants table: `term`, `suggestion`, `n` (occurrences), `n_docs` and
        `example_seg_id` (its first segment), all of them (`top_variants` keeps the most
        frequent).
    """
    words = pd.DataFrame(
        {"word": lemmas.lower[lemmas.codes], "seg_id": tokens["seg_id"], "doc_id": tokens["doc_id"]}
    )[content]
    rows = []
    for term in lexicon.terms:
        for stem in term_stems(term) if " " not in term else []:
            found = words[words["word"].str.startswith(stem)]
            found = found[found["word"].str.len() >= len(stem) + 2]
            unmatched = np.array([lexicon.match(w) is None for w in found["word"]], dtype=bool)
            found = found[unmatched]
            summary = found.groupby("word", sort=False).agg(
                n=("seg_id", "size"),
                n_docs=("doc_id", "nunique"),
                example_seg_id=("seg_id", "first"),
            )
            rows += [
                (term, w, *r)
                for w, r in zip(summary.index, summary.to_numpy().tolist(), strict=True)
            ]
    return pd.DataFrame(rows, columns=["term", "suggestion", "n", "n_docs", "example_seg_id"])


def top_variants(table: pd.DataFrame) -> pd.DataFrame:
    """Add up suggestions over chunks; keep the `MAX_SUGGESTIONS` most frequent per term.

    Args:
        table: `suggest_variants` tables of consecutive chunks, concatenated in order.

    Returns:
        The term_variants table, per term (in lexicon order) the most frequent first.
    """
    summed = table.groupby(["term", "suggestion"], sort=False).agg(
        n=("n", "sum"), n_docs=("n_docs", "sum"), example_seg_id=("example_seg_id", "first")
    )
    ordered = summed.reset_index().sort_values("n", ascending=False, kind="stable")
    order = {term: i for i, term in enumerate(pd.unique(table["term"]))}
    ordered = ordered.sort_values("term", key=lambda t: t.map(order), kind="stable")
    return ordered.groupby("term", sort=False).head(MAX_SUGGESTIONS).reset_index(drop=True)
