"""Benchmark the annotate stage against raw `nlp.pipe`, and 2 processes against 1.

Same texts, same model, side by side in one run; the runs are interleaved and the best of
`--repeats` is kept for each, so background load hits all variants alike. The stage is
`pipeline.annotate.cache.annotate_cached` without a cache, as `kruispunt annotate` runs it:
- 1 process: in this process, on the loaded model;
- 2 processes, warm: a pool of 2 worker processes started (and the model loaded in each)
  before the timings, as in `kruispunt run`, which starts its workers for ingest;
- 2 processes, cold: the pool started inside the timing, as a lone `kruispunt annotate`
  with `annotate.n_process: 2` does.

    .venv/bin/python benchmarks/bench_annotate.py [--model PATH] [--segments N] [--repeats R]

Prints the figures and writes benchmarks/results/annotate.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from builders import segment_row  # noqa: E402

from pipeline.annotate.cache import annotate_cached  # noqa: E402
from pipeline.model.conllu import read_conllu  # noqa: E402
from pipeline.model.nlp import load_pipeline  # noqa: E402
from pipeline.parallel import make_executor  # noqa: E402
from pipeline.params import AnnotateParams  # noqa: E402

UD_DIR = ROOT.parent / "shared" / "data" / "ud-dutch"
# Held-out and dev files of both treebanks: about 4,600 sentences, 80k words.
UD_FILES = [
    "nl_alpino-ud-dev.conllu",
    "nl_alpino-ud-test.conllu",
    "nl_lassysmall-ud-dev.conllu",
    "nl_lassysmall-ud-test.conllu",
]


def segments_from_treebank(n_segments: int, sents_per_segment: int = 3) -> pd.DataFrame:
    """Segments of a few consecutive treebank sentences: real Dutch, typical turn length."""
    sentences = [
        text
        for name in UD_FILES
        for text in read_conllu(UD_DIR / name).drop_duplicates("sent_id")["sent_text"]
    ]
    texts = [
        " ".join(sentences[i : i + sents_per_segment])
        for i in range(0, len(sentences), sents_per_segment)
    ][:n_segments]
    rows, pos = [], 0
    for idx, text in enumerate(texts):
        rows.append(segment_row("bench", idx, text, char_start=pos))
        pos += len(text) + 2
    return pd.DataFrame(rows)


def time_raw(nlp, texts: list[str], batch_size: int) -> float:
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_stage(nlp, info: dict, segments: pd.DataFrame, params: AnnotateParams, executor) -> float:
    start = time.perf_counter()
    annotate_cached(segments, nlp, info, params=params, cache_dir=None, executor=executor)
    return time.perf_counter() - start


def time_cold(nlp, info: dict, segments: pd.DataFrame, params: AnnotateParams) -> float:
    start = time.perf_counter()
    with make_executor(workers=2) as executor:
        annotate_cached(segments, nlp, info, params=params, cache_dir=None, executor=executor)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="auto")
    # Enough text (about 60k words) that starting the 2 worker processes and loading the
    # model in each is a small part of the 2-process time.
    parser.add_argument("--segments", type=int, default=1200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    nlp, info = load_pipeline(args.model)
    segments = segments_from_treebank(args.segments)
    texts = segments["text"].tolist()
    n_words = sum(1 for doc in nlp.tokenizer.pipe(texts) for tok in doc if not tok.is_space)
    params = AnnotateParams(batch_size=args.batch_size)
    # The documents are split into tasks; give the bench several documents, as a corpus has.
    segments["doc_id"] = [f"bench{i // 40:03d}" for i in range(len(segments))]

    time_raw(nlp, texts[:20], args.batch_size)  # warm-up: lazy init outside the timings
    names = ["raw", "stage_1", "stage_2_warm", "stage_2_cold"]
    best = dict.fromkeys(names, float("inf"))
    with make_executor(workers=1) as one, make_executor(workers=2) as two:
        time_stage(nlp, info, segments.head(80), params, two)  # start the workers
        for _ in range(args.repeats):
            best["raw"] = min(best["raw"], time_raw(nlp, texts, args.batch_size))
            best["stage_1"] = min(best["stage_1"], time_stage(nlp, info, segments, params, one))
            best["stage_2_warm"] = min(
                best["stage_2_warm"], time_stage(nlp, info, segments, params, two)
            )
            best["stage_2_cold"] = min(best["stage_2_cold"], time_cold(nlp, info, segments, params))

    wps = {name: n_words / seconds for name, seconds in best.items()}
    result = {
        "model": info["name"],
        "model_version": info["version"],
        "segments": len(segments),
        "words": n_words,
        "repeats": args.repeats,
        "batch_size": args.batch_size,
        "raw_pipe_words_per_s": round(wps["raw"]),
        "stage_words_per_s": round(wps["stage_1"]),
        "stage_2proc_warm_words_per_s": round(wps["stage_2_warm"]),
        "stage_2proc_cold_words_per_s": round(wps["stage_2_cold"]),
        "stage_over_raw_ratio": round(wps["stage_1"] / wps["raw"], 3),
        "speedup_2proc_warm_over_1": round(wps["stage_2_warm"] / wps["stage_1"], 3),
        "speedup_2proc_cold_over_1": round(wps["stage_2_cold"] / wps["stage_1"], 3),
    }
    for key, value in result.items():
        print(f"{key:28s} {value}")
    out = ROOT / "benchmarks" / "results" / "annotate.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"-> {out}")


if __name__ == "__main__":
    main()
