"""Encodings: turn raw bytes into the normalised text that every offset refers to.

The encoding is detected, never assumed: byte-order marks first, then strict UTF-8, then
charset-normalizer for the legacy code pages. Mojibake (UTF-8 read as cp1252, as in
`cliÃ«nten`) is repaired with ftfy, and the result is NFC with newline line ends.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import ftfy
from charset_normalizer import from_bytes

from pipeline.ingest.parsed import Unreadable

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Dutch text outside Unicode is nearly always in a Western European code page. When
# charset-normalizer finds several code pages that give the same text, name the usual one.
_WESTERN = ("cp1252", "latin_1", "iso8859_15", "utf_8", "utf_16", "utf_32")

# More control characters than this (as a share of all characters) means binary data.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

_FIXER = ftfy.TextFixerConfig(
    # Quotes and HTML entities are the author's; only encoding damage is repaired.
    uncurl_quotes=False,
    unescape_html=False,
    explain=False,
)
# Characters that never come from encoding damage: printable ASCII, tab, Latin-1 letters
# except the usual mojibake lead bytes (Â Ã Ä Å â), and typographic punctuation.
_UNUSUAL = re.compile("[^\t\x20-\x7e\u00a0-\u00c1\u00c6-\u00e1\u00e3-\u00ff‘’“”–—…€]")
# A UTF-8 lead byte read as Latin-1 (Ã, ×, é ...) before a continuation byte (¹, ², «):
# mojibake from any other lead byte too ("×²" is Hebrew "ײ").
_LEAD_PAIR = re.compile("[\u00c2-\u00f4][\u0080-\u00bf‘’“”–—…€]")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes.

    Attributes:
        text: The normalised text (NFC, newline line ends, mojibake repaired).
        encoding: The detected encoding, for example `utf-8`, `utf-16` or `cp1252`.
        repaired: Whether ftfy changed anything beyond line ends and normal form.
    """

    text: str
    encoding: str
    repaired: bool


def detect_encoding(data: bytes) -> str:
    """Detect the encoding of a text file.

    Args:
        data: The raw bytes (not empty).

    Returns:
        A Python codec name.

    Raises:
        Unreadable: When no encoding gives plausible text.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    matches = list(from_bytes(data))
    if matches:
        least_chaos = min(match.chaos for match in matches)
        for match in matches:
            if match.chaos > least_chaos + 0.05:
                continue
            for name in _WESTERN:
                if name in match.could_be_from_charset:
                    return name
        best = matches[0]
        # Only trust an exotic guess when it is a multi-byte encoding; a random single-byte
        # code page "decodes" anything.
        if not _is_single_byte(best.encoding):
            return best.encoding
    # Short cp1252 files fool the detector (too few accented letters to weigh); a clean
    # cp1252 decoding is then the best evidence there is.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise Unreadable("failed", "the encoding could not be detected") from None
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise Unreadable("failed", "binary data, not text") from None
    return "cp1252"


def _is_single_byte(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name not in {
            codecs.lookup(name).name
            for name in ("utf-8", "utf-16", "utf-32", "gb18030", "big5", "shift_jis", "euc_kr")
        }
    except LookupError:
        return True


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def _fix_lines(text: str) -> str:
    # ftfy repairs line by line anyway; lines with nothing but ordinary characters cannot
    # hold encoding damage, and skipping them makes clean text several times faster.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(
        ftfy.fix_text(line, _FIXER) if _UNUSUAL.search(line) or _LEAD_PAIR.search(line) else line
        for line in lines
    )


def normalize_text(text: str) -> tuple[str, bool]:
    """Normalise text the same way for every format.

    Repairs mojibake and other encoding damage (ftfy), removes control characters and
    trailing spaces, and gives NFC with newline line ends.

    Args:
        text: Decoded or extracted text.

    Returns:
        The normalised text and whether a repair changed it beyond line ends and NFC.
    """
    fixed = unicodedata.normalize("NFC", _fix_lines(text))
    # What the text would be with only line ends, NFC and control characters seen to.
    plain = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    plain = unicodedata.normalize("NFC", _CONTROL.sub("", plain))
    return _TRAILING_SPACE.sub("", fixed), fixed != plain


def decode(data: bytes) -> Decoded:
    """Decode the bytes of a text file and normalise the text.

    Args:
        data: The raw bytes.

    Returns:
        The decoded text with its encoding.

    Raises:
        Unreadable: When the bytes are binary or in no detectable encoding.
    """
    encoding = detect_encoding(data)
    if encoding == "utf-8-sig" and not _decodes(data, encoding):
        # A UTF-8 mark before legacy bytes (a cp1252 passage pasted in): detect the rest.
        data = data.removeprefix(codecs.BOM_UTF8)
        encoding = detect_encoding(data)
    try:
        raw = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise Unreadable("failed", f"the text is not valid {encoding}") from None
    if _control_share(raw) > _MAX_CONTROL_SHARE:
        raise Unreadable("failed", "binary data, not text")
    text, repaired = normalize_text(raw)
    return Decoded(text=text, encoding=codecs.lookup(encoding).name, repaired=repaired)
