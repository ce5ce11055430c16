"""Rich Text Format (`.rtf`): striprtf takes the markup off, the turn splitter does the rest."""

from __future__ import annotations

from striprtf.striprtf import rtf_to_text

from pipeline.ingest.encoding import normalize_text
from pipeline.ingest.parsed import Parsed, Unreadable
from pipeline.ingest.speakers import SpeakerMatcher


def read_rtf(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    r"""Read an `.rtf` file.

    RTF is 7-bit text; characters outside ASCII are escapes (`\'eb`, `\u235?`) in the
    code page the file declares, cp1252 for Dutch text.

    Args:
        data: Raw bytes of the file.
        matcher: Unused; the turn splitter finds the speakers.
        max_unpacked_bytes: Unused; RTF is not compressed.

    Returns:
        The plain text, normalised.

    Raises:
        Unreadable: When the file is not RTF.
    """
    source = data.decode("latin-1")
    if not source.lstrip("\ufeff\r\n\t ").startswith("{\\rtf"):
        raise Unreadable("failed", "not an RTF file: it does not start with {\\rtf")
    try:
        plain = rtf_to_text(source, encoding="cp1252", errors="replace")
    except (ValueError, IndexError, LookupError) as err:
        raise Unreadable("failed", f"damaged RTF file: {err}") from None
    text, repaired = normalize_text(plain.strip())
    warnings = ["mojibake or other encoding damage repaired"] if repaired else []
    return Parsed(text=text, encoding="cp1252", warnings=warnings)
