"""Run a spaCy pipeline over a UD Dutch CoNLL-U file with its gold tokens; read the lemmas.

Shared by `bench_lemmas.py`. Multiword-token ranges and empty nodes are skipped, so the
words are the syntactic words of the treebank; the pipeline gets them as given (no
tokenizer), so its lemmas line up with the gold ones.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from spacy.tokens import Doc


def read_conllu(path: Path) -> list[list[tuple[str, str, str]]]:
    """The sentences of a CoNLL-U file as lists of (form, lemma, upos)."""
    sentences, current = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                current.append((cols[1], cols[2], cols[3]))
    if current:
        sentences.append(current)
    return sentences


def predicted_lemmas(nlp, sentences: list[list[tuple[str, str, str]]]) -> pd.DataFrame:
    """One row per word: `text`, `gold` (lemma), `gold_upos`, `lemma` and `upos` predicted."""
    from pipeline.annotate.tokens import clean_lemma

    rows = []
    docs = (Doc(nlp.vocab, words=[w for w, _, _ in sent]) for sent in sentences)
    for sent, doc in zip(sentences, nlp.pipe(docs, batch_size=64), strict=True):
        for (form, gold, gold_upos), tok in zip(sent, doc, strict=True):
            rows.append(
                {
                    "text": form,
                    "gold": gold.replace("_", ""),
                    "gold_upos": gold_upos,
                    "lemma": clean_lemma(tok.lemma_, tok.text, tok.pos_),
                    "upos": tok.pos_,
                    "is_punct": tok.is_punct,
                    "dep": tok.dep_,
                }
            )
    return pd.DataFrame(rows)
