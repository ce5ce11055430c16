"""Where the benchmarks on real records find the dev data, and how they write results.

The dev data (`../shared/data/real`, see its `SOURCES.md`) is read in place, never copied:
its root is an option, else `$KRUISPUNT_REAL_DATA`, else `../shared/data/real` next to the
repository.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA_ENV = "KRUISPUNT_REAL_DATA"
DEFAULT_DATA = REPO.parent / "shared" / "data" / "real"


def data_root(option: str | Path | None = None) -> Path:
    """The dev data root: the option, else $KRUISPUNT_REAL_DATA, else ../shared/data/real."""
    return Path(option or os.environ.get(DATA_ENV) or DEFAULT_DATA)


def write_results(out: str | Path, figures: dict) -> None:
    """Write a benchmark's figures as JSON and say where."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"-> {out}")
