"""Ingest a folder: every transcript to documents and segments, every file to the report.

One bad file never stops the batch: whatever goes wrong while reading it becomes its
report row, with a plain reason, and the other files are read as usual.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import pandas as pd
from tqdm import tqdm

from pipeline.ingest.file_bytes import read_bytes
from pipeline.ingest.file_cache import IngestCache
from pipeline.ingest.inventory import FILE, Entry, list_entries, printable
from pipeline.ingest.language import detect_language, language_warning
from pipeline.ingest.parsed import FileResult, Unreadable
from pipeline.ingest.readers import FORMATS, READERS
from pipeline.ingest.report import report_row, sort_report
from pipeline.ingest.rows import file_rows
from pipeline.ingest.sidecar import join_sidecar, speaker_modes, split_off_sidecar
from pipeline.ingest.sniff import content_format
from pipeline.ingest.speakers import SpeakerMatcher
from pipeline.params import IngestParams
from pipeline.schemas import columns

if TYPE_CHECKING:
    from pipeline.parallel import Executor

# A docx may unpack to this many times the file size limit before it counts as a bomb.
UNPACK_FACTOR = 20


@dataclass
class IngestResult:
    """Everything the ingest stage produces.

    Attributes:
        documents: One row per document read: the documents contract columns (doc_id,
            source_path, sha256, format, title, n_chars, text), then the sidecar columns.
        segments: One row per turn or paragraph: seg_id, doc_id, seg_idx, section,
            speaker, start_s, end_s, char_start, char_end, text.
        report: One dict per input file, sorted by path (see `pipeline.ingest.report`).
        cache_hits: Files whose result came from the ingest cache.
    """

    documents: pd.DataFrame
    segments: pd.DataFrame
    report: list[dict] = field(default_factory=list)
    cache_hits: int = 0


def ingest_folder(
    input_dir: str | Path,
    *,
    params: IngestParams | None = None,
    executor: Executor | None = None,
    cache_dir: Path | None = None,
    progress: bool = False,
) -> IngestResult:
    """Read every transcript in a folder into documents, segments and a report.

    Pseudonymisation (`params.pseudonymize`) is not done here: the tables returned hold
    the text as it is in the files.

    Args:
        input_dir: Folder of transcripts, searched recursively, with an optional metadata
            sidecar (`params.metadata_file`) at its top.
        params: The ingest parameters; defaults when None.
        executor: Where the files are read (`pipeline.parallel`); None reads them here, one
            after another. The result is the same either way.
        cache_dir: Folder of the ingest cache (`pipeline.ingest.file_cache`): files whose
            bytes, location, params and the ingest code are unchanged are not read again.
            None reads every file.
        progress: Show a progress bar on a terminal.

    Returns:
        The documents, the segments and one report row per input file.

    Raises:
        FileNotFoundError: When the input folder does not exist.
    """
    params = params or IngestParams()
    input_dir = Path(input_dir)
    matcher = SpeakerMatcher(pattern.regex for pattern in params.speaker_patterns)

    # Read every file; the sidecar is kept apart, it describes files and is not one.
    files, sidecar_entry = split_off_sidecar(list_entries(input_dir), params)
    modes = speaker_modes(sidecar_entry, files, params)
    cache = IngestCache(cache_dir, params)
    results = _read_files(files, params, matcher, cache, executor, progress, modes)
    report = [result.report for result in results]

    # Assemble the tables in doc_id order.
    documents, segments = _assemble(results)

    # Join the metadata sidecar onto the documents.
    if sidecar_entry is not None:
        documents, sidecar_report = join_sidecar(sidecar_entry, documents, report, params)
        report.append(sidecar_report)
    return IngestResult(
        documents=_typed(documents),
        segments=_typed(segments),
        report=sort_report(report),
        cache_hits=sum(result.cached for result in results),
    )


def _assemble(results: list[FileResult]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The documents and segments tables of the files read, in their order."""
    documents = pd.DataFrame(
        [r.document for r in results if r.document is not None], columns=columns("documents")
    )
    segments = pd.DataFrame(
        [row for r in results for row in r.segments], columns=columns("segments")
    )
    return documents, segments


