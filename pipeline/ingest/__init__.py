"""Ingest: transcripts in a folder to documents, speaker turns and a report of every file.

`ingest_folder` is the entry point; the modules hold one concept each: `inventory` (which
files), `encoding` (bytes to normalised text), `readers` (one per format), `pagelayout`
(PDF pages to prose), `cues` (subtitles to turns), `speakers` and `sections` (labels and
headings), `turns` (text to segments), `metadata` (the sidecar) and `report`.
"""

from __future__ import annotations

from pipeline.ingest.folder import IngestResult, ingest_file, ingest_folder
from pipeline.ingest.report import REPORT_KEYS, report_table

__all__ = ["REPORT_KEYS", "IngestResult", "ingest_file", "ingest_folder", "report_table"]
