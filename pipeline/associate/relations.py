"""Syntactic relations of each term hit, read from the dependency parse (UD labels).

The hit's head is the token of the hit whose syntactic head lies outside it. Relations:

- `amod`: an adjective (or participle) modifying the term: *complex* maatwerk;
- `nmod`: a noun modifying the term: regie *van de gemeente* -> gemeente;
- `nmod_of`: the noun the term modifies: een vorm *van* maatwerk -> vorm;
- `conj`: a coordinated word: samenredzaamheid *en* zelfredzaamheid, also the other
  conjuncts of the same head;
- `governor_subj`, `governor_obj`, `governor_obl`: the word that governs the term as
  subject (also passive), object (also indirect) or oblique: de gemeente *neemt* regie;
- `copula`: the predicate of the term as subject of a copula: zelfredzaamheid *is een
  groeiproces* (in UD the predicate is the head, with the term as `nsubj` and a `cop`
  child) -> groeiproces;
- `copula_subj`: the subject when the term is the predicate: het *doel* is zelfredzaamheid.

Associates are lemmas. Function words are left out: only nouns, names, adjectives, verbs,
adverbs and numerals count, and the copula itself never does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.associate.collocates import join_runs
from pipeline.associate.vocabulary import Coded, Vocabulary

RELATION_COLUMNS = ["hit_id", "term", "relation", "associate", "sentence"]
CONTENT = frozenset({"NOUN", "PROPN", "ADJ", "VERB", "ADV", "NUM"})
NOMINAL = frozenset({"NOUN", "PROPN"})
_DEPS = {
    "amod": {"amod"},
    "nmod": {"nmod"},
    "conj": {"conj"},
    "nsubj": {"nsubj"},
    "obj": {"obj", "iobj"},
    "obl": {"obl"},
    "cop": {"cop"},
}


def hit_heads(hits: pd.DataFrame, head_pos: np.ndarray) -> np.ndarray:
    """Position of the syntactic head of each hit: its last token headed from outside."""
    heads = hits["pos_start"].to_numpy().copy()
    long = np.flatnonzero(hits["pos_end"].to_numpy() - heads > 1)
    for i in long:  # multi-token hits are rare: burger - initiatief, eigen kracht
        start, end = hits["pos_start"].iat[i], hits["pos_end"].iat[i]
        outside = [p for p in range(start, end) if not start <= head_pos[p] < end]
        heads[i] = outside[-1] if outside else end - 1
    return heads


def _children(head: np.ndarray, parents: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All (index into parents, child position) pairs, children in text order."""
    nonroot = np.flatnonzero(head != np.arange(len(head)))
    nonroot = nonroot[np.argsort(head[nonroot], kind="stable")]
    lo = np.searchsorted(head[nonroot], parents, side="left")
    hi = np.searchsorted(head[nonroot], parents, side="right")
    counts = hi - lo
    owner = np.repeat(np.arange(len(parents)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, nonroot[np.repeat(lo, counts) + offsets]


@dataclass
class _Parse:
    """The dependency parse of the tokens, as arrays over token positions.

    Attributes:
        head: Row position of each token's syntactic head.
        dep: Per relation group of `_DEPS`, whether the token's relation is in it.
        nominal: Whether the token is a noun or name.
        cop_head: Whether the token heads a copula.
    """

    head: np.ndarray
    dep: dict[str, np.ndarray]
    nominal: np.ndarray
    cop_head: np.ndarray

    @classmethod
    def of(cls, tokens: pd.DataFrame, vocab: Vocabulary) -> _Parse:
        """Read the parse of tokens in reading order with `head_pos`."""
        head = tokens["head_pos"].to_numpy()
        dep = {name: vocab.dep.isin(names) for name, names in _DEPS.items()}
        cop_head = np.zeros(len(tokens), dtype=bool)
        cop_head[head[dep["cop"]]] = True
        return cls(head=head, dep=dep, nominal=vocab.upos.isin(NOMINAL), cop_head=cop_head)

    def child_relations(self, child: np.ndarray, parent: np.ndarray) -> np.ndarray:
        """The relation of each word `child` that depends on a hit head ("" for none)."""
        dep = self.dep
        return np.select(
            [
                dep["amod"][child],
                dep["nmod"][child] & self.nominal[child],
                dep["conj"][child],
                dep["nsubj"][child] & self.cop_head[parent],
            ],
            ["amod", "nmod", "conj", "copula_subj"],
            "",
        )

    def head_relations(self, h: np.ndarray, g: np.ndarray) -> np.ndarray:
        """The relation of each hit head `h` to the word `g` it depends on ("" for none)."""
        dep = self.dep
        return np.select(
            [
                dep["nsubj"][h] & self.cop_head[g],
                dep["nsubj"][h],
                dep["obj"][h],
                dep["obl"][h],
                dep["nmod"][h] & self.nominal[g],
                dep["conj"][h],
            ],
            ["copula", "governor_subj", "governor_obj", "governor_obl", "nmod_of", "conj"],
            "",
        )

    def other_conjuncts(self, h: np.ndarray, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(hit, conjunct position) pairs: the other conjuncts of a conjoined hit's head."""
        conj = self.dep["conj"]
        conj_hits = np.flatnonzero(conj[h])
        sib_owner, sibling = _children(self.head, g[conj_hits])
        sib_owner = conj_hits[sib_owner]
        keep = conj[sibling] & (sibling != h[sib_owner])
        return sib_owner[keep], sibling[keep]


def _relation_table(
    found: pd.DataFrame, term_hits: pd.DataFrame, *, content: np.ndarray, lemmas: Coded
) -> pd.DataFrame:
    """The relations table from the found (`order`, `relation`, `pos`) rows."""
    found = found[(found["relation"] != "") & (found["pos"] >= 0)]
    # only content words, and none of the hit's own words
    pos = found["pos"].to_numpy()
    start = term_hits["pos_start"].to_numpy()[found["order"].to_numpy()]
    end = term_hits["pos_end"].to_numpy()[found["order"].to_numpy()]
    found = found[content[pos] & ~((start <= pos) & (pos < end))]
    order = found["order"].to_numpy()
    table = pd.DataFrame(
        {
            "order": order,
            "hit_id": term_hits["hit_id"].to_numpy(dtype=object)[order],
            "term": term_hits["term"].to_numpy(dtype=object)[order],
            "relation": found["relation"].to_numpy(dtype=object),
            "associate": lemmas.take(found["pos"].to_numpy()),
            "sentence": term_hits["sentence"].to_numpy(dtype=object)[order],
        }
    )
    table = table.drop_duplicates(["order", "relation", "associate"])
    table = table.sort_values(["order", "relation", "associate"])
    return table[RELATION_COLUMNS].reset_index(drop=True)


def extract_relations(
    term_hits: pd.DataFrame,
    tokens: pd.DataFrame,
    vocab: Vocabulary | None = None,
    lemmas: Coded | None = None,
) -> pd.DataFrame:
    """List the syntactic relations of every term hit.

    Args:
        term_hits: Hits in reading order with `hit_id`, `term`, `sentence`, `pos_start` and
            `pos_end` (token positions).
        tokens: Tokens in reading order with `head_pos` (row position of the head).
        vocab: The coded string columns of `tokens` (built when not given).
        lemmas: The lemmas to report (default: `vocab.lemma`), such as the readable lemmas
            of `pipeline.associate.candidates`.

    Returns:
        One row per distinct (hit, relation, associate) with columns `hit_id`, `term`,
        `relation`, `associate` (lemma) and `sentence`, in hit order, then by relation and
        associate.
    """
    vocab = vocab or Vocabulary.of(tokens)
    parse = _Parse.of(tokens, vocab)
    h = hit_heads(term_hits, parse.head)
    g = parse.head[h]

    # words that depend on the term
    owner, child = _children(parse.head, h)
    child_relation = parse.child_relations(child, h[owner])
    # the word the term depends on
    head_relation = parse.head_relations(h, g)
    # the other conjuncts of the same head
    sib_owner, sibling = parse.other_conjuncts(h, g)

    found = pd.DataFrame(
        {
            "order": np.concatenate([owner, np.arange(len(h)), sib_owner]),
            "relation": np.concatenate([child_relation, head_relation, ["conj"] * len(sibling)]),
            "pos": np.concatenate([child, np.where(g != h, g, -1), sibling]),
        }
    )
    return _relation_table(
        found, term_hits, content=vocab.upos.isin(CONTENT), lemmas=lemmas or vocab.lemma
    )


def summarise_relations(relations: pd.DataFrame) -> pd.DataFrame:
    """Summarise relations per term and associate, for the associations table.

    Args:
        relations: The relations table.

    Returns:
        One row per (term, key) with columns `term`, `key` (lower-cased associate) and
        `relations`, such as `amod:3; conj:1` (most frequent first, then by name).
    """
    if relations.empty:
        return pd.DataFrame(columns=["term", "key", "relations"])
    counts = (
        relations.assign(key=relations["associate"].str.lower())
        .groupby(["term", "key", "relation"])
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["term", "key", "n", "relation"], ascending=[True, True, False, True])
    )
    labels = (counts["relation"] + ":" + counts["n"].astype(str)).to_numpy(dtype=object)
    group = counts.groupby(["term", "key"], sort=False).ngroup().to_numpy()
    summary = counts.drop_duplicates(["term", "key"])[["term", "key"]].reset_index(drop=True)
    summary["relations"] = join_runs(group, labels, "; ").to_numpy()
    return summary
