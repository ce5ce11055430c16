"""Benchmark `kruispunt compare` on real records: a two-coder hand coding against kruispunt.

The gold (`benchmarks/gold/coding/`, see its README) codes six real Dutch documents by hand,
two coders, codes of `data/coded/hand_coding.yaml`: three page excerpts (.txt; codings as
offsets and SHA-1) and three page ranges of Den Haag minutes (pypdf's text, pages joined by
newlines). In a temporary folder only, it writes the texts, builds the `.qdpx` with
`data/coded/build_coded_project.py` (schema-validated), runs `kruispunt run` (the repo's
params.yaml, compare settings set) and `kruispunt compare` (unit segment, sentence) with
`configs/codebook.yaml` and the mapping `data/coded/mapping.yaml`.

It prints and writes per unit: sources matched, codings mapped exactly, kappa, alpha and F1
per pair (human vs codebook, vs term codes, human vs human), codebook codes' mean kappa, and
per codebook pair the units missed and over-coded, with the rule words fired on the latter;
`--show N` prints N disagreement quotes per pair.

Usage: .venv/bin/python benchmarks/bench_compare.py [--data DIR] [--work DIR] [--show N] [--out F]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pypdf
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "data" / "coded"))

import build_coded_project as bcp  # noqa: E402
from real_data import data_root, write_results  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold" / "coding"
CODEBOOK = ROOT / "configs" / "codebook.yaml"
RESULTS = ROOT / "benchmarks" / "results" / "compare.json"
UNITS = ("segment", "sentence")
BRANCH = "codeboek/"
# The gold's codes are hand_coding.yaml's: its mapping applies as it is.
MAPPING = ROOT / "data" / "coded" / "mapping.yaml"


def load_gold(folder: Path = GOLD) -> list[dict]:
    """The gold files: doc, optional pages, input_name and codings, in file-name order."""
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]


def document_bytes(gold: dict, root: Path) -> bytes:
    """The text a gold file was coded on: the file's bytes, or pypdf's text of its pages."""
    path = root / gold["doc"]
    if "pages" not in gold:
        return path.read_bytes()
    first, last = gold["pages"]
    pages = pypdf.PdfReader(str(path)).pages[first - 1 : last]
    return "\n".join(page.extract_text() for page in pages).encode("utf-8")


def with_quote(coding: dict, text: str) -> dict:
    """A gold coding with its quote: as given, or text[start:end] verified by its sha1."""
    if "quote" in coding:
        return coding
    quote = text[coding["start"] : coding["end"]]
    if hashlib.sha1(quote.encode("utf-8")).hexdigest() != coding["sha1"]:
        sys.exit(f"gold text changed, sha1 of text[start:end] differs: {coding}")
    # bcp.locate finds this span as the occurrence of its start.
    nth = 1 + sum(text.startswith(quote, i) for i in range(coding["start"]))
    return {**coding, "quote": quote, "occurrence": nth}


def build_qdpx(golds: list[dict], input_dir: Path, target: Path) -> list[dict]:
    """Build and validate the gold's project (sources named as input files); its codings."""
    base = yaml.safe_load(bcp.CODING_FILE.read_text(encoding="utf-8"))
    docs = [g["input_name"] for g in golds]
    texts = {doc: bcp.read_text(str(input_dir / doc)) for doc in docs}
    codings = [
        {**with_quote(c, texts[g["input_name"]]), "doc": g["input_name"]}
        for g in golds
        for c in g["codings"]
    ]
    spec = {"codebook": base["codebook"], "coders": base["coders"], "codings": codings}
    resolved = bcp.resolve_codings(spec, texts)
    xml, guids = bcp.build_project(spec, resolved, docs)
    xml = xml.replace(b"data/coded/README.md", b"benchmarks/gold/coding/README.md")
    bcp.validate(xml)
    # RAW / an absolute path is that path: sources are read from the input folder.
    target.write_bytes(bcp.zip_project(xml, {str(input_dir / d): g for d, g in guids.items()}))
    return resolved


