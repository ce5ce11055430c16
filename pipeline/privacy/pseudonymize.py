"""Pseudonymise a corpus: names and direct identifiers out, offsets still consistent.

`pseudonymize` takes the documents and segments tables of the ingest stage and returns the
same tables with every speaker and person name replaced by a pseudonym and every e-mail
address, phone number, street address and postcode by a placeholder, plus the key from
original to pseudonym. It works on `documents.text` and derives the segments from it, so
`documents.text[char_start:char_end] == segments.text` holds afterwards as before.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from pipeline.privacy.detect import DEFAULT_METHOD, METHODS, KnownNames, find_person_spans
from pipeline.privacy.evidence import CorpusEvidence
from pipeline.privacy.identifiers import PLACEHOLDERS, find_identifiers
from pipeline.privacy.lexicon import Lexicon, load_lexicon
from pipeline.privacy.paths import path_regex, rename_paths
from pipeline.privacy.registry import PseudonymRegistry
from pipeline.privacy.rewrite import Replacement, Rewrite
from pipeline.privacy.spans import Span, merge_spans, shift
from pipeline.privacy.speakers import SpeakerLabel, parse_speaker
from pipeline.privacy.wordlists import HONORIFICS, ROLES

KEY_COLUMNS = ["original", "pseudonym", "kind", "n_replacements"]
# Columns that are not free text: identifiers, hashes and numbers are left alone here
# (doc_id and source_path are handled by `rename_paths`).
_NOT_TEXT = {"doc_id", "source_path", "sha256", "format", "n_chars", "text"}
_TITLE_WORDS = "|".join(
    sorted((re.escape(w).replace(r"\ ", r"\s+") for w in HONORIFICS | ROLES), key=len, reverse=True)
)
# Titles right before a name are replaced with it: "mevrouw El Amrani" -> "Deelnemer 3".
_TITLES_BEFORE = re.compile(rf"(?i)(?<![\w-])((?:de\s+)?(?:{_TITLE_WORDS})\.?\s+)+$")


@dataclass
class PseudonymResult:
    """The pseudonymised tables and the key.

    Attributes:
        documents: The documents table with names and identifiers replaced in text, title
            and metadata columns, and renamed doc_id and source_path where they held a name.
        segments: The segments table with replaced text, speaker and section, and
            recomputed offsets.
        key: Columns original, pseudonym, kind (speaker, person, email, phone, address,
            postcode) and n_replacements. Private: write it only with `write_key`.
    """

    documents: pd.DataFrame
    segments: pd.DataFrame
    key: pd.DataFrame


def _pieces(text: str, segments: pd.DataFrame) -> list[tuple[int, int]]:
    """Split a text at every segment boundary, so no replacement crosses one."""
    cuts = {0, len(text)}
    for column in ("char_start", "char_end"):
        cuts.update(min(max(int(v), 0), len(text)) for v in segments[column])
    cuts = sorted(cuts)
    return [(a, b) for a, b in pairwise(cuts) if b > a]


class _Pseudonymiser:
    """The state of one run: the lexicon, the names found so far, and the counts."""

    def __init__(self, method: str, lexicon: Lexicon) -> None:
        self.method = method
        self.lexicon = lexicon
        self.counts: Counter[tuple[str, str, str]] = Counter()
        # Set by `run` as it learns the corpus.
        self.evidence: CorpusEvidence | None = None
        self.everyone: KnownNames | None = None
        self.registry: PseudonymRegistry | None = None

    def find(self, text: str, pieces: list[tuple[int, int]], known: KnownNames) -> list[Span]:
        spans: list[Span] = []
        for start, end in pieces:
            piece = text[start:end]
            found = find_person_spans(
                piece,
                method=self.method,
                known=known,
                evidence=self.evidence,
                lexicon=self.lexicon,
            )
            spans += shift(merge_spans(found + find_identifiers(piece)), start)
        return spans

    def replacements(self, text: str, spans: list[Span], floor: int = 0) -> list[Replacement]:
        out = []
        for span in sorted(spans):
            if span.kind != "person":
                new, kind, start = PLACEHOLDERS[span.kind], span.kind, span.start
            else:
                surface = span.text(text)
                new = self.registry.pseudonym(surface) or "Persoon"
                kind = "speaker" if self.registry.is_speaker(surface) else "person"
                # A title is absorbed only up to the previous replacement, never into it.
                start = self._absorb_titles(text, max(floor, 0), span.start, new)
            self.counts[(text[start : span.end], new, kind)] += 1
            out.append(Replacement(start, span.end, new))
            floor = max(floor, span.end)
        return out

    @staticmethod
    def _absorb_titles(text: str, floor: int, start: int, pseudonym: str) -> int:
        """Start of the replacement: before a form of address, or a role the pseudonym has."""
        match = _TITLES_BEFORE.search(text, floor, start)
        # Never across a sentence end: "de wethouder. Wethouder Kapteijns" keeps its first part.
        ends = [
            m.end()
            for m in re.finditer(r"\S+\.\s", match.group() if match else "")
            if m.group().strip().casefold() not in HONORIFICS
        ]
        if ends:
            match = _TITLES_BEFORE.search(text, match.start() + ends[-1], start)
        if not match:
            return start
        words = match.group().split()
        roles = [w.casefold().rstrip(".") for w in words if w.casefold().rstrip(".") in ROLES]
        if roles and not all(pseudonym.casefold().startswith(r) for r in roles):
            return start
        return match.start()

    def replace_known(self, value: object) -> object:
        """Replace known names and identifiers in a short text such as a title or label."""
        if not isinstance(value, str) or not value:
            return value
        spans = merge_spans(self.everyone.find(value) + find_identifiers(value))
        return Rewrite(self.replacements(value, spans)).apply(value)

    def run(self, documents: pd.DataFrame, segments: pd.DataFrame) -> PseudonymResult:
        docs = documents.reset_index(drop=True)
        segs = segments.reset_index(drop=True)
        texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
        order = {doc_id: i for i, doc_id in enumerate(docs["doc_id"])}
        ordered = segs.assign(_order=segs["doc_id"].map(order)).sort_values(["_order", "seg_idx"])
        by_doc = dict(tuple(ordered.groupby("doc_id", sort=False)))
        pieces = {d: _pieces(t, by_doc.get(d, segs.iloc[0:0])) for d, t in texts.items()}

        # Speakers, in order of first appearance.
        labels = [s for s in dict.fromkeys(ordered["speaker"]) if isinstance(s, str)]
        speakers = [parse_speaker(label, lexicon=self.lexicon) for label in labels]
        names = [s.name for s in speakers if s.name]

        # Names and identifiers in the text; then every name found anywhere, everywhere.
        self.evidence = CorpusEvidence(lexicon=self.lexicon).fit(texts.values())
        known = KnownNames(names, lexicon=self.lexicon)
        first = {d: self.find(t, pieces[d], known) for d, t in texts.items()}
        surfaces = [s.text(texts[d]) for d, f in first.items() for s in f if s.kind == "person"]
        self.everyone = KnownNames(names + surfaces, lexicon=self.lexicon)
        found = {
            d: merge_spans(
                first[d] + [s for a, b in pieces[d] for s in shift(self.everyone.find(t[a:b]), a)]
            )
            for d, t in texts.items()
        }
        mentions = [s.text(texts[d]) for d, f in found.items() for s in f if s.kind == "person"]

        # Persons and their pseudonyms, never one that already occurs in the corpus.
        taken = "\n".join([*texts.values(), *labels, *docs["title"].astype(str)])
        self.registry = PseudonymRegistry(taken=taken).fit(speakers, mentions)

        # Rewrite each document and carry the segments' offsets over.
        rewrites = {}
        for d, t in texts.items():
            replacements = []
            for a, b in pieces[d]:
                inside = [s for s in found[d] if a <= s.start and s.end <= b]
                replacements += self.replacements(t, inside, floor=a)
            rewrites[d] = Rewrite(replacements)
        new_texts = {d: rewrites[d].apply(t) for d, t in texts.items()}
        out_segs = self._segments(segs, rewrites, new_texts, speakers)

        out_docs = docs.assign(
            text=[new_texts[d] for d in docs["doc_id"]],
            n_chars=[len(new_texts[d]) for d in docs["doc_id"]],
        )
        for column in out_docs.columns:
            if column not in _NOT_TEXT and not pd.api.types.is_numeric_dtype(out_docs[column]):
                out_docs[column] = out_docs[column].map(self.replace_known)
        out_docs, out_segs = rename_paths(
            out_docs,
            out_segs,
            regex=path_regex(self.everyone.forms),
            pseudonym=lambda m: self.registry.pseudonym(m) or "Persoon",
        )
        return PseudonymResult(out_docs, out_segs, self._key())

    def _speaker(self, speaker: SpeakerLabel) -> str:
        """The pseudonym of a speaker label, with its affiliation kept."""
        if speaker.label not in self.registry.speaker_pseudonyms_:
            return self.replace_known(speaker.label)  # a label naming nobody may still hold one
        pseudonym = self.registry.speaker_pseudonyms_[speaker.label]
        if speaker.affiliation:
            pseudonym += f" ({self.replace_known(speaker.affiliation)})"
        return pseudonym

    def _segments(
        self,
        segs: pd.DataFrame,
        rewrites: dict[str, Rewrite],
        new_texts: dict[str, str],
        speakers: list[SpeakerLabel],
    ) -> pd.DataFrame:
        """Segments with offsets carried over, text cut from the new text, speakers replaced."""
        pairs = list(zip(segs["doc_id"], segs["char_start"], segs["char_end"], strict=True))
        starts = [rewrites[d].offset(int(a)) for d, a, _ in pairs]
        ends = [rewrites[d].offset(int(b)) for d, _, b in pairs]
        renamed = {}
        for speaker in speakers:
            renamed[speaker.label] = self._speaker(speaker)
            if renamed[speaker.label] != speaker.label:
                n = int((segs["speaker"] == speaker.label).sum())
                self.counts[(speaker.label, renamed[speaker.label], "speaker")] += n
        return segs.assign(
            char_start=starts,
            char_end=ends,
            text=[new_texts[d][a:b] for (d, _, _), a, b in zip(pairs, starts, ends, strict=True)],
            speaker=[renamed.get(s, s) if isinstance(s, str) else s for s in segs["speaker"]],
            section=segs["section"].map(self.replace_known),
        )

    def _key(self) -> pd.DataFrame:
        rows = [(o, p, k, n) for (o, p, k), n in self.counts.items()]
        key = pd.DataFrame(rows, columns=KEY_COLUMNS).astype({"n_replacements": "int64"})
        return key.sort_values(["kind", "pseudonym", "original"]).reset_index(drop=True)


def pseudonymize(
    documents: pd.DataFrame,
    segments: pd.DataFrame,
    *,
    method: str = DEFAULT_METHOD,
    lexicon: Lexicon | None = None,
) -> PseudonymResult:
    """Replace names and direct identifiers in a corpus, keeping all offsets consistent.

    Args:
        documents: Table with the DOCUMENTS contract (see `pipeline.schemas`).
        segments: Table with the SEGMENTS contract; offsets refer to `documents.text`.
        method: How names in running text are found: `combined` (default), `rules` or
            `deduce` (see `pipeline.privacy.detect`).
        lexicon: Word lists; the shared lexicon by default.

    Returns:
        The pseudonymised documents and segments (same columns) and the key.

    Raises:
        ValueError: For an unknown method.
    """
    if method not in METHODS:
        raise ValueError(f"unknown pseudonymisation method {method!r}; allowed: {METHODS}")
    return _Pseudonymiser(method, lexicon or load_lexicon()).run(documents, segments)
