"""The coded selections of the REFI-QDA project: which span of which text has which codes.

Each term hit, each theme-coded context and each deductive coding (the researcher's
codebook, `pipeline.export.deductive_codes`) is one PlainTextSelection on its document; a
selection is named by the text it quotes (trimmed), as ATLAS.ti names its quotations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pipeline.export.codebook import code_id, explode_terms, make_guid
from pipeline.export.deductive_codes import code_path, deductive_guids
from pipeline.export.names import selection_name


def source_guid(doc_id: str) -> str:
    """GUID of a document's TextSource, which is also its file name in `sources/`."""
    return make_guid("source", doc_id)


@dataclass(frozen=True)
class Selection:
    """One coded span of a source text.

    Attributes:
        doc_id: Document whose text the span is in.
        start: First code point (inclusive).
        end: Code point after the span (exclusive).
        key: What the span came from: `hit:<hit_id>`, `context:<context_id>`,
            `deductive:<coding_id>` or `case:<doc_id>`.
        name: Short label shown by QDA programs: the quoted text, trimmed.
        code_guids: GUIDs of the codes applied to the span.
    """

    doc_id: str
    start: int
    end: int
    key: str
    name: str
    code_guids: tuple[str, ...]


def build_selections(
    term_hits: pd.DataFrame,
    coded_contexts: pd.DataFrame,
    codebook: pd.DataFrame,
    *,
    documents: pd.DataFrame,
    deductive_codings: pd.DataFrame | None = None,
) -> list[Selection]:
    """Turn term hits, theme-coded contexts and deductive codings into coded selections.

    A hit is coded with its term; a context is coded with its theme nested under each
    focal term it contains (one selection with one coding per term); a deductive coding
    with its code under the `codeboek` branch.

    Args:
        term_hits: The term_hits table.
        coded_contexts: The coded_contexts table.
        codebook: The codebook (see `build_codebook`), for the code GUIDs.
        documents: The documents table, whose texts name the selections.
        deductive_codings: The deductive_codings table (None or empty: none), whose codes
            the codebook must hold (see `add_deductive_codes`).

    Returns:
        The selections, ordered by document, start, end and key.
    """
    guids = dict(zip(codebook["code_id"], codebook["guid"], strict=True))
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))

    def quote(doc: str, start: int, end: int) -> str:
        return selection_name(texts[doc][start:end])

    hit_columns = ("doc_id", "char_start", "char_end", "hit_id", "term")
    selections = [
        Selection(doc, int(s), int(e), f"hit:{hit}", quote(doc, s, e), (guids[term],))
        for doc, s, e, hit, term in zip(*(term_hits[c] for c in hit_columns), strict=True)
        if term in guids
    ]
    selections += _context_selections(coded_contexts, guids, quote)
    if deductive_codings is not None and len(deductive_codings):
        selections += _deductive_selections(deductive_codings, codebook, quote)
    return sorted(selections, key=lambda s: (s.doc_id, s.start, s.end, s.key))


def _context_selections(
    coded_contexts: pd.DataFrame, guids: dict[str, str], quote: Callable[[str, int, int], str]
) -> list[Selection]:
    """One selection per context, coded with its theme under each focal term it holds."""
    contexts = (
        explode_terms(coded_contexts)
        .groupby("context_id", sort=False)
        .agg(
            doc_id=("doc_id", "first"),
            start=("char_start", "first"),
            end=("char_end", "first"),
            code=("code", "first"),
            terms=("term", list),
        )
    )
    selections = []
    for context, doc, start, end, theme, terms in contexts.itertuples(name=None):
        codes = [code_id(t, theme) for t in terms]
        selections.append(
            Selection(
                str(doc),
                int(start),
                int(end),
                f"context:{context}",
                quote(str(doc), int(start), int(end)),
                tuple(guids[c] for c in codes if c in guids),
            )
        )
    return selections


def _deductive_selections(
    codings: pd.DataFrame, codebook: pd.DataFrame, quote: Callable[[str, int, int], str]
) -> list[Selection]:
    """One selection per deductive coding, coded with its code of the `codeboek` branch."""
    guids = deductive_guids(codebook)
    columns = ("doc_id", "char_start", "char_end", "coding_id", "code")
    return [
        Selection(
            str(doc),
            int(s),
            int(e),
            f"deductive:{key}",
            quote(str(doc), int(s), int(e)),
            (guids[code_path(code)],),
        )
        for doc, s, e, key, code in zip(*(codings[c] for c in columns), strict=True)
        if code_path(code) in guids
    ]
