"""Loading a run's outputs in a notebook: typed, validated DataFrames for every stage table.

Example:
    >>> from pipeline import outputs
    >>> run = outputs.load(".")            # a project after `dvc repro`
    >>> run = outputs.load("/tmp/run1")    # a folder written by `kruispunt run --out`
    >>> run.associations.query("term == 'maatwerk'").head()
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.layout import Layout, read_stage_table
from pipeline.params import Params, ThemesParams, load_params
from pipeline.tables import read_json, read_table

# Written by `pipeline.themes.model.ThemeModel.save`; importing that module would load
# BERTopic, which a notebook that only reads tables should not wait for.
THEME_MODEL_INFO = "kruispunt_themes.json"

TABLES = (
    "documents",
    "segments",
    "tokens",
    "term_hits",
    "kwic",
    "associations",
    "relations",
    "contexts",
    "themes",
    "coded_contexts",
)


@dataclass
class RunOutputs:
    """The outputs of one run, loaded lazily and validated against their contracts.

    Attributes:
        layout: Where the run's files live.
    """

    layout: Layout

    def __post_init__(self) -> None:
        self._cache: dict[str, Any] = {}

    def table(self, name: str) -> pd.DataFrame:
        """One stage table by contract name (for example "term_hits"), validated."""
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; available: {', '.join(TABLES)}")
        if name not in self._cache:
            self._cache[name] = read_stage_table(self.layout, name)
        return self._cache[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES:
            return self.table(name)
        raise AttributeError(name)

    @property
    def ingest_report(self) -> pd.DataFrame:
        """One row per input file: path, status, reason, format and sizes."""
        return pd.DataFrame(read_json(self.layout.interim / "ingest_report.json"))

    @property
    def nlp_info(self) -> dict:
        """The spaCy model that annotated the run."""
        return read_json(self.layout.interim / "nlp_info.json")

    @property
    def theme_metrics(self) -> dict:
        """Number of themes, outlier share, topic diversity and NPMI coherence."""
        return read_json(self.layout.metrics / "themes.json")

    @property
    def term_theme_matrix(self) -> pd.DataFrame:
        """Counts of contexts per focal term (rows) and theme code (columns)."""
        return read_table(self.layout.processed / "term_theme_matrix.csv")

    @property
    def params(self) -> Params:
        """The validated `params.yaml` of the run's folder, or the defaults when it has none.

        A `dvc repro` project keeps its params.yaml at the root; a `kruispunt run --out`
        folder does not, so there the defaults stand in (see `themes_params` for the
        themes section that was actually used).
        """
        return load_params(self.layout.root / "params.yaml")

    @property
    def theme_model_info(self) -> dict:
        """What the saved theme model records: codes per theme_id, regime, terms and params."""
        return read_json(self.layout.theme_model / THEME_MODEL_INFO)

    @property
    def themes_params(self) -> ThemesParams:
        """The themes params that made this run's codebook, read from the saved model.

        A fresh object on every access: change a field (validated on assignment) and pass
        it to `pipeline.themes.fit_themes` to re-fit with other settings.
        """
        return ThemesParams.model_validate(self.theme_model_info["params"])


def load(path: str | Path = ".") -> RunOutputs:
    """Open the outputs of a run made by `dvc repro` or `kruispunt run --out`.

    Args:
        path: The project folder, or the `--out` folder of `kruispunt run`.

    Returns:
        A `RunOutputs` whose attributes (documents, segments, tokens, term_hits, kwic,
        associations, relations, contexts, themes, coded_contexts) are validated DataFrames.
    """
    root = Path(path)
    if not (root / "data" / "interim").is_dir():
        raise FileNotFoundError(
            f"{root} holds no data/interim folder: run `dvc repro` or `kruispunt run` first"
        )
    return RunOutputs(Layout(root))
