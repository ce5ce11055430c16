"""Bring the 2017 treebank files to the current UD Dutch annotation convention.

The 2017 training releases predate several UD Dutch conversion changes that the current dev
and test files follow; mixing both conventions teaches the model two answers for the same
construction, which costs accuracy on the (current) test set. The rules below map the 2017
annotation to the current one where the mapping is deterministic.
"""

from __future__ import annotations

import re

import pandas as pd

# Person of the possessive pronouns, which the 2017 files tag as DET without features.
POSSESSIVE_PERSON = {
    "mijn": "1",
    "m'n": "1",
    "ons": "1",
    "onze": "1",
    "jouw": "2",
    "je": "2",
    "uw": "2",
    "zijn": "3",
    "z'n": "3",
    "haar": "3",
    "hun": "3",
    "d'r": "3",
}
REFLEXIVES = {"zich", "zichzelf"}
ORDINAL = re.compile(r"^(\d+(e|ste|de)|[a-z]+(ste|de))$")
MODALS = {"moeten", "kunnen", "mogen", "willen", "hoeven", "zullen"}
# Multiword names such as "Vlaamse Gemeenschap" were `fixed` and are `flat` now; fixed
# expressions headed by a preposition ("op zoek", "met name"), foreign phrases (X X),
# numbers and titles starting with an article stay `fixed`, as in the current files.
FLAT_HEADS = {"ADJ", "NOUN", "PROPN"}
FLAT_DEPENDENTS = {"NOUN", "PROPN"}


def _agent_rows(words: pd.DataFrame) -> pd.Series:
    """Rows that are `obl` phrases headed by `door` under a passive verb."""
    key = words["file"] + "\t" + words["sent_id"]
    door_heads = set(
        zip(
            key[(words["deprel"] == "case") & (words["form"].str.lower() == "door")],
            words["head"][(words["deprel"] == "case") & (words["form"].str.lower() == "door")],
            strict=True,
        )
    )
    passive_verbs = set(
        zip(
            key[words["deprel"] == "aux:pass"],
            words["head"][words["deprel"] == "aux:pass"],
            strict=True,
        )
    )
    in_door = pd.Series(
        [(k, i) in door_heads for k, i in zip(key, words["word_idx"], strict=True)],
        index=words.index,
    )
    under_passive = pd.Series(
        [(k, h) in passive_verbs for k, h in zip(key, words["head"], strict=True)],
        index=words.index,
    )
    return (words["deprel"] == "obl") & in_door & under_passive


def _with_heads(words: pd.DataFrame) -> pd.DataFrame:
    """The word table with the head word's upos and lemma as `head_upos`, `head_lemma`."""
    heads = words[["file", "sent_id", "word_idx", "upos", "lemma"]].rename(
        columns={"word_idx": "head", "upos": "head_upos", "lemma": "head_lemma"}
    )
    merged = words.reset_index().merge(heads, on=["file", "sent_id", "head"], how="left")
    return merged.set_index("index").reindex(words.index)


def _preposition_pairs(words: pd.DataFrame) -> pd.DataFrame:
    """(head lemma, preposition) of every `obl`/`obl:arg` phrase, with its relation.

    Returns:
        Columns: row (index of the phrase's head noun in `words`), deprel, pair.
    """
    case = words[words["deprel"] == "case"][["file", "sent_id", "head", "lemma"]]
    case = case.rename(columns={"head": "word_idx", "lemma": "prep"})
    case = case.drop_duplicates(["file", "sent_id", "word_idx"])
    phrases = _with_heads(words)
    phrases = phrases[phrases["deprel"].isin(["obl", "obl:arg"])].reset_index()
    phrases = phrases.merge(case, on=["file", "sent_id", "word_idx"], how="inner")
    phrases["pair"] = phrases["head_lemma"].str.lower() + " " + phrases["prep"].str.lower()
    return phrases.rename(columns={"index": "row"})[["row", "deprel", "pair"]]


def relabel_prepositional_objects(
    words: pd.DataFrame, reference: pd.DataFrame, *, min_share: float = 0.5, min_count: int = 2
) -> pd.DataFrame:
    """Split the 2017 files' `obl` into `obl` and `obl:arg` as the current files do.

    The current UD Dutch marks prepositional objects (`denken aan`, `zorgen voor`) as
    `obl:arg`; the 2017 releases call them `obl`. Which verb-preposition pairs are objects is
    learned from `reference` (current-convention training files): a pair that is `obl:arg`
    in at least `min_share` of its `min_count` or more occurrences there is relabelled.

    Args:
        words: 2017-convention word table.
        reference: Current-convention word table (training files only).
        min_share: Share of `obl:arg` a pair needs in the reference.
        min_count: Occurrences a pair needs in the reference.

    Returns:
        A copy of `words` with those `obl` relations renamed `obl:arg`.
    """
    ref = _preposition_pairs(reference)
    stats = ref.groupby("pair")["deprel"].agg(n="size", share=lambda d: (d == "obl:arg").mean())
    objects = set(stats[(stats["n"] >= min_count) & (stats["share"] >= min_share)].index)
    mine = _preposition_pairs(words)
    rows = mine.loc[(mine["deprel"] == "obl") & mine["pair"].isin(objects), "row"]
    out = words.copy()
    out.loc[rows, "deprel"] = "obl:arg"
    return out


