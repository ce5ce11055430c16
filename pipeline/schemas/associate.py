"""Contracts of the associate tables: term_hits, kwic, associations, term_variants, relations."""

from __future__ import annotations

from pandera.pandas import Check, DataFrameSchema

from pipeline.schemas.base import FLOAT, INT, MATCH_KINDS, STR, col

TERM_HITS = DataFrameSchema(
    {
        "hit_id": col(
            STR,
            "Stable key `<seg_id>:<tok_start>` (`/<k>` added for the k-th term of a slash-joined"
            " token such as zelfredzaamheid/samenredzaamheid).",
            unique=True,
        ),
        "term": col(STR, "Canonical focal term."),
        "matched": col(STR, "Surface form as it occurs in the text."),
        "match_kind": col(
            STR, "term, compound, anaphor or bridged (see README).", checks=Check.isin(MATCH_KINDS)
        ),
        "doc_id": col(STR, "Document."),
        "seg_id": col(STR, "Segment."),
        "sent_idx": col(INT, "Sentence index within the segment."),
        "tok_start": col(INT, "First token (tok_idx) of the match."),
        "tok_end": col(INT, "Token after the match (exclusive)."),
        "char_start": col(INT, "Start offset in documents.text."),
        "char_end": col(INT, "End offset (exclusive) in documents.text."),
        "speaker": col(STR, "Speaker of the segment.", nullable=True),
        "section": col(STR, "Section of the segment.", nullable=True),
        "left": col(STR, "Left context (kwic_width tokens)."),
        "right": col(STR, "Right context (kwic_width tokens)."),
        "sentence": col(STR, "The whole sentence of the hit."),
    },
    strict=True,
    ordered=True,
    name="term_hits",
)

KWIC = DataFrameSchema(
    {
        "term": col(STR, "Canonical focal term."),
        "doc_id": col(STR, "Document."),
        "speaker": col(STR, "Speaker.", nullable=True),
        "section": col(STR, "Section.", nullable=True),
        "left": col(STR, "Left context (empty at the start of a segment).", nullable=True),
        "keyword": col(STR, "The matched form."),
        "right": col(STR, "Right context (empty at the end of a segment).", nullable=True),
        "match_kind": col(STR, "How it matched (see term_hits).", checks=Check.isin(MATCH_KINDS)),
        "seg_id": col(STR, "Segment."),
        "hit_id": col(STR, "Term hit."),
        "char_start": col(INT, "Start offset of the keyword in documents.text."),
        "char_end": col(INT, "End offset of the keyword in documents.text."),
    },
    strict=True,
    ordered=True,
    name="kwic",
)

ASSOCIATIONS = DataFrameSchema(
    {
        "term": col(STR, "Canonical focal term."),
        "associate": col(STR, "Associated lemma or phrase."),
        "kind": col(STR, "`word` or `phrase`.", checks=Check.isin(["word", "phrase"])),
        "upos": col(STR, "Part of speech (phrases: pattern such as ADJ+NOUN)."),
        "relations": col(
            STR, "Syntactic relations with the term and their counts (empty: none).", nullable=True
        ),
        "n_cooc": col(FLOAT, "a: context units holding both (discourse: weighted by term share)."),
        "n_term": col(FLOAT, "a+b: context units holding the term (discourse: weighted)."),
        "n_assoc": col(INT, "a+c: context units holding the associate."),
        "n_total": col(INT, "N: all context units."),
        "expected": col(FLOAT, "(a+b)(a+c)/N."),
        "pmi": col(FLOAT, "log2(a/expected)."),
        "log_dice": col(FLOAT, "14 + log2(2a/((a+b)+(a+c)))."),
        "log_likelihood": col(FLOAT, "Dunning's G² over the 2x2 table."),
        "signed_log_likelihood": col(FLOAT, "G² with the sign of a - expected."),
        "t_score": col(FLOAT, "(a - expected)/sqrt(a)."),
        "fisher_p": col(FLOAT, "One-sided Fisher's exact p, P(A >= a) (counts rounded)."),
        "n_docs": col(INT, "Documents in which the pair co-occurs."),
        "n_speakers": col(INT, "Distinct speakers who used the pair."),
        "keyness": col(FLOAT, "log2 ratio of corpus to general-Dutch frequency.", nullable=True),
        "example_hit_ids": col(STR, "Hit ids of example co-occurrences, `;`-separated."),
        "stated": col(
            STR, "Patterns by which the text states the association (empty: none).", nullable=True
        ),
        "stated_hit_id": col(STR, "Hit of the first sentence that states it.", nullable=True),
    },
    strict=True,
    ordered=True,
    name="associations",
)

TERM_VARIANTS = DataFrameSchema(
    {
        "term": col(STR, "Canonical focal term."),
        "suggestion": col(STR, "A derivation of the term in the corpus, not matched as it."),
        "n": col(INT, "Occurrences."),
        "n_docs": col(INT, "Documents it occurs in."),
        "example_seg_id": col(STR, "Its first segment."),
    },
    strict=True,
    ordered=True,
    name="term_variants",
)

RELATIONS = DataFrameSchema(
    {
        "hit_id": col(STR, "Term hit."),
        "term": col(STR, "Canonical focal term."),
        "relation": col(
            STR,
            "amod, nmod, nmod_of, conj, governor_subj, governor_obj, governor_obl, copula or"
            " copula_subj (see pipeline.associate.relations).",
        ),
        "associate": col(STR, "Lemma (or phrase) of the related word."),
        "sentence": col(STR, "The sentence, as a quote."),
    },
    strict=True,
    ordered=True,
    name="relations",
)
