"""The reports folder: what researchers take home from a run.

`export_reports` reads every stage output and writes to `reports/`: the codebook and coded
segments as CSV, the associate stage's tables in reading order, theme matrices, one Excel
workbook, the REFI-QDA codebook (.qdc) and project (.qdpx), plot data for DVC, and a
self-contained HTML report; with a coded project compared (the compare stage), also the
agreement with it (agreement.csv, disagreements.csv, a sheet and a report section). The
CSV and xlsx files are formula-safe unless `export.formula_safe` is off
(`pipeline.export.formula_safe`).
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.export.agreement_section import agreement_section
from pipeline.export.associate_tables import friendly_associations, friendly_kwic
from pipeline.export.codebook import ordered_terms
from pipeline.export.coded_segments import build_coded_segments
from pipeline.export.coding import run_codebook, run_selections
from pipeline.export.compare_tables import compare_sheets, compare_tables
from pipeline.export.formula_safe import guard_table
from pipeline.export.inputs import load_inputs
from pipeline.export.matrices import all_speakers, theme_matrix
from pipeline.export.plot_data import association_bars, theme_sizes
from pipeline.export.provenance import with_run_identity
from pipeline.export.qda_export import QDA_NOTES, write_refiqda
from pipeline.export.report import corpus_overview, render_report, term_section, themes_section
from pipeline.export.report_files import file_links
from pipeline.export.scratch import remove_stale_scratch
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
    # The user and date every file carries (the run's, unless params fix them).
    params = with_run_identity(params)
    options = params.export
    out = layout.reports
    # A killed export leaves the workbook's scratch folder behind.
    for stale in remove_stale_scratch(out):
        log.info("export: removed the stale scratch folder %s", stale)

    # Read and validate the stage outputs.
    inputs = load_inputs(layout.interim, layout.processed, layout.metrics)
    terms = ordered_terms(params.associate.terms, inputs.term_hits)

    # The coded tables, as CSV.
    tables = _coded_tables(inputs, params, terms=terms)
    # With a coded project compared (compare stage): agreement and disagreements too.
    compared = compare_tables(inputs.agreement, inputs.disagreements, inputs.compare_report)
    csvs = {f"{name}.csv": table for name, table in (tables | compared).items()}
    written = _write_tables(out, csvs, formula_safe=options.formula_safe)

    # The workbook holds the same tables; it is built while the other files are written.
    extra = compare_sheets(compared)
    workbook = _submit_workbook(
        inputs, tables, executor=executor, out=out, params=params, extra=extra
    )

    # REFI-QDA codebook and project.
    warnings = write_refiqda(
        out, inputs, tables["codebook"], params, origin=ORIGIN, description=" ".join(QDA_NOTES)
    )
    written += [out / "codebook.qdc", out / "kruispunt.qdpx"]

    # Plot data for `dvc plots show`.
    written += _write_plot_data(out, inputs, params, terms=terms)

    # The HTML report, linking to (or embedding) the CSVs, then the workbook once built.
    files = file_links(out, embed=options.embed_tables, compare=bool(compared))
    html = _report_html(
        inputs, tables, params, terms=terms, notes=QDA_NOTES + warnings, files=files
    )
    write_text(out / "report.html", html)
    write_bytes(out / "kruispunt.xlsx", workbook.result())
    return [*written, out / "report.html", out / "kruispunt.xlsx"]


def _write_tables(out: Path, tables: dict[str, pd.DataFrame], *, formula_safe: bool) -> list[Path]:
    """Write tables under `out` by relative file name; return the paths in order."""
    paths = []
    for name, table in tables.items():
        write_table(guard_table(table) if formula_safe else table, out / name)
        paths.append(out / name)
    return paths


def _coded_tables(
    inputs: ExportInputs, params: Params, *, terms: list[str]
) -> dict[str, pd.DataFrame]:
    """The take-home tables by file stem, in the order they are written and shown."""
    codebook = run_codebook(inputs, params, terms=terms)
    # The same selections as kruispunt.qdpx, so the table codes exactly what it codes.
    selections = run_selections(inputs, codebook)
    coded = build_coded_segments(
        selections,
        inputs.segments,
        inputs.term_hits,
        inputs.coded_contexts,
        codebook,
        documents=inputs.documents,
        metadata_columns=inputs.metadata_columns,
        deductive_codings=inputs.deductive_codings,
    )
    cc, themes = inputs.coded_contexts, inputs.themes
    return {
        "codebook": codebook,
        "coded_segments": coded,
        "associations": friendly_associations(inputs.associations, inputs.term_hits, terms=terms),
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
    out: Path,
    params: Params,
    extra: dict[str, pd.DataFrame],
) -> Future[bytes]:
    """Start building the workbook: the tables, then `extra` sheets, scratch files in `out`."""
    # Sheet names have at most 31 characters.
    sheets = {name.removesuffix("_matrix"): table for name, table in tables.items()} | extra
    if params.export.workbook_top_n:  # a sheet to read and print; the CSV keeps every pair
        top = sheets["associations"].groupby("term", sort=False).head(params.export.workbook_top_n)
        sheets["associations"] = top.reset_index(drop=True)
    cc, themes = inputs.coded_contexts, inputs.themes
    theme_codes = list(themes["code"]) + sorted(set(cc["code"]) - set(themes["code"]))
    build = partial(
        workbook_bytes,
        theme_codes=theme_codes,
        stamp=params.export.creation_date,
        scratch=out,
        formula_safe=params.export.formula_safe,
    )
    return (executor or Executor()).submit(build, sheets)


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
    plots["plots/themes.csv"] = theme_sizes(inputs.themes)
    return _write_tables(out, plots, formula_safe=options.formula_safe)


def _report_html(
    inputs: ExportInputs,
    tables: dict[str, pd.DataFrame],
    params: Params,
    *,
    terms: list[str],
    notes: list[str],
    files: list[dict[str, str]],
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
        agreement=agreement_section(inputs),
        params=params.model_dump(mode="json"),
        nlp_info=inputs.nlp_info,
        notes=notes,
        measure=options.network_measure,
        files=files,
    )
