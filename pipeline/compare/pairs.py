"""Which codes are compared: the mapping file, codes of the same name, or proposed pairs.

A human code is paired with kruispunt codes by, in this order: the researcher's mapping
file (`human code: [kruispunt code, ...]`); else the kruispunt codes of the same path, or of
the same leaf name (both case-insensitive); else the kruispunt code whose units overlap most
(Jaccard), when that overlap reaches `min_pair_overlap`. Two human coders of the project are
compared on every code both used.
"""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pandas as pd
import yaml

from pipeline.errors import KruispuntError
from pipeline.schemas import columns

PAIR_COLUMNS = columns("agreement")[:6]
KRUISPUNT = "kruispunt"
# `pipeline.export.names` keeps code names unique with ` [2]`; a mapping may leave it out.
UNIQUE_SUFFIX = re.compile(r"\s*\[\d+\](?=/|$)")


def load_mapping(path: Path) -> dict[str, list[str]]:
    """Read a mapping file: YAML pairing each human code with kruispunt codes.

    A value may be one code or a list of codes; an empty list leaves the human code
    unpaired on purpose. Example: `eigen kracht: [thema/zelfredzaamheid, term/eigen kracht]`.

    Args:
        path: The YAML file.

    Returns:
        Human code -> kruispunt codes, as written.

    Raises:
        KruispuntError: The file is not YAML, or not a mapping of names to names.
    """
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise KruispuntError(f"compare.mapping {path}: not valid YAML ({err})") from err
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise KruispuntError(f"compare.mapping {path}: expected `human code: [kruispunt codes]`")
    mapping: dict[str, list[str]] = {}
    for key, value in raw.items():
        values = [value] if isinstance(value, str) else value
        if (
            not isinstance(key, str)
            or not isinstance(values, list)
            or not all(isinstance(v, str) for v in values)
        ):
            raise KruispuntError(
                f"compare.mapping {path}: {key!r}: {value!r} is not a code name with a list "
                "of code names (put names such as yes, no or 2024 in quotes)"
            )
        mapping[key.strip()] = [v.strip() for v in values]
    return mapping


def make_pairs(
    coded: pd.DataFrame, mapping: dict[str, list[str]] | None, min_pair_overlap: float
) -> pd.DataFrame:
    """The pairs of (coder, code) to compare.

    Args:
        coded: `code_units` output with a `side` column (human | kruispunt): side, coder,
            code, unit_id.
        mapping: `load_mapping` output, or None (pairs by name, else proposed).
        min_pair_overlap: Least Jaccard overlap of the two codes' units for a proposed pair.

    Returns:
        Columns kind, coder_a, code_a, coder_b, code_b, paired_by (the first six columns of
        `agreement`): human-kruispunt pairs for each human coder and code (coder a the
        human), then human-human pairs (coder a first by name). A code is paired with a
        mapped kruispunt code even when that code coded no unit.
    """
    human = coded[coded["side"] == "human"]
    kp = coded[coded["side"] == KRUISPUNT]
    kp_coders = sorted(kp["coder"].unique()) or [KRUISPUNT]
    lookup = {} if mapping is None else {k.casefold(): v for k, v in mapping.items()}
    rows: list[tuple[str, ...]] = []
    for kp_coder in kp_coders:
        kp_units = kp[kp["coder"] == kp_coder]
        kp_codes = sorted(kp_units["code"].unique())
        for coder, mine in human.groupby("coder", sort=True):
            for code in sorted(mine["code"].unique()):
                found = _paired(code, kp_codes, lookup)
                if found is None:
                    found = _proposed(mine[mine["code"] == code], kp_units, min_pair_overlap)
                rows += [
                    ("human-kruispunt", coder, code, kp_coder, other, how) for other, how in found
                ]
    rows += _human_pairs(human)
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _paired(
    code: str, kp_codes: list[str], lookup: dict[str, list[str]]
) -> list[tuple[str, str]] | None:
    """Pairs of a human code by the mapping or by name; None when neither pairs it."""
    by_fold = {_fold(c): c for c in kp_codes}
    if code.casefold() in lookup:
        targets = lookup[code.casefold()]
        return [(by_fold.get(_fold(t), t), "mapping") for t in targets]
    same_path = [c for c in kp_codes if c.casefold() == code.casefold()]
    if same_path:
        return [(c, "name") for c in same_path]
    same_leaf = [c for c in kp_codes if _leaf(c) == _leaf(code)]
    if same_leaf:
        return [(c, "name") for c in same_leaf]
    return None


def _fold(code: str) -> str:
    """A code path case-folded, without the ` [2]` that keeps QDA code names unique."""
    return UNIQUE_SUFFIX.sub("", code).casefold()


def _leaf(code: str) -> str:
    """The last part of a code path, case-folded."""
    return code.rsplit("/", 1)[-1].strip().casefold()


def _proposed(
    mine: pd.DataFrame, kp_units: pd.DataFrame, min_pair_overlap: float
) -> list[tuple[str, str]]:
    """The kruispunt code with the highest Jaccard of units, if it reaches the threshold.

    Ties go to the code first by name; a Jaccard of zero never pairs.
    """
    units = set(mine["unit_id"])
    if not units or kp_units.empty:
        return []
    both = kp_units[kp_units["unit_id"].isin(units)].groupby("code")["unit_id"].nunique()
    if both.empty:
        return []
    size = kp_units.groupby("code")["unit_id"].nunique()
    jaccard = (both / (size[both.index] + len(units) - both)).sort_index()
    best = jaccard.idxmax()
    if jaccard[best] >= min_pair_overlap:
        return [(best, "proposed")]
    return []


def _human_pairs(human: pd.DataFrame) -> list[tuple[str, ...]]:
    """Each pair of human coders on each code both of them used."""
    codes = {coder: set(g["code"]) for coder, g in human.groupby("coder")}
    rows = []
    for a, b in combinations(sorted(codes), 2):
        rows += [("human-human", a, c, b, c, "name") for c in sorted(codes[a] & codes[b])]
    return rows
