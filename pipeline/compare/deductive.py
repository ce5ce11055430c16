"""Deductive coding: apply the researcher's codebook (`pipeline.compare.rules`) to the corpus.

Per code, a sentence is coded when one of its `lemmas` occurs in it, matched like the focal
terms (`compile_lexicon` and `find_term_hits`: inflections, hyphenated words, compounds; a
lemma with `*` is a one-word pattern over the lemma or surface, lower-cased), or one of its
`phrases` (whole words, any case, in the text as written), or a `term_hits` row of one of its
`terms`; a rule with none of these codes every sentence of the segments its `speakers` /
`sections` patterns fit. A match counts only where the segment fits those patterns, a `near`
lemma occurs within `near_sentences` sentences in the same segment, and no `exclude` lemma
occurs in the sentence. Consecutive coded sentences of a segment merge into one coding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

import numpy as np
import pandas as pd

from pipeline.associate.hits import find_term_hits
from pipeline.associate.terms import compile_lexicon
from pipeline.associate.vocabulary import Vocabulary
from pipeline.compare.rules import CodeRule
from pipeline.params import TermSpec
from pipeline.schemas import SCHEMAS, columns

EVIDENCE = ["sent", "label", "matched", "char_start"]
COLUMNS = columns("deductive_codings")


@dataclass
class _Corpus:
    """Tokens in reading order, each token's sentence number, and one row per sentence.

    `sentences`: sent (its number), seg_id, doc_id, sent_idx, char_start, char_end, and
    the segment's seg_start, speaker and section. `texts`: each segment's text, held
    once (a copy per sentence of an hour-long turn would take gigabytes).
    """

    tokens: pd.DataFrame
    vocab: Vocabulary
    tok_sent: np.ndarray
    sentences: pd.DataFrame
    texts: dict[str, str]

    @classmethod
    def of(cls, tokens: pd.DataFrame, segments: pd.DataFrame) -> _Corpus:
        """Number the sentences of a tokens table and attach their segments' fields."""
        tokens = tokens.reset_index(drop=True)
        tok_sent = tokens.groupby(["seg_id", "sent_idx"], sort=False).ngroup().to_numpy()
        sentences = tokens.groupby(tok_sent, sort=True).agg(
            seg_id=("seg_id", "first"), doc_id=("doc_id", "first"), sent_idx=("sent_idx", "first"),
            char_start=("char_start", "min"), char_end=("char_end", "max"),
        ).reset_index(drop=True)  # fmt: skip
        sentences = sentences.astype({"seg_id": object, "char_start": np.int64})
        sentences["sent"] = sentences.index
        fields = segments.set_index("seg_id")
        sentences["seg_start"] = sentences["seg_id"].map(fields["char_start"])
        for name in ("speaker", "section"):
            sentences[name] = sentences["seg_id"].map(fields[name]).astype(object)
        texts = dict(zip(segments["seg_id"], segments["text"], strict=True))
        return cls(tokens, Vocabulary.of(tokens), tok_sent, sentences, texts)

    def evidence(self, sent, labels, start, end) -> pd.DataFrame:
        """Evidence rows: sentence, rule label, the words as written, offset."""
        sent, start, end = (np.asarray(x, dtype=np.int64) for x in (sent, start, end))
        rows = self.sentences.iloc[sent]
        matched = [
            self.texts.get(seg, "")[s - o : e - o]
            for seg, o, s, e in zip(rows["seg_id"], rows["seg_start"], start, end, strict=True)
        ]
        return pd.DataFrame(dict(zip(EVIDENCE, (sent, labels, matched, start), strict=True)))


def _pattern_hits(corpus: _Corpus, pattern: str) -> np.ndarray:
    """Positions of the tokens whose lemma or surface (lower-cased) fits a `*` pattern."""
    regex = re.compile("".join(".*" if c == "*" else re.escape(c) for c in pattern.lower()))

    def fits(value: str) -> bool:
        return regex.fullmatch(value.lower()) is not None

    return np.flatnonzero(corpus.vocab.lemma.per_value(fits) | corpus.vocab.text.per_value(fits))


