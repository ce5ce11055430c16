"""Plain text and markdown: decode, normalise, and leave the turns to the splitter."""

from __future__ import annotations

from pipeline.ingest.encoding import decode
from pipeline.ingest.parsed import Parsed
from pipeline.ingest.speakers import SpeakerMatcher


def read_plain_text(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read a `.txt` file.

    Args:
        data: Raw bytes in any detectable encoding.
        matcher: Unused; the turn splitter finds the speakers.
        max_unpacked_bytes: Unused; plain text is not compressed.

    Returns:
        The normalised text and its detected encoding.
    """
    decoded = decode(data)
    warnings = ["mojibake or other encoding damage repaired"] if decoded.repaired else []
    return Parsed(text=decoded.text, encoding=decoded.encoding, warnings=warnings)


def read_markdown(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read a `.md` file: as plain text, kept verbatim so that offsets hold.

    Markdown headings become sections in the turn splitter; the markup stays in the text.

    Args:
        data: Raw bytes in any detectable encoding.
        matcher: Unused; the turn splitter finds the speakers.
        max_unpacked_bytes: Unused; markdown is not compressed.

    Returns:
        The normalised text and its detected encoding.
    """
    return read_plain_text(data)
