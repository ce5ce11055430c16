"""Ingest and annotate give byte-identical tables whatever runs them: 1, 2, 4 processes, Dask.

Only ingest and annotate run on workers; the later stages run in one process on their
tables, so identical tables here mean identical outputs of the whole run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.annotate.stage import annotate
from pipeline.ingest.stage import ingest
from pipeline.parallel import make_executor
from pipeline.params import Params

ROOT = Path(__file__).resolve().parents[1]
# Four formats, so the readers run in the workers too.
FILES = [
    "fishbowl_ambtenaren.txt",
    "interview_zelforganisatie.docx",
    "breakout_zelfredzaamheid.md",
    "plenaire_reflectie.vtt",
]
SETUPS = [(1, None), (2, None), (4, None), (2, "local")]
TABLES = ["documents.parquet", "segments.parquet", "tokens.parquet", "ingest_report.json"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("raw")
    for name in FILES:
        shutil.copy(ROOT / "data" / "raw" / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def outputs(corpus, tmp_path_factory):
    made: dict = {}

    def run(workers, scheduler):
        if (workers, scheduler) not in made:
            interim = tmp_path_factory.mktemp(f"interim_{workers}_{scheduler}")
            with make_executor(workers=workers, scheduler=scheduler) as executor:
                ingest(corpus, interim, Params(), executor=executor, cache_dir=None)
                info = annotate(interim, Params(), executor=executor, cache_dir=None)
            made[workers, scheduler] = (interim, info)
        return made[workers, scheduler]

    return run


@pytest.mark.parametrize(("workers", "scheduler"), SETUPS[1:])
@pytest.mark.parametrize("table", TABLES)
def test_parallel_stages_identical_to_serial(outputs, workers, scheduler, table):
    serial, _ = outputs(1, None)
    parallel, info = outputs(workers, scheduler)
    assert info["cache"] == {"hits": 0, "misses": len(FILES)}
    assert (parallel / table).read_bytes() == (serial / table).read_bytes()
