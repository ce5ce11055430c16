"""The ingest cache: what each file was read into, kept by its bytes, reused on reruns.

Reading is the slow part of ingest for PDF and docx files. A rerun over a folder with a few
new transcripts reads only those; every other file's documents row, segments and report row
come from its entry.

An entry's key is a SHA-256 over what decides the result: the cache format, the ingest code
(every module of `pipeline.ingest`), the ingest params, the versions of the reader
libraries, the file's name in the folder (it becomes the doc_id) and the SHA-256 of its
bytes. The folder itself is not part of the key: a moved folder is not read again, and its
documents get their new source_path. Entries are JSON files at
`<cache_dir>/<key[:2]>/<key>.json`, written to a temporary name and renamed; an entry that
cannot be read, or that names another key, is a miss.

Entries hold the text as it is in the files, before pseudonymisation (which works on the
whole corpus, so it cannot be cached per file). With pseudonymisation on, the cache is a
private one (`private_cache_dir`): it lives in the private folder next to the pseudonym key,
never under a run's output folder, and its folders and entries are owner-only.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.fingerprint import code_fingerprint
from pipeline.ingest.parsed import FileResult
from pipeline.params import IngestParams
from pipeline.tables import atomic_path

if TYPE_CHECKING:
    from pipeline.ingest.inventory import Entry

# Bump when the entry layout changes, so old entries are never read as new ones.
CACHE_FORMAT = 1
READER_PACKAGES = ("pypdf", "pdfplumber", "pdfminer.six", "python-docx", "langdetect")
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def make_private_dir(folder: Path) -> Path:
    """Create a folder (and its missing parents) readable by its owner alone.

    Args:
        folder: The folder.

    Returns:
        The folder, with mode 0o700 even when it existed before.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    os.chmod(folder, PRIVATE_DIR_MODE)
    return folder


def private_cache_dir(private: Path, cache_dir: Path | None) -> Path | None:
    """Where the ingest cache goes when pseudonymisation is on: inside the private folder.

    Args:
        private: The private folder (the pseudonym key's), never under a run's output.
        cache_dir: The ingest cache asked for; None (no cache) stays None.

    Returns:
        `<private>/cache/ingest`, created owner-only, or None.
    """
    if cache_dir is None:
        return None
    make_private_dir(private)
    make_private_dir(private / "cache")
    return make_private_dir(private / "cache" / "ingest")


@functools.cache
def _code_hash() -> str:
    """Fingerprint of the ingest code and the reader libraries' versions."""
    return code_fingerprint(sorted(Path(__file__).parent.rglob("*.py")), READER_PACKAGES)


class IngestCache:
    """Per-file ingest results on disk, keyed by content, file name, code and params.

    Args:
        directory: Folder of the entries; None turns the cache off.
        params: The ingest parameters (they change how a file is split and flagged).
        private: Create folders and entries owner-only; on whenever `params.pseudonymize`
            is, as the entries then hold the names that pseudonymisation removes later.
    """

    def __init__(self, directory: Path | None, params: IngestParams, *, private: bool = False):
        self.directory = None if directory is None else Path(directory)
        self.private = private or params.pseudonymize
        self._identity = json.dumps(
            {"format": CACHE_FORMAT, "code": _code_hash(), "params": params.model_dump()},
            sort_keys=True,
            default=str,
        )

    def key(self, entry: Entry, sha256: str) -> str:
        """The key of one file: its name in the folder and the hash of its bytes."""
        digest = hashlib.sha256(self._identity.encode())
        for value in (entry.rel, str(entry.escaped_name), sha256):
            encoded = value.encode("utf-8", "surrogateescape")
            digest.update(len(encoded).to_bytes(8, "little") + encoded)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        """The cached result of `key`, or None without a valid entry."""
        if self.directory is None:
            return None
        try:
            stored = json.loads(self._path(key).read_text(encoding="utf-8"))
            if stored.get("key") != key:
                raise ValueError("an entry of another key")
            return FileResult(stored["report"], stored["document"], stored["segments"])
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            with contextlib.suppress(OSError):
                self._path(key).unlink(missing_ok=True)  # never trusted again
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store one file's result atomically (a no-op when the cache is off).

        A cache that cannot be written (a read-only or full disk) is skipped: the file is
        simply read again next time.
        """
        if self.directory is None:
            return
        stored = {
            "key": key,
            "report": result.report,
            "document": result.document,
            "segments": result.segments,
        }
        text = json.dumps(stored, ensure_ascii=False, default=_plain)
        with contextlib.suppress(OSError):
            if self.private:
                make_private_dir(self._path(key).parent)
            with atomic_path(self._path(key)) as tmp:
                if self.private:
                    os.chmod(tmp, PRIVATE_FILE_MODE)  # before any byte is written
                tmp.write_text(text, "utf-8")


def _plain(value: object) -> object:
    """Numpy scalars as Python numbers, for JSON."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot store {type(value).__name__} in the ingest cache")
