"""Benchmark long text through the whole `kruispunt run`: one file, one folder, per case.

The four inputs of issue 22 that once stopped the batch, each written from the sentences
of `data/raw` (read by the ingest, cut at sentence ends, shuffled from a fixed seed):

- `a`: a single-line `.txt` of `--mb` MB (40 by default), no newline at all;
- `b`: a UTF-16 `.txt` that reads as one line (`--utf16-chars`, 2,000,000: about 4 MB);
- `c`: a PDF whose text layer has no paragraph breaks (about 1 MB of text, written as the
  fuzz folder's `pdf-no-breaks` file is, by `tests/ingest_files.write_pdf`);
- `d`: a transcript of ordinary turns with one speaker turn of 1,000,000 characters.

Each runs as `kruispunt run IN --out OUT --params P` in a child process, with P the
repository's params.yaml with the compare section's project, codebook and mapping set to
null (they name the example corpus) and all else as it is. Measured per case: the exit
code, wall time, peak RSS of the process tree (`tests/child_process.run_measured`), the
seconds per stage (parsed from the summary the run prints), and whether the document was
annotated: its doc_id has tokens in data/interim/tokens.parquet and is in neither
annotate_failures.json nor reports/failures.json.

Prints each case and updates benchmarks/results/long_text.json (cases not run this time
keep their earlier figures).

Usage: .venv/bin/python benchmarks/bench_long_text.py [--cases d,b,c,a] [--mb 40]
    [--utf16-chars 2000000] [--seed 22] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from child_process import run_measured  # noqa: E402
from ingest_files import TURNS, render_txt, write_pdf  # noqa: E402

from pipeline.ingest import ingest_folder  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "long_text.json"
KRUISPUNT = Path(sys.executable).parent / "kruispunt"
CASES = {
    "a": "single-line .txt",
    "b": "UTF-16 one line",
    "c": "PDF without paragraph breaks",
    "d": "one turn of 1,000,000 characters",
}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
STAGE_TIME = re.compile(r"(\w+) ([\d.]+)s")


def sentences() -> list[str]:
    """The sentences of the ingested `data/raw` transcripts, on one line each.

    Returns:
        Every sentence of three words or more, in reading order, duplicates kept once.
    """
    segments = ingest_folder(ROOT / "data" / "raw").segments
    found = []
    for text in segments["text"]:
        found += [" ".join(s.split()) for s in SENTENCE_END.split(text)]
    return list(dict.fromkeys(s for s in found if len(s.split()) >= 3))


def prose(pool: list[str], n_chars: int, *, seed: int) -> str:
    """Shuffled sentences joined by spaces, cut to exactly `n_chars` at a word end if any.

    Args:
        pool: The sentences to draw from.
        n_chars: Length of the text.
        seed: Seed of the shuffles.

    Returns:
        One line of text without a newline.
    """
    rng = random.Random(seed)
    parts, size = [], 0
    while size < n_chars:
        batch = pool[:]
        rng.shuffle(batch)
        parts += batch
        size += sum(len(s) + 1 for s in batch)
    text = " ".join(parts)[:n_chars]
    return text[:-1] + "." if text.endswith(" ") else text


def _latin1(text: str) -> str:
    """Text the PDF's built-in Helvetica can write: accents kept, other marks folded."""
    marks = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"'}
    text = text.translate(str.maketrans({**marks, "\u201d": '"', "\u20ac": "EUR"}))
    return "".join(c if ord(c) < 256 else _ascii(c) for c in text)


