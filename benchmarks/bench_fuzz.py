"""Benchmark a large folder of hostile files: crashes, lost files, reads outside, peak memory.

Writes the hostile folder of the fuzz tests (`tests/hostile_files.py`) at a larger scale,
over 1,000 entries by default: random and truncated files of every format, zip, XML and
PDF bombs, megabyte lines and turns (also UTF-16, also a PDF text layer without
paragraph breaks), PDFs whose pages share their lines, subtitles with bad cues, hidden
files and folders, and symbolic links out of the folder, into loops and into itself.
Then runs `kruispunt ingest` over it (or the whole `kruispunt run` with `--run`) in a
child process and samples its peak resident memory (the child and its descendants). A
plain Dutch folder of the same number of sound files and the same bytes is run the same
way, side by side, so the hostile run's memory reads as a ratio to an ordinary one.

Each metadata sidecar error (duplicate columns, `file` and `File`, duplicate rows, a
binary file, rows for missing files, a quoting error) gets a small folder of its own,
since a folder has one sidecar: the command must exit 0, read every transcript, and give
the sidecar one report line.

Prints and writes benchmarks/results/bench_fuzz.json: files tried, crashes (a non-zero
exit, or a reason that is an unexpected exception), files unaccounted for in the report,
reads outside the folder (bytes of the canary file the links point at, found in any
output or cache file), statuses, peak RSS and wall time of both runs, and the ratio.

Usage: .venv/bin/python benchmarks/bench_fuzz.py [--scale 8] [--huge-mb 20] [--seed 7] [--run]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from child_process import run_measured  # noqa: E402
from hostile_files import CANARY, walk_inputs, write_hostile_folder  # noqa: E402
from ingest_files import TURNS, render_txt  # noqa: E402

from pipeline.ingest.readers import FORMATS  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "bench_fuzz.json"
KRUISPUNT = Path(sys.executable).parent / "kruispunt"
SIDECARS = {
    "duplicate-columns": b"file,gemeente,gemeente\na.txt,Tilburg,Breda\n",
    "file-and-File": b"file,File,gemeente\na.txt,b.txt,Tilburg\n",
    "duplicate-rows": b"file,gemeente\na.txt,Tilburg\na.txt,Breda\n",
    "binary": b"PK\x03\x04\x00\x00" + bytes(range(256)) * 8,
    "missing-files": b"file,gemeente\nweg.txt,Tilburg\na.txt,Breda\n",
    "quoting-error": b'file,gemeente\na.txt,"Tilburg\nb.txt,Breda\n',
}


def _command(folder: Path, out: Path, params: Path, *, full: bool) -> list[str]:
    if full:
        return [str(KRUISPUNT), "run", str(folder), "--out", str(out), "--params", str(params)]
    return [str(KRUISPUNT), "ingest", str(folder), str(out), "--params", str(params)]


def _report(out: Path, *, full: bool) -> list[dict]:
    path = (out / "data" / "interim" if full else out) / "ingest_report.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def _leaks(out: Path) -> int:
    """Output and cache files holding the canary's text (in UTF-8 or UTF-16)."""
    marker = CANARY.split(":")[0]
    markers = [marker.encode(), marker.encode("utf-16-le")]
    files = [path for path in out.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(1 for path in files if any(m in path.read_bytes() for m in markers))


def _measure(folder: Path, scratch: Path, name: str, *, full: bool) -> dict:
    out = scratch / f"{name}-out"
    params = scratch / f"{name}-params.yaml"
    params.write_text(yaml.safe_dump({"ingest": {"extensions": sorted(FORMATS)}}), encoding="utf-8")
    run = run_measured(_command(folder, out, params, full=full), cwd=scratch, timeout=7200)
    report = _report(out, full=full)
    paths = Counter(row["path"] for row in report)
    inputs = walk_inputs(folder)
    return {
        "files": len(inputs),
        "exit_code": run.code,
        "unexpected_exceptions": sum(
            1 for row in report if row["reason"].startswith("could not be read (")
        ),
        "unaccounted": len(set(inputs) - set(paths)),
        "reported_twice": sum(1 for n in paths.values() if n > 1),
        "reads_outside": _leaks(out) if out.exists() else 0,
        "statuses": dict(Counter(row["status"] for row in report)),
        "peak_rss_mb": round(run.peak_rss / 1e6, 1),
        "seconds": round(run.seconds, 1),
        "stderr_tail": run.stderr[-500:] if run.code else "",
    }


def _sound_folder(hostile: Path, folder: Path, n_files: int) -> None:
    """As many ordinary transcripts as the hostile folder has entries, as many bytes."""
    folder.mkdir()
    size = sum(p.stat().st_size for p in hostile.rglob("*") if p.is_file() and not p.is_symlink())
    text = render_txt(TURNS)
    repeat = max(1, size // max(n_files, 1) // len(text.encode()))
    for i in range(n_files):
        (folder / f"vissenkom_{i:04d}.txt").write_text(text * repeat, encoding="utf-8")


def _sidecar_errors(scratch: Path) -> dict:
    """Each sidecar error in a folder of its own: exit 0, both files read, one line."""
    results = {}
    for kind, data in SIDECARS.items():
        folder = scratch / f"sidecar-{kind}"
        folder.mkdir()
        for name in ("a.txt", "b.txt"):
            (folder / name).write_text(render_txt(TURNS), encoding="utf-8")
        (folder / "metadata.csv").write_bytes(data)
        out = scratch / f"{kind}-out"
        run = run_measured([str(KRUISPUNT), "ingest", str(folder), str(out)], cwd=scratch)
        report = json.loads((out / "ingest_report.json").read_text("utf-8"))
        row = next(r for r in report if r["path"] == "metadata.csv")
        said = row["reason"] or row["warning"]
        results[kind] = {
            "exit_code": run.code,
            "documents_ok": sum(1 for r in report if r["status"] == "ok" and r is not row),
            "sidecar": f"{row['status']}: {said}",
            "one_line": bool(said) and "\n" not in said and ";" not in said,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=8, help="about 120 extra files per step")
    parser.add_argument("--huge-mb", type=float, default=20.0, help="size of the large file")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--run", action="store_true", help="the whole `kruispunt run`")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        hostile = scratch / "hostile"
        made = write_hostile_folder(hostile, seed=args.seed, scale=args.scale, huge_mb=args.huge_mb)
        _sound_folder(hostile, scratch / "sound", len(made))
        hostile_run = _measure(hostile, scratch, "hostile", full=args.run)
        sound_run = _measure(scratch / "sound", scratch, "sound", full=args.run)
        sidecars = _sidecar_errors(scratch)

    crashes = int(hostile_run["exit_code"] != 0) + hostile_run["unexpected_exceptions"]
    crashes += sum(1 for result in sidecars.values() if result["exit_code"] != 0)
    results = {
        "seed": args.seed,
        "scale": args.scale,
        "huge_mb": args.huge_mb,
        "command": "run" if args.run else "ingest",
        "kinds": dict(Counter(item.kind for item in made)),
        "hostile": hostile_run,
        "sound": sound_run,
        "sidecar_errors": sidecars,
        "crashes": crashes,
        "unaccounted": hostile_run["unaccounted"] + hostile_run["reported_twice"],
        "reads_outside": hostile_run["reads_outside"],
        "peak_rss_ratio_hostile_to_sound": round(
            hostile_run["peak_rss_mb"] / max(sound_run["peak_rss_mb"], 1e-9), 2
        ),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(
        f"hostile files tried: {hostile_run['files']} ({len(results['kinds'])} kinds)  "
        f"crashes: {crashes}  unaccounted: {results['unaccounted']}  "
        f"reads outside: {results['reads_outside']}  statuses: {hostile_run['statuses']}"
    )
    print(
        f"peak RSS: hostile {hostile_run['peak_rss_mb']} MB ({hostile_run['seconds']} s), "
        f"sound {sound_run['peak_rss_mb']} MB ({sound_run['seconds']} s), "
        f"ratio {results['peak_rss_ratio_hostile_to_sound']}"
    )
    for kind, result in sidecars.items():
        print(f"sidecar {kind}: exit {result['exit_code']}, {result['sidecar']}")
    print(f"-> {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
