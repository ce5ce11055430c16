"""The QualCoder round trip: kruispunt's .qdpx, imported into QualCoder and exported again.

`tests/data/compare/roundtrip/` holds a small run's `kruispunt.qdpx` and what the real
QualCoder 4.0 made of it (`benchmarks/qualcoder_export_driver.py`; see the README there).
Both are read as coded projects and put on the same corpus, the two example documents
ingested here: every kruispunt code must agree with itself at kappa = alpha = 1.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.compare.agreement import agreement_table
from pipeline.compare.align import map_codings, match_sources
from pipeline.compare.comparison import without_case_codes
from pipeline.compare.pairs import make_pairs
from pipeline.compare.project import read_project
from pipeline.compare.units import build_units, code_units
from pipeline.ingest.stage import ingest
from pipeline.params import Params
from pipeline.tables import read_table

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "compare" / "roundtrip"
DOCS = ("breakout_zelfredzaamheid.md", "interview_beleidsadviseur.txt")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    (folder / "in").mkdir()
    for name in DOCS:
        shutil.copyfile(ROOT / "data" / "raw" / name, folder / "in" / name)
    ingest(folder / "in", folder / "interim", Params(), cache_dir=None)
    documents = read_table(folder / "interim" / "documents.parquet", "documents")
    segments = read_table(folder / "interim" / "segments.parquet", "segments")
    return documents, segments


def _codings(name: str, documents, side: str):
    project = without_case_codes(read_project(FIXTURE / name))
    assert project.problems == []
    matches = match_sources(project.sources, documents)
    assert sorted(matches["doc_id"]) == sorted(DOCS)
    mapped, unmapped = map_codings(project, documents, matches)
    assert unmapped.empty
    return mapped.assign(side=side, coder="kruispunt" if side == "kruispunt" else "root")


def test_qualcoder_round_trip_keeps_every_coding_exactly(corpus):
    documents, _ = corpus
    back = _codings("qualcoder.qdpx", documents, "human")
    ours = _codings("kruispunt.qdpx", documents, "kruispunt")
    # QualCoder adds a byte-order mark to every text: read without it, nothing moves.
    assert (back["exact_share"] == 1.0).all()
    key = ["code", "doc_id", "char_start", "char_end"]
    assert sorted(map(tuple, back[key].values)) == sorted(map(tuple, ours[key].values))
    # 89 codings in kruispunt.qdpx, 2 of them case links (README of the fixture): 87.
    assert len(back) == len(ours) == 87


def test_qualcoder_round_trip_agrees_at_kappa_and_alpha_one(corpus):
    documents, segments = corpus
    codings = [_codings("qualcoder.qdpx", documents, "human")]
    codings.append(_codings("kruispunt.qdpx", documents, "kruispunt"))
    units = build_units(segments, None, "segment")
    coded = code_units(pd.concat(codings, ignore_index=True), units, 0.5)
    pairs = make_pairs(coded, None, 0.1)
    table = agreement_table(coded, units, pairs)
    kruispunt_codes = set(coded.loc[coded["side"] == "kruispunt", "code"])
    same = table[table["code_a"] == table["code_b"]]
    assert set(same["code_b"]) == kruispunt_codes and len(kruispunt_codes) == 31
    assert (same["paired_by"] == "name").all()
    assert (same["kappa"] == 1.0).all() and (same["alpha"] == 1.0).all()
