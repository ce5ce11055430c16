"""Round-trip a run's REFI-QDA project through the real QualCoder and count what survives.

QualCoder 4.0 imports `RUN/reports/kruispunt.qdpx` and exports it again, with its own code,
headless (`qualcoder_export_driver.py`), into `--export`. The two files are compared: texts
(byte-identical, or but for a BOM), code paths, selections, codings, users. Issue 21: compare
on the re-export must give kappa = alpha = 1.0 per kruispunt code (`compare_round_trip`).

The venv is the one `../shared/tools/qualcoder/check_import.sh` builds in
~/.cache/kruispunt-qualcoder (`KP_CACHE`), by its key; when missing, that script runs once on
RUN to build it (minutes, 2.4 GB). Without RUN, `kruispunt run data/raw` runs first into a
temporary folder. Prints a summary; writes JSON (benchmarks/results/qualcoder_roundtrip.json).

Usage: .venv/bin/python benchmarks/qualcoder_roundtrip.py [RUN] [--export FILE.qdpx]
           [--out FILE.json] [--work DIR]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree
from real_data import REPO, write_results

QC = REPO.parent / "shared" / "tools" / "qualcoder"
CHECK = QC / "check_import.sh"
HERE = Path(__file__).resolve().parent
DRIVER = HERE / "qualcoder_export_driver.py"
RESULTS, EXPORT = (HERE / "results" / f"qualcoder_roundtrip.{x}" for x in ("json", "qdpx"))
BOM = b"\xef\xbb\xbf"
# The venv key, computed with check_import.sh's own commands (keep in step with it).
VENV_KEY_SH = r"""
reqs=$(grep -v -E '^[[:space:]]*(#|--|$)|pyinstaller|pefile' "$QC/requirements.txt" \
  | sed 's/#.*//; s/[[:space:]]*$//' | grep -v '^$')
