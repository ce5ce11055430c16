"""Label styles: decide per document which kinds of speaker label it really uses.

`pipeline.ingest.speakers` proposes, line by line, a label and its style. One line alone
proves little ("Overwegende:", "Twee: ik denk dat ..." and "Maatwerk: complex" read like
labels too), so the document decides:

- a style counts when it recurs: labels ending in a full stop (`De heer X (Partij).`,
  `De voorzitter.`) need `MIN_STYLE_LINES` titled label lines (with a full stop or a
  colon: PDF minutes mix the two), and a style with far fewer
  lines than the document's main one (`MINOR_SHARE`) is a stray, such as the
  `Voorzitter: de burgemeester` line above verbatim minutes;
- a label whose name is an ordinary Dutch word and no name ("Overwegende", "Verzoekt
  het College", "Indiener", "Betaalbaarheid") is never a speaker: ordinary words are
  those of the Dutch dictionary of `pipeline.privacy.lexicon` or frequent in `wordfreq`,
  names those of its name lists; an untitled label that occurs once must hold a known
  name (and a single word that is also a common word must be a first name: "Jan:");
- lines whose label fails are ordinary text; a document without a style that counts has
  no speakers at all, only paragraphs and headings.

Styles: `period` (a title, role or party label ending in a full stop), `colon` (the same
with a colon), `name_colon` (a bare `Naam:`), `bracket` (`[Naam]`, `[SPEAKER_00]`),
`timestamp` (a timestamp with or without a name) and `user` (the user's own patterns,
always kept).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from wordfreq import zipf_frequency

from pipeline.ingest.names import ROLES
from pipeline.ingest.speakers import SpeakerMatch
from pipeline.params import STYLES as PARAM_STYLES

STYLES = (*PARAM_STYLES, "user")
MODES = ("auto", "off", *STYLES)
MIN_STYLE_LINES = 2
MINOR_SHARE = 0.05
# A word at least this frequent in Dutch (wordfreq's Zipf scale) is an ordinary word.
WORD_ZIPF = 1.5
# Styles whose form is weak evidence: each of their labels is checked against the words.
_CHECKED = frozenset({"name_colon", "bracket", "timestamp"})
_TITLES = re.compile(
    r"^(?:De heer|Mevrouw|Mevr\.|Mw\.|Dhr\.|Wethouder|Burgemeester|Raadslid|Commissielid"
    r"|Gedeputeerde|Staatssecretaris|Minister|Inspreker|De \w+)\s*",
)
_PARTY = re.compile(r"\s*\([^()]*\)\s*$")
_CODE = re.compile(r"^(?:[A-Z]{1,2}|\S*\d\S*)$")
_INITIAL = re.compile(r"^(?:[A-Z]\.\s*)+[A-Z]\w")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class StyleChoice:
    """The styles a document uses and the labels that are not speakers.

    Attributes:
        styles: The kept styles, most used first.
        counts: Label lines per style, false speakers left out.
        false_speakers: Labels that look like speakers but are not.
    """

    styles: tuple[str, ...]
    counts: dict[str, int]
    false_speakers: frozenset[str]

    @property
    def verbatim(self) -> bool:
        """Verbatim minutes: labels end in a full stop (`Naam (Partij).`) more than not."""
        return bool(self.styles) and self.styles[0] == "period"

    def keeps(self, match: SpeakerMatch) -> bool:
        """Whether a proposed label opens a turn in this document."""
        if match.style not in self.styles:
            return False
        return match.speaker is None or match.speaker not in self.false_speakers


def choose_styles(matches: Sequence[SpeakerMatch], *, mode: str = "auto") -> StyleChoice:
    """Choose the label styles of one document from the labels proposed for its lines.

    Args:
        matches: The proposed label of every line that has one, in document order.
        mode: `auto` (the document decides), `off` (no speakers), or one style name
            (only that style, whatever its support).

    Returns:
        The kept styles, their counts and the false speakers.
    """
    if mode not in MODES:
        raise ValueError(f"unknown speakers mode {mode!r}; allowed: {', '.join(MODES)}")
    if mode == "off":
        return StyleChoice((), {}, frozenset())
    named = Counter((m.style, m.speaker) for m in matches if m.speaker is not None)
    false = frozenset(
        speaker for (style, speaker), count in named.items() if _is_false(speaker, style, count)
    )
    counts = Counter(m.style for m in matches if m.speaker is None or m.speaker not in false)
    if mode != "auto":
        kept = [style for style in (mode, "user") if counts[style]]
    else:
        top = max(counts.values(), default=0)
        # Titled labels recur as a family: a full stop may stand where the colon stood.
        support = counts | {"period": counts["period"] + counts["colon"]}
        kept = [
            style
            for style, count in counts.most_common()
            if style == "user"
            or (support[style] >= _min_lines(style) and count >= MINOR_SHARE * top)
        ]
    return StyleChoice(tuple(kept), dict(counts), false)


def _min_lines(style: str) -> int:
    # "Naam (Partij)." may be a sentence once; a colon or bracket says "label" by itself.
    return MIN_STYLE_LINES if style == "period" else 1


def _is_false(speaker: str, style: str, count: int) -> bool:
    """Whether a label is no speaker, by the words of its name."""
    if style == "user":
        return False
    core = _PARTY.sub("", speaker)
    if _TITLES.match(core) and style not in _CHECKED:
        return False  # the title is the evidence: "Wethouder Bot", "Mevrouw Kunst"
    words = _WORD.findall(core)
    # Roles ("Interviewer"), letters ("I", "R"), codes ("SPEAKER_00") and initials ("J. Bot").
    if not words or words[0].casefold() in ROLES or _CODE.match(core) or _INITIAL.match(core):
        return False
    capitalised = [word for word in words if word[0].isupper()]
    if not capitalised:
        return True
    from pipeline.privacy.lexicon import load_lexicon  # seconds to load: only when asked

    lexicon = load_lexicon()
    known = any(lexicon.is_known_name(word) for word in capitalised)
    if not known and all(_is_word(lexicon, word) for word in capitalised):
        return True
    if count >= 2 or style not in _CHECKED:
        return False
    # Once only, and untitled: a name must show itself; one word must be a first name
    # when it is also a common word ("Maat: px" is a form field, "Jan: Ja." a turn).
    if len(words) == 1 and _is_word(lexicon, words[0]):
        return words[0].casefold() not in lexicon.first_names
    return not known and len(words) < 3


def _is_word(lexicon, word: str) -> bool:
    return lexicon.is_dutch_word(word) or zipf_frequency(word, "nl") >= WORD_ZIPF
