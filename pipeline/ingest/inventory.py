"""Inventory: every entry of the input folder, sorted, with what kind of entry it is.

Hidden files and folders (names starting with a dot: `.gitignore`, `.DS_Store`, `.dvc`)
are not inputs and are left out. Symbolic links are listed but never followed, so a link
cannot pull files from elsewhere on the disk into a batch.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

FILE, SYMLINK, OTHER = "file", "symlink", "other"


@dataclass(frozen=True)
class Entry:
    """One entry of the input folder.

    Attributes:
        path: The path as it will be read (the input folder joined with `rel`).
        rel: Path relative to the input folder, posix style; it becomes the doc_id.
        kind: `file`, `symlink` (not followed) or `other` (device, socket, pipe).
        size: Size in bytes of a regular file, else 0.
    """

    path: Path
    rel: str
    kind: str
    size: int = 0


def list_entries(input_dir: Path) -> list[Entry]:
    """List the input folder recursively, sorted by relative path.

    Args:
        input_dir: The input folder.

    Returns:
        Entries for regular files, symbolic links (files or folders) and other special
        files; hidden names are left out.

    Raises:
        FileNotFoundError: When the input folder does not exist.
        NotADirectoryError: When it is not a folder.
    """
    input_dir = Path(input_dir)
    if not input_dir.exists():
        raise FileNotFoundError(f"input folder not found: {input_dir}")
    if not input_dir.is_dir():
        raise NotADirectoryError(f"input is not a folder: {input_dir}")
    entries: list[Entry] = []
    for root, dirs, files in os.walk(input_dir, followlinks=False):
        root_path = Path(root)
        kept_dirs = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            if (root_path / name).is_symlink():
                entries.append(_entry(input_dir, root_path / name, SYMLINK))
            else:
                kept_dirs.append(name)
        dirs[:] = kept_dirs
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = root_path / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                entries.append(_entry(input_dir, path, SYMLINK))
            elif stat.S_ISREG(mode):
                entries.append(_entry(input_dir, path, FILE, size=path.lstat().st_size))
            else:
                entries.append(_entry(input_dir, path, OTHER))
    return sorted(entries, key=lambda entry: entry.rel)


def _entry(input_dir: Path, path: Path, kind: str, *, size: int = 0) -> Entry:
    return Entry(path=path, rel=path.relative_to(input_dir).as_posix(), kind=kind, size=size)
