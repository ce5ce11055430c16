"""Fuzz: ingest over a folder of hostile files never crashes and accounts for every file.

The folder comes from `hostile_files.write_hostile_folder` with a fixed seed. It is read
once in this process (`ingest_folder`) and once through the CLI in a child process, whose
peak resident memory is measured with `os.wait4`.
"""

from __future__ import annotations

import json
import sys
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
import yaml
from child_process import run_measured
from hostile_files import (
    KINDS,
    bomb_docx,
    bomb_pdf,
    many_parts_docx,
    walk_inputs,
    write_hostile_folder,
)

from pipeline.ingest import ingest_folder
from pipeline.ingest.parsed import Unreadable
from pipeline.ingest.readers import FORMATS, read_docx, read_pdf
from pipeline.params import IngestParams
from pipeline.tables import read_table, validate

SEED = 20_240_601
MAX_RSS_BYTES = 1.5e9
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz") / "raw"
    return folder, write_hostile_folder(folder, seed=SEED)


# Every extension a reader exists for, not only the default list in params.yaml.
PARAMS = IngestParams(extensions=sorted(FORMATS))


@pytest.fixture(scope="module")
def ingested(hostile):
    folder, _ = hostile
    return ingest_folder(folder, params=PARAMS)


@pytest.fixture(scope="module")
def cli_run(hostile, tmp_path_factory):
    folder, _ = hostile
    out = tmp_path_factory.mktemp("fuzz_out")
    params = out.parent / "fuzz_params.yaml"
    params.write_text(yaml.safe_dump({"ingest": PARAMS.model_dump()}), encoding="utf-8")
    kruispunt = Path(sys.executable).parent / "kruispunt"
    command = [str(kruispunt), "ingest", str(folder), str(out), "--params", str(params)]
    run = run_measured(command, cwd=ROOT)
    print(f"\nfuzz CLI ingest: exit {run.code}, peak RSS {run.peak_rss / 1e6:.0f} MB")
    return run, out


def test_fuzz_ingest_folder_has_every_kind_and_enough_files(hostile):
    folder, made = hostile
    assert len(made) >= 200
    assert {item.kind for item in made} == set(KINDS)
    assert sorted(item.rel for item in made) == walk_inputs(folder)


def test_fuzz_ingest_accounts_for_every_file_exactly_once(hostile, ingested):
    folder, _ = hostile
    paths = [row["path"] for row in ingested.report]
    assert [path for path, n in Counter(paths).items() if n > 1] == []
    assert sorted(paths) == walk_inputs(folder)


@pytest.mark.parametrize("kind", KINDS)
def test_fuzz_ingest_status_is_sensible(hostile, ingested, kind):
    _, made = hostile
    rows = {row["path"]: row for row in ingested.report}
    cases = [item for item in made if item.kind == kind]
    for item in cases:
        row = rows[item.rel]
        assert row["status"] in item.statuses, (item, row)
        assert item.reason in row["reason"], (item, row)
        assert item.warning in row["warning"], (item, row)
        assert bool(row["reason"]) == (row["status"] != "ok"), row


def test_fuzz_ingest_tables_follow_contract(ingested):
    documents = validate(ingested.documents, "documents")
    segments = validate(ingested.segments, "segments")
    ok = sorted(
        row["path"]
        for row in ingested.report
        if row["status"] == "ok" and row["format"] != "metadata"
    )
    assert sorted(documents["doc_id"]) == ok
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    for row in segments.itertuples():
        assert texts[row.doc_id][row.char_start : row.char_end] == row.text


def test_fuzz_ingest_cli_finishes_within_memory_bound(hostile, cli_run):
    folder, _ = hostile
    run, out = cli_run
    assert run.code == 0, run.stderr[-3000:]
    assert run.peak_rss < MAX_RSS_BYTES
    report = json.loads((out / "ingest_report.json").read_text(encoding="utf-8"))
    assert sorted(row["path"] for row in report) == walk_inputs(folder)
    documents = read_table(out / "documents.parquet", "documents")
    assert len(documents) == sum(
        1 for row in report if row["status"] == "ok" and row["format"] != "metadata"
    )
    read_table(out / "segments.parquet", "segments")


def test_fuzz_ingest_cli_report_matches_in_process_run(ingested, cli_run):
    _, out = cli_run
    report = json.loads((out / "ingest_report.json").read_text(encoding="utf-8"))
    assert report == ingested.report


@pytest.mark.parametrize(
    ("make", "reader", "reason"),
    [
        (lambda: bomb_docx(n_mb=1024, declared=None), read_docx, "possible zip bomb"),
        (lambda: bomb_docx(n_mb=1024, declared=2_000), read_docx, "2000 bytes it declares"),
        (
            lambda: bomb_docx(n_mb=1024, declared=100, part="word/media/image1.png"),
            read_docx,
            "100 bytes it declares",
        ),
        (lambda: many_parts_docx(50_000), read_docx, "50017 parts"),
        (lambda: bomb_pdf(n_mb=300), read_pdf, "Limit reached"),
    ],
    ids=["docx-honest", "docx-lying", "docx-lying-media", "docx-many-parts", "pdf-stream"],
)
def test_fuzz_bomb_refused_without_inflating(make, reader, reason):
    data = make()
    assert len(data) < 8_000_000
    tracemalloc.start()
    try:
        with pytest.raises(Unreadable, match=reason):
            reader(data, max_unpacked_bytes=1_000_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # pypdf stops at its own 75 MB output limit; a docx is never inflated past a chunk.
    assert peak < (250e6 if reader is read_pdf else 20e6)
