"""The reports folder: what researchers take home from a run.

`export_reports` reads every stage output and writes to `reports/`: the codebook and coded
segments as CSV, the associate stage's tables in reading order, theme matrices, one Excel
workbook, the REFI-QDA codebook (.qdc) and project (.qdpx), plot data for DVC, and a
self-contained HTML report.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.export.associate_tables import friendly_associations, friendly_kwic
from pipeline.export.codebook import build_codebook, ordered_terms
from pipeline.export.coded_segments import build_coded_segments
from pipeline.export.inputs import load_inputs
from pipeline.export.matrices import all_speakers, theme_matrix
from pipeline.export.plot_data import association_bars, theme_sizes
from pipeline.export.qde import ProjectInfo, build_selections, project_xml
from pipeline.export.qdpx import check_source_text, qdpx_bytes
from pipeline.export.refiqda import codebook_xml
from pipeline.export.report import (
    corpus_overview,
    render_report,
    segment_words,
    term_section,
    themes_section,
)
from pipeline.export.workbook import workbook_bytes
from pipeline.parallel import Executor
from pipeline.tables import write_bytes, write_table, write_text

if TYPE_CHECKING:
    from pipeline.layout import Layout
    from pipeline.params import Params

log = logging.getLogger(__name__)

ORIGIN = f"kruispunt {__version__}"

QDA_NOTES = [
    "REFI-QDA 1.0 files target ATLAS.ti, NVivo, MAXQDA and QualCoder.",
    "Source texts are the normalised document texts: UTF-8 without BOM, NFC, '\\n' line "
    "ends. Selection offsets count Unicode code points from 0; the end is exclusive.",
    "Term codes are top-level codes coded on every hit; each theme is nested under every "
    "term it occurs with and coded on the whole context. A set per theme groups its nested "
    "codes across terms.",
    "Document metadata are Variables whose values sit on one Case per document.",
    "GUIDs are derived from the code paths, document ids and hit/context ids, so reruns "
    "give the same GUIDs; dates are the fixed export.creation_date.",
]


def export_reports(
    layout: Layout, params: Params, *, executor: Executor | None = None
) -> list[Path]:
    """Write every take-home file of a run to `layout.reports`.

    Args:
        layout: Where the stage outputs are read and `reports/` is written.
        params: Validated parameters; the export section steers the output, and the
            whole set is printed in the report.
        executor: Where the Excel workbook is built (`pipeline.parallel`), the slowest
            file on a large corpus: with a worker process it is built while this process
            writes the REFI-QDA files and the report. None builds it here. The files are
            the same either way.

    Returns:
        The files written, in the order they were written.
    """
    options = params.export
    out = layout.reports
    written: list[Path] = []

    def save_table(table, name: str) -> None:
        write_table(table, out / name)
        written.append(out / name)

    # Read and validate the stage outputs.
    inputs = load_inputs(layout.interim, layout.processed, layout.metrics)
    terms = ordered_terms(params.associate.terms, inputs.term_hits)
    measure = options.network_measure

    # The coded tables.
    codebook = build_codebook(
        inputs.term_hits,
        inputs.coded_contexts,
        inputs.themes,
        inputs.associations,
        terms=terms,
        term_specs=params.associate.terms,
        measure=measure,
        n_quotes=params.themes.n_quotes,
    )
    coded = build_coded_segments(
        inputs.segments,
        inputs.term_hits,
        inputs.coded_contexts,
        codebook,
        documents=inputs.documents,
        metadata_columns=inputs.metadata_columns,
    )
    associations = friendly_associations(
        inputs.associations, inputs.term_hits, terms=terms, measure=measure
    )
    kwic = friendly_kwic(inputs.kwic, terms=terms)
    cc, themes = inputs.coded_contexts, inputs.themes
    matrices = {
        "term_theme_matrix": theme_matrix(cc, themes, by="term", rows=terms),
        "document_theme_matrix": theme_matrix(
            cc, themes, by="doc_id", rows=sorted(inputs.documents["doc_id"])
        ),
        "speaker_theme_matrix": theme_matrix(
            cc, themes, by="speaker", rows=all_speakers(inputs.segments)
        ),
    }
    tables = {
        "codebook": codebook,
        "coded_segments": coded,
        "associations": associations,
        "kwic": kwic,
        **matrices,
    }
    for name, table in tables.items():
        save_table(table, f"{name}.csv")

    # The workbook: the same tables, one sheet each (sheet names max 31 characters).
    sheets = {name.removesuffix("_matrix"): table for name, table in tables.items()}
    theme_codes = list(themes["code"]) + sorted(set(cc["code"]) - set(themes["code"]))
    workbook = (executor or Executor()).submit(
        partial(workbook_bytes, theme_codes=theme_codes, stamp=options.creation_date), sheets
    )

    # REFI-QDA: check the texts first, since a bad text would shift every coding.
    warnings = []
    for doc_id, text in zip(inputs.documents["doc_id"], inputs.documents["text"], strict=True):
        warnings += check_source_text(doc_id, text)
    for warning in warnings:
        log.warning("export: %s", warning)
    info = ProjectInfo(
        name=options.project_name,
        origin=ORIGIN,
        user_name=options.user_name,
        created=options.creation_date,
        description=" ".join(QDA_NOTES),
    )
    write_bytes(out / "codebook.qdc", codebook_xml(codebook, origin=ORIGIN))
    selections = build_selections(inputs.term_hits, cc, codebook)
    project = project_xml(
        inputs.documents,
        codebook,
        selections,
        info=info,
        metadata_columns=inputs.metadata_columns,
    )
    qdpx = qdpx_bytes(project, inputs.documents, stamp=options.creation_date)
    write_bytes(out / "kruispunt.qdpx", qdpx)
    written += [out / "codebook.qdc", out / "kruispunt.qdpx"]

    # Plot data for `dvc plots show`; stale files of terms no longer in the lexicon go.
    bars_dir = out / "plots" / "associations"
    bars = association_bars(
        inputs.associations, terms=terms, measure=measure, top_n=options.network_top_n
    )
    for stale in bars_dir.glob("*.csv"):
        if stale.stem not in bars:
            stale.unlink()
    for slug, table in bars.items():
        save_table(table, f"plots/associations/{slug}.csv")
    save_table(theme_sizes(themes), "plots/themes.csv")

    # The HTML report.
    words = segment_words(inputs)
    overview = corpus_overview(inputs, words=words, terms=terms)
    term_rows = codebook[codebook["level"] == "term"]
    sections = [
        term_section(
            inputs,
            row,
            words=words,
            kwic=kwic,
            associations=associations,
            measure=measure,
            top_n=options.network_top_n,
            kwic_sample=options.kwic_sample,
        )
        for _, row in term_rows.iterrows()
    ]
    html = render_report(
        project=options.project_name,
        origin=ORIGIN,
        created=options.creation_date,
        overview=overview,
        terms=sections,
        themes=themes_section(inputs, matrices["term_theme_matrix"]),
        params=params.model_dump(mode="json"),
        nlp_info=inputs.nlp_info,
        notes=QDA_NOTES + warnings,
        measure=measure,
    )
    write_text(out / "report.html", html)
    written.append(out / "report.html")
    write_bytes(out / "kruispunt.xlsx", workbook.result())
    written.append(out / "kruispunt.xlsx")
    return written
