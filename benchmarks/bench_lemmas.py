"""Measure what the lemma steps repair and break: the override table and readable_lemmas.

Two kinds of evidence, each printed per rule of `readable_lemmas` ("old": show the written
word when the lemma is less than 5% as frequent in general Dutch, the rule before issue
18; "new": show it only when the lemma is no real Dutch word,
`pipeline.associate.dutch_words`):

1. **UD Dutch Alpino test** (held out from the bundled model's training): the model runs
   on the gold words; a token is *repaired* when its lemma was wrong and the shown lemma
   equals the gold lemma, *broken* when its lemma was right and the shown one is not.
   Lemma accuracy is also given with and without `pipeline/annotate/lemma_overrides.csv`.
   Lemmas are compared as written, lower-cased; UD's conventions (compounds without linking
   letters, separable verbs with their particle) cost both rules alike.
2. **Real dev texts** (`--tokens`: a tokens.parquet of kruispunt's annotate stage over the
   dev data root): every token whose shown lemma differs from its lemma, scored by the
   hand-judged pairs in benchmarks/gold/lemmas/readable_judgements.csv (`repair`, `break`,
   `neither`); tokens of pairs not judged are counted apart.

Figures go to benchmarks/results/lemmas.json.

Usage: .venv/bin/python benchmarks/bench_lemmas.py --tokens RUN/data/interim/tokens.parquet
       [--ud DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
import pandas as pd
import spacy
from real_data import write_results
from ud_lemmas import predicted_lemmas, read_conllu

from pipeline.annotate.lemma_overrides import fix_lemmas
from pipeline.associate.candidates import readable_lemmas
from pipeline.associate.keyness import general_dutch
from pipeline.associate.vocabulary import Vocabulary

REPO = Path(__file__).resolve().parents[1]
UD = REPO.parent / "shared" / "data" / "ud-dutch"
JUDGED = Path(__file__).resolve().parent / "gold" / "lemmas" / "readable_judgements.csv"
RESULTS = Path(__file__).resolve().parent / "results" / "lemmas.json"
OLD_RATIO = 0.05
_LETTER = re.compile(r"[^\W\d_]")


def shown_old(tokens: pd.DataFrame) -> np.ndarray:
    """The shown lemma under the rule before issue 18 (frequency ratio)."""
    frequency = general_dutch()
    lemma, text = tokens["lemma"].str.lower(), tokens["text"].str.lower()
    slip = [
        lem != txt and frequency.get(lem, 0.0) < OLD_RATIO * frequency.get(txt, 0.0)
        for lem, txt in zip(lemma, text, strict=True)
    ]
    return np.where(slip, text, tokens["lemma"]).astype(object)


def shown_new(tokens: pd.DataFrame) -> np.ndarray:
    """The shown lemma under today's rule (`readable_lemmas`)."""
    vocab = Vocabulary.of(tokens)
    coded = readable_lemmas(vocab, np.ones(len(tokens), dtype=bool))
    return coded.values[coded.codes]


def ud_figures(ud: Path) -> dict:
    """Lemma accuracy and readable_lemmas repairs and breaks on UD Alpino test."""
    nlp = spacy.load(REPO / "models" / "nl_ud_sm")
    words = predicted_lemmas(nlp, read_conllu(ud / "nl_alpino-ud-test.conllu"))
    words = words[~words["is_punct"]].reset_index(drop=True)
    gold = words["gold"].str.lower()
    fixed = fix_lemmas(words)
    figures = {
        "tokens": len(words),
        "lemma_accuracy": round(float((words["lemma"].str.lower() == gold).mean()), 4),
        "lemma_accuracy_with_overrides": round(
            float((fixed["lemma"].str.lower() == gold).mean()), 4
        ),
    }
    right = fixed["lemma"].str.lower() == gold
    for name, rule in (("old", shown_old), ("new", shown_new)):
        shown = pd.Series(rule(fixed)).str.lower()
        changed = shown != fixed["lemma"].str.lower()
        figures[name] = {
            "changed": int(changed.sum()),
            "repaired": int((changed & ~right & (shown == gold)).sum()),
            "broken": int((changed & right).sum()),
        }
    return figures


def real_figures(tokens_path: Path, judged: pd.DataFrame) -> dict:
    """Changed tokens on the real dev texts, scored by the hand-judged pairs."""
    tokens = pd.read_parquet(tokens_path, columns=["text", "lemma", "upos", "dep", "is_punct"])
    tokens = fix_lemmas(tokens[~tokens["is_punct"]].reset_index(drop=True))  # idempotent
    verdict = judged.set_index(["model_lemma", "written"])["verdict"]
    figures = {"tokens": len(tokens)}
    for name, rule in (("old", shown_old), ("new", shown_new)):
        shown = pd.Series(rule(tokens)).str.lower()
        lemma, text = tokens["lemma"].str.lower(), tokens["text"].str.lower()
        changed = shown != lemma
        keys = pd.MultiIndex.from_arrays([lemma[changed], text[changed]])
        counts = verdict.reindex(keys).fillna("not judged").value_counts()
        figures[name] = {"changed": int(changed.sum()), **{k: int(v) for k, v in counts.items()}}
    return figures


def main() -> None:
    """Print and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=Path, help="tokens.parquet of the real dev texts")
    parser.add_argument("--ud", type=Path, default=UD, help="folder of the UD Dutch files")
    parser.add_argument("--out", default=str(RESULTS), help="where the JSON goes")
    args = parser.parse_args()
    figures = {"ud_alpino_test": ud_figures(args.ud)}
    if args.tokens:
        judged = pd.read_csv(JUDGED, keep_default_na=False)
        figures["real_dev_texts"] = real_figures(args.tokens, judged)
    for part, values in figures.items():
        print(f"== {part}")
        for key, value in values.items():
            print(f"   {key:<30} {value}")
    write_results(args.out, figures)


if __name__ == "__main__":
    main()
