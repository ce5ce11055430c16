"""One chunk of documents through the associate stage: its hits and quotes, and its counts.

The stage streams the corpus in chunks of whole documents (`associations`), so memory
follows the chunk, not the corpus. Everything a chunk counts adds up over chunks, because
no context unit, section or speaker crosses a document: co-occurrences (a), the term's
units (a + b), all units (N), the associate's units (a + c), documents and speakers of
co-occurrence, and the counts of names, written forms and candidates. `merge` adds them up
and scores the pairs; associates are keyed by their lower-cased lemma or lemma phrase and
kind, since ids differ between chunks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.associate.candidates import (
    Candidates,
    content_tokens,
    find_candidates,
    label_counts,
    readable_lemmas,
    surface_forms,
)
from pipeline.associate.collocates import (
    COUNT_COLUMNS,
    UnitPairs,
    context_units,
    count_cooccurrences,
)
from pipeline.associate.discourse import Sections, discourse_hits, unit_weights
from pipeline.associate.hits import find_term_hits
from pipeline.associate.kwic import describe_hits
from pipeline.associate.order import reading_order
from pipeline.associate.relations import extract_relations
from pipeline.associate.stated import stated_associations, stated_pairs
from pipeline.associate.terms import Lexicon
from pipeline.associate.variants import suggest_variants
from pipeline.associate.vocabulary import Vocabulary
from pipeline.params import AssociateParams
from pipeline.schemas import columns
from pipeline.stopwords import dutch_stop_words

KEY = ["key", "kind"]
MARGINS = ["term", "n_term", "n_total"]


@dataclass
class ChunkResult:
    """What one chunk of documents gives: its tables and its additive counts.

    Attributes:
        term_hits: The chunk's hits (term_hits contract).
        relations: Its relations.
        pairs: Per co-occurring (term, key, kind): `n_cooc`, `n_units`, `n_docs`,
            `n_speakers`, `example_hit_ids`.
        margins: Per term: `n_term` (a + b) and `n_total` (N).
        associates: Per (key, kind): `units` (a + c before exclusions), `occurrences` and
            `first_pos` (corpus-wide token position of its first occurrence).
        exclusions: Per (term, key, kind): units left out of a + c for that term, because
            all the associate's occurrences there lie inside the term's hits.
        stated: Per (term, key, kind): `stated` and `stated_hit_id`.
        labels: Name and part-of-speech counts per (key, kind) (`label_counts`).
        forms: Written forms per (key, kind): `form` and `count`.
        variants: Suggested term variants (`suggest_variants`), all of them.
        n_tokens: Non-punctuation tokens.
        n_units: All context units: N for a term without hits in the chunk.
    """

    term_hits: pd.DataFrame
    relations: pd.DataFrame
    pairs: pd.DataFrame
    margins: pd.DataFrame
    associates: pd.DataFrame
    exclusions: pd.DataFrame
    stated: pd.DataFrame
    labels: pd.DataFrame
    forms: pd.DataFrame
    variants: pd.DataFrame
    n_tokens: int
    n_units: int


def _hits(tokens, segments, lexicon: Lexicon, vocab: Vocabulary, params: AssociateParams):
    """The hits in reading order (with discourse hits), and the sections they were read with."""
    hits, sections = find_term_hits(tokens, lexicon, vocab), None
    if params.context == "discourse":
        forms = {t: [t, *spec.variants] for t, spec in params.terms.items()}
        hits, sections = discourse_hits(
            hits,
            tokens,
            segments,
            lexicon,
            vocab=vocab,
            anaphors=params.anaphors,
            bridging=forms if params.bridging else None,
        )
    return describe_hits(hits, tokens, segments, width=params.kwic_width), sections


def _count(hits, tokens, cands: Candidates, sections: Sections | None, params: AssociateParams):
    """Every term's counts in the chunk: pairs, margins and exclusions, keyed by aid."""
    if sections is not None:
        units = sections.sentence
        weights = unit_weights(
            hits,
            sections,
            paragraph_weight=params.paragraph_weight,
            scope_weight=params.scope_weight,
        )
    else:
        units, weights = context_units(tokens, context=params.context), None
    pairs = UnitPairs.of(cands.occ, units, len(cands.keys))
    all_units = np.bincount(pairs.aid, minlength=pairs.n_aids)
    n_units = int(units.max()) + 1 if len(units) else 0
    tables, margins, excluded = [], [], []
    for term in sorted(set(hits["term"])):
        counts = count_cooccurrences(
            hits[hits["term"] == term],
            pairs,
            cands.occ,
            tokens,
            units,
            context=params.context,
            window=params.window,
            n_examples=params.n_examples,
            weights=None if weights is None else weights[weights["term"] == term],
        )
        tables.append(counts.table.assign(term=term))
        margins.append((term, counts.n_term, counts.n_total))
        gone = np.flatnonzero(all_units - counts.n_assoc)
        excluded.append(
            pd.DataFrame({"term": term, "aid": gone, "n": (all_units - counts.n_assoc)[gone]})
        )
    if not tables:  # no hits in the chunk
        tables = [pd.DataFrame(columns=[*COUNT_COLUMNS, "term"])]
        excluded = [pd.DataFrame(columns=["term", "aid", "n"])]
    return (
        pd.concat(tables, ignore_index=True),
        pd.DataFrame(margins, columns=MARGINS),
        pd.concat(excluded, ignore_index=True),
        all_units,
        n_units,
    )


