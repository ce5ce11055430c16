"""Benchmark the associate stage on real Dutch reports against the association gold.

Every gold file in benchmarks/gold/associations/ (see its README.md) names one document of
the dev data root (option --data, else $KRUISPUNT_REAL_DATA, else ../shared/data/real next
to the repo), the focal terms it is about, and the associates the text itself ties to
them. The gold documents are copied to a temporary folder (without the `# Source URL:`
header line that the dev set put above each page excerpt) and run through kruispunt's own
stages: `ingest` -> `annotate` -> `associate`, with the params of params.yaml except that
`associate.terms` are the gold's terms (and what the method sets). The caches are off.

For each method, term and ranking measure of associations.csv (pmi, log_dice,
log_likelihood, signed_log_likelihood, t_score: higher first; fisher_p: lower first; `order`:
the table's own order, with its deliberate tie-breaks) it prints recall@10 and recall@20 of
the gold associates. Stated associations (column `stated`) rank before the rest, as in the
table. A row matches a gold associate when its `associate` (lowercased) equals it, or its
`surface` when the table has one. Ties are broken at random and the EXPECTED recall is
reported, computed exactly (`expected_recall`): a tie group straddling the cut-off holds
each of its rows inside with probability slots_left / group_size.

Below the terms come `mean` (over terms) and `pooled` (over all gold associations).

Methods (the rest of the associate section is params.yaml's):
- sentence, old defaults: sentence units, `min_count: 2`, `min_cooc: 2`, verbs allowed, no
  stated tier: the defaults before issue 18;
- sentence, segment, discourse: that unit with the current defaults, no stated tier;
- discourse+stated: the current default.

Figures go to benchmarks/results/associations.json.

Usage: .venv/bin/python benchmarks/bench_associations.py [--data DIR] [--only SUBSTRING]
       [--out FILE] [--params FILE]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from real_data import data_root, write_results

from pipeline.params import Params, ParamsError, parse_params

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(__file__).resolve().parent / "gold" / "associations"
RESULTS = Path(__file__).resolve().parent / "results" / "associations.json"
MEASURES = (
    "pmi", "log_dice", "log_likelihood", "signed_log_likelihood", "t_score", "fisher_p", "order"
)  # fmt: skip
LOWER_FIRST = {"fisher_p"}  # the other measures rank higher first; `order` is the table's own
CUTOFFS = (10, 20)
MAX_EVIDENCE_WORDS = 12
SOURCE_HEADER = "# Source URL:"  # line 1 of the dev set's page excerpts, not the report's
# Method name -> what it sets in the associate section of params.yaml.
OLD_DEFAULTS = {"min_count": 2, "min_cooc": 2, "content": "nouns-adjectives-verbs"}
METHODS: dict[str, dict] = {
    "sentence, old defaults": {"context": "sentence", "stated": False, **OLD_DEFAULTS},
    "sentence": {"context": "sentence", "stated": False},
    "segment": {"context": "segment", "stated": False},
    "discourse": {"context": "discourse", "stated": False},
    "discourse+stated": {"context": "discourse", "stated": True},
}


def load_gold(path: Path) -> dict:
    """One gold file as a dict (`document`, `terms`, `associations`)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_golds(folder: Path = GOLD_DIR, only: str = "") -> list[dict]:
    """Every gold file in `folder` whose name contains `only`, sorted by name."""
    return [load_gold(p) for p in sorted(Path(folder).glob("*.json")) if only in p.stem]


