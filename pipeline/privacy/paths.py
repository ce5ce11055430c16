"""Names in file names: `interview_fatima.txt` must not carry a name into every table.

doc_id is the path of a file relative to the input folder and every seg_id starts with it,
so a name in a file name would reach every output. Known names are replaced in doc_id,
source_path and seg_id alike, matched in any case and with `_`, `-`, `.` or spaces between
their words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd


def path_regex(forms: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for name forms inside paths, or None when there are none.

    Args:
        forms: Names and short forms of names ("Fatima el Amrani", "Fatima").

    Returns:
        A case-insensitive pattern whose matches are bounded by non-letters.
    """
    patterns = sorted(
        {r"[\s_.-]+".join(map(re.escape, f.split())) for f in forms if len(f) > 2},
        key=lambda p: (-len(p), p),
    )
    if not patterns:
        return None
    return re.compile(r"(?i)(?<![^\W_])(?:" + "|".join(patterns) + r")(?![^\W_])")


def _unique(names: list[str], originals: list[str]) -> list[str]:
    """Keep renamed paths distinct: a clash keeps the original path of the later file."""
    seen: set[str] = set()
    out = []
    for new, old in zip(names, originals, strict=True):
        out.append(old if new in seen else new)
        seen.add(out[-1])
    return out


def rename_paths(
    documents: pd.DataFrame,
    segments: pd.DataFrame,
    *,
    regex: re.Pattern[str] | None,
    pseudonym: Callable[[str], str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Replace names in doc_id, source_path and seg_id.

    Args:
        documents: Documents table.
        segments: Segments table whose doc_id and seg_id follow `documents.doc_id`.
        regex: Pattern of name forms (see `path_regex`); None leaves the tables as they are.
        pseudonym: Gives the pseudonym for a matched name; spaces become underscores.

    Returns:
        The documents and segments with renamed paths and keys.
    """
    if regex is None:
        return documents, segments

    def rename(path: str) -> str:
        return regex.sub(lambda m: pseudonym(m.group()).replace(" ", "_"), path)

    old_ids = list(documents["doc_id"])
    new_ids = _unique([rename(d) for d in old_ids], old_ids)
    if new_ids == old_ids and not any(regex.search(p) for p in documents["source_path"]):
        return documents, segments
    mapping = dict(zip(old_ids, new_ids, strict=True))
    documents = documents.assign(
        doc_id=new_ids, source_path=[rename(p) for p in documents["source_path"]]
    )
    segments = segments.assign(
        doc_id=segments["doc_id"].map(mapping),
        seg_id=[
            mapping[d] + s[len(d) :] if s.startswith(d) else rename(s)
            for d, s in zip(segments["doc_id"], segments["seg_id"], strict=True)
        ],
    )
    return documents, segments
