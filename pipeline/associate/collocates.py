"""Collocates: context units and the contingency counts of terms with candidate associates.

For each term and associate (`candidates`) the 2x2 table of `stats` is filled over context
units:

- `sentence` and `segment`: a unit is one sentence or one segment (a speaker turn
  or paragraph). N is the number of units in the corpus, a + b the units holding at least
  one hit of the term, a + c the units holding at least one occurrence of the associate,
  and a the units holding both. Repeats inside a unit count once.
- `discourse` (default): a unit is one segment, and a unit counts for a term with its weight
  w, the term's share of the unit's mentions (`pipeline.associate.discourse`). A unit adds
  w to a and (1 - w) to c when it holds the associate, and w to b and (1 - w) to d when it
  does not, so a + b is the sum of the weights, a + c and N stay whole counts, and every
  cell stays >= 0. A unit that mentions one term only has w = 1, as in `segment`.
- `window`: a unit is one non-punctuation token. N is the number of such tokens outside the
  term's hits, a + b the tokens within `window` non-punctuation tokens of a hit in the same
  segment, a + c the associate's occurrences and a those inside a window.

For a term, associate occurrences that overlap one of its own hits are not counted (a term
is not its own associate). Dispersion counts the documents and the speakers (a speaker
label within one document) of the co-occurring units. The example hits of a pair are the
hits of its first co-occurring units in reading order: for sentences and segments the first
hit in the unit, for windows the nearest hit whose window holds the occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.associate.windows import window_units


def context_units(tokens: pd.DataFrame, *, context: str) -> np.ndarray:
    """Number the context units of every token, in reading order.

    Args:
        tokens: Tokens in reading order.
        context: `sentence`, `segment` or `window`.

    Returns:
        One unit id per token. For `window` a unit is a non-punctuation token, and
        punctuation gets -1.
    """
    seg = tokens["seg_id"].to_numpy(dtype=object)
    new = np.ones(len(tokens), dtype=bool)
    new[1:] = seg[1:] != seg[:-1]
    if context == "sentence":
        sent = tokens["sent_idx"].to_numpy()
        new[1:] |= sent[1:] != sent[:-1]
    elif context == "window":
        word = ~tokens["is_punct"].to_numpy(dtype=bool)
        return np.where(word, np.cumsum(word) - 1, -1)
    return np.cumsum(new) - 1


@dataclass
class UnitPairs:
    """The distinct (unit, associate) pairs of the corpus, shared by all terms.

    Attributes:
        unit: Unit of each pair.
        aid: Associate id of each pair.
        count: Occurrences of the associate in the unit.
        pos: Position of its first occurrence there (for document and speaker).
        key: unit * n_aids + aid, sorted ascending (the pairs are in this order).
        n_aids: Number of associate ids.
    """

    unit: np.ndarray
    aid: np.ndarray
    count: np.ndarray
    pos: np.ndarray
    key: np.ndarray
    n_aids: int

    @classmethod
    def of(cls, occ: pd.DataFrame, units: np.ndarray, n_aids: int) -> UnitPairs:
        """Collect the pairs from candidate occurrences (`pos`, `aid`) and token units."""
        pos = occ["pos"].to_numpy()
        key = units[pos].astype(np.int64) * n_aids + occ["aid"].to_numpy()
        order = np.argsort(key, kind="stable")
        key, index, count = np.unique(key[order], return_index=True, return_counts=True)
        return cls(
            unit=key // max(n_aids, 1),
            aid=key % max(n_aids, 1),
            count=count,
            pos=pos[order][index],
            key=key,
            n_aids=n_aids,
        )


def join_runs(groups: np.ndarray, labels: np.ndarray, sep: str) -> pd.Series:
    """Join the labels of each run of equal group values (groups must come sorted).

    Returns:
        The joined labels indexed by group value.
    """
    bounds = np.flatnonzero(groups[1:] != groups[:-1]) + 1
    starts = np.concatenate([[0], bounds]).astype(np.int64) if len(groups) else bounds
    joined = [sep.join(chunk) for chunk in np.split(labels, bounds)] if len(groups) else []
    return pd.Series(joined, index=groups[starts], dtype=object)


COUNT_COLUMNS = ["aid", "n_cooc", "n_units", "n_docs", "n_speakers", "example_hit_ids"]


def _hit_mask(hits: pd.DataFrame, n_pos: int) -> np.ndarray:
    """Per token: is it inside one of the hits?"""
    inside = np.zeros(n_pos + 1, dtype=np.int64)
    np.add.at(inside, hits["pos_start"].to_numpy(), 1)
    np.add.at(inside, hits["pos_end"].to_numpy(), -1)
    return np.cumsum(inside)[:n_pos] > 0


def _term_units(
    hits: pd.DataFrame,
    tokens: pd.DataFrame,
    units: np.ndarray,
    in_hit: np.ndarray,
    *,
    context: str,
    window: int,
    weights: pd.DataFrame | None,
) -> tuple[np.ndarray, np.ndarray, int]:
    """The hit that owns each unit for one term, the unit's weight for it, and N.

    Returns:
        (owner, weight, n_total): per unit the row of `hits` it counts for (-1 for none)
        and its weight for the term (1 or 0; the term's share in `discourse` units), and
        the number of units N.
    """
    n_units = int(units.max()) + 1 if len(units) else 0
    if context == "window":
        seg_code = pd.factorize(tokens["seg_id"])[0]
        in_window, owner = window_units(hits, units, seg_code, window)
        hit_units = units[in_hit & (units >= 0)]
        in_window[hit_units] = False
        owner[hit_units] = -1
        return owner, in_window.astype(float), n_units - len(hit_units)
    owner = np.full(n_units, -1)
    if weights is not None:
        row_of = pd.Series(np.arange(len(hits)), index=hits["hit_id"].to_numpy())
        owner[weights["unit"].to_numpy()] = row_of.reindex(weights["hit_id"]).to_numpy()
        weight = np.zeros(n_units)
        weight[weights["unit"].to_numpy()] = weights["weight"].to_numpy()
        return owner, weight, n_units
    hit_unit = units[hits["pos_start"].to_numpy()]
    first_hit = pd.Series(np.arange(len(hits))).groupby(hit_unit).min()
    owner[first_hit.index.to_numpy()] = first_hit.to_numpy()
    return owner, (owner >= 0).astype(float), n_units


def _pairs_outside_hits(
    pairs: UnitPairs, occ: pd.DataFrame, units: np.ndarray, in_hit: np.ndarray
) -> np.ndarray:
    """Per pair, whether it survives for the term: some occurrence lies outside its hits."""
    alive = np.ones(len(pairs.key), dtype=bool)
    inside = occ[in_hit[occ["pos"].to_numpy()] | in_hit[occ["pos2"].to_numpy()]]
    if len(inside):
        key = units[inside["pos"].to_numpy()].astype(np.int64) * pairs.n_aids
        gone, n_gone = np.unique(key + inside["aid"].to_numpy(), return_counts=True)
        at = np.searchsorted(pairs.key, gone)
        alive[at[pairs.count[at] == n_gone]] = False
    return alive


def _dispersion(
    hits: pd.DataFrame,
    pairs: UnitPairs,
    together: np.ndarray,
    owner: np.ndarray,
    tokens: pd.DataFrame,
    *,
    n_examples: int,
) -> pd.DataFrame:
    """Per co-occurring associate (the index): `n_docs`, `n_speakers`, `example_hit_ids`."""
    where = pairs.pos[together]
    doc = tokens["doc_code"].to_numpy()[where]
    speaker = tokens["speaker_code"].to_numpy()[where]
    found = pd.DataFrame(
        {
            "aid": pairs.aid[together],
            "doc": doc,
            # a speaker label names a person within one document only
            "voice": np.where(speaker >= 0, doc * (speaker.max() + 2.0) + speaker, np.nan),
            "hit": owner[pairs.unit[together]],
        }
    )
    grouped = found.groupby("aid", sort=True)
    examples = found.drop_duplicates(["aid", "hit"]).groupby("aid").head(n_examples)
    examples = examples.sort_values("aid", kind="stable")  # units stay in reading order
    return pd.DataFrame(
        {
            "n_docs": grouped["doc"].nunique(),
            "n_speakers": grouped["voice"].nunique(),
            "example_hit_ids": join_runs(
                examples["aid"].to_numpy(),
                hits["hit_id"].to_numpy(dtype=object)[examples["hit"].to_numpy()],
                ";",
            ),
        }
    )


@dataclass
class TermCounts:
    """One term's counts in one stretch of the corpus (one chunk of documents).

    Attributes:
        table: Per co-occurring associate id: `aid`, `n_cooc` (a), `n_units` (the units of
            co-occurrence, unweighted), `n_docs`, `n_speakers`, `example_hit_ids`.
        n_term: a + b, the term's units (summed weights).
        n_total: N, all units.
        n_assoc: Per associate id, a + c: its units, leaving out units where all its
            occurrences lie inside the term's hits.
    """

    table: pd.DataFrame
    n_term: float
    n_total: int
    n_assoc: np.ndarray


def count_cooccurrences(
    hits: pd.DataFrame,
    pairs: UnitPairs,
    occ: pd.DataFrame,
    tokens: pd.DataFrame,
    units: np.ndarray,
    *,
    context: str,
    window: int,
    n_examples: int,
    weights: pd.DataFrame | None = None,
) -> TermCounts:
    """Fill the contingency counts of one term with every candidate associate.

    Args:
        hits: The term's hits in reading order (`hit_id`, `pos_start`, `pos_end`).
        pairs: The (unit, associate) pairs.
        occ: Candidate occurrences (`pos`, `pos2`, `aid`), to find those inside the hits.
        tokens: Tokens in reading order with `doc_code` and `speaker_code` (-1 for none).
        units: Unit id per token (`context_units`, or the discourse sentences).
        context: `discourse`, `sentence`, `segment` or `window`.
        window: Half-width of the window in non-punctuation tokens.
        n_examples: Example hit ids kept per associate.
        weights: For `discourse`, the term's rows of `pipeline.associate.discourse.unit_weights`.

    Returns:
        The term's counts; `table` is sorted by aid.
    """
    # the term's units, each owned by one of its hits
    in_hit = _hit_mask(hits, len(tokens))
    owner, weight, n_total = _term_units(
        hits, tokens, units, in_hit, context=context, window=window, weights=weights
    )

    # a pair disappears for this term when all its occurrences lie inside the term's hits
    alive = _pairs_outside_hits(pairs, occ, units, in_hit)
    n_assoc = np.bincount(pairs.aid[alive], minlength=pairs.n_aids)
    together = alive & (owner[pairs.unit] >= 0)
    n_units = np.bincount(pairs.aid[together], minlength=pairs.n_aids)
    n_cooc = np.bincount(
        pairs.aid[together], weights=weight[pairs.unit[together]], minlength=pairs.n_aids
    )
    if not together.any():
        table = pd.DataFrame(columns=COUNT_COLUMNS)
    else:
        # dispersion and examples, over the few co-occurring pairs
        table = _dispersion(hits, pairs, together, owner, tokens, n_examples=n_examples)
        aids = table.index.to_numpy()
        table.insert(0, "n_cooc", n_cooc[aids])
        table.insert(1, "n_units", n_units[aids])
        table = table.rename_axis("aid").reset_index()[COUNT_COLUMNS]
    return TermCounts(table=table, n_term=float(weight.sum()), n_total=n_total, n_assoc=n_assoc)
