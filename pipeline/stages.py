"""The five stages as functions over folders: read inputs, call the library, write outputs.

The CLI commands and the DVC stages call these, and so does the batch runner, so there is
one implementation of each stage. Every output is validated and written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.params import Params
from pipeline.tables import read_table, write_json, write_table

if TYPE_CHECKING:
    from collections.abc import Callable

    from pipeline.parallel import Executor

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


def ingest(
    input_dir: Path,
    interim: Path,
    params: Params,
    *,
    executor: Executor | None = None,
    cache_dir: Path | None = INGEST_CACHE_DIR,
    progress: bool = False,
) -> dict:
    """Run the ingest stage: `input_dir` to documents, segments and the ingest report.

    Args:
        input_dir: Folder of transcripts (and an optional metadata sidecar).
        interim: Folder for documents.parquet, segments.parquet and ingest_report.json.
        params: Validated parameters.
        executor: Where the files are read (`pipeline.parallel`); None reads them here.
        cache_dir: Folder of the ingest cache (`pipeline.ingest.file_cache`; relative paths
            from the working directory); None reads every file.
        progress: Show a progress bar.

    Returns:
        `report`: the ingest report rows, one per input file; `cache_hits`: the files
        taken from the ingest cache.
    """
    from pipeline.ingest import ingest_folder

    result = ingest_folder(
        input_dir,
        params=params.ingest,
        executor=executor,
        cache_dir=cache_dir,
        progress=progress,
    )
    documents, segments, report = result.documents, result.segments, result.report
    if params.ingest.pseudonymize:
        documents, segments, report = _pseudonymize(documents, segments, report, interim)
    write_table(documents, interim / "documents.parquet", "documents")
    write_table(segments, interim / "segments.parquet", "segments")
    write_json(interim / "ingest_report.json", report)
    return {"report": report, "cache_hits": result.cache_hits}


def _pseudonymize(documents, segments, report: list[dict], interim: Path):
    """Replace names before any later stage sees them; the key goes to data/private only."""
    from pipeline.ingest.report import sort_report
    from pipeline.privacy import pseudonymize, write_key

    result = pseudonymize(documents, segments)
    # File names can hold names too: the report follows the renamed doc_ids.
    renamed = dict(zip(documents["doc_id"], result.documents["doc_id"], strict=True))
    report = [{**row, "path": renamed.get(row["path"], row["path"])} for row in report]
    write_key(result.key, interim.parent / "private" / "pseudonym_key.csv")
    return result.documents, result.segments, sort_report(report)


# Where each stage table lives: the layout folder (`interim` or `processed`) and file name.
TABLE_FILES = {
    "documents": ("interim", "documents.parquet"),
    "segments": ("interim", "segments.parquet"),
    "tokens": ("interim", "tokens.parquet"),
    "term_hits": ("processed", "term_hits.parquet"),
    "kwic": ("processed", "kwic.csv"),
    "associations": ("processed", "associations.csv"),
    "relations": ("processed", "relations.csv"),
    "contexts": ("processed", "contexts.parquet"),
    "themes": ("processed", "themes.csv"),
    "coded_contexts": ("processed", "coded_contexts.parquet"),
}


def read_stage_table(layout: Layout, name: str) -> object:
    """Read one stage output by contract name from wherever the layout keeps it."""
    folder, file_name = TABLE_FILES[name]
    return read_table(getattr(layout, folder) / file_name, name)


def annotate(
    interim: Path,
    params: Params,
    *,
    executor: Executor | None = None,
    cache_dir: Path | None = DEFAULT_CACHE_DIR,
    progress: bool = False,
    on_parallel: Callable[[], None] | None = None,
) -> dict:
    """Run the annotate stage: segments to tokens with the Dutch spaCy pipeline.

    Documents already annotated with the same model and code come from the cache
    (`pipeline.cache`); the others are annotated, in parallel when the executor has workers.

    Args:
        interim: Folder holding segments.parquet; receives tokens.parquet and nlp_info.json.
        params: Validated parameters.
        executor: Where documents are annotated; None uses `annotate.n_process` local
            processes.
        cache_dir: Folder of the annotation cache (relative paths from the working
            directory, which is the project root under `dvc repro`); None turns it off.
        progress: Show a progress bar.
        on_parallel: Called when the documents go to the workers, for other work this
            process does meanwhile (see `pipeline.cache.annotate_cached`).

    Returns:
        The model description written to nlp_info.json, plus `cache`: this run's hits and
        misses in documents (not written).
    """
    from pipeline.cache import annotate_cached
    from pipeline.model_files import needs_torch
    from pipeline.nlp import describe_pipeline
    from pipeline.parallel import make_executor

    segments = read_table(interim / "segments.parquet", "segments")
    # Described, not loaded: only a task that runs in this process loads the pipeline,
    # so workers start parsing sooner, and a fully cached rerun never loads it.
    info = describe_pipeline(params.annotate.model)
    skip_torch = not needs_torch(params.annotate.model)
    with make_executor(workers=params.annotate.n_process, skip_torch=skip_torch) as own_executor:
        result = annotate_cached(
            segments,
            None,
            info,
            params=params.annotate,
            cache_dir=cache_dir,
            executor=executor or own_executor,
            progress=progress,
            on_parallel=on_parallel,
        )
    write_table(result.tokens, interim / "tokens.parquet", "tokens")
    write_json(interim / "nlp_info.json", info)
    return {**info, "cache": result.stats}


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
    cache = interim / "theme_embeddings"
    cache.mkdir(parents=True, exist_ok=True)  # a DVC output, even when nothing is embedded
    result = fit_themes(
        term_hits,
        tokens,
        documents,
        params=params.themes,
        terms=list(params.associate.terms),
        stop_words=dutch_stop_words(params.associate.extra_stop_words),
        embedding_cache=cache,
        spacy_model=params.annotate.model,
    )
    write_table(result.contexts, processed / "contexts.parquet", "contexts")
    write_table(result.themes, processed / "themes.csv", "themes")
    write_table(result.coded_contexts, processed / "coded_contexts.parquet", "coded_contexts")
    write_table(result.term_theme_matrix, processed / "term_theme_matrix.csv")
    result.save_model(model_dir)
    write_json(metrics / "themes.json", result.metrics)
    return result.metrics


def export(layout: Layout, params: Params, *, executor: Executor | None = None) -> list[Path]:
    """Run the export stage: coded tables, Excel, REFI-QDA files and the HTML report.

    Args:
        layout: Where the stage outputs are read from and `reports/` is written.
        params: Validated parameters (written into the report).
        executor: Where the Excel workbook is built beside the other files (a worker
            process); None builds everything here.

    Returns:
        The files written.
    """
    from pipeline.export import export_reports

    return export_reports(layout, params, executor=executor)