def _lemma_evidence(corpus: _Corpus, lemmas: list[str], kind: str, compounds: bool):
    """Evidence (`sent`, `label` "kind:lemma", `matched`, `char_start`) of lemmas."""
    frames = []
    plain: dict[str, str] = {}
    for lemma in lemmas:
        if "*" not in lemma:
            plain.setdefault(lemma.lower(), lemma)
    if plain:
        lexicon = compile_lexicon({k: TermSpec(compounds=compounds) for k in plain})
        hits = find_term_hits(corpus.tokens, lexicon, corpus.vocab)
        labels = [f"{kind}:{plain[t]}" for t in hits["term"]]
        sent = corpus.tok_sent[hits["pos_start"].to_numpy()]
        frames.append(corpus.evidence(sent, labels, hits["char_start"], hits["char_end"]))
    for pattern in dict.fromkeys(lemma for lemma in lemmas if "*" in lemma):
        pos = _pattern_hits(corpus, pattern)
        start, end = (corpus.tokens[c].to_numpy()[pos] for c in ("char_start", "char_end"))
        labels = [f"{kind}:{pattern}"] * len(pos)
        frames.append(corpus.evidence(corpus.tok_sent[pos], labels, start, end))
    return _concat(frames)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=EVIDENCE)


def _phrase_evidence(corpus: _Corpus, phrases: list[str]) -> pd.DataFrame:
    """Literal phrases as whole words (any case), on the sentence each one starts in."""
    segs = corpus.sentences.drop_duplicates("seg_id")
    rows = []
    for phrase in dict.fromkeys(phrases):
        words = r"\s+".join(re.escape(w) for w in phrase.split())
        regex = re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
        for seg, off in segs[["seg_id", "seg_start"]].itertuples(False):
            text = corpus.texts.get(seg) or ""
            rows += [
                (seg, off + m.start(), f"phrases:{phrase}", m[0]) for m in regex.finditer(text)
            ]
    found = pd.DataFrame(rows, columns=["seg_id", "char_start", "label", "matched"])
    starts = corpus.sentences[["seg_id", "char_start", "sent"]].sort_values("char_start")
    found = found.astype({"seg_id": object, "char_start": np.int64}).sort_values("char_start")
    found = pd.merge_asof(found, starts, on="char_start", by="seg_id").dropna(subset=["sent"])
    return found.astype({"sent": np.int64})[EVIDENCE]


def _term_evidence(corpus: _Corpus, term_hits: pd.DataFrame | None, terms: list[str]):
    """Sentences holding a focal-term hit of one of `terms` (`term_hits` rows)."""
    if term_hits is None or term_hits.empty or not terms:
        return pd.DataFrame(columns=EVIDENCE)
    where = corpus.sentences[["seg_id", "sent_idx", "sent"]]
    hits = term_hits[term_hits["term"].isin(terms)].merge(where, on=["seg_id", "sent_idx"])
    labels = [f"terms:{t}" for t in hits["term"]]
    return corpus.evidence(hits["sent"], labels, hits["char_start"], hits["char_end"])


def _place(corpus: _Corpus, rule: CodeRule) -> np.ndarray:
    """Per sentence: does its segment fit the speakers/sections globs (any case)?"""
    ok = np.ones(len(corpus.sentences), dtype=bool)
    for kind in ("speakers", "sections"):
        low = [p.lower() for p in getattr(rule, kind)]
        if low:
            values = corpus.sentences[kind.removesuffix("s")]
            ok &= [
                isinstance(v, str) and any(fnmatchcase(v.lower(), p) for p in low) for v in values
            ]
    return ok


def _near_evidence(corpus: _Corpus, rule: CodeRule, sents: np.ndarray) -> pd.DataFrame:
    """Rows `near:<lemma>` for the candidate sentences with a near lemma in their window."""
    near = _lemma_evidence(corpus, rule.near, "near", rule.compounds)
    where = corpus.sentences[["seg_id", "sent_idx", "sent"]]
    found = where.iloc[near["sent"].to_numpy(dtype=np.int64)].assign(label=near["label"].values)
    pairs = where.iloc[sents].merge(found, on="seg_id", suffixes=("", "_near"))
    pairs = pairs[(pairs["sent_idx"] - pairs["sent_idx_near"]).abs() <= rule.near_sentences]
    return pairs[["sent", "label"]].drop_duplicates().assign(matched="", char_start=0)[EVIDENCE]


