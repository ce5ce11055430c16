"""The pseudonym key: the one file that links pseudonyms back to people.

It is written only where the caller says, atomically, and readable by its owner alone: the
file gets mode 0o600 and its folder 0o700 before any byte is written. Under `dvc repro` that
is the project's `data/private/pseudonym_key.csv` (git-ignored, no DVC output); `kruispunt
run` writes it to `--key-dir`, which must lie outside `--out` (`run_key_dir`), so sharing an
output folder never shares the key.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from pipeline.errors import KruispuntError
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


def run_key_dir(pseudonymize: bool, out_dir: Path, key_dir: str | Path | None) -> Path | None:
    """The private folder of a batch run, checked to lie outside its output folder.

    Args:
        pseudonymize: Whether the run pseudonymises (`ingest.pseudonymize`).
        out_dir: The run's output folder.
        key_dir: The folder the user gave (`--key-dir`), or None.

    Returns:
        `key_dir` as an absolute path, or None when none was given and none is needed.

    Raises:
        KruispuntError: When pseudonymising without `key_dir`, or with one inside
            `out_dir` (or equal to it).
    """
    if key_dir is None:
        if pseudonymize:
            raise KruispuntError(
                "ingest.pseudonymize is on: give --key-dir DIR, a private folder outside "
                "--out for the pseudonym key (sharing the outputs must not share the key)"
            )
        return None
    private = Path(key_dir).absolute()
    if pseudonymize and private.resolve().is_relative_to(Path(out_dir).absolute().resolve()):
        raise KruispuntError(
            f"--key-dir {key_dir} lies inside --out {out_dir}: keep the pseudonym key apart "
            "from the outputs, in a folder outside it"
        )
    return private
