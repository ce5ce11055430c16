"""Scratch folders of the export: under the output folder, never in the system temp folder.

XlsxWriter's constant-memory mode streams each sheet to temporary files before it zips
the workbook. Those files hold transcript text, so they live in a hidden folder of the
run's own `reports/` (owner-only, like any file under `--out` that is not yet complete),
named after the process that made it. A process that is killed leaves its folder behind;
the next export removes every such folder whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREFIX = ".kruispunt-xlsx-"


@contextlib.contextmanager
def scratch_dir(parent: Path) -> Iterator[Path]:
    """Make a private scratch folder under `parent` and remove it afterwards.

    Args:
        parent: The folder to make it in (the reports folder).

    Yields:
        The scratch folder, `<parent>/.kruispunt-xlsx-<pid>-<random>`, mode 0700.
    """
    parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive, and not ours to judge
        return True
    return True


def remove_stale_scratch(parent: Path) -> list[Path]:
    """Remove the scratch folders under `parent` left by processes that no longer run.

    Args:
        parent: The folder that `scratch_dir` was given (the reports folder).

    Returns:
        The folders removed. A folder of a process that still runs (an export writing
        to the same folder right now) is kept.
    """
    removed = []
    for path in sorted(parent.glob(f"{PREFIX}*")) if parent.is_dir() else []:
        pid_text = path.name.removeprefix(PREFIX).split("-", 1)[0]
        if not path.is_dir() or (pid_text.isdigit() and _alive(int(pid_text))):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
