"""An entry's bytes, or the reason it is not read.

Symbolic links are never followed, entries that are not regular files are skipped, and the
size limit is checked before anything is read, so a batch never reads more than it allows.
"""

from __future__ import annotations

from pipeline.ingest.inventory import BROKEN, FILE, INSIDE, OUTSIDE, SYMLINK, Entry
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
        Unreadable: For links, entries that are not regular files, files over the limit,
            empty files, and files that cannot be opened.
    """
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
        return entry.path.read_bytes()
    except OSError as err:
        raise Unreadable("failed", f"cannot be opened: {err.strerror or err}") from None
