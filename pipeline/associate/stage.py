"""The associate stage over folders: tokens and segments in, hits and associations out."""

from __future__ import annotations

from pathlib import Path

from pipeline.params import Params
from pipeline.tables import read_table, write_table


def associate(interim: Path, processed: Path, params: Params) -> None:
    """Run the associate stage: term hits, KWIC, associations and relations.

    Args:
        interim: Folder holding tokens.parquet and segments.parquet.
        processed: Folder for term_hits.parquet, kwic.csv, associations.csv, relations.csv.
        params: Validated parameters.
    """
    from pipeline.associate.associations import associate_terms

    tokens = read_table(interim / "tokens.parquet", "tokens")
    segments = read_table(interim / "segments.parquet", "segments")
    result = associate_terms(tokens, segments, params=params.associate)
    write_table(result.term_hits, processed / "term_hits.parquet", "term_hits")
    write_table(result.kwic, processed / "kwic.csv", "kwic")
    write_table(result.associations, processed / "associations.csv", "associations")
    write_table(result.relations, processed / "relations.csv", "relations")
