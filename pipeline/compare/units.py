"""The units agreement is counted over, and which codes cover which unit.

Both sides of a comparison are put on the same units: the segments (turns and paragraphs)
or their sentences. A coder's code counts for a unit when the union of that coder's spans
of that code covers at least `min_overlap` of the unit's characters. Offsets are half-open
`[char_start, char_end)` in `documents.text`, as everywhere in kruispunt.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.errors import KruispuntError

UNIT_COLUMNS = ["unit_id", "doc_id", "seg_id", "char_start", "char_end", "text"]
UNIT_KINDS = ("segment", "sentence")


def build_units(segments: pd.DataFrame, tokens: pd.DataFrame | None, unit: str) -> pd.DataFrame:
    """The units of the corpus: its segments, or the sentences of its segments.

    Args:
        segments: The `segments` table.
        tokens: The `tokens` table; needed only for `unit="sentence"`.
        unit: `segment` or `sentence`.

    Returns:
        One row per unit, columns unit_id (the seg_id, or `<seg_id>@<sent_idx>`), doc_id,
        seg_id, char_start, char_end, text. A sentence spans its first token's start to its
        last token's end; a segment without tokens has no sentence units.

    Raises:
        KruispuntError: `unit` is unknown, or `sentence` is asked without tokens.
    """
    if unit not in UNIT_KINDS:
        raise KruispuntError(f"compare.unit must be one of {', '.join(UNIT_KINDS)}, not {unit!r}")
    if unit == "segment":
        units = segments.assign(unit_id=segments["seg_id"])[UNIT_COLUMNS]
        return units.astype({"char_start": "int64", "char_end": "int64"}).reset_index(drop=True)
    if tokens is None:
        raise KruispuntError("compare.unit: sentence needs the tokens table (run annotate)")
    return _sentence_units(segments, tokens)


def _sentence_units(segments: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Sentence units: token spans grouped by (seg_id, sent_idx), text cut from the segment."""
    spans = (
        tokens.groupby(["seg_id", "sent_idx"], sort=False)
        .agg(char_start=("char_start", "min"), char_end=("char_end", "max"))
        .reset_index()
    )
    seg = segments[["seg_id", "doc_id", "char_start"]].rename(columns={"char_start": "seg_start"})
    spans = spans.merge(seg, on="seg_id", how="inner")
    spans = spans.sort_values(["doc_id", "char_start", "sent_idx"], kind="stable")
    lo = (spans["char_start"] - spans["seg_start"]).to_numpy()
    hi = (spans["char_end"] - spans["seg_start"]).to_numpy()
    # Each segment's text once, not a copy per sentence (an hour-long turn is megabytes).
    texts = dict(zip(segments["seg_id"], segments["text"], strict=True))
    spans["text"] = [texts[s][a:b] for s, a, b in zip(spans["seg_id"], lo, hi, strict=True)]
    spans["unit_id"] = spans["seg_id"] + "@" + spans["sent_idx"].astype(str)
    units = spans[UNIT_COLUMNS].astype({"char_start": "int64", "char_end": "int64"})
    return units.reset_index(drop=True)


