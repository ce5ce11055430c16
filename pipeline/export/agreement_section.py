"""The agreement section of report.html: kruispunt's coding against a researcher's.

Shown only when the compare stage compared a coded project (compare_report.json names
one). It says which project was read and how (unit, min_overlap), gives the agreement
per pair of codes, the confusion heat map of human codes against kruispunt codes, the
units each pair disagrees on with their quotes, and what could not be compared: the
sources that matched no document and the codings that could not be mapped, with reasons.
The template autoescapes every value; the heat map escapes its own labels.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from pipeline.export import figures
from pipeline.export.compare_tables import friendly_agreement, friendly_disagreements
from pipeline.export.inputs import ExportInputs

# The confusion table's "no code" (agreement_confusion contract).
NONE_CODE = "(geen)"

QUOTE_CHARS = 400
PAIR_KEYS = ["kind", "coder_a", "code_a", "coder_b", "code_b"]
MEASURES = ("kappa", "alpha", "precision", "recall", "f1")
UNDEFINED = {
    "kappa": "undefined: neither coder varies (both coded every unit, or neither coded any)",
    "alpha": "undefined: neither coder varies (both coded every unit, or neither coded any)",
    "precision": "undefined: coder b coded no unit with this code",
    "recall": "undefined: coder a coded no unit with this code",
    "f1": "undefined: precision or recall is undefined, or both are 0",
}
SOURCE_COLUMNS = ["source", "doc_id", "matched_by", "similarity", "reason"]
UNMAPPED_COLUMNS = ["selection", "source", "code", "coder", "reason"]


def _missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def measure_cell(name: str, value: object) -> dict[str, str]:
    """A measure as the page shows it: 2 decimals, or `–` with why it is undefined."""
    if _missing(value):
        return {"text": "–", "title": UNDEFINED[name]}
    return {"text": f"{float(value):.2f}", "title": ""}  # type: ignore[arg-type]


def _shorten(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def _pairs(agreement: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for row in friendly_agreement(agreement).to_dict("records"):
        pair = {k: row[k] for k in [*PAIR_KEYS, "paired_by"]}
        pair["units"] = int(row["units"])
        pair["cells"] = [measure_cell(m, row[m]) for m in MEASURES]
        pair["n_disagree"] = int(row["n_a"]) + int(row["n_b"]) - 2 * int(row["n_both"])
        rows.append(pair)
    return rows


def _disagreements(
    pairs: list[dict[str, Any]], disagreements: pd.DataFrame
) -> list[dict[str, Any]]:
    """Per pair with disagreements: its units, coded by whom, with the quote."""
    by_pair = dict(tuple(friendly_disagreements(disagreements).groupby(PAIR_KEYS, sort=False)))
    out = []
    for pair in pairs:
        rows = by_pair.get(tuple(pair[k] for k in PAIR_KEYS))
        if rows is None:
            continue
        units = [
            {
                "doc_id": r["doc_id"],
                "unit_id": r["unit_id"],
                "coded_by": pair["coder_a"] if r["coded_by"] == "a" else pair["coder_b"],
                "code": pair["code_a"] if r["coded_by"] == "a" else pair["code_b"],
                "quote": _shorten(str(r["quote"])),
            }
            for r in rows.to_dict("records")
        ]
        out.append({**{k: pair[k] for k in PAIR_KEYS}, "n": pair["n_disagree"], "units": units})
    return out


def _plain(rows: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    """Rows for the template's table: only `keys`, missing values blank, floats rounded."""
    out = []
    for row in rows:
        clean = {}
        for key in keys:
            value = row.get(key)
            if _missing(value):
                value = ""
            elif isinstance(value, float):
                value = round(value, 2)
            clean[key] = value
        out.append(clean)
    return out


def _codings(report: dict[str, Any]) -> dict[str, Any]:
    counts = report.get("codings") or {}
    total = int(counts.get("total") or 0)
    exactly = int(counts.get("mapped_exactly") or 0)
    mean = counts.get("exact_share_mean")
    return {
        "total": total,
        "mapped": int(counts.get("mapped") or 0),
        "mapped_exactly": exactly,
        "exact_percent": f"{100 * exactly / total:.0f}%" if total else "–",
        "exact_share_mean": "–" if _missing(mean) else f"{float(mean):.2f}",
    }


def agreement_section(inputs: ExportInputs) -> dict[str, Any] | None:
    """Everything the report shows of the comparison with a coded project.

    Args:
        inputs: The stage outputs, with the compare stage's tables and report.

    Returns:
        None when compare_report.json names no coded project; else: project, codebook,
        unit, min_overlap, coders, pairs (per pair its names, paired_by, units, cells:
        the five measures as text and title, and n_disagree), figure (the confusion heat
        map, None without units), disagreements (per pair its units: doc_id, unit_id,
        coded_by (the coder's name), code and quote), matched and unmatched (the
        sources), unmapped (the codings not mapped, with reasons), codings (counts and
        the share mapped exactly) and problems.
    """
    report = inputs.compare_report
    if not report.get("coded_project"):
        return None
    pairs = _pairs(inputs.agreement)
    confusion = _paired_columns(inputs.agreement_confusion, inputs.agreement)
    figure = None
    if len(confusion) and int(confusion["units"].sum()):
        figure = figures.figure_div(figures.confusion_heatmap(confusion), "fig-agreement")
    sources = report.get("sources") or []
    return {
        "project": str(report["coded_project"]),
        "codebook": report.get("codebook") or "",
        "unit": report.get("unit", ""),
        "min_overlap": report.get("min_overlap", ""),
        "coders": [str(c) for c in report.get("coders") or []],
        "pairs": pairs,
        "figure": figure,
        "disagreements": _disagreements(pairs, inputs.disagreements),
        "matched": _plain([s for s in sources if s.get("doc_id")], SOURCE_COLUMNS[:-1]),
        "unmatched": _plain(
            [s for s in sources if not s.get("doc_id")], ["source", "matched_by", "reason"]
        ),
        "unmapped": _plain(report.get("unmapped") or [], UNMAPPED_COLUMNS),
        "codings": _codings(report),
        "problems": [str(p) for p in report.get("problems") or []],
    }


def _paired_columns(confusion: pd.DataFrame, agreement: pd.DataFrame) -> pd.DataFrame:
    """The confusion rows of the kruispunt codes paired with a human code, and `(geen)`.

    A run has dozens of theme codes; the heat map shows those the comparison is about
    (agreement_confusion.csv keeps every code).
    """
    paired = set(agreement.loc[agreement["kind"] == "human-kruispunt", "code_b"])
    if not paired:
        return confusion
    keep = confusion["kruispunt_code"].isin(paired | {NONE_CODE})
    return confusion[keep]
