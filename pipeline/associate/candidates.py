"""Candidate associates: the content words and parsed phrases that may go with a term.

A word occurrence is a token whose part of speech is in `content_upos` (plus ADV with
`include_adv`), that is not punctuation, whose lemma has a letter, and whose lemma and
surface are not stop words (spaCy's Dutch list plus `extra_stop_words`). Words are keyed by
lower-cased lemma, so "Gemeente" and "gemeenten" count as one associate; where the
lemmatizer evidently slipped, the written word stands in for the lemma (`readable_lemmas`).

A phrase occurrence is a pair taken from the dependency parse: an adjective (or participle)
attached as `amod` to a noun ("sociale netwerken" -> "sociaal netwerk", ADJ+NOUN), or two
adjacent nouns or names linked by `nmod`, `appos`, `flat`, `fixed` or `compound` ("gemeente
Utrecht", NOUN+PROPN). Phrases are keyed by the lemmas of both words in text order, so
inflected forms count together, and neither word may be a stop word. A phrase sits at the
position of its head noun.

Candidates seen fewer than `min_count` times in the corpus are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.associate.dutch_words import is_dutch_word
from pipeline.associate.vocabulary import Coded, Vocabulary

PHRASE_DEPS = frozenset({"nmod", "appos", "flat", "fixed", "compound"})
NOUNS = frozenset({"NOUN", "PROPN"})
MODIFIERS = frozenset({"ADJ", "VERB"})
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Candidates:
    """Candidate occurrences and the associates they belong to.

    Attributes:
        occ: One row per occurrence: `pos` (token position; a phrase's head noun), `pos2`
            (the other word of a phrase; `pos` for words), `aid` (associate id), `first` and
            `second` (positions in text order; `second` is -1 for words), sorted by pos, aid.
        keys: Per associate id (the index): `key` (lower-cased lemma or lemma phrase) and
            `kind` (word or phrase).
        shown: The lemma of each token as shown (`readable_lemmas`).
    """

    occ: pd.DataFrame
    keys: pd.DataFrame
    shown: Coded


def content_tokens(
    tokens: pd.DataFrame, vocab: Vocabulary, *, stop_words: frozenset[str]
) -> np.ndarray:
    """Per token, whether it may be part of an associate: a lettered, non-stop word."""
    return (
        ~tokens["is_punct"].to_numpy(dtype=bool)
        & vocab.lemma.per_value(lambda v: bool(_LETTER.search(v)) and v.lower() not in stop_words)
        & vocab.text.per_value(lambda v: bool(_LETTER.search(v)))
        & ~vocab.text.isin(stop_words, lower=True)
    )


def _phrase_children(tokens: pd.DataFrame, vocab: Vocabulary, content: np.ndarray) -> np.ndarray:
    """Positions of the modifiers and compound nouns that make a phrase with their head noun."""
    child, head = np.arange(len(tokens)), tokens["head_pos"].to_numpy()
    noun = vocab.upos.isin(NOUNS)
    linked = content & content[head] & noun[head] & (child != head)
    adjective = vocab.dep.isin({"amod"}) & vocab.upos.isin(MODIFIERS)
    compound = vocab.dep.isin(PHRASE_DEPS) & noun & (np.abs(child - head) == 1)
    return np.flatnonzero(linked & (adjective | compound))


def _associate_keys(key_values: np.ndarray, pairs: np.ndarray) -> pd.DataFrame:
    """The key and kind of every associate id: the words, then the phrases (word-key pairs)."""
    n_keys = len(key_values)
    return pd.DataFrame(
        {
            "key": np.concatenate(
                [key_values, key_values[pairs // n_keys] + " " + key_values[pairs % n_keys]]
            ).astype(object),
            "kind": ["word"] * n_keys + ["phrase"] * len(pairs),
        }
    )


def find_candidates(
    tokens: pd.DataFrame,
    vocab: Vocabulary,
    shown: Coded,
    *,
    content_upos: list[str],
    stop_words: frozenset[str],
    min_count: int,
    keep: np.ndarray | None = None,
) -> Candidates:
    """Find the word and phrase occurrences that may be associates.

    Args:
        tokens: Tokens in reading order with `head_pos` (row position of the head).
        vocab: The coded string columns of `tokens`.
        shown: The lemmas as shown (`readable_lemmas`), which key the words.
        content_upos: Parts of speech of candidate words.
        stop_words: Lower-cased stop words.
        min_count: Minimum number of occurrences in the corpus.
        keep: Token positions whose associates are kept below `min_count` (stated ones).

    Returns:
        The candidate occurrences and associate keys.
    """
    n = len(tokens)
    content = content_tokens(tokens, vocab, stop_words=stop_words)
    # word keys numbered in alphabetical order, so ids do not depend on row order
    key_values, key_of_shown = np.unique(shown.lower.astype(str), return_inverse=True)
    word_key = key_of_shown[shown.codes] if n else np.zeros(0, dtype=np.int64)
    n_keys = len(key_values)
    allowed = vocab.upos.isin(set(content_upos))
    allowed[keep if keep is not None else []] = True  # a stated word, whatever its tag
    words = np.flatnonzero(content & allowed)

    # phrases sit at their head noun; their words are keyed in text order
    c = _phrase_children(tokens, vocab, content)
    h = tokens["head_pos"].to_numpy()[c]
    first, second = np.minimum(c, h), np.maximum(c, h)
    pairs, phrase = np.unique(word_key[first] * n_keys + word_key[second], return_inverse=True)

    # every occurrence, keeping the associates seen at least min_count times
    occ = pd.DataFrame(
        {
            "pos": np.concatenate([words, h]),
            "pos2": np.concatenate([words, c]),
            "aid": np.concatenate([word_key[words], n_keys + phrase]),
            "first": np.concatenate([words, first]),
            "second": np.concatenate([np.full(len(words), -1), second]),
        }
    )
    kept = np.bincount(occ["aid"], minlength=n_keys + len(pairs)) >= min_count
    kept[occ["aid"].to_numpy()[np.isin(occ["pos"].to_numpy(), [] if keep is None else keep)]] = True
    occ = occ[kept[occ["aid"].to_numpy()]]
    return Candidates(
        occ=occ.sort_values(["pos", "aid"], ignore_index=True),
        keys=_associate_keys(key_values, pairs),
        shown=shown,
    )


def readable_lemmas(vocab: Vocabulary, where: np.ndarray) -> Coded:
    """The lemma of each token as shown to researchers, with lemmatizer slips replaced.

    A lemma that differs from the written word and is no real Dutch word
    (`pipeline.associate.dutch_words`: "zegg" for "zeggen", "aangepassen" for "aangepast")
    is taken for a slip of the lemmatizer, and the written word, lower-cased, is shown
    instead. A lemma that is a word stays, even where the written form is more common
    ("statushouder", "verschillend", "betreffen").

    Args:
        vocab: The coded string columns of the tokens.
        where: Per token, whether it needs a lemma (others get the empty string).

    Returns:
        The shown lemma of every token, coded.
    """
    n_text = max(len(vocab.text.values), 1)
    pair = np.where(where, vocab.lemma.codes * n_text + vocab.text.codes, -1)
    unique, inverse = np.unique(pair, return_inverse=True)
    shown = []
    for code in unique:
        lemma, text = vocab.lemma.values[code // n_text], vocab.text.lower[code % n_text]
        lower = lemma.lower()
        slip = lower != text and _LETTER.search(lower) is not None and not is_dutch_word(lower)
        shown.append("" if code < 0 else text if slip else lemma)
    values, codes = np.unique(np.array(shown, dtype=str), return_inverse=True)
    return Coded(codes=codes[inverse], values=values.astype(object))


def _label(counts: pd.DataFrame, coded: Coded, joiner: str) -> np.ndarray:
    """The strings of coded (c1, c2) pairs: c1 alone for words, joined for phrases."""
    one = coded.values[counts["c1"].to_numpy()]
    two = np.where(counts["c2"].to_numpy() >= 0, coded.values[counts["c2"].to_numpy()], "")
    return np.where(counts["c2"].to_numpy() >= 0, one + joiner + two, one)


def _occ_codes(cands: Candidates, coded: Coded, aids: np.ndarray) -> pd.DataFrame:
    """Per occurrence of the given associates: aid and the codes of its one or two words."""
    occ = cands.occ[cands.occ["aid"].isin(aids)]
    second = occ["second"].to_numpy()
    return pd.DataFrame(
        {
            "aid": occ["aid"].to_numpy(),
            "c1": coded.codes[occ["first"].to_numpy()],
            "c2": np.where(second >= 0, coded.codes[np.maximum(second, 0)], -1),
        }
    )


def label_counts(cands: Candidates, vocab: Vocabulary, aids: np.ndarray) -> pd.DataFrame:
    """Count the names and parts of speech that some associates occur with.

    Returns:
        One row per (aid, column, label): `column` is `associate` (the annotated lemma or
        lemma phrase as shown) or `upos` (the part of speech, or a pattern such as
        ADJ+NOUN), with its count `n`.
    """
    parts = []
    for column, coded, joiner in (("associate", cands.shown, " "), ("upos", vocab.upos, "+")):
        counts = _occ_codes(cands, coded, aids).value_counts().rename("n").reset_index()
        counts["label"] = _label(counts, coded, joiner)
        counts = counts.groupby(["aid", "label"], as_index=False)["n"].sum()
        parts.append(counts.assign(column=column))
    return pd.concat(parts, ignore_index=True)[["aid", "column", "label", "n"]]


def pick_labels(counts: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Name each associate by its most frequent label; ties go to the first A-Z.

    Args:
        counts: Label counts (`label_counts`, possibly summed over chunks), keyed by `by`.
        by: The columns that identify an associate.

    Returns:
        One row per associate with columns `by`, `associate` and `upos`.
    """
    ordered = counts.sort_values(
        [*by, "column", "n", "label"], ascending=[True] * len(by) + [True, False, True]
    )
    best = ordered.drop_duplicates([*by, "column"])
    return best.pivot(index=by, columns="column", values="label").reset_index()[
        [*by, "associate", "upos"]
    ]


def surface_forms(cands: Candidates, vocab: Vocabulary, aids: np.ndarray) -> pd.DataFrame:
    """Count the lower-cased written forms of some associates.

    Returns:
        One row per (aid, form) with columns `aid`, `form` and `count`.
    """
    counts = _occ_codes(cands, vocab.text, aids).value_counts().rename("count").reset_index()
    lower = Coded(codes=vocab.text.codes, values=vocab.text.lower)
    counts["form"] = _label(counts, lower, " ")
    return counts.groupby(["aid", "form"], as_index=False)["count"].sum()
