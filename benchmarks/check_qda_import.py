"""Import a run's REFI-QDA files into the real QualCoder and count what arrived.

Runs `../shared/tools/qualcoder/check_import.sh RUN` (QualCoder 4.0's own import code,
headless; about 100 s once its venv is cached in ~/.cache/kruispunt-qualcoder, several
minutes the first time), then compares QualCoder's databases with the files, for the
.qdpx and for the .qdc:

- codes: codes in the file, and those imported under the same name at the same place in
  the tree. The case codes of the .qdpx (a code per Case, sharing its GUID, which
  QualCoder turns into the case's link to its document) are counted under cases;
- codings: codings in the file, and those imported on their own code, same document and
  same characters;
- documents with attributes: documents whose every metadata value in the file is a
  document attribute in QualCoder, with the same name and value (and shown as one);
- cases linked to their document, case attribute values;
- sets: document sets (QualCoder makes each a document attribute) and theme sets of codes
  (QualCoder has no code sets, so these cannot arrive);
- memos: Notes in the file and journals imported, codes with a memo.

Without RUN it first runs `kruispunt run data/raw` on the example corpus into a temporary
folder. Prints the figures and writes them as JSON (default
benchmarks/results/qda_import.json). Too heavy for CI: run it before changing the export.

Usage: .venv/bin/python benchmarks/check_qda_import.py [RUN] [--out FILE] [--work DIR]
"""

from __future__ import annotations

import argparse
import collections
import os
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree
from real_data import REPO, write_results

CHECK = REPO.parent / "shared" / "tools" / "qualcoder" / "check_import.sh"
RESULTS = Path(__file__).resolve().parent / "results" / "qda_import.json"


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _all(root: etree._Element, name: str) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str) and _local(e) == name]


def _kids(el: etree._Element, name: str) -> list[etree._Element]:
    return [e for e in el if isinstance(e.tag, str) and _local(e) == name]


def code_paths(root: etree._Element) -> dict[str, str]:
    """GUID of every Code to its path of names (`parent/child`)."""
    paths: dict[str, str] = {}

    def walk(el: etree._Element, prefix: str) -> None:
        for code in _kids(el, "Code"):
            path = f"{prefix}{code.get('name')}"
            paths[code.get("guid")] = path
            walk(code, path + "/")

    for codes in _all(root, "Codes"):
        walk(codes, "")
    return paths


def qualcoder_codes(db: sqlite3.Connection) -> dict[int, str]:
    """QualCoder's code id to its path of names, following `supercid`."""
    rows = {
        cid: (name, sup) for cid, name, sup in db.execute("select cid,name,supercid from code_name")
    }

    def path(cid: int | None) -> str:
        parts = []
        while cid is not None and cid in rows:
            parts.insert(0, rows[cid][0])
            cid = rows[cid][1]
        return "/".join(parts)

    return {cid: path(cid) for cid in rows}


def _share(done: int, total: int) -> str:
    return f"{done}/{total} ({100 * done / total:.0f}%)" if total else "0/0"


def check_codes(root: etree._Element, db: sqlite3.Connection, *, skip: set[str]) -> dict:
    """Codes in the file and imported at the same path."""
    in_file = {g: p for g, p in code_paths(root).items() if g not in skip}
    imported = set(qualcoder_codes(db).values())
    arrived = sum(1 for p in in_file.values() if p in imported)
    return {
        "codes_in_file": len(in_file),
        "codes_imported": arrived,
        "codes": _share(arrived, len(in_file)),
    }


def check_codings(root: etree._Element, db: sqlite3.Connection, *, skip: set[str]) -> dict:
    """Codings in the file and imported on their own code, document and characters."""
    paths = code_paths(root)
    fids = {name: fid for fid, name in db.execute("select id,name from source")}
    qc = qualcoder_codes(db)
    stored = collections.Counter(
        (qc.get(cid), fid, p0, p1)
        for cid, fid, p0, p1 in db.execute("select cid,fid,pos0,pos1 from code_text")
    )
    total = right = 0
    for source in _all(root, "TextSource"):
        fid = fids.get(source.get("name"))
        for sel in _kids(source, "PlainTextSelection"):
            span = (int(sel.get("startPosition")), int(sel.get("endPosition")))
            for coding in _kids(sel, "Coding"):
                guid = _kids(coding, "CodeRef")[0].get("targetGUID")
                if guid in skip:
                    continue
                total += 1
                key = (paths.get(guid), fid, *span)
                if stored[key] > 0:
                    stored[key] -= 1
                    right += 1
    no_code = sum(n for (path, *_), n in stored.items() if path is None)
    return {
        "codings_in_file": total,
        "codings_imported_with_their_code": right,
        "codings": _share(right, total),
        "codings_stored_without_code": no_code,
    }


