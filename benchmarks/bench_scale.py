"""Benchmark `kruispunt run` at scale: time, words/s, peak memory, parallel and incremental.

The corpus is built from the sentences of the UD Dutch treebanks (../shared/data/ud-dutch),
regrouped into transcript-like documents of about `--doc-tokens` tokens (10,000 by default,
the length of a council meeting's minutes, so 1M tokens is a folder of 100 documents) with
`Naam:` speaker labels; one sentence in twenty comes from the example corpus and holds a focal
term, so associate and themes have hits to work on. Larger sizes reuse the treebank
sentences in new orders (the cache keys on document ids, so nothing is reused by accident).

Measured, each with `kruispunt run` in a subprocess (peak RSS summed over the process and
all its children, polled every 0.1 s, so shared pages count more than once):
- every size in `--sizes`: wall time, words/s and peak RSS with `--workers` workers;
- at the largest size: a rerun after adding one document (to a 100-document folder at the
  defaults), as a share of the full run (whole run and annotate stage), then `--pairs`
  fresh runs with 1 worker alternating with fresh runs with `--workers` workers (the full
  run counts as the first), for the speedup of `--workers` workers over 1 (whole run and
  annotate stage, best against best, and per pair). Below a few hundred thousand tokens,
  starting the workers and loading the model in each is a large part of a run, so the
  speedup is measured where it matters;
- the annotate step's throughput as a ratio to raw `nlp.pipe` on the same segments with the
  same model, in this process, interleaved so background load hits both alike;
- the annotate step with 2 warm worker processes against 1, interleaved the same way.

`--in-process-only` runs just the last two and merges them into the existing results.
`--update` makes the rerun after adding one document `kruispunt run --update` (themes
frozen: the saved codebook stays and only the new contexts are coded), and
`--incremental-only` stops after that rerun (no speedup pairs, no in-process figures).

    .venv/bin/python benchmarks/bench_scale.py [--sizes 100000 300000 1000000] [--workers 2]
        [--update] [--incremental-only] [--out benchmarks/results/bench_scale.json]

Prints the figures and writes benchmarks/results/bench_scale.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parents[1]
UD_DIR = ROOT.parent / "shared" / "data" / "ud-dutch"
RESULTS = ROOT / "benchmarks" / "results" / "bench_scale.json"
TERMS = (
    "zelfredza",
    "samenredza",
    "maatwerk",
    "burgerinitiatie",
    "regie",
    "participatie",
    "inburgering",
)
SPEAKERS = [
    "Marloes de Wit",
    "Fatima el Amrani",
    "Jeroen Visser",
    "Annelies Hoekstra",
    "Samira Haddad",
    "Pieter Bakker",
    "Yonas Tesfay",
    "Ingrid Smit",
    "Ahmad Nouri",
    "Wethouder Jansen",
]
TARGETS = {
    "peak_rss_gb_1m": 2.5,
    "incremental_share": 0.10,
    "speedup_2v1": 1.6,
    "annotate_ratio": 0.9,
}


def ud_sentences() -> list[tuple[str, int]]:
    """Every treebank sentence with its number of tokens (multiword ranges not counted)."""
    sentences = []
    for path in sorted(UD_DIR.glob("*.conllu")):
        text, n = None, 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                text, n = line[9:].strip(), 0
            elif line and line[0].isdigit() and re.match(r"^\d+\t", line):
                n += 1
            elif not line and text:
                sentences.append((text, n))
                text = None
    return sentences


def term_sentences() -> list[tuple[str, int]]:
    """Sentences of the example corpus's turns (read by the ingest stage) with a focal term."""
    from pipeline.ingest import ingest_folder

    found = []
    for turn in ingest_folder(ROOT / "data" / "raw").segments["text"]:
        for sentence in re.split(r"(?<=[.?!])\s+", turn):
            sentence = " ".join(sentence.split())
            if 20 < len(sentence) < 300 and any(t in sentence.lower() for t in TERMS):
                found.append((sentence, len(sentence.split()) + 1))
    return found


