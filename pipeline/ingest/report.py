"""The ingest report: one row per input file, so every file is accounted for.

Rows are plain dicts (they are written to `ingest_report.json`) with the keys in
`REPORT_KEYS`. `status` is `ok`, `skipped` (not read on purpose, or nothing to read) or
`failed` (tried and could not read); `reason` says why in plain language and is empty for
`ok`; `warning` notes anything a researcher should know about a file that was read;
`language` is the detected language of a file that was read ('' when unknown);
`speaker_styles` names the speaker label styles found in it (`pipeline.ingest.styles`,
"source" when the format marks speakers itself) and `speaker_share` is the share of its
words that are in a segment with a speaker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd

STATUSES = ("ok", "skipped", "failed")
REPORT_KEYS = (
    "path",
    "status",
    "reason",
    "format",
    "encoding",
    "n_segments",
    "n_chars",
    "sha256",
    "warning",
    "language",
    "speaker_styles",
    "speaker_share",
)


def report_row(
    path: str,
    *,
    status: str,
    reason: str = "",
    format: str = "",
    encoding: str | None = None,
    n_segments: int = 0,
    n_chars: int = 0,
    sha256: str = "",
    warnings: Iterable[str] = (),
    language: str = "",
    speaker_styles: str = "",
    speaker_share: float = 0.0,
) -> dict:
    """Build one report row.

    Args:
        path: Path relative to the input folder (posix).
        status: `ok`, `skipped` or `failed`.
        reason: Why the file was skipped or failed; empty for `ok`.
        format: The format (txt, md, docx, pdf, vtt, srt, metadata) or `unknown`.
        encoding: Detected encoding of a text format, else None.
        n_segments: Segments the file gave.
        n_chars: Characters of its normalised text.
        sha256: SHA-256 of the raw bytes, when they were read.
        warnings: Notes about a file that was read.
        language: ISO 639-1 code of the text's language, '' when unknown or not read.
        speaker_styles: The label styles used, comma-separated ('' for none).
        speaker_share: Share of the words that got a speaker.

    Returns:
        The row, with the keys of `REPORT_KEYS`.
    """
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; allowed: {', '.join(STATUSES)}")
    return {
        "path": path,
        "status": status,
        "reason": "" if status == "ok" else reason,
        "format": format,
        "encoding": encoding,
        "n_segments": int(n_segments),
        "n_chars": int(n_chars),
        "sha256": sha256,
        "warning": "; ".join(warnings),
        "language": language,
        "speaker_styles": speaker_styles,
        "speaker_share": float(speaker_share),
    }


def sort_report(rows: Iterable[dict]) -> list[dict]:
    """Report rows sorted by path, the order they are written in."""
    return sorted(rows, key=lambda row: row["path"])


def report_table(rows: Iterable[dict]) -> pd.DataFrame:
    """The report as a table, for notebooks and the export.

    Args:
        rows: Report rows.

    Returns:
        Columns path, status, reason, format, encoding, n_segments, n_chars, sha256, warning,
        language, speaker_styles, speaker_share.
    """
    return pd.DataFrame(list(rows), columns=list(REPORT_KEYS))


def summarize(rows: Iterable[dict]) -> dict[str, int]:
    """Count the rows per status, every status present (for the CLI and the HTML report)."""
    counts = Counter(row["status"] for row in rows)
    return {status: counts.get(status, 0) for status in STATUSES}
