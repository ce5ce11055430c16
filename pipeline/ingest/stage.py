"""The ingest stage over folders: transcripts in, documents, segments and the report out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import NoDocumentsError
from pipeline.layout import INGEST_CACHE_DIR
from pipeline.params import Params
from pipeline.tables import write_json, write_table
from pipeline.tempfiles import remove_stale

if TYPE_CHECKING:
    from pipeline.parallel import Executor


def ingest(
    input_dir: Path,
    interim: Path,
    params: Params,
    *,
    executor: Executor | None = None,
    cache_dir: Path | None = INGEST_CACHE_DIR,
    key_dir: Path | None = None,
    progress: bool = False,
) -> dict:
    """Run the ingest stage: `input_dir` to documents, segments and the ingest report.

    Args:
        input_dir: Folder of transcripts (and an optional metadata sidecar).
        interim: Folder for documents.parquet, segments.parquet and ingest_report.json.
        params: Validated parameters.
        executor: Where the files are read (`pipeline.parallel`); None reads them here.
        cache_dir: Folder of the ingest cache (`pipeline.ingest.file_cache`; relative paths
            from the working directory); None reads every file. With pseudonymisation on,
            the cache holds original text, so it moves into the private folder
            (`pipeline.ingest.file_cache.private_cache_dir`).
        key_dir: The private folder for the pseudonym key (and the ingest cache when
            pseudonymising); None uses `data/private` next to `interim` (the project's,
            under `dvc repro`).
        progress: Show a progress bar.

    Returns:
        `report`: the ingest report rows, one per input file; `cache_hits`: the files
        taken from the ingest cache.

    Raises:
        NoDocumentsError: If no file could be read (the report is written first).
    """
    from pipeline.ingest.file_cache import private_cache_dir
    from pipeline.ingest.folder import ingest_folder

    private = Path(key_dir) if key_dir is not None else interim.parent / "private"
    if params.ingest.pseudonymize:
        cache_dir = private_cache_dir(private, cache_dir)
    # A killed run's temporary files go first (a live run's are locked, and kept).
    remove_stale(interim, names=("documents.parquet", "segments.parquet", "ingest_report.json"))
    if cache_dir is not None:
        remove_stale(cache_dir, recursive=True)
    result = ingest_folder(
        input_dir,
        params=params.ingest,
        executor=executor,
        cache_dir=cache_dir,
        progress=progress,
    )
    documents, segments, report = result.documents, result.segments, result.report
    if documents.empty:
        write_json(interim / "ingest_report.json", report)
        raise NoDocumentsError(_no_documents(input_dir, report, interim))
    if params.ingest.pseudonymize:
        documents, segments, report = _pseudonymize(documents, segments, report, private)
    write_table(documents, interim / "documents.parquet", "documents")
    write_table(segments, interim / "segments.parquet", "segments")
    write_json(interim / "ingest_report.json", report)
    return {"report": report, "cache_hits": result.cache_hits}


def _pseudonymize(documents, segments, report: list[dict], private: Path):
    """Replace names before any later stage sees them; the key goes to `private` only."""
    from pipeline.ingest.report import sort_report
    from pipeline.privacy import pseudonymize, write_key

    result = pseudonymize(documents, segments)
    # File names can hold names too: the report follows the renamed doc_ids.
    renamed = dict(zip(documents["doc_id"], result.documents["doc_id"], strict=True))
    report = [{**row, "path": renamed.get(row["path"], row["path"])} for row in report]
    write_key(result.key, private / "pseudonym_key.csv")
    return result.documents, result.segments, sort_report(report)


def _no_documents(input_dir: Path, report: list[dict], interim: Path) -> str:
    """Say that `input_dir` gave no documents, and why."""
    from pipeline.ingest.readers import FORMATS

    files = [row for row in report if row["format"] != "metadata"]
    if not files:
        suffixes = ", ".join(sorted(FORMATS))
        return f"no transcripts in {input_dir}: put files there ({suffixes}; subfolders too)"
    return (
        f"none of the {len(files)} files in {input_dir} could be read: "
        f"see {interim / 'ingest_report.json'} for each file's reason"
    )
