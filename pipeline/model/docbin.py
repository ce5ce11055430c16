"""Turn word tables into spaCy training documents.

Sentences are grouped several to a document, as spaCy's own CoNLL-U converter does, so the
sentence recogniser and the parser learn where sentences end.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab


def _doc(vocab: Vocab, words: pd.DataFrame) -> Doc:
    sent_ids = words["file"] + "\t" + words["sent_id"]
    starts = (sent_ids != sent_ids.shift()).to_numpy()
    offsets = pd.Series(range(len(words)), index=words.index)[starts]
    base = offsets.reindex(words.index).ffill().astype(int).to_numpy()
    # An empty relation marks an unannotated attachment: spaCy's parser skips it in training.
    missing = (words["deprel"] == "").to_numpy()
    heads = [
        None if gap else int(b + h) if h >= 0 else int(b + w)
        for b, h, w, gap in zip(base, words["head"], words["word_idx"], missing, strict=True)
    ]
    deps = [None if gap else dep for dep, gap in zip(words["deprel"], missing, strict=True)]
    return Doc(
        vocab,
        words=list(words["form"]),
        spaces=[bool(s) for s in words["space_after"]],
        lemmas=list(words["lemma"]),
        pos=list(words["upos"]),
        tags=list(words["xpos"]),
        morphs=list(words["feats"]),
        heads=heads,
        deps=deps,
        sent_starts=[bool(s) for s in starts],
    )


def to_docs(words: pd.DataFrame, vocab: Vocab, *, sents_per_doc: int = 10) -> list[Doc]:
    """Build annotated spaCy documents from a word table.

    Args:
        words: Word table (`read_conllu`), sentences in order.
        vocab: Vocabulary of the documents.
        sents_per_doc: Consecutive sentences of one file put into each document.

    Returns:
        Documents with words, spaces, lemmas, UPOS, tags, morphology, heads, relations and
        sentence starts set from the treebank; a word with an empty relation gets a missing
        head and relation.
    """
    sent_ids = words["file"] + "\t" + words["sent_id"]
    sent_no = (sent_ids != sent_ids.shift()).cumsum() - 1
    file_change = (words["file"] != words["file"].shift()).cumsum()
    group = file_change.astype(str) + ":" + (sent_no // sents_per_doc).astype(str)
    return [_doc(vocab, part) for _, part in words.groupby(group, sort=False)]


def write_docbin(words: pd.DataFrame, path: str | Path, *, sents_per_doc: int = 10) -> int:
    """Write a word table as a `.spacy` DocBin file.

    Args:
        words: Word table (`read_conllu`).
        path: Output file.
        sents_per_doc: Sentences per document.

    Returns:
        The number of documents written.
    """
    docs = to_docs(words, Vocab(), sents_per_doc=sents_per_doc)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return len(docs)
