"""The associate stage over folders: tokens and segments in, hits and associations out."""

from __future__ import annotations

from pathlib import Path

from pipeline.failures import failures_path, isolate_failures, write_failures
from pipeline.params import Params
from pipeline.tables import read_table, write_table
from pipeline.tempfiles import remove_stale

OUTPUTS = (
    "term_hits.parquet",
    "kwic.csv",
    "associations.csv",
    "relations.csv",
    "term_variants.csv",
    "associate_failures.json",
)


def associate(interim: Path, processed: Path, params: Params) -> None:
    """Run the associate stage: term hits, KWIC, associations and relations.

    Args:
        interim: Folder holding tokens.parquet and segments.parquet.
        processed: Folder for term_hits.parquet, kwic.csv, associations.csv, relations.csv,
            term_variants.csv and associate_failures.json.
        params: Validated parameters.
    """
    from pipeline.associate.associations import associate_files

    remove_stale(processed, names=OUTPUTS)  # a killed run's temporary files
    tokens, segments = interim / "tokens.parquet", interim / "segments.parquet"
    read_table(tokens, columns=["doc_id"])  # a missing input fails here, with its reason
    doc_ids = read_table(segments, columns=["doc_id"])["doc_id"].unique()
    # The documents are streamed in chunks (see pipeline.associate.associations). One that
    # makes the stage fail is reported and left out (pipeline.failures).
    result, failed = isolate_failures(
        lambda keep: associate_files(tokens, segments, params=params.associate, docs=keep),
        doc_ids,
        stage="associate",
    )
    write_failures(failures_path(processed, "associate"), failed)
    write_table(result.term_hits, processed / "term_hits.parquet", "term_hits")
    write_table(result.kwic, processed / "kwic.csv", "kwic")
    write_table(result.associations, processed / "associations.csv", "associations")
    write_table(result.relations, processed / "relations.csv", "relations")
    write_table(result.term_variants, processed / "term_variants.csv", "term_variants")
