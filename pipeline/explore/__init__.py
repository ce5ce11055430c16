"""Helpers for the analyst notebooks: small tables and matplotlib figures over a run's outputs.

The notebooks in `notebooks/` call these functions on the tables that `pipeline.outputs.load`
returns, so a notebook cell holds a question and a call, never the logic. Nothing here is
used by a stage.

- `pipeline.explore.corpus`: documents, speakers and words per meeting or metadata field.
- `pipeline.explore.terms`: term frequency, the KWIC browser, associations side by side.
- `pipeline.explore.themes`: theme sizes, representative quotes, comparing two codings.
- `pipeline.explore.figures`: the notebook figures (matplotlib, English labels).
"""

from pipeline.explore.corpus import (
    corpus_summary,
    ingest_problems,
    metadata_columns,
    segment_words,
    speaker_summary,
    with_metadata,
)
from pipeline.explore.terms import (
    MEASURES,
    attracted,
    compare_terms,
    filter_kwic,
    measure_overlap,
    relation_summary,
    style_kwic,
    term_frequency,
    top_associates,
)
from pipeline.explore.themes import coding_agreement, compare_codings, theme_quotes, theme_sizes

__all__ = [
    "MEASURES",
    "attracted",
    "coding_agreement",
    "compare_codings",
    "compare_terms",
    "corpus_summary",
    "filter_kwic",
    "ingest_problems",
    "measure_overlap",
    "metadata_columns",
    "relation_summary",
    "segment_words",
    "speaker_summary",
    "style_kwic",
    "term_frequency",
    "theme_quotes",
    "theme_sizes",
    "top_associates",
    "with_metadata",
]
