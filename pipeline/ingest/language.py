"""Language: is a transcript in Dutch, and if not, in what language?

A file in another language is read as usual and flagged in the report, since a colleague
may have sent an English summary or an Arabic interview by mistake, and the Dutch
pipeline would analyse it as nonsense.

Dutch is recognised by the share of its most frequent words (wordfreq's top 100): running
Dutch text scores about 0.5, English, German or French below 0.2. That holds for the short
turns of a meeting, where n-gram detectors often take Dutch for Afrikaans. Text that is
not Dutch by that test is named by langdetect, seeded so that a rerun gives the same name.
Both word lists load on first use, so an all-Dutch corpus never loads langdetect.
"""

from __future__ import annotations

import re
from functools import cache

# Below this many words there is too little text to say anything.
MIN_WORDS = 8
# Share of tokens among the 100 most frequent Dutch words above which text is Dutch.
DUTCH_SHARE = 0.3
# langdetect reads at most 10,000 characters; the Dutch test needs no more either.
SAMPLE_CHARS = 10_000
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """Name the language of a text.

    Args:
        text: The normalised text of a document.

    Returns:
        An ISO 639-1 code such as `nl`, `en`, `ar` or `tr` (langdetect's codes, so also
        `zh-cn`), or '' when the text is too short or has no letters.
    """
    sample = _sample(text)
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return ""
    common = _dutch_common_words()
    if sum(word in common for word in words) / len(words) >= DUTCH_SHARE:
        return "nl"
    try:
        detector = _detector_factory().create()
        detector.append(sample)
        return detector.detect()
    except Exception:  # langdetect raises its own error when no feature is found
        return ""


def language_warning(language: str) -> str:
    """The report warning for a document's language: '' for Dutch or undetermined."""
    if language in ("", "nl"):
        return ""
    return f"not Dutch (detected: {language}); read anyway, check whether it belongs here"


def _sample(text: str) -> str:
    # Beginning, middle and end, so a long English preface does not decide alone.
    if len(text) <= SAMPLE_CHARS:
        return text
    third = SAMPLE_CHARS // 3
    middle = len(text) // 2
    return " ".join([text[:third], text[middle - third // 2 : middle + third // 2], text[-third:]])


@cache
def _dutch_common_words() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("nl", 100))


@cache
def _detector_factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    # langdetect samples n-grams at random; a fixed seed makes its answer reproducible.
    factory.set_seed(0)
    return factory
