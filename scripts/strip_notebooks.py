"""Remove outputs, execution counts and timing from notebooks, in place, keeping cell ids.

Usage: .venv/bin/python scripts/strip_notebooks.py notebooks/*.ipynb

The notebooks are committed without outputs (tests/test_notebooks_clean.py checks this);
run this after executing one in Jupyter, then `jupytext --sync notebooks/*.ipynb`.
"""

from __future__ import annotations

import sys

import nbformat


def strip(path: str) -> bool:
    """Strip one notebook; return whether it changed."""
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    after = nbformat.writes(nb)
    if after != before:
        nbformat.write(nb, path)
    return after != before


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{'stripped' if strip(name) else 'clean   '} {name}")