def write_params(target: Path, **compare: object) -> Path:
    """The repo's params.yaml with the given `compare` settings, written to target."""
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params["compare"].update({k: str(v) if isinstance(v, Path) else v for k, v in compare.items()})
    target.write_text(yaml.safe_dump(params, allow_unicode=True, sort_keys=False), "utf-8")
    return target


def kruispunt(*args: str) -> None:
    """Run the kruispunt command line in the repo; stop loudly when it fails."""
    exe = str(Path(sys.executable).parent / "kruispunt")
    proc = subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"kruispunt {args[0]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")


def pair_kind(row: pd.Series) -> str:
    """human-human, human-codebook (codeboek/ branch) or human-term."""
    if row["kind"] == "human-human":
        return "human-human"
    return "human-codebook" if str(row["code_b"]).startswith(BRANCH) else "human-term"


def figures_of(processed: Path) -> dict:
    """Sources, mapping, per-pair agreement and codebook means from one compare run."""
    report = json.loads((processed / "compare_report.json").read_text(encoding="utf-8"))
    agreement = pd.read_csv(processed / "agreement.csv")
    agreement["group"] = agreement.apply(pair_kind, axis=1)
    cols = ["coder_a", "code_a", "coder_b", "code_b", "units", "n_a", "n_b", "n_both"]
    cols += ["kappa", "alpha", "precision", "recall", "f1"]
    pairs = {
        group: rows[cols].round(3).astype(object).where(rows[cols].notna(), None).to_dict("records")
        for group, rows in agreement.groupby("group")
    }
    book = agreement[agreement["group"] == "human-codebook"]
    means = book.groupby(["code_b", "code_a"])["kappa"].mean().round(3)
    sources = report["sources"]
    return {
        "sources": len(sources),
        "sources_matched": sum(s["doc_id"] is not None for s in sources),
        "matched_by": dict(Counter(s["matched_by"] for s in sources)),
        "codings": report["codings"],
        "unmapped": len(report["unmapped"]),
        "pairs": pairs,
        "codebook_mean_kappa": [
            {"codebook_code": b, "human_code": a, "mean_kappa": None if pd.isna(k) else k}
            for (b, a), k in means.items()
        ],
    }


def base_code(code_b: str) -> str:
    """The deductive code of a codebook branch code (`codeboek/maatwerk [2]`: `maatwerk`)."""
    return re.sub(r" \[\d+\]$", "", code_b.removeprefix(BRANCH))


def overlapping_words(unit: pd.Series, deductive: pd.DataFrame) -> list[str]:
    """The matched words of the deductive codings of a unit's code that overlap the unit."""
    rows = deductive[
        (deductive["code"] == base_code(unit["code_b"]))
        & (deductive["doc_id"] == unit["doc_id"])
        & (deductive["char_start"] < unit["char_end"])
        & (deductive["char_end"] > unit["char_start"])
    ]
    return [w.lower() for m in rows["matched"] for w in str(m).split(";") if w]


