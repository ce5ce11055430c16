"""UMAP's compiled code is kept on disk, so a fresh process loads it instead of compiling."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FIT = """
import sys
import numpy as np
from pipeline.themes.clustering import ExactKnnUMAP
X = np.random.default_rng(0).normal(size=(300, 16))
points = ExactKnnUMAP(n_epochs=50).fit(X).embedding_
np.save(sys.argv[1], points)
"""


def _fit_in_fresh_process(cache_dir: Path, out: Path) -> None:
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", FIT, str(out)], capture_output=True, env=env, check=True)


def test_umap_compiles_once_then_loads_the_same_code(tmp_path):
    cache = tmp_path / "numba"
    _fit_in_fresh_process(cache, tmp_path / "first.npy")
    cached = {p.name for p in cache.rglob("*.nbi")}
    written = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    # The functions of a UMAP fit are there: graph, layout optimiser, spectral start.
    assert any("fuzzy_simplicial_set" in n or "smooth_knn_dist" in n for n in cached), cached
    assert any("optimize_layout" in n for n in cached), cached

    _fit_in_fresh_process(cache, tmp_path / "second.npy")
    np.testing.assert_array_equal(np.load(tmp_path / "first.npy"), np.load(tmp_path / "second.npy"))
    # Nothing was compiled and saved again: every cache file is as the first run left it.
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == written
