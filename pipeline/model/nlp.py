"""Load the Dutch spaCy pipeline the annotate stage runs, and describe it.

`auto` prefers `nl_core_news_sm` when it is installed and otherwise uses the pipeline
bundled in `models/nl_ud_sm` (or the folder named by the `KRUISPUNT_MODEL_DIR` environment
variable). Nothing is ever downloaded. Finding a pipeline's files is left to
`pipeline.model.files`, which does it without importing spaCy.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.errors import KruispuntError
from pipeline.model import lemmas  # noqa: F401  (registers the lemma_backoff factory)
from pipeline.model.files import model_hash, pipeline_folders, resolve_model


class ModelNotFoundError(KruispuntError, RuntimeError):
    """The requested spaCy pipeline cannot be found or loaded."""


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
        hashed, data = pipeline_folders(target)
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
