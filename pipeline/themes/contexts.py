"""Term contexts: the units that the themes stage clusters.

A context is the sentence of a term hit plus `context_sentences` sentences on either side,
within the same segment (speaker turn). Windows that share a sentence merge into one
context, so a turn that names a term three times is one unit, not three near-copies that
would pull a theme towards a single speaker.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import pandas as pd

from pipeline.schemas import columns

CONTENT_UPOS = ("NOUN", "PROPN", "ADJ", "VERB")
# `lemmas` joins the content lemmas with spaces, so a lemma is a token ("co-creatie").
TOKEN_PATTERN = r"\S+"
# A lemma needs a letter: bullets (`▪`), numbers and dashes are never content.
HAS_LETTER = re.compile(r"[^\W\d_]")
# The fewest lemmas for a recurring sentence to count as boilerplate ("Aan de orde is").
BOILERPLATE_MIN_LEMMAS = 3


def drop_boilerplate(
    sentences: dict[tuple[str, int], tuple[int, int, str]], *, min_segments: int
) -> dict[tuple[str, int], tuple[int, int, str]]:
    """Blank the lemmas of sentences that recur in `min_segments` segments or more.

    Motion preambles, agenda formulas and procedural lines repeat word for word; their
    lemmas would make every context that holds them alike, and head the keyword lists.
    The sentence keeps its offsets, so quotes still show it.

    Args:
        sentences: (char_start, char_end, lemmas) per (seg_id, sent_idx).
        min_segments: Distinct segments a lemma sequence must occur in (0: keep all).

    Returns:
        The same mapping, with the lemmas of recurring sentences set to "".
    """
    if min_segments <= 0:
        return sentences
    segments: dict[str, set[str]] = defaultdict(set)
    for (seg, _), (_, _, lemmas) in sentences.items():
        if len(lemmas.split()) >= BOILERPLATE_MIN_LEMMAS:
            segments[lemmas.lower()].add(seg)
    recurring = {lemmas for lemmas, segs in segments.items() if len(segs) >= min_segments}
    return {
        key: (a, b, "" if lemmas.lower() in recurring else lemmas)
        for key, (a, b, lemmas) in sentences.items()
    }


def _windows(hits: pd.DataFrame, n_sents: pd.Series, k: int) -> pd.DataFrame:
    """Merge the sentence windows of the hits of each segment.

    Args:
        hits: Term hits with seg_id, sent_idx, tok_start, hit_id and term.
        n_sents: Number of sentences per seg_id.
        k: Sentences on either side of the hit's sentence.

    Returns:
        One row per merged window: seg_id, sent_start, sent_end, hit_ids (list), terms
        (list), ordered by seg_id and sent_start.
    """
    hits = hits.assign(
        lo=(hits["sent_idx"] - k).clip(lower=0),
        hi=(hits["sent_idx"] + k + 1).clip(upper=hits["seg_id"].map(n_sents)),
    ).sort_values(["seg_id", "lo", "tok_start", "hit_id"], kind="stable")
    rows: list[dict] = []
    current: dict | None = None
    for seg_id, lo, hi, hit_id, term in hits[["seg_id", "lo", "hi", "hit_id", "term"]].itertuples(
        index=False
    ):
        # Windows merge only when they share a sentence; touching windows stay apart.
        if current is not None and current["seg_id"] == seg_id and lo < current["sent_end"]:
            current["sent_end"] = max(current["sent_end"], hi)
            current["hit_ids"].append(hit_id)
            current["terms"].append(term)
            continue
        current = {
            "seg_id": seg_id,
            "sent_start": int(lo),
            "sent_end": int(hi),
            "hit_ids": [hit_id],
            "terms": [term],
        }
        rows.append(current)
    return pd.DataFrame(
        rows, columns=["seg_id", "sent_start", "sent_end", "hit_ids", "terms"]
    ).astype({"sent_start": "int64", "sent_end": "int64"})


def _sentences(
    tokens: pd.DataFrame, hits: pd.DataFrame, *, stop_words: frozenset[str], exclude_terms: bool
) -> dict[tuple[str, int], tuple[int, int, str]]:
    """Offsets and content lemmas of every sentence in the segments that hold a hit.

    Returns:
        (char_start, char_end, lemmas) per (seg_id, sent_idx), where lemmas are the
        space-joined content lemmas in token order.
    """
    tokens = tokens[tokens["seg_id"].isin(set(hits["seg_id"]))]
    tokens = tokens.sort_values(["seg_id", "tok_idx"], kind="stable")
    lemma = tokens["lemma"].astype(str).str.strip()
    keep = (
        tokens["upos"].isin(CONTENT_UPOS)
        & ~tokens["is_stop"].astype(bool)
        & ~tokens["is_punct"].astype(bool)
        & lemma.str.contains(HAS_LETTER)
        & ~lemma.str.lower().isin(stop_words)
    )
    if exclude_terms:
        # The focal term is in every context by construction, so it says nothing about
        # which theme a context belongs to; leaving it in would group contexts by term.
        width = (hits["tok_end"] - hits["tok_start"]).clip(lower=1).to_numpy()
        hit_seg = np.repeat(hits["seg_id"].to_numpy(dtype=object), width)
        hit_tok = np.concatenate(
            [np.arange(a, a + w) for a, w in zip(hits["tok_start"].to_numpy(), width, strict=True)]
        )
        hit_index = pd.MultiIndex.from_arrays([hit_seg, hit_tok])
        in_hit = pd.MultiIndex.from_arrays(
            [tokens["seg_id"].to_numpy(dtype=object), tokens["tok_idx"].to_numpy()]
        ).isin(hit_index)
        keep &= ~in_hit
    if tokens.empty:
        return {}
    # Tokens are sorted by segment and position, so each sentence is one run of rows.
    seg = tokens["seg_id"].to_numpy(dtype=object)
    sent = tokens["sent_idx"].to_numpy(dtype=np.int64)
    new_run = np.ones(len(tokens), dtype=bool)
    new_run[1:] = (seg[1:] != seg[:-1]) | (sent[1:] != sent[:-1])
    starts = np.flatnonzero(new_run)
    char_start = np.minimum.reduceat(tokens["char_start"].to_numpy(dtype=np.int64), starts)
    char_end = np.maximum.reduceat(tokens["char_end"].to_numpy(dtype=np.int64), starts)
    run_of_token = np.cumsum(new_run) - 1
    words: list[list[str]] = [[] for _ in starts]
    keep_mask = keep.to_numpy(dtype=bool)
    for run, word in zip(run_of_token[keep_mask].tolist(), lemma[keep_mask].tolist(), strict=True):
        words[run].append(word)
    return {
        (seg[i], int(sent[i])): (int(a), int(b), " ".join(w))
        for i, a, b, w in zip(starts.tolist(), char_start, char_end, words, strict=True)
    }


def build_contexts(
    term_hits: pd.DataFrame,
    tokens: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    context_sentences: int = 1,
    stop_words: Iterable[str] = (),
    exclude_terms: bool = True,
    boilerplate_min_segments: int = 0,
) -> pd.DataFrame:
    """Build the term contexts from the hits, the tokens and the document texts.

    Args:
        term_hits: The term_hits table.
        tokens: The tokens table (at least the segments of the hits).
        documents: The documents table; its `text` gives the quotes.
        context_sentences: Sentences on either side of the hit's sentence.
        stop_words: Lemmas left out of `lemmas` (compared lower-cased).
        exclude_terms: Leave the tokens of the hits themselves out of `lemmas`.
        boilerplate_min_segments: Leave sentences whose lemmas recur in this many segments
            out of `lemmas` (0: keep all; see `drop_boilerplate`).

    Returns:
        The contexts table, sorted by context_id, with columns context_id, doc_id, seg_id,
        speaker, section, terms, hit_ids, sent_start, sent_end, char_start, char_end, text
        and lemmas (see `pipeline.schemas.CONTEXTS`).
    """
    if term_hits.empty:
        return _no_contexts()
    stop = frozenset(w.lower() for w in stop_words)
    hits = term_hits.copy()

    # Sentences of each segment, with their offsets and content lemmas
    sentences = _sentences(tokens, hits, stop_words=stop, exclude_terms=exclude_terms)
    sentences = drop_boilerplate(sentences, min_segments=boilerplate_min_segments)
    n_sents = pd.Series(dict(sentences)).index.to_frame().groupby(0)[1].max() + 1
    hits = hits[hits["seg_id"].isin(n_sents.index)]
    if hits.empty:
        return _no_contexts()

    # One window per hit, merged where windows share a sentence
    windows = _windows(hits, n_sents, context_sentences)
    windows[["char_start", "char_end", "lemmas"]] = _spans(windows, sentences)

    # Segment attributes and the quote text from documents.text
    per_seg = hits.drop_duplicates("seg_id").set_index("seg_id")[["doc_id", "speaker", "section"]]
    windows = windows.join(per_seg, on="seg_id")
    windows["text"] = _quote_texts(windows, documents)
    return _as_contexts(windows)


def _no_contexts() -> pd.DataFrame:
    """An empty contexts table."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns("contexts")})


