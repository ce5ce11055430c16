"""Benchmark speaker attribution on real Dutch records against the word-level speaker gold.

For every gold file in benchmarks/gold/speakers/ (see its README.md and `speaker_gold`),
the document is read in place from the dev data root (option --data, else
$KRUISPUNT_REAL_DATA, else ../shared/data/real next to the repo), ingested by kruispunt
as the ingest stage does (`ingest_folder` with default params and no user patterns; only
the file's own extension is always added to the extensions read) in a temporary folder of
its own, and the system's words are aligned to the gold's reference words. Per document
and per corpus it prints:

- right: share of gold-spoken words whose system speaker is the gold speaker
  (`speaker_gold.same_speaker`: party, titles and initials do not count);
- attributed: share of gold-spoken words that got any system speaker;
- false: share of gold-unspoken words (all words, for documents without turns) that
  got a system speaker;
- start P / R: precision and recall of turn starts (one to one, within 2 words).

A file ingest skips or fails (say a format without a reader yet) scores as ingested with
no words. Label words are not scored. Figures go to benchmarks/results/speakers.json.

Usage: .venv/bin/python benchmarks/bench_speakers.py [--data DIR] [--only SUBSTRING]
       [--errors N] [--out FILE]

`--errors N` also prints each document's N gold spans with the most words lost, with the
system speaker they got: where to look when tuning.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from real_data import data_root, write_results
from speaker_gold import (
    COUNT_KEYS,
    GOLD_DIR,
    Gold,
    align_gold,
    check_gold,
    expand,
    load_gold,
    reference_words,
    score,
    shares,
    span_errors,
    system_words,
)

from pipeline.ingest import ingest_folder
from pipeline.params import IngestParams

RESULTS = Path(__file__).resolve().parent / "results" / "speakers.json"
CORPORA = ["denhaag_minutes", "other_minutes", "tk_xml", "no_turns"]


def ingest_one(path: Path) -> tuple[str, str, list[dict], dict]:
    """Ingest one file alone: its text, segments rows and report row.

    The params are the defaults, except that the file's own extension is always among the
    extensions read: a format gets measured as soon as ingest has a reader for it.
    """
    defaults = IngestParams()
    params = IngestParams(extensions=[*defaults.extensions, path.suffix])
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        result = ingest_folder(Path(tmp), params=params)
    report = next(row for row in result.report if row["path"] == path.name)
    if result.documents.empty:
        return "", report["status"], [], report
    text = result.documents["text"].iloc[0]
    return text, report["status"], result.segments.to_dict("records"), report


def bench_document(gold: Gold, root: Path, errors: int = 0) -> dict:
    """The counts and figures of one gold document; prints its `errors` worst spans."""
    path = root / gold.source
    ref = reference_words(path, gold.reader)
    check_gold(gold, ref)
    start = time.perf_counter()
    text, status, segments, report = ingest_one(path)
    seconds = time.perf_counter() - start
    system = system_words(text, segments)
    gold_words = expand(gold)
    mapping = align_gold(ref, gold_words, system.words)
    counts = score(gold_words, system, mapping)
    if errors:
        _print_worst(gold.name, span_errors(gold, system, mapping), errors)
    return {
        "doc": gold.name,
        "corpus": gold.corpus,
        "source": gold.source,
        "status": status,
        "reason": report.get("reason", ""),
        "system_words": len(system.words),
        "ingest_seconds": round(seconds, 2),
        **counts,
        **shares(counts),
    }


def _print_worst(name: str, spans: list[dict], n: int) -> None:
    """The `n` gold spans of a document that lost the most words, with what they got."""
    worst = sorted(spans, key=lambda e: -e["wrong"] - e["false"])[:n]
    worst = [e for e in worst if e["wrong"] + e["false"]]
    if worst:
        print(f"== {name}: worst spans (gold -> most common system speaker)")
    for e in worst:
        lost = f"{e['wrong']} wrong" if e["gold"] else f"{e['false']} false"
        print(f"  #{e['span']:<4} {lost:>10}  {e['gold']!r} -> {e['system']!r}: {e['anchor']}")


def _line(name: str, row: dict) -> str:
    def pct(key: str) -> str:
        value = row.get(key)
        return "     -" if value is None else f"{100 * value:5.1f}%"

    cells = [pct(k) for k in ("right_speaker", "attributed", "false_speaker")]
    cells += [pct(k) for k in ("start_precision", "start_recall")]
    return f"{name[:44]:<44} {row['words']:>7} " + " ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="dev data root (default: see above)")
    parser.add_argument("--gold", default=str(GOLD_DIR), help="folder of gold files")
    parser.add_argument("--only", default="", help="only gold files whose name contains this")
    parser.add_argument("--errors", type=int, default=0, help="print each document's N worst spans")
    parser.add_argument("--out", default=str(RESULTS), help="where the JSON goes")
    args = parser.parse_args()
    root = data_root(args.data)
    golds = [load_gold(p) for p in sorted(Path(args.gold).glob("*.json")) if args.only in p.stem]

    documents = [bench_document(gold, root, args.errors) for gold in golds]
    corpora = {}
    for corpus in [*CORPORA, *sorted({d["corpus"] for d in documents} - set(CORPORA))]:
        rows = [d for d in documents if d["corpus"] == corpus]
        if rows:
            counts = {key: sum(row[key] for row in rows) for key in COUNT_KEYS}
            corpora[corpus] = {"documents": len(rows), **counts, **shares(counts)}

    header = f"{'document':<44} {'words':>7}  right  attrib  false  startP startR"
    print(header)
    for corpus, figures in corpora.items():
        print("-" * len(header))
        for row in (d for d in documents if d["corpus"] == corpus):
            note = "" if row["status"] == "ok" else f"  [{row['status']}: {row['reason'][:60]}]"
            print(_line(f"  {row['doc']}", row) + note)
        print(_line(f"{corpus} ({figures['documents']} docs)", figures))
    figures = {"data_root": str(root), "corpora": corpora, "documents": documents}
    write_results(args.out, figures)


if __name__ == "__main__":
    main()
