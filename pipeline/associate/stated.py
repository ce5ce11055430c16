"""Stated associations: what the text itself says a focal term is associated with.

Reports of association exercises say it outright ("Een van de eerste associaties met de
term “maatwerk” was complexiteit"). Each pattern below is read from the lemmas of one
sentence that holds a hit X of a term (anaphor hits included, so "de term riep associaties
op" works), and yields the start of the stated part Y:

| pattern | form |
|---|---|
| `associaties met X: Y` | "associaties met (de term) X … was/waren/is Y" |
| `X roept associaties op met Y` | "X roept associaties op met / in relatie tot / rond Y" |
| `bij X denken aan Y` | "bij X denken (we/ze) aan Y", "bij X wordt gedacht aan Y" |
| `X gezien als Y` | "X wordt gezien / beschouwd / ervaren / omschreven als Y" |
| `X betekent Y` | "X betekent Y", "X staat voor Y" |
| `X: Y, Z en W` | a heading or short line that opens with X and a colon |

Y is taken from the dependency parse, not by a number of words: the first noun, name,
adjective or foreign word after the pattern (an adjective that modifies a noun climbs to
that noun) and the words that depend on it, conjuncts included, without crossing into a
subordinate clause. A heading list takes every noun, name, adjective and participle after
its colon. A negation ("niet", "geen", "nooit") between X and the end of Y cancels the
statement, so "X is geen Y" and "bij X denken we niet aan Y" never count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.associate.vocabulary import Vocabulary

# Y's words: also foreign words the tagger cannot place ("refugee-led", "saviourism")
CONTENT = frozenset({"NOUN", "PROPN", "ADJ", "X"})
LISTED = CONTENT | {"VERB"}  # a heading list also names participles ("vanzelfsprekend")
NEGATIONS = frozenset({"niet", "geen", "nooit", "allerminst", "nergens", "niets"})
COPULAS = frozenset({"zijn", "worden", "blijken", "lijken"})
SEEN_AS = frozenset({"zien", "beschouwen", "ervaren", "omschrijven", "beschrijven", "typeren"})
INTRODUCERS = frozenset({"met", "tot", "rond", "rondom", "zoals", "over", "aan"})
CLAUSAL = frozenset({"acl", "advcl", "ccomp", "csubj", "parataxis", "xcomp"})
TRIGGERS = frozenset({"associatie", "denken", "betekenen", "staan", *SEEN_AS})
MAX_SKIP = 4  # tokens allowed between the pattern and the first word of Y
MAX_HEADING = 25  # tokens of a line read as a heading list


class _Sentence:
    """One sentence's lemmas, parts of speech, labels and heads, indexed from 0."""

    def __init__(self, start: int, end: int, lemma, upos, dep, head) -> None:
        self.start, self.end = start, end
        self.lemma, self.upos, self.dep = lemma[start:end], upos[start:end], dep[start:end]
        self.head = head[start:end] - start

    def find(self, lemmas, lo: int, hi: int | None = None) -> int:
        """The first index in [lo, hi) whose lemma is in `lemmas`, or -1."""
        for i in range(max(lo, 0), min(hi if hi is not None else len(self.lemma), len(self.lemma))):
            if self.lemma[i] in lemmas:
                return i
        return -1

    def negated(self, lo: int, hi: int) -> bool:
        return any(self.lemma[i] in NEGATIONS for i in range(max(lo, 0), min(hi, len(self.lemma))))


def _associaties_met(s: _Sentence, x: tuple[int, int]) -> int:
    i = s.find({"associatie"}, 0, x[0])
    if i < 0 or s.find({"met"}, i + 1, x[0]) < 0 or x[0] - i > 6:
        return -1
    cop = s.find(COPULAS, x[1])
    return cop + 1 if cop >= 0 else -1


def _roept_op(s: _Sentence, x: tuple[int, int]) -> int:
    i = s.find({"associatie"}, x[1])
    if i < 0 or s.find({"roepen", "oproepen", "opwekken", "oproep"}, x[1], i + 3) < 0:
        return -1
    intro = s.find(INTRODUCERS, i + 1)
    return intro + 1 if intro >= 0 else -1


def _denken_aan(s: _Sentence, x: tuple[int, int]) -> int:
    bij = s.find({"bij"}, max(x[0] - 4, 0), x[0])
    think = s.find({"denken"}, x[1])
    aan = s.find({"aan"}, think + 1) if think >= 0 else -1
    return aan + 1 if bij >= 0 and aan >= 0 else -1


def _gezien_als(s: _Sentence, x: tuple[int, int]) -> int:
    verb = s.find(SEEN_AS, x[1], x[1] + 8)
    als = s.find({"als"}, verb + 1, verb + 4) if verb >= 0 else -1
    return als + 1 if als >= 0 else -1


def _betekent(s: _Sentence, x: tuple[int, int]) -> int:
    verb = s.find({"betekenen"}, x[1], x[1] + 3)
    if verb >= 0:
        return verb + 1
    stand = s.find({"staan"}, x[1], x[1] + 3)
    voor = s.find({"voor"}, stand + 1, stand + 3) if stand >= 0 else -1
    return voor + 1 if voor >= 0 else -1


