"""The associations of every focal term: hits, KWIC, relations and scored co-occurrences.

`associate_terms` finds the hits of every term of the lexicon (`terms`, `hits`), quotes them
in context (`kwic`), reads their syntactic relations from the parse (`relations`), and
scores the words and phrases that co-occur with them (`candidates`, `collocates`, `stats`),
with their keyness against general Dutch (`keyness`). Every association row names example
hits, so every number leads back to quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.associate.candidates import (
    Candidates,
    describe_associates,
    find_candidates,
    readable_lemmas,
    surface_forms,
)
from pipeline.associate.collocates import UnitPairs, context_units, count_cooccurrences
from pipeline.associate.hits import find_term_hits
from pipeline.associate.keyness import keyness
from pipeline.associate.kwic import build_kwic, describe_hits
from pipeline.associate.relations import extract_relations, summarise_relations
from pipeline.associate.stats import MEASURES, association_measures
from pipeline.associate.terms import Lexicon, compile_lexicon
from pipeline.associate.vocabulary import Coded, Vocabulary
from pipeline.params import AssociateParams
from pipeline.schemas import columns
from pipeline.stopwords import dutch_stop_words

DECIMALS = 6


@dataclass
class AssociateResult:
    """The tables of the associate stage, each following its contract in `pipeline.schemas`.

    Attributes:
        term_hits: One row per term occurrence.
        kwic: The hits as a concordance.
        associations: Term-associate pairs with contingency counts and measures.
        relations: Syntactic relations of each hit.
    """

    term_hits: pd.DataFrame
    kwic: pd.DataFrame
    associations: pd.DataFrame
    relations: pd.DataFrame


def reading_order(tokens: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Put tokens in reading order and add what the later steps look up per token.

    Args:
        tokens: The tokens table.
        segments: The segments table.

    Returns:
        The tokens sorted by document, segment and token index, with a RangeIndex and extra
        integer columns `head_pos` (row position of the syntactic head), `doc_code` and
        `speaker_code` (-1 when the segment has no speaker).
    """
    seg = segments.set_index("seg_id")
    seg_codes, seg_ids = pd.factorize(tokens["seg_id"])
    seg_idx = seg["seg_idx"].reindex(seg_ids).fillna(-1).to_numpy(dtype=np.int64)[seg_codes]
    doc_codes = pd.factorize(tokens["doc_id"], sort=True)[0].astype(np.int64)
    key = (doc_codes << 42) + ((seg_idx + 1) << 21) + tokens["tok_idx"].to_numpy()
    if len(key) > 1 and not (np.diff(key) > 0).all():
        order = np.argsort(key, kind="stable")
        tokens, seg_codes, doc_codes = tokens.iloc[order], seg_codes[order], doc_codes[order]
    speakers = pd.factorize(seg["speaker"].reindex(seg_ids))[0][seg_codes]
    # the head is a tok_idx within the segment; turn it into a row position
    n = len(tokens)
    new = np.ones(n, dtype=bool)
    new[1:] = seg_codes[1:] != seg_codes[:-1]
    run = np.cumsum(new) - 1
    seg_first = np.flatnonzero(new)[run] if n else run
    seg_len = np.bincount(run)[run] if n else run
    head_idx = tokens["head_idx"].to_numpy()
    valid = (head_idx >= 0) & (head_idx < seg_len)
    return tokens.reset_index(drop=True).assign(
        head_pos=np.where(valid, seg_first + head_idx, np.arange(n)),
        doc_code=doc_codes,
        speaker_code=speakers,
    )


def _term_aids(cands: Candidates, lexicon: Lexicon) -> pd.Series:
    """The term that each word associate itself matches, to keep a term from itself."""
    words = cands.keys[cands.keys["kind"] == "word"]
    used = words.loc[words.index.isin(np.unique(cands.occ["aid"]))]
    return pd.Series({aid: (lexicon.match(key) or (None,))[0] for aid, key in used["key"].items()})


def _count_terms(
    term_hits: pd.DataFrame,
    tokens: pd.DataFrame,
    cands: Candidates,
    lexicon: Lexicon,
    *,
    params: AssociateParams,
) -> pd.DataFrame | None:
    """The contingency counts of every term (A-Z) with its associates, or None if none."""
    units = context_units(tokens, context=params.context)
    pairs = UnitPairs.of(cands.occ, units, len(cands.keys))
    term_of_aid = _term_aids(cands, lexicon)
    tables = []
    for term in sorted(set(term_hits["term"])):
        counts = count_cooccurrences(
            term_hits[term_hits["term"] == term],
            pairs,
            cands.occ,
            tokens,
            units,
            context=params.context,
            window=params.window,
            min_cooc=params.min_cooc,
            n_examples=params.n_examples,
        )
        # a term is not its own associate
        itself = counts["aid"].map(term_of_aid).eq(term).to_numpy(dtype=bool)
        tables.append(counts[~itself].assign(term=term))
    tables = [t for t in tables if not t.empty]
    return pd.concat(tables, ignore_index=True) if tables else None


