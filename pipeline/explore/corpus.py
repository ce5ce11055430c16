"""What is in the corpus: documents, speakers and words per meeting or metadata field.

Words are the non-punctuation tokens of the annotate stage, so the counts here are the
denominators of every relative frequency in the notebooks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from pipeline.export import words as word_counts
from pipeline.export.matrices import NO_SPEAKER
from pipeline.schemas import columns

PROBLEM_COLUMNS = ["path", "status", "reason", "warning"]


def _keys(by: str | Sequence[str]) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def metadata_columns(documents: pd.DataFrame) -> list[str]:
    """Columns of `documents` that came from the metadata sidecar (meeting_type, ...)."""
    core = set(columns("documents"))
    return [c for c in documents.columns if c not in core]


def with_metadata(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Add the metadata sidecar columns of each row's document.

    Args:
        table: Any table with a `doc_id` column (segments, term_hits, coded_contexts, ...).
        documents: The documents table.

    Returns:
        `table` with its rows and columns unchanged, plus every metadata column it lacks
        (for example meeting_date, municipality, meeting_type).
    """
    extra = [c for c in metadata_columns(documents) if c not in table.columns]
    return table.merge(
        documents[["doc_id", *extra]], on="doc_id", how="left", validate="many_to_one"
    )


def segment_words(
    segments: pd.DataFrame, tokens: pd.DataFrame, *, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Count the words of every segment, as the HTML report does.

    Args:
        segments: The segments table.
        tokens: The tokens table (only seg_id and is_punct are used).
        documents: The documents table; when given, its metadata columns are added.

    Returns:
        One row per segment (see `pipeline.export.words.segment_words`). Columns: seg_id,
        doc_id, speaker ("(no speaker)" where the segment has none, so that groupings keep
        it), section, words, plus the metadata columns when `documents` is given.
    """
    table = word_counts.segment_words(segments, tokens)
    return with_metadata(table, documents) if documents is not None else table


def corpus_summary(words: pd.DataFrame, *, by: str | Sequence[str] = "doc_id") -> pd.DataFrame:
    """Documents, segments, speakers and words per document or metadata value.

    Args:
        words: The table of `segment_words` (with metadata to group by a metadata field).
        by: Column(s) to group by: doc_id, meeting_type, municipality, ...

    Returns:
        One row per value of `by`, in sorted order. Columns: the `by` columns, documents,
        segments, speakers (distinct speaker labels per document, summed: "Spreker 1" in
        two meetings is two people), words, words_per_segment.
    """
    keys = _keys(by)
    named = words["speaker"] != NO_SPEAKER
    table = words.assign(
        _speaker=(words["doc_id"] + "\x1f" + words["speaker"]).where(named),
    )
    summary = table.groupby(keys, dropna=False, sort=True).agg(
        documents=("doc_id", "nunique"),
        segments=("seg_id", "size"),
        speakers=("_speaker", "nunique"),
        words=("words", "sum"),
    )
    summary["words_per_segment"] = (summary["words"] / summary["segments"]).round(1)
    return summary.reset_index()


def speaker_summary(words: pd.DataFrame) -> pd.DataFrame:
    """Turns and words of every speaker in every document.

    Args:
        words: The table of `segment_words`.

    Returns:
        One row per document and speaker, by document and then most words first.
        Columns: doc_id, speaker, turns, words, share (of the document's words, 0 to 1).
    """
    table = (
        words.groupby(["doc_id", "speaker"], sort=True)
        .agg(turns=("seg_id", "size"), words=("words", "sum"))
        .reset_index()
    )
    totals = table.groupby("doc_id")["words"].transform("sum")
    table["share"] = (table["words"] / totals.where(totals > 0)).fillna(0.0).round(3)
    table = table.sort_values(["doc_id", "words", "speaker"], ascending=[True, False, True])
    return table.reset_index(drop=True)


def ingest_problems(report: pd.DataFrame | list[dict[str, Any]]) -> pd.DataFrame:
    """The input files that were not read cleanly.

    Args:
        report: The ingest report (`RunOutputs.ingest_report` or its list of dicts).

    Returns:
        One row per file that was skipped or failed, or that was read with a warning
        (for example no speaker labels). Columns: path, status, reason, warning.
    """
    table = pd.DataFrame(report)
    for column in PROBLEM_COLUMNS:
        if column not in table:
            table[column] = ""
    table = table[PROBLEM_COLUMNS].fillna("")
    bad = (table["status"] != "ok") | (table["warning"].astype(str).str.strip() != "")
    return table[bad].sort_values("path").reset_index(drop=True)
