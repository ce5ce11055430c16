"""The word-level speaker gold and its scoring, shared by `bench_speakers.py` and its tests.

A gold file (benchmarks/gold/speakers/*.json) describes one real document that is read in
place from the dev data root (never copied into the repo). It holds the document's *spans*
in order, each with the gold speaker (None for text nobody speaks: headers, agenda lines,
stenographer notes, vote lists), whether it starts a turn, how many of its first words are
the speaker label itself, its word count and an anchor (its first words), all over the
document's *reference words*:

- PDF: pypdf `extract_text()` of every page, joined by newlines;
- txt: the file as UTF-8;
- Tweede Kamer XML (`tk-xml`): the text of `<handelingen>` in document order, every
  element's text tokenised on its own (`tk_pieces`).

The text is tokenised by whitespace after joining words hyphenated across a line end, and
every token is normalised (`norm_word`): NFKD, accents and every character that is not a
letter or digit dropped, case folded; tokens that become empty are dropped.

Scoring (`align_gold`, `score`) aligns the system's words (the text of its segments,
tokenised the same way) to the gold's scored reference words (labels left out) with
difflib, so small extraction differences do not matter, and counts per gold word.
Speaker names are compared by `same_speaker` (see there).
"""

from __future__ import annotations

import difflib
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent / "gold" / "speakers"
ANCHOR_WORDS = 6
# Replace blocks up to this many words a side are aligned position by position.
REPLACE_MAX = 8
# Runs of this many equal words anchor the alignment.
ANCHOR_RUN = 20
# A system turn start this many words before a gold start's label or after its first
# spoken word still matches it.
START_SLACK = 2

HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\n[ \t]*(?=\w)")


def norm_word(token: str) -> str:
    """A token lowercased, without accents and without anything but letters and digits."""
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(ch for ch in decomposed if ch.isalnum()).casefold()


def tokens(text: str) -> list[str]:
    """The normalised words of a text (line-end hyphenation joined, empty tokens dropped)."""
    joined = HYPHEN_BREAK.sub(r"\1", text)
    return [word for word in (norm_word(token) for token in joined.split()) if word]


# --- reference words ---------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    """The reference text of a PDF: pypdf's plain `extract_text` of each page."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def tk_pieces(path: Path) -> list[tuple[str, str | None, bool]]:
    """The text of a Tweede Kamer XML file's `<handelingen>` as (text, speaker, is_label).

    Every `<spreker>` is a label that starts a turn of the speaker it names (voorvoegsels
    and achternaam: `De voorzitter`, `Mevrouw Kröger`, `Minister Ollongren`). The text of a
    `<spreekbeurt>` is spoken by its speaker; an element inside it with a `<spreker>` of
    its own (`<motie-info>`: the chair announcing a motion) by that speaker. A `<tekst>`
    outside any `<spreekbeurt>` is the chair going on right after such an announcement
    ("Dank u wel. Dan geef ik het woord aan ..."), else a note of the stenographers ("De
    vergadering wordt ... geschorst.", "De beraadslaging wordt gesloten."), spoken by
    nobody. Titles and other text outside a `<tekst>` are spoken by nobody too.
    """
    from lxml import etree

    root = etree.parse(io.BytesIO(_tk_bytes(path))).getroot()
    body = root.find(".//handelingen")
    pieces: list[tuple[str, str | None, bool]] = []
    _walk(body if body is not None else root, None, pieces)
    return pieces


def _tk_bytes(path: Path) -> bytes:
    """The file's bytes as clean UTF-8: double-encoded BOM and mojibake repaired."""
    import ftfy

    text = ftfy.fix_text(path.read_bytes().decode("utf-8", errors="replace"))
    text = text.lstrip("\ufeff").lstrip()
    return text.encode("utf-8")


def _spreker_name(spreker) -> str | None:
    if spreker is None:
        return None
    parts = [spreker.findtext("voorvoegsels"), spreker.findtext("naam/achternaam")]
    return " ".join(" ".join(part.split()) for part in parts if part and part.strip()) or None


def _walk(element, speaker: str | None, pieces: list, last: list | None = None) -> None:
    """Append the pieces of `element`.

    `last` holds the speaker of the last label seen when that label was a `<motie-info>`
    one (else None): the speaker of a `<tekst>` outside any `<spreekbeurt>`.
    """
    last = last if last is not None else [None]
    if not isinstance(element.tag, str):  # comments, processing instructions
        return
    if element.tag == "spreker":
        inner = element.getparent() is not None and element.getparent().tag != "spreekbeurt"
        last[0] = _spreker_name(element) if inner else None
        pieces.append((" ".join(element.itertext()), _spreker_name(element), True))
        return
    own = element.find("spreker")
    here = _spreker_name(own) if own is not None else speaker
    if element.tag == "tekst" and speaker is None and own is None:
        here = last[0]  # the chair goes on after announcing a motion; else a note
    pieces.append((element.text or "", here, False))
    for child in element:
        _walk(child, here, pieces, last)
        pieces.append((child.tail or "", here, False))


