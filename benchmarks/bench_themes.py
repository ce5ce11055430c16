"""Benchmark of the themes stage on 20,000 contexts, side by side with an LDA baseline.

The contexts are built from the Dutch UD treebanks in ../shared/data/ud-dutch, with the
gold lemmas and parts of speech of the CoNLL-U files. Sentences are grouped by source
document (news articles, Wikipedia pages) in their original order, and each context is a
run of 2, 3 or 4 consecutive sentences of one document, so contexts share topics the way
the talk around a term does. Each run becomes one segment with one "term hit" (the first
noun of its middle sentence), and `context_sentences` covers the whole segment, so
`fit_themes` sees exactly one context per segment.

Measured, on the same contexts:
- `fit_themes` (default params, tfidf-svd, no embedding cache): wall time, process CPU
  time (the wall time on a machine shared with other jobs overstates what the stage
  needs) and peak RSS (psutil, sampled every 20 ms); targets <= 60 s and <= 4 GB. Numba
  compiles UMAP on first use in a process; a small warm-up fit runs first and is reported
  separately (`--cold` skips it, so the compile lands in the measured fit);
- scikit-learn LatentDirichletAllocation with the same number of topics on the same
  document-term matrix (the themes stage's CountVectorizer): its time, NPMI coherence and
  topic diversity of its top words, computed by the same functions as for the themes.

Usage: .venv/bin/python benchmarks/bench_themes.py [--contexts 20000] [--cold]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.params import ThemesParams  # noqa: E402
from pipeline.schemas import columns  # noqa: E402
from pipeline.stopwords import dutch_stop_words  # noqa: E402
from pipeline.themes import fit_themes  # noqa: E402
from pipeline.themes.metrics import npmi_coherence, topic_diversity  # noqa: E402
from pipeline.themes.topics import representation_vectorizer  # noqa: E402

UD_DIR = ROOT.parent / "shared" / "data" / "ud-dutch"
RESULTS = ROOT / "benchmarks" / "results" / "bench_themes.json"
SPEAKERS = ["Anna", "Bram", "Chaima", "Daan", "Esra", "Fatima"]


def read_documents() -> dict[str, list[list[tuple]]]:
    """Sentences per source document, in document order: lists of (form, lemma, upos, space)."""
    docs: dict[str, list[tuple[tuple[int, int], list[tuple]]]] = defaultdict(list)
    for path in sorted(UD_DIR.glob("*.conllu")):
        sent_id, sent = "", []
        for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
            if line.startswith("# sent_id") or re.match(r"# [\w-]+\.p\.\d+\.s\.\d+", line):
                sent_id = line.split("=", 1)[-1].strip().lstrip("# ").strip()
            elif not line:
                match = re.match(r"(.+?)\.p\.(\d+)\.s\.(\d+)", sent_id.replace("\\", "/"))
                if sent and match:
                    doc = path.stem.split("-")[0] + ":" + match.group(1).split("/")[-1]
                    docs[doc].append(((int(match.group(2)), int(match.group(3))), sent))
                sent = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                sent.append((cols[1], cols[2], cols[3], "SpaceAfter=No" not in cols[9]))
    return {doc: [s for _, s in sorted(items)] for doc, items in sorted(docs.items())}


def lemma_of(lemma: str, upos: str) -> str:
    """The tokens contract: lower-cased except proper nouns, never `_` (UD writes mee_doen)."""
    return (lemma if upos == "PROPN" else lemma.lower()).replace("_", "")


def build_tables(n_contexts: int, *, seed: int = 0):
    """Documents, tokens and term hits with exactly `n_contexts` one-hit segments."""
    rng = random.Random(seed)
    docs = read_documents()
    runs = [
        (doc, sents[i : i + width])
        for width in (3, 2, 4)
        for doc, sents in docs.items()
        for i in range(0, max(1, len(sents) - width + 1))
    ]
    rng.shuffle(runs)
    stop = dutch_stop_words()
    tok_cols: dict[str, list] = {c: [] for c in columns("tokens")}
    hit_rows, texts = [], defaultdict(list)
    lengths: Counter[str] = Counter()
    made = 0
    for source, sentences in runs:
        middle = len(sentences) // 2
        nouns = [i for i, t in enumerate(sentences[middle]) if t[2] == "NOUN"]
        if not nouns:
            continue
        doc_id = f"ud/{source.replace(':', '_')}.txt"
        seg_idx = len(texts[doc_id])
        seg_id = f"{doc_id}#{seg_idx:04d}"
        speaker = SPEAKERS[made % len(SPEAKERS)]
        offset = lengths[doc_id] + (2 if seg_idx else 0)
        text, tok_idx, hit = "", 0, None
        for sent_idx, sentence in enumerate(sentences):
            for i, (form, lemma, upos, space) in enumerate(sentence):
                start = offset + len(text)
                text += form + (" " if space else "")
                values = {
                    "seg_id": seg_id, "doc_id": doc_id, "sent_idx": sent_idx, "tok_idx": tok_idx,
                    "text": form, "lemma": lemma_of(lemma, upos),
                    "upos": upos, "tag": "", "morph": "", "dep": "dep", "head_idx": tok_idx,
                    "is_stop": form.lower() in stop, "is_punct": upos == "PUNCT",
                    "char_start": start, "char_end": start + len(form), "ent_type": None,
                }  # fmt: skip
                for key, value in values.items():
                    tok_cols[key].append(value)
                if sent_idx == middle and i == nouns[0]:
                    hit = (tok_idx, start, form, lemma.lower())
                tok_idx += 1
        text = text.rstrip()
        texts[doc_id].append(text)
        lengths[doc_id] = offset + len(text)
        tok, start, form, term = hit
        hit_rows.append({
            "hit_id": f"{seg_id}:{tok}", "term": term, "matched": form, "doc_id": doc_id,
            "seg_id": seg_id, "sent_idx": middle, "tok_start": tok, "tok_end": tok + 1,
            "char_start": start, "char_end": start + len(form), "speaker": speaker,
            "section": None, "left": "", "right": "", "sentence": "",
        })  # fmt: skip
        made += 1
        if made == n_contexts:
            break
    full = {doc: "\n\n".join(parts) for doc, parts in texts.items()}
    documents = pd.DataFrame({
        "doc_id": list(full), "source_path": list(full), "sha256": ["0" * 64] * len(full),
        "format": ["txt"] * len(full), "title": list(full),
        "n_chars": [len(t) for t in full.values()], "text": list(full.values()),
    })  # fmt: skip
    return documents, pd.DataFrame(tok_cols), pd.DataFrame(hit_rows, columns=columns("term_hits"))


class PeakRSS:
    """Sample this process's resident memory in a thread; `peak` is the maximum seen."""

    def __init__(self, interval: float = 0.02):
        self.interval = interval

    def __enter__(self) -> PeakRSS:
        self.process = psutil.Process()
        self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)


