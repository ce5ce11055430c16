"""One file's rows: its documents row and one segments row per turn or paragraph.

Readers of running text leave the split into turns to `pipeline.ingest.turns`; subtitle
readers bring their segments along. Either way the rows are built here, so every format
gives the same columns.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from pipeline.ingest.inventory import Entry, printable
from pipeline.ingest.parsed import Parsed, Segment, Unreadable
from pipeline.ingest.speakers import SpeakerMatcher
from pipeline.ingest.turns import split_turns
from pipeline.params import IngestParams


def file_rows(
    entry: Entry,
    fmt: str,
    sha256: str,
    parsed: Parsed,
    matcher: SpeakerMatcher,
    params: IngestParams,
) -> tuple[dict, list[dict], list[str], dict]:
    """The documents row, segments rows, report warnings and speaker figures of one file.

    Args:
        entry: The file, from `list_entries`.
        fmt: Its format, as the content says.
        sha256: SHA-256 of its bytes.
        parsed: What its reader found.
        matcher: Recognises speaker lines.
        params: The ingest parameters.

    Returns:
        The documents row, the segments rows, the warnings for the report, and its
        `speaker_styles` (the label styles used, `pipeline.ingest.styles`; "source" when
        the format marks its speakers itself) and `speaker_share` (the share of words in
        a segment with a speaker).

    Raises:
        Unreadable: When the file holds no text, or no text outside headings.
    """
    text = parsed.text
    if not text.strip():
        raise Unreadable("skipped", "no text in the file")
    warnings = list(parsed.warnings)
    segments, title, styles = _segments(parsed, fmt, matcher, params)
    if all(segment.heading for segment in segments):
        raise Unreadable("skipped", "no text outside headings")
    if all(segment.speaker is None for segment in segments):
        warnings.append("no speaker labels found; split into paragraphs")
    document = {
        "doc_id": entry.rel,
        "source_path": printable(str(entry.path)),
        "sha256": sha256,
        "format": fmt,
        "title": title or PurePosixPath(entry.rel).stem,
        "n_chars": len(text),
        "text": text,
    }
    rows = _segment_rows(entry.rel, text, segments)
    return document, rows, warnings, {"speaker_styles": styles, "speaker_share": _share(rows)}


def _share(rows: list[dict]) -> float:
    words = [(len(row["text"].split()), row["speaker"] is not None) for row in rows]
    total = sum(count for count, _ in words)
    return round(sum(count for count, spoken in words if spoken) / total, 4) if total else 0.0


def _segments(
    parsed: Parsed, fmt: str, matcher: SpeakerMatcher, params: IngestParams
) -> tuple[list[Segment], str | None, str]:
    # The reader's own segments (subtitle cues) win; running text is split into turns.
    if parsed.segments is not None:
        named = any(segment.speaker is not None for segment in parsed.segments)
        return parsed.segments, parsed.title, "source" if named else ""
    split = split_turns(
        parsed.text,
        matcher=matcher,
        markdown=fmt == "md",
        heading_lines=parsed.heading_lines,
        min_segment_chars=params.min_segment_chars,
        speakers=params.speakers,
    )
    return split.segments, parsed.title or split.title, ", ".join(split.styles)


def _segment_rows(doc_id: str, text: str, segments: list[Segment]) -> list[dict]:
    return [
        {
            "seg_id": f"{doc_id}#{index:04d}",
            "doc_id": doc_id,
            "seg_idx": index,
            "section": segment.section,
            "speaker": segment.speaker,
            "start_s": segment.start_s,
            "end_s": segment.end_s,
            "char_start": segment.char_start,
            "char_end": segment.char_end,
            "text": text[segment.char_start : segment.char_end],
        }
        for index, segment in enumerate(segments)
    ]
