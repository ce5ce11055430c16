"""Score a pipeline on held-out treebank documents: accuracy and words per second."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example
from threadpoolctl import threadpool_limits

# spaCy's score keys, under the names the model card and meta.json use.
SCORE_KEYS = {
    "upos": "pos_acc",
    "morph": "morph_acc",
    "uas": "dep_uas",
    "las": "dep_las",
    "lemma": "lemma_acc",
    "sent_p": "sents_p",
    "sent_r": "sents_r",
    "sent_f": "sents_f",
}
BARS = {
    "upos": 0.93,
    "uas": 0.80,
    "las": 0.72,
    "lemma": 0.93,
    "sent_f": 0.85,
    "words_per_second": 5000.0,
}


def load_gold(nlp: Language, path: str | Path) -> list[Example]:
    """Read gold documents and pair them with raw documents for `nlp.evaluate`."""
    gold = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    return [Example(nlp.make_doc(doc.text), doc) for doc in gold]


def words_per_second(nlp: Language, texts: list[str], *, repeats: int = 2) -> float:
    """Throughput of `nlp.pipe` on one core (BLAS threads limited to one), best of `repeats`."""
    n_words = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    best = 0.0
    with threadpool_limits(limits=1):
        for _ in range(repeats):
            start = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=64):
                pass
            best = max(best, n_words / (time.perf_counter() - start))
    return best


def score_pipeline(nlp: Language, examples: list[Example]) -> dict[str, float]:
    """Accuracy and speed of a pipeline on gold examples.

    Args:
        nlp: The pipeline to score.
        examples: Gold examples (`load_gold`).

    Returns:
        upos, morph, uas, las, lemma, sent_p, sent_r, sent_f (fractions, 4 decimals),
        words_per_second (one core) and n_words.
    """
    with threadpool_limits(limits=1):
        raw = nlp.evaluate(examples)
    scores = {name: round(float(raw.get(key) or 0.0), 4) for name, key in SCORE_KEYS.items()}
    texts = [eg.reference.text for eg in examples]
    scores["words_per_second"] = round(words_per_second(nlp, texts))
    scores["n_words"] = sum(len(eg.reference) for eg in examples)
    return scores


def failed_bars(scores: dict[str, float]) -> dict[str, tuple[float, float]]:
    """The acceptance bars a score set misses, as `{name: (score, bar)}`."""
    return {k: (scores.get(k, 0.0), bar) for k, bar in BARS.items() if scores.get(k, 0.0) < bar}
