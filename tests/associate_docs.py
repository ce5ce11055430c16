"""Hand-built spaCy Docs turned into tokens and segments tables, for the associate tests.

A turn is written like CoNLL-U, one token per line: `text lemma UPOS head dep`, with `head`
counted from 1 within the sentence (0 for the root). A blank line starts a new sentence. A
token written with a trailing `~` has no space after it (burger~ -~ initiatief). Punctuation
gets no space before it. `lemma` and `dep` may be `_` for "same as text" and `dep`.
"""

from __future__ import annotations

import pandas as pd
import spacy
from spacy.tokens import Doc

from pipeline.schemas import columns
from pipeline.stopwords import dutch_stop_words
from pipeline.tables import validate

VOCAB = spacy.blank("nl").vocab
STOP = dutch_stop_words()
NO_SPACE_BEFORE = {".", ",", ";", ":", "?", "!", ")"}


def make_doc(spec: str) -> tuple[Doc, list[int]]:
    """Build a parsed Doc from the compact spec; also return each token's sentence index."""
    words, lemmas, pos, heads, deps, sents, glued = [], [], [], [], [], [], []
    sent, offset = 0, 0
    for block in spec.strip().split("\n\n"):
        lines = [line.split() for line in block.strip().splitlines() if line.strip()]
        for text, lemma, upos, head, dep in lines:
            glued.append(text.endswith("~"))
            text = text.rstrip("~")
            # a root points at itself, as in spaCy
            heads.append(offset + int(head) - 1 if int(head) else len(words))
            words.append(text)
            lemmas.append(text.lower() if lemma == "_" else lemma)
            pos.append(upos)
            deps.append("ROOT" if dep == "root" else dep)
            sents.append(sent)
        offset, sent = len(words), sent + 1
    spaces = [
        not glued[i] and (i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE)
        for i in range(len(words))
    ]
    doc = Doc(VOCAB, words=words, spaces=spaces, lemmas=lemmas, pos=pos, heads=heads, deps=deps)
    return doc, sents


def corpus(turns: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Turn (doc_id, speaker, spec) or (doc_id, speaker, spec, section) turns into tables.

    Turns of one document are joined with a blank line between them, so offsets count in
    the document text as the contracts require. The tables are validated.
    """
    token_rows, seg_rows, offsets, counts = [], [], {}, {}
    for doc_id, speaker, spec, *section in turns:
        doc, sents = make_doc(spec)
        start = offsets.get(doc_id, 0)
        seg_idx = counts.get(doc_id, 0)
        seg_id = f"{doc_id}#{seg_idx:04d}"
        seg_rows.append(
            {
                "seg_id": seg_id,
                "doc_id": doc_id,
                "seg_idx": seg_idx,
                "speaker": speaker,
                "section": section[0] if section else None,
                "char_start": start,
                "char_end": start + len(doc.text),
                "text": doc.text,
            }
        )
        for tok in doc:
            token_rows.append(
                {
                    "seg_id": seg_id,
                    "doc_id": doc_id,
                    "sent_idx": sents[tok.i],
                    "tok_idx": tok.i,
                    "text": tok.text,
                    "lemma": tok.lemma_,
                    "upos": tok.pos_,
                    "dep": tok.dep_,
                    "head_idx": tok.head.i,
                    "is_stop": tok.lower_ in STOP,
                    "is_punct": tok.is_punct,
                    "char_start": start + tok.idx,
                    "char_end": start + tok.idx + len(tok.text),
                }
            )
        offsets[doc_id] = start + len(doc.text) + 2
        counts[doc_id] = seg_idx + 1
    tokens = pd.DataFrame(token_rows).assign(tag="", morph="", ent_type="")
    segments = pd.DataFrame(seg_rows).assign(start_s=None, end_s=None)
    tokens, segments = tokens[columns("tokens")], segments[columns("segments")]
    return validate(tokens, "tokens"), validate(segments, "segments")


def plain(text: str, **lemmas: str) -> str:
    """A spec for text without a parse: every token its own root, upos X unless punctuation.

    Tokens are separated by spaces; `~` glues a token to the next. Keyword arguments give
    lemmas that differ from the lower-cased text.
    """
    lines = []
    for word in text.split():
        bare = word.rstrip("~")
        upos = "PUNCT" if not any(ch.isalnum() for ch in bare) else "X"
        lines.append(f"{word} {lemmas.get(bare, '_')} {upos} 0 root")
    return "\n".join(lines)


def tagged(text: str) -> str:
    """A spec from `word/UPOS` or `word/lemma/UPOS` items, without a parse.

    A blank-line break between sentences is written as ` | `.
    """
    blocks = []
    for sentence in text.split(" | "):
        lines = []
        for item in sentence.split():
            parts = item.split("/")
            word, lemma, upos = (parts[0], "_", parts[1]) if len(parts) == 2 else parts
            lines.append(f"{word} {lemma} {upos} 0 root")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