def check_gold(gold: dict) -> list[str]:
    """The problems of one gold file's form (an empty list when it is well-formed)."""
    problems = []
    if set(gold) != {"document", "terms", "associations"}:
        problems.append(f"keys {sorted(gold)}; want document, terms, associations")
        return problems
    if not isinstance(gold["terms"], dict) or not gold["terms"]:
        problems.append("terms must be a non-empty mapping")
    seen = set()
    for i, entry in enumerate(gold["associations"]):
        if set(entry) != {"term", "associate", "evidence", "document"}:
            problems.append(f"entry {i}: keys {sorted(entry)}")
            continue
        if entry["term"] not in gold["terms"]:
            problems.append(f"entry {i}: term {entry['term']!r} not among the gold's terms")
        if entry["associate"] != entry["associate"].strip().lower() or not entry["associate"]:
            problems.append(f"entry {i}: associate {entry['associate']!r} is not a lowercase lemma")
        if entry["document"] != gold["document"]:
            problems.append(f"entry {i}: document differs from the file's document")
        if not 0 < len(entry["evidence"].split()) <= MAX_EVIDENCE_WORDS:
            problems.append(f"entry {i}: evidence must have 1..{MAX_EVIDENCE_WORDS} words")
        if (entry["term"], entry["associate"]) in seen:
            problems.append(f"entry {i}: duplicate {entry['term']}/{entry['associate']}")
        seen.add((entry["term"], entry["associate"]))
    return problems


def normalise_space(text: str) -> str:
    """Text with every run of whitespace made one space."""
    return " ".join(text.split())


def expected_recall(
    ranking: Iterable[tuple[Iterable[str], float]], gold: set[str], k: int, digits: int = 9
) -> float:
    """Expected recall@k of `gold` in a ranking with ties broken uniformly at random.

    Args:
        ranking: One `(names, score)` per row; `names` are the strings the row matches
            (its lemma, and its surface form when there is one). Higher scores rank first.
        gold: The gold associates.
        k: The cut-off.
        digits: Scores equal when rounded to this many digits form one tie group.

    Returns:
        The expected share of `gold` among the top k. A tie group that fits inside the top k
        counts whole; for the group straddling the cut-off each row is inside with
        probability slots_left / group_size. A gold associate matched by several rows
        counts once, with its best chance.
    """
    if not gold:
        return 0.0
    groups: dict[tuple[int, float], list[set[str]]] = {}
    for names, score in ranking:
        tier, value = score if isinstance(score, tuple) else (0, score)
        key = (int(tier), round(float(value), digits))
        groups.setdefault(key, []).append({n.lower() for n in names})
    chance = dict.fromkeys(gold, 0.0)
    used = 0
    for score in sorted(groups, reverse=True):
        rows = groups[score]
        inside = min(1.0, max(0, k - used) / len(rows))
        if inside <= 0:
            break
        for names in rows:
            for name in names & gold:
                chance[name] = max(chance[name], inside)
        used += len(rows)
    return sum(chance.values()) / len(gold)


def method_params(raw: dict, terms: dict, settings: dict) -> Params:
    """params.yaml's mapping with the gold's terms and a method's settings, validated.

    Raises:
        ParamsError: If the params do not accept the method's settings (not built yet).
    """
    raw = json.loads(json.dumps(raw))
    raw.setdefault("associate", {})
    raw["associate"].update({**settings, "terms": terms})
    return parse_params(raw)


def strip_header(text: str) -> str:
    """A page excerpt without the header line the dev set added (`# Source URL: ...`)."""
    first, _, rest = text.partition("\n")
    return rest if first.startswith(SOURCE_HEADER) else text


def prepare(golds: list[dict], root: Path, tmp: Path, raw: dict, terms: dict) -> Path:
    """Ingest and annotate copies of the gold documents in `tmp`; returns the interim folder."""
    from pipeline.annotate.stage import annotate
    from pipeline.ingest.stage import ingest

    source, interim = tmp / "input", tmp / "interim"
    source.mkdir()
    interim.mkdir()
    for gold in golds:
        doc = root / gold["document"]
        (source / doc.name).write_text(strip_header(doc.read_text(encoding="utf-8")), "utf-8")
    params = method_params(raw, terms, METHODS["sentence"])
    ingest(source, interim, params, cache_dir=None)
    annotate(interim, params, cache_dir=None)
    return interim


