"""Per-document failures: a document that breaks a stage is reported and left out.

A stage runs over all its documents at once. When that raises, `isolate_failures` looks
for the documents that fail on their own, by halving the set of documents (so k bad
documents among n cost about 2k·log2(n) extra tries, and a run without failures costs
nothing extra), and then runs the stage over the others. Each document left out gets a
failure row, `{"stage", "doc_id", "reason"}`, that the stage writes to its
`<stage>_failures.json` (`write_failures`) and `kruispunt run` prints. An error that no
single document causes, or that every document causes, is a bug in the stage and is
raised as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd

from pipeline.layout import TABLE_FILES, Layout
from pipeline.tables import read_json, read_table, write_bytes, write_json, write_table

T = TypeVar("T")

FAILURE_KEYS = ("stage", "doc_id", "reason")


def failures_path(folder: Path, stage: str) -> Path:
    """Where a stage writes its failure rows: `<folder>/<stage>_failures.json`."""
    return Path(folder) / f"{stage}_failures.json"


def failure_row(stage: str, doc_id: str, reason: str) -> dict:
    """One document a stage left out, and why."""
    return {"stage": stage, "doc_id": str(doc_id), "reason": reason}


def reason_of(err: BaseException) -> str:
    """A plain one-line reason for an exception (its type and the start of its message)."""
    message = " ".join(str(err).split())[:200]
    return f"{type(err).__name__}: {message}" if message else type(err).__name__


def only(table: pd.DataFrame, keep: Collection[str] | None) -> pd.DataFrame:
    """The rows of `table` whose doc_id is in `keep` (all rows when `keep` is None)."""
    if keep is None or "doc_id" not in table.columns:
        return table
    return table[table["doc_id"].isin(list(keep))].reset_index(drop=True)


def isolate_failures(
    run: Callable[[Collection[str] | None], T],
    doc_ids: Iterable[str],
    *,
    stage: str,
    final: Callable[[Collection[str]], T] | None = None,
) -> tuple[T, list[dict]]:
    """Run a stage over every document; leave out, and report, those that make it fail.

    Args:
        run: The stage over a set of documents: `run(None)` over all of them, `run(ids)`
            over those doc_ids only. It may run several times, so it writes no outputs
            (or writes them over again).
        doc_ids: Every document of the stage's input, in order.
        stage: The stage's name, for the failure rows.
        final: The run over the documents that did not fail, when it differs from `run`
            (the export writes its tries elsewhere); None uses `run`.

    Returns:
        The result over the documents that did not fail, and one failure row per document
        left out (none when everything ran).

    Raises:
        Exception: The stage's own error when no single document causes it, when every
            document does (a broken stage), or when the stage still fails without the
            failing documents.
    """
    try:
        return run(None), []
    except Exception as err:
        first = err
    ids = list(dict.fromkeys(str(doc_id) for doc_id in doc_ids))
    failing = _failing_documents(run, ids)
    if not failing or len(failing) == len(ids):
        # No document fails alone, or every one does: the stage is broken, not a document.
        raise first
    kept = [doc_id for doc_id in ids if doc_id not in failing]
    result = (final or run)(kept)
    rows = [failure_row(stage, doc_id, reason) for doc_id, reason in failing.items()]
    return result, sorted(rows, key=lambda row: row["doc_id"])


def _failing_documents(run: Callable[[Collection[str]], object], ids: list[str]) -> dict:
    """The documents that fail on their own, with the reason, found by halving."""
    failing: dict[str, str] = {}
    groups = [ids[len(ids) // 2 :], ids[: len(ids) // 2]] if len(ids) > 1 else [ids]
    while groups:
        group = groups.pop()
        if not group:
            continue
        try:
            run(group)
        except Exception as err:  # the document(s) that raise are what is looked for
            if len(group) == 1:
                failing[group[0]] = reason_of(err)
            else:
                half = len(group) // 2
                groups += [group[half:], group[:half]]
    return failing


def write_failures(path: Path, rows: list[dict]) -> None:
    """Write a stage's failure rows (an empty list when nothing failed)."""
    write_json(path, [{key: row[key] for key in FAILURE_KEYS} for row in rows])


def read_failures(folders: Iterable[Path], stages: Iterable[str]) -> list[dict]:
    """Every failure row the stages wrote, stage by stage (missing files count as none)."""
    rows: list[dict] = []
    for folder, stage in zip(folders, stages, strict=True):
        path = failures_path(folder, stage)
        if path.exists():
            rows += read_json(path)
    return rows


def subset_layout(layout: Layout, keep: Collection[str], scratch: Path, reports: Path) -> Layout:
    """A copy of a run's stage outputs holding only the rows of some documents.

    Tables with a doc_id column are filtered, the others (associations, the codebook)
    and the JSON side files are copied as they are; for re-running the export stage over
    the documents that did not fail.

    Args:
        layout: The run's layout.
        keep: The doc_ids to keep.
        scratch: An empty or disposable folder for the copy.
        reports: Where the copy's `reports` folder is.

    Returns:
        A layout rooted at `scratch`, its reports in `reports`.
    """
    subset = _SubsetLayout(root=scratch, reports_dir=reports)
    for name, (folder, file_name) in TABLE_FILES.items():
        source = getattr(layout, folder) / file_name
        if source.exists():
            table = only(read_table(source, name), keep)
            write_table(table, getattr(subset, folder) / file_name, name)
    for folder in ("interim", "processed", "metrics"):
        for source in sorted(getattr(layout, folder).glob("*.json")):
            write_bytes(getattr(subset, folder) / source.name, source.read_bytes())
    return subset


@dataclass(frozen=True)
class _SubsetLayout(Layout):
    """A layout whose reports folder lies elsewhere than under its root."""

    reports_dir: Path = Path("reports")

    @property
    def reports(self) -> Path:
        """Where this layout's reports go."""
        return self.reports_dir


def failed_rows(reports: Path) -> list[dict]:
    """The export's `failures.json` as rows of the run summary's problems list."""
    rows = read_json(Path(reports) / "failures.json")
    return [
        {"status": "failed", "path": row["doc_id"], "reason": f"{row['stage']}: {row['reason']}"}
        for row in rows
    ]
