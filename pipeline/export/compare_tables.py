"""The take-home tables of a comparison with human coding: agreement and disagreements.

The compare stage writes them to `data/processed/` in contract order; the export writes
them to `reports/` (agreement.csv, disagreements.csv, and the workbook sheets
"Overeenstemming" and "Verschillen") in reading order: which pair, how well it agrees,
then the counts. Only a run that compared a coded project (`compare.coded_project`)
writes them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

AGREEMENT_SHEET = "Overeenstemming"
DISAGREEMENT_SHEET = "Verschillen"

AGREEMENT_ORDER = [
    "kind", "coder_a", "code_a", "coder_b", "code_b", "kappa", "alpha", "precision",
    "recall", "f1", "units", "n_a", "n_b", "n_both", "paired_by",
]  # fmt: skip
DISAGREEMENT_ORDER = [
    "kind", "coder_a", "code_a", "coder_b", "code_b", "coded_by", "doc_id", "unit_id",
    "quote", "char_start", "char_end",
]  # fmt: skip
_KIND_RANK = {"human-kruispunt": 0, "human-human": 1}


def has_comparison(compare_report: dict[str, Any]) -> bool:
    """Whether the run compared a coded project (compare_report.json names one)."""
    return bool(compare_report.get("coded_project"))


def _pair_order(table: pd.DataFrame, *extra: str) -> pd.DataFrame:
    keys = ["kind_rank", "code_a", "coder_a", "coder_b", "code_b", *extra]
    ranked = table.assign(kind_rank=table["kind"].map(_KIND_RANK).fillna(2))
    return ranked.sort_values(keys, kind="stable").drop(columns="kind_rank")


def friendly_agreement(agreement: pd.DataFrame) -> pd.DataFrame:
    """The agreement table in reading order.

    Args:
        agreement: The agreement table.

    Returns:
        The same rows and columns: human-kruispunt pairs first, then human-human, each
        by code_a, coder_a, coder_b and code_b; the columns are the pair, the measures
        (kappa, alpha, precision, recall, f1), the counts, and how it was paired.
    """
    return _pair_order(agreement)[AGREEMENT_ORDER].reset_index(drop=True)


def friendly_disagreements(disagreements: pd.DataFrame) -> pd.DataFrame:
    """The disagreements table in reading order: per pair, the units by document and place.

    Args:
        disagreements: The disagreements table.

    Returns:
        The same rows and columns, ordered as the agreement pairs, then by document and
        position; the quote follows the unit.
    """
    ordered = _pair_order(disagreements, "doc_id", "char_start", "unit_id")
    return ordered[DISAGREEMENT_ORDER].reset_index(drop=True)


def compare_sheets(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The workbook sheets of `compare_tables` output, by sheet name ({} for {})."""
    if not tables:
        return {}
    return {AGREEMENT_SHEET: tables["agreement"], DISAGREEMENT_SHEET: tables["disagreements"]}


def compare_tables(
    agreement: pd.DataFrame, disagreements: pd.DataFrame, compare_report: dict[str, Any]
) -> dict[str, pd.DataFrame]:
    """The comparison's take-home tables by file stem, empty without a coded project.

    Args:
        agreement: The agreement table.
        disagreements: The disagreements table.
        compare_report: The compare stage's report (compare_report.json).

    Returns:
        `agreement` and `disagreements` in reading order, or {} when the run compared
        no coded project.
    """
    if not has_comparison(compare_report):
        return {}
    return {
        "agreement": friendly_agreement(agreement),
        "disagreements": friendly_disagreements(disagreements),
    }
