"""The five stages as functions over folders: read inputs, call the library, write outputs.

The CLI commands and the DVC stages call these, and so does the batch runner, so there is
one implementation of each stage. Every output is validated and written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.params import Params
from pipeline.tables import read_table, write_json, write_table


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


def ingest(input_dir: Path, interim: Path, params: Params) -> list[dict]:
    """Run the ingest stage: `input_dir` to documents, segments and the ingest report.

    Args:
        input_dir: Folder of transcripts (and an optional metadata sidecar).
        interim: Folder for documents.parquet, segments.parquet and ingest_report.json.
        params: Validated parameters.

    Returns:
        The ingest report rows, one per input file.
    """
    from pipeline.ingest import ingest_folder

    result = ingest_folder(input_dir, params=params.ingest)
    write_table(result.documents, interim / "documents.parquet", "documents")
    write_table(result.segments, interim / "segments.parquet", "segments")
    write_json(interim / "ingest_report.json", result.report)
    return result.report


def read_stage_table(layout: Layout, name: str) -> object:
    """Read one stage output by contract name from wherever the layout keeps it."""
    locations = {
        "documents": layout.interim / "documents.parquet",
        "segments": layout.interim / "segments.parquet",
        "tokens": layout.interim / "tokens.parquet",
        "term_hits": layout.processed / "term_hits.parquet",
        "kwic": layout.processed / "kwic.csv",
        "associations": layout.processed / "associations.csv",
        "relations": layout.processed / "relations.csv",
        "contexts": layout.processed / "contexts.parquet",
        "themes": layout.processed / "themes.csv",
        "coded_contexts": layout.processed / "coded_contexts.parquet",
    }
    return read_table(locations[name], name)


def annotate(interim: Path, params: Params) -> dict:
    """Run the annotate stage: segments to tokens with the Dutch spaCy pipeline.

    Args:
        interim: Folder holding segments.parquet; receives tokens.parquet and nlp_info.json.
        params: Validated parameters.

    Returns:
        The model description written to nlp_info.json.
    """
    from pipeline.annotate import annotate_segments
    from pipeline.nlp import load_pipeline

    segments = read_table(interim / "segments.parquet", "segments")
    nlp, info = load_pipeline(params.annotate.model)
    tokens = annotate_segments(segments, nlp, params=params.annotate)
    write_table(tokens, interim / "tokens.parquet", "tokens")
    write_json(interim / "nlp_info.json", info)
    return info


def associate(interim: Path, processed: Path, params: Params) -> None:
    """Run the associate stage: term hits, KWIC, associations and relations.

    Args:
        interim: Folder holding tokens.parquet and segments.parquet.
        processed: Folder for term_hits.parquet, kwic.csv, associations.csv, relations.csv.
        params: Validated parameters.
    """
    from pipeline.associate import associate_terms

    tokens = read_table(interim / "tokens.parquet", "tokens")
    segments = read_table(interim / "segments.parquet", "segments")
    result = associate_terms(tokens, segments, params=params.associate)
    write_table(result.term_hits, processed / "term_hits.parquet", "term_hits")
    write_table(result.kwic, processed / "kwic.csv", "kwic")
    write_table(result.associations, processed / "associations.csv", "associations")
    write_table(result.relations, processed / "relations.csv", "relations")


def themes(interim: Path, processed: Path, model_dir: Path, metrics: Path, params: Params) -> dict:
    """Run the themes stage: contexts, BERTopic themes, the codebook and coded contexts.

    Args:
        interim: Folder holding tokens.parquet and documents.parquet; receives the embeddings.
        processed: Folder holding term_hits.parquet; receives the theme tables.
        model_dir: Folder for the fitted theme model (safetensors, no pickles).
        metrics: Folder for themes.json.
        params: Validated parameters.

    Returns:
        The theme metrics.
    """
    from pipeline.stopwords import dutch_stop_words
    from pipeline.themes import fit_themes

    term_hits = read_table(processed / "term_hits.parquet", "term_hits")
    tokens = read_table(interim / "tokens.parquet", "tokens")
    documents = read_table(interim / "documents.parquet", "documents")
    result = fit_themes(
        term_hits,
        tokens,
        documents,
        params=params.themes,
        terms=list(params.associate.terms),
        stop_words=dutch_stop_words(params.associate.extra_stop_words),
        embedding_cache=interim / "theme_embeddings",
    )
    write_table(result.contexts, processed / "contexts.parquet", "contexts")
    write_table(result.themes, processed / "themes.csv", "themes")
    write_table(result.coded_contexts, processed / "coded_contexts.parquet", "coded_contexts")
    write_table(result.term_theme_matrix, processed / "term_theme_matrix.csv")
    result.save_model(model_dir)
    write_json(metrics / "themes.json", result.metrics)
    return result.metrics


def export(layout: Layout, params: Params) -> list[Path]:
    """Run the export stage: coded tables, Excel, REFI-QDA files and the HTML report.

    Args:
        layout: Where the stage outputs are read from and `reports/` is written.
        params: Validated parameters (written into the report).

    Returns:
        The files written.
    """
    from pipeline.export import export_reports

    return export_reports(layout, params)