def _ascii(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[0]
    return base if ord(base) < 128 else "?"


def write_case(case: str, folder: Path, pool: list[str], args: argparse.Namespace) -> str:
    """Write one case's input file into an empty folder.

    Args:
        case: `a`, `b`, `c` or `d` (see the module docstring).
        folder: The input folder to create.
        pool: Sentences to write the text from.
        args: The command-line options (`mb`, `utf16_chars`, `seed`).

    Returns:
        The file's path relative to the folder: the document's doc_id.
    """
    folder.mkdir(parents=True)
    if case == "a":
        name = "een_regel.txt"
        (folder / name).write_text(prose(pool, int(args.mb * 1e6), seed=args.seed), "utf-8")
    elif case == "b":
        name = "utf16_regel.txt"
        text = prose(pool, args.utf16_chars, seed=args.seed)
        (folder / name).write_bytes(text.encode("utf-16"))
    elif case == "c":
        name = "zonder_alinea.pdf"
        text = _latin1(prose(pool, 1_000_000, seed=args.seed))
        write_pdf(folder / name, [[text]], running=False)
    else:
        name = "lange_beurt.txt"
        turn = "Jan de Vries: " + prose(pool, 1_000_000, seed=args.seed)
        body = render_txt(TURNS) + "\n" + turn + "\n\n" + render_txt(TURNS[::-1])
        (folder / name).write_text(body, "utf-8")
    return name


def _params(scratch: Path) -> Path:
    """params.yaml without the example corpus's compare inputs."""
    params = yaml.safe_load((ROOT / "params.yaml").read_text("utf-8"))
    params["compare"].update(coded_project=None, codebook=None, mapping=None)
    path = scratch / "params.yaml"
    path.write_text(yaml.safe_dump(params, sort_keys=False), "utf-8")
    return path


def stage_seconds(stdout: str) -> dict[str, float]:
    """Seconds per stage from the `ran on: ...; ingest 1.0s, ... (total 9.9s)` line.

    Args:
        stdout: What `kruispunt run` printed.

    Returns:
        Stage name to seconds, in the order printed; empty without a summary.
    """
    line = next((ln for ln in stdout.splitlines() if ln.strip().startswith("ran on:")), "")
    timing = line.split(";", 1)[-1].split("(total")[0] if line else ""
    return {name: float(sec) for name, sec in STAGE_TIME.findall(timing)}


def _failures(out: Path) -> list[dict]:
    rows = []
    for path in (out / "data/interim/annotate_failures.json", out / "reports/failures.json"):
        if path.exists():
            rows += json.loads(path.read_text("utf-8"))
    return rows


def annotation(out: Path, doc_id: str) -> dict:
    """Whether `doc_id` was annotated: its tokens, segments and any failure rows.

    Args:
        out: The run's output folder.
        doc_id: The document.

    Returns:
        `annotated`, `tokens`, `segments`, `longest_segment_chars`, `doc_chars`,
        `failures` (rows naming the document), `ingest_status`.
    """
    interim = out / "data" / "interim"
    tokens_path, segments_path = interim / "tokens.parquet", interim / "segments.parquet"
    n_tokens = 0
    if tokens_path.exists():
        ids = pd.read_parquet(tokens_path, columns=["doc_id"])["doc_id"]
        n_tokens = int((ids == doc_id).sum())
    lengths = pd.Series(dtype=int)
    if segments_path.exists():
        seg = pd.read_parquet(segments_path, columns=["doc_id", "text"])
        lengths = seg.loc[seg["doc_id"] == doc_id, "text"].str.len()
    failed = [row for row in _failures(out) if row.get("doc_id") == doc_id]
    report = interim / "ingest_report.json"
    rows = json.loads(report.read_text("utf-8")) if report.exists() else []
    return {
        "annotated": n_tokens > 0 and not failed,
        "tokens": n_tokens,
        "segments": len(lengths),
        "longest_segment_chars": int(lengths.max()) if len(lengths) else 0,
        "doc_chars": int(lengths.sum()),
        "failures": failed,
        "ingest_status": next((r["status"] for r in rows if r["path"] == doc_id), None),
    }


def run_case(case: str, work: Path, pool: list[str], args: argparse.Namespace) -> dict:
    """Write a case, run `kruispunt run` on it and measure it.

    Args:
        case: `a`, `b`, `c` or `d`.
        work: Folder for the case's input, output and printed summary.
        pool: Sentences to write the text from.
        args: The command-line options.

    Returns:
        The case's figures (see the module docstring).
    """
    folder, out, printed = work / f"{case}-in", work / f"{case}-out", work / f"{case}-stdout.txt"
    doc_id = write_case(case, folder, pool, args)
    size = (folder / doc_id).stat().st_size
    command = [str(KRUISPUNT), "run", str(folder), "--out", str(out)]
    command += ["--params", str(_params(work))]
    # exec: the shell becomes kruispunt, so the tree measured is the run's own.
    wrapped = ["sh", "-c", 'exec "$@" >"$0"', str(printed), *command]
    run = run_measured(wrapped, cwd=work, timeout=7200)
    stdout = printed.read_text("utf-8", "replace") if printed.exists() else ""
    return {
        "case": CASES[case],
        "file": doc_id,
        "file_bytes": size,
        "command": " ".join(command),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "exit_code": run.code,
        "seconds": round(run.seconds, 1),
        "peak_rss_mb": round(run.peak_rss / 1e6, 1),
        "stage_seconds": stage_seconds(stdout),
        **annotation(out, doc_id),
        "summary": stdout.strip().splitlines(),
        "stderr_tail": run.stderr[-1500:] if run.code else "",
    }


def _print(key: str, result: dict) -> None:
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in result["stage_seconds"].items())
    print(
        f"({key}) {result['case']}: {result['file_bytes'] / 1e6:.1f} MB, exit "
        f"{result['exit_code']}, {result['seconds']} s, peak RSS {result['peak_rss_mb']} MB; "
        f"annotated: {result['annotated']} ({result['tokens']:,} tokens, "
        f"{result['segments']} segments, longest {result['longest_segment_chars']:,} chars)"
    )
    print(f"    stages: {stages or '-'}")
    for row in result["failures"]:
        print(f"    failed: {row}")
    if result["stderr_tail"]:
        print("    stderr: " + result["stderr_tail"].strip().replace("\n", "\n    "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default="d,b,c,a", help="comma-separated, of a b c d")
    parser.add_argument("--mb", type=float, default=40.0, help="size of case a")
    parser.add_argument("--utf16-chars", type=int, default=2_000_000, help="length of case b")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--keep", type=Path, help="keep inputs and outputs in this folder")
    args = parser.parse_args()
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    if unknown := set(cases) - set(CASES):
        parser.error(f"unknown cases: {sorted(unknown)}")

    results = json.loads(RESULTS.read_text("utf-8")) if RESULTS.exists() else {}
    pool = sentences()
    with tempfile.TemporaryDirectory(prefix="bench-long-") as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        for case in cases:
            results[case] = run_case(case, work, pool, args)
            _print(case, results[case])
            RESULTS.parent.mkdir(parents=True, exist_ok=True)
            RESULTS.write_text(json.dumps(dict(sorted(results.items())), indent=2) + "\n")
    done = [results[c] for c in cases]
    d = results.get("d")
    print(
        f"acceptance: exit 0 on all {len(done)}: {all(r['exit_code'] == 0 for r in done)}; "
        f"all annotated: {all(r['annotated'] for r in done)}; "
        f"(d) peak RSS under 2 GB: {d['peak_rss_mb'] < 2000 if d else 'not run'}"
    )
    print(f"-> {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
