"""An entry's bytes, or the reason it is not read.

Symbolic links are never followed, entries that are not regular files are skipped, and the
size limit is checked before anything is read, so a batch never reads more than it allows.
"""

from __future__ import annotations

import errno
import os
import stat

from pipeline.ingest.inventory import (
    BROKEN,
    FILE,
    HIDDEN,
    HIDDEN_FOLDER,
    INSIDE,
    OUTSIDE,
    SYMLINK,
    Entry,
)
from pipeline.ingest.parsed import Unreadable

_LINK_NOTES = {
    INSIDE: "it points into the input folder; the file there is read under its own name",
    OUTSIDE: "it points outside the input folder",
    BROKEN: "it points nowhere, or into a loop",
}


def read_bytes(entry: Entry, *, max_file_mb: float) -> bytes:
    """The bytes of one entry of the input folder.

    Args:
        entry: The entry, from `list_entries`.
        max_file_mb: Size limit in MB (`ingest.max_file_mb`).

    Returns:
        The file's bytes.

    Raises:
        Unreadable: For hidden files and folders, links, entries that are not regular
            files, files over the limit, empty files, and files that cannot be opened.
    """
    if entry.kind in (HIDDEN, HIDDEN_FOLDER):
        raise Unreadable("skipped", "hidden file" if entry.kind == HIDDEN else "hidden folder")
    if entry.kind == SYMLINK:
        raise Unreadable("skipped", f"symbolic link, not followed ({_LINK_NOTES[entry.link]})")
    if entry.kind != FILE:
        raise Unreadable("skipped", "not a regular file")
    if entry.size > max_file_mb * 1e6:
        raise Unreadable(
            "skipped",
            f"larger than the limit: {entry.size / 1e6:.1f} MB > {max_file_mb:g} MB "
            "(ingest.max_file_mb)",
        )
    if entry.size == 0:
        raise Unreadable("skipped", "empty file (0 bytes)")
    try:
        data = _read_regular(entry.path, int(max_file_mb * 1e6))
    except OSError as err:
        if err.errno == errno.ELOOP:  # it became a link since the folder was listed
            raise Unreadable("skipped", "symbolic link, not followed") from None
        raise Unreadable("failed", f"cannot be opened: {err.strerror or err}") from None
    if data is None:
        raise Unreadable("skipped", "not a regular file, or larger than the limit")
    return data


def _read_regular(path, limit: int) -> bytes | None:
    """The bytes of a regular file that is no link, or None when it is not (any more).

    The folder was listed before; what is opened is checked again, so a file swapped for a
    link, a pipe or something larger in the meantime is still not read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    with os.fdopen(os.open(path, flags), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None
