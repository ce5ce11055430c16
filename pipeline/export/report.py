"""report.html: one self-contained page that opens offline.

plotly.js is inlined once in the head and every figure only calls it; no CDN, no web
fonts, no external style sheets. The page is rendered from the same tables as the CSV and
Excel files, so every number in it can be found again there.
"""

from __future__ import annotations

import json
from typing import Any

import jinja2
import numpy as np
import pandas as pd
import plotly.offline
import yaml

from pipeline.export import figures
from pipeline.export.inputs import ExportInputs
from pipeline.export.matrices import NO_SPEAKER
from pipeline.export.report_style import NARROW_SCRIPT, STYLE
from pipeline.export.report_template import TABLE_MACRO, TEMPLATE
from pipeline.export.words import per_1000_words

MAX_ROWS = 15
QUOTE_CHARS = 200


def _shorten(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows for the template: floats rounded, missing values blank."""
    out = []
    for row in frame.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, float | np.floating):
                value = "" if np.isnan(value) else round(float(value), 2)
            elif value is None or value is pd.NA:
                value = ""
            elif isinstance(value, np.integer):
                value = int(value)
            clean[str(key)] = value
        out.append(clean)
    return out


def corpus_overview(
    inputs: ExportInputs, *, words: pd.DataFrame, terms: list[str]
) -> dict[str, Any]:
    """Figures for the corpus section: counts, documents, ingest problems."""
    docs = inputs.documents
    per_doc = pd.DataFrame({"doc_id": docs["doc_id"], "title": docs["title"]})
    per_doc["format"] = docs["format"]
    for column in inputs.metadata_columns:
        per_doc[column] = docs[column]
    segs = inputs.segments.groupby("doc_id")
    per_doc["segments"] = per_doc["doc_id"].map(segs.size()).fillna(0).astype(int)
    per_doc["speakers"] = per_doc["doc_id"].map(segs["speaker"].nunique()).fillna(0).astype(int)
    per_doc["words"] = per_doc["doc_id"].map(words.groupby("doc_id")["words"].sum()).fillna(0)
    per_doc["words"] = per_doc["words"].astype(int)
    hits = inputs.term_hits.groupby("doc_id").size()
    per_doc["term hits"] = per_doc["doc_id"].map(hits).fillna(0).astype(int)
    problems = [
        {k: row.get(k, "") for k in ("path", "status", "reason")}
        for row in inputs.ingest_report
        if row.get("status") != "ok"
    ]
    cards = [
        ("documents", len(docs)),
        ("segments", len(inputs.segments)),
        ("speakers", inputs.segments["speaker"].nunique()),
        ("words", int(words["words"].sum())),
        ("term hits", len(inputs.term_hits)),
        ("themes", len(inputs.themes)),
        ("ingest problems", len(problems)),
    ]
    figure = figures.hits_by_document(inputs.term_hits, terms=terms)
    return {
        "n_documents": len(docs),
        "n_files": len(inputs.ingest_report),
        "cards": cards,
        "documents": _records(per_doc),
        "problems": problems,
        "figure": figures.figure_div(figure, "fig-hits-by-document"),
    }


def _frequency(hits: pd.DataFrame, words: pd.DataFrame, by: str) -> list[dict[str, Any]]:
    # The full counts are in coded_segments; the page shows the MAX_ROWS largest.
    counts = hits[by].fillna(NO_SPEAKER).value_counts()
    totals = words.groupby(by)["words"].sum()  # segment_words names the missing speaker
    frame = pd.DataFrame({by: counts.index, "hits": counts.to_numpy()})
    # As float: mapping no rows would keep the string dtype of the keys.
    words_by = frame[by].map(totals).astype("float64")
    frame["per 1,000 words"] = per_1000_words(frame["hits"], words_by)
    return _records(frame.sort_values(["hits", by], ascending=[False, True]).head(MAX_ROWS))


def _kwic_sample(kwic: pd.DataFrame, n: int) -> list[dict[str, Any]]:
    if len(kwic) <= n:
        sample = kwic
    else:  # evenly spaced lines cover every document instead of the first one only
        sample = kwic.iloc[np.linspace(0, len(kwic) - 1, n).round().astype(int)]
    return _records(sample[["doc_id", "speaker", "left", "keyword", "right", "match_kind"]])


def term_section(
    inputs: ExportInputs,
    codebook_row: pd.Series,
    *,
    words: pd.DataFrame,
    kwic: pd.DataFrame,
    associations: pd.DataFrame,
    measure: str,
    top_n: int,
    kwic_sample: int,
) -> dict[str, Any]:
    """Everything the report shows for one focal term."""
    term = str(codebook_row["term"])
    hits = inputs.term_hits[inputs.term_hits["term"] == term]
    top = associations[associations["term"] == term].head(top_n)
    first = top["examples"].str.split(" || ", regex=False).str[0].fillna("")
    top = top.assign(example=first.map(_shorten))
    shown = ["associate", "kind", "n_cooc", measure, "fisher_p", "stated"]
    shown = list(dict.fromkeys(shown))
    relations = inputs.relations[inputs.relations["term"] == term]
    relation_rows = (
        relations.groupby(["relation", "associate"])
        .agg(n=("hit_id", "size"), example=("sentence", "first"))
        .reset_index()
        .sort_values(["n", "relation", "associate"], ascending=[False, True, True])
        .head(10)
    )
    relation_rows["example"] = relation_rows["example"].map(_shorten)
    figure = None
    if len(top):
        network = figures.association_network(
            associations, term, measure=measure, top_n=top_n, color=str(codebook_row["color"])
        )
        figure = figures.figure_div(network, f"fig-network-{codebook_row['guid']}")
    return {
        "term": term,
        "color": codebook_row["color"],
        "definition": codebook_row["definition"],
        "n_hits": len(hits),
        "n_docs": hits["doc_id"].nunique(),
        "n_speakers": hits["speaker"].dropna().nunique(),
        "by_document": _frequency(hits, words, "doc_id"),
        "by_speaker": _frequency(hits, words, "speaker"),
        "kwic": _kwic_sample(kwic[kwic["term"] == term], kwic_sample),
        "variants": _records(
            inputs.term_variants.loc[
                inputs.term_variants["term"] == term, ["suggestion", "n", "n_docs"]
            ]
        ),
        "associations": _records(top[[*shown, "example"]]),
        "relations": _records(relation_rows),
        "figure": figure,
    }


def themes_section(inputs: ExportInputs, term_matrix: pd.DataFrame) -> dict[str, Any]:
    """Theme keywords, sizes and quotes, the theme × term heat map and the model metrics."""
    themes = inputs.themes.sort_values("theme_id")
    rows = [
        {
            "code": row["code"],
            "size": int(row["size"]),
            "n_docs": int(row["n_docs"]),
            "keywords": row["keywords"],
            "quotes": [q for q in str(row["quotes"]).split(" || ") if q.strip()],
        }
        for row in themes.to_dict("records")
    ]
    labels = dict(zip(themes["code"], themes["label"], strict=True))
    heatmap = figures.theme_term_heatmap(term_matrix, labels=labels)
    metrics = [
        {"metric": k, "value": v if isinstance(v, int | float | str) else json.dumps(v)}
        for k, v in sorted(inputs.theme_metrics.items())
    ]
    return {
        "rows": rows,
        "figure": figures.figure_div(heatmap, "fig-theme-term"),
        "metrics": metrics,
    }


def render_report(
    *,
    project: str,
    origin: str,
    created: str,
    overview: dict[str, Any],
    terms: list[dict[str, Any]],
    themes: dict[str, Any],
    params: dict[str, Any],
    nlp_info: dict[str, Any],
    notes: list[str],
    measure: str,
    files: list[dict[str, Any]],
    agreement: dict[str, Any] | None = None,
) -> str:
    """Fill the report template.

    Args:
        project: Project name (the page title).
        origin: Exporting software and version.
        created: The run's date as written in the page header.
        overview: The corpus section (see `corpus_overview`).
        terms: One section per focal term (see `term_section`).
        themes: The themes section (see `themes_section`).
        params: Every parameter of the run, printed in the method section.
        nlp_info: Description of the annotating model.
        notes: Export notes for the method section.
        measure: The association measure of the tables and networks.
        files: The files the page links to or embeds (see `report_files.file_links`).
        agreement: The agreement section (`agreement_section`); None: no section.

    Returns:
        The complete HTML page, with plotly.js inlined once.
    """
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string(TABLE_MACRO + TEMPLATE)
    model = [
        {"field": k, "value": v if isinstance(v, int | float | str) else json.dumps(v)}
        for k, v in sorted(nlp_info.items())
    ]
    return template.render(
        project=project,
        origin=origin,
        created=created,
        overview=overview,
        terms=terms,
        themes=themes,
        agreement=agreement,
        measure=measure,
        method={
            "model": model,
            "notes": notes,
            "params": yaml.safe_dump(params, sort_keys=False, allow_unicode=True),
        },
        files=files,
        max_rows=MAX_ROWS,
        plotly_js=plotly.offline.get_plotlyjs(),
        style=STYLE,
        narrow_script=NARROW_SCRIPT,
    )
