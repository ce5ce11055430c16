"""Parameters of the ingest stage."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from pipeline.params.base import Section

STYLES = ("period", "colon", "name_colon", "bracket", "timestamp")


class SpeakerPattern(Section):
    """A user-defined speaker-turn pattern.

    Attributes:
        regex: Matched at a line start; it needs a group `speaker` and may have `text`.
        role: Optional role recorded for matching speakers (for example "interviewer").
    """

    regex: str
    role: str | None = None

    @field_validator("regex")
    @classmethod
    def _has_speaker_group(cls, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as err:
            raise ValueError(f"invalid regular expression {value!r}: {err}") from err
        if "speaker" not in compiled.groupindex:
            raise ValueError(f"pattern {value!r} needs a named group (?P<speaker>...)")
        return value


def _pattern(value: Any) -> Any:
    return {"regex": value} if isinstance(value, str) else value


_PLAIN = (".txt", ".md", ".docx", ".pdf", ".vtt", ".srt")
_MARKUP = (".odt", ".rtf", ".html", ".htm", ".xml", ".json")  # Kamer XML, TEI, FoLiA, Whisper


class IngestParams(Section):
    """Parameters of the ingest stage.

    Attributes:
        extensions: File extensions that are read; others are reported as skipped.
        metadata_file: Plain, visible file name of the metadata sidecar in the input folder.
        speaker_patterns: Extra speaker patterns, tried first: regexes or `{regex, role}`.
        speakers: `auto` (each document's label styles), `off`, or a style name.
        min_segment_chars: Shorter paragraphs merge into the next one.
        max_file_mb: Larger files are skipped.
        pseudonymize: Replace speaker and person names first. The key and the cache of
            original text go only to the private folder: `data/private` under `dvc repro`,
            `--key-dir` (required, outside `--out`) for `kruispunt run`.
        strict: Exit non-zero when a file is skipped or failed.
    """

    extensions: list[str] = Field(default_factory=lambda: [*_PLAIN, *_MARKUP])
    metadata_file: str = "metadata.csv"
    speaker_patterns: list[Annotated[SpeakerPattern, BeforeValidator(_pattern)]] = Field(
        default_factory=list
    )
    speakers: Literal["auto", "off", *STYLES] = "auto"  # type: ignore[valid-type]
    min_segment_chars: int = Field(default=1, ge=0)
    max_file_mb: float = Field(default=50.0, gt=0)
    pseudonymize: bool = False
    strict: bool = False

    @field_validator("metadata_file")
    @classmethod
    def _plain_file_name(cls, value: str) -> str:
        if not value.strip() or value.startswith(".") or any(c in value for c in "/\\\0:"):
            raise ValueError(
                "metadata_file must be a plain, visible file name in the input folder, "
                f"such as 'metadata.csv', not a path (got {value!r})"
            )
        return value
