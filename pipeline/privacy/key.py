"""The pseudonym key: the one file that links pseudonyms back to people.

It is written only where the caller says (the stages use `data/private/pseudonym_key.csv`,
git-ignored and no DVC output), atomically, and readable by its owner alone: the file gets
mode 0o600 and its folder 0o700 before any byte is written.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from pipeline.tables import atomic_path

KEY_FILE_MODE = 0o600
KEY_DIR_MODE = 0o700


def write_key(key: pd.DataFrame, path: str | Path) -> Path:
    """Write the pseudonym key as CSV with owner-only permissions.

    Args:
        key: Table with columns original, pseudonym, kind and n_replacements.
        path: Target file, normally `data/private/pseudonym_key.csv`.

    Returns:
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=KEY_DIR_MODE)
    os.chmod(path.parent, KEY_DIR_MODE)
    with atomic_path(path) as tmp:
        # mkstemp already creates the file 0o600; set it anyway, whatever the platform did.
        os.chmod(tmp, KEY_FILE_MODE)
        key.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    return path