def _code_sentences(corpus: _Corpus, term_hits, rule: CodeRule) -> pd.DataFrame:
    """The evidence of one code, on the sentences where the whole rule holds."""
    place = _place(corpus, rule)
    found = _concat(
        [
            _lemma_evidence(corpus, rule.lemmas, "lemmas", rule.compounds),
            _phrase_evidence(corpus, rule.phrases),
            _term_evidence(corpus, term_hits, rule.terms),
        ]
    )
    if not (rule.lemmas or rule.phrases or rule.terms):
        sents = np.flatnonzero(place)
        found = pd.DataFrame({"sent": sents, "label": "", "matched": "", "char_start": 0})
    found = found[place[found["sent"].to_numpy(dtype=np.int64)]].astype({"sent": np.int64})
    if rule.exclude and not found.empty:
        stop = _lemma_evidence(corpus, rule.exclude, "exclude", rule.compounds)
        found = found[~found["sent"].isin(stop["sent"])]
    if rule.near and not found.empty:
        near = _near_evidence(corpus, rule, found["sent"].unique())
        found = pd.concat([found[found["sent"].isin(near["sent"])], near], ignore_index=True)
    return found


def _rules(labels: list[str], rule: CodeRule) -> str:
    """The `rules` of a coding: its matches in text order, its near lemmas, its places."""
    near = sorted({x for x in labels if x.startswith("near:")})
    found = [x for x in labels if x and not x.startswith("near:")]
    places = [f"{kind}:{p}" for kind in ("speakers", "sections") for p in getattr(rule, kind)]
    return ";".join(dict.fromkeys(found + near + places))


def _merge_runs(corpus: _Corpus, code: str, rule: CodeRule, found: pd.DataFrame) -> pd.DataFrame:
    """One coding per run of consecutive coded sentences of a segment."""
    sents = corpus.sentences.loc[np.unique(found["sent"].to_numpy(dtype=np.int64))]
    seg, idx = sents["seg_id"], sents["sent_idx"]
    run = (seg.ne(seg.shift()) | idx.ne(idx.shift() + 1)).cumsum()
    found = found.sort_values(["sent", "char_start"], kind="stable")
    runs = found.groupby(found["sent"].map(run), sort=True).agg(
        first=("sent", "min"), last=("sent", "max"), labels=("label", list), words=("matched", list)
    )
    first = sents.loc[runs["first"]].reset_index(drop=True)
    last = sents.loc[runs["last"]].reset_index(drop=True)
    return pd.DataFrame(
        {
            "coding_id": first["seg_id"] + "@" + first["sent_idx"].astype(str) + "/" + code,
            "code": code, "doc_id": first["doc_id"], "seg_id": first["seg_id"],
            "sent_start": first["sent_idx"], "sent_end": last["sent_idx"] + 1,
            "char_start": first["char_start"], "char_end": last["char_end"],
            "rules": [_rules(labels, rule) for labels in runs["labels"]],
            "matched": [";".join(dict.fromkeys(w for w in ws if w)) for ws in runs["words"]],
        }
    )  # fmt: skip


def code_deductively(
    tokens: pd.DataFrame,
    segments: pd.DataFrame,
    term_hits: pd.DataFrame | None,
    codebook: dict[str, CodeRule],
) -> pd.DataFrame:
    """Apply every code of the codebook to every sentence of the corpus.

    Args:
        tokens: The tokens table in reading order.
        segments: The segments table (speaker, section and text of each segment).
        term_hits: The focal-term hits (`terms` rules); None or empty: no term matches.
        codebook: Code path to rule (`pipeline.compare.rules.load_codebook`).

    Returns:
        The `deductive_codings` table: one row per run of consecutive coded sentences of a
        segment, in codebook order, then reading order.
    """
    frames = []
    if not tokens.empty and codebook:
        corpus = _Corpus.of(tokens, segments)
        for code, rule in codebook.items():
            found = _code_sentences(corpus, term_hits, rule)
            if not found.empty:
                frames.append(_merge_runs(corpus, code, rule, found))
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    return SCHEMAS["deductive_codings"].validate(table[COLUMNS])
