"""Parameters of the annotate stage."""

from __future__ import annotations

from pydantic import Field

from pipeline.params.base import Section


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
