"""What a batch run did: the summary `kruispunt run` prints."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.layout import Layout

STAGES = ("ingest", "annotate", "associate", "themes", "compare", "export")


@dataclass
class RunSummary:
    """What a batch run did.

    Attributes:
        out_dir: The output folder (the layout of `pipeline.layout.Layout`).
        executor: Where ingest and annotate ran, such as `2 local processes`.
        files: Input files by ingest status: `ok`, `skipped`, `failed`.
        problems: Report rows of the files skipped or failed, and of the documents left out.
        ingest_cache_hits: Files whose ingest result came from the ingest cache.
        cache_hits: Documents whose tokens came from the annotation cache.
        cache_misses: Documents annotated in this run.
        cache_dir: The cache folder (ingest/ and annotate/ entries).
        seconds: Wall time per stage that ran.
        stopped: Why the run stopped early (strict mode), else empty.
    """

    out_dir: Path
    executor: str = ""
    files: Counter = field(default_factory=Counter)
    problems: list[dict] = field(default_factory=list)
    ingest_cache_hits: int = 0
    cache_hits: int = 0
    cache_misses: int = 0
    cache_dir: Path | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    stopped: str = ""

    @property
    def complete(self) -> bool:
        """Whether every stage ran."""
        return not self.stopped and list(self.seconds) == list(STAGES)

    def lines(self) -> list[str]:
        """The summary as short lines of plain text."""
        layout = Layout(self.out_dir)
        timing = ", ".join(f"{name} {sec:.1f}s" for name, sec in self.seconds.items())
        lines = [
            f"documents: {self.files['ok']} processed, {self.files['skipped']} skipped, "
            f"{self.files['failed']} failed",
            *(f"  {row['status']}: {row['path']}: {row['reason']}" for row in self.problems),
            f"cache: {self.ingest_cache_hits} files and {self.cache_hits} annotated documents "
            f"reused, {self.cache_misses} documents annotated ({self.cache_dir})",
            f"ran on: {self.executor}; {timing} (total {sum(self.seconds.values()):.1f}s)",
        ]
        if self.stopped:
            lines.append(f"stopped: {self.stopped}")
        else:
            lines += [
                f"reports: {layout.reports}",
                f"tables: {layout.interim}, {layout.processed}",
            ]
        return lines