def build_corpus(
    folder: Path, *, n_tokens: int, doc_tokens: int, seed: int, prefix: str = "verslag"
) -> dict:
    """Write `n_tokens / doc_tokens` transcript-like txt documents of treebank sentences."""
    rng = random.Random(seed)
    ud, terms = ud_sentences(), term_sentences()
    order = list(range(len(ud)))
    rng.shuffle(order)
    folder.mkdir(parents=True, exist_ok=True)
    n_docs = max(1, round(n_tokens / doc_tokens))
    total, cursor = 0, 0
    for index in range(n_docs):
        lines = [f"Bijeenkomst {index + 1}: ontwikkeltafel inburgering", ""]
        while total < n_tokens * (index + 1) // n_docs:
            turn = []
            for _ in range(rng.randint(1, 6)):
                if rng.random() < 0.05:
                    text, n = rng.choice(terms)
                else:
                    if cursor == len(order):
                        rng.shuffle(order)
                        cursor = 0
                    text, n = ud[order[cursor]]
                    cursor += 1
                turn.append(text)
                total += n
            lines += [f"{rng.choice(SPEAKERS)}: {' '.join(turn)}", ""]
        (folder / f"{prefix}_{index:05d}.txt").write_text("\n".join(lines), encoding="utf-8")
    return {"n_docs": n_docs, "n_tokens_built": total}


