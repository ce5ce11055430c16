"""Contracts of the themes tables: contexts, the themes codebook, coded_contexts."""

from __future__ import annotations

from pandera.pandas import DataFrameSchema

from pipeline.schemas.base import FLOAT, INT, STR, col

CONTEXTS = DataFrameSchema(
    {
        "context_id": col(STR, "Stable key `<seg_id>@<sent_start>`.", unique=True),
        "doc_id": col(STR, "Document."),
        "seg_id": col(STR, "Segment."),
        "speaker": col(STR, "Speaker.", nullable=True),
        "section": col(STR, "Section.", nullable=True),
        "terms": col(STR, "Focal terms in the context, `;`-separated."),
        "hit_ids": col(STR, "Term hits in the context, `;`-separated."),
        "sent_start": col(INT, "First sentence (sent_idx) of the context."),
        "sent_end": col(INT, "Sentence after the context (exclusive)."),
        "char_start": col(INT, "Start offset in documents.text."),
        "char_end": col(INT, "End offset (exclusive) in documents.text."),
        "text": col(STR, "The context as a quote: documents.text[char_start:char_end]."),
        "lemmas": col(STR, "Content lemmas, space-separated, used for embedding."),
    },
    strict=True,
    ordered=True,
    name="contexts",
)

THEMES = DataFrameSchema(
    {
        "theme_id": col(INT, "Theme number (-1 for outliers when kept)."),
        "code": col(STR, "Stable code such as `T03-sociale-netwerken`.", unique=True),
        "label": col(STR, "Label made from the top keywords."),
        "keywords": col(STR, "Top keywords with c-TF-IDF weights, `kw (0.123); ...`."),
        "size": col(INT, "Contexts in the theme."),
        "n_docs": col(INT, "Documents with contexts in the theme."),
        "n_speakers": col(INT, "Distinct speakers with contexts in the theme."),
        "quotes": col(STR, "Most representative quotes, `[seg_id] quote` joined by ` || `."),
        "quote_seg_ids": col(STR, "seg_ids of those quotes, `;`-separated."),
        "description": col(STR, "Left empty for the researcher.", nullable=True),
        "level": col(INT, "1: theme, 2: sub-theme."),
        "parent_id": col(INT, "A sub-theme's theme_id (-1: none)."),
        "parent_code": col(STR, "A sub-theme's theme code.", nullable=True),
    },
    strict=False,  # plus one `n_<term>` count column per focal term
    ordered=False,
    name="themes",
)

CODED_CONTEXTS = DataFrameSchema(
    {
        "context_id": col(STR, "Context.", unique=True),
        "doc_id": col(STR, "Document."),
        "seg_id": col(STR, "Segment."),
        "speaker": col(STR, "Speaker.", nullable=True),
        "terms": col(STR, "Focal terms in the context."),
        "hit_ids": col(STR, "Term hits in the context."),
        "theme_id": col(INT, "Assigned theme."),
        "code": col(STR, "Code of the assigned theme."),
        "probability": col(FLOAT, "Theme probability or similarity in [0, 1]."),
        "char_start": col(INT, "Start offset in documents.text."),
        "char_end": col(INT, "End offset (exclusive) in documents.text."),
        "text": col(STR, "The context as a quote."),
        "sub_theme_id": col(INT, "Assigned sub-theme's theme_id (-1: none)."),
        "sub_code": col(STR, "Its code.", nullable=True),
    },
    strict=True,
    ordered=True,
    name="coded_contexts",
)
