"""Parameters of the export stage."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipeline.params.base import Section


class ExportParams(Section):
    """Parameters of the export stage.

    Attributes:
        project_name: Name written into the REFI-QDA project and the HTML report.
        user_name: Name of the REFI-QDA user that owns the codings.
        creation_date: Fixed ISO timestamp for REFI-QDA headers, so reruns are byte-identical.
        network_measure: Association measure that weights the network edges in the report.
        network_top_n: Associates per term shown in the network.
        kwic_sample: KWIC lines per term shown in the report.
    """

    project_name: str = "kruispunt"
    user_name: str = "kruispunt"
    creation_date: str = "2026-01-01T00:00:00Z"
    network_measure: Literal["log_dice", "pmi", "log_likelihood", "t_score"] = "log_dice"
    network_top_n: int = Field(default=12, ge=1)
    kwic_sample: int = Field(default=10, ge=1)