def code_units(codings: pd.DataFrame, units: pd.DataFrame, min_overlap: float) -> pd.DataFrame:
    """Which coder coded which unit with which code.

    A coder's spans of one code are merged first (overlaps count once). The code counts for
    a unit when they cover at least `min_overlap` of it, or when at least `min_overlap` of
    one merged span lies in it: a coded word (a term hit) counts for the turn holding it.
    A binary search over the sorted units finds the overlaps (seconds for 100,000 each).

    Args:
        codings: At least coder, code, doc_id, char_start, char_end (`compare_codings`
            rows); a `side` column, when present, is kept and grouped by as well.
        units: `build_units` output.
        min_overlap: Least share of a unit's characters the code must cover, or of a
            span's characters that must lie in the unit (0 < x <= 1).

    Returns:
        One row per (coder, code, unit) where the code counts: columns coder, code,
        unit_id (side first, when `codings` has it). Units of length zero never count;
        codings in documents without units are ignored.
    """
    keys = ["side", "coder", "code"] if "side" in codings.columns else ["coder", "code"]
    out_columns = [*keys, "unit_id"]
    units = units[units["char_end"] > units["char_start"]]
    codings = codings[codings["char_end"] > codings["char_start"]]
    codings = codings[codings["doc_id"].isin(units["doc_id"])]
    if units.empty or codings.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_columns})
    base = _doc_bases(codings, units)
    u_start = units["doc_id"].map(base).to_numpy() + units["char_start"].to_numpy()
    u_end = u_start + (units["char_end"] - units["char_start"]).to_numpy()
    order = np.argsort(u_start, kind="stable")
    u_start, u_end, u_ids = u_start[order], u_end[order], units["unit_id"].to_numpy()[order]
    spans = _merged_spans(codings, keys, base)
    # Units overlapping a span [s, e): start < e and end > s. With the running maximum of
    # the ends, the candidates are one contiguous range per span (exact for disjoint units).
    reach = np.maximum.accumulate(u_end)
    lo = np.searchsorted(reach, spans["s"].to_numpy(), side="right")
    hi = np.searchsorted(u_start, spans["e"].to_numpy(), side="left")
    count = np.maximum(hi - lo, 0)
    span_idx = np.repeat(np.arange(len(spans)), count)
    offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    unit_idx = np.repeat(lo, count) + offsets
    s, e = spans["s"].to_numpy()[span_idx], spans["e"].to_numpy()[span_idx]
    covered = np.minimum(e, u_end[unit_idx]) - np.maximum(s, u_start[unit_idx])
    covered = np.maximum(covered, 0)
    # A span shorter than the unit (a term hit) counts where most of it lies.
    inside = covered / np.maximum(e - s, 1)
    hits = spans.iloc[span_idx][["group"]].assign(unit=unit_idx, covered=covered, inside=inside)
    hits = (
        hits.groupby(["group", "unit"], sort=True)
        .agg(covered=("covered", "sum"), inside=("inside", "max"))
        .reset_index()
    )
    length = u_end[hits["unit"].to_numpy()] - u_start[hits["unit"].to_numpy()]
    share = hits["covered"].to_numpy() / length
    hits = hits[(share >= min_overlap) | (hits["inside"].to_numpy() >= min_overlap)]
    groups = spans.drop_duplicates("group").set_index("group")[keys]
    coded = groups.loc[hits["group"].to_numpy()].reset_index(drop=True)
    coded["unit_id"] = u_ids[hits["unit"].to_numpy()]
    return coded[out_columns]


def _doc_bases(codings: pd.DataFrame, units: pd.DataFrame) -> pd.Series:
    """Per document, an offset that puts every document on one line without overlaps."""
    ends = pd.concat(
        [units.groupby("doc_id")["char_end"].max(), codings.groupby("doc_id")["char_end"].max()]
    )
    width = ends.groupby(level=0).max().astype("int64") + 1
    return width.cumsum() - width


def _merged_spans(codings: pd.DataFrame, keys: list[str], base: pd.Series) -> pd.DataFrame:
    """The union of each group's spans as disjoint sorted spans, in one-line offsets.

    Returns:
        Columns group (an integer per coder and code), the key columns, s, e.
    """
    df = codings[keys].copy()
    df["group"] = codings.groupby(keys, sort=True).ngroup().to_numpy()
    df["s"] = codings["doc_id"].map(base).to_numpy() + codings["char_start"].to_numpy()
    df["e"] = codings["doc_id"].map(base).to_numpy() + codings["char_end"].to_numpy()
    df = df.sort_values(["group", "s"], kind="stable").reset_index(drop=True)
    # A span starts a new run when it begins after every earlier end of its group.
    prev_reach = df.groupby("group")["e"].cummax().groupby(df["group"]).shift(1)
    new_run = prev_reach.isna() | (df["s"] > prev_reach)
    df["run"] = new_run.cumsum()
    merged = df.groupby("run", sort=True).agg(
        group=("group", "first"),
        s=("s", "min"),
        e=("e", "max"),
        **{k: (k, "first") for k in keys},
    )
    return merged.sort_values("s", kind="stable").reset_index(drop=True)
