"""The export stage over folders: every stage output in, the `reports/` folder out."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.failures import isolate_failures, read_failures, subset_layout, write_failures
from pipeline.layout import CACHE_ROOT, Layout
from pipeline.params import Params
from pipeline.tables import read_table
from pipeline.tempfiles import remove_stale

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
        The files written; the last is `failures.json`, every document the annotate,
        associate, themes or export stage left out, with the reason.
    """
    from pipeline.export.folder import export_reports

    remove_stale(layout.reports, recursive=True)  # a killed run's temporary files
    # A document that makes the stage fail is reported and left out (pipeline.failures):
    # the tries run on filtered copies of the stage outputs, in a scratch folder.
    scratch = layout.root / CACHE_ROOT / "export-subset"
    segments = read_table(layout.interim / "segments.parquet", columns=["doc_id"])
    written, failed = isolate_failures(
        lambda keep: export_reports(
            layout if keep is None else subset_layout(layout, keep, scratch, scratch / "reports"),
            params,
            executor=executor,
        ),
        segments["doc_id"],
        stage="export",
        final=lambda keep: export_reports(
            subset_layout(layout, keep, scratch, layout.reports), params, executor=executor
        ),
    )
    shutil.rmtree(scratch, ignore_errors=True)
    # Every document a later stage left out, in one file researchers take home.
    stages = [(layout.interim, "annotate"), (layout.processed, "associate")]
    stages += [(layout.processed, "themes"), (layout.processed, "compare")]
    failed = read_failures(*zip(*stages, strict=True)) + failed
    write_failures(layout.reports / "failures.json", failed)
    return [*written, layout.reports / "failures.json"]