def _promote_infinitives(words: pd.DataFrame) -> pd.DataFrame:
    """Make the infinitive the head of a modal verb, as the current files do.

    The 2017 files sometimes annotate `moeten` (and other modals) as a main verb with the
    infinitive as `xcomp`; now the modal is an `aux` of the infinitive, which takes over
    the modal's head, relation and other dependents.
    """
    out = words.copy()
    modal = out.index[(out["upos"] == "VERB") & out["lemma"].str.lower().isin(MODALS)]
    sentences = out.groupby(["file", "sent_id"], sort=False).groups
    for row in modal:
        sent = out.loc[sentences[(out.at[row, "file"], out.at[row, "sent_id"])]]
        me = out.at[row, "word_idx"]
        child = sent[(sent["head"] == me) & (sent["deprel"] == "xcomp")]
        child = child[child["upos"].isin(["VERB", "AUX"])]
        if len(child) != 1:
            continue
        inf = child.index[0]
        others = sent.index[(sent["head"] == me) & (sent.index != inf)]
        out.loc[inf, ["head", "deprel"]] = [out.at[row, "head"], out.at[row, "deprel"]]
        out.loc[others, "head"] = out.at[inf, "word_idx"]
        out.loc[row, ["head", "deprel", "upos"]] = [out.at[inf, "word_idx"], "aux", "AUX"]
    return out


def _attach_cc_to_next_conjunct(words: pd.DataFrame) -> pd.DataFrame:
    """Attach a coordinating conjunction to the conjunct after it, not the first one.

    The 2017 files keep the UD v1 habit of hanging `en`/`of` on the first conjunct; UD v2
    and the current files hang it on the conjunct that follows.
    """
    out = words.copy()
    conj = out[out["deprel"] == "conj"][["file", "sent_id", "head", "word_idx"]]
    conj = conj.rename(columns={"word_idx": "conjunct"})
    cc = out[out["deprel"] == "cc"][["file", "sent_id", "head", "word_idx"]].reset_index()
    pairs = cc.merge(conj, on=["file", "sent_id", "head"], how="inner")
    pairs = pairs[pairs["conjunct"] > pairs["word_idx"]]
    nearest = pairs.sort_values("conjunct").drop_duplicates("index").set_index("index")
    out.loc[nearest.index, "head"] = nearest["conjunct"]
    return out


def modernise_2017(words: pd.DataFrame, *, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """Map the 2017 UD Dutch annotation to the current conventions.

    The rules: `flat:name` -> `flat`; multiword names marked `fixed` -> `flat`; possessive
    determiners -> PRON `nmod:poss` with `Person=N|Poss=Yes|PronType=Prs`; `als` as marker
    -> SCONJ; ordinal numerals -> ADJ `amod`; reflexive `zich` as object -> `expl:pv` (the
    majority reading now); `obl` phrases with `door` under a passive auxiliary ->
    `obl:agent`; modal main verbs with an infinitive `xcomp` -> `aux` of the infinitive;
    `cc` -> attached to the following conjunct; `punct` -> missing (empty relation); and,
    given a `reference`, prepositional objects -> `obl:arg`.

    Args:
        words: A word table (`read_conllu`) holding only 2017-convention files.
        reference: Current-convention training words, to learn prepositional objects from.

    Returns:
        A copy with upos, feats, head and deprel rewritten where a rule applies.
    """
    out = words.copy()
    lower = out["form"].str.lower()

    out.loc[out["deprel"] == "flat:name", "deprel"] = "flat"
    heads = _with_heads(out)
    names = (
        (out["deprel"] == "fixed")
        & heads["head_upos"].isin(FLAT_HEADS)
        & out["upos"].isin(FLAT_DEPENDENTS)
    )
    out.loc[names, "deprel"] = "flat"

    poss = (out["upos"] == "DET") & (out["deprel"] == "det") & lower.isin(POSSESSIVE_PERSON)
    out.loc[poss, "upos"] = "PRON"
    out.loc[poss, "deprel"] = "nmod:poss"
    out.loc[poss, "feats"] = [
        f"Person={POSSESSIVE_PERSON[w]}|Poss=Yes|PronType=Prs" for w in lower[poss]
    ]

    out.loc[(lower == "als") & (out["upos"] == "ADP"), "upos"] = "SCONJ"

    ordinal = (out["upos"] == "NUM") & lower.str.match(ORDINAL)
    out.loc[ordinal, "upos"] = "ADJ"
    out.loc[ordinal & (out["deprel"] == "nummod"), "deprel"] = "amod"

    out.loc[lower.isin(REFLEXIVES) & (out["deprel"] == "obj"), "deprel"] = "expl:pv"

    out.loc[_agent_rows(out), "deprel"] = "obl:agent"
    out = _promote_infinitives(out)
    out = _attach_cc_to_next_conjunct(out)
    # The 2017 files hang most punctuation on the root, the current ones on the adjacent
    # phrase. No rule recovers that reliably, so the attachment is left unannotated
    # (empty relation = missing) and the parser learns punctuation from current data only.
    # Punctuation at a sentence edge keeps its head: spaCy derives sentence boundaries
    # from the heads, and an unattached first or last token would fall out of its sentence.
    last = out.groupby(["file", "sent_id"])["word_idx"].transform("max")
    inner = (out["word_idx"] > 0) & (out["word_idx"] < last)
    out.loc[(out["deprel"] == "punct") & inner, "deprel"] = ""
    if reference is not None:
        out = relabel_prepositional_objects(out, reference)
    return out
