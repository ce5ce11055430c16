"""Benchmark of the associate stage, measured side by side with the annotate stage.

The corpus is built from the Dutch UD treebanks in ../shared/data/ud-dutch: their gold
lemmas, parts of speech and dependency trees give a realistic tokens table without running
a model. Sentences (deduplicated) are shuffled into segments of four sentences with rotating
speakers and documents of forty segments, replica after replica with different shuffles, so
no two segments are the same text, until the corpus holds at least `--tokens` tokens.

Measured:
- the associate stage as `dvc repro` runs it (read tokens.parquet and segments.parquet,
  associate, write its tables), each size in a fresh child process, on the UD tokens (n
  tokens) and on the same documents copied ten times under new ids (10 n tokens): the ratio
  of the two times (target <= 11) and each run's peak RSS (target at 6.5M tokens <= 2 GB);
- when the bundled model exists: annotate on the same segments, associate on the tokens it
  produced, and the ratio associate / annotate (target <= 0.1).

The lexicon is the default one plus frequent nouns of the treebanks (gemeente, stad, ...),
because the focal terms of the project hardly occur in news and Wikipedia text.

Usage: .venv/bin/python benchmarks/bench_associate.py [--tokens 500000] [--no-annotate]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from builders import segment_row  # noqa: E402

from pipeline.associate.associations import associate_terms  # noqa: E402
from pipeline.params import AssociateParams, Params, TermSpec  # noqa: E402
from pipeline.schemas import columns  # noqa: E402
from pipeline.stopwords import dutch_stop_words  # noqa: E402

UD_DIR = ROOT.parent / "shared" / "data" / "ud-dutch"
RESULTS = ROOT / "benchmarks" / "results" / "bench_associate.json"
EXTRA_TERMS = ["gemeente", "stad", "land", "regering", "minister", "partij", "werk"]
SENTS_PER_SEGMENT, SEGMENTS_PER_DOC, SPEAKERS = 4, 40, 6


def read_conllu() -> list[list[tuple]]:
    """Deduplicated sentences as lists of (form, lemma, upos, xpos, feats, head, deprel, space)."""
    sentences, seen = [], set()
    for path in sorted(UD_DIR.glob("*.conllu")):
        sent = []
        for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
            if not line:
                text = " ".join(t[0] for t in sent)
                if sent and text not in seen:
                    seen.add(text)
                    sentences.append(sent)
                sent = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                space = "SpaceAfter=No" not in cols[9]
                head = int(cols[6]) if cols[6].isdigit() else 0
                sent.append((cols[1], cols[2], cols[3], cols[4], cols[5], head, cols[7], space))
    return sentences


def build_corpus(sentences, min_tokens: int, seed: int = 13):
    """Shuffle sentences into segments and documents until `min_tokens` tokens."""
    stops = dutch_stop_words()
    tok_rows, seg_rows, n_tokens, replica = [], [], 0, 0
    while n_tokens < min_tokens:
        order = sentences[:]
        random.Random(seed + replica).shuffle(order)
        for start in range(0, len(order), SENTS_PER_SEGMENT):
            seg_no = start // SENTS_PER_SEGMENT
            doc_id = f"ud{replica:02d}_{seg_no // SEGMENTS_PER_DOC:04d}.txt"
            seg_idx = seg_no % SEGMENTS_PER_DOC
            seg_id = f"{doc_id}#{seg_idx:04d}"
            offset = seg_idx * 100_000  # documents are never read: room for any segment
            pieces, tok_idx, pos = [], 0, offset
            for sent_idx, sent in enumerate(order[start : start + SENTS_PER_SEGMENT]):
                base = tok_idx
                for form, lemma, upos, xpos, feats, head, deprel, space in sent:
                    lemma = lemma.replace("_", "")
                    lemma = lemma if upos == "PROPN" else lemma.lower()
                    head_idx = base + head - 1 if head else tok_idx
                    tok_rows.append(
                        {
                            "seg_id": seg_id,
                            "doc_id": doc_id,
                            "sent_idx": sent_idx,
                            "tok_idx": tok_idx,
                            "text": form,
                            "lemma": lemma,
                            "upos": upos,
                            "tag": xpos,
                            "morph": feats,
                            "dep": deprel if head else "ROOT",
                            "head_idx": head_idx,
                            "is_stop": form.lower() in stops,
                            "is_punct": upos == "PUNCT",
                            "char_start": pos,
                            "char_end": pos + len(form),
                            "ent_type": "",
                        }
                    )
                    pieces.append(form + (" " if space else ""))
                    pos += len(form) + (1 if space else 0)
                    tok_idx += 1
            text = "".join(pieces)
            speaker = f"spreker {seg_no % SPEAKERS}"
            seg_rows.append(segment_row(doc_id, seg_idx, text, char_start=offset, speaker=speaker))
            n_tokens += tok_idx
        replica += 1
    tokens = pd.DataFrame(tok_rows)[columns("tokens")]
    segments = pd.DataFrame(seg_rows)[columns("segments")]
    return tokens, segments


def copies(tokens: pd.DataFrame, segments: pd.DataFrame, n: int):
    """The corpus n times, each copy under new document ids."""

    def renamed(df, k):
        doc = df["doc_id"] + f"-{k}"
        return df.assign(doc_id=doc, seg_id=doc + "#" + df["seg_id"].str.split("#").str[1])

    return (
        pd.concat([renamed(tokens, k) for k in range(n)], ignore_index=True),
        pd.concat([renamed(segments, k) for k in range(n)], ignore_index=True),
    )


CHILD = """
import json, resource, sys, time
from pathlib import Path
from pipeline.associate.stage import associate
from pipeline.params import Params
folder, raw = Path(sys.argv[1]), json.loads(sys.argv[2])
wall = time.perf_counter()
associate(folder, folder / "processed", Params.model_validate({"associate": raw}))
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall_s": round(time.perf_counter() - wall, 3),
                  "cpu_s": round(use.ru_utime + use.ru_stime, 3),
                  "peak_rss_mb": round(use.ru_maxrss / 1024, 1)}))
