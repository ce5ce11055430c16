"""Validated parameters: one pydantic model per `params.yaml` section, one module each."""

from pipeline.params.annotate import AnnotateParams
from pipeline.params.associate import AssociateParams, TermSpec
from pipeline.params.base import Section
from pipeline.params.compare import CompareParams
from pipeline.params.export import ExportParams
from pipeline.params.ingest import STYLES, IngestParams, SpeakerPattern
from pipeline.params.loading import Params, ParamsError, load_params, parse_params
from pipeline.params.themes import ThemesParams

__all__ = [
    "STYLES",
    "AnnotateParams",
    "AssociateParams",
    "CompareParams",
    "ExportParams",
    "IngestParams",
    "Params",
    "ParamsError",
    "Section",
    "SpeakerPattern",
    "TermSpec",
    "ThemesParams",
    "load_params",
    "parse_params",
]