def lda_baseline(docs: list[str], n_topics: int, params: ThemesParams, stop) -> dict:
    """LDA with the themes stage's vectorizer; NPMI and diversity of its top words."""
    from sklearn.decomposition import LatentDirichletAllocation

    vectorizer = representation_vectorizer(stop, ngram_range=params.ngram_range)
    start, cpu = time.perf_counter(), time.process_time()
    counts = vectorizer.fit_transform(docs)
    lda = LatentDirichletAllocation(n_components=n_topics, random_state=params.seed, n_jobs=1)
    lda.fit(counts)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    vocab = vectorizer.get_feature_names_out()
    top = [[vocab[i] for i in np.argsort(-row)[: params.top_keywords]] for row in lda.components_]
    analyzer = vectorizer.build_analyzer()
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "npmi_coherence": round(npmi_coherence(top, docs, analyzer=analyzer), 4),
        "topic_diversity": round(topic_diversity(top), 4),
        "top_words": [" ".join(t[:6]) for t in top],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contexts", type=int, default=20_000)
    parser.add_argument("--cold", action="store_true", help="no warm-up fit before measuring")
    args = parser.parse_args()

    documents, tokens, hits = build_tables(args.contexts)
    terms = [t for t, _ in Counter(hits["term"]).most_common(7)]
    stop = dutch_stop_words()
    params = ThemesParams(context_sentences=3)
    print(f"corpus: {len(hits)} contexts, {len(tokens)} tokens, {len(documents)} documents")

    warmup = None
    if not args.cold:
        small = ThemesParams(context_sentences=3, small_threshold=100)
        start = time.perf_counter()
        fit_themes(hits.iloc[:600], tokens, documents, params=small, terms=terms, stop_words=stop)
        warmup = round(time.perf_counter() - start, 2)
        print(f"warm-up fit (600 contexts, large regime, compiles UMAP): {warmup} s")

    load_before = os.getloadavg()
    cpu_before = psutil.Process().cpu_times()
    with PeakRSS() as memory:
        start = time.perf_counter()
        result = fit_themes(hits, tokens, documents, params=params, terms=terms, stop_words=stop)
        seconds = time.perf_counter() - start
    cpu_after = psutil.Process().cpu_times()
    cpu_seconds = (cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system)
    metrics = result.metrics
    docs = result.contexts["lemmas"].tolist()
    lda = lda_baseline(docs, metrics["n_themes"], params, stop)

    report = {
        "n_contexts": metrics["n_contexts"],
        "n_tokens": len(tokens),
        "cold": args.cold,
        "warmup_seconds": warmup,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "themes": {
            "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu_seconds, 2),
            "peak_rss_gb": round(memory.peak / 1e9, 3),
            "n_themes": metrics["n_themes"],
            "regime": metrics["regime"],
            "outlier_share": metrics["outlier_share"],
            "npmi_coherence": metrics["npmi_coherence"],
            "topic_diversity": metrics["topic_diversity"],
            "labels": result.themes["label"].head(15).tolist(),
        },
        "lda": lda,
        "targets": {"seconds": 60, "peak_rss_gb": 4.0, "coherence_vs_lda": ">= 1"},
    }
    report["ratios"] = {
        "time_themes_over_target": round(seconds / 60, 3),
        "rss_over_target": round(memory.peak / 4e9, 3),
        "cpu_time_themes_over_target": round(cpu_seconds / 60, 3),
        "time_themes_over_lda": round(seconds / lda["seconds"], 3),
        "coherence_themes_minus_lda": round(metrics["npmi_coherence"] - lda["npmi_coherence"], 4),
        "coherence_themes_over_lda": (
            round(metrics["npmi_coherence"] / lda["npmi_coherence"], 3)
            if lda["npmi_coherence"] > 0
            else None
        ),
        "diversity_themes_over_lda": round(metrics["topic_diversity"] / lda["topic_diversity"], 3),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
