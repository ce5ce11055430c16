"""Parameters of the compare stage: a researcher's coded project, codebook and mapping."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipeline.params.base import Section


class CompareParams(Section):
    """Parameters of the compare stage (`pipeline.compare`).

    Attributes:
        coded_project: A coded REFI-QDA project (`.qdpx`, or a bare `.qde`) from QualCoder,
            ATLAS.ti, NVivo, MAXQDA or kruispunt itself, whose codings are compared with
            kruispunt's. null: nothing is compared (the deductive codebook still codes).
        codebook: The researcher's own codebook, applied deductively to every segment: a
            `.qdc` file (codes matched by their names) or a YAML file of codes with rules
            over lemmas, phrases, near words, focal terms, speakers and sections (README:
            "Coding with your own codebook"). null: no deductive codes.
        mapping: YAML file pairing human codes with kruispunt codes (`human code: [kruispunt
            code, ...]`). null: pairs are proposed by overlap.
        unit: What agreement is counted over: `segment` (turns and paragraphs) or `sentence`.
        min_overlap: Share of a unit a coding must cover to count for that unit, or share
            of a coding that must lie in the unit (a coded word counts for its sentence).
        min_pair_overlap: Proposed pairs: least Jaccard overlap of the units two codes code.
        max_disagreements: Units of disagreement kept per pair, with their quotes.
    """

    coded_project: str | None = None
    codebook: str | None = None
    mapping: str | None = None
    unit: Literal["segment", "sentence"] = "segment"
    min_overlap: float = Field(0.5, gt=0.0, le=1.0)
    min_pair_overlap: float = Field(0.1, ge=0.0, le=1.0)
    max_disagreements: int = Field(20, ge=0)
