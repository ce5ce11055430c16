"""Precision and recall of the name finders on the gold set of Dutch meeting snippets.

Compares deduce (its name annotators alone, as a user would run it), the project's own rules
(speaker labels, name lists, capitalisation, word use across the corpus) and their union,
side by side on the same snippets. Extra rows separate what the speaker labels and the
corpus evidence contribute.

Run: `.venv/bin/python benchmarks/eval_pseudonymize.py [--show-errors]`
Writes: benchmarks/results/eval_pseudonymize.json

With `--real`, it measures the whole pipeline on real records instead: `kruispunt run` with
`ingest.pseudonymize: true` over the dev data (`../shared/data/real`), then a search of
every output under `--out` (tables, reports, zip members, caches, metrics, the run's log)
for every name of the gold in `benchmarks/gold/names/` (see `benchmarks/real_names.py`).
It prints recall for speakers and for names in the text, each leaked name with its
context, and the role words and institutions that were replaced.

    .venv/bin/python benchmarks/eval_pseudonymize.py --real [--out DIR] [--reuse]
Writes: benchmarks/results/eval_pseudonymize_real.json
"""

from __future__ import annotations

import argparse
import json
import stat
import subprocess
import sys
import time
from pathlib import Path

import yaml

from pipeline.privacy.deduce_names import find_names_deduce
from pipeline.privacy.detect import KnownNames, find_person_spans
from pipeline.privacy.evaluation import read_gold, score
from pipeline.privacy.evidence import CorpusEvidence
from pipeline.privacy.lexicon import load_lexicon
from pipeline.privacy.speakers import parse_speaker

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold" / "names" / "snippets.csv"
OUT = ROOT / "benchmarks" / "results" / "eval_pseudonymize.json"
REAL_GOLD = ROOT / "benchmarks" / "gold" / "names" / "names.json"
REAL_OUT = ROOT / "benchmarks" / "results" / "eval_pseudonymize_real.json"

# name: (method, use speaker labels, use corpus evidence); "deduce_raw" is deduce's name
# annotators untouched, "deduce" the same after the project's filter of titles, places and
# organisations (`pipeline.privacy.detect`).
VARIANTS = {
    "deduce_raw": ("deduce_raw", False, False),
    "deduce": ("deduce", False, False),
    "rules": ("rules", True, True),
    "combined": ("combined", True, True),
    "rules_without_speakers": ("rules", False, True),
    "rules_without_evidence": ("rules", True, False),
    "deduce_with_speakers_and_evidence": ("deduce", True, True),
}


def finder(method: str, with_speakers: bool, evidence: CorpusEvidence | None):
    lexicon = load_lexicon()

    def find(text: str, speakers: list[str]):
        if method == "deduce_raw":
            return find_names_deduce(text)
        names = [parse_speaker(s, lexicon=lexicon).name for s in speakers]
        known = KnownNames([n for n in names if n], lexicon=lexicon) if with_speakers else None
        return find_person_spans(
            text, method=method, known=known, evidence=evidence, lexicon=lexicon
        )

    return find