def score_table(table: pd.DataFrame, golds: list[dict]) -> dict:
    """Per term and measure: recall@k of its gold associates in one associations table."""
    surface = "surface" in table.columns
    out = {}
    for term in sorted({e["term"] for g in golds for e in g["associations"]}):
        gold = {e["associate"] for g in golds for e in g["associations"] if e["term"] == term}
        rows = table[table["term"] == term]
        names = [
            [str(r.associate), *([str(r.surface)] if surface and pd.notna(r.surface) else [])]
            for r in rows.itertuples()
        ]
        found = {n.lower() for ns in names for n in ns} & gold
        figures = {"n_gold": len(gold), "n_rows": len(rows), "n_gold_in_table": len(found)}
        stated = rows["stated"].notna().to_numpy() if "stated" in rows else [False] * len(rows)
        for measure in MEASURES:
            values = -np.arange(len(rows)) if measure == "order" else rows[measure].to_numpy()
            values = -values if measure in LOWER_FIRST else values
            ranking = list(zip(names, zip(stated, values, strict=True), strict=True))
            figures[measure] = {
                f"recall@{k}": round(expected_recall(ranking, gold, k), 4) for k in CUTOFFS
            }
        out[term] = figures
    return out


def run_method(name: str, interim: Path, tmp: Path, raw: dict, terms: dict, golds) -> dict:
    """Associate with one method's params and score it; `status` says if it could run."""
    from pipeline.associate.stage import associate

    try:
        params = method_params(raw, terms, METHODS[name])
    except ParamsError as err:
        reason = str(err).splitlines()[-1][:120]
        return {"status": "not implemented yet", "reason": reason}
    processed = tmp / f"processed_{len(list(tmp.glob('processed_*')))}"
    processed.mkdir()
    associate(interim, processed, params)
    table = pd.read_csv(processed / "associations.csv", keep_default_na=False, na_values=[""])
    return {"status": "ok", "settings": METHODS[name], "terms": score_table(table, golds)}


def summary(result: dict, pooled: bool = False) -> dict:
    """Each measure's recall@k over the terms: their mean, or pooled over all gold entries."""
    terms = list(result["terms"].values())
    weights = [t["n_gold"] if pooled else 1 for t in terms]
    return {
        m: {
            f"recall@{k}": round(
                sum(w * t[m][f"recall@{k}"] for w, t in zip(weights, terms, strict=True))
                / sum(weights),
                4,
            )
            for k in CUTOFFS
        }
        for m in MEASURES
    }


def print_method(name: str, result: dict) -> None:
    """The table of one method."""
    print(f"\n== {name}")
    if result["status"] != "ok":
        print(f"   not implemented yet ({result['reason']})")
        return
    head = "".join(f"{m:>20}" for m in MEASURES)
    print(f"{'term':<18} {'gold':>4} {'in':>3} {'rows':>5}{head}   (recall@10 / @20)")
    totals = [(key, {**result[key], "n_gold": ""}) for key in ("mean", "pooled")]
    rows = [*result["terms"].items(), *totals]
    for term, fig in rows:
        cells = "".join(
            f"{fig[m]['recall@10']:>13.2f} /{fig[m]['recall@20']:>5.2f}" for m in MEASURES
        )
        counts = (
            f"{fig['n_gold']:>4} {fig.get('n_gold_in_table', ''):>3} {fig.get('n_rows', ''):>5}"
        )
        print(f"{term:<18} {counts}{cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="dev data root (default: see above)")
    parser.add_argument("--gold", default=str(GOLD_DIR), help="folder of gold files")
    parser.add_argument("--only", default="", help="only gold files whose name contains this")
    parser.add_argument("--out", default=str(RESULTS), help="where the JSON goes")
    parser.add_argument("--params", default=str(REPO / "params.yaml"), help="params file")
    args = parser.parse_args()
    root = data_root(args.data)
    golds = load_golds(Path(args.gold), args.only)
    terms = {t: spec for g in golds for t, spec in g["terms"].items()}
    raw = yaml.safe_load(Path(args.params).read_text(encoding="utf-8")) or {}
    methods = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        interim = prepare(golds, root, tmp, raw, terms)
        for method in METHODS:
            methods[method] = run_method(method, interim, tmp, raw, terms, golds)
            if methods[method]["status"] == "ok":
                methods[method]["mean"] = summary(methods[method])
                methods[method]["pooled"] = summary(methods[method], pooled=True)
            print_method(method, methods[method])
    figures = {
        "data_root": str(root),
        "documents": [g["document"] for g in golds],
        "n_gold": sum(len(g["associations"]) for g in golds),
        "methods": methods,
    }
    write_results(args.out, figures)


if __name__ == "__main__":
    main()