def _read_files(
    files: list[Entry],
    params: IngestParams,
    matcher: SpeakerMatcher,
    cache: IngestCache,
    executor: Executor | None,
    progress: bool,
    modes: dict[str, str],
) -> list[FileResult]:
    """Every file's result in order: cached ones from here, the others from the executor.

    Only this process touches the cache, so workers (local or on a Dask cluster) never
    need its folder, and a rerun that finds every file cached starts no worker at all.
    """
    keys = [_cache_key(entry, params, cache, modes.get(entry.rel, "")) for entry in files]
    results: list[FileResult | None] = [cache.get(key) if key else None for key in keys]
    for entry, result in zip(files, results, strict=True):
        if result is not None:
            result.cached = True
            if result.document is not None:  # the folder may have moved since
                result.document["source_path"] = printable(str(entry.path))
    missing = [i for i, result in enumerate(results) if result is None]
    read = partial(_ingest_in_mode, params=params, matcher=matcher, modes=modes)
    todo = [files[i] for i in missing]
    mapped = executor.map(read, todo) if executor is not None else map(read, todo)
    bar = tqdm(
        mapped,
        total=len(files),
        initial=len(files) - len(missing),
        desc="ingest",
        unit="file",
        disable=None if progress else True,
    )
    for index, result in zip(missing, bar, strict=True):
        results[index] = result
        if keys[index] and result.report["status"] != "failed":  # failures are tried again
            cache.put(keys[index], result)
    return results  # type: ignore[return-value]


def _cache_key(entry: Entry, params: IngestParams, cache: IngestCache, mode: str) -> str | None:
    """The cache key of a file that would be read (None when the cache is off or it is not)."""
    if cache.directory is None:
        return None
    suffix = PurePosixPath(entry.rel).suffix.lower()
    if suffix not in _extensions(params) or suffix not in FORMATS:
        return None
    try:
        data = read_bytes(entry, max_file_mb=params.max_file_mb)
    except Unreadable:
        return None
    return cache.key(entry, hashlib.sha256(data).hexdigest() + mode)


def _ingest_in_mode(entry: Entry, *, params: IngestParams, matcher, modes: dict) -> FileResult:
    if entry.rel in modes:
        params = params.model_copy(update={"speakers": modes[entry.rel]})
    return ingest_file(entry, params=params, matcher=matcher)


def ingest_file(entry: Entry, *, params: IngestParams, matcher: SpeakerMatcher) -> FileResult:
    """Read one file into a documents row, its segments and its report row.

    The extension says which files are read; the content says how, when the two disagree
    (`pipeline.ingest.sniff`). A document that is not in Dutch is read and flagged.

    Args:
        entry: The file, from `list_entries`.
        params: The ingest parameters.
        matcher: Recognises speaker lines.

    Returns:
        The file's report row, and its document and segments when it could be read.
    """
    suffix = PurePosixPath(entry.rel).suffix.lower()
    fmt = FORMATS.get(suffix, "unknown")
    try:
        if entry.kind == FILE and (fmt == "unknown" or suffix not in _extensions(params)):
            allowed = ", ".join(params.extensions)
            raise Unreadable("skipped", f"unknown extension '{suffix}'; files read: {allowed}")
        data = read_bytes(entry, max_file_mb=params.max_file_mb)
    except Unreadable as err:
        return FileResult(report_row(entry.rel, status=err.status, reason=err.reason, format=fmt))
    sha256 = hashlib.sha256(data).hexdigest()
    warnings = _name_warnings(entry)
    try:
        fmt, sniff_warning = content_format(fmt, data)
        warnings.append(sniff_warning)
        parsed = READERS[fmt](
            data,
            matcher=matcher,
            max_unpacked_bytes=int(UNPACK_FACTOR * params.max_file_mb * 1e6),
        )
        document, segments, read_warnings, speakers = file_rows(
            entry, fmt, sha256, parsed, matcher, params
        )
    except Unreadable as err:
        row = report_row(entry.rel, status=err.status, reason=err.reason, format=fmt, sha256=sha256)
        return FileResult(row)
    except Exception as err:  # a surprise in one file must not stop the batch
        reason = f"could not be read ({type(err).__name__}: {' '.join(str(err).split())[:200]})"
        return FileResult(report_row(entry.rel, status="failed", reason=reason, format=fmt))
    language = detect_language(document["text"])
    warnings += [*read_warnings, language_warning(language)]
    row = report_row(
        entry.rel,
        status="ok",
        format=fmt,
        encoding=parsed.encoding,
        n_segments=len(segments),
        n_chars=document["n_chars"],
        sha256=sha256,
        warnings=[warning for warning in warnings if warning],
        language=language,
        **speakers,
    )
    return FileResult(row, document, segments)


def _name_warnings(entry: Entry) -> list[str]:
    if not entry.escaped_name:
        return []
    return [
        "the file name is not valid UTF-8 (or clashes with another once spelled out); "
        "its doc_id spells the odd bytes out, rename the file to fix that"
    ]


def _extensions(params: IngestParams) -> set[str]:
    # ".TXT", "txt" and ".txt" all mean the same to a user.
    return {"." + ext.lower().lstrip(".") for ext in params.extensions}


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    # The contract dtypes (the stage validates the tables again when it writes them).
    dtypes = {"n_chars": "int64", "seg_idx": "int64", "char_start": "int64", "char_end": "int64"}
    dtypes |= {"start_s": "float64", "end_s": "float64"}
    return table.astype({name: dtypes.get(name, "str") for name in table.columns})
