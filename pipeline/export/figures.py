"""Plotly figures for the HTML report, rendered as `<div>`s without plotly.js.

The report inlines plotly.js once in its head; each figure here is only its data and a
call to `Plotly.newPlot`. Layouts are computed, not simulated, so the same tables give
the same picture, and every figure has a fixed div id so reruns are byte-identical.
Figures fill the width of their box and resize with it. A figure with long labels also
carries short ones in `layout.meta` (`narrow` and `wide` updates), which the report's
script applies below 600 px (`pipeline.export.report_style`), so that every label shows
on a phone too.
"""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from pipeline.export.codebook import TERM_COLORS

_CONFIG = {"displaylogo": False, "responsive": True}
_TEMPLATE = "simple_white"
SHORT_LABEL = 16


def short_label(label: str, limit: int = SHORT_LABEL) -> str:
    """A label cut to `limit` characters with an ellipsis, for narrow screens."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _screen_labels(axis: str, values: list[str], short: list[str]) -> dict[str, object]:
    """The `layout.meta` updates that switch an axis between full and short tick labels."""
    ticks = {f"{axis}.tickmode": "array", f"{axis}.tickvals": values}
    return {
        "narrow": {"layout": {**ticks, f"{axis}.ticktext": short}},
        "wide": {"layout": {**ticks, f"{axis}.ticktext": values}},
    }


def figure_div(figure: go.Figure, div_id: str) -> str:
    """Render a figure as an HTML fragment that expects plotly.js to be loaded already."""
    return figure.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=_CONFIG)


def hits_by_document(term_hits: pd.DataFrame, *, terms: list[str]) -> go.Figure:
    """Stacked horizontal bars: term hits per document, one colour per term.

    Documents are rows, so their names read across at any width (cut short on a narrow
    screen, in full in the hover text), and the legend sits below the bars, never on them.

    Args:
        term_hits: The term_hits table.
        terms: Focal terms in report order (fixes the colours).

    Returns:
        The figure.
    """
    counts = pd.crosstab(term_hits["doc_id"], term_hits["term"]) if len(term_hits) else None
    docs = [] if counts is None else [str(d) for d in counts.index]
    figure = go.Figure()
    for index, term in enumerate(terms):
        if counts is None or term not in counts:
            continue
        figure.add_bar(
            name=term,
            y=docs,
            x=[int(v) for v in counts[term]],
            orientation="h",
            marker_color=TERM_COLORS[index % len(TERM_COLORS)],
            hovertemplate="%{y}<br>" + html.escape(term) + ": %{x} hits<extra></extra>",
        )
    figure.update_layout(
        barmode="stack",
        template=_TEMPLATE,
        height=max(240, 120 + 28 * len(docs)),
        margin={"l": 10, "r": 10, "t": 34, "b": 40},  # the tool bar sits in the top margin
        yaxis={"autorange": "reversed", "automargin": True},
        # Below the axis, the legend never covers a bar or the plotly tool bar; its title
        # names the axis.
        legend={
            "orientation": "h",
            "x": 0,
            "y": -0.11,
            "xanchor": "left",
            "yanchor": "top",
            "title": {"text": "term hits of"},
            "traceorder": "normal",
        },
        meta=_screen_labels("yaxis", docs, [short_label(d) for d in docs]),
    )
    return figure


def network_layout(weights: list[float]) -> list[tuple[float, float]]:
    """Place associates around the term: evenly by angle, stronger ones closer.

    Args:
        weights: Edge weights in display order (strongest first).

    Returns:
        One (x, y) per weight; the term itself sits at (0, 0). Radii run from 0.45 for the
        strongest to 1.0 for the weakest edge.
    """
    if not weights:
        return []
    low, high = min(weights), max(weights)
    span = (high - low) or 1.0
    points = []
    for i, weight in enumerate(weights):
        angle = math.pi / 2 - 2 * math.pi * i / len(weights)
        radius = 1.0 - 0.55 * (weight - low) / span
        points.append((round(radius * math.cos(angle), 6), round(radius * math.sin(angle), 6)))
    return points


def _label_side(x: float, y: float) -> str:
    # Labels point away from the centre so they do not sit on the edges.
    if abs(x) > abs(y):
        return "middle right" if x > 0 else "middle left"
    return "top center" if y >= 0 else "bottom center"


def association_network(
    associations: pd.DataFrame, term: str, *, measure: str, top_n: int, color: str
) -> go.Figure:
    """The term and its strongest associates, edges weighted by an association measure.

    Args:
        associations: The associations table.
        term: The focal term in the middle.
        measure: Column that weights the edges (log_dice, pmi, log_likelihood, t_score).
        top_n: Associates to show.
        color: Colour of the term node and edges.

    Returns:
        The figure: edge width and closeness grow with the measure, node size with the
        co-occurrence count.
    """
    rows = associations[associations["term"] == term]
    rows = rows.sort_values([measure, "associate"], ascending=[False, True]).head(top_n)
    weights = [float(v) for v in rows[measure]]
    points = network_layout(weights)
    low, high = (min(weights), max(weights)) if weights else (0.0, 1.0)
    figure = go.Figure()
    for (x, y), weight in zip(points, weights, strict=True):
        share = (weight - low) / ((high - low) or 1.0)
        figure.add_scatter(
            x=[0, x], y=[0, y], mode="lines", hoverinfo="skip", showlegend=False,
            line={"width": 1 + 6 * share, "color": color}, opacity=0.35 + 0.5 * share,
        )  # fmt: skip
    sizes = [10 + 4 * math.sqrt(int(n)) for n in rows["n_cooc"]]
    figure.add_scatter(
        x=[p[0] for p in points],
        y=[p[1] for p in points],
        mode="markers+text",
        # plotly reads labels as a subset of HTML; a lemma must never become markup.
        text=[html.escape(str(a)) for a in rows["associate"]],
        textposition=[_label_side(x, y) for x, y in points],
        marker={"size": sizes, "color": "#f2f2f2", "line": {"color": color, "width": 1.5}},
        customdata=[[w, int(n)] for w, n in zip(weights, rows["n_cooc"], strict=True)],
        hovertemplate=f"%{{text}}<br>{measure}: %{{customdata[0]:.2f}}"
        "<br>co-occurrences: %{customdata[1]}<extra></extra>",
        showlegend=False,
    )
    figure.add_scatter(
        x=[0], y=[0], mode="markers+text", text=[f"<b>{html.escape(term)}</b>"],
        textposition="bottom center", marker={"size": 26, "color": color},
        textfont={"color": color, "size": 14}, hoverinfo="skip", showlegend=False,
    )  # fmt: skip
    axis = {"visible": False, "range": [-1.35, 1.35]}
    figure.update_layout(
        template=_TEMPLATE,
        height=420,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis=axis,
        yaxis={**axis, "scaleanchor": "x"},
        title={"text": f"edges weighted by {measure}", "font": {"size": 12}},
    )
    return figure


def theme_term_heatmap(matrix: pd.DataFrame, *, labels: dict[str, str]) -> go.Figure:
    """Heat map of theme-coded contexts per theme (rows) and term (columns).

    Args:
        matrix: The term × theme matrix (see `theme_matrix(by="term")`).
        labels: Theme code to label, for the hover text.

    Returns:
        The figure, with the counts written in the cells.
    """
    themes = [c for c in matrix.columns if c not in ("term", "total")]
    z = [[int(v) for v in matrix[theme]] for theme in themes]
    hover = [[labels.get(theme, theme)] * len(matrix) for theme in themes]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=list(matrix["term"]),
            y=themes,
            text=z,
            texttemplate="%{text}",
            customdata=hover,
            hovertemplate="%{y}<br>%{customdata}<br>%{x}: %{z} contexts<extra></extra>",
            colorscale="Blues",
            colorbar={"title": {"text": "contexts"}},
        )
    )
    terms = [str(t) for t in matrix["term"]]
    # Below 600 px: theme numbers only (`T03`, listed with their keywords under the map),
    # every term upright, and no colour bar (the counts are written in the cells).
    meta = _heatmap_meta(themes, [t.split("-", 1)[0] for t in themes], wide_angle=0)
    figure.update_layout(
        template=_TEMPLATE,
        height=max(260, 60 + 34 * len(themes)),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"autorange": "reversed", "automargin": True},
        # Every term gets its tick label, at any width (plotly skips crowded ones).
        xaxis={"automargin": True, "tickmode": "array", "tickvals": terms, "ticktext": terms},
        meta=meta,
    )
    return figure


def _heatmap_meta(rows: list[str], short_rows: list[str], *, wide_angle: int) -> dict:
    """Screen-width variants of a heat map, for `meta` of its layout.

    Below 600 px: the short row labels, upright column labels and no colour bar (the
    counts are written in the cells); wider: the columns at `wide_angle` degrees.
    """
    meta = _screen_labels("yaxis", rows, short_rows)
    meta["narrow"]["layout"] |= {"xaxis.tickangle": -90}
    meta["narrow"]["data"] = {"showscale": [False]}
    meta["wide"]["layout"] |= {"xaxis.tickangle": wide_angle}
    meta["wide"]["data"] = {"showscale": [True]}
    return meta


def _confusion_order(values: pd.Series, none: str) -> list[str]:
    """Codes by name, with the `(geen)` row or column last."""
    codes = sorted({str(v) for v in values} - {none})
    return [*codes, none] if none in set(values) else codes


def confusion_heatmap(confusion: pd.DataFrame, *, none: str = "(geen)") -> go.Figure:
    """Heat map of units per human code (rows) and kruispunt code (columns).

    Args:
        confusion: The agreement_confusion table (human_code, kruispunt_code, units).
        none: The code of units a side left uncoded; its row and column come last.

    Returns:
        The figure, with the unit counts written in the cells. The codes come from the
        researcher's project, so every label is HTML-escaped (plotly reads labels as a
        subset of HTML).
    """
    rows = _confusion_order(confusion["human_code"], none)
    cols = _confusion_order(confusion["kruispunt_code"], none)
    matrix = confusion.pivot_table(
        index="human_code", columns="kruispunt_code", values="units", aggfunc="sum"
    )
    matrix = matrix.reindex(index=rows, columns=cols).fillna(0)
    z = [[int(v) for v in matrix.loc[r]] for r in rows]
    y = [html.escape(r) for r in rows]
    x = [html.escape(c) for c in cols]
    figure = go.Figure(
        go.Heatmap(
            z=z, x=x, y=y, text=z, texttemplate="%{text}", colorscale="Blues",
            hovertemplate="human: %{y}<br>kruispunt: %{x}<br>%{z} units<extra></extra>",
            colorbar={"title": {"text": "units"}},
        )
    )  # fmt: skip
    # Code paths are long: slanted, they stay legible side by side.
    meta = _heatmap_meta(y, [short_label(r) for r in y], wide_angle=-35)
    figure.update_layout(
        template=_TEMPLATE,
        height=max(260, 80 + 34 * len(rows)) + 160,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"autorange": "reversed", "automargin": True, "title": {"text": "human code"}},
        xaxis={
            "automargin": True, "tickmode": "array", "tickvals": x, "ticktext": x,
            "tickangle": -35, "title": {"text": "kruispunt code"},
        },
        meta=meta,
    )  # fmt: skip
    return figure
