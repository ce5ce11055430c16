"""Contracts of the ingest and annotate tables: documents, segments, tokens."""

from __future__ import annotations

from pandera.pandas import Check, DataFrameSchema

from pipeline.schemas.base import BOOL, FLOAT, INT, STR, col, offsets_ordered

DOCUMENTS = DataFrameSchema(
    {
        "doc_id": col(STR, "Path of the file relative to the input folder (posix).", unique=True),
        "source_path": col(STR, "Path of the file as it was read."),
        "sha256": col(STR, "SHA-256 of the raw file bytes."),
        "format": col(
            STR,
            "Detected format: txt, md, docx, pdf, vtt, srt, odt, rtf, html, handelingen "
            "(Kamer XML), tei (ParlaMint), folia or whisper (JSON).",
        ),
        "title": col(STR, "Title: docx core property, first heading, or file stem."),
        "n_chars": col(INT, "Length of `text` in code points.", checks=Check.ge(0)),
        "text": col(STR, "Normalised plain text (NFC, `\\n` line ends); all offsets refer to it."),
    },
    strict=False,  # metadata sidecar columns (meeting_date, municipality, ...) are added
    ordered=True,
    name="documents",
)

SEGMENTS = DataFrameSchema(
    {
        "seg_id": col(STR, "Stable key `<doc_id>#<seg_idx:04d>`.", unique=True),
        "doc_id": col(STR, "Document the segment belongs to."),
        "seg_idx": col(INT, "Position in its document, from 0.", checks=Check.ge(0)),
        "section": col(
            STR,
            "Heading the segment falls under (a heading segment: itself), if any.",
            nullable=True,
        ),
        "speaker": col(STR, "Speaker label of the turn, if any.", nullable=True),
        "start_s": col(FLOAT, "Start time in seconds (vtt, srt, timestamps).", nullable=True),
        "end_s": col(FLOAT, "End time in seconds.", nullable=True),
        "char_start": col(INT, "Start offset in documents.text.", checks=Check.ge(0)),
        "char_end": col(INT, "End offset (exclusive) in documents.text.", checks=Check.ge(0)),
        "text": col(STR, "Segment text, equal to documents.text[char_start:char_end]."),
    },
    strict=True,
    ordered=True,
    checks=Check(offsets_ordered, name="char_start <= char_end"),
    name="segments",
)

TOKENS = DataFrameSchema(
    {
        "seg_id": col(STR, "Segment of the token."),
        "doc_id": col(STR, "Document of the token."),
        "sent_idx": col(INT, "Sentence index within the segment, from 0."),
        "tok_idx": col(INT, "Token index within the segment, from 0."),
        "text": col(STR, "Surface form."),
        "lemma": col(STR, "Lemma, lower-cased except proper nouns; never with `_`."),
        "upos": col(STR, "Universal part of speech."),
        "tag": col(STR, "Fine-grained tag (may be empty)."),
        "morph": col(STR, "Morphological features, UD `Feat=Val|...` format."),
        "dep": col(STR, "Dependency relation to the head."),
        "head_idx": col(INT, "tok_idx of the syntactic head (itself for the root)."),
        "is_stop": col(BOOL, "Dutch stop word (spaCy list plus params)."),
        "is_punct": col(BOOL, "Punctuation."),
        "char_start": col(INT, "Start offset in documents.text."),
        "char_end": col(INT, "End offset (exclusive) in documents.text."),
        "ent_type": col(STR, "Entity type when the model has NER, else empty.", nullable=True),
    },
    strict=True,
    ordered=True,
    checks=Check(offsets_ordered, name="char_start <= char_end"),
    name="tokens",
)