"""


def stage_run(folder: Path, tokens, segments, params: AssociateParams) -> dict:
    """Write the tables, run the associate stage in a fresh process; its time and memory."""
    (folder / "processed").mkdir(parents=True)
    tokens.to_parquet(folder / "tokens.parquet", index=False)
    segments.to_parquet(folder / "segments.parquet", index=False)
    raw = json.dumps(params.model_dump(mode="json"))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), raw],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _line(n: int, run: dict) -> str:
    return (
        f"associate stage ({n} tokens): {run['wall_s']:.2f} s wall, {run['cpu_s']:.2f} s cpu,"
        f" peak RSS {run['peak_rss_mb']:.0f} MiB"
    )


def timed(func, *args, **kwargs):
    """Run once; return the result, wall seconds and CPU seconds of this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = func(*args, **kwargs)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=500_000)
    parser.add_argument("--no-annotate", action="store_true")
    args = parser.parse_args()

    terms = dict(AssociateParams().terms) | {t: TermSpec() for t in EXTRA_TERMS}
    params = AssociateParams(terms=terms)
    tokens, segments = build_corpus(read_conllu(), args.tokens)
    n = len(tokens)
    print(f"corpus: {n} tokens, {len(segments)} segments, {segments['doc_id'].nunique()} docs")

    # warm up (imports, the wordfreq list, caches) so that no timed run pays for them
    few = segments["doc_id"].isin(segments["doc_id"].unique()[:5])
    associate_terms(
        tokens[tokens["doc_id"].isin(segments["doc_id"][few])], segments[few], params=params
    )

    # the stage on n and on 10 n tokens, each in its own process
    with tempfile.TemporaryDirectory(prefix="bench-associate-") as tmp:
        small = stage_run(Path(tmp) / "n", tokens, segments, params)
        print(_line(n, small))
        big_tokens, big_segments = copies(tokens, segments, 10)
        n10 = len(big_tokens)
        big = stage_run(Path(tmp) / "n10", big_tokens, big_segments, params)
        del big_tokens, big_segments
        print(_line(n10, big))
    ratio_wall, ratio_cpu = big["wall_s"] / small["wall_s"], big["cpu_s"] / small["cpu_s"]
    print(f"x10 corpus time ratio: {ratio_wall:.2f} wall, {ratio_cpu:.2f} cpu (target <= 11)")
    result, _, _ = timed(associate_terms, tokens, segments, params=params)

    report = {
        "n_tokens": n,
        "n_segments": len(segments),
        "n_hits": len(result.term_hits),
        "n_associations": len(result.associations),
        "terms": sorted(terms),
        "stage_n": small,
        "stage_x10": big | {"n_tokens": n10},
        "x10_time_ratio_wall": round(ratio_wall, 3),
        "x10_time_ratio_cpu": round(ratio_cpu, 3),
        "peak_rss_x10_gb": round(big["peak_rss_mb"] / 1024, 3),
    }

    # annotate the same segments with the bundled model, then associate on its output
    model_dir = ROOT / "models" / "nl_ud_sm"
    if not args.no_annotate and model_dir.exists():
        from pipeline.annotate.tokens import annotate_segments
        from pipeline.model.nlp import load_pipeline

        nlp, info = load_pipeline(Params().annotate.model)
        annotated, a_wall, a_cpu = timed(annotate_segments, segments, nlp, params=Params().annotate)
        print(f"annotate ({len(annotated)} tokens): {a_wall:.2f} s wall, {a_cpu:.2f} s cpu")
        _, s_wall, s_cpu = timed(associate_terms, annotated, segments, params=params)
        print(f"associate on annotated tokens: {s_wall:.2f} s wall, {s_cpu:.2f} s cpu")
        print(
            f"associate / annotate: {s_wall / a_wall:.3f} wall, {s_cpu / a_cpu:.3f} cpu"
            " (target <= 0.1)"
        )
        report |= {
            "annotate_tokens": len(annotated),
            "annotate_wall_s": round(a_wall, 3),
            "annotate_cpu_s": round(a_cpu, 3),
            "associate_on_annotated_wall_s": round(s_wall, 3),
            "associate_on_annotated_cpu_s": round(s_cpu, 3),
            "associate_over_annotate_wall": round(s_wall / a_wall, 4),
            "associate_over_annotate_cpu": round(s_cpu / a_cpu, 4),
            "model": info,
        }
    else:
        print("annotate: skipped (no bundled model or --no-annotate)")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, sort_keys=True, default=str) + "\n")
    print(f"-> {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
