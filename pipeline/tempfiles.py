"""Temporary files of atomic writes, and the ones a killed run left behind.

Every stage output and cache entry is written to a temporary `.<name>.<random>.tmp` next
to it and renamed when complete (`pipeline.tables.atomic_path`). The writer holds an
exclusive lock (`flock`) on its temporary file until the rename, and the system drops that
lock when the writing process dies, however it dies. So a temporary file nobody holds a
lock on belongs to a run that was killed: `remove_stale` deletes those, and leaves alone
the files of a run that is still writing (two runs may share one cache).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; files are then left alone
    fcntl = None  # type: ignore[assignment]

# A temporary file younger than this may be between its creation and its writer's lock.
MIN_AGE_SECONDS = 2.0


def lock(fd: int) -> None:
    """Hold an exclusive lock on an open temporary file (until it is closed)."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def _unlocked(path: Path) -> bool:
    """Whether nobody holds the lock of `path` (it is taken and released at once)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    else:
        return True
    finally:
        os.close(fd)


def remove_stale(
    folder: str | Path, *, names: Iterable[str] | None = None, recursive: bool = False
) -> list[Path]:
    """Delete the temporary files a killed run left in `folder`.

    Args:
        folder: An output or cache folder (nothing happens when it does not exist).
        names: Only the temporary files of these output names (`.<name>.*.tmp`), for a
            folder that other stages write too; None for every temporary file.
        recursive: Look in the subfolders as well (cache folders).

    Returns:
        The files deleted.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    pattern = "**/.*.tmp" if recursive else ".*.tmp"
    prefixes = None if names is None else tuple(f".{name}." for name in names)
    now = time.time()
    removed = []
    for path in sorted(folder.glob(pattern)):
        if prefixes is not None and not path.name.startswith(prefixes):
            continue
        try:
            young = now - path.lstat().st_mtime < MIN_AGE_SECONDS
        except OSError:
            continue
        if path.is_file() and not path.is_symlink() and not young and _unlocked(path):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