def reference_words(path: Path, reader: str) -> list[str]:
    """The reference words of a document read by `reader` (pdf, txt or tk-xml)."""
    if reader == "pdf":
        return tokens(pdf_text(path))
    if reader == "txt":
        return tokens(path.read_text(encoding="utf-8"))
    if reader == "tk-xml":
        return [word for text, _, _ in tk_pieces(path) for word in tokens(text)]
    raise ValueError(f"unknown reference reader {reader!r}")


# --- the gold ----------------------------------------------------------------------------


@dataclass
class Gold:
    """One document's gold: where it is, how it is read, and its spans in order."""

    source: str
    corpus: str
    reader: str
    spans: list[dict]
    method: str = ""
    name: str = ""

    @property
    def n_words(self) -> int:
        return sum(span["words"] for span in self.spans)


@dataclass
class GoldWords:
    """The gold per reference word: speaker, whether it is scored (labels are not), starts.

    `starts` holds (first spoken word, label length) for every turn start.
    """

    speakers: list[str | None]
    scored: list[bool]
    starts: list[tuple[int, int]] = field(default_factory=list)


def load_gold(path: Path) -> Gold:
    """Read one gold file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return Gold(
        source=data["source"],
        corpus=data["corpus"],
        reader=data["reader"],
        spans=data["spans"],
        method=data.get("method", ""),
        name=path.stem,
    )


def write_gold(path: Path, meta: dict, spans: list[dict]) -> None:
    """Write a gold file: its fields, then the spans one a line (easy to read and diff)."""
    head = {key: meta[key] for key in ("source", "corpus", "reader", "method")}
    lines = ",\n".join(json.dumps(span, ensure_ascii=False) for span in spans)
    body = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    path.write_text(f'{body},\n "spans": [\n{lines}\n]}}\n', encoding="utf-8")


def make_span(words: list[str], speaker: str | None, *, start: bool, label: int = 0) -> dict:
    """A gold span over `words` (the span's own reference words)."""
    return {
        "speaker": speaker,
        "start": start,
        "label": label,
        "words": len(words),
        "anchor": " ".join(words[:ANCHOR_WORDS]),
    }


def set_anchors(spans: list[dict], ref: list[str]) -> list[dict]:
    """The spans with their anchors taken from the reference words they cover."""
    at = 0
    for span in spans:
        span["anchor"] = " ".join(ref[at : at + min(ANCHOR_WORDS, span["words"])])
        at += span["words"]
    return spans


def check_gold(gold: Gold, ref: list[str]) -> None:
    """Raise ValueError when the gold does not fit the reference words (count, anchors)."""
    if gold.n_words != len(ref):
        raise ValueError(f"{gold.name}: gold covers {gold.n_words} words, reference {len(ref)}")
    at = 0
    for number, span in enumerate(gold.spans):
        found = " ".join(ref[at : at + min(ANCHOR_WORDS, span["words"])])
        if found != span["anchor"]:
            raise ValueError(
                f"{gold.name}: span {number} at word {at}: anchor {span['anchor']!r}, "
                f"reference has {found!r}"
            )
        if span["label"] > span["words"] or (span["label"] and not span["start"]):
            raise ValueError(f"{gold.name}: span {number}: bad label length")
        at += span["words"]


def expand(gold: Gold) -> GoldWords:
    """The gold's spans as one entry per reference word."""
    result = GoldWords([], [], [])
    for span in gold.spans:
        at = len(result.speakers)
        result.speakers += [span["speaker"]] * span["words"]
        result.scored += [False] * span["label"] + [True] * (span["words"] - span["label"])
        if span["start"] and span["speaker"] is not None and span["words"] > span["label"]:
            result.starts.append((at + span["label"], span["label"]))
    return result


# --- speaker names -----------------------------------------------------------------------

_COURTESY = {"de heer", "heer", "mevrouw", "mevr", "mw", "dhr", "meneer", "mr", "dr", "drs"}
_COURTESY |= {"ir", "ing", "prof", "mej"}
_ROLES = {"voorzitter", "griffier", "burgemeester", "wethouder", "minister", "staatssecretaris"}
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.)+$")


