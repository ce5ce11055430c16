"""All sections together, validated from `params.yaml` with one line per problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError

from pipeline.errors import KruispuntError
from pipeline.params.annotate import AnnotateParams
from pipeline.params.associate import AssociateParams
from pipeline.params.base import Section
from pipeline.params.compare import CompareParams
from pipeline.params.export import ExportParams
from pipeline.params.ingest import IngestParams
from pipeline.params.themes import ThemesParams


class Params(Section):
    """All sections of `params.yaml`."""

    ingest: IngestParams = Field(default_factory=IngestParams)
    annotate: AnnotateParams = Field(default_factory=AnnotateParams)
    associate: AssociateParams = Field(default_factory=AssociateParams)
    themes: ThemesParams = Field(default_factory=ThemesParams)
    compare: CompareParams = Field(default_factory=CompareParams)
    export: ExportParams = Field(default_factory=ExportParams)


class ParamsError(KruispuntError, ValueError):
    """A params file that is missing, unreadable or invalid."""


def _describe(error: dict[str, Any], model: type[BaseModel]) -> str:
    """One pydantic error as a line that names the key and what is allowed."""
    location = ".".join(str(part) for part in error["loc"])
    if error["type"] == "extra_forbidden":
        target: Any = model
        for part in error["loc"][:-1]:
            field = getattr(target, "model_fields", {}).get(part)
            annotation = getattr(field, "annotation", None)
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                target = annotation
        allowed = ", ".join(sorted(getattr(target, "model_fields", {}))) or "?"
        return f"unknown key '{location}'; allowed keys here: {allowed}"
    return f"'{location}': {error['msg']} (got {error.get('input')!r})"


def parse_params(raw: dict[str, Any] | None) -> Params:
    """Validate a params mapping.

    Args:
        raw: The mapping read from YAML (None for an empty file).

    Returns:
        The validated parameters.

    Raises:
        ParamsError: With one line per problem, naming the key and the allowed values.
    """
    try:
        return Params.model_validate(raw or {})
    except ValidationError as err:
        lines = [_describe(e, Params) for e in err.errors()]
        raise ParamsError("invalid params:\n  " + "\n  ".join(lines)) from None


def load_params(path: str | Path = "params.yaml") -> Params:
    """Read and validate a params file with `yaml.safe_load`.

    Args:
        path: Path of the YAML file. A missing file gives the defaults.

    Returns:
        The validated parameters.

    Raises:
        ParamsError: If the file is not valid YAML or does not validate.
    """
    path = Path(path)
    if not path.exists():
        return Params()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise ParamsError(f"{path} is not valid YAML: {err}") from None
    if raw is not None and not isinstance(raw, dict):
        raise ParamsError(f"{path} must hold a mapping of sections, got {type(raw).__name__}")
    return parse_params(raw)