def disagreement_summary(processed: Path, show: int) -> list[dict]:
    """Per codebook pair: units missed (human only) and over-coded, with rule words fired.

    Counts from the agreement table; words from the listed disagreements (at most
    `compare.max_disagreements` per pair).
    """
    agreement = pd.read_csv(processed / "agreement.csv")
    book = agreement[agreement.apply(pair_kind, axis=1) == "human-codebook"]
    dis = pd.read_csv(processed / "disagreements.csv")
    deductive = pd.read_parquet(processed / "deductive_codings.parquet")
    out, key = [], ["coder_a", "code_a", "code_b"]
    for _, pair in book.iterrows():
        rows = dis[(dis["kind"] == "human-kruispunt") & (dis[key] == pair[key]).all(axis=1)]
        over = rows[rows["coded_by"] == "b"]
        words = Counter(w for _, u in over.iterrows() for w in overlapping_words(u, deductive))
        item = dict(zip(("coder", "human_code", "codebook_code"), pair[key], strict=True))
        item["missed"] = int(pair["n_a"] - pair["n_both"])
        item["over_coded"] = int(pair["n_b"] - pair["n_both"])
        out.append({**item, "over_coded_rule_words": dict(words.most_common())})
        for _, u in rows.head(show).iterrows():
            who = "MISSED" if u["coded_by"] == "a" else "OVER"
            head = f"[{pair['coder_a']} {pair['code_a']} ~ {pair['code_b']}] {who}"
            print(f"  {head}: {str(u['quote'])[:160]!r}")
    return out


def deductive_summary(processed: Path) -> list[dict]:
    """What the codebook coded in the run: code, rule, matched words, span length."""
    d = pd.read_parquet(processed / "deductive_codings.parquet")
    d["chars"] = d["char_end"] - d["char_start"]
    return d[["code", "doc_id", "rules", "matched", "chars"]].astype(object).to_dict("records")


def print_figures(unit: str, fig: dict) -> None:
    """Print one unit's figures as compact tables."""
    c = fig["codings"]
    print(f"\n== unit {unit}: sources matched {fig['sources_matched']}/{fig['sources']} ")
    print(f"   codings mapped {c['mapped']}/{c['total']}, exactly {c['mapped_exactly']}")
    for group, rows in fig["pairs"].items():
        print(f"-- {group}")
        for r in rows:
            cells = [r[k] for k in ("coder_a", "code_a", "code_b", "n_a", "n_b", "n_both")]
            print("  ", *cells, f"k={r['kappa']} a={r['alpha']} f1={r['f1']}", sep=" | ")
    print("-- codebook code: mean kappa over coder_a and coder_b")
    for r in fig["codebook_mean_kappa"]:
        print("  ", *r.values(), sep=" | ")


def main(argv: list[str] | None = None) -> int:
    """Build the gold project, run kruispunt on the real documents, compare, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="dev data root (../shared/data/real)")
    parser.add_argument("--work", help="work folder (default: a temp folder)")
    parser.add_argument("--show", type=int, default=0, help="disagreement quotes per pair")
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)
    root = data_root(args.data)
    with tempfile.TemporaryDirectory(prefix="bench_compare_") as tmp:
        work = Path(args.work or tmp)
        (inp := work / "in").mkdir(parents=True, exist_ok=True)
        golds = load_gold()
        for g in golds:
            (inp / g["input_name"]).write_bytes(document_bytes(g, root))
        qdpx, mapping, out = work / "gold.qdpx", work / "mapping.yaml", work / "out"
        processed = out / "data" / "processed"
        codings = build_qdpx(golds, inp, qdpx)
        mapping.write_bytes(MAPPING.read_bytes())
        given = {"coded_project": qdpx, "codebook": CODEBOOK, "mapping": mapping}
        params = {u: write_params(work / f"params_{u}.yaml", **given, unit=u) for u in UNITS}
        kruispunt("run", str(inp), "--out", str(out), "--params", str(params["segment"]))
        results = {
            "documents": [{k: g.get(k) for k in ("doc", "pages", "input_name")} for g in golds],
            "gold_codings": dict(Counter(c["coder"] for c in codings)),
        }
        for unit in UNITS:
            kruispunt(
                "compare", "--coded", str(qdpx), "--root", str(out), "--codebook",
                str(CODEBOOK), "--mapping", str(mapping), "--params", str(params[unit]),
            )  # fmt: skip
            results[unit] = fig = figures_of(processed)
            print_figures(unit, fig)
            fig["codebook_disagreements"] = disagreement_summary(processed, args.show)
        results["deductive_codings"] = deductive_summary(processed)
    write_results(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