def speaker_key(name: str | None) -> str | None:
    """A speaker name reduced to what identifies the speaker across label styles.

    Drops anything in parentheses (party, agenda letter), initials (`H.P.`), courtesy
    titles and prefixes (`De heer`, `Mevrouw`, `Dhr.`, `mr.`, `dr.`, ...), the article
    before a role (`De voorzitter` -> `voorzitter`) and a trailing colon or full stop, then
    lowercases, strips accents and joins the remaining words by single spaces.
    """
    if name is None:
        return None
    text = re.sub(r"\([^()]*\)", " ", str(name))
    words = [w for w in text.split() if not _INITIALS.match(w)]
    words = [norm_word(w) for w in words]
    words = [w for w in words if w]
    changed = True
    while changed and words:
        changed = False
        if len(words) > 1 and " ".join(words[:2]) in _COURTESY:
            words, changed = words[2:], True
        elif words[0] in _COURTESY or (words[0] == "de" and len(words) > 1 and words[1] in _ROLES):
            words, changed = words[1:], True
    return " ".join(words) or None


def same_speaker(gold: str | None, system: str | None) -> bool:
    """Whether a system speaker names the gold speaker.

    The keys (`speaker_key`) must be equal, or one must end with all the words of the
    other (`rutger de ridder` and `de ridder`; `minister ollongren` and `ollongren`).
    """
    a, b = speaker_key(gold), speaker_key(system)
    if a is None or b is None:
        return False
    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    return long[-len(short) :] == short and short[-1] not in _ROLES


# --- the system's words and the alignment ------------------------------------------------


@dataclass
class SystemWords:
    """The system's words in segment order, each with its segment's speaker.

    `starts` holds the index of the first word of every turn the system starts: a segment
    with a speaker whose previous segment has another speaker, or is separated from it by
    something other than whitespace (a label).
    """

    words: list[str] = field(default_factory=list)
    speakers: list[str | None] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)


