"""The themes stage on a batch: a refit against `themes.update: frozen`, and a cached rerun.

On the Den Haag minutes (prepared as for `bench_themes.py`: ingest + annotate outputs in
`--prepared/dh`), with the focal terms of `themes_sets.DH_TERMS`, it times the themes stage
(`pipeline.themes.stage.themes`, reading and writing its tables) over a layout in a
temporary folder:

1. a refit on all but the last document (the saved codebook);
2. the last document arrives: a refit over all documents, and a frozen update over all
   documents against the saved codebook, each from the same starting state;
3. a second refit over all documents, its embeddings now cached (the "cached rerun").

Each step gives its wall time; the frozen update also its drift report, and a check that
every theme code and every earlier context's code is unchanged.

`--e5-store FOLDER` (e.g. bench_themes' `--cache`) first copies that folder's per-text e5
store (`texts/`) into the layout, so e5 embeds only texts it has not seen there: e5 takes
about a minute per 1,000 contexts on 2 threads, and with a warm store the timings are those
of the clustering, keywords and tables (`e5_store_seeded` says so in the results).

Usage: .venv/bin/python benchmarks/bench_themes_update.py --prepared /tmp/real \
    [--backend auto] [--e5-store /tmp/kruispunt-bench-cache] \
    [--out benchmarks/results/bench_themes_update.json]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from real_data import write_results  # noqa: E402
from themes_sets import DH_TERMS, real_set  # noqa: E402

from pipeline.params import parse_params  # noqa: E402
from pipeline.tables import read_table, write_table  # noqa: E402
from pipeline.themes.stage import themes  # noqa: E402


def layout(root: Path, documents, tokens, hits) -> dict[str, Path]:
    """A themes-stage layout holding these tables."""
    paths = {k: root / k for k in ("interim", "processed", "model", "metrics")}
    for path in paths.values():
        path.mkdir(parents=True, exist_ok=True)
    write_table(documents, paths["interim"] / "documents.parquet", "documents")
    write_table(tokens, paths["interim"] / "tokens.parquet", "tokens")
    write_table(hits, paths["processed"] / "term_hits.parquet", "term_hits")
    return paths


def timed(paths: dict[str, Path], params) -> tuple[float, dict]:
    start = time.perf_counter()
    metrics = themes(paths["interim"], paths["processed"], paths["model"], paths["metrics"],
                     params, threads=2)  # fmt: skip
    return round(time.perf_counter() - start, 2), metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prepared", type=Path, default=Path("/tmp/real"))
    parser.add_argument("--backend", default="auto")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks/results/bench_themes_update.json"
    )
    parser.add_argument("--e5-store", type=Path, help="folder whose texts/ seeds the e5 cache")
    args = parser.parse_args()
    documents, tokens, hits, _, _ = real_set(args.prepared / "dh", "dh-terms")
    last = sorted(documents["doc_id"])[-1]
    raw = {"associate": {"terms": {t: {} for t in DH_TERMS}}, "themes": {"embedding": args.backend}}
    refit, frozen = parse_params(raw), parse_params(raw)
    frozen.themes.update = "frozen"
    work = Path(tempfile.mkdtemp(prefix="bench_themes_update_"))

    # 1. The saved codebook, fitted before the last document arrived
    before = layout(work / "a", documents, tokens, hits[hits["doc_id"] != last])
    if args.e5_store is not None and (args.e5_store / "texts").is_dir():
        shutil.copytree(args.e5_store / "texts", before["interim"] / "theme_embeddings" / "texts")
    first_s, _ = timed(before, refit)
    shutil.copytree(work / "a", work / "b")
    # 2. The last document arrives: refit (in a) against frozen (in b)
    for name in ("a", "b"):
        write_table(hits, work / name / "processed" / "term_hits.parquet", "term_hits")
    old = read_table(work / "b" / "processed" / "coded_contexts.parquet", "coded_contexts")
    old_codes = read_table(work / "b" / "processed" / "themes.csv", "themes")["code"].tolist()
    refit_s, refit_metrics = timed(before, refit)
    frozen_s, frozen_metrics = timed({k: work / "b" / v.name for k, v in before.items()}, frozen)
    # 3. A rerun of the refit: everything comes from the embedding cache
    cached_s, _ = timed(before, refit)

    new = read_table(work / "b" / "processed" / "coded_contexts.parquet", "coded_contexts")
    merged = old.merge(new, on="context_id", suffixes=("_old", "_new"))
    codes_now = read_table(work / "b" / "processed" / "themes.csv", "themes")["code"].tolist()
    figures = {
        "backend": args.backend, "e5_store_seeded": args.e5_store is not None,
        "embedding_used": refit_metrics["embedding"],
        "n_contexts_before": len(old), "n_contexts_after": len(new), "new_document": last,
        "first_fit_s": first_s, "refit_s": refit_s, "frozen_s": frozen_s,
        "frozen_over_refit": round(frozen_s / refit_s, 3), "cached_refit_s": cached_s,
        "codes_unchanged": codes_now == old_codes,
        "earlier_contexts_unchanged": bool((merged["code_old"] == merged["code_new"]).all()),
        "new_contexts_coded": int(new["context_id"].isin(old["context_id"]).__invert__().sum()),
        "drift": frozen_metrics["drift"],
    }  # fmt: skip
    print(pd.Series(figures).to_string())
    write_results(args.out, figures)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
