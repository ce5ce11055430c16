"""Load the Dutch spaCy pipeline the annotate stage runs, and describe it.

`auto` prefers `nl_core_news_sm` when it is installed and otherwise uses the pipeline
bundled in `models/nl_ud_sm` (or the folder named by the `KRUISPUNT_MODEL_DIR` environment
variable). Nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.model import lemmas  # noqa: F401  (registers the lemma_backoff factory)

PREFERRED_PACKAGE = "nl_core_news_sm"
BUNDLED_DIR = Path(__file__).resolve().parents[1] / "models" / "nl_ud_sm"
MODEL_DIR_ENV = "KRUISPUNT_MODEL_DIR"


class ModelNotFoundError(RuntimeError):
    """The requested spaCy pipeline cannot be found or loaded."""


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


def _folders(target: str | Path) -> tuple[Path, Path]:
    """The folder whose files identify a pipeline, and the one holding its config."""
    if isinstance(target, Path):
        return target, target
    package = _package_dir(target)
    if package is None:
        raise OSError(f"no installed package named {target!r}")
    # A spaCy package keeps its data in `<lang>_<name>-<version>` (see spacy.util).
    meta = spacy.util.get_model_meta(package)
    return package, package / f"{meta['lang']}_{meta['name']}-{meta['version']}"


def _not_found(target: str | Path, name: str, err: Exception) -> ModelNotFoundError:
    return ModelNotFoundError(
        f"cannot load the spaCy pipeline {str(target)!r} (annotate.model = {name!r}): "
        f"{err}. Set annotate.model in params.yaml to an installed package name or a "
        f"pipeline folder, install the extra 'nl-core-news-sm', or train the bundled "
        f"model with `kruispunt model train`."
    )


def describe_pipeline(name: str = "auto") -> dict:
    """Describe a Dutch spaCy pipeline for `nlp_info.json` from its files, without loading it.

    A batch run whose documents are all cached, or annotated by worker processes, never
    needs the pipeline in the calling process; this is what it records and caches by.

    Args:
        name: `auto` (nl_core_news_sm when installed, else the bundled pipeline), an
            installed package name, or a path to a pipeline folder.

    Returns:
        A description with keys name, version, source (package name or folder),
        components (the enabled ones, in order), spacy_version, lang and hash (16 hex
        digits over the files): what `load_pipeline` returns beside the pipeline.

    Raises:
        ModelNotFoundError: If the pipeline's meta.json or config.cfg cannot be read.
    """
    target = resolve_model(name)
    try:
        hashed, data = _folders(target)
        meta = spacy.util.get_model_meta(hashed)
        config = spacy.util.load_config(data / "config.cfg", interpolate=False)
    except (OSError, ValueError, KeyError) as err:
        raise _not_found(target, name, err) from err
    disabled = set(config["nlp"].get("disabled", []))
    return {
        "name": f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}",
        "version": str(meta.get("version", "")),
        "source": str(target),
        "components": [pipe for pipe in config["nlp"]["pipeline"] if pipe not in disabled],
        "spacy_version": spacy.__version__,
        "lang": config["nlp"]["lang"],
        "hash": model_hash(hashed),
    }


def load_pipeline(name: str = "auto") -> tuple[Language, dict]:
    """Load a Dutch spaCy pipeline and describe it for `nlp_info.json`.

    Args:
        name: `auto` (nl_core_news_sm when installed, else the bundled pipeline), an
            installed package name, or a path to a pipeline folder.

    Returns:
        The pipeline and its description (see `describe_pipeline`).

    Raises:
        ModelNotFoundError: If the pipeline cannot be found or loaded; the message says
            what was tried and how to choose another model.
    """
    info = describe_pipeline(name)
    target = resolve_model(name)
    try:
        nlp = spacy.load(target)
    except (OSError, ValueError, ImportError) as err:
        raise _not_found(target, name, err) from err
    return nlp, info
