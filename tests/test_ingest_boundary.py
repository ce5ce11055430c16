"""The input folder is a boundary: nothing outside it is read, whatever points there.

A canary file lies next to the input folder. Inside the folder, symbolic links point at
it (absolute, relative, through a linked folder), links form loops, and the metadata
sidecar names it by relative and absolute path. After a full `kruispunt run` (local
worker processes) and an ingest on a Dask LocalCluster, not one byte sequence of the
canary may appear in any output or cache file, and every entry has its report row.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.ingest import ingest_folder
from pipeline.parallel import DaskExecutor

KRUISPUNT = str(Path(sys.executable).parent / "kruispunt")
CANARY = "Kanarie7Q: vertrouwelijk, nooit lezen."
MARKERS = [b"Kanarie7Q", "Kanarie7Q".encode("utf-16-le")]
TRANSCRIPT = "Jan: Maatwerk vraagt vertrouwen.\n\nFatima: De regie ligt bij de gemeente.\n"


def _folders(tmp_path: Path) -> Path:
    """The input folder, with links and sidecar rows leading to the canary outside it."""
    secret = tmp_path / "geheim"
    secret.mkdir()
    (secret / "canary.txt").write_text(CANARY, encoding="utf-8")
    (secret / "metadata.csv").write_text(f"file,x\ncanary.txt,{CANARY}\n", encoding="utf-8")
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "gesprek.txt").write_text(TRANSCRIPT, encoding="utf-8")
    links = {
        "absoluut.txt": secret / "canary.txt",
        "relatief.txt": Path("../geheim/canary.txt"),
        "sub/diep.txt": Path("../../geheim/canary.txt"),
        "map": secret,
        "sub/map_terug": Path("../map"),
        "lus_a.txt": Path("lus_b.txt"),
        "lus_b.txt": Path("lus_a.txt"),
        "sub/zelf": Path("zelf"),
    }
    for name, target in links.items():
        (raw / name).symlink_to(target)
    sidecar = (
        "file,gemeente\n../geheim/canary.txt,A\n"
        f"{secret / 'canary.txt'},B\nmap/canary.txt,C\ngesprek.txt,Tilburg\n"
    )
    (raw / "metadata.csv").write_text(sidecar, encoding="utf-8")
    return raw


def _leaks(folder: Path) -> list[str]:
    leaks = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            leaks += [str(path) for marker in MARKERS if marker in data]
    return leaks


def test_boundary_canary_never_reaches_outputs_or_caches(tmp_path):
    raw = _folders(tmp_path)
    out = tmp_path / "out"
    run = subprocess.run(
        [KRUISPUNT, "run", str(raw), "--out", str(out), "--workers", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert (out / ".cache" / "kruispunt").is_dir()
    assert _leaks(out) == []
    assert CANARY not in run.stdout + run.stderr
    report = json.loads((out / "data" / "interim" / "ingest_report.json").read_text("utf-8"))
    rows = {row["path"]: row for row in report}
    expected = {"gesprek.txt", "metadata.csv", "absoluut.txt", "relatief.txt", "sub/diep.txt"}
    expected |= {"map", "sub/map_terug", "lus_a.txt", "lus_b.txt", "sub/zelf"}
    assert set(rows) == expected
    assert [path for path, row in rows.items() if row["status"] == "ok"] == [
        "gesprek.txt",
        "metadata.csv",
    ]
    warning = rows["metadata.csv"]["warning"]
    assert "2 rows name paths outside the input folder" in warning
    # Through a link that is not followed, the file is simply not in the folder.
    assert "1 rows name files that are not in the folder: map/canary.txt" in warning


@pytest.mark.parametrize("executor", ["dask"])
def test_boundary_holds_on_a_dask_cluster(tmp_path, executor):
    raw = _folders(tmp_path)
    cache = tmp_path / "cache"
    with DaskExecutor("local", workers=1) as dask:
        result = ingest_folder(raw, executor=dask, cache_dir=cache)
    assert list(result.documents["doc_id"]) == ["gesprek.txt"]
    tables = result.documents.to_csv() + result.segments.to_csv() + json.dumps(result.report)
    assert "Kanarie7Q" not in tables
    assert _leaks(cache) == []
