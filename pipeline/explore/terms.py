"""One focal term up close: how often, where, in which words, with which associates.

Association measures answer different questions (see notebook 02 for when each one is
right), so `top_associates` puts their rankings side by side instead of picking one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
from pandas.io.formats.style import Styler

from pipeline.export.plot_data import association_bars, term_slug
from pipeline.export.words import per_1000_words

MEASURES = ("pmi", "log_likelihood", "log_dice", "t_score")

KWIC_COLUMNS = ["term", "doc_id", "speaker", "left", "keyword", "right", "hit_id"]

# English glosses of the relation labels of `pipeline.associate.relations`, for tables and captions.
RELATIONS = {
    "amod": "adjective modifying the term (complex maatwerk)",
    "nmod": "noun modifying the term (regie van de gemeente)",
    "nmod_of": "noun the term modifies (een vorm van maatwerk)",
    "conj": "coordinated with the term (zelfredzaamheid en samenredzaamheid)",
    "governor_subj": "verb with the term as subject (regie ligt ...)",
    "governor_obj": "verb with the term as object (regie nemen)",
    "governor_obl": "verb with the term as oblique (werken aan participatie)",
    "copula": "what the term is said to be (zelfredzaamheid is een groeiproces)",
    "copula_subj": "what is said to be the term (het doel is zelfredzaamheid)",
}


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def term_frequency(
    term_hits: pd.DataFrame, words: pd.DataFrame, *, term: str, by: str | Sequence[str] = "doc_id"
) -> pd.DataFrame:
    """How often a term is used per document, speaker or metadata value.

    Args:
        term_hits: The term_hits table.
        words: The table of `pipeline.explore.segment_words` (with metadata columns to
            group by a metadata field).
        term: The focal term.
        by: Column(s) of `words` to count by: doc_id, speaker, meeting_type, ...

    Returns:
        One row per value of `by`, including values where the term never occurs (a meeting
        that avoids a term is a finding), most hits first. Columns: the `by` columns, hits,
        words, per_1000_words.
    """
    keys = _as_list(by)
    words_by = words.groupby(keys, dropna=False)["words"].sum()
    hit_segs = term_hits.loc[term_hits["term"] == term, ["seg_id"]]
    hits = hit_segs.merge(words[["seg_id", *keys]], on="seg_id", how="left")
    hits_by = hits.groupby(keys, dropna=False).size()
    table = pd.DataFrame({"words": words_by})
    table["hits"] = hits_by.reindex(table.index).fillna(0).astype("int64")
    table["per_1000_words"] = per_1000_words(table["hits"], table["words"]).round(2)
    table = table.reset_index()[[*keys, "hits", "words", "per_1000_words"]]
    order = ["hits", *keys]
    return table.sort_values(order, ascending=[False] + [True] * len(keys)).reset_index(drop=True)


def compare_terms(
    term_hits: pd.DataFrame,
    words: pd.DataFrame,
    *,
    terms: Sequence[str],
    by: str = "doc_id",
) -> pd.DataFrame:
    """Relative frequencies of several terms side by side.

    Args:
        term_hits: The term_hits table.
        words: The table of `pipeline.explore.segment_words`.
        terms: Focal terms, one column each, in this order.
        by: Column of `words` that gives the rows: doc_id, speaker, meeting_type, ...

    Returns:
        Hits per 1,000 words: one row per value of `by` (sorted; the index), one column
        per term.
    """
    rates = {
        term: term_frequency(term_hits, words, term=term, by=by).set_index(by)["per_1000_words"]
        for term in terms
    }
    table = pd.DataFrame(rates).sort_index()
    table.columns.name = "term"
    return table


def filter_kwic(
    kwic: pd.DataFrame,
    *,
    term: str | Sequence[str] | None = None,
    doc_id: str | Sequence[str] | None = None,
    speaker: str | Sequence[str] | None = None,
    contains: str | None = None,
) -> pd.DataFrame:
    """Select KWIC lines, the filter step of the notebook's KWIC browser.

    Args:
        kwic: The kwic table.
        term: Keep these terms (None keeps all).
        doc_id: Keep these documents.
        speaker: Keep these speakers.
        contains: Keep lines whose context or keyword matches this regular expression
            (case-insensitive), for example `gemeente|wethouder`.

    Returns:
        The matching lines in document order. Columns: term, doc_id, speaker, left,
        keyword, right, hit_id.
    """
    keep = pd.Series(True, index=kwic.index)
    for column, wanted in (("term", term), ("doc_id", doc_id), ("speaker", speaker)):
        if wanted is not None:
            keep &= kwic[column].isin(_as_list(wanted))
    if contains:
        line = kwic["left"].fillna("") + " " + kwic["keyword"] + " " + kwic["right"].fillna("")
        keep &= line.str.contains(re.compile(contains, re.IGNORECASE), regex=True)
    lines = kwic[keep].sort_values(["doc_id", "char_start"], kind="stable")
    return lines[KWIC_COLUMNS].reset_index(drop=True)


def style_kwic(lines: pd.DataFrame, *, max_rows: int = 50) -> Styler:
    """Show KWIC lines as a concordance: contexts aligned on the bold keyword.

    Args:
        lines: Rows of `filter_kwic`.
        max_rows: Lines shown; the rest are left out (filter further to see them).

    Returns:
        A pandas Styler (left context right-aligned, keyword bold, no index).
    """
    shown = lines.head(max_rows).fillna({"left": "", "right": "", "speaker": ""})
    return (
        shown.style.hide(axis="index")
        .set_properties(subset=["left"], **{"text-align": "right"})
        .set_properties(subset=["keyword"], **{"font-weight": "bold", "text-align": "center"})
        .set_properties(subset=["right"], **{"text-align": "left"})
        .set_caption(f"{min(len(lines), max_rows)} of {len(lines)} lines")
    )


def attracted(associations: pd.DataFrame) -> pd.DataFrame:
    """Keep the pairs seen together more often than chance (n_cooc > expected, PMI > 0).

    G² is unsigned and log-Dice ignores chance, so without this a frequent word that
    avoids the term (such as "gemeente" next to a rare term) can rank among its associates.

    Returns:
        The rows of the associations table with n_cooc > expected, columns unchanged.
    """
    return associations[associations["n_cooc"] > associations["expected"]]


def term_ranking(
    associations: pd.DataFrame, term: str, *, measure: str, top_n: int
) -> pd.DataFrame:
    """A term's strongest associates under one measure, as the report's plot data ranks them.

    Args:
        associations: The associations table (filter it with `attracted` first if wanted).
        term: The focal term.
        measure: Association measure to rank by.
        top_n: Associates to keep.

    Returns:
        Strongest first. Columns: associate, score, measure, n_cooc; no rows when the term
        has no associates.
    """
    bars = association_bars(associations, terms=[term], measure=measure, top_n=top_n)
    empty = pd.DataFrame(columns=["associate", "score", "measure", "n_cooc"])
    return bars.get(term_slug(term), empty)


def top_associates(
    associations: pd.DataFrame,
    term: str,
    *,
    measures: Sequence[str] = MEASURES,
    top_n: int = 10,
    attracted_only: bool = True,
) -> pd.DataFrame:
    """The strongest associates of a term under each measure, side by side.

    Args:
        associations: The associations table.
        term: The focal term.
        measures: Association measures to rank by (columns of the associations table).
        top_n: Associates per measure.
        attracted_only: Rank only pairs seen more often than chance (see `attracted`).

    Returns:
        One row per rank (1 = strongest). Columns: rank, then for each measure `<measure>`
        (the associate) and `<measure>_score` (its value). Shorter rankings are padded
        with missing values.
    """
    table = pd.DataFrame({"rank": range(1, top_n + 1)})
    if attracted_only:
        associations = attracted(associations)
    for measure in measures:
        ranked = term_ranking(associations, term, measure=measure, top_n=top_n)
        table[measure] = pd.Series(ranked["associate"].to_numpy(), dtype="string")
        table[f"{measure}_score"] = pd.Series(ranked["score"].to_numpy(), dtype="float64")
    return table


def measure_overlap(
    associations: pd.DataFrame,
    term: str,
    *,
    measures: Sequence[str] = MEASURES,
    top_n: int = 10,
) -> pd.DataFrame:
    """How far two measures agree on a term's strongest associates.

    Args:
        associations: The associations table.
        term: The focal term.
        measures: Association measures to compare.
        top_n: Size of each top list.

    Returns:
        A square table with the measures as index and columns: the share (0 to 1) of the
        shorter top list that also appears in the other one. The diagonal is 1 when the
        term has associates.
    """
    tops = top_associates(associations, term, measures=measures, top_n=top_n)
    sets = {m: set(tops[m].dropna()) for m in measures}
    overlap = pd.DataFrame(index=list(measures), columns=list(measures), dtype="float64")
    for a in measures:
        for b in measures:
            smaller = min(len(sets[a]), len(sets[b]))
            shared = len(sets[a] & sets[b])
            overlap.loc[a, b] = round(shared / smaller, 3) if smaller else float("nan")
    return overlap


def relation_summary(relations: pd.DataFrame, term: str) -> pd.DataFrame:
    """The syntactic relations of a term, counted, each with one quote.

    Args:
        relations: The relations table.
        term: The focal term.

    Returns:
        One row per relation and associate, most frequent first. Columns: relation,
        meaning (English gloss of the relation), associate, n (hits with this relation),
        example (the first sentence in which it occurs), hit_id (of that sentence).
    """
    rows = relations[relations["term"] == term]
    table = (
        rows.groupby(["relation", "associate"], sort=True)
        .agg(n=("hit_id", "size"), example=("sentence", "first"), hit_id=("hit_id", "first"))
        .reset_index()
    )
    table.insert(1, "meaning", table["relation"].map(RELATIONS).fillna(""))
    table = table.sort_values(["n", "relation", "associate"], ascending=[False, True, True])
    return table.reset_index(drop=True)
