"""Sections and paragraphs of a document, and the focal terms its headings name.

Read by `pipeline.associate.discourse`: a document is a run of segments per section label
(`segments.section`, set by ingest from headings); list items join the paragraph that leads
into them; a heading that names focal terms makes its section about them, and a title (the
document's first segment, when it is such a heading) the whole document, unless a later
heading names another term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class Sections:
    """Where each segment stands: its section run and what its section and title are about.

    Attributes:
        run: Per token, the number of its section run (a document's segments under one label).
        unit: Per token, its paragraph or turn (segment), numbered in reading order.
        sentence: Per token, its sentence, numbered in reading order.
        scope: Per section run, the terms its heading or the document's title names.
        heading_hit: (run, term) -> hit id of the heading or title hit that names it.
    """

    run: np.ndarray
    unit: np.ndarray
    sentence: np.ndarray
    scope: dict[int, list[str]]
    heading_hit: dict[tuple[int, str], str]


LIST_ITEM = re.compile(r"^\s*(\d{1,2}[.)]|[a-z][.)]|[•▪●◦*–-])\s")
CLOSED = re.compile(r"[.!?…\"”’')\]]\s*$")


def _paragraphs(seg: pd.DataFrame) -> np.ndarray:
    """Per segment (in reading order), the number of its paragraph.

    List items join the segment whose text leads into them (it ends with a colon or
    without closing punctuation).
    """
    text = seg["text"].fillna("").to_numpy(dtype=object)
    doc = seg["doc_id"].to_numpy(dtype=object)
    paragraph, current, open_list = np.zeros(len(seg), dtype=np.int64), -1, False
    for i, body in enumerate(text):
        item = LIST_ITEM.match(body) is not None
        if not (item and open_list and i and doc[i] == doc[i - 1]):
            current += 1
            open_list = body.rstrip().endswith(":") or not CLOSED.search(body)
        paragraph[i] = current
    return paragraph


def _segment_runs(segments: pd.DataFrame) -> pd.DataFrame:
    """Per segment: its run number, whether it is a heading, and whether it opens the doc."""
    seg = segments.sort_values(["doc_id", "seg_idx"], kind="stable")
    label = seg["section"].fillna("").astype(str).str.strip()
    doc = seg["doc_id"].to_numpy(dtype=object)
    new = np.ones(len(seg), dtype=bool)
    new[1:] = (doc[1:] != doc[:-1]) | (label.to_numpy()[1:] != label.to_numpy()[:-1])
    first = np.ones(len(seg), dtype=bool)
    first[1:] = doc[1:] != doc[:-1]
    return pd.DataFrame(
        {
            "run": np.cumsum(new) - 1,
            "heading": (label != "").to_numpy() & (seg["text"].str.strip() == label).to_numpy(),
            "title": first,
            "paragraph": _paragraphs(seg),
            "doc_id": doc,
        },
        index=seg["seg_id"].to_numpy(),
    )


def read_sections(hits: pd.DataFrame, tokens: pd.DataFrame, segments: pd.DataFrame) -> Sections:
    """Find the section runs and what each is about, from headings and titles.

    Args:
        hits: The explicit hits (`find_term_hits`).
        tokens: Tokens in reading order.
        segments: The segments table.

    Returns:
        The sections.
    """
    runs = _segment_runs(segments)
    seg_ids = tokens["seg_id"].to_numpy(dtype=object)
    run = runs["run"].reindex(seg_ids).to_numpy(dtype=np.int64)
    unit = runs["paragraph"].reindex(seg_ids).to_numpy(dtype=np.int64)
    named = hits.join(runs[["run", "heading", "title"]], on="seg_id")
    named = named[named["heading"]].drop_duplicates(["seg_id", "term"])
    scope: dict[int, list[str]] = {}
    heading_hit: dict[tuple[int, str], str] = {}
    doc_runs = runs.groupby("doc_id")["run"].agg(["min", "max"])
    # a title rules the document unless a later heading names another term
    headed = named.groupby("doc_id")["term"].agg(set)
    titled = named[named["title"]].groupby("doc_id")["term"].agg(set)
    rules = {doc for doc, terms in titled.items() if headed[doc] <= terms}
    for row in named.itertuples():
        span = range(doc_runs.at[row.doc_id, "min"], doc_runs.at[row.doc_id, "max"] + 1)
        for r in span if row.title and row.doc_id in rules else [row.run]:
            if row.term not in scope.setdefault(r, []):
                scope[r].append(row.term)
                heading_hit[(r, row.term)] = row.hit_id
    sentence = pd.factorize(tokens["seg_id"].astype(str) + "\0" + tokens["sent_idx"].astype(str))[0]
    return Sections(run=run, unit=unit, sentence=sentence, scope=scope, heading_hit=heading_hit)