def _speaker(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text if text and text.lower() not in {"nan", "none"} else None


def system_words(text: str, segments: list[dict]) -> SystemWords:
    """The system's words of one document from its text and segments rows (seg_idx order)."""
    result = SystemWords()
    previous: dict | None = None
    for seg in sorted(segments, key=lambda s: int(s["seg_idx"])):
        start, end = int(seg["char_start"]), int(seg["char_end"])
        words = tokens(text[start:end])
        speaker = _speaker(seg["speaker"])
        if speaker is not None and words:
            gap = text[int(previous["char_end"]) : start] if previous is not None else "x"
            prev_speaker = _speaker(previous["speaker"]) if previous is not None else None
            if prev_speaker != speaker or gap.strip():
                result.starts.append(len(result.words))
        result.words += words
        result.speakers += [speaker] * len(words)
        if words:
            previous = seg
    return result


def align(ref: list[str], system: list[str]) -> list[int]:
    """For every reference word, the index of the system word it aligns with, or -1.

    Equal blocks align word by word; replace blocks of up to REPLACE_MAX words a side (a
    word split or joined differently) align position by position; the rest is unaligned.
    A first pass, which treats very common words as junk (fast on 100,000 words), finds
    long runs of equal words (ANCHOR_RUN or more); the stretches between them are aligned
    again without junk.
    """
    mapping = [-1] * len(ref)
    coarse = difflib.SequenceMatcher(None, ref, system, autojunk=True)
    anchors = [block for block in coarse.get_matching_blocks() if block.size >= ANCHOR_RUN]
    i0 = j0 = 0
    for a, b, size in [*anchors, (len(ref), len(system), 0)]:
        if a > i0 and b > j0:
            fine = difflib.SequenceMatcher(None, ref[i0:a], system[j0:b], autojunk=False)
            for op in fine.get_opcodes():
                _map_block(mapping, op, i0, j0)
        mapping[a : a + size] = range(b, b + size)
        i0, j0 = a + size, b + size
    return mapping


def _map_block(mapping: list[int], op: tuple, i0: int, j0: int) -> None:
    tag, i1, i2, j1, j2 = op
    if tag == "equal":
        mapping[i0 + i1 : i0 + i2] = range(j0 + j1, j0 + j2)
    elif tag == "replace" and max(i2 - i1, j2 - j1) <= REPLACE_MAX:
        for i in range(i1, i2):
            mapping[i0 + i] = j0 + j1 + (i - i1) * (j2 - j1) // (i2 - i1)


def align_gold(ref: list[str], gold: GoldWords, system: list[str]) -> list[int]:
    """`align` of the system words to the gold's scored words; label words map to -1.

    Labels are left out of the alignment: a system keeps them in its text or not, and a
    label word (`de` of `De voorzitter.`) must not take the place of the same word that
    opens the turn.
    """
    keep = [i for i, scored in enumerate(gold.scored) if scored]
    mapping = [-1] * len(ref)
    for i, j in zip(keep, align([ref[i] for i in keep], system), strict=True):
        mapping[i] = j
    return mapping


# --- scores ------------------------------------------------------------------------------

COUNT_KEYS = (
    "words",
    "spoken",
    "right_words",
    "attributed_words",
    "unspoken",
    "false_words",
    "gold_starts",
    "system_starts",
    "matched_starts",
)


def score(gold: GoldWords, system: SystemWords, mapping: list[int]) -> dict[str, int]:
    """Word and turn-start counts of one document (see `shares` for the figures)."""
    counts = dict.fromkeys(COUNT_KEYS, 0)
    cache: dict[tuple[str, str | None], bool] = {}
    for i, (want, scored) in enumerate(zip(gold.speakers, gold.scored, strict=True)):
        if not scored:
            continue
        j = mapping[i]
        got = system.speakers[j] if j >= 0 else None
        counts["words"] += 1
        if want is None:
            counts["unspoken"] += 1
            counts["false_words"] += got is not None
            continue
        counts["spoken"] += 1
        counts["attributed_words"] += got is not None
        if got is not None:
            if (want, got) not in cache:
                cache[want, got] = same_speaker(want, got)
            counts["right_words"] += cache[want, got]
    counts.update(_start_counts(gold, system, mapping))
    return counts


def _start_counts(gold: GoldWords, system: SystemWords, mapping: list[int]) -> dict[str, int]:
    """Gold and system turn starts, and how many pair up one to one within the slack."""
    where = {j: i for i, j in enumerate(mapping) if j >= 0}
    found = sorted(_ref_position(j, system, where) for j in system.starts)
    placed = [i for i in found if i is not None]
    used = [False] * len(placed)
    matched = 0
    for first, label in gold.starts:
        low, high = first - label - START_SLACK, first + START_SLACK
        for k, i in enumerate(placed):
            if not used[k] and low <= i <= high:
                used[k] = True
                matched += 1
                break
    return {
        "gold_starts": len(gold.starts),
        "system_starts": len(system.starts),
        "matched_starts": matched,
    }


def _ref_position(j: int, system: SystemWords, where: dict[int, int]) -> int | None:
    """The reference position of a system start: its first aligned word in the turn."""
    speaker = system.speakers[j]
    while j < len(system.words) and system.speakers[j] == speaker:
        if j in where:
            return where[j]
        j += 1
    return None


def span_errors(gold: Gold, system: SystemWords, mapping: list[int]) -> list[dict]:
    """Per gold span, its words the system got wrong and the system speakers they got.

    `wrong` counts spoken words without the gold speaker, `false` unspoken words with a
    speaker; `system` is the most common system speaker over the span's scored words.
    """
    out, at = [], 0
    for number, span in enumerate(gold.spans):
        got = []
        for i in range(at + span["label"], at + span["words"]):
            got.append(system.speakers[mapping[i]] if mapping[i] >= 0 else None)
        at += span["words"]
        if span["speaker"] is None:
            wrong, false = 0, sum(g is not None for g in got)
        else:
            wrong, false = sum(not same_speaker(span["speaker"], g) for g in got), 0
        common = max(set(got), key=got.count) if got else None
        out.append(
            {
                "span": number,
                "gold": span["speaker"],
                "system": common,
                "wrong": wrong,
                "false": false,
                "anchor": span["anchor"],
            }
        )
    return out


def shares(counts: dict[str, int]) -> dict[str, float | None]:
    """The figures of summed counts.

    - right_speaker: gold-spoken words whose system speaker is the gold speaker;
    - attributed: gold-spoken words that got any system speaker;
    - false_speaker: gold-unspoken words that got a system speaker;
    - start_precision / start_recall: system turn starts matching a gold start, and
      the reverse (one to one).
    """

    def ratio(a: str, b: str) -> float | None:
        return round(counts[a] / counts[b], 4) if counts[b] else None

    return {
        "right_speaker": ratio("right_words", "spoken"),
        "attributed": ratio("attributed_words", "spoken"),
        "false_speaker": ratio("false_words", "unspoken"),
        "start_precision": ratio("matched_starts", "system_starts"),
        "start_recall": ratio("matched_starts", "gold_starts"),
    }
