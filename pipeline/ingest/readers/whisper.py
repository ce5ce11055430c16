"""Whisper and WhisperX: speech-recognition transcripts in JSON.

OpenAI Whisper writes `{"text", "segments": [{"id", "start", "end", "text", ...}],
"language"}` (`whisper --output_format json`). WhisperX writes the same `segments`, with a
`speaker` (`SPEAKER_00`) on each segment and word once diarised, plus `word_segments`.
whisper.cpp (`-oj`) writes `{"transcription": [{"offsets": {"from", "to"}, "text"}]}`, with
times in milliseconds.

Consecutive segments of one speaker merge into one turn (`pipeline.ingest.cues`). Only the
diarisation names speakers: a `Naam:` at the start of recognised speech is a word heard,
not a label.
"""

from __future__ import annotations

import json
from collections import Counter

from pipeline.ingest.cues import Cue, cues_to_turns
from pipeline.ingest.encoding import decode
from pipeline.ingest.parsed import Parsed, Unreadable
from pipeline.ingest.speakers import SpeakerMatcher

WHAT = "a Whisper or WhisperX transcript"


class _NoLabels:
    """A matcher that finds no label: in recognised speech the diarisation names speakers."""

    def match(self, line: str) -> None:
        return None


def read_whisper(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read the JSON output of Whisper, WhisperX or whisper.cpp.

    Args:
        data: Raw bytes of the file.
        matcher: Unused; only the diarisation names speakers.
        max_unpacked_bytes: Unused; JSON is not compressed.

    Returns:
        The written-out turns with their segments, start and end times.

    Raises:
        Unreadable: When the file is not JSON, or JSON of another kind.
    """
    decoded = decode(data)
    try:
        content = json.loads(decoded.text)
    except (json.JSONDecodeError, RecursionError) as err:
        raise Unreadable("failed", f"not valid JSON: {err}") from None
    cues = _cues(content)
    if cues is None:
        raise Unreadable("skipped", f"a JSON file that is not {WHAT} (no segments list)")
    text, segments = cues_to_turns(cues, matcher=_NoLabels())  # type: ignore[arg-type]
    warnings = ["mojibake or other encoding damage repaired"] if decoded.repaired else []
    return Parsed(text=text, encoding=decoded.encoding, segments=segments, warnings=warnings)


def _cues(content: object) -> list[Cue] | None:
    if not isinstance(content, dict):
        return None
    if isinstance(content.get("segments"), list):
        items = [item for item in content["segments"] if isinstance(item, dict)]
        return [
            Cue(_seconds(item.get("start")), _seconds(item.get("end")), text, _speaker(item))
            for item in items
            if (text := str(item.get("text") or "").strip())
        ]
    if isinstance(content.get("transcription"), list):
        items = [item for item in content["transcription"] if isinstance(item, dict)]
        return [
            Cue(_millis(item, "from"), _millis(item, "to"), text, None)
            for item in items
            if (text := str(item.get("text") or "").strip())
        ]
    return None


def _speaker(segment: dict) -> str | None:
    """The segment's speaker, or the one most of its words have (WhisperX)."""
    speaker = segment.get("speaker")
    if isinstance(speaker, str) and speaker.strip():
        return speaker.strip()
    words = segment.get("words")
    if not isinstance(words, list):
        return None
    voices = Counter(
        word["speaker"] for word in words if isinstance(word, dict) and word.get("speaker")
    )
    return str(voices.most_common(1)[0][0]) if voices else None


def _seconds(value: object) -> float:
    try:
        return max(0.0, float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def _millis(item: dict, key: str) -> float:
    offsets = item.get("offsets")
    return _seconds(offsets.get(key)) / 1000 if isinstance(offsets, dict) else 0.0
