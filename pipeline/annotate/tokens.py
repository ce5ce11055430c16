"""The annotate stage: every segment through the Dutch spaCy pipeline, one row per token.

Documents are streamed: each parsed segment is turned into rows at once and then dropped,
so memory holds the token table, not the parsed documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LENGTH,
    LOWER,
    MORPH,
    ORTH,
    POS,
    SENT_START,
    TAG,
)
from spacy.language import Language
from spacy.symbols import PUNCT
from spacy.tokens import Doc

from pipeline.annotate.pieces import batches, piece_bounds, shift_piece
from pipeline.params import AnnotateParams
from pipeline.schemas import columns
from pipeline.stopwords import dutch_stop_words


def clean_lemma(lemma: str, text: str, upos: str) -> str:
    """The lemma users see: lower case except proper nouns, never an underscore.

    Args:
        lemma: The lemma the pipeline gave (may be empty when it has no lemmatizer).
        text: The token text, the fallback lemma.
        upos: Universal part of speech.

    Returns:
        The cleaned lemma; Alpino-style joins such as `aan_sluiten` become `aansluiten`.
    """
    lemma = (lemma or text).replace("_", "")
    return lemma if upos == "PROPN" else lemma.lower()


# Token attributes read in one call per document: numbers, and string-store keys that are
# turned into strings through a per-stream cache. About half the cost of a Token object per
# attribute access.
_NUMBERS = [IDX, HEAD, SENT_START, IS_SPACE, IS_PUNCT, LENGTH]
_KEYS = [ORTH, LOWER, LEMMA, POS, TAG, MORPH, DEP, ENT_TYPE]


class _Strings:
    """String-store keys to strings, cached; key 0 (unset) is the empty string."""

    def __init__(self, doc: Doc):
        self._store = doc.vocab.strings
        self._cache: dict[int, str] = {0: ""}

    def __call__(self, keys: np.ndarray) -> list[str]:
        keys = keys.tolist()
        cache = self._cache
        for key in set(keys).difference(cache):
            cache[key] = self._store[key]
        return list(map(cache.__getitem__, keys))


def _sentence_numbers(sent_start: np.ndarray, has_boundaries: bool) -> np.ndarray:
    """Sentence number of every token (all 0 when the pipeline sets no boundaries)."""
    if not has_boundaries or not len(sent_start):
        return np.zeros(len(sent_start), dtype=np.int64)
    starts = (sent_start == 1).astype(np.int64)
    starts[0] = 1
    return np.cumsum(starts) - 1


def _token_rows(
    doc: Doc, seg_id: str, doc_id: str, offset: int, stops: frozenset, strings: _Strings
) -> dict:
    """Columns of one segment's tokens, whitespace tokens dropped."""
    # Relative heads and unset sentence starts are negative: numbers as int64; string keys
    # are 64-bit hashes and stay uint64.
    numbers = doc.to_array(_NUMBERS).astype(np.int64).reshape(len(doc), len(_NUMBERS))
    keys = doc.to_array(_KEYS).reshape(len(doc), len(_KEYS))
    idx, head, sent_start, is_space, is_punct, length = numbers.T
    orth, lower, lemma, pos, tag, morph, dep, ent = keys.T
    kept = np.flatnonzero(is_space == 0)
    # Positions among the kept tokens; a head lost with a dropped whitespace token falls
    # back to the token itself.
    position = np.full(len(doc), -1, dtype=np.int64)
    position[kept] = np.arange(len(kept))
    heads = position[np.arange(len(doc))[kept] + head[kept]] if len(kept) else kept
    heads = np.where(heads < 0, np.arange(len(kept)), heads)
    # Sentences made only of whitespace would leave gaps; renumber the kept ones densely.
    sent_numbers = _sentence_numbers(sent_start, doc.has_annotation("SENT_START"))
    kept_sents = sent_numbers[kept]
    sent_idx = np.cumsum(np.diff(kept_sents, prepend=kept_sents[:1]) != 0)
    text = strings(orth[kept])
    upos = strings(pos[kept])
    lemmas = strings(lemma[kept])
    morphs = [m if m != "_" else "" for m in strings(morph[kept])]
    starts = offset + idx[kept]
    return {
        "seg_id": [seg_id] * len(kept),
        "doc_id": [doc_id] * len(kept),
        "sent_idx": sent_idx.tolist(),
        "tok_idx": list(range(len(kept))),
        "text": text,
        "lemma": [clean_lemma(m, t, p) for m, t, p in zip(lemmas, text, upos, strict=True)],
        "upos": upos,
        "tag": strings(tag[kept]),
        "morph": morphs,
        "dep": strings(dep[kept]),
        "head_idx": heads.tolist(),
        "is_stop": [t in stops for t in strings(lower[kept])],
        "is_punct": ((is_punct[kept] != 0) | (pos[kept] == PUNCT)).tolist(),
        "char_start": starts.tolist(),
        "char_end": (starts + length[kept]).tolist(),
        "ent_type": strings(ent[kept]),
    }