def measure(cmd: list[str]) -> dict:
    """Run a command; wall time and peak RSS of it and all its children."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak, stop = 0, threading.Event()

    def poll() -> None:
        nonlocal peak
        parent = psutil.Process(proc.pid)
        while not stop.is_set():
            try:
                tree = [parent, *parent.children(recursive=True)]
                rss = 0
                for member in tree:
                    with contextlib.suppress(psutil.Error):
                        rss += member.memory_info().rss
                peak = max(peak, rss)
            except psutil.Error:
                pass
            stop.wait(0.1)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    stdout, stderr = proc.communicate()
    stop.set()
    watcher.join()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{stdout}\n{stderr[-3000:]}")
    stage_times = dict(
        (name, float(sec))
        for name, sec in re.findall(r"(\w+) ([\d.]+)s", stdout.split("ran on:")[1])
    )
    cache = re.search(
        r"cache: (\d+) files and (\d+) annotated documents reused, (\d+) documents annotated",
        stdout,
    )
    return {
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(peak / 2**20, 1),
        "stage_s": stage_times,
        "ingest_cache_hits": int(cache[1]),
        "cache_hits": int(cache[2]),
        "cache_misses": int(cache[3]),
    }


def kruispunt_run(corpus: Path, out: Path, *, workers: int, update: bool = False) -> dict:
    """`kruispunt run` (`--update`: themes frozen) with the project's params; adds token and
    word counts."""
    exe = str(Path(sys.executable).parent / "kruispunt")
    cmd = [exe, "run", str(corpus), "--out", str(out), "--workers", str(workers)]
    result = measure([*cmd, "--update"] if update else cmd)
    punct = pd.read_parquet(out / "data" / "interim" / "tokens.parquet", columns=["is_punct"])
    result["n_tokens"] = len(punct)
    result["n_words"] = int((~punct["is_punct"]).sum())
    result["words_per_s"] = round(result["n_words"] / result["wall_s"], 1)
    return result


def _small_corpus(corpus: Path, folder: Path, max_docs: int):
    """The first `max_docs` documents ingested, with default params and the loaded model."""
    from pipeline.ingest import ingest_folder
    from pipeline.model.nlp import load_pipeline
    from pipeline.params import Params

    params = Params()
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.glob("*.txt"))[:max_docs]:
        shutil.copy(path, folder / path.name)
    segments = ingest_folder(folder, params=params.ingest).segments
    nlp, info = load_pipeline(params.annotate.model)
    return params, segments, nlp, info


def annotate_ratio(corpus: Path, work: Path, *, max_docs: int, repeats: int) -> dict:
    """Annotate step vs raw `nlp.pipe` on the same segments, same model, interleaved."""
    from pipeline.annotate.cache import annotate_cached

    params, segments, nlp, info = _small_corpus(corpus, work / "ratio_corpus", max_docs)
    texts = segments["text"].tolist()
    # Warm up: the first call loads lookup tables lazily, which neither side should pay.
    for _doc in nlp.pipe(texts[:50]):
        pass
    raw, ours, n_tokens = [], [], 0
    for run in range(repeats):
        start = time.perf_counter()
        n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=params.annotate.batch_size))
        raw.append(time.perf_counter() - start)
        cache = work / f"ratio_cache_{run}"
        shutil.rmtree(cache, ignore_errors=True)  # an empty cache: every document parsed
        start = time.perf_counter()
        annotate_cached(segments, nlp, info, params=params.annotate, cache_dir=cache)
        ours.append(time.perf_counter() - start)
    return {
        "n_segments": len(segments),
        "n_spacy_tokens": n_tokens,
        "raw_best_s": round(min(raw), 2),
        "annotate_best_s": round(min(ours), 2),
        "ratio": round(min(raw) / min(ours), 3),
        "ratio_per_pair": [round(r / o, 3) for r, o in zip(raw, ours, strict=True)],
    }


def annotate_speedup(corpus: Path, work: Path, *, max_docs: int, repeats: int) -> dict:
    """Annotate step with 2 worker processes vs 1, warm, interleaved, best of `repeats`.

    A whole `kruispunt run` on a shared machine swings with the other jobs; alternating
    short warm passes compares the two settings under the same background load.
    """
    from pipeline.annotate.cache import annotate_cached
    from pipeline.parallel import make_executor

    params, segments, nlp, info = _small_corpus(corpus, work / "speedup_corpus", max_docs)
    times: dict[int, list[float]] = {1: [], 2: []}
    with make_executor(workers=1) as one, make_executor(workers=2) as two:
        executors = {1: one, 2: two}
        for executor in executors.values():  # warm: workers import spaCy, load the model
            annotate_cached(segments, nlp, info, params=params.annotate, executor=executor)
        for _ in range(repeats):
            for workers, executor in executors.items():
                start = time.perf_counter()
                annotate_cached(segments, nlp, info, params=params.annotate, executor=executor)
                times[workers].append(time.perf_counter() - start)
    return {
        "n_docs": max_docs,
        "n_segments": len(segments),
        "best_1_s": round(min(times[1]), 2),
        "best_2_s": round(min(times[2]), 2),
        "speedup": round(min(times[1]) / min(times[2]), 3),
        "speedup_per_pair": [round(a / b, 3) for a, b in zip(times[1], times[2], strict=True)],
    }


def speedup(runs: dict[int, list[dict]], *, size: int, workers: int) -> dict:
    """Whole-run and annotate-stage speedup of `workers` over 1: best against best, and per
    pair of runs made one after the other."""

    def best(key: str, n: int) -> float:
        return min(run[key] if key == "wall_s" else run["stage_s"][key] for run in runs[n])

    pairs = list(zip(runs[1], runs[workers], strict=True))
    return {
        "size": size,
        "workers": workers,
        "pairs": len(pairs),
        "wall_1_s": [run["wall_s"] for run in runs[1]],
        "wall_n_s": [run["wall_s"] for run in runs[workers]],
        "annotate_1_s": [run["stage_s"]["annotate"] for run in runs[1]],
        "annotate_n_s": [run["stage_s"]["annotate"] for run in runs[workers]],
        "run": round(best("wall_s", 1) / best("wall_s", workers), 3),
        "annotate": round(best("annotate", 1) / best("annotate", workers), 3),
        "run_per_pair": [round(one["wall_s"] / n["wall_s"], 3) for one, n in pairs],
    }


def checks(results: dict) -> dict:
    """The figures the targets speak about."""
    sizes = results.get("sizes", {})
    largest = sizes[max(sizes, key=int)] if sizes else {}
    return {
        "peak_rss_gb_largest": round(largest.get("peak_rss_mb", 0) / 1024, 3),
        "incremental_share": results.get("incremental", {}).get("share"),
        "speedup_2v1_run": results.get("speedup", {}).get("run"),
        "speedup_2v1_annotate_run": results.get("speedup", {}).get("annotate"),
        "speedup_2v1_annotate_warm": results.get("annotate_speedup", {}).get("speedup"),
        "annotate_ratio": results.get("annotate_ratio", {}).get("ratio"),
    }


def in_process(results: dict, work: Path, args: argparse.Namespace) -> None:
    """The two in-process comparisons: annotate vs raw nlp.pipe, and 2 workers vs 1.

    They use `--ratio-docs` short documents of 1,000 tokens, so the work splits evenly
    over the workers (a task holds whole documents).
    """
    corpus = work / "corpus_in_process"
    if not corpus.exists():
        build_corpus(corpus, n_tokens=1000 * args.ratio_docs, doc_tokens=1000, seed=3)
    results["annotate_ratio"] = annotate_ratio(
        corpus, work, max_docs=args.ratio_docs, repeats=args.repeats
    )
    print(f"annotate vs nlp.pipe: {json.dumps(results['annotate_ratio'])}", flush=True)
    results["annotate_speedup"] = annotate_speedup(
        corpus, work, max_docs=args.ratio_docs, repeats=args.repeats
    )
    print(f"annotate 2 vs 1 workers, warm: {json.dumps(results['annotate_speedup'])}", flush=True)


def write_results(results: dict, out: Path = RESULTS) -> None:
    results["targets"] = TARGETS
    results["checks"] = checks(results)
    results["load_avg_end"] = os.getloadavg()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results["checks"], indent=2))
    print(f"-> {out}")


def incremental(corpus: Path, work: Path, full: dict, *, size: int, args) -> dict:
    """A rerun after adding one document to the corpus of the full run `full`
    (`args.update`: `kruispunt run --update`), as a share of the full run."""
    grown = work / f"corpus_{size}_plus_one"
    shutil.copytree(corpus, grown)
    build_corpus(
        grown, n_tokens=args.doc_tokens, doc_tokens=args.doc_tokens, seed=7, prefix="nieuw"
    )
    rerun = kruispunt_run(grown, work / f"out_{size}", workers=args.workers, update=args.update)
    return {
        "size": size,
        "update": "frozen" if args.update else "refit",
        "n_docs_before": full["n_docs"],
        "full_s": full["wall_s"],
        "rerun_s": rerun["wall_s"],
        "ingest_cache_hits": rerun["ingest_cache_hits"],
        "cache_hits": rerun["cache_hits"],
        "cache_misses": rerun["cache_misses"],
        "full_stage_s": full["stage_s"],
        "rerun_stage_s": rerun["stage_s"],
        "share": round(rerun["wall_s"] / full["wall_s"], 3),
        "annotate_share": round(rerun["stage_s"]["annotate"] / full["stage_s"]["annotate"], 3),
    }


def parse_args() -> argparse.Namespace:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--doc-tokens", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=2, help="1-worker/N-worker run pairs.")
    parser.add_argument("--ratio-docs", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Keep the corpora and outputs here.")
    parser.add_argument(
        "--in-process-only",
        action="store_true",
        help="Only the in-process comparisons, merged into an existing results file.",
    )
    parser.add_argument("--update", action="store_true", help="Rerun with `run --update`.")
    parser.add_argument("--incremental-only", action="store_true", help="Stop after the rerun.")
    parser.add_argument("--out", type=Path, default=RESULTS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench_scale_"))
    results: dict = {
        "cores": os.cpu_count(),
        "load_avg_start": os.getloadavg(),
        "workers": args.workers,
        "doc_tokens": args.doc_tokens,
        "sizes": {},
    }
    if args.in_process_only:
        if args.out.exists():
            results = json.loads(args.out.read_text(encoding="utf-8"))
        in_process(results, work, args)
        write_results(results, args.out)
        return

    # Full runs with `--workers` workers at every size, smallest first.
    for size in args.sizes:
        corpus = work / f"corpus_{size}"
        built = build_corpus(corpus, n_tokens=size, doc_tokens=args.doc_tokens, seed=size)
        run = kruispunt_run(corpus, work / f"out_{size}", workers=args.workers)
        results["sizes"][str(size)] = {**built, **run}
        print(f"{size:>9} tokens: {json.dumps(results['sizes'][str(size)])}", flush=True)

    # At the largest size, the scale a batch user works at: a rerun after adding one
    # document, right after the full run (nothing else can spoil the cache in between) ...
    largest = max(args.sizes)
    full = results["sizes"][str(largest)]
    results["incremental"] = incremental(corpus, work, full, size=largest, args=args)
    print(f"incremental rerun: {json.dumps(results['incremental'])}", flush=True)
    if args.incremental_only:
        write_results(results, args.out)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
        return

    # ... then fresh runs with 1 worker and `--workers` workers, alternating, for the
    # speedup: the full run above is the first run with `--workers`, so background load on
    # the shared machine falls on both settings alike.
    runs: dict[int, list[dict]] = {1: [], args.workers: [full]}
    for pair in range(args.pairs):
        if pair:
            out = work / f"out_{largest}_w{args.workers}_{pair}"
            runs[args.workers].append(kruispunt_run(corpus, out, workers=args.workers))
        runs[1].append(kruispunt_run(corpus, work / f"out_{largest}_w1_{pair}", workers=1))
    results["speedup"] = speedup(runs, size=largest, workers=args.workers)
    print(f"speedup {args.workers} vs 1 workers: {json.dumps(results['speedup'])}", flush=True)
    # The annotate step against raw nlp.pipe, and 2 workers against 1, in this process.
    in_process(results, work, args)
    write_results(results, args.out)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
