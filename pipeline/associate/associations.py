"""The associations of every focal term: hits, KWIC, relations and scored co-occurrences.

`associate_terms` finds the hits of every term of the lexicon (`terms`, `hits`, and in
discourse units `discourse`), quotes them in context (`kwic`), reads their syntactic
relations from the parse (`relations`), and scores the words and phrases that co-occur with
them (`candidates`, `collocates`, `stats`, `stated`), with their keyness against general
Dutch (`keyness`). Every association row names example hits, so every number leads back to
quotes.

The corpus is read in chunks of whole documents (`chunk`), at most `CHUNK_TOKENS` tokens
each, whose counts add up (`merge`), so memory follows the chunk size, not the corpus:
`associate_files` streams the chunks from the annotate stage's parquet files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipeline.associate.chunk import associate_chunk
from pipeline.associate.kwic import build_kwic
from pipeline.associate.merge import score_associations
from pipeline.associate.order import reading_order
from pipeline.associate.terms import compile_lexicon
from pipeline.associate.variants import top_variants
from pipeline.params import AssociateParams

__all__ = ["AssociateResult", "associate_files", "associate_terms", "reading_order"]

CHUNK_TOKENS = 300_000
# the tokens columns the stage reads (not tag, morph, ent_type, is_stop)
TOKEN_COLUMNS = [
    "seg_id", "doc_id", "sent_idx", "tok_idx", "text", "lemma", "upos", "dep", "head_idx",
    "is_punct", "char_start", "char_end",
]  # fmt: skip


@dataclass
class AssociateResult:
    """The tables of the associate stage, each following its contract in `pipeline.schemas`.

    Attributes:
        term_hits: One row per term occurrence.
        kwic: The hits as a concordance.
        associations: Term-associate pairs with contingency counts and measures.
        relations: Syntactic relations of each hit.
        term_variants: Derivations of the terms to consider as variants (`variants`).
    """

    term_hits: pd.DataFrame
    kwic: pd.DataFrame
    associations: pd.DataFrame
    relations: pd.DataFrame
    term_variants: pd.DataFrame


def _groups(doc_sizes: pd.Series, max_tokens: int) -> list[list[str]]:
    """Consecutive documents (A-Z) in groups of at most `max_tokens` tokens (or one doc).

    No documents give one empty group, so that every table still gets its columns.
    """
    groups, current, size = [], [], 0
    for doc, n in doc_sizes.sort_index().items():
        if current and size + n > max_tokens:
            groups.append(current)
            current, size = [], 0
        current.append(doc)
        size += int(n)
    return [*groups, current] if current else (groups or [[]])


def _associate(chunks: Iterable[tuple[pd.DataFrame, pd.DataFrame]], params) -> AssociateResult:
    lexicon = compile_lexicon(params.terms)
    results, offset = [], 0
    for tokens, segments in chunks:
        results.append(
            associate_chunk(tokens, segments, params=params, lexicon=lexicon, offset=offset)
        )
        offset += len(tokens)
    term_hits = pd.concat([r.term_hits for r in results], ignore_index=True)
    relations = pd.concat([r.relations for r in results], ignore_index=True)
    return AssociateResult(
        term_hits=term_hits,
        kwic=build_kwic(term_hits),
        associations=score_associations(results, relations, lexicon, params=params),
        relations=relations,
        term_variants=top_variants(pd.concat([r.variants for r in results], ignore_index=True)),
    )


def associate_terms(
    tokens: pd.DataFrame,
    segments: pd.DataFrame,
    *,
    params: AssociateParams,
    max_tokens: int = CHUNK_TOKENS,
) -> AssociateResult:
    """Run the associate stage on annotated tokens in memory.

    Args:
        tokens: The tokens table.
        segments: The segments table.
        params: The associate parameters (term lexicon, context unit, thresholds).
        max_tokens: Tokens per chunk of documents; the result does not depend on it.

    Returns:
        The term_hits, kwic, associations, relations and term_variants tables.
    """
    groups = _groups(tokens["doc_id"].value_counts(), max_tokens)

    def chunks() -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
        for docs in groups:
            yield tokens[tokens["doc_id"].isin(docs)], segments[segments["doc_id"].isin(docs)]

    return _associate(chunks(), params)


def associate_files(
    tokens_path: Path,
    segments_path: Path,
    *,
    params: AssociateParams,
    docs: Iterable[str] | None = None,
    max_tokens: int = CHUNK_TOKENS,
) -> AssociateResult:
    """Run the associate stage on the annotate stage's files, one chunk in memory at a time.

    Args:
        tokens_path: tokens.parquet.
        segments_path: segments.parquet.
        params: The associate parameters.
        docs: Only these documents (None: all).
        max_tokens: Tokens per chunk of documents; the result does not depend on it.

    Returns:
        The term_hits, kwic, associations, relations and term_variants tables.
    """
    doc_ids = pq.read_table(tokens_path, columns=["doc_id"]).column("doc_id").to_pandas()
    sizes = doc_ids.value_counts()
    if docs is not None:
        sizes = sizes[sizes.index.isin(set(docs))]

    def chunks() -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
        for group in _groups(sizes, max_tokens):
            where = [("doc_id", "in", group)]
            yield (
                pd.read_parquet(tokens_path, columns=TOKEN_COLUMNS, filters=where),
                pd.read_parquet(segments_path, filters=where),
            )

    return _associate(chunks(), params)
