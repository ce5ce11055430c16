"""The export stage over folders: every stage output in, the `reports/` folder out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.layout import Layout
from pipeline.params import Params

if TYPE_CHECKING:
    from pipeline.parallel import Executor


def export(layout: Layout, params: Params, *, executor: Executor | None = None) -> list[Path]:
    """Run the export stage: coded tables, Excel, REFI-QDA files and the HTML report.

    Args:
        layout: Where the stage outputs are read from and `reports/` is written.
        params: Validated parameters (written into the report).
        executor: Where the Excel workbook is built beside the other files (a worker
            process); None builds everything here.

    Returns:
        The files written.
    """
    from pipeline.export.folder import export_reports

    return export_reports(layout, params, executor=executor)
