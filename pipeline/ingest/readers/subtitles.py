"""Subtitles: WebVTT (webvtt-py) and SubRip (srt) cues to speaker turns with times."""

from __future__ import annotations

import re
from datetime import timedelta

import srt
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from pipeline.ingest.cues import Cue, cues_to_turns, split_voices
from pipeline.ingest.encoding import decode
from pipeline.ingest.parsed import Parsed, Unreadable
from pipeline.ingest.speakers import SpeakerMatcher

_TIMING_LINE = re.compile(r"^[^\n]*-->[^\n]*$", re.MULTILINE)
_NON_CUE_BLOCKS = ("NOTE", "STYLE", "REGION")
_SRT_BLOCK = re.compile(r"\n[^\S\n]*\n\s*")


def read_vtt(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read a WebVTT file: voice tags (`<v Naam>`) or `Naam:` labels name the speakers.

    Args:
        data: Raw bytes in any detectable encoding.
        matcher: Recognises `Naam:` labels in cues without a voice tag.
        max_unpacked_bytes: Unused; WebVTT is not compressed.

    Returns:
        The written-out turns, their segments with start and end times, and the encoding.

    Raises:
        Unreadable: When the file is not valid WebVTT or has no readable cue.
    """
    decoded = decode(data)
    try:
        captions = webvtt.from_string(decoded.text).captions
    except (MalformedFileError, MalformedCaptionError) as err:
        raise Unreadable("failed", f"not a valid WebVTT file: {_plain(err)}") from None
    timings = len(_TIMING_LINE.findall(decoded.text))
    if not captions and _has_body(decoded.text):
        raise Unreadable("failed", "not a valid WebVTT file: no cue could be read")
    warnings = _warnings(decoded.repaired)
    if timings > len(captions):
        warnings.append(f"{timings - len(captions)} cues with unreadable timings left out")
    cues: list[Cue] = []
    for caption in captions:
        start_s = caption.start_time.in_milliseconds() / 1000
        end_s = caption.end_time.in_milliseconds() / 1000
        cues.extend(split_voices(caption.raw_text, start_s, end_s))
    text, segments = cues_to_turns(cues, matcher=matcher or SpeakerMatcher())
    return Parsed(text=text, encoding=decoded.encoding, segments=segments, warnings=warnings)


def read_srt(
    data: bytes, *, matcher: SpeakerMatcher | None = None, max_unpacked_bytes: int = 0
) -> Parsed:
    """Read a SubRip file: `Naam:` at the start of a cue names the speaker.

    Cues without a name continue the previous speaker. A cue that cannot be read (a bad
    or negative timestamp) is left out alone, with a warning.

    Args:
        data: Raw bytes in any detectable encoding.
        matcher: Recognises the speaker labels.
        max_unpacked_bytes: Unused; SubRip is not compressed.

    Returns:
        The written-out turns, their segments with start and end times, and the encoding.

    Raises:
        Unreadable: When no cue of the file is valid SubRip.
    """
    decoded = decode(data)
    subtitles, bad = _srt_cues(decoded.text)
    if not subtitles and bad:
        raise Unreadable("failed", f"not a valid SubRip file: no readable cue, first {bad[0]}")
    cues = [
        Cue(sub.start.total_seconds(), sub.end.total_seconds(), sub.content) for sub in subtitles
    ]
    text, segments = cues_to_turns(cues, matcher=matcher or SpeakerMatcher())
    warnings = _warnings(decoded.repaired)
    if bad:
        warnings.append(f"{len(bad)} cues with a bad or negative timestamp left out: {bad[0]}")
    return Parsed(text=text, encoding=decoded.encoding, segments=segments, warnings=warnings)


def _srt_cues(text: str) -> tuple[list[srt.Subtitle], list[str]]:
    """The readable cues of a SubRip text, and one reason per cue that is not.

    Each block (cues are separated by blank lines) is parsed alone, so a cue with a bad
    or negative timestamp is left out by itself: it neither rejects the file nor merges
    into the cue before it.
    """
    cues: list[srt.Subtitle] = []
    bad: list[str] = []
    for block in _SRT_BLOCK.split(text.strip()):
        try:
            parsed = list(srt.parse(block + "\n"))
        except srt.SRTParseError:
            parsed = []
        if len(parsed) == 1 and timedelta(0) <= parsed[0].start <= parsed[0].end:
            cues.append(parsed[0])
        elif block.strip():
            lines = block.strip().splitlines()
            # The timing line, or the line where it should be.
            timing = next((line for line in lines if "-->" in line), lines[min(1, len(lines) - 1)])
            bad.append(f"cue {len(cues) + len(bad) + 1} ({timing.strip()[:60]!r})")
    return cues, bad


def _has_body(text: str) -> bool:
    # Blocks after the header that are not comments, styles or regions should be cues.
    blocks = [block.strip() for block in text.split("\n\n")[1:]]
    return any(block and not block.startswith(_NON_CUE_BLOCKS) for block in blocks)


def _warnings(repaired: bool) -> list[str]:
    return ["mojibake or other encoding damage repaired"] if repaired else []


def _plain(err: Exception) -> str:
    message = " ".join(str(err).split())
    return message[:200] or type(err).__name__