PATTERNS = (
    ("associaties met X: Y", _associaties_met),
    ("X roept associaties op met Y", _roept_op),
    ("bij X denken aan Y", _denken_aan),
    ("X gezien als Y", _gezien_als),
    ("X betekent Y", _betekent),
)


def _is_content(s: _Sentence, i: int, content, upos=CONTENT) -> bool:
    return s.upos[i] in upos and bool(content[s.start + i])


def _stated_part(s: _Sentence, lo: int, content: np.ndarray) -> list[int]:
    """The words of Y from index `lo`: a phrase head and what depends on it (see module)."""
    first = -1
    for i in range(lo, min(lo + MAX_SKIP + 1, len(s.lemma))):
        if s.upos[i] in {"SCONJ", "VERB"} or s.lemma[i] in {"dat", "om", "of"}:
            return []
        if _is_content(s, i, content):
            first = i
            break
    if first < 0:
        return []
    head = first
    while s.dep[head] in {"amod", "compound", "flat"} and head < s.head[head] < len(s.lemma):
        head = int(s.head[head])
    part = []
    for i in range(lo, len(s.lemma)):
        node, steps = i, 0
        while node != head and steps < len(s.lemma) and s.dep[node] not in CLAUSAL:
            parent = int(s.head[node])
            if parent == node or not lo <= parent < len(s.lemma):
                break
            node, steps = parent, steps + 1
        if node == head and _is_content(s, i, content):
            part.append(i)
    return part


def _heading_list(s: _Sentence, x: tuple[int, int], content: np.ndarray) -> list[int]:
    """The words after the colon of a heading that opens with the term ("Maatwerk: …")."""
    if len(s.lemma) > MAX_HEADING or x[0] > 1 or s.find({":"}, x[1], x[1] + 1) < 0:
        return []
    return [i for i in range(x[1] + 1, len(s.lemma)) if _is_content(s, i, content, LISTED)]


def stated_associations(
    hits: pd.DataFrame, tokens: pd.DataFrame, vocab: Vocabulary, content: np.ndarray
) -> pd.DataFrame:
    """Find the associations that sentences state, with the hit that states each.

    Args:
        hits: All hits in reading order (`term`, `hit_id`, `pos_start`, `pos_end`).
        tokens: Tokens in reading order with `head_pos`.
        vocab: The coded string columns of `tokens`.
        content: Per token, whether it may be an associate word (lettered, not a stop word).

    Returns:
        One row per stated word: `term`, `hit_id`, `pattern` and `pos` (its token position),
        and `part` (a number shared by the words of one statement), in reading order.
    """
    lemma = vocab.lemma.lower[vocab.lemma.codes]
    upos, dep = vocab.upos.values[vocab.upos.codes], vocab.dep.values[vocab.dep.codes]
    sent = pd.factorize(
        tokens["seg_id"].astype(str) + "\0" + tokens["sent_idx"].astype(str), sort=False
    )[0]
    starts = np.searchsorted(sent, sent, side="left")
    ends = np.searchsorted(sent, sent, side="right")
    hot = np.isin(lemma, list(TRIGGERS)) | (lemma == ":")
    hot_sents = set(sent[hot])
    head_pos = tokens["head_pos"].to_numpy()
    rows = []
    for hit in hits.itertuples(index=False):
        if sent[hit.pos_start] not in hot_sents:
            continue
        lo, hi = starts[hit.pos_start], ends[hit.pos_start]
        s = _Sentence(lo, hi, lemma, upos, dep, head_pos)
        x = (hit.pos_start - lo, hit.pos_end - lo)
        found = [("X: Y, Z en W", _heading_list(s, x, content))]
        for name, pattern in PATTERNS:
            y = pattern(s, x)
            part = _stated_part(s, y, content) if y >= 0 else []
            if part and not s.negated(x[1], max(part) + 1):
                found.append((name, part))
        for name, part in found:
            rows += [(hit.term, hit.hit_id, name, lo + i, len(rows)) for i in part]
    table = pd.DataFrame(rows, columns=["term", "hit_id", "pattern", "pos", "part"])
    return table.drop_duplicates(["term", "pos", "pattern"], ignore_index=True)


def stated_pairs(stated: pd.DataFrame, occ: pd.DataFrame) -> pd.DataFrame:
    """The associates (ids) of the stated words: words, and phrases wholly inside one Y.

    Args:
        stated: From `stated_associations`.
        occ: Candidate occurrences (`pos`, `pos2`, `aid`, `second`).

    Returns:
        One row per (term, aid): `stated` (its patterns, `;`-joined in order) and
        `stated_hit_id` (the hit of the first sentence that states it).
    """
    words = stated.merge(occ.loc[occ["second"] < 0, ["pos", "aid"]], on="pos")
    phrases = stated.merge(occ.loc[occ["second"] >= 0, ["pos", "pos2", "aid"]], on="pos")
    inside = stated[["part", "pos"]].rename(columns={"pos": "pos2"})
    phrases = phrases.merge(inside, on=["part", "pos2"])
    found = pd.concat([words, phrases[words.columns]], ignore_index=True).sort_values(
        ["part", "pos"], kind="stable"
    )
    grouped = found.groupby(["term", "aid"], sort=True)
    return pd.DataFrame(
        {
            "stated": grouped["pattern"].agg(lambda p: ";".join(dict.fromkeys(p))),
            "stated_hit_id": grouped["hit_id"].first(),
        }
    ).reset_index()
