"""Benchmark ingest over a large folder of hostile files: crashes, lost files, peak memory.

Writes the hostile folder of the fuzz tests (`tests/hostile_files.py`) at a larger scale,
about 1,000 entries by default, then runs `kruispunt ingest` over it in a child process
and measures its peak resident memory (sampled, the child and its descendants). A plain
Dutch folder of the same number of sound files is run the same way, side by side, so the
memory of the hostile run can be read as a ratio to an ordinary one.

Prints and writes benchmarks/results/bench_fuzz.json: files tried, crashes (a non-zero
exit, or a file whose reason is an unexpected exception), files unaccounted for in the
report, statuses, peak RSS and wall time of both runs.

Usage: .venv/bin/python benchmarks/bench_fuzz.py [--scale 8] [--huge-mb 20] [--seed 7]
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
from hostile_files import walk_inputs, write_hostile_folder  # noqa: E402
from ingest_files import TURNS, render_txt  # noqa: E402

from pipeline.ingest.readers import FORMATS  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "bench_fuzz.json"
KRUISPUNT = Path(sys.executable).parent / "kruispunt"


def _ingest(folder: Path, scratch: Path, name: str) -> dict:
    out = scratch / f"{name}-out"
    params = scratch / f"{name}-params.yaml"
    params.write_text(yaml.safe_dump({"ingest": {"extensions": sorted(FORMATS)}}), encoding="utf-8")
    run = run_measured(
        [str(KRUISPUNT), "ingest", str(folder), str(out), "--params", str(params)], cwd=ROOT
    )
    report_path = out / "ingest_report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else []
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
        "statuses": dict(Counter(row["status"] for row in report)),
        "peak_rss_mb": round(run.peak_rss / 1e6, 1),
        "seconds": round(run.seconds, 1),
        "stderr_tail": run.stderr[-500:] if run.code else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=8, help="about 117 extra files per step")
    parser.add_argument("--huge-mb", type=float, default=20.0, help="size of the large file")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        hostile = scratch / "hostile"
        made = write_hostile_folder(hostile, seed=args.seed, scale=args.scale, huge_mb=args.huge_mb)
        sound = scratch / "sound"
        sound.mkdir()
        text = render_txt(TURNS)
        for i in range(len(made)):
            (sound / f"vissenkom_{i:04d}.txt").write_text(text, encoding="utf-8")
        hostile_run = _ingest(hostile, scratch, "hostile")
        sound_run = _ingest(sound, scratch, "sound")

    crashes = int(hostile_run["exit_code"] != 0) + hostile_run["unexpected_exceptions"]
    results = {
        "seed": args.seed,
        "scale": args.scale,
        "huge_mb": args.huge_mb,
        "hostile": hostile_run,
        "sound": sound_run,
        "crashes": crashes,
        "unaccounted": hostile_run["unaccounted"] + hostile_run["reported_twice"],
        "peak_rss_ratio_hostile_to_sound": round(
            hostile_run["peak_rss_mb"] / max(sound_run["peak_rss_mb"], 1e-9), 2
        ),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(
        f"hostile files tried: {hostile_run['files']}  crashes: {crashes}  "
        f"unaccounted: {results['unaccounted']}  statuses: {hostile_run['statuses']}"
    )
    print(
        f"peak RSS: hostile {hostile_run['peak_rss_mb']} MB ({hostile_run['seconds']} s), "
        f"sound {sound_run['peak_rss_mb']} MB ({sound_run['seconds']} s), "
        f"ratio {results['peak_rss_ratio_hostile_to_sound']}"
    )
    print(f"-> {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
