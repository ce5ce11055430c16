"""The associate stage's KWIC and association tables, reordered for reading.

The contracts put keys first because that suits joins; a researcher reads a KWIC line
left to right and an association row from the word to its strength, so the take-home
copies lead with those and push the keys and raw counts to the right.
"""

from __future__ import annotations

import pandas as pd

KWIC_ORDER = [
    "term",
    "doc_id",
    "speaker",
    "left",
    "keyword",
    "right",
    "match_kind",
    "section",
    "seg_id",
    "hit_id",
    "char_start",
    "char_end",
]

ASSOCIATION_ORDER = [
    "term",
    "associate",
    "kind",
    "upos",
    "n_cooc",
    "log_dice",
    "pmi",
    "log_likelihood",
    "signed_log_likelihood",
    "t_score",
    "fisher_p",
    "keyness",
    "n_docs",
    "n_speakers",
    "relations",
    "expected",
    "n_term",
    "n_assoc",
    "n_total",
    "example_hit_ids",
    "examples",
    "stated",
    "stated_hit_id",
    "stated_quote",
]


def _term_rank(frame: pd.DataFrame, terms: list[str]) -> pd.Series:
    rank = {t: i for i, t in enumerate(terms)}
    return frame["term"].map(rank).fillna(len(rank)).astype("int64")


def friendly_kwic(kwic: pd.DataFrame, *, terms: list[str]) -> pd.DataFrame:
    """Reorder the KWIC table for reading.

    Args:
        kwic: The kwic table.
        terms: Focal terms in report order.

    Returns:
        The KWIC lines sorted by term (in `terms` order), document and position. Columns:
        term, doc_id, speaker, left, keyword, right, match_kind, section, seg_id, hit_id,
        char_start, char_end.
    """
    table = kwic.assign(_rank=_term_rank(kwic, terms))
    table = table.sort_values(["_rank", "doc_id", "char_start"], kind="stable")
    return table[KWIC_ORDER].reset_index(drop=True)


def friendly_associations(
    associations: pd.DataFrame,
    term_hits: pd.DataFrame,
    *,
    terms: list[str],
    measure: str | None = None,
) -> pd.DataFrame:
    """Reorder the associations and add the example sentences behind each pair.

    Args:
        associations: The associations table.
        term_hits: The term_hits table, to turn example hit ids into quotes.
        terms: Focal terms in report order.
        measure: Association measure to sort by within each term (strongest first); None
            keeps the associate stage's order (stated first, then `associate.rank_by`).

    Returns:
        The associations sorted by term and `measure`. Columns: term, associate, kind,
        upos, n_cooc, log_dice, pmi, log_likelihood, signed_log_likelihood, t_score,
        fisher_p, keyness, n_docs, n_speakers,
        relations, expected, n_term, n_assoc, n_total, example_hit_ids, examples (the
        sentences of the example hits as `[seg_id] sentence` joined by ` || `), stated,
        stated_hit_id and stated_quote (the sentence that states the association).
    """
    sentences = dict(
        zip(
            term_hits["hit_id"],
            "[" + term_hits["seg_id"] + "] " + term_hits["sentence"],
            strict=True,
        )
    )

    def quotes(hit_ids: str) -> str:
        ids = [h.strip() for h in str(hit_ids).split(";") if h.strip()]
        return " || ".join(sentences[h] for h in ids if h in sentences)

    table = associations.assign(
        examples=associations["example_hit_ids"].map(quotes),
        _rank=_term_rank(associations, terms),
    )
    table["stated_quote"] = associations["stated_hit_id"].map(
        lambda h: sentences.get(h, "") if isinstance(h, str) else None
    )
    if measure is None:
        table = table.sort_values("_rank", kind="stable")
    else:
        table = table.sort_values(
            ["_rank", measure, "associate"], ascending=[True, False, True], kind="stable"
        )
    return table[ASSOCIATION_ORDER].reset_index(drop=True)
