"""Contracts of the compare tables: deductive codings, both sides' codings, agreement."""

from __future__ import annotations

from pandera.pandas import Check, DataFrameSchema

from pipeline.schemas.base import FLOAT, INT, STR, col, offsets_ordered

SIDES = ["human", "kruispunt"]
AGREEMENT_KINDS = ["human-kruispunt", "human-human"]
PAIRED_BY = ["mapping", "name", "proposed"]

DEDUCTIVE_CODINGS = DataFrameSchema(
    {
        "coding_id": col(STR, "Stable key `<seg_id>@<sent_start>/<code>`.", unique=True),
        "code": col(STR, "Code of the researcher's codebook (`parent/child` for a sub-code)."),
        "doc_id": col(STR, "Document."),
        "seg_id": col(STR, "Segment."),
        "sent_start": col(INT, "First coded sentence (sent_idx) of the segment."),
        "sent_end": col(INT, "Sentence after the coded run (exclusive)."),
        "char_start": col(INT, "Start offset in documents.text."),
        "char_end": col(INT, "End offset (exclusive) in documents.text."),
        "rules": col(STR, "The rules that matched, `;`-separated (`lemmas:zelfredzaam*`)."),
        "matched": col(STR, "The words that matched, as in the text, `;`-separated."),
    },
    strict=True,
    ordered=True,
    checks=Check(offsets_ordered, name="char_start <= char_end"),
    name="deductive_codings",
)

COMPARE_CODINGS = DataFrameSchema(
    {
        "side": col(STR, "human (the coded project) or kruispunt.", checks=Check.isin(SIDES)),
        "coder": col(STR, "The project's user who coded it, or `kruispunt`."),
        "code": col(STR, "Code path, parent names first, `/`-joined."),
        "selection": col(STR, "GUID of the project's selection, or kruispunt's key."),
        "source": col(STR, "Name of the project's source (kruispunt: the doc_id)."),
        "doc_id": col(STR, "Document the coding was mapped to."),
        "char_start": col(INT, "Start offset in documents.text."),
        "char_end": col(INT, "End offset (exclusive) in documents.text."),
        "exact_share": col(
            FLOAT,
            "Share of the coding's characters mapped to identical characters (1: exact).",
            checks=Check.in_range(0.0, 1.0),
        ),
    },
    strict=True,
    ordered=True,
    checks=Check(offsets_ordered, name="char_start <= char_end"),
    name="compare_codings",
)

AGREEMENT = DataFrameSchema(
    {
        "kind": col(
            STR,
            "human-kruispunt, or human-human between two coders of the project.",
            checks=Check.isin(AGREEMENT_KINDS),
        ),
        "coder_a": col(STR, "Reference coder (the human)."),
        "code_a": col(STR, "Code of coder a."),
        "coder_b": col(STR, "Other coder: `kruispunt`, or a second human."),
        "code_b": col(STR, "Code of coder b."),
        "paired_by": col(
            STR,
            "mapping (the mapping file), name (same code name) or proposed (overlap).",
            checks=Check.isin(PAIRED_BY),
        ),
        "units": col(INT, "Units both coders were compared on."),
        "n_a": col(INT, "Units coder a coded with code_a."),
        "n_b": col(INT, "Units coder b coded with code_b."),
        "n_both": col(INT, "Units both coded."),
        "kappa": col(FLOAT, "Cohen's kappa (null when it is undefined).", nullable=True),
        "alpha": col(FLOAT, "Krippendorff's alpha, nominal (null: undefined).", nullable=True),
        "precision": col(FLOAT, "n_both / n_b, coder a as reference.", nullable=True),
        "recall": col(FLOAT, "n_both / n_a.", nullable=True),
        "f1": col(FLOAT, "Harmonic mean of precision and recall.", nullable=True),
    },
    strict=True,
    ordered=True,
    name="agreement",
)

AGREEMENT_CONFUSION = DataFrameSchema(
    {
        "human_code": col(STR, "Human code, or `(geen)` for units the humans left uncoded."),
        "kruispunt_code": col(STR, "kruispunt code, or `(geen)`."),
        "units": col(INT, "Units coded with both (by any human coder).", checks=Check.ge(0)),
    },
    strict=True,
    ordered=True,
    name="agreement_confusion",
)

DISAGREEMENTS = DataFrameSchema(
    {
        "kind": col(STR, "As in agreement.", checks=Check.isin(AGREEMENT_KINDS)),
        "coder_a": col(STR, "Reference coder."),
        "code_a": col(STR, "Code of coder a."),
        "coder_b": col(STR, "Other coder."),
        "code_b": col(STR, "Code of coder b."),
        "coded_by": col(
            STR, "Who coded the unit: a or b (the other did not).", checks=Check.isin(["a", "b"])
        ),
        "unit_id": col(STR, "The unit: a seg_id, or `<seg_id>@<sent_idx>`."),
        "doc_id": col(STR, "Document."),
        "char_start": col(INT, "Start offset of the unit in documents.text."),
        "char_end": col(INT, "End offset (exclusive)."),
        "quote": col(STR, "The unit's text."),
    },
    strict=True,
    ordered=True,
    name="disagreements",
)