def _spans(windows: pd.DataFrame, sentences: dict) -> pd.DataFrame:
    """Offsets and lemmas of each window, from its sentences (see `_sentences`).

    Returns:
        char_start, char_end and lemmas per window, on the windows' index.
    """
    spans = []
    for seg, lo, hi in zip(
        windows["seg_id"], windows["sent_start"], windows["sent_end"], strict=True
    ):
        parts = [sentences[(seg, i)] for i in range(lo, hi) if (seg, i) in sentences]
        spans.append(
            (
                min(p[0] for p in parts),
                max(p[1] for p in parts),
                " ".join(p[2] for p in parts if p[2]),
            )
        )
    return pd.DataFrame(spans, index=windows.index)


def _quote_texts(windows: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """The text of each window: its span of `documents.text`."""
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    return [
        str(texts.get(doc, ""))[int(a) : int(b)]
        for doc, a, b in zip(
            windows["doc_id"], windows["char_start"], windows["char_end"], strict=True
        )
    ]


def _as_contexts(windows: pd.DataFrame) -> pd.DataFrame:
    """The contexts table from the finished windows: keys, joined lists, sorted."""
    windows["context_id"] = windows["seg_id"] + "@" + windows["sent_start"].astype(str)
    windows["hit_ids"] = windows["hit_ids"].map(";".join)
    windows["terms"] = windows["terms"].map(lambda ts: ";".join(sorted(set(ts))))
    contexts = windows[columns("contexts")].sort_values("context_id", kind="stable")
    return contexts.astype({"char_start": "int64", "char_end": "int64"}).reset_index(drop=True)
