"""The stage outputs that the export reads, gathered once into one object.

Every table is read through `pipeline.tables.read_table`, so a contract violation upstream
stops the export with the table's name instead of producing a half-coded report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.layout import TABLE_FILES
from pipeline.schemas import columns
from pipeline.tables import read_json, read_table, validate

# Columns of `documents` that the ingest stage always writes; anything else came from the
# metadata sidecar and becomes a REFI-QDA variable.
CORE_DOCUMENT_COLUMNS = tuple(columns("documents"))

# The compare stage's tables that the export carries (each may be missing: then empty).
COMPARE_TABLES = ("deductive_codings", "agreement", "agreement_confusion", "disagreements")

# Tokens are only counted, so their text and morphology are never loaded.
_TOKEN_COLUMNS = ["doc_id", "seg_id", "is_punct"]


@dataclass
class ExportInputs:
    """Everything the export stage reads.

    Attributes:
        documents: The documents table (with metadata sidecar columns).
        segments: The segments table.
        tokens: Token counts per segment: doc_id, seg_id, is_punct.
        term_hits: The term_hits table.
        kwic: The kwic table.
        associations: The associations table.
        relations: The relations table.
        contexts: The contexts table.
        themes: The themes codebook (plus `n_<term>` columns).
        coded_contexts: The coded_contexts table.
        ingest_report: One dict per input file: path, status, reason, ...
        nlp_info: Description of the annotating model.
        theme_metrics: The themes stage metrics.
        term_variants: Suggested term variants (empty for runs from before they existed).
        deductive_codings: The researcher's codebook applied to the corpus (empty without
            `compare.codebook`, and for runs from before the compare stage).
        agreement: Agreement per pair of codes (empty without `compare.coded_project`).
        agreement_confusion: Human codes against kruispunt codes, in units.
        disagreements: The units of disagreement per pair, with their quotes.
        compare_report: The compare stage's report: the coded project, its sources and
            codings and what could not be mapped (empty: no compare stage ran).
    """

    documents: pd.DataFrame
    segments: pd.DataFrame
    tokens: pd.DataFrame
    term_hits: pd.DataFrame
    kwic: pd.DataFrame
    associations: pd.DataFrame
    relations: pd.DataFrame
    contexts: pd.DataFrame
    themes: pd.DataFrame
    coded_contexts: pd.DataFrame
    ingest_report: list[dict[str, Any]] = field(default_factory=list)
    nlp_info: dict[str, Any] = field(default_factory=dict)
    theme_metrics: dict[str, Any] = field(default_factory=dict)
    term_variants: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=columns("term_variants"))
    )
    deductive_codings: pd.DataFrame = field(
        default_factory=lambda: empty_table("deductive_codings")
    )
    agreement: pd.DataFrame = field(default_factory=lambda: empty_table("agreement"))
    agreement_confusion: pd.DataFrame = field(
        default_factory=lambda: empty_table("agreement_confusion")
    )
    disagreements: pd.DataFrame = field(default_factory=lambda: empty_table("disagreements"))
    compare_report: dict[str, Any] = field(default_factory=dict)

    @property
    def metadata_columns(self) -> list[str]:
        """Columns of `documents` that came from the metadata sidecar."""
        return [c for c in self.documents.columns if c not in CORE_DOCUMENT_COLUMNS]


def empty_table(name: str) -> pd.DataFrame:
    """A table of the contract `name` with no rows, its columns typed."""
    return validate(pd.DataFrame(columns=columns(name)), name)


def _table_or_empty(folder: Path, name: str) -> pd.DataFrame:
    # Layouts from before the compare stage, and test layouts, lack its tables.
    path = folder / TABLE_FILES[name][1]
    return read_table(path, name) if path.exists() else empty_table(name)


def _json_or(path: Path, default: Any) -> Any:
    # The JSON side files are informative; a run without them still exports its tables.
    return read_json(path) if path.exists() else default


def load_inputs(interim: Path, processed: Path, metrics: Path) -> ExportInputs:
    """Read and validate every stage output the export needs.

    Args:
        interim: Folder with documents, segments, tokens, ingest_report.json, nlp_info.json.
        processed: Folder with the associate, themes and compare tables (the compare
            tables and compare_report.json may be missing, which reads as empty).
        metrics: Folder with themes.json.

    Returns:
        The validated inputs.
    """
    tokens = read_table(interim / "tokens.parquet", columns=_TOKEN_COLUMNS)
    return ExportInputs(
        documents=read_table(interim / "documents.parquet", "documents"),
        segments=read_table(interim / "segments.parquet", "segments"),
        tokens=tokens,
        term_hits=read_table(processed / "term_hits.parquet", "term_hits"),
        kwic=read_table(processed / "kwic.csv", "kwic"),
        associations=read_table(processed / "associations.csv", "associations"),
        relations=read_table(processed / "relations.csv", "relations"),
        contexts=read_table(processed / "contexts.parquet", "contexts"),
        themes=read_table(processed / "themes.csv", "themes"),
        coded_contexts=read_table(processed / "coded_contexts.parquet", "coded_contexts"),
        ingest_report=_json_or(interim / "ingest_report.json", []),
        nlp_info=_json_or(interim / "nlp_info.json", {}),
        theme_metrics=_json_or(metrics / "themes.json", {}),
        term_variants=read_table(processed / "term_variants.csv", "term_variants")
        if (processed / "term_variants.csv").exists()
        else pd.DataFrame(columns=columns("term_variants")),
        **{name: _table_or_empty(processed, name) for name in COMPARE_TABLES},
        compare_report=_json_or(processed / "compare_report.json", {}),
    )
