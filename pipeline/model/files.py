"""Where a spaCy pipeline's files are, and what they need, read without importing spaCy.

Importing spaCy imports thinc, which imports PyTorch whenever it is installed (BERTopic
installs it): about 3 s and 180 MB per process, although spaCy's own CNN pipelines never
use it. This module finds a pipeline's folders and reads its config with the standard
library only, so a batch run can decide before starting its worker processes whether they
may skip PyTorch (`needs_torch`), and a process that never needs it can refuse it
(`without_torch`).
"""

from __future__ import annotations

import configparser
import hashlib
import importlib.util
import json
import os
import sys
from importlib.metadata import entry_points
from pathlib import Path

PREFERRED_PACKAGE = "nl_core_news_sm"
BUNDLED_DIR = Path(__file__).resolve().parents[2] / "models" / "nl_ud_sm"
MODEL_DIR_ENV = "KRUISPUNT_MODEL_DIR"

# spaCy's own registered functions that run on PyTorch; all its other `spacy.*` functions
# run on numpy.
SPACY_TORCH_FUNCTIONS = frozenset({"spacy.TorchBiLSTMEncoder.v1"})


def bundled_model_dir() -> Path:
    """The bundled pipeline folder, or the one `KRUISPUNT_MODEL_DIR` points to."""
    override = os.environ.get(MODEL_DIR_ENV)
    return Path(override) if override else BUNDLED_DIR


def resolve_model(name: str = "auto") -> str | Path:
    """Decide which pipeline a model name refers to.

    Args:
        name: `auto`, an installed package name, or a path to a pipeline folder.

    Returns:
        A package name or a folder path that `spacy.load` accepts.
    """
    if name == "auto":
        if importlib.util.find_spec(PREFERRED_PACKAGE) is not None:
            return PREFERRED_PACKAGE
        return bundled_model_dir()
    path = Path(name).expanduser()
    if path.exists() or os.sep in name or name.startswith("."):
        return path
    return name


def model_hash(path: str | Path) -> str:
    """First 16 hex digits of a SHA-256 over the pipeline's files, in sorted path order.

    Each file contributes its relative path and its bytes, so renaming or editing any file
    changes the hash; it can key caches of annotated text.
    """
    root = Path(path)
    digest = hashlib.sha256()
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(file.relative_to(root).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def pipeline_folders(target: str | Path) -> tuple[Path, Path]:
    """The folder whose files identify a pipeline, and the one holding its config.

    Args:
        target: What `resolve_model` returned: a folder, or an installed package name.

    Returns:
        The two folders; the same one for a pipeline folder.

    Raises:
        OSError: If no package of that name is installed, or its meta.json is unreadable.
    """
    if isinstance(target, Path):
        return target, target
    package = _package_dir(target)
    if package is None:
        raise OSError(f"no installed package named {target!r}")
    # A spaCy package keeps its data in `<lang>_<name>-<version>` (see spacy.util).
    meta = json.loads((package / "meta.json").read_text(encoding="utf-8"))
    return package, package / f"{meta['lang']}_{meta['name']}-{meta['version']}"


def _plugin_factories() -> set[str]:
    """Component factories that packages other than kruispunt register with spaCy."""
    return {
        point.name
        for point in entry_points(group="spacy_factories")
        if point.dist is None or point.dist.name != "kruispunt"
    }


def needs_torch(name: str = "auto") -> bool:
    """Whether running the pipeline may need PyTorch.

    It may not when every registered function its components name (`@architectures`,
    `@layers`, ...) is one of spaCy's own numpy-backed ones, and no component comes from a
    plugin package or is sourced from another pipeline: true of the bundled pipeline and of
    spaCy's `nl_core_news_*` CNN packages. A transformer pipeline, or anything that cannot
    be read, counts as needing it.

    Args:
        name: `auto`, an installed package name, or a path to a pipeline folder.

    Returns:
        False only when the config shows that PyTorch is never used.
    """
    config = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    config.optionxform = str  # keep the keys' case
    try:
        _, data = pipeline_folders(resolve_model(name))
        config.read_string((data / "config.cfg").read_text(encoding="utf-8"))
        plugins = _plugin_factories()
        for section in config.sections():
            if not section.startswith(("nlp", "components.")):
                continue
            keys = config[section]
            if "source" in keys or ("factory" in keys and json.loads(keys["factory"]) in plugins):
                return True
            functions = [json.loads(value) for key, value in keys.items() if key.startswith("@")]
            if any(not f.startswith("spacy.") or f in SPACY_TORCH_FUNCTIONS for f in functions):
                return True
    except (OSError, ValueError, KeyError, configparser.Error):
        return True
    return False


def without_torch() -> None:
    """Make `import torch` fail in this process, unless PyTorch is already imported.

    For processes that never need PyTorch: local annotate workers whose pipeline does not
    use it (`needs_torch`), and the `annotate` and `associate` commands. thinc, imported
    with spaCy, then finds no PyTorch and goes on without it, which saves about 3 s and
    180 MB per process. It relies on Python's rule that a module set to None in
    `sys.modules` cannot be imported.
    """
    sys.modules.setdefault("torch", None)
