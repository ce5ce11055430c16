"""Add up the chunks' counts and score every term-associate pair.

See `pipeline.associate.chunk` for what a chunk counts, `collocates` for the exact
definition of the counts, `stats` for the measures and `ranking` for the order and the
`auto` thresholds, which are applied here, to the whole corpus's counts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from pipeline.associate.candidates import pick_labels
from pipeline.associate.chunk import KEY, ChunkResult
from pipeline.associate.keyness import keyness
from pipeline.associate.ranking import auto_threshold, rank_associations
from pipeline.associate.relations import summarise_relations
from pipeline.associate.stats import MEASURES, association_measures
from pipeline.associate.terms import Lexicon
from pipeline.params import AssociateParams
from pipeline.schemas import columns

DECIMALS = 6


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)


def _first_examples(ids: pd.Series, n: int) -> str:
    return ";".join(";".join(ids).split(";")[:n])


def _pairs(chunks: Sequence[ChunkResult], n_examples: int) -> pd.DataFrame:
    """The co-occurring pairs with their summed counts and margins."""
    pairs = _concat([c.pairs for c in chunks])
    if pairs.empty:
        return pairs
    table = pairs.groupby(["term", *KEY], sort=False).agg(
        n_cooc=("n_cooc", "sum"),
        n_units=("n_units", "sum"),
        n_docs=("n_docs", "sum"),
        n_speakers=("n_speakers", "sum"),
        example_hit_ids=("example_hit_ids", lambda ids: _first_examples(ids, n_examples)),
    )
    # N adds the chunks' units; where a chunk has no hit of a term, all of its units
    margins = _concat([c.margins for c in chunks]).groupby("term")[["n_term", "n_total"]].sum()
    for chunk in chunks:
        missing = ~margins.index.isin(chunk.margins["term"])
        margins.loc[missing, "n_total"] += chunk.n_units
    associates = (
        _concat([c.associates for c in chunks])
        .groupby(KEY)
        .agg(
            units=("units", "sum"),
            occurrences=("occurrences", "sum"),
            first_pos=("first_pos", "min"),
        )
    )
    excluded = _concat([c.exclusions for c in chunks]).groupby(["term", *KEY])["n"].sum()
    table = table.reset_index().join(margins, on="term").join(associates, on=KEY)
    lost = excluded.reindex(pd.MultiIndex.from_frame(table[["term", *KEY]])).fillna(0)
    return table.assign(n_assoc=table["units"].to_numpy() - lost.to_numpy().astype(np.int64))


def _stated(chunks: Sequence[ChunkResult]) -> pd.DataFrame:
    stated = _concat([c.stated for c in chunks])
    grouped = stated.groupby(["term", *KEY], sort=False)
    return pd.DataFrame(
        {
            "stated": grouped["stated"].agg(
                lambda p: ";".join(dict.fromkeys(";".join(p).split(";")))
            ),
            "stated_hit_id": grouped["stated_hit_id"].first(),
        }
    ).reset_index()


def _describe(table: pd.DataFrame, chunks, relations, *, n_tokens: int, smoothing: float):
    """Add the measures, the associates' names, their relations and their keyness."""
    measures = association_measures(
        table["n_cooc"], table["n_term"], table["n_assoc"], table["n_total"]
    )
    table[MEASURES] = measures.round(DECIMALS).to_numpy()
    # p-values go far below 1e-6: keep six significant digits instead
    table["fisher_p"] = [float(f"{p:.6g}") for p in measures["fisher_p"]]
    labels = _concat([c.labels for c in chunks]).groupby([*KEY, "column", "label"])["n"].sum()
    table = table.merge(pick_labels(labels.reset_index(), KEY), on=KEY, how="left")
    table = table.merge(summarise_relations(relations), on=["term", "key"], how="left")
    forms = _concat([c.forms for c in chunks]).groupby([*KEY, "form"], as_index=False)["count"]
    key_table = keyness(forms.sum(), n_tokens=n_tokens, smoothing=smoothing)
    table = table.merge(key_table[[*KEY, "keyness"]], on=KEY, how="left")
    table["keyness"] = table["keyness"].round(DECIMALS)
    table.loc[table["kind"] == "phrase", "relations"] = None
    return table


def score_associations(
    chunks: Sequence[ChunkResult],
    relations: pd.DataFrame,
    lexicon: Lexicon,
    *,
    params: AssociateParams,
) -> pd.DataFrame:
    """Add up the chunks' counts, apply the thresholds, score, name and rank the pairs.

    Args:
        chunks: The chunks of the corpus, in reading order.
        relations: The relations table of the whole corpus.
        lexicon: The compiled lexicon.
        params: The associate parameters.

    Returns:
        The associations table, per term (A-Z) in the order of `ranking`.
    """
    n_tokens = sum(c.n_tokens for c in chunks)
    table = _pairs(chunks, params.n_examples)
    if table.empty:
        return pd.DataFrame(columns=columns("associations"))
    table = table.merge(_stated(chunks), on=["term", *KEY], how="left")
    stated = table["stated"].notna().to_numpy()
    kept = stated | (
        (table["occurrences"] >= auto_threshold(params.min_count, n_tokens)).to_numpy()
        & (table["n_units"] >= auto_threshold(params.min_cooc, n_tokens)).to_numpy()
    )
    # a term is not its own associate
    words = table["kind"].to_numpy() == "word"
    itself = [w and (lexicon.match(k) or (None,))[0] == t
              for w, k, t in zip(words, table["key"], table["term"], strict=True)]  # fmt: skip
    table = table[kept & ~np.asarray(itself, dtype=bool)].reset_index(drop=True)
    if table.empty:
        return pd.DataFrame(columns=columns("associations"))
    table = _describe(
        table, chunks, relations, n_tokens=n_tokens, smoothing=params.keyness_smoothing
    )
    table = rank_associations(table, params.rank_by)
    if params.top_n:
        table = table.groupby("term", sort=False).head(params.top_n)
    return table[columns("associations")].reset_index(drop=True)
