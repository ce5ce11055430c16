"""Parameters of the export stage."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from pipeline.params.base import Section


class ExportParams(Section):
    """Parameters of the export stage.

    Attributes:
        project_name: Name written into the REFI-QDA project and the HTML report.
        user_name: Name of the REFI-QDA user who creates the project, its codings and
            memos. null: the login name of whoever runs the export, or the pseudonym
            `onderzoeker` when `ingest.pseudonymize` is on (`pipeline.export.provenance`).
        creation_date: ISO date and time (`2026-01-01T00:00:00Z`) of every creation and
            modification stamp of the .qdpx, the zip entries, the workbook and the report;
            stored in UTC. null: the time the export runs. Keep it set for byte-identical
            reruns, as params.yaml does.
        network_measure: Association measure that weights the network edges in the report.
        network_top_n: Associates per term shown in the network.
        kwic_sample: KWIC lines per term shown in the report.
        workbook_top_n: Associations per term in the workbook's sheet, in the order of
            associations.csv (0: all); the CSV always holds every pair.
        formula_safe: Prefix an apostrophe to every cell of the reports' CSV and xlsx
            files that starts with `=`, `+`, `-`, `@`, a tab or a carriage return, so a
            spreadsheet program never runs transcript text as a formula (OWASP). false
            writes the raw text, for pure-data use; the tables under data/ are always raw.
        embed_tables: Embed the CSV tables in report.html as data: URLs, for a report that
            travels alone; false links to the CSV files next to it.
    """

    project_name: str = "kruispunt"
    user_name: str | None = None
    creation_date: str | None = None
    network_measure: Literal["log_dice", "pmi", "log_likelihood", "t_score"] = "log_dice"
    network_top_n: int = Field(default=12, ge=1)
    kwic_sample: int = Field(default=10, ge=1)
    workbook_top_n: int = Field(default=20, ge=0)
    formula_safe: bool = True
    embed_tables: bool = False

    @field_validator("creation_date", mode="before")
    @classmethod
    def _utc_timestamp(cls, value: object) -> str | None:
        # REFI-QDA needs an xsd:dateTime; a bad date fails here, naming the key. YAML reads
        # an unquoted date as a date object, which is accepted too.
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        try:
            moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise ValueError(
                f"creation_date must be an ISO date and time such as '2026-01-01T00:00:00Z' "
                f"(got {value!r})"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
