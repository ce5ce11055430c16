"""Precision and recall of the name finders on the gold set of Dutch meeting snippets.

Compares deduce (its name annotators alone, as a user would run it), the project's own rules
(speaker labels, name lists, capitalisation, word use across the corpus) and their union,
side by side on the same snippets. Extra rows separate what the speaker labels and the
corpus evidence contribute.

Run: `.venv/bin/python benchmarks/eval_pseudonymize.py [--show-errors]`
Writes: benchmarks/results/eval_pseudonymize.json
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from pipeline.privacy.deduce_names import find_names_deduce
from pipeline.privacy.detect import KnownNames, find_person_spans
from pipeline.privacy.evaluation import read_gold, score
from pipeline.privacy.evidence import CorpusEvidence
from pipeline.privacy.lexicon import load_lexicon
from pipeline.privacy.speakers import parse_speaker

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold" / "names" / "snippets.csv"
OUT = ROOT / "benchmarks" / "results" / "eval_pseudonymize.json"

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


def main() -> None:
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
        if "--show-errors" in sys.argv:
            for error in results["methods"][name]["errors"]:
                missed, extra = error["missed"], error["extra"]
                print(f"    {error['snippet_id']}: missed {missed!r} extra {extra!r}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