def check_documents(root: etree._Element, db: sqlite3.Connection) -> dict:
    """Documents whose every metadata value is a document attribute in QualCoder."""
    names = {v.get("guid"): v.get("name") for v in _all(root, "Variable")}
    fids = {name: fid for fid, name in db.execute("select id,name from source")}
    shown = {n for (n,) in db.execute("select name from attribute_type where caseOrFile='file'")}
    attrs = {
        (fid, name, value)
        for name, value, fid in db.execute(
            "select name,value,id from attribute where attr_type='file'"
        )
        if name in shown
    }
    complete = values = arrived = 0
    for source in _all(root, "TextSource"):
        expected = {
            (
                fids.get(source.get("name")),
                names[_kids(vv, "VariableRef")[0].get("targetGUID")],
                vv[-1].text,
            )
            for vv in _kids(source, "VariableValue")
        }
        values += len(expected)
        arrived += len(expected & attrs)
        complete += bool(expected) and expected <= attrs
    n_docs = len(_all(root, "TextSource"))
    return {
        "documents": n_docs,
        "documents_with_all_metadata_as_attributes": complete,
        "documents_with_attributes": _share(complete, n_docs),
        "document_values": _share(arrived, values),
    }


def check_cases(root: etree._Element, db: sqlite3.Connection) -> dict:
    """Cases, their link to their document, and their attribute values."""
    src_names = {s.get("guid"): s.get("name") for s in _all(root, "TextSource")}
    links = db.execute(
        "select c.name, s.name from case_text t join cases c on c.caseid = t.caseid"
        " join source s on s.id = t.fid"
    ).fetchall()
    cases = _all(root, "Case")
    expected = {
        (c.get("name"), src_names.get(r.get("targetGUID")))
        for c in cases
        for r in _kids(c, "SourceRef")
    }
    n_values = sum(len(_kids(c, "VariableValue")) for c in cases)
    (case_attrs,) = db.execute("select count(*) from attribute where attr_type='case'").fetchone()
    return {
        "cases": len(cases),
        "cases_linked_to_their_document": _share(len(expected & set(links)), len(expected)),
        "case_values": _share(min(case_attrs, n_values), n_values),
    }


def check_sets_and_notes(root: etree._Element, db: sqlite3.Connection) -> dict:
    """Document sets (as attributes), code sets, Notes (as journals) and code memos."""
    attr_types = {
        n for (n,) in db.execute("select name from attribute_type where caseOrFile='file'")
    }
    sets = _all(root, "Set")
    doc_sets = [s.get("name") for s in sets if _kids(s, "MemberSource")]
    journals = {n for (n,) in db.execute("select name from journal")}
    notes = [n.get("name") for n in _all(root, "Note")]
    memos = db.execute("select count(*) from code_name where ifnull(memo,'') != ''").fetchone()[0]
    return {
        "document_sets": _share(sum(n in attr_types for n in doc_sets), len(doc_sets)),
        "code_sets_in_file": len(sets) - len(doc_sets),
        "notes_as_journals": _share(sum(n in journals for n in notes), len(notes)),
        "codes_with_a_memo": memos,
    }


def check_run(run: Path, work: Path) -> dict:
    """Run QualCoder's import on `run` and compare both projects with the files."""
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    venv_bin = str(Path(sys.prefix) / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env["WORK"] = str(work)
    done = subprocess.run(
        ["bash", str(CHECK), str(run)], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"check_import.sh failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    out = work / "qualcoder" / "out"
    with zipfile.ZipFile(run / "reports" / "kruispunt.qdpx") as archive:
        qde = etree.fromstring(archive.read("project.qde"))
    qdc = etree.parse(str(run / "reports" / "codebook.qdc")).getroot()
    case_guids = {c.get("guid") for c in _all(qde, "Case")}
    with sqlite3.connect(out / "kp_from_qdpx.qda" / "data.qda") as db:
        qdpx = {
            **check_codes(qde, db, skip=case_guids),
            **check_codings(qde, db, skip=case_guids),
            **check_documents(qde, db),
            **check_cases(qde, db),
            **check_sets_and_notes(qde, db),
        }
    with sqlite3.connect(out / "kp_from_qdc.qda" / "data.qda") as db:
        codebook = {**check_codes(qdc, db, skip=set()), "code_sets_in_file": len(_all(qdc, "Set"))}
    return {
        "run": str(run),
        "qualcoder_summary": done.stdout.strip().splitlines()[-1],
        "qdpx": qdpx,
        "qdc": codebook,
    }


def example_run(folder: Path) -> Path:
    """Run the pipeline on the example corpus (data/raw) into `folder`."""
    kruispunt = Path(sys.executable).parent / "kruispunt"
    subprocess.run(
        [str(kruispunt), "run", str(REPO / "data" / "raw"), "--out", str(folder)], check=True
    )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run", nargs="?", type=Path, help="a `kruispunt run --out` folder")
    parser.add_argument("--out", type=Path, default=RESULTS, help="JSON results file")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kp-qda-") as tmp:
        run = args.run.resolve() if args.run else example_run(Path(tmp) / "run")
        figures = check_run(run, (args.work or Path(tmp) / "work").resolve())
    print(figures["qualcoder_summary"])
    for kind in ("qdpx", "qdc"):
        print(f"{kind}:")
        for key, value in figures[kind].items():
            print(f"  {key}: {value}")
    write_results(args.out, figures)


if __name__ == "__main__":
    main()