QC_TORCH_PIP=${QC_TORCH_PIP:-torch==2.13.0}
printf '%s\n%s\n%s\n' "$reqs" "$QC_TORCH_PIP" "$(python3 -V 2>&1)" | sha256sum | cut -c1-12
"""


def system_env() -> dict[str, str]:
    """The environment without the project's venv, so `python3` is the machine's."""
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    venv_bin = str(Path(sys.prefix) / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    return env


def qualcoder_venv(run: Path, work: Path) -> Path:
    """QualCoder's venv as check_import.sh keys it; runs check_import.sh once to build it."""
    env = system_env()
    env["QC"] = str(QC)
    key = subprocess.run(
        ["bash", "-c", VENV_KEY_SH], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    cache = Path(os.environ.get("KP_CACHE", Path.home() / ".cache" / "kruispunt-qualcoder"))
    venv = cache / f"qualcoder-venv-{key}"
    if not (venv / ".ready").is_file():
        env["WORK"] = str(work / "check_import")
        subprocess.run(["bash", str(CHECK), str(run)], env=env, check=False)
    if not (venv / ".ready").is_file():
        sys.exit(f"no QualCoder venv at {venv}; see its pip.log")
    return venv


def run_driver(venv: Path, qdpx: Path, work: Path) -> dict:
    """Import `qdpx` into QualCoder and export it again; the driver's result and log."""
    shutil.rmtree(work, ignore_errors=True)
    (work / "inputs").mkdir(parents=True)
    (work / "home").mkdir()
    copy = work / "inputs" / "kruispunt.qdpx"  # QualCoder unzips next to the file
    shutil.copyfile(qdpx, copy)
    env = system_env()
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(work / "home"), PYTHONPATH=str(QC / "src"))
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ next to the shared QualCoder source
    cmd = [str(venv / "bin" / "python"), str(DRIVER), str(work / "out"), str(copy)]
    t0 = time.monotonic()
    done = subprocess.run(
        cmd, cwd=QC / "src", env=env, capture_output=True, text=True, timeout=900, check=False
    )
    (work / "driver.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    found = work / "out" / "driver_result.json"
    result = json.loads(found.read_text(encoding="utf-8")) if found.is_file() else {}
    result.update(returncode=done.returncode, seconds=round(time.monotonic() - t0, 1))
    if done.returncode != 0 or not result.get("export_path"):
        print(done.stderr[-3000:], file=sys.stderr)
        sys.exit(f"driver failed ({done.returncode}); log {work / 'driver.log'}")
    return result


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _kids(el: etree._Element, name: str, *, deep: bool = False) -> list[etree._Element]:
    return [e for e in (el.iter() if deep else el) if isinstance(e.tag, str) and _local(e) == name]


def read_qdpx(path: Path) -> dict:
    """A .qdpx's text sources (name to text bytes and element name), code paths, selections
    (document, start, end), codings (the same with code path and user) and users."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        files = {n.removeprefix("sources/"): archive.read(n) for n in archive.namelist()}
    paths: dict[str, str] = {}

    def walk(el: etree._Element, prefix: str) -> None:
        for code in _kids(el, "Code"):
            paths[code.get("guid")] = f"{prefix}{code.get('name')}"
            walk(code, f"{prefix}{code.get('name')}/")

    for codes in _kids(root, "Codes", deep=True):
        walk(codes, "")
    users = {u.get("guid"): u.get("name") for u in _kids(root, "User", deep=True)}
    texts, kinds, selections, codings = {}, {}, collections.Counter(), collections.Counter()
    for src in _kids(root, "TextSource", deep=True) + _kids(root, "PDFSource", deep=True):
        name, kinds[src.get("name")] = src.get("name"), _local(src)
        # QualCoder exports a source named *.pdf as a PDFSource, the text in a Representation
        text = (_kids(src, "Representation") or [src])[0] if _local(src) == "PDFSource" else src
        texts[name] = files.get(text.get("plainTextPath", "").removeprefix("internal://"))
        for sel in _kids(text, "PlainTextSelection"):
            span = (name, int(sel.get("startPosition")), int(sel.get("endPosition")))
            selections[span] += 1
            for coding in _kids(sel, "Coding"):
                guid = _kids(coding, "CodeRef")[0].get("targetGUID")
                user = users.get(coding.get("creatingUser") or sel.get("creatingUser"))
                codings[(*span, paths.get(guid, f"<not a code: {guid}>"), user)] += 1
    return {
        "texts": texts,
        "kinds": kinds,
        "codes": set(paths.values()),
        "selections": selections,
        "codings": codings,
        "users": sorted(set(users.values())),
    }


def counts(side: dict) -> dict:
    """The figures of one file."""
    return {
        "sources": len(side["texts"]),
        "codes": len(side["codes"]),
        "selections": sum(side["selections"].values()),
        "codings": sum(side["codings"].values()),
        "users": side["users"],
    }


def _on_codes(side: dict) -> collections.Counter:
    """Codings (document, start, end, code path) whose target is a code, users dropped."""
    out: collections.Counter = collections.Counter()
    for (name, start, end, code, _user), n in side["codings"].items():
        if not code.startswith("<not a code"):
            out[(name, start, end, code)] += n
    return out


def compare_files(orig: dict, back: dict) -> dict:
    """What of the original survives in the re-export."""
    t_o, t_b, s_o, s_b = orig["texts"], back["texts"], orig["selections"], back["selections"]
    a, b = _on_codes(orig), _on_codes(back)
    per_code = [({k for k in a if k[3] == c}, {k for k in b if k[3] == c}) for c in orig["codes"]]
    same = sum(t == t_b.get(n) for n, t in t_o.items())
    bare = sum(
        (t or b"").removeprefix(BOM) == (t_b.get(n) or b"").removeprefix(BOM)
        for n, t in t_o.items()
    )
    return {
        "sources_missing": sorted(set(t_o) - set(t_b)),
        "sources_changed_kind": {
            n: f"{k}->{back['kinds'][n]}"
            for n, k in orig["kinds"].items()
            if back["kinds"].get(n, k) != k
        },
        "texts_byte_identical": f"{same}/{len(t_o)}",
        "texts_identical_but_bom": f"{bare}/{len(t_o)}",
        "codes_missing": sorted(orig["codes"] - back["codes"]),
        "codes_added": sorted(back["codes"] - orig["codes"]),
        "codes_with_same_codings": f"{sum(x == y for x, y in per_code)}/{len(per_code)}",
        "codings_on_codes_kept": f"{sum((a & b).values())}/{sum(a.values())}",
        "codings_on_codes_added": sum((b - a).values()),
        "original_codings_not_on_a_code": sum(orig["codings"].values()) - sum(a.values()),
        "selections_kept": f"{sum((s_o & s_b).values())}/{sum(s_o.values())}",
        "users_same": orig["users"] == back["users"],
    }


def compare_round_trip(run: Path, qdpx: Path) -> dict:
    """`kruispunt compare` of the re-export with `run`: each kruispunt code against itself."""
    from pipeline.compare.stage import compare
    from pipeline.layout import Layout, read_stage_table
    from pipeline.params import load_params

    report = compare(Layout(run), load_params(REPO / "params.yaml"), coded_project=qdpx)
    table = read_stage_table(Layout(run), "agreement")
    same = table[(table["kind"] == "human-kruispunt") & (table["code_a"] == table["code_b"])]
    ones = same[(same["kappa"] == 1.0) & (same["alpha"] == 1.0)]
    return {"codings": report["codings"], "codes_against_themselves": len(same),
            "kappa_alpha_one": len(ones), "all_one": len(same) > 0 and len(ones) == len(same),
            "not_one": sorted(set(same["code_a"]) - set(ones["code_a"]))}  # fmt: skip


def example_run(folder: Path) -> Path:
    """Run the pipeline on the example corpus (data/raw) into `folder`."""
    kruispunt = Path(sys.executable).parent / "kruispunt"
    subprocess.run(
        [str(kruispunt), "run", str(REPO / "data" / "raw"), "--out", str(folder)], check=True
    )
    return folder


def round_trip(run: Path, export: Path, work: Path) -> dict:
    """Round-trip `run`'s kruispunt.qdpx through QualCoder into `export`; the figures."""
    original = run / "reports" / "kruispunt.qdpx"
    venv = qualcoder_venv(run, work)
    driver = run_driver(venv, original, work / "qualcoder")
    export.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(driver["export_path"], export)
    orig, back = read_qdpx(original), read_qdpx(export)
    return {
        "run": str(run),
        "export": str(export),
        "qualcoder_commit": (QC / "QUALCODER_COMMIT").read_text().strip(),
        "qualcoder_version": driver.get("qualcoder_version"),
        "driver_seconds": driver["seconds"],
        "driver_messages": [m["title"] for m in driver.get("messages", []) if "title" in m],
        "qtmultimedia_stubbed": driver.get("qtmultimedia_stubbed"),
        "driver_errors": {k: v for k, v in driver.items() if k.endswith("_error")},
        "original": counts(orig),
        "reexport": counts(back),
        "survives": compare_files(orig, back),
        "compare": compare_round_trip(run, export),
    }


def summary(fig: dict) -> str:
    """One line: sources, codes, selections, codings in the original and the re-export."""
    o, r, s = fig["original"], fig["reexport"], fig["survives"]
    parts = [f"{k} {o[k]}->{r[k]}" for k in ("sources", "codes", "selections", "codings")]
    return (
        f"qualcoder round trip: {' | '.join(parts)} | codes with the same codings "
        f"{s['codes_with_same_codings']} | texts identical but a BOM {s['texts_identical_but_bom']}"
    )


def main() -> None:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run", nargs="?", type=Path, help="a `kruispunt run --out` folder")
    parser.add_argument("--export", type=Path, default=EXPORT, help="re-exported .qdpx")
    parser.add_argument("--out", type=Path, default=RESULTS, help="JSON results file")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kp-qcrt-") as tmp:
        run = args.run.resolve() if args.run else example_run(Path(tmp) / "run")
        work = (args.work or Path(tmp) / "work").resolve()
        figures = round_trip(run, args.export.resolve(), work)
    print(summary(figures))
    write_results(args.out, figures)


if __name__ == "__main__":
    main()
