r"""Inventory: every entry of the input folder, sorted, with what kind of entry it is.

Hidden files and folders (names starting with a dot: `.gitignore`, `.DS_Store`, `.dvc`)
are not inputs: they are listed, so the report accounts for them, but never read, and a
hidden folder is one entry, not looked into. Symbolic links are listed but never followed, so a link
cannot pull files from elsewhere on the disk (or `/dev/zero`) into a batch; the inventory
notes where each one points, for the report.

A file name that is not valid UTF-8 (a Latin-1 name from an old zip, say) cannot be a
doc_id as it is; its odd bytes are spelled out as `\xNN` and the entry is flagged.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

FILE, SYMLINK, OTHER = "file", "symlink", "other"
HIDDEN, HIDDEN_FOLDER = "hidden", "hidden folder"
INSIDE, OUTSIDE, BROKEN = "inside", "outside", "broken"


@dataclass(frozen=True)
class Entry:
    """One entry of the input folder.

    Attributes:
        path: The path as it will be read (the input folder joined with `rel`).
        rel: Path relative to the input folder, posix style; it becomes the doc_id.
        kind: `file`, `symlink` (not followed), `other` (device, socket, pipe), `hidden`
            (a hidden file, not read) or `hidden folder` (not looked into).
        size: Size in bytes of a regular file, else 0.
        link: For a symbolic link, where it points: `inside` the input folder, `outside`
            it, or `broken` (nowhere, or in a loop); else ''.
        escaped_name: Whether the name was not valid UTF-8 and `rel` spells its bytes out.
    """

    path: Path
    rel: str
    kind: str
    size: int = 0
    link: str = ""
    escaped_name: bool = False


def list_entries(input_dir: Path) -> list[Entry]:
    """List the input folder recursively, sorted by relative path.

    Args:
        input_dir: The input folder.

    Returns:
        Entries for regular files, symbolic links (files or folders), other special
        files, and hidden files and folders (listed, never read). Relative paths are
        unique.

    Raises:
        FileNotFoundError: When the input folder does not exist.
        NotADirectoryError: When it is not a folder.
    """
    input_dir = Path(input_dir)
    if not input_dir.exists():
        raise FileNotFoundError(
            f"input folder not found: {input_dir} (give the folder that holds the transcripts)"
        )
    if not input_dir.is_dir():
        raise NotADirectoryError(
            f"input is not a folder: {input_dir} (give the folder that holds the transcripts)"
        )
    entries: list[Entry] = []
    top = Path(os.path.realpath(input_dir))
    for root, dirs, files in os.walk(input_dir, followlinks=False):
        root_path = Path(root)
        kept_dirs = []
        for name in sorted(dirs):
            if name.startswith("."):
                entries.append(_entry(input_dir, root_path / name, HIDDEN_FOLDER))
                continue
            if (root_path / name).is_symlink():
                entries.append(_entry(input_dir, root_path / name, SYMLINK, top=top))
            else:
                kept_dirs.append(name)
        dirs[:] = kept_dirs
        for name in sorted(files):
            path = root_path / name
            if name.startswith("."):
                entries.append(_entry(input_dir, path, HIDDEN))
                continue
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                entries.append(_entry(input_dir, path, SYMLINK, top=top))
            elif stat.S_ISREG(mode):
                entries.append(_entry(input_dir, path, FILE, size=path.lstat().st_size))
            else:
                entries.append(_entry(input_dir, path, OTHER))
    return _unique(sorted(entries, key=lambda entry: entry.rel))


def printable(path: str) -> str:
    r"""A path as valid UTF-8 text: bytes that are not UTF-8 become `\xNN`."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _entry(
    input_dir: Path, path: Path, kind: str, *, size: int = 0, top: Path | None = None
) -> Entry:
    raw = path.relative_to(input_dir).as_posix()
    rel = printable(raw)
    link = _link_target(path, top) if kind == SYMLINK and top is not None else ""
    return Entry(path=path, rel=rel, kind=kind, size=size, link=link, escaped_name=rel != raw)


def _link_target(path: Path, top: Path) -> str:
    # realpath never raises on loops or dangling links (strict=False); it just stops.
    target = Path(os.path.realpath(path))
    if not os.path.exists(target) or target.is_symlink():
        return BROKEN
    return INSIDE if target.is_relative_to(top) else OUTSIDE


def _unique(entries: list[Entry]) -> list[Entry]:
    # A spelled-out name can clash with a real name that has a backslash in it; the later
    # one gets a numbered stem, so that every doc_id stays unique.
    seen: set[str] = set()
    unique = []
    for entry in entries:
        rel = PurePosixPath(entry.rel)
        number = 1
        while str(rel) in seen:
            number += 1
            rel = rel.with_stem(f"{PurePosixPath(entry.rel).stem}~{number}")
        if str(rel) != entry.rel:
            entry = replace(entry, rel=str(rel), escaped_name=True)
        seen.add(entry.rel)
        unique.append(entry)
    return unique
