"""Comparing two runs' output files: byte for byte, except declared float-noise files.

The SVD of the tf-idf embedder runs through BLAS, whose kernels may take different code
paths for differently aligned memory in two processes. The embedding matrix and the saved
embedder can then differ in the last bits (seen: 4e-13), while every table derived from
them is byte-identical. Those two files are compared numerically instead.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file

# Declared outputs that may differ in float noise only, with the tolerance that applies.
FLOAT_NOISE = ["data/interim/theme_embeddings/*.safetensors", "models/themes/embedder.safetensors"]
TOLERANCE = 1e-9


def same_output(relative: str, first: Path, second: Path) -> bool:
    """Whether two runs' copies of one output file agree."""
    if first.read_bytes() == second.read_bytes():
        return True
    if not any(fnmatch.fnmatch(relative, pattern) for pattern in FLOAT_NOISE):
        return False
    a, b = load_file(str(first)), load_file(str(second))
    return a.keys() == b.keys() and all(
        a[k].shape == b[k].shape and np.allclose(a[k], b[k], rtol=0, atol=TOLERANCE) for k in a
    )
