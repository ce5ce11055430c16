"""Mentions of a focal term that do not name it: anaphora and bridged compound heads.

See `pipeline.associate.discourse` for when they count; each becomes a hit with
`match_kind` `anaphor` or `bridged`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from wordfreq import zipf_frequency

from pipeline.associate.hits import hit_table
from pipeline.associate.sections import Sections
from pipeline.associate.terms import EXACT, Lexicon, inflections
from pipeline.associate.vocabulary import Vocabulary

DETERMINERS = frozenset({"de", "het", "deze", "dit", "die", "dat"})
# "het woord geven/vragen/voeren" hands over the floor: no anaphor in such a sentence
FLOOR_VERBS = frozenset({"geven", "vragen", "krijgen", "nemen", "voeren", "verlenen", "hebben"})
QUOTE_GAP = 3
MIN_HEAD, MIN_MODIFIER, HEAD_ZIPF = 5, 3, 3.0


def _new_hits(tokens: pd.DataFrame, where: np.ndarray, terms: list[str], size: int, kind: str):
    """Hit rows (as `find_term_hits` gives them) for spans of `size` tokens from `where`."""
    found = pd.DataFrame(
        {
            "term": terms,
            "rank": EXACT,
            "pos_start": where,
            "pos_end": where + size,
            "piece": 0,
            "char_start": tokens["char_start"].to_numpy()[where],
            "char_end": tokens["char_end"].to_numpy()[where + size - 1],
        }
    )
    return hit_table(found, tokens).assign(match_kind=kind)


def anaphora(hits, tokens, vocab: Vocabulary, sections: Sections, anaphors: list[str]):
    """Hits for "de term", "dit begrip" and the like, resolved to their focal term."""
    lemma, unit = vocab.lemma, sections.unit
    noun = np.flatnonzero(lemma.isin(set(anaphors), lower=True))
    noun = noun[noun > 0]
    noun = noun[lemma.isin(DETERMINERS, lower=True)[noun - 1] & (unit[noun - 1] == unit[noun])]
    sentence = pd.factorize(tokens["seg_id"].astype(str) + "\0" + tokens["sent_idx"].astype(str))[0]
    floor = np.unique(sentence[lemma.isin(FLOOR_VERBS, lower=True)])
    noun = noun[~np.isin(sentence[noun], floor)]
    starts = hits["pos_start"].to_numpy()
    after = np.searchsorted(starts, noun, side="right")
    quoted = (after < len(starts)) & (
        starts[np.minimum(after, len(starts) - 1)] <= noun + QUOTE_GAP
    )
    covered = np.zeros(len(tokens) + 1, dtype=np.int64)
    np.add.at(covered, starts, 1)
    np.add.at(covered, hits["pos_end"].to_numpy(), -1)
    inside = (np.cumsum(covered)[: len(tokens)] > 0)[noun] | (np.cumsum(covered) > 0)[noun - 1]
    keep, terms = [], []
    for pos, before in zip(noun[~quoted & ~inside], after[~quoted & ~inside] - 1, strict=True):
        run = sections.run[pos]
        if before >= 0 and sections.run[starts[before]] == run:
            terms.append(hits["term"].iat[before])
        elif sections.scope.get(run):
            terms.append(sections.scope[run][0])
        else:
            continue
        keep.append(pos - 1)
    return _new_hits(tokens, np.asarray(keep, dtype=np.int64), terms, 2, "anaphor")


def compound_heads(lexicon: Lexicon, words: Mapping[str, list[str]]) -> dict[str, str]:
    """The inflected forms of each compound term's head noun, to the term (see module doc).

    Args:
        lexicon: The compiled lexicon (a head that is itself a term's form is left out).
        words: Per term, its single-word forms: the term and its variants.
    """
    heads: dict[str, str] = {}
    for term, forms in words.items():
        if term not in lexicon.compounding:
            continue
        for word in (w.lower() for w in forms if " " not in w.strip()):
            for i in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):  # the longest ending first
                if zipf_frequency(word[i:], "nl") >= HEAD_ZIPF:
                    for form in inflections(word[i:]):
                        if lexicon.match(form) is None:
                            heads.setdefault(form, term)
                    break
    return heads


def _covered(hits: pd.DataFrame, n: int) -> np.ndarray:
    """Per token (and one past the end): does a hit cover it?"""
    delta = np.zeros(n + 1, dtype=np.int64)
    np.add.at(delta, hits["pos_start"].to_numpy(), 1)
    np.add.at(delta, hits["pos_end"].to_numpy(), -1)
    return np.cumsum(delta) > 0


def bridges(hits, tokens, vocab: Vocabulary, sections: Sections, heads: dict[str, str]):
    """Hits for a compound term's head noun alone in a section about the term."""
    by_lemma = vocab.lemma.per_value(lambda v: heads.get(v.lower(), ""), dtype=object)
    by_text = vocab.text.per_value(lambda v: heads.get(v.lower(), ""), dtype=object)
    term_of = np.where(by_lemma != "", by_lemma, by_text)
    where = np.flatnonzero((term_of != "") & ~_covered(hits, len(tokens))[: len(tokens)])
    runs = sections.run[hits["pos_start"].to_numpy()]
    most = hits.groupby(runs)["term"].agg(lambda terms: terms.value_counts().index[0])
    keep = [
        pos
        for pos in where
        if term_of[pos] in sections.scope.get(sections.run[pos], ())
        or most.get(sections.run[pos]) == term_of[pos]
    ]
    keep = np.asarray(keep, dtype=np.int64)
    return _new_hits(tokens, keep, list(term_of[keep]), 1, "bridged")
