"""Reading and writing tables: validated against their contract, written atomically.

A file is written to a temporary name in the same folder and then renamed over the
target, so a reader sees either the old complete file or the new complete file, never a
half-written one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline import tempfiles
from pipeline.errors import MissingInputError
from pipeline.schemas import SCHEMAS


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to `path` and rename it over `path` on success.

    Args:
        path: The final location of the file.

    Yields:
        A temporary path in the same folder to write to. It is removed if the block fails.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    # Locked until the rename: a temporary file nobody holds is a killed run's, which
    # `pipeline.tempfiles.remove_stale` deletes.
    tempfiles.lock(fd)
    tmp_path = Path(tmp)
    # mkstemp creates owner-only files; outputs are ordinary files, so honour the umask.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_path, 0o666 & ~umask)
    try:
        yield tmp_path
        with open(tmp_path, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)
        os.close(fd)


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write bytes atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_text(path: str | Path, text: str) -> None:
    """Write UTF-8 text with newline line ends atomically."""
    write_bytes(path, text.encode("utf-8"))


def write_json(path: str | Path, data: Any) -> None:
    """Write JSON atomically, with sorted keys so reruns are byte-identical."""
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def read_json(path: str | Path) -> Any:
    """Read a JSON file."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def validate(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Validate a table against its declared schema and coerce its dtypes.

    Args:
        df: The table.
        name: Name of the contract in `pipeline.schemas.SCHEMAS`.

    Returns:
        The validated table with coerced dtypes.
    """
    return SCHEMAS[name].validate(df, lazy=True)


def _writer(path: Path) -> Callable[[pd.DataFrame, Path], None]:
    if path.suffix == ".parquet":
        return lambda df, tmp: df.to_parquet(tmp, index=False, engine="pyarrow")
    if path.suffix == ".csv":
        return lambda df, tmp: df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    raise ValueError(f"unsupported table format: {path.suffix} (use .parquet or .csv)")


def write_table(df: pd.DataFrame, path: str | Path, name: str | None = None) -> pd.DataFrame:
    """Validate a table (when it has a contract) and write it atomically.

    Args:
        df: The table.
        path: Target file; `.parquet` or `.csv`.
        name: Contract name; None for tables without a declared schema (matrices).

    Returns:
        The table as written.
    """
    path = Path(path)
    if name is not None:
        df = validate(df, name)
    df = df.reset_index(drop=True)
    with atomic_path(path) as tmp:
        _writer(path)(df, tmp)
    return df


def read_table(
    path: str | Path, name: str | None = None, *, columns: list[str] | None = None
) -> pd.DataFrame:
    """Read a table and validate it against its contract.

    Args:
        path: A `.parquet` or `.csv` file.
        name: Contract name; None to skip validation.
        columns: Read only these columns of a `.parquet` file (not validated then).

    Returns:
        The table.

    Raises:
        MissingInputError: If the file does not exist.
    """
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(
            f"{path} not found: run the earlier stages first "
            "(`dvc repro` or `kruispunt run` runs them in order)"
        )
    if columns is not None:
        return pd.read_parquet(path, columns=columns)
    if path.suffix == ".parquet":
        df = pd.read_parquet(path)
    elif path.suffix == ".csv":
        df = pd.read_csv(path, keep_default_na=False, na_values=[""], encoding="utf-8")
        if name is not None:
            df = _restore_empty_strings(df, name)
    else:
        raise ValueError(f"unsupported table format: {path.suffix}")
    return validate(df, name) if name is not None else df


def _restore_empty_strings(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """CSV cannot tell an empty string from a missing value; the contract can."""
    for column, spec in SCHEMAS[name].columns.items():
        if column in df and not spec.nullable and str(spec.dtype).startswith(("str", "string")):
            df[column] = df[column].fillna("")
    return df
