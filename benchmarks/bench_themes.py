"""Labelled benchmark of the themes stage: real records by debate and agenda item, and scale.

For each set, embedding backend and size it fits `fit_themes` with the default params and
prints: NMI and ARI against the labels, the number of top-level themes and sub-themes, the
largest theme's share, the outlier share, stability (the ARI between fits with seeds 42, 7
and 13, and between fits on two 80% subsamples of the segments, on the contexts both hold),
NPMI, the time of the first fit, of a rerun on the embedding cache, and peak RSS. The sets
are described in `themes_sets` (Tweede Kamer debates: term contexts and turns, labelled by
debate; Den Haag minutes: term contexts labelled by agenda item; synthetic UD contexts).

The real sets need the ingest and annotate outputs of copies of the files (DVC-style,
nothing of the real data enters the repository):

    mkdir -p /tmp/real/in_tk /tmp/real/in_dh && cp ../shared/data/real/tk_handelingen_2018/\
h-tk-20172018-70-{9,10,11,12}.xml /tmp/real/in_tk && cp ../shared/data/real/\
denhaag_gemeenteraad/notulen/*.pdf /tmp/real/in_dh
    kruispunt ingest /tmp/real/in_tk /tmp/real/tk && kruispunt annotate /tmp/real/tk
    kruispunt ingest /tmp/real/in_dh /tmp/real/dh && kruispunt annotate /tmp/real/dh

Usage: .venv/bin/python benchmarks/bench_themes.py --prepared /tmp/real \
    [--sets tk-terms tk-turns dh-terms synthetic] [--sizes 30 100 300 1000 3000 20000] \
    [--backends auto tfidf-svd e5] [--max-e5 1000] [--out benchmarks/results/bench_themes.json]
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import numpy as np
import psutil
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from real_data import write_results  # noqa: E402
from themes_sets import build_tables, real_set  # noqa: E402

from pipeline.params import ThemesParams  # noqa: E402
from pipeline.stopwords import dutch_stop_words  # noqa: E402
from pipeline.themes import fit_themes  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "bench_themes.json"
TURN_SENTENCES = 1000  # a whole turn is one context


class PeakRSS:
    """Sample this process's resident memory in a thread; `peak` is the maximum seen."""

    def __enter__(self) -> PeakRSS:
        self.process = psutil.Process()
        self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def load(name: str, size: int | None, prepared: Path):
    """documents, tokens, hits, label per seg_id, terms and context_sentences of a set."""
    if name == "synthetic":
        documents, tokens, hits = build_tables(size)
        labels = hits.set_index("seg_id")["doc_id"]
        terms = [t for t, _ in Counter(hits["term"]).most_common(7)]
        return documents, tokens, hits, labels, terms, 3
    folder = prepared / name.split("-")[0]
    documents, tokens, hits, labels, terms = real_set(folder, name)
    return documents, tokens, hits, labels, terms, TURN_SENTENCES if "turns" in name else None


def fit(data, *, backend: str, seed: int, cache: Path, keep=None):
    """One fit; `keep` restricts the hits to a set of seg_ids."""
    documents, tokens, hits, _, terms, sentences = data
    if keep is not None:
        hits = hits[hits["seg_id"].isin(keep)].reset_index(drop=True)
    params = ThemesParams(embedding=backend, seed=seed)
    if sentences is not None:  # the default, except for whole turns and the synthetic set
        params.context_sentences = sentences
    return fit_themes(hits, tokens, documents, params=params, terms=terms,
                      stop_words=dutch_stop_words(), embedding_cache=cache, threads=2)  # fmt: skip


def codes(result) -> dict[str, int]:
    """Top-level theme of each context_id."""
    cc = result.coded_contexts
    return dict(zip(cc["context_id"], cc["theme_id"], strict=True))


def ari(a: dict, b: dict) -> float:
    """ARI of two codings on the contexts both hold."""
    common = sorted(set(a) & set(b))
    return round(adjusted_rand_score([a[c] for c in common], [b[c] for c in common]), 4)


def measure(name: str, backend: str, size: int | None, args) -> dict:
    """Every figure of one (set, backend, size)."""
    data = load(name, size, args.prepared)
    labels = data[3]
    start = time.perf_counter()
    with PeakRSS() as memory:
        main = fit(data, backend=backend, seed=42, cache=args.cache)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    fit(data, backend=backend, seed=42, cache=args.cache)
    cached = time.perf_counter() - start
    m, cc = main.metrics, main.coded_contexts
    truth = cc["seg_id"].map(labels).astype(str)
    base = codes(main)
    seeds = [ari(base, codes(fit(data, backend=backend, seed=s, cache=args.cache)))
             for s in (7, 13)]  # fmt: skip
    segs = sorted(set(data[2]["seg_id"]))
    halves = []
    for draw in (1, 2):
        rng = np.random.default_rng(draw)
        keep = set(rng.choice(segs, size=int(0.8 * len(segs)), replace=False).tolist())
        halves.append(codes(fit(data, backend=backend, seed=42, cache=args.cache, keep=keep)))
    return {
        "set": name, "backend": backend, "embedding_used": m["embedding"],
        "n_contexts": m["n_contexts"], "n_labels": int(truth.nunique()),
        "nmi": round(normalized_mutual_info_score(truth, cc["theme_id"]), 4),
        "ari": round(adjusted_rand_score(truth, cc["theme_id"]), 4),
        "n_themes": m["n_themes"], "n_sub_themes": m["n_sub_themes"],
        "largest_share": m["largest_share"], "outlier_share": m["outlier_share"],
        "n_duplicates": m["n_duplicates"], "regime": m["regime"],
        "stability_seed_ari": min(seeds), "stability_subsample_ari": ari(*halves),
        "npmi": m["npmi_coherence"], "silhouette": m["silhouette"],
        "seconds": round(seconds, 2), "seconds_cached_rerun": round(cached, 2),
        "peak_rss_gb": round(memory.peak / 1e9, 3),
        "labels": main.themes.loc[main.themes["level"] == 1, "label"].head(25).tolist(),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prepared", type=Path, default=Path("/tmp/real"))
    parser.add_argument("--sets", nargs="+", default=["tk-terms", "tk-turns", "dh-terms"])
    parser.add_argument("--sizes", nargs="+", type=int, default=[30, 100, 300, 1000, 20000])
    parser.add_argument("--backends", nargs="+", default=["auto", "tfidf-svd", "e5"])
    parser.add_argument("--max-e5", type=int, default=1000, help="largest synthetic e5 size")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/kruispunt-bench-cache"))
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)

    rows = []
    for name in args.sets:
        sizes = args.sizes if name == "synthetic" else [None]
        for size in sizes:
            for backend in args.backends:
                if name == "synthetic" and backend == "e5" and size > args.max_e5:
                    continue
                row = measure(name, backend, size, args)
                rows.append(row)
                print({k: v for k, v in row.items() if k != "labels"}, flush=True)
    write_results(args.out, {"runs": rows, "load_average": list(psutil.getloadavg())})


if __name__ == "__main__":
    main()
