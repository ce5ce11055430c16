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
from pipeline.export.report import corpus_overview, render_report, term_section, themes_section
from pipeline.export.words import segment_words
from pipeline.export.workbook import workbook_bytes
from pipeline.parallel import Executor
from pipeline.tables import write_bytes, write_table, write_text

if TYPE_CHECKING:
    from concurrent.futures import Future

    import pandas as pd

    from pipeline.export.inputs import ExportInputs
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

    # Read and validate the stage outputs.
    inputs = load_inputs(layout.interim, layout.processed, layout.metrics)
    terms = ordered_terms(params.associate.terms, inputs.term_hits)

    # The coded tables, as CSV.
    tables = _coded_tables(inputs, params, terms=terms)
    written = _write_tables(out, {f"{name}.csv": table for name, table in tables.items()})

    # The workbook holds the same tables; it is built while the other files are written.
    workbook = _submit_workbook(inputs, tables, executor=executor, stamp=options.creation_date)

    # REFI-QDA codebook and project.
    warnings = _write_refiqda(out, inputs, tables["codebook"], params)
    written += [out / "codebook.qdc", out / "kruispunt.qdpx"]

    # Plot data for `dvc plots show`.
    written += _write_plot_data(out, inputs, params, terms=terms)

    # The HTML report, then the workbook once it is built.
    html = _report_html(inputs, tables, params, terms=terms, notes=QDA_NOTES + warnings)
    write_text(out / "report.html", html)
    write_bytes(out / "kruispunt.xlsx", workbook.result())
    return [*written, out / "report.html", out / "kruispunt.xlsx"]


def _write_tables(out: Path, tables: dict[str, pd.DataFrame]) -> list[Path]:
    """Write tables under `out` by relative file name; return the paths in order."""
    paths = []
    for name, table in tables.items():
        write_table(table, out / name)
        paths.append(out / name)
    return paths


def _coded_tables(
    inputs: ExportInputs, params: Params, *, terms: list[str]
) -> dict[str, pd.DataFrame]:
    """The take-home tables by file stem, in the order they are written and shown."""
    measure = params.export.network_measure
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
    cc, themes = inputs.coded_contexts, inputs.themes
    return {
        "codebook": codebook,
        "coded_segments": coded,
        "associations": friendly_associations(
            inputs.associations, inputs.term_hits, terms=terms, measure=measure
        ),
        "kwic": friendly_kwic(inputs.kwic, terms=terms),
        "term_theme_matrix": theme_matrix(cc, themes, by="term", rows=terms),
        "document_theme_matrix": theme_matrix(
            cc, themes, by="doc_id", rows=sorted(inputs.documents["doc_id"])
        ),
        "speaker_theme_matrix": theme_matrix(
            cc, themes, by="speaker", rows=all_speakers(inputs.segments)
        ),
    }


def _submit_workbook(
    inputs: ExportInputs,
    tables: dict[str, pd.DataFrame],
    *,
    executor: Executor | None,
    stamp: str,
) -> Future[bytes]:
    """Start building the workbook: the tables, one sheet each."""
    # Sheet names have at most 31 characters.
    sheets = {name.removesuffix("_matrix"): table for name, table in tables.items()}
    cc, themes = inputs.coded_contexts, inputs.themes
    theme_codes = list(themes["code"]) + sorted(set(cc["code"]) - set(themes["code"]))
    build = partial(workbook_bytes, theme_codes=theme_codes, stamp=stamp)
    return (executor or Executor()).submit(build, sheets)


def _write_refiqda(
    out: Path, inputs: ExportInputs, codebook: pd.DataFrame, params: Params
) -> list[str]:
    """Write codebook.qdc and kruispunt.qdpx; return the warnings about source texts."""
    options = params.export
    # Check the texts first, since a bad text would shift every coding.
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
    selections = build_selections(inputs.term_hits, inputs.coded_contexts, codebook)
    project = project_xml(
        inputs.documents,
        codebook,
        selections,
        info=info,
        metadata_columns=inputs.metadata_columns,
    )
    qdpx = qdpx_bytes(project, inputs.documents, stamp=options.creation_date)
    write_bytes(out / "kruispunt.qdpx", qdpx)
    return warnings


def _write_plot_data(
    out: Path, inputs: ExportInputs, params: Params, *, terms: list[str]
) -> list[Path]:
    """Write the association bars per term and the theme sizes for `dvc plots show`."""
    options = params.export
    bars = association_bars(
        inputs.associations,
        terms=terms,
        measure=options.network_measure,
        top_n=options.network_top_n,
    )
    # Files of terms no longer in the lexicon would otherwise stay on the plots page.
    for stale in (out / "plots" / "associations").glob("*.csv"):
        if stale.stem not in bars:
            stale.unlink()
    plots = {f"plots/associations/{slug}.csv": table for slug, table in bars.items()}
    return _write_tables(out, {**plots, "plots/themes.csv": theme_sizes(inputs.themes)})


def _report_html(
    inputs: ExportInputs,
    tables: dict[str, pd.DataFrame],
    params: Params,
    *,
    terms: list[str],
    notes: list[str],
) -> str:
    """Render report.html from the same tables as the CSV and Excel files."""
    options = params.export
    words = segment_words(inputs.segments, inputs.tokens)
    codebook = tables["codebook"]
    sections = [
        term_section(
            inputs,
            row,
            words=words,
            kwic=tables["kwic"],
            associations=tables["associations"],
            measure=options.network_measure,
            top_n=options.network_top_n,
            kwic_sample=options.kwic_sample,
        )
        for _, row in codebook[codebook["level"] == "term"].iterrows()
    ]
    return render_report(
        project=options.project_name,
        origin=ORIGIN,
        created=options.creation_date,
        overview=corpus_overview(inputs, words=words, terms=terms),
        terms=sections,
        themes=themes_section(inputs, tables["term_theme_matrix"]),
        params=params.model_dump(mode="json"),
        nlp_info=inputs.nlp_info,
        notes=notes,
        measure=options.network_measure,
    )
