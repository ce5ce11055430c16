"""Zip files that come out byte-identical on every rerun, so DVC sees no change.

Zip entries carry a date, file mode and creating system; left to `zipfile` they are the
time of writing and the local platform's, so two exports of the same data would differ.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable


def deterministic_zip(entries: Iterable[tuple[str, bytes]], *, stamp: str) -> bytes:
    """Pack entries into a deflated zip with fixed dates and Unix file modes.

    Args:
        entries: Entry name and content, in the order they are written.
        stamp: ISO timestamp used as the date of every entry.

    Returns:
        The zip file.
    """
    date_time = tuple(int(p) for p in re.findall(r"\d+", stamp)[:6])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # rw-r--r--, whoever runs the export
            info.create_system = 3  # Unix, so the mode above is read
            archive.writestr(info, payload)
    return buffer.getvalue()
