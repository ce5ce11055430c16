"""The annotate stage: every segment through the Dutch spaCy pipeline, one row per token.

Documents are streamed: each parsed segment is turned into rows at once and then dropped,
so memory holds the token table, not the parsed documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

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


def _sentence_numbers(doc: Doc) -> np.ndarray:
    """Sentence number of every token (all 0 when the pipeline sets no boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return np.zeros(len(doc), dtype=np.int64)
    starts = np.array([tok.is_sent_start is True for tok in doc], dtype=np.int64)
    if len(doc):
        starts[0] = 1
    return np.cumsum(starts) - 1


def _token_rows(doc: Doc, seg_id: str, doc_id: str, offset: int, stops: frozenset) -> dict:
    """Columns of one segment's tokens, whitespace tokens dropped."""
    kept = [tok for tok in doc if not tok.is_space]
    position = {tok.i: n for n, tok in enumerate(kept)}
    sent_numbers = _sentence_numbers(doc)
    # Sentences made only of whitespace would leave gaps; renumber the kept ones densely.
    sent_idx = pd.factorize(sent_numbers[[tok.i for tok in kept]])[0] if kept else []
    upos = [tok.pos_ for tok in kept]
    return {
        "seg_id": [seg_id] * len(kept),
        "doc_id": [doc_id] * len(kept),
        "sent_idx": list(sent_idx),
        "tok_idx": list(range(len(kept))),
        "text": [tok.text for tok in kept],
        "lemma": [clean_lemma(t.lemma_, t.text, p) for t, p in zip(kept, upos, strict=True)],
        "upos": upos,
        "tag": [tok.tag_ for tok in kept],
        "morph": [str(tok.morph) for tok in kept],
        "dep": [tok.dep_ for tok in kept],
        # A head lost with a dropped whitespace token falls back to the token itself.
        "head_idx": [position.get(tok.head.i, n) for n, tok in enumerate(kept)],
        "is_stop": [tok.lower_ in stops for tok in kept],
        "is_punct": [tok.is_punct or p == "PUNCT" for tok, p in zip(kept, upos, strict=True)],
        "char_start": [offset + tok.idx for tok in kept],
        "char_end": [offset + tok.idx + len(tok.text) for tok in kept],
        "ent_type": [tok.ent_type_ for tok in kept],
    }


def iter_token_columns(
    segments: pd.DataFrame, nlp: Language, *, params: AnnotateParams
) -> Iterator[dict]:
    """Parse the segments with `nlp.pipe` and yield the token columns of each in turn.

    Args:
        segments: Table following the segments contract.
        nlp: A loaded spaCy pipeline.
        params: Batch size, worker processes and extra stop words.

    Yields:
        One dict of equal-length column lists per segment (the tokens contract's columns).
    """
    stops = dutch_stop_words(params.extra_stop_words)
    contexts: Iterable = zip(
        segments["seg_id"], segments["doc_id"], segments["char_start"], strict=True
    )
    parsed = nlp.pipe(
        zip(segments["text"], contexts, strict=True),
        as_tuples=True,
        batch_size=params.batch_size,
        n_process=params.n_process,
    )
    for doc, (seg_id, doc_id, char_start) in parsed:
        yield _token_rows(doc, str(seg_id), str(doc_id), int(char_start), stops)


def annotate_segments(
    segments: pd.DataFrame, nlp: Language, *, params: AnnotateParams
) -> pd.DataFrame:
    """Annotate every segment: tokens with lemma, part of speech, morphology and syntax.

    Args:
        segments: Table following the segments contract.
        nlp: A loaded spaCy pipeline (see `pipeline.nlp.load_pipeline`).
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
