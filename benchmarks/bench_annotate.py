"""Benchmark the annotate stage against raw `nlp.pipe`, and 2 processes against 1.

Same texts, same model, side by side in one run; the runs are interleaved and the best of
`--repeats` is kept for each, so background load hits all variants alike.

    .venv/bin/python benchmarks/bench_annotate.py [--model PATH] [--segments N] [--repeats R]

Prints the figures and writes benchmarks/results/annotate.json.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd

from pipeline.annotate import annotate_segments
from pipeline.model.conllu import read_conllu
from pipeline.nlp import load_pipeline
from pipeline.params import AnnotateParams

ROOT = Path(__file__).resolve().parents[1]
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
        rows.append(
            {
                "seg_id": f"bench#{idx:04d}",
                "doc_id": "bench",
                "seg_idx": idx,
                "section": None,
                "speaker": None,
                "start_s": None,
                "end_s": None,
                "char_start": pos,
                "char_end": pos + len(text),
                "text": text,
            }
        )
        pos += len(text) + 2
    return pd.DataFrame(rows)


def time_raw(nlp, texts: list[str], batch_size: int) -> float:
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_stage(nlp, segments: pd.DataFrame, params: AnnotateParams) -> tuple[float, int]:
    start = time.perf_counter()
    tokens = annotate_segments(segments, nlp, params=params)
    return time.perf_counter() - start, len(tokens)


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
    one = AnnotateParams(batch_size=args.batch_size, n_process=1)
    two = AnnotateParams(batch_size=args.batch_size, n_process=2)

    time_raw(nlp, texts[:20], args.batch_size)  # warm-up: lazy init outside the timings
    best = {"raw": float("inf"), "stage_1": float("inf"), "stage_2": float("inf")}
    for _ in range(args.repeats):
        best["raw"] = min(best["raw"], time_raw(nlp, texts, args.batch_size))
        best["stage_1"] = min(best["stage_1"], time_stage(nlp, segments, one)[0])
        best["stage_2"] = min(best["stage_2"], time_stage(nlp, segments, two)[0])

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
        "stage_2proc_words_per_s": round(wps["stage_2"]),
        "stage_over_raw_ratio": round(wps["stage_1"] / wps["raw"], 3),
        "speedup_2proc_over_1": round(wps["stage_2"] / wps["stage_1"], 3),
    }
    for key, value in result.items():
        print(f"{key:28s} {value}")
    out = ROOT / "benchmarks" / "results" / "annotate.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"-> {out}")


if __name__ == "__main__":
    main()
