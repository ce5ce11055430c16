"""Table contracts: every table the pipeline writes, declared once.

Each schema lists the columns, their dtypes and their meaning. Tables are validated when
they are written and when they are read (see `pipeline.tables`). Offsets count Unicode code
points in `documents.text` and are half-open `[start, end)`.
"""

from __future__ import annotations

from pandera.pandas import DataFrameSchema

from pipeline.schemas.associate import ASSOCIATIONS, KWIC, RELATIONS, TERM_HITS, TERM_VARIANTS
from pipeline.schemas.base import MATCH_KINDS
from pipeline.schemas.compare import (
    AGREEMENT,
    AGREEMENT_CONFUSION,
    COMPARE_CODINGS,
    DEDUCTIVE_CODINGS,
    DISAGREEMENTS,
)
from pipeline.schemas.corpus import DOCUMENTS, SEGMENTS, TOKENS
from pipeline.schemas.themes import CODED_CONTEXTS, CONTEXTS, THEMES

__all__ = [
    "AGREEMENT",
    "AGREEMENT_CONFUSION",
    "ASSOCIATIONS",
    "CODED_CONTEXTS",
    "COMPARE_CODINGS",
    "CONTEXTS",
    "DEDUCTIVE_CODINGS",
    "DISAGREEMENTS",
    "DOCUMENTS",
    "KWIC",
    "MATCH_KINDS",
    "RELATIONS",
    "SCHEMAS",
    "SEGMENTS",
    "TERM_HITS",
    "TERM_VARIANTS",
    "THEMES",
    "TOKENS",
    "columns",
    "describe",
]  # fmt: skip

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
        TERM_VARIANTS,
        CONTEXTS,
        THEMES,
        CODED_CONTEXTS,
        DEDUCTIVE_CODINGS,
        COMPARE_CODINGS,
        AGREEMENT,
        AGREEMENT_CONFUSION,
        DISAGREEMENTS,
    )
}


def columns(name: str) -> list[str]:
    """Column names of a declared table, in contract order."""
    return list(SCHEMAS[name].columns)


def describe(name: str) -> dict[str, str]:
    """Column descriptions of a declared table, for READMEs and the Excel "Lees mij" sheet."""
    return {col: spec.description or "" for col, spec in SCHEMAS[name].columns.items()}