def _describe_pairs(
    table: pd.DataFrame,
    tokens: pd.DataFrame,
    relations: pd.DataFrame,
    cands: Candidates,
    *,
    params: AssociateParams,
    vocab: Vocabulary,
) -> pd.DataFrame:
    """Add the measures, the associates' names, their relations and their keyness."""
    measures = association_measures(
        table["n_cooc"], table["n_term"], table["n_assoc"], table["n_total"]
    )
    table[MEASURES] = measures.round(DECIMALS).to_numpy()
    aids = np.unique(table["aid"].to_numpy())
    table = table.merge(describe_associates(cands, vocab, aids), on="aid", how="left")
    table = table.merge(summarise_relations(relations), on=["term", "key"], how="left")
    forms = surface_forms(cands, vocab, aids).join(cands.keys, on="aid")
    n_tokens = int((~tokens["is_punct"].to_numpy(dtype=bool)).sum())
    key_table = keyness(forms, n_tokens=n_tokens, smoothing=params.keyness_smoothing)
    table = table.merge(key_table[["key", "kind", "keyness"]], on=["key", "kind"], how="left")
    table["keyness"] = table["keyness"].round(DECIMALS)
    table.loc[table["kind"] == "phrase", "relations"] = None
    return table


def score_associations(
    term_hits: pd.DataFrame,
    tokens: pd.DataFrame,
    relations: pd.DataFrame,
    lexicon: Lexicon,
    *,
    params: AssociateParams,
    vocab: Vocabulary,
    shown: Coded,
) -> pd.DataFrame:
    """Count and score the co-occurrences of every term with every candidate associate.

    See `candidates` for what may be an associate, `collocates` for the
    exact definition of the counts and `stats` for the measures.

    Args:
        term_hits: Hits in reading order with `pos_start` and `pos_end`.
        tokens: Tokens from `reading_order`.
        relations: The relations table, summarised into the `relations` column.
        lexicon: The compiled lexicon.
        params: The associate parameters.
        vocab: The coded string columns of `tokens`.
        shown: The lemmas as shown (`pipeline.associate.candidates.readable_lemmas`).

    Returns:
        The associations table (`term`, `associate`, `kind`, `upos`, `relations`, `n_cooc`,
        `n_term`, `n_assoc`, `n_total`, `expected`, `pmi`, `log_dice`, `log_likelihood`,
        `t_score`, `n_docs`, `n_speakers`, `keyness`, `example_hit_ids`), per term (A-Z)
        from the highest log-Dice down.
    """
    cands = find_candidates(
        tokens,
        vocab,
        shown,
        content_upos=list(params.content_upos) + (["ADV"] if params.include_adv else []),
        stop_words=dutch_stop_words(params.extra_stop_words),
        min_count=params.min_count,
    )
    # how often each term co-occurs with each candidate
    table = _count_terms(term_hits, tokens, cands, lexicon, params=params)
    if table is None:
        return pd.DataFrame(columns=columns("associations"))
    table = table.join(cands.keys, on="aid")

    # the measures, names, relations and keyness
    table = _describe_pairs(table, tokens, relations, cands, params=params, vocab=vocab)

    # the strongest first, and at most top_n per term
    table = table.sort_values(
        ["term", "log_dice", "log_likelihood", "associate", "kind"],
        ascending=[True, False, False, True, True],
    )
    if params.top_n:
        table = table.groupby("term", sort=False).head(params.top_n)
    return table[columns("associations")].reset_index(drop=True)


def associate_terms(
    tokens: pd.DataFrame, segments: pd.DataFrame, *, params: AssociateParams
) -> AssociateResult:
    """Run the associate stage on annotated tokens.

    Args:
        tokens: The tokens table.
        segments: The segments table.
        params: The associate parameters (term lexicon, context unit, thresholds).

    Returns:
        The term_hits, kwic, associations and relations tables.
    """
    lexicon = compile_lexicon(params.terms)
    tokens = reading_order(tokens, segments)
    vocab = Vocabulary.of(tokens)
    shown = readable_lemmas(vocab, ~tokens["is_punct"].to_numpy(dtype=bool))

    # where the terms occur, quoted in context
    hits = find_term_hits(tokens, lexicon, vocab)
    hits = describe_hits(hits, tokens, segments, width=params.kwic_width)
    kwic = build_kwic(hits)

    # how they relate to their neighbours in the parse
    relations = extract_relations(hits, tokens, vocab, shown)

    # what they co-occur with, scored
    associations = score_associations(
        hits, tokens, relations, lexicon, params=params, vocab=vocab, shown=shown
    )
    return AssociateResult(
        term_hits=hits[columns("term_hits")].reset_index(drop=True),
        kwic=kwic,
        associations=associations,
        relations=relations,
    )
