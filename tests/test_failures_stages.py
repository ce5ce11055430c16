"""One document that breaks a later stage is reported and left out; the stage still runs.

A small folder of four Dutch transcripts (written here) is ingested and annotated for
real. Then, for each of associate, themes and export, the input of that stage is damaged
for one document, `kapot.txt`, in a way that makes the stage's code raise on it (tokens
naming no segment, a hit in a sentence that has no tokens, a document row missing), and
the real stage runs: it must finish, name `kapot.txt` in its failures file with a reason,
and keep the other three documents in its outputs. In annotate, the document is made
longer than `annotate.max_doc_chars`; when no document is left, annotate stops with a
clear message instead of handing empty tables on.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.annotate.stage import annotate
from pipeline.associate.stage import associate
from pipeline.errors import NoDocumentsError
from pipeline.export.stage import export
from pipeline.failures import failures_path
from pipeline.ingest.stage import ingest
from pipeline.layout import Layout
from pipeline.params import Params
from pipeline.tables import read_table, write_table
from pipeline.themes.stage import themes

TURNS = [
    "Jan: Zelfredzaamheid is een groeiproces. De gemeente voert de regie, maar maatwerk "
    "vraagt vertrouwen.",
    "Fatima: Maatwerk werkt als de regie gedeeld wordt. Zelfredzaamheid vraagt tijd en "
    "participatie.",
    "Piet: Inburgering en participatie gaan samen. De regie ligt bij de gemeente, maatwerk "
    "bij de wijk.",
]
GOOD = ["a.txt", "b.txt", "c.txt"]
BAD = "kapot.txt"


@pytest.fixture(scope="module")
def annotated(tmp_path_factory) -> Layout:
    """Ingest and annotate the four transcripts once (no caches)."""
    root = tmp_path_factory.mktemp("failures")
    raw = root / "raw"
    raw.mkdir()
    for name in [*GOOD, BAD]:
        (raw / name).write_text("\n\n".join(TURNS * 3) + "\n", encoding="utf-8")
    layout = Layout(root / "run")
    ingest(raw, layout.interim, Params(), cache_dir=None)
    annotate(layout.interim, Params(), cache_dir=None)
    return layout


def _copy(layout: Layout, tmp_path: Path) -> Layout:
    shutil.copytree(layout.root, tmp_path / "run")
    return Layout(tmp_path / "run")


def _damage(path: Path, name: str, column: str, value) -> None:
    """Set one column of the bad document's rows, keeping the table valid."""
    table = read_table(path, name)
    table.loc[table["doc_id"] == BAD, column] = value
    write_table(table, path, name)


def _failed(folder: Path, stage: str) -> list[dict]:
    return json.loads(failures_path(folder, stage).read_text(encoding="utf-8"))


def test_failures_associate_leaves_out_a_document_that_breaks_it(annotated, tmp_path):
    layout = _copy(annotated, tmp_path)
    _damage(layout.interim / "tokens.parquet", "tokens", "seg_id", "nergens.txt#0001")
    associate(layout.interim, layout.processed, Params())
    rows = _failed(layout.processed, "associate")
    assert [(row["stage"], row["doc_id"]) for row in rows] == [("associate", BAD)]
    assert rows[0]["reason"]
    hits = read_table(layout.processed / "term_hits.parquet", "term_hits")
    assert sorted(hits["doc_id"].unique()) == GOOD


def test_failures_themes_leaves_out_a_document_that_breaks_it(annotated, tmp_path):
    layout = _copy(annotated, tmp_path)
    associate(layout.interim, layout.processed, Params())
    assert _failed(layout.processed, "associate") == []
    _damage(layout.processed / "term_hits.parquet", "term_hits", "sent_idx", 999)
    themes(layout.interim, layout.processed, layout.theme_model, layout.metrics, Params())
    rows = _failed(layout.processed, "themes")
    assert [(row["stage"], row["doc_id"]) for row in rows] == [("themes", BAD)]
    contexts = read_table(layout.processed / "contexts.parquet", "contexts")
    assert sorted(contexts["doc_id"].unique()) == GOOD


def test_failures_export_leaves_out_a_document_that_breaks_it(annotated, tmp_path):
    layout = _copy(annotated, tmp_path)
    associate(layout.interim, layout.processed, Params())
    themes(layout.interim, layout.processed, layout.theme_model, layout.metrics, Params())
    # The bad document's row is gone from documents, while every other table still
    # names it: the export looks its text up and fails on it alone.
    documents = read_table(layout.interim / "documents.parquet", "documents")
    documents = documents[documents["doc_id"] != BAD]
    write_table(documents.reset_index(drop=True), layout.interim / "documents.parquet")
    written = export(layout, Params())
    rows = json.loads((layout.reports / "failures.json").read_text(encoding="utf-8"))
    assert [(row["stage"], row["doc_id"]) for row in rows] == [("export", BAD)]
    assert layout.reports / "kruispunt.qdpx" in written
    coded = (layout.reports / "coded_segments.csv").read_text(encoding="utf-8")
    assert BAD not in coded and all(name in coded for name in GOOD)
    assert not (layout.root / ".cache" / "kruispunt" / "export-subset").exists()


def test_failures_annotate_leaves_out_a_document_over_the_bound(annotated, tmp_path):
    layout = _copy(annotated, tmp_path)
    segments = read_table(layout.interim / "segments.parquet", "segments")
    longer = segments["doc_id"] == BAD
    segments.loc[longer, "text"] = segments.loc[longer, "text"] + " maatwerk" * 40
    write_table(segments, layout.interim / "segments.parquet", "segments")
    bound = int(segments.loc[~longer, "text"].str.len().groupby(segments["doc_id"]).sum().max())
    params = Params(annotate={"max_doc_chars": bound})
    info = annotate(layout.interim, params, cache_dir=None)
    [row] = _failed(layout.interim, "annotate")
    assert (row["stage"], row["doc_id"]) == ("annotate", BAD)
    assert "more than annotate.max_doc_chars" in row["reason"] and info["failed"] == [row]
    tokens = read_table(layout.interim / "tokens.parquet", "tokens")
    assert sorted(tokens["doc_id"].unique()) == GOOD


def test_failures_annotate_stops_when_no_document_is_left(annotated, tmp_path):
    layout = _copy(annotated, tmp_path)
    with pytest.raises(NoDocumentsError, match="none of the 4 documents could be annotated"):
        annotate(layout.interim, Params(annotate={"max_doc_chars": 10}), cache_dir=None)
    assert len(_failed(layout.interim, "annotate")) == 4