def iter_token_pieces(
    segments: pd.DataFrame, nlp: Language, *, params: AnnotateParams
) -> Iterator[tuple[dict, bool]]:
    """Parse the segments with `nlp.pipe` and yield the token columns of each piece in turn.

    A segment longer than `params.piece_chars` is parsed in pieces cut at paragraph or
    sentence boundaries (`pipeline.annotate.pieces`); a shorter one is one piece. Pieces
    come one at a time, so a caller need not hold a long segment's tokens as Python lists.

    Args:
        segments: Table following the segments contract.
        nlp: A loaded spaCy pipeline.
        params: Batch size, piece length, worker processes and extra stop words.

    Yields:
        `(columns, last)`: a dict of equal-length column lists (the tokens contract's
        columns) numbered within the segment (`tok_idx`, `head_idx` and `sent_idx` follow
        the segment's earlier pieces), and whether it is the segment's last piece.
    """
    stops = dutch_stop_words(params.extra_stop_words)
    max_chars = min(params.piece_chars, getattr(nlp, "max_length", params.piece_chars))
    texts: Iterable = (
        (text[start:end], (seg_id, doc_id, int(char_start) + start, end == len(text)))
        for text, seg_id, doc_id, char_start in zip(
            segments["text"],
            segments["seg_id"],
            segments["doc_id"],
            segments["char_start"],
            strict=True,
        )
        for start, end in piece_bounds(text, max_chars)
    )
    if params.n_process == 1:
        # Batches bounded by characters too, so long texts never share a batch.
        parsed: Iterable = (
            parsed_doc
            for batch in batches(texts, batch_size=params.batch_size)
            for parsed_doc in nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
        )
    else:
        parsed = nlp.pipe(
            texts, as_tuples=True, batch_size=params.batch_size, n_process=params.n_process
        )
    strings = None
    n_tokens = n_sents = 0
    for doc, (seg_id, doc_id, char_start, last) in parsed:
        strings = strings or _Strings(doc)
        piece = _token_rows(doc, str(seg_id), str(doc_id), char_start, stops, strings)
        piece = shift_piece(piece, n_tokens, n_sents)
        if piece["tok_idx"]:
            n_tokens, n_sents = piece["tok_idx"][-1] + 1, piece["sent_idx"][-1] + 1
        yield piece, last
        if last:
            n_tokens = n_sents = 0


def iter_token_columns(
    segments: pd.DataFrame, nlp: Language, *, params: AnnotateParams
) -> Iterator[dict]:
    """Parse the segments with `nlp.pipe` and yield the token columns of each in turn.

    The pieces of a long segment (`iter_token_pieces`) are joined with exact offsets.

    Args:
        segments: Table following the segments contract.
        nlp: A loaded spaCy pipeline.
        params: Batch size, piece length, worker processes and extra stop words.

    Yields:
        One dict of equal-length column lists per segment (the tokens contract's columns).
    """
    joined = None
    for piece, last in iter_token_pieces(segments, nlp, params=params):
        if joined is None:
            joined = piece
        else:
            for name, values in piece.items():
                joined[name].extend(values)
        if last:
            yield joined
            joined = None


def annotate_segments(
    segments: pd.DataFrame, nlp: Language, *, params: AnnotateParams
) -> pd.DataFrame:
    """Annotate every segment: tokens with lemma, part of speech, morphology and syntax.

    Args:
        segments: Table following the segments contract.
        nlp: A loaded spaCy pipeline (see `pipeline.model.nlp.load_pipeline`).
        params: The annotate section of the params.

    Returns:
        The tokens table: seg_id, doc_id, sent_idx, tok_idx, text, lemma, upos, tag, morph,
        dep, head_idx, is_stop, is_punct, char_start, char_end (offsets in documents.text)
        and ent_type (empty when the pipeline has no NER). Whitespace tokens are dropped and
        tok_idx/head_idx count the kept tokens of a segment.
    """
    names = columns("tokens")
    merged: dict[str, list] = {name: [] for name in names}
    for part in iter_token_columns(segments, nlp, params=params):
        for name in names:
            merged[name].extend(part[name])
    return pd.DataFrame(merged, columns=names).astype(
        {
            "sent_idx": "int64",
            "tok_idx": "int64",
            "head_idx": "int64",
            "char_start": "int64",
            "char_end": "int64",
            "is_stop": "bool",
            "is_punct": "bool",
        }
    )
