"""Validated parameters: one pydantic model per `params.yaml` section."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from pipeline.errors import KruispuntError
from pipeline.themes.backends import check_spec


class Section(BaseModel):
    """Base of every section: a misspelled key fails at once, naming the keys allowed."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


STYLES = ("period", "colon", "name_colon", "bracket", "timestamp")


class SpeakerPattern(Section):
    """A user-defined speaker-turn pattern.

    Attributes:
        regex: Matched at a line start; it needs a group `speaker` and may have `text`.
        role: Optional role recorded for matching speakers (for example "interviewer").
    """

    regex: str
    role: str | None = None

    @field_validator("regex")
    @classmethod
    def _has_speaker_group(cls, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as err:
            raise ValueError(f"invalid regular expression {value!r}: {err}") from err
        if "speaker" not in compiled.groupindex:
            raise ValueError(f"pattern {value!r} needs a named group (?P<speaker>...)")
        return value


def _pattern(value: Any) -> Any:
    return {"regex": value} if isinstance(value, str) else value


_PLAIN = (".txt", ".md", ".docx", ".pdf", ".vtt", ".srt")
_MARKUP = (".odt", ".rtf", ".html", ".htm", ".xml", ".json")  # Kamer XML, TEI, FoLiA, Whisper


class IngestParams(Section):
    """Parameters of the ingest stage.

    Attributes:
        extensions: File extensions that are read; others are reported as skipped.
        metadata_file: Plain, visible file name of the metadata sidecar in the input folder.
        speaker_patterns: Extra speaker patterns, tried first: regexes or `{regex, role}`.
        speakers: `auto` (each document's label styles), `off`, or a style name.
        min_segment_chars: Shorter paragraphs merge into the next one.
        max_file_mb: Larger files are skipped.
        pseudonymize: Replace speaker and person names first.
        strict: Exit non-zero when a file is skipped or failed.
    """

    extensions: list[str] = Field(default_factory=lambda: [*_PLAIN, *_MARKUP])
    metadata_file: str = "metadata.csv"
    speaker_patterns: list[Annotated[SpeakerPattern, BeforeValidator(_pattern)]] = []
    speakers: Literal["auto", "off", *STYLES] = "auto"  # type: ignore[valid-type]
    min_segment_chars: int = Field(default=1, ge=0)
    max_file_mb: float = Field(default=50.0, gt=0)
    pseudonymize: bool = False
    strict: bool = False

    @field_validator("metadata_file")
    @classmethod
    def _plain_file_name(cls, value: str) -> str:
        if not value.strip() or value.startswith(".") or any(c in value for c in "/\\\0:"):
            raise ValueError(
                "metadata_file must be a plain, visible file name in the input folder, "
                f"such as 'metadata.csv', not a path (got {value!r})"
            )
        return value


class AnnotateParams(Section):
    """Parameters of the annotate stage.

    Attributes:
        model: `auto` (nl_core_news_sm when installed, else the bundled model), an installed
            package name, or a path to a spaCy pipeline directory.
        batch_size: Segments per `nlp.pipe` batch.
        n_process: Worker processes for `nlp.pipe`.
        extra_stop_words: Words added to spaCy's Dutch stop list.
    """

    model: str = "auto"
    batch_size: int = Field(default=64, ge=1)
    n_process: int = Field(default=1, ge=1)
    extra_stop_words: list[str] = Field(default_factory=list)


class TermSpec(Section):
    """One focal term of the lexicon.

    Attributes:
        variants: Other lemmas that count as this term (for example "zelfredzaam").
        multiword: Multiword forms, matched on lemmas ("eigen kracht").
        exclude: Lemmas or surface forms that look like the term but are not (false friends).
        compounds: Also match compounds that have the term as head or modifier.
    """

    variants: list[str] = Field(default_factory=list)
    multiword: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    compounds: bool = True


def _default_terms() -> dict[str, TermSpec]:
    return {
        "zelfredzaamheid": TermSpec(variants=["zelfredzaam"]),
        "samenredzaamheid": TermSpec(variants=["samenredzaam"]),
        "maatwerk": TermSpec(),
        "burgerinitiatief": TermSpec(),
        "regie": TermSpec(exclude=["regisseur"]),
        "participatie": TermSpec(),
        "inburgering": TermSpec(),
    }


class AssociateParams(Section):
    """Parameters of the associate stage.

    Attributes:
        terms: The term lexicon, keyed by canonical term.
        kwic_width: Tokens of left and right context in the KWIC table.
        context: Co-occurrence unit: the sentence, a window of tokens, or the segment.
        window: Half-width of the token window when `context` is `window`.
        content_upos: Parts of speech that may be associates.
        include_adv: Also allow adverbs as associates.
        min_count: Associates seen fewer times in the corpus are dropped.
        min_cooc: Pairs co-occurring fewer times are dropped.
        extra_stop_words: Words removed from the associates on top of spaCy's Dutch list.
        top_n: Associations kept per term (0 keeps all).
        n_examples: Example hit ids stored per association.
        keyness_smoothing: Per-million count added to both corpora in the keyness log-ratio.
    """

    terms: dict[str, TermSpec] = Field(default_factory=_default_terms)
    kwic_width: int = Field(default=10, ge=1)
    context: Literal["sentence", "window", "segment"] = "sentence"
    window: int = Field(default=5, ge=1)
    content_upos: list[str] = Field(default_factory=lambda: ["NOUN", "PROPN", "ADJ", "VERB"])
    include_adv: bool = False
    min_count: int = Field(default=2, ge=1)
    min_cooc: int = Field(default=2, ge=1)
    extra_stop_words: list[str] = Field(default_factory=list)
    top_n: int = Field(default=0, ge=0)
    n_examples: int = Field(default=3, ge=1)
    keyness_smoothing: float = Field(default=1.0, gt=0)


class ThemesParams(Section):
    """Parameters of the themes stage.

    PCA and KMeans find the themes up to `small_threshold` contexts, UMAP and HDBSCAN above.

    Attributes:
        context_sentences: Sentences on either side of a hit's sentence in its context.
        embedding: `tfidf-svd`, `spacy-vectors`, or `sentence-transformers:<name or path>`.
        svd_dims: Dimensions of the TF-IDF SVD embedding.
        small_threshold: The most contexts for PCA and KMeans.
        n_themes: Fix the number of KMeans themes (None: choose by silhouette).
        min_themes: Lower bound when choosing by silhouette.
        max_themes: Upper bound when choosing by silhouette.
        pca_components: PCA dimensions before KMeans.
        min_cluster_size: HDBSCAN minimum cluster size.
        umap_neighbors: UMAP neighbours.
        umap_components: UMAP dimensions.
        umap_epochs: UMAP optimisation epochs.
        keep_outliers: Keep HDBSCAN outliers as theme -1 instead of reassigning them.
        outlier_strategy: Outliers join the nearest theme by `embeddings` or `c-tf-idf`.
        exclude_terms: Leave the focal terms out of the context lemmas.
        ngram_range: N-gram range of the representation's CountVectorizer.
        top_keywords: Keywords per theme in the codebook.
        n_quotes: Representative quotes per theme.
        seed: Random seed for every stochastic step.
    """

    context_sentences: int = Field(default=1, ge=0)
    embedding: Annotated[str, AfterValidator(check_spec)] = "tfidf-svd"
    svd_dims: int = Field(default=50, ge=2)
    small_threshold: int = Field(default=200, ge=2)
    n_themes: int | None = Field(default=None, ge=2)
    min_themes: int = Field(default=3, ge=2)
    max_themes: int = Field(default=12, ge=2)
    pca_components: int = Field(default=10, ge=1)
    min_cluster_size: int = Field(default=15, ge=2)
    umap_neighbors: int = Field(default=15, ge=2)
    umap_components: int = Field(default=5, ge=2)
    umap_epochs: int = Field(default=200, ge=10)
    keep_outliers: bool = False
    outlier_strategy: Literal["embeddings", "c-tf-idf"] = "embeddings"
    exclude_terms: bool = True
    ngram_range: tuple[int, int] = (1, 2)
    top_keywords: int = Field(default=10, ge=1)
    n_quotes: int = Field(default=3, ge=1)
    seed: int = 42


class ExportParams(Section):
    """Parameters of the export stage.

    Attributes:
        project_name: Name written into the REFI-QDA project and the HTML report.
        user_name: Name of the REFI-QDA user that owns the codings.
        creation_date: Fixed ISO timestamp for REFI-QDA headers, so reruns are byte-identical.
        network_measure: Association measure that weights the network edges in the report.
        network_top_n: Associates per term shown in the network.
        kwic_sample: KWIC lines per term shown in the report.
    """

    project_name: str = "kruispunt"
    user_name: str = "kruispunt"
    creation_date: str = "2026-01-01T00:00:00Z"
    network_measure: Literal["log_dice", "pmi", "log_likelihood", "t_score"] = "log_dice"
    network_top_n: int = Field(default=12, ge=1)
    kwic_sample: int = Field(default=10, ge=1)


class Params(Section):
    """All sections of `params.yaml`."""

    ingest: IngestParams = Field(default_factory=IngestParams)
    annotate: AnnotateParams = Field(default_factory=AnnotateParams)
    associate: AssociateParams = Field(default_factory=AssociateParams)
    themes: ThemesParams = Field(default_factory=ThemesParams)
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
