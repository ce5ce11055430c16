"""Where a run reads and writes: the folders of one run and the file of every stage table.

`dvc repro` uses the project itself as the root; `kruispunt run --out DIR` uses the same
layout under DIR, so both write the same files in the same places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.tables import read_table

# The caches of the project; `kruispunt run --out DIR` keeps its own under DIR.
CACHE_ROOT = Path(".cache/kruispunt")
DEFAULT_CACHE_DIR = CACHE_ROOT / "annotate"
INGEST_CACHE_DIR = CACHE_ROOT / "ingest"


@dataclass(frozen=True)
class Layout:
    """Where a run reads and writes, relative to one root folder.

    The default root is the project itself, which is the layout `dvc repro` uses;
    `kruispunt run --out DIR` uses the same layout under DIR.
    """

    root: Path = field(default_factory=lambda: Path("."))

    @property
    def interim(self) -> Path:
        """Stage outputs between stages."""
        return self.root / "data" / "interim"

    @property
    def processed(self) -> Path:
        """Analysis tables."""
        return self.root / "data" / "processed"

    @property
    def private(self) -> Path:
        """Files that must never be shared, such as the pseudonym key."""
        return self.root / "data" / "private"

    @property
    def theme_model(self) -> Path:
        """The fitted theme model."""
        return self.root / "models" / "themes"

    @property
    def metrics(self) -> Path:
        """DVC metrics."""
        return self.root / "metrics"

    @property
    def reports(self) -> Path:
        """What researchers take home."""
        return self.root / "reports"


# Where each stage table lives: the layout folder (`interim` or `processed`) and file name.
TABLE_FILES = {
    "documents": ("interim", "documents.parquet"),
    "segments": ("interim", "segments.parquet"),
    "tokens": ("interim", "tokens.parquet"),
    "term_hits": ("processed", "term_hits.parquet"),
    "kwic": ("processed", "kwic.csv"),
    "associations": ("processed", "associations.csv"),
    "relations": ("processed", "relations.csv"),
    "term_variants": ("processed", "term_variants.csv"),
    "contexts": ("processed", "contexts.parquet"),
    "themes": ("processed", "themes.csv"),
    "coded_contexts": ("processed", "coded_contexts.parquet"),
    "deductive_codings": ("processed", "deductive_codings.parquet"),
    "compare_codings": ("processed", "compare_codings.parquet"),
    "agreement": ("processed", "agreement.csv"),
    "agreement_confusion": ("processed", "agreement_confusion.csv"),
    "disagreements": ("processed", "disagreements.csv"),
}


def read_stage_table(layout: Layout, name: str) -> object:
    """Read one stage output by contract name from wherever the layout keeps it."""
    folder, file_name = TABLE_FILES[name]
    return read_table(getattr(layout, folder) / file_name, name)