def _run(data: Path, out: Path, key_dir: Path, workers: int) -> str:
    """`kruispunt run` with pseudonymisation over `data`; returns its stdout and stderr."""
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params["ingest"]["pseudonymize"] = True
    params_file = key_dir.parent / "params_pseudonymize.yaml"
    params_file.parent.mkdir(parents=True, exist_ok=True)
    params_file.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    command = [sys.executable, "-m", "pipeline", "run", str(data), "--out", str(out)]
    command += ["--key-dir", str(key_dir), "--params", str(params_file)]
    command += ["--workers", str(workers)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    print(f"{' '.join(command)}: exit {done.returncode} in {time.perf_counter() - started:.0f}s")
    if done.returncode != 0:
        sys.exit(done.stdout + done.stderr)
    return done.stdout + done.stderr


def _private_modes(key_dir: Path) -> dict[str, str]:
    """Modes of the key folder and everything in it that is not owner-only."""
    paths = [key_dir, *key_dir.rglob("*")]
    loose = [p for p in paths if stat.S_IMODE(p.stat().st_mode) & 0o077]
    return {
        "key_dir": oct(stat.S_IMODE(key_dir.stat().st_mode)),
        "key_file": oct(stat.S_IMODE((key_dir / "pseudonym_key.csv").stat().st_mode)),
        "not_owner_only": [str(p) for p in loose],
    }


def main_real(args: argparse.Namespace) -> None:
    """Pseudonymise the real records and search every output for every gold name."""
    import pandas as pd
    from real_data import data_root, write_results
    from real_names import (
        find_leaks,
        load_people,
        output_texts,
        recall,
        role_counts,
        role_replacements,
    )

    from pipeline.ingest import ingest_folder
    from pipeline.params import IngestParams

    data, out = data_root(args.data), Path(args.out).absolute()
    key_dir = Path(args.key_dir or out.parent / f"{out.name}-private").absolute()
    log_file = out.parent / f"{out.name}.log"  # the run's stdout and stderr, kept to search
    if not args.reuse:
        log_file.write_text(_run(data, out, key_dir, args.workers), encoding="utf-8")
    log = log_file.read_text(encoding="utf-8") if log_file.exists() else ""

    # Every gold name against every output.
    people = load_people(REAL_GOLD)
    searched: list[str] = []
    texts = ((w, t) for w, t in output_texts(out, {"run log": log}) if not searched.append(w))
    find_leaks(people, texts)
    figures = {"data": str(data), "out": str(out), "key_dir": str(key_dir)}
    figures["searched"] = len(searched)
    print(f"searched {len(searched)} files and zip members under {out}, and the run's log")
    for kind in ("speaker", "text"):
        figures[kind] = recall(people, kind)
        print(
            f"{kind:8s} recall {figures[kind]['recall']:.4f} ({figures[kind]['leaked']} of "
            f"{figures[kind]['names']} names leaked)"
        )
    figures["leaks"] = {p.name: {"kind": p.kind, "n": len(p.leaks), "examples": p.leaks[:5]}
                        for p in people if p.leaks}  # fmt: skip
    for person in people:
        for where, context in person.leaks[: args.show]:
            print(f"  leak {person.kind} {person.name!r} in {where}: ...{context}...")

    # Role words and institutions: never in the key, never fewer after than before.
    key = pd.read_csv(key_dir / "pseudonym_key.csv", keep_default_na=False)
    roles = role_replacements(key)
    cache = key_dir / "cache" / "ingest"
    before = ingest_folder(data, params=IngestParams(pseudonymize=True), cache_dir=cache)
    after = pd.read_parquet(out / "data" / "interim" / "documents.parquet")
    counts = role_counts(list(before.documents["text"]), list(after["text"]))
    lost = sum(max(0, c["original"] - c["pseudonymised"]) for c in counts.values())
    figures["role_words"] = {"replaced_in_key": int(roles["n_replacements"].sum()),
                             "key_rows": roles.to_dict("records"), "counts": counts,
                             "lost": lost}  # fmt: skip
    print(
        f"role words replaced (key): {figures['role_words']['replaced_in_key']}; "
        f"occurrences lost: {lost}; {counts}"
    )
    figures["private"] = _private_modes(key_dir)
    figures["key_outside_out"] = not key_dir.resolve().is_relative_to(out.resolve())
    print(f"private folder: {figures['private']}; outside --out: {figures['key_outside_out']}")
    write_results(REAL_OUT, figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--real", action="store_true", help="measure on the real records")
    parser.add_argument("--data", default=None, help="dev data root (--real)")
    parser.add_argument("--out", default="/tmp/kruispunt-eval-pseudonymize/run")
    parser.add_argument("--key-dir", default=None, help="default: OUT-private next to OUT")
    parser.add_argument("--reuse", action="store_true", help="search an existing run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show", type=int, default=3, help="leak contexts shown per name")
    args = parser.parse_args()
    if args.real:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        main_real(args)
        return
    gold = read_gold(GOLD)
    find_person_spans("Opwarmen met Fatima.", method="combined")  # load lexicon and deduce
    results: dict = {"gold": str(GOLD.relative_to(ROOT)), "snippets": len(gold), "methods": {}}
    # The gold snippets stand in for a corpus: corpus evidence is fitted on all of them.
    evidence = CorpusEvidence().fit(gold.text)
    for name, (method, with_speakers, with_evidence) in VARIANTS.items():
        find = finder(method, with_speakers, evidence if with_evidence else None)
        started = time.perf_counter()
        summary, details = score(gold, find)
        seconds = time.perf_counter() - started
        by_split = {
            split: score(gold[gold.split == split], find)[0]
            for split in sorted(gold.split.unique())
        }
        results["methods"][name] = {
            **summary,
            "seconds": round(seconds, 3),
            "by_split": by_split,
            "errors": details[(details.missed != "") | (details.extra != "")].to_dict("records"),
        }
        print(
            f"{name:24s} precision {summary['precision']:.3f}  recall {summary['recall']:.3f}  "
            f"f1 {summary['f1']:.3f}  names hidden {summary['name_recall']:.3f}  "
            + "  ".join(
                f"[{s}: P {v['precision']:.2f} R {v['recall']:.2f}]" for s, v in by_split.items()
            )
        )
        if args.show_errors:
            for error in results["methods"][name]["errors"]:
                missed, extra = error["missed"], error["extra"]
                print(f"    {error['snippet_id']}: missed {missed!r} extra {extra!r}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
