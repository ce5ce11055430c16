"""The fitted theme model on disk: BERTopic in safetensors, the embedder beside it, no pickles.

A model folder holds:

- BERTopic's own safetensors serialisation: `config.json`, `topics.json`,
  `topic_embeddings.safetensors`, `ctfidf.safetensors` and `ctfidf_config.json`. It is
  saved without an embedding model, because BERTopic can only point to a Hugging Face
  model there, and would try to fetch it on load.
- `embedder.safetensors`: the fitted embedding backend (for tfidf-svd the idf weights and
  SVD components; its JSON config, with the vocabulary, in the file's metadata).
- `kruispunt_themes.json`: theme codes, the regime and the params used.

`ThemeModel.load` reads all of it without network access (`BERTopic.load(path,
embedding_model=None)` and our own embedder), and `transform` places new contexts.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from safetensors import safe_open
from safetensors.numpy import save_file

from pipeline.themes.backends.registry import embedder_from_state
from pipeline.themes.lean_bertopic import BERTopic, hidden
from pipeline.themes.topics import quiet_bertopic

MARKER = "kruispunt_themes.json"
EMBEDDER_FILE = "embedder.safetensors"
SUB_FILE = "sub_themes.safetensors"


class ThemeModel:
    """A fitted BERTopic model together with the embedder that feeds it.

    Attributes:
        topic_model: The BERTopic model (no embedding, reduction or clustering models).
        embedder: The fitted embedding backend.
        info: Codes per theme_id, regime and params, as saved in `kruispunt_themes.json`.
        sub_centres: Unit-length centre of each sub-theme, keyed by its theme_id (str).
    """

    def __init__(self, topic_model, embedder, info: dict[str, Any], sub_centres=None):
        self.topic_model = topic_model
        self.embedder = embedder
        self.info = info
        self.sub_centres = sub_centres or {}

    @property
    def codes(self) -> dict[int, str]:
        """Code of each theme_id."""
        return {int(k): v for k, v in self.info.get("codes", {}).items()}

    def transform(
        self, contexts: pd.DataFrame, embeddings: np.ndarray | None = None
    ) -> pd.DataFrame:
        """Place new contexts in the fitted themes and sub-themes.

        Args:
            contexts: A contexts table (lemmas and text are used).
            embeddings: Their embeddings by this model's embedder, when already computed.

        Returns:
            One row per context: context_id, theme_id, code, probability (cosine similarity
            to the theme's topic embedding, mapped to [0, 1]), similarity (the cosine
            itself), sub_theme_id (the nearest sub-theme of that theme, -1: none) and
            sub_code.
        """
        if embeddings is None:
            embeddings = self.embedder.transform(contexts)
        with quiet_bertopic():
            topics, similarity = self.topic_model.transform(
                contexts["lemmas"].astype(str).tolist(), embeddings=embeddings
            )
        topics = [int(t) for t in topics]
        subs = self._sub_themes(np.asarray(embeddings), topics)
        return pd.DataFrame(
            {
                "context_id": contexts["context_id"].to_numpy(),
                "theme_id": topics,
                "code": [self.codes.get(t, "") for t in topics],
                "probability": np.round(np.clip((np.asarray(similarity) + 1) / 2, 0, 1), 6),
                "similarity": np.round(np.asarray(similarity, dtype=float), 6),
                "sub_theme_id": subs,
                "sub_code": [self.codes.get(s, "") if s >= 0 else "" for s in subs],
            }
        )

    def _sub_themes(self, embeddings: np.ndarray, topics: list[int]) -> list[int]:
        """The nearest sub-theme of each context's theme (-1 when the theme has none)."""
        parents = {int(k): int(v) for k, v in self.info.get("sub_parents", {}).items()}
        out = []
        for row, theme in zip(embeddings, topics, strict=True):
            options = [s for s, p in parents.items() if p == theme]
            scores = [float(row @ self.sub_centres[str(s)]) for s in options]
            out.append(options[int(np.argmax(scores))] if options else -1)
        return out

    def save(self, path: str | Path) -> Path:
        """Write the model folder, replacing an earlier theme model there.

        The folder is written next to `path` first and swapped in when complete.

        Args:
            path: The model folder.

        Returns:
            The folder.

        Raises:
            FileExistsError: If `path` exists and is neither empty nor a theme model, so
                that a wrong argument never deletes someone's files.
        """
        path = Path(path)
        if path.exists() and any(path.iterdir()) and not (path / MARKER).exists():
            raise FileExistsError(f"{path} exists and is not a kruispunt theme model")
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
        try:
            self._write(staging)
            if path.exists():
                retired = staging.with_name(staging.name + ".old")
                path.rename(retired)
                staging.rename(path)
                shutil.rmtree(retired)
            else:
                staging.rename(path)
        finally:
            if staging.exists():
                shutil.rmtree(staging)
        return path

    def _write(self, folder: Path) -> None:
        if self.topic_model is not None:
            with quiet_bertopic():
                self.topic_model.save(
                    folder,
                    serialization="safetensors",
                    save_ctfidf=True,
                    save_embedding_model=False,
                )
        if self.embedder is not None:
            metadata = {"config": json.dumps(self.embedder.config(), ensure_ascii=False)}
            tensors = {k: np.ascontiguousarray(v) for k, v in self.embedder.tensors().items()}
            # safetensors refuses an empty file; a marker tensor keeps the format uniform.
            tensors = tensors or {"none": np.zeros(1, dtype=np.float32)}
            save_file(tensors, str(folder / EMBEDDER_FILE), metadata=metadata)
        if self.sub_centres:
            save_file({k: np.ascontiguousarray(v) for k, v in self.sub_centres.items()},
                      str(folder / SUB_FILE))  # fmt: skip
        (folder / MARKER).write_text(
            json.dumps(self.info, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )

    @classmethod
    def load(cls, path: str | Path) -> ThemeModel:
        """Load a model folder written by `save`, offline.

        Args:
            path: The model folder.

        Returns:
            The model; `topic_model` is None when the corpus had no contexts.
        """
        path = Path(path)
        info = json.loads((path / MARKER).read_text(encoding="utf-8"))
        topic_model = None
        if (path / "config.json").exists():
            # Loading would import sentence-transformers, torch and transformers (a minute
            # on a busy machine) to look for an embedding model there is none of.
            with quiet_bertopic(), hidden():
                topic_model = BERTopic.load(str(path), embedding_model=None)
        embedder = None
        if (path / EMBEDDER_FILE).exists():
            with safe_open(str(path / EMBEDDER_FILE), framework="np") as handle:
                config = json.loads(handle.metadata()["config"])
                tensors = {k: handle.get_tensor(k) for k in handle.keys() if k != "none"}  # noqa: SIM118
            embedder = embedder_from_state(config, tensors)
        sub_centres = {}
        if (path / SUB_FILE).exists():
            with safe_open(str(path / SUB_FILE), framework="np") as handle:
                sub_centres = {k: handle.get_tensor(k) for k in handle.keys()}  # noqa: SIM118
        return cls(topic_model, embedder, info, sub_centres)