def _associates(cands: Candidates, all_units: np.ndarray, offset: int) -> pd.DataFrame:
    """Per associate of the chunk: its units, occurrences and first (corpus) position."""
    n = len(cands.keys)
    first = cands.occ.groupby("aid")["pos"].min().reindex(range(n)).to_numpy() + offset
    table = pd.DataFrame(
        {
            "units": all_units,
            "occurrences": np.bincount(cands.occ["aid"], minlength=n),
            "first_pos": first,
        }
    ).join(cands.keys)
    return table.loc[table["occurrences"] > 0, [*KEY, "units", "occurrences", "first_pos"]]


def associate_chunk(
    tokens: pd.DataFrame,
    segments: pd.DataFrame,
    *,
    params: AssociateParams,
    lexicon: Lexicon,
    offset: int = 0,
) -> ChunkResult:
    """Run the associate stage's counting on one chunk of whole documents.

    Args:
        tokens: The chunk's tokens.
        segments: The chunk's segments.
        params: The associate parameters.
        lexicon: The compiled lexicon.
        offset: Token position of the chunk's first token in the corpus (for `first_pos`).

    Returns:
        The chunk's tables and additive counts.
    """
    tokens = reading_order(tokens, segments)
    vocab = Vocabulary.of(tokens)
    shown = readable_lemmas(vocab, ~tokens["is_punct"].to_numpy(dtype=bool))
    hits, sections = _hits(tokens, segments, lexicon, vocab, params)
    relations = extract_relations(hits, tokens, vocab, shown)
    content = content_tokens(tokens, vocab, stop_words=dutch_stop_words(params.extra_stop_words))
    stated = stated_associations(hits, tokens, vocab, content) if params.stated else None
    cands = find_candidates(
        tokens,
        vocab,
        shown,
        content_upos=params.parts_of_speech,
        stop_words=dutch_stop_words(params.extra_stop_words),
        min_count=1,
        keep=None if stated is None else stated["pos"].to_numpy(dtype=np.int64),
    )
    pairs, margins, excluded, all_units, n_units = _count(hits, tokens, cands, sections, params)
    keys, occ = cands.keys, cands.occ
    # names and forms over all occurrences, as a pair may co-occur only in another chunk
    used = np.unique(occ["aid"].to_numpy(dtype=np.int64))
    return ChunkResult(
        term_hits=hits[columns("term_hits")].reset_index(drop=True),
        relations=relations,
        pairs=pairs.join(keys, on="aid").drop(columns="aid"),
        margins=margins,
        associates=_associates(cands, all_units, offset),
        exclusions=excluded.join(keys, on="aid").drop(columns="aid"),
        stated=pd.DataFrame(columns=["term", *KEY, "stated", "stated_hit_id"])
        if stated is None
        else stated_pairs(stated, occ).join(keys, on="aid").drop(columns="aid"),
        labels=label_counts(cands, vocab, used).join(keys, on="aid").drop(columns="aid"),
        forms=surface_forms(cands, vocab, used).join(keys, on="aid").drop(columns="aid"),
        variants=suggest_variants(tokens, vocab.lemma, lexicon, content),
        n_tokens=int((~tokens["is_punct"].to_numpy(dtype=bool)).sum()),
        n_units=n_units,
    )
