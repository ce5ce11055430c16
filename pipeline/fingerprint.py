"""Fingerprints of code and installed packages, for caches that must miss when either changes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path


def code_fingerprint(files: Iterable[Path], packages: Iterable[str]) -> str:
    """First 16 hex digits of a SHA-256 over source files and package versions.

    Args:
        files: Source files, in a fixed order; each adds its name and its bytes.
        packages: Distribution names; each adds its installed version, or that it is
            missing.

    Returns:
        The fingerprint: editing a file or upgrading a package changes it.
    """
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + file.read_bytes())
    for package in packages:
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    return digest.hexdigest()[:16]
