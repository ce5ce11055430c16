"""Term hits: where the terms of the lexicon occur in a tokens table.

Words are matched as written: hyphen-joined words that the tokenizer split (`burger`, `-`,
`initiatief`) are rejoined into one word, so one hit can span several tokens; slash-joined
words that it kept together (`zelfredzaamheid/samenredzaamheid`) are split, so one token can
hold two hits (the second gets hit id `<seg_id>:<tok_start>/1`). Multiword forms match runs
of tokens inside one segment. Where candidates overlap, the longer span wins, then the
better match (exact before compound), then the term listed first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.associate.terms import EXACT, HYPHENS, SLASH, Lexicon
from pipeline.associate.vocabulary import Coded, Vocabulary


def _glue(tokens: pd.DataFrame, text: Coded) -> np.ndarray:
    """Per token: does it continue the written word of the token before (via a hyphen)?"""
    n = len(tokens)
    glue = np.zeros(n, dtype=bool)
    if n > 1:
        seg = pd.factorize(tokens["seg_id"])[0]
        starts, ends = tokens["char_start"].to_numpy(), tokens["char_end"].to_numpy()
        hy_end = text.per_value(lambda v: v[-1:] in HYPHENS)
        hy_start = text.per_value(lambda v: v[:1] in HYPHENS)
        glue[1:] = (seg[1:] == seg[:-1]) & (starts[1:] == ends[:-1]) & (hy_end[:-1] | hy_start[1:])
    return glue


def _special_words(tokens: pd.DataFrame, vocab: Vocabulary, positions: np.ndarray, glue):
    """Rejoin hyphen-split words and split slash-joined ones, as rows of strings.

    Returns:
        One row per written word with `pos_start`, `pos_end`, `char_start`, `char_end`,
        `text` and `lemma` (lower-cased) and `piece` (k for the k-th slash-separated piece).
    """
    starts, ends = tokens["char_start"].to_numpy(), tokens["char_end"].to_numpy()
    rows, group = [], []
    for pos in positions:
        if group and not glue[pos]:
            rows += _pieces(group, vocab, starts, ends)
            group = []
        group.append(pos)
    if group:
        rows += _pieces(group, vocab, starts, ends)
    return pd.DataFrame(
        rows, columns=["pos_start", "pos_end", "char_start", "char_end", "text", "lemma", "piece"]
    )


def _pieces(group: list[int], vocab: Vocabulary, starts, ends) -> list[tuple]:
    text = "".join(vocab.text.take(np.asarray(group), lower=True))
    lemma = "".join(vocab.lemma.take(np.asarray(group), lower=True))
    first, last = group[0], group[-1] + 1
    pieces = SLASH.split(text)
    lemmas = SLASH.split(lemma)
    lemmas = lemmas if len(lemmas) == len(pieces) else pieces
    rows, offset = [], starts[first]
    for k, (piece, piece_lemma) in enumerate(zip(pieces, lemmas, strict=True)):
        rows.append((first, last, offset, offset + len(piece), piece, piece_lemma, k))
        offset += len(piece) + 1
    if len(rows) == 1:
        rows[0] = (*rows[0][:3], ends[last - 1], *rows[0][4:])
    return rows


def _single_word_hits(tokens: pd.DataFrame, lexicon: Lexicon, vocab: Vocabulary) -> pd.DataFrame:
    """Candidate hits of words written as one token, or rejoined/split as needed."""
    glue = _glue(tokens, vocab.text)
    special = glue | np.append(glue[1:], False)
    special |= vocab.text.per_value(lambda v: SLASH.search(v) is not None)
    plain = np.flatnonzero(~special)
    # look each distinct lemma and surface up once; only pairs where one of them matched
    # go through the full check (the better of the two, unless one is a false friend)
    hopeful = np.zeros(len(tokens), dtype=bool)
    for coded in (vocab.lemma, vocab.text):
        known = np.array([lexicon.lookup(v) is not None for v in coded.lower], dtype=bool)
        hopeful |= known[coded.codes] if len(known) else False
    plain = plain[hopeful[plain]]
    n_text = max(len(vocab.text.values), 1)
    pairs = vocab.lemma.codes[plain] * n_text + vocab.text.codes[plain]
    unique, inverse = np.unique(pairs, return_inverse=True)
    found = [
        lexicon.match(vocab.lemma.lower[p // n_text], vocab.text.lower[p % n_text]) for p in unique
    ]
    matched = np.array([m is not None for m in found], dtype=bool)[inverse]
    where, inverse = plain[matched], inverse[matched]
    words = pd.DataFrame(
        {
            "term": np.array([m[0] if m else None for m in found], dtype=object)[inverse],
            "rank": np.array([m[1] if m else -1 for m in found], dtype=np.int64)[inverse],
            "pos_start": where,
            "pos_end": where + 1,
            "piece": 0,
            "char_start": tokens["char_start"].to_numpy()[where],
            "char_end": tokens["char_end"].to_numpy()[where],
        }
    )
    others = _special_words(tokens, vocab, np.flatnonzero(special), glue)
    if not others.empty:
        found = [
            lexicon.match(lem, txt)
            for lem, txt in zip(others["lemma"], others["text"], strict=True)
        ]
        others["term"] = [m[0] if m else None for m in found]
        others["rank"] = [m[1] if m else -1 for m in found]
        words = pd.concat([words, others[others["term"].notna()][words.columns]])
    return words


def _multiword_hits(tokens: pd.DataFrame, lexicon: Lexicon, vocab: Vocabulary) -> pd.DataFrame:
    """Spans of consecutive tokens in one segment that match a multiword form."""
    seg = pd.factorize(tokens["seg_id"])[0]
    n, found = len(tokens), []
    for term, slots in lexicon.multiword:
        size = len(slots)
        if n < size:
            continue
        ok = np.ones(n - size + 1, dtype=bool)
        for i, forms in enumerate(slots):
            fits = vocab.text.isin(forms, lower=True) | vocab.lemma.isin(forms, lower=True)
            ok &= fits[i : n - size + 1 + i] & (seg[i : n - size + 1 + i] == seg[: n - size + 1])
        found += [(term, EXACT, pos, pos + size, 0) for pos in np.flatnonzero(ok)]
    multi = pd.DataFrame(found, columns=["term", "rank", "pos_start", "pos_end", "piece"])
    multi = multi.astype({"rank": np.int64, "pos_start": np.int64, "pos_end": np.int64})
    multi["char_start"] = tokens["char_start"].to_numpy()[multi["pos_start"].to_numpy()]
    multi["char_end"] = tokens["char_end"].to_numpy()[multi["pos_end"].to_numpy() - 1]
    return multi


def find_term_hits(
    tokens: pd.DataFrame, lexicon: Lexicon, vocab: Vocabulary | None = None
) -> pd.DataFrame:
    """Find the focal-term occurrences in tokens.

    Overlapping candidates are resolved in favour of the longer span, then the better rank
    (exact before head compound before modifier compound), then lexicon order.

    Args:
        tokens: The tokens table in reading order with a default RangeIndex (`pos`).
        lexicon: The compiled lexicon.
        vocab: The coded string columns of `tokens` (built when not given).

    Returns:
        One row per hit with columns `hit_id`, `term`, `match_kind`, `doc_id`, `seg_id`, `sent_idx`,
        `tok_start`, `tok_end`, `char_start`, `char_end`, plus `pos_start` and `pos_end`
        (token positions in `tokens`, end exclusive), in reading order.
    """
    vocab = vocab or Vocabulary.of(tokens)
    single = _single_word_hits(tokens, lexicon, vocab)
    multi = _multiword_hits(tokens, lexicon, vocab)
    cands = pd.concat([single, multi[single.columns]]) if not multi.empty else single
    order = {t: i for i, t in enumerate(lexicon.terms)}
    cands = cands.assign(
        span=cands["char_end"] - cands["char_start"], order=cands["term"].map(order)
    ).sort_values(["pos_start", "char_start", "span", "rank", "order"], ascending=[1, 1, 0, 1, 1])
    return hit_table(_non_overlapping(cands, tokens), tokens)


def _non_overlapping(cands: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    seg = pd.factorize(tokens["seg_id"])[0]
    keep, last_seg, last_end = [], -1, -1
    for i, (pos, start, end) in enumerate(
        zip(cands["pos_start"], cands["char_start"], cands["char_end"], strict=True)
    ):
        if seg[pos] != last_seg or start >= last_end:
            keep.append(i)
            last_seg, last_end = seg[pos], end
    return cands.iloc[keep]


def hit_table(hits: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Turn matched spans (`term`, `rank`, `pos_start`, `pos_end`, `piece`, offsets) into hits."""
    first = tokens.iloc[hits["pos_start"].to_numpy()]
    tok_start = first["tok_idx"].to_numpy()
    tok_end = tokens["tok_idx"].to_numpy()[hits["pos_end"].to_numpy() - 1] + 1
    seg_id = first["seg_id"].to_numpy(dtype=object)
    piece = hits["piece"].to_numpy()
    hit_id = [
        f"{s}:{t}" if k == 0 else f"{s}:{t}/{k}"
        for s, t, k in zip(seg_id, tok_start, piece, strict=True)
    ]
    return pd.DataFrame(
        {
            "hit_id": hit_id,
            "term": hits["term"].to_numpy(dtype=object),
            "match_kind": np.where(hits["rank"].to_numpy() == EXACT, "term", "compound"),
            "doc_id": first["doc_id"].to_numpy(dtype=object),
            "seg_id": seg_id,
            "sent_idx": first["sent_idx"].to_numpy(),
            "tok_start": tok_start,
            "tok_end": tok_end,
            "char_start": hits["char_start"].to_numpy(),
            "char_end": hits["char_end"].to_numpy(),
            "pos_start": hits["pos_start"].to_numpy(),
            "pos_end": hits["pos_end"].to_numpy(),
        }
    )
