"""The export stage: coded tables, a workbook, REFI-QDA files and the HTML report.

`pipeline.export.folder.export_reports` writes the `reports/` folder; the other modules hold
one output each.
"""
