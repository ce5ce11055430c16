"""On-disk cache of context embeddings, so re-clustering with new params is cheap.

An entry is one safetensors file named after a SHA-256 over the backend's settings and the
exact strings it embeds (in context_id order). It holds the embeddings and the fitted
embedder's tensors; the embedder's JSON config sits in the file's metadata. Safetensors
holds plain arrays only, so reading a cache entry can never run code. Any change of input
or backend gives a new key; changing only clustering params finds the old entry.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
from safetensors import safe_open
from safetensors.numpy import save_file

from pipeline.tables import atomic_path
from pipeline.themes.backends.registry import embedder_from_state

# Bump when the embedding code changes what it computes for the same inputs.
CACHE_VERSION = "1"
# Entries kept in the folder; older ones are removed (newest by modification time stay).
KEEP_ENTRIES = 5


def cache_key(embedder, inputs: list[str]) -> str:
    """Key of the embeddings of `inputs` under `embedder`'s settings.

    Args:
        embedder: An unfitted embedder (its settings are read, not its fit).
        inputs: The strings the embedder will embed, in order.

    Returns:
        64 hex digits.
    """
    settings = {
        "version": CACHE_VERSION,
        "backend": embedder.backend,
        **{k: v for k, v in vars(embedder).items() if isinstance(v, str | int | float | bool)},
    }
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode("utf-8"))
    for text in inputs:
        # Length-prefixed so that ["a b", "c"] and ["a", "b c"] differ.
        encoded = text.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "little"))
        digest.update(encoded)
    return digest.hexdigest()


def _read(path: Path):
    with safe_open(str(path), framework="np") as handle:
        config = json.loads(handle.metadata()["config"])
        tensors = {name: handle.get_tensor(name) for name in handle.keys()}  # noqa: SIM118
    embeddings = tensors.pop("embeddings")
    state = {name.removeprefix("embedder."): value for name, value in tensors.items()}
    return embedder_from_state(config, state), embeddings


def _write(path: Path, embedder, embeddings: np.ndarray) -> None:
    tensors = {"embeddings": np.ascontiguousarray(embeddings, dtype=np.float32)}
    tensors |= {f"embedder.{k}": np.ascontiguousarray(v) for k, v in embedder.tensors().items()}
    metadata = {"config": json.dumps(embedder.config(), ensure_ascii=False, sort_keys=True)}
    with atomic_path(path) as tmp:
        save_file(tensors, str(tmp), metadata=metadata)


def _prune(folder: Path, keep: Path) -> None:
    entries = sorted(folder.glob("*.safetensors"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        if old != keep:
            old.unlink(missing_ok=True)


def embed_contexts(
    embedder, contexts: pd.DataFrame, *, cache_dir: str | Path | None = None
) -> tuple[object, np.ndarray, bool]:
    """Fit the embedder and embed the contexts, or read both from the cache.

    Args:
        embedder: An unfitted embedder from `make_embedder`.
        contexts: The contexts table, in the order the embeddings should have.
        cache_dir: Folder of the cache; None computes without caching.

    Returns:
        The fitted embedder, the embeddings (one float32 row per context) and whether
        they came from the cache.
    """
    inputs = embedder.inputs(contexts)
    path = None
    if cache_dir is not None:
        path = Path(cache_dir) / f"{cache_key(embedder, inputs)}.safetensors"
        if path.exists():
            fitted, embeddings = _read(path)
            if embeddings.shape[0] == len(contexts):
                path.touch()  # keep recently used entries through pruning
                return fitted, embeddings, True
    fitted = embedder.fit(contexts)
    embeddings = fitted.transform(contexts)
    if path is not None:
        _write(path, fitted, embeddings)
        _prune(path.parent, keep=path)
    return fitted, embeddings, False
