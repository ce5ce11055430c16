"""Table contracts: every table the pipeline writes, declared once.

Each schema lists the columns, their dtypes and their meaning. Tables are validated when
they are written and when they are read (see `pipeline.tables`). Offsets count Unicode code
points in `documents.text` and are half-open `[start, end)`.
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.pandas import Check, Column, DataFrameSchema

STR = pa.String
INT = pa.Int64
FLOAT = pa.Float64
BOOL = pa.Bool


def _col(dtype, description: str, *, nullable: bool = False, **kwargs) -> Column:
    return Column(dtype, nullable=nullable, description=description, coerce=True, **kwargs)


def _offsets_ordered(df):
    return (df["char_start"] <= df["char_end"]).all()


DOCUMENTS = DataFrameSchema(
    {
        "doc_id": _col(STR, "Path of the file relative to the input folder (posix).", unique=True),
        "source_path": _col(STR, "Path of the file as it was read."),
        "sha256": _col(STR, "SHA-256 of the raw file bytes."),
        "format": _col(
            STR,
            "Detected format: txt, md, docx, pdf, vtt, srt, odt, rtf, html, handelingen "
            "(Kamer XML), tei (ParlaMint), folia or whisper (JSON).",
        ),
        "title": _col(STR, "Title: docx core property, first heading, or file stem."),
        "n_chars": _col(INT, "Length of `text` in code points.", checks=Check.ge(0)),
        "text": _col(STR, "Normalised plain text (NFC, `\\n` line ends); all offsets refer to it."),
    },
    strict=False,  # metadata sidecar columns (meeting_date, municipality, ...) are added
    ordered=True,
    name="documents",
)

SEGMENTS = DataFrameSchema(
    {
        "seg_id": _col(STR, "Stable key `<doc_id>#<seg_idx:04d>`.", unique=True),
        "doc_id": _col(STR, "Document the segment belongs to."),
        "seg_idx": _col(INT, "Position in its document, from 0.", checks=Check.ge(0)),
        "section": _col(
            STR,
            "Heading the segment falls under (a heading segment: itself), if any.",
            nullable=True,
        ),
        "speaker": _col(STR, "Speaker label of the turn, if any.", nullable=True),
        "start_s": _col(FLOAT, "Start time in seconds (vtt, srt, timestamps).", nullable=True),
        "end_s": _col(FLOAT, "End time in seconds.", nullable=True),
        "char_start": _col(INT, "Start offset in documents.text.", checks=Check.ge(0)),
        "char_end": _col(INT, "End offset (exclusive) in documents.text.", checks=Check.ge(0)),
        "text": _col(STR, "Segment text, equal to documents.text[char_start:char_end]."),
    },
    strict=True,
    ordered=True,
    checks=Check(_offsets_ordered, name="char_start <= char_end"),
    name="segments",
)

TOKENS = DataFrameSchema(
    {
        "seg_id": _col(STR, "Segment of the token."),
        "doc_id": _col(STR, "Document of the token."),
        "sent_idx": _col(INT, "Sentence index within the segment, from 0."),
        "tok_idx": _col(INT, "Token index within the segment, from 0."),
        "text": _col(STR, "Surface form."),
        "lemma": _col(STR, "Lemma, lower-cased except proper nouns; never with `_`."),
        "upos": _col(STR, "Universal part of speech."),
        "tag": _col(STR, "Fine-grained tag (may be empty)."),
        "morph": _col(STR, "Morphological features, UD `Feat=Val|...` format."),
        "dep": _col(STR, "Dependency relation to the head."),
        "head_idx": _col(INT, "tok_idx of the syntactic head (itself for the root)."),
        "is_stop": _col(BOOL, "Dutch stop word (spaCy list plus params)."),
        "is_punct": _col(BOOL, "Punctuation."),
        "char_start": _col(INT, "Start offset in documents.text."),
        "char_end": _col(INT, "End offset (exclusive) in documents.text."),
        "ent_type": _col(STR, "Entity type when the model has NER, else empty.", nullable=True),
    },
    strict=True,
    ordered=True,
    checks=Check(_offsets_ordered, name="char_start <= char_end"),
    name="tokens",
)

TERM_HITS = DataFrameSchema(
    {
        "hit_id": _col(
            STR,
            "Stable key `<seg_id>:<tok_start>` (`/<k>` added for the k-th term of a slash-joined"
            " token such as zelfredzaamheid/samenredzaamheid).",
            unique=True,
        ),
        "term": _col(STR, "Canonical focal term."),
        "matched": _col(STR, "Surface form as it occurs in the text."),
        "doc_id": _col(STR, "Document."),
        "seg_id": _col(STR, "Segment."),
        "sent_idx": _col(INT, "Sentence index within the segment."),
        "tok_start": _col(INT, "First token (tok_idx) of the match."),
        "tok_end": _col(INT, "Token after the match (exclusive)."),
        "char_start": _col(INT, "Start offset in documents.text."),
        "char_end": _col(INT, "End offset (exclusive) in documents.text."),
        "speaker": _col(STR, "Speaker of the segment.", nullable=True),
        "section": _col(STR, "Section of the segment.", nullable=True),
        "left": _col(STR, "Left context (kwic_width tokens)."),
        "right": _col(STR, "Right context (kwic_width tokens)."),
        "sentence": _col(STR, "The whole sentence of the hit."),
    },
    strict=True,
    ordered=True,
    name="term_hits",
)

KWIC = DataFrameSchema(
    {
        "term": _col(STR, "Canonical focal term."),
        "doc_id": _col(STR, "Document."),
        "speaker": _col(STR, "Speaker.", nullable=True),
        "section": _col(STR, "Section.", nullable=True),
        "left": _col(STR, "Left context (empty at the start of a segment).", nullable=True),
        "keyword": _col(STR, "The matched form."),
        "right": _col(STR, "Right context (empty at the end of a segment).", nullable=True),
        "seg_id": _col(STR, "Segment."),
        "hit_id": _col(STR, "Term hit."),
        "char_start": _col(INT, "Start offset of the keyword in documents.text."),
        "char_end": _col(INT, "End offset of the keyword in documents.text."),
    },
    strict=True,
    ordered=True,
    name="kwic",
)

ASSOCIATIONS = DataFrameSchema(
    {
        "term": _col(STR, "Canonical focal term."),
        "associate": _col(STR, "Associated lemma or phrase."),
        "kind": _col(STR, "`word` or `phrase`.", checks=Check.isin(["word", "phrase"])),
        "upos": _col(STR, "Part of speech (phrases: pattern such as ADJ+NOUN)."),
        "relations": _col(
            STR, "Syntactic relations with the term and their counts (empty: none).", nullable=True
        ),
        "n_cooc": _col(INT, "a: context units holding both term and associate."),
        "n_term": _col(INT, "a+b: context units holding the term."),
        "n_assoc": _col(INT, "a+c: context units holding the associate."),
        "n_total": _col(INT, "N: all context units."),
        "expected": _col(FLOAT, "(a+b)(a+c)/N."),
        "pmi": _col(FLOAT, "log2(a/expected)."),
        "log_dice": _col(FLOAT, "14 + log2(2a/((a+b)+(a+c)))."),
        "log_likelihood": _col(FLOAT, "Dunning's G² over the 2x2 table."),
        "t_score": _col(FLOAT, "(a - expected)/sqrt(a)."),
        "n_docs": _col(INT, "Documents in which the pair co-occurs."),
        "n_speakers": _col(INT, "Distinct speakers who used the pair."),
        "keyness": _col(FLOAT, "log2 ratio of corpus to general-Dutch frequency.", nullable=True),
        "example_hit_ids": _col(STR, "Hit ids of example co-occurrences, `;`-separated."),
    },
    strict=True,
    ordered=True,
    name="associations",
)

RELATIONS = DataFrameSchema(
    {
        "hit_id": _col(STR, "Term hit."),
        "term": _col(STR, "Canonical focal term."),
        "relation": _col(
            STR,
            "amod, nmod, nmod_of, conj, governor_subj, governor_obj, governor_obl, copula or"
            " copula_subj (see pipeline.associate.relations).",
        ),
        "associate": _col(STR, "Lemma (or phrase) of the related word."),
        "sentence": _col(STR, "The sentence, as a quote."),
    },
    strict=True,
    ordered=True,
    name="relations",
)

CONTEXTS = DataFrameSchema(
    {
        "context_id": _col(STR, "Stable key `<seg_id>@<sent_start>`.", unique=True),
        "doc_id": _col(STR, "Document."),
        "seg_id": _col(STR, "Segment."),
        "speaker": _col(STR, "Speaker.", nullable=True),
        "section": _col(STR, "Section.", nullable=True),
        "terms": _col(STR, "Focal terms in the context, `;`-separated."),
        "hit_ids": _col(STR, "Term hits in the context, `;`-separated."),
        "sent_start": _col(INT, "First sentence (sent_idx) of the context."),
        "sent_end": _col(INT, "Sentence after the context (exclusive)."),
        "char_start": _col(INT, "Start offset in documents.text."),
        "char_end": _col(INT, "End offset (exclusive) in documents.text."),
        "text": _col(STR, "The context as a quote: documents.text[char_start:char_end]."),
        "lemmas": _col(STR, "Content lemmas, space-separated, used for embedding."),
    },
    strict=True,
    ordered=True,
    name="contexts",
)

THEMES = DataFrameSchema(
    {
        "theme_id": _col(INT, "Theme number (-1 for outliers when kept)."),
        "code": _col(STR, "Stable code such as `T03-sociale-netwerken`.", unique=True),
        "label": _col(STR, "Label made from the top keywords."),
        "keywords": _col(STR, "Top keywords with c-TF-IDF weights, `kw (0.123); ...`."),
        "size": _col(INT, "Contexts in the theme."),
        "n_docs": _col(INT, "Documents with contexts in the theme."),
        "n_speakers": _col(INT, "Distinct speakers with contexts in the theme."),
        "quotes": _col(STR, "Most representative quotes, `[seg_id] quote` joined by ` || `."),
        "quote_seg_ids": _col(STR, "seg_ids of those quotes, `;`-separated."),
        "description": _col(STR, "Left empty for the researcher.", nullable=True),
    },
    strict=False,  # plus one `n_<term>` count column per focal term
    ordered=False,
    name="themes",
)

CODED_CONTEXTS = DataFrameSchema(
    {
        "context_id": _col(STR, "Context.", unique=True),
        "doc_id": _col(STR, "Document."),
        "seg_id": _col(STR, "Segment."),
        "speaker": _col(STR, "Speaker.", nullable=True),
        "terms": _col(STR, "Focal terms in the context."),
        "hit_ids": _col(STR, "Term hits in the context."),
        "theme_id": _col(INT, "Assigned theme."),
        "code": _col(STR, "Code of the assigned theme."),
        "probability": _col(FLOAT, "Theme probability or similarity in [0, 1]."),
        "char_start": _col(INT, "Start offset in documents.text."),
        "char_end": _col(INT, "End offset (exclusive) in documents.text."),
        "text": _col(STR, "The context as a quote."),
    },
    strict=True,
    ordered=True,
    name="coded_contexts",
)

SCHEMAS: dict[str, DataFrameSchema] = {
    schema.name: schema
    for schema in (
        DOCUMENTS,
        SEGMENTS,
        TOKENS,
        TERM_HITS,
        KWIC,
        ASSOCIATIONS,
        RELATIONS,
        CONTEXTS,
        THEMES,
        CODED_CONTEXTS,
    )
}


def columns(name: str) -> list[str]:
    """Column names of a declared table, in contract order."""
    return list(SCHEMAS[name].columns)


def describe(name: str) -> dict[str, str]:
    """Column descriptions of a declared table, for READMEs and the Excel "Lees mij" sheet."""
    return {col: spec.description or "" for col, spec in SCHEMAS[name].columns.items()}
