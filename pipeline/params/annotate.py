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
        piece_chars: A longer segment is parsed in pieces of at most this many characters,
            cut at paragraph or sentence boundaries (spaCy refuses texts over 1,000,000
            characters, and its memory grows with the length of a text).
        max_doc_chars: A longer document is not annotated: it is reported as failed, and
            the run goes on with the others (this bounds the time and memory of a file).
            The default, 50,000,000, takes a 40 MB file that is one line; its pieces are
            parsed one at a time and their tokens kept as Arrow, not Python, columns.
    """

    model: str = "auto"
    batch_size: int = Field(default=64, ge=1)
    n_process: int = Field(default=1, ge=1)
    extra_stop_words: list[str] = Field(default_factory=list)
    piece_chars: int = Field(default=50_000, ge=1_000)
    max_doc_chars: int = Field(default=50_000_000, ge=1)
