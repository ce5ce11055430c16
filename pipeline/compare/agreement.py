"""Agreement between two coders over the units: kappa, alpha, precision, recall, F1.

Each pair (`pipeline.compare.pairs.make_pairs`) is compared as two yes/no codings of the
same units: did coder a code the unit with code_a, did coder b code it with code_b. Coder a,
the human, is the reference. A pair is compared on every unit given (the stage passes the
units of the documents matched to a project source); units of length zero are left out,
since no coding can count for them.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from pipeline.schemas import SCHEMAS, columns

NONE_CODE = "(geen)"


def binary_agreement(a: Sequence[bool], b: Sequence[bool]) -> dict[str, float | int | None]:
    """Agreement of two yes/no codings of the same units.

    Kappa and alpha are undefined (None) when neither coder varies and both say the same of
    every unit (or there are no units): chance agreement is then 1, and both are 0/0.

    Args:
        a: Per unit, whether coder a (the reference) coded it.
        b: Per unit, whether coder b coded it.

    Returns:
        units, n_a, n_b, n_both (counts), kappa (sklearn `cohen_kappa_score`), alpha (the
        `krippendorff` package, nominal), precision (n_both / n_b), recall (n_both / n_a),
        f1 (2 n_both / (n_a + n_b)); None where undefined.

    Raises:
        ValueError: `a` and `b` are not two flat sequences of the same length.
    """
    x, y = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(f"two codings of the same units expected, got {x.shape} and {y.shape}")
    n_a, n_b, n_both = int(x.sum()), int(y.sum()), int((x & y).sum())
    varies = x.size > 0 and (x.any() or y.any()) and not (x.all() and y.all())
    kappa = alpha = None
    if varies:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            kappa = _finite(cohen_kappa_score(x, y, labels=[False, True]))
            data = np.vstack([x, y]).astype(float)
            alpha = _finite(
                krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
            )
    precision = n_both / n_b if n_b else None
    recall = n_both / n_a if n_a else None
    # 2 n_both / (n_a + n_b) is the harmonic mean of precision and recall where both are
    # defined, and 0 (not undefined) when one coder coded units and the other none.
    f1 = 2 * n_both / (n_a + n_b) if n_a + n_b else None
    return {
        "units": int(x.size), "n_a": n_a, "n_b": n_b, "n_both": n_both, "kappa": kappa,
        "alpha": alpha, "precision": precision, "recall": recall, "f1": f1,
    }  # fmt: skip


def _finite(value: float) -> float | None:
    """A float, or None for NaN."""
    value = float(value)
    return None if math.isnan(value) else value


def agreement_table(coded: pd.DataFrame, units: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """The agreement of every pair over the units.

    Args:
        coded: `code_units` output with a `side` column: side, coder, code, unit_id.
        units: `build_units` output: the units compared on.
        pairs: `make_pairs` output.

    Returns:
        The `agreement` table: the pair's columns, then units, n_a, n_b, n_both, kappa,
        alpha, precision, recall, f1 (NaN where undefined).
    """
    units = _compared(units)
    vectors = _Vectors(coded, units)
    rows = []
    for pair in pairs.itertuples(index=False):
        a, b = vectors.pair(pair)
        rows.append({**pair._asdict(), **binary_agreement(a, b)})
    return SCHEMAS["agreement"].validate(pd.DataFrame(rows, columns=columns("agreement")))


def confusion_table(coded: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Human codes against kruispunt codes, counted over the units.

    Each unit counts once for every human code on it (whichever human coded it) against
    every kruispunt code on it. A unit with codes on one side only counts against `(geen)`
    on the other. Units neither side coded are not counted, so `((geen), (geen))` never
    occurs.

    Args:
        coded: `code_units` output with a `side` column.
        units: `build_units` output: the units compared on.

    Returns:
        The `agreement_confusion` table: human_code, kruispunt_code, units (sorted by both
        codes).
    """
    keep = coded["unit_id"].isin(_compared(units)["unit_id"])
    sides = {
        side: coded[keep & (coded["side"] == side)][["unit_id", "code"]].drop_duplicates()
        for side in ("human", "kruispunt")
    }
    human = sides["human"].rename(columns={"code": "human_code"})
    kp = sides["kruispunt"].rename(columns={"code": "kruispunt_code"})
    both = human.merge(kp, on="unit_id", how="outer").fillna(NONE_CODE)
    table = both.groupby(["human_code", "kruispunt_code"]).size().rename("units").reset_index()
    return SCHEMAS["agreement_confusion"].validate(table[columns("agreement_confusion")])


def disagreement_table(
    coded: pd.DataFrame, units: pd.DataFrame, pairs: pd.DataFrame, max_per_pair: int
) -> pd.DataFrame:
    """The units where the two coders of a pair disagree, with their text.

    Args:
        coded: `code_units` output with a `side` column.
        units: `build_units` output: the units compared on.
        pairs: `make_pairs` output.
        max_per_pair: Most units kept per pair, the first by document and offset.

    Returns:
        The `disagreements` table: the pair's columns, coded_by (`a`: coder a coded the
        unit and coder b did not; `b`: the other way), unit_id, doc_id, char_start,
        char_end, quote (the unit's text).
    """
    units = _compared(units).sort_values(["doc_id", "char_start", "unit_id"], kind="stable")
    units = units.reset_index(drop=True)
    vectors = _Vectors(coded, units)
    frames = []
    for pair in pairs.itertuples(index=False):
        a, b = vectors.pair(pair)
        where = np.flatnonzero(a != b)[:max_per_pair]
        picked = units.iloc[where]
        frames.append(
            picked.rename(columns={"text": "quote"}).assign(
                **pair._asdict(), coded_by=np.where(a[where], "a", "b")
            )
        )
    name = "disagreements"
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    table = table.reindex(columns=columns(name)) if len(table) else _empty(name)
    return SCHEMAS[name].validate(table)


def _empty(name: str) -> pd.DataFrame:
    """An empty table with a declared table's columns."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns(name)})


def _compared(units: pd.DataFrame) -> pd.DataFrame:
    """The units a pair is compared on: those of positive length."""
    return units[units["char_end"] > units["char_start"]]


class _Vectors:
    """Per (side, coder, code), the positions of its units, to build yes/no vectors fast."""

    def __init__(self, coded: pd.DataFrame, units: pd.DataFrame):
        self.size = len(units)
        position = pd.Series(np.arange(len(units)), index=units["unit_id"].to_numpy())
        coded = coded[coded["unit_id"].isin(position.index)]
        df = coded[["side", "coder", "code"]].assign(
            pos=position[coded["unit_id"].to_numpy()].to_numpy()
        )
        self.positions = {
            key: group.to_numpy() for key, group in df.groupby(["side", "coder", "code"])["pos"]
        }

    def vector(self, side: str, coder: str, code: str) -> np.ndarray:
        """Per unit, whether the coder coded it with the code."""
        out = np.zeros(self.size, dtype=bool)
        out[self.positions.get((side, coder, code), [])] = True
        return out

    def pair(self, pair) -> tuple[np.ndarray, np.ndarray]:
        """The yes/no vectors of a pair's coder a and coder b."""
        side_b = "kruispunt" if pair.kind == "human-kruispunt" else "human"
        return (
            self.vector("human", pair.coder_a, pair.code_a),
            self.vector(side_b, pair.coder_b, pair.code_b),
        )
