"""Benchmark runs killed mid-way: no temporary file is left, and the rerun's outputs are exact.

Runs `kruispunt run` once to its end (the reference). Then, for each kill time, starts a
fresh run into a new output folder, kills it and all its processes with SIGKILL that many
seconds in, and runs it again into the same folder to its end. After the rerun it counts
the temporary files left under the output folder (`.*.tmp` and `*.tmp`, caches included)
and the `kruispunt-xlsx-*` folders added to the system temporary folder, and compares the
SHA-256 of every output file (everything under the output folder except `.cache/`) with
the reference run's.

Prints and writes benchmarks/results/kill.json.

Usage: .venv/bin/python benchmarks/bench_kill.py [--input data/raw] [--times 2 5 10 20 40]
    [--params params.yaml]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "kill.json"
KRUISPUNT = Path(sys.executable).parent / "kruispunt"


def _command(folder: Path, out: Path, params: Path | None) -> list[str]:
    command = [str(KRUISPUNT), "run", str(folder), "--out", str(out)]
    return command + (["--params", str(params)] if params else [])


def _run(command: list[str]) -> tuple[int, float]:
    """Run to the end: exit code and wall time."""
    began = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    return done.returncode, time.monotonic() - began


def _killed(command: list[str], after: float) -> bool:
    """Start a run and SIGKILL its whole process group after `after` seconds.

    Returns:
        Whether the run was still going when it was killed (False: it had finished).
    """
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        process.wait(timeout=after)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True
    return False


def _temporary_files(out: Path) -> list[str]:
    """Temporary files anywhere under `out`, relative paths."""
    found = {p for p in out.rglob("*.tmp") if p.is_file() or p.is_symlink()}
    return sorted(str(p.relative_to(out)) for p in found)


def _xlsx_dirs() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("kruispunt-xlsx-*")}


def _digests(out: Path) -> dict[str, str]:
    """SHA-256 of every output file, by relative path; caches left out."""
    digests = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out)
        if rel.parts[0] == ".cache" or not path.is_file():
            continue
        digests[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def _trial(folder: Path, out: Path, params: Path | None, after: float, reference: dict) -> dict:
    """Kill a run after `after` seconds, rerun it, and compare with the reference."""
    before = _xlsx_dirs()
    command = _command(folder, out, params)
    killed = _killed(command, after)
    left_after_kill = len(_temporary_files(out)) if out.exists() else 0
    code, seconds = _run(command)
    digests = _digests(out)
    differ = sorted(
        name for name in set(digests) | set(reference) if digests.get(name) != reference.get(name)
    )
    return {
        "kill_after_s": after,
        "killed_mid_run": killed,
        "tmp_files_after_kill": left_after_kill,
        "rerun_exit_code": code,
        "rerun_seconds": round(seconds, 1),
        "tmp_files_after_rerun": _temporary_files(out),
        "xlsx_temp_dirs_added": sorted(_xlsx_dirs() - before),
        "files_compared": len(reference),
        "files_differing": differ,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--times", type=float, nargs="+", default=[2, 5, 10, 20, 40])
    parser.add_argument("--params", type=Path, default=None, help="default: ./params.yaml")
    args = parser.parse_args()
    folder = args.input.resolve()
    params = args.params.resolve() if args.params else None

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        # Every run writes to the same path (outputs may name it), moved away after.
        out = scratch / "out"
        code, seconds = _run(_command(folder, out, params))
        if code != 0:
            raise SystemExit(f"the uninterrupted run failed with exit code {code}")
        reference = _digests(out)
        out.rename(scratch / "reference")
        trials = []
        for i, after in enumerate(args.times):
            trials.append(_trial(folder, out, params, after, reference))
            out.rename(scratch / f"killed-{i}")
    results = {
        "input": str(folder),
        "reference_seconds": round(seconds, 1),
        "reference_files": len(reference),
        "trials": trials,
        "tmp_files_left": sum(len(t["tmp_files_after_rerun"]) for t in trials),
        "xlsx_temp_dirs_left": sum(len(t["xlsx_temp_dirs_added"]) for t in trials),
        "reruns_failed": sum(1 for t in trials if t["rerun_exit_code"] != 0),
        "reruns_differing": sum(1 for t in trials if t["files_differing"]),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for t in trials:
        print(
            f"kill at {t['kill_after_s']} s (mid-run: {t['killed_mid_run']}): "
            f"{t['tmp_files_after_kill']} .tmp after the kill, "
            f"{len(t['tmp_files_after_rerun'])} after the rerun (exit {t['rerun_exit_code']}), "
            f"{len(t['xlsx_temp_dirs_added'])} xlsx temp dirs, "
            f"{len(t['files_differing'])} of {t['files_compared']} files differ"
        )
    print(
        f"reference run {results['reference_seconds']} s; tmp files left: "
        f"{results['tmp_files_left']}, xlsx temp dirs left: {results['xlsx_temp_dirs_left']}, "
        f"reruns failed: {results['reruns_failed']}, reruns differing: "
        f"{results['reruns_differing']} -> {RESULTS.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
