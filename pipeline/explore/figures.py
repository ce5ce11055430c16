"""The notebook figures: matplotlib, English titles and axis labels, no network needed.

Every function returns a `matplotlib.figure.Figure` without touching pyplot's global
state, so a notebook shows it as the cell's value and an analyst saves it for a paper
with `figure.savefig("name.pdf")`. Colours are those of the HTML report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from pipeline.explore.terms import MEASURES, attracted, term_ranking
from pipeline.export.codebook import TERM_COLORS, THEME_COLORS
from pipeline.export.figures import network_layout

MEASURE_NAMES = {
    "pmi": "PMI",
    "log_likelihood": "log-likelihood (G²)",
    "log_dice": "log-Dice",
    "t_score": "t-score",
}


def _figure(width: float, height: float, **subplots) -> tuple[Figure, np.ndarray]:
    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.subplots(squeeze=False, **subplots)
    return figure, axes


def bar_chart(
    table: pd.DataFrame,
    *,
    label: str,
    value: str,
    title: str,
    xlabel: str,
    color_by: str | None = None,
) -> Figure:
    """Horizontal bars, one per row of a table, first row at the top.

    Args:
        table: The rows to draw, in display order.
        label: Column with the bar labels.
        value: Column with the bar lengths.
        title: Figure title.
        xlabel: Label of the value axis.
        color_by: Column whose values colour the bars, with a legend (None: one colour).

    Returns:
        The figure.
    """
    figure, axes = _figure(7, 0.8 + 0.32 * max(len(table), 1))
    ax = axes[0, 0]
    labels = table[label].astype(str).tolist()
    if color_by is None:
        colors = [TERM_COLORS[0]] * len(table)
        groups: list[str] = []
    else:
        groups = sorted(table[color_by].fillna("(none)").astype(str).unique())
        palette = {g: THEME_COLORS[i % len(THEME_COLORS)] for i, g in enumerate(groups)}
        colors = [palette[str(g)] for g in table[color_by].fillna("(none)")]
    ax.barh(range(len(table)), table[value].to_numpy(dtype=float), color=colors)
    ax.set_yticks(range(len(table)), labels)
    ax.invert_yaxis()
    for group in groups:
        ax.bar(0, 0, color=palette[group], label=group)  # legend handles only
    if groups:
        ax.legend(title=color_by, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set(title=title, xlabel=xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def speaker_shares(speakers: pd.DataFrame, *, title: str, min_label: float = 0.12) -> Figure:
    """Each document as one bar split into its speakers' shares of the words.

    Args:
        speakers: The table of `pipeline.explore.speaker_summary` (doc_id, speaker, share).
        title: Figure title.
        min_label: Shares at least this large get the speaker's name written on them.

    Returns:
        The figure: per document, speakers from most to fewest words, darker first.
    """
    docs = sorted(speakers["doc_id"].unique())
    figure, axes = _figure(9, 0.8 + 0.45 * max(len(docs), 1))
    ax = axes[0, 0]
    blues = ["#08306b", "#2171b5", "#4292c6", "#6baed6", "#9ecae1", "#c6dbef"]
    for row, doc in enumerate(docs):
        rows = speakers[speakers["doc_id"] == doc].sort_values("share", ascending=False)
        left = 0.0
        for rank, (name, share) in enumerate(zip(rows["speaker"], rows["share"], strict=True)):
            color = blues[min(rank, len(blues) - 1)]
            ax.barh(row, share, left=left, color=color, edgecolor="white", linewidth=0.5)
            if share >= min_label:
                # About 70 characters fit across the whole bar at this size.
                fit = max(3, int(share * 70))
                text = str(name) if len(str(name)) <= fit else str(name)[: fit - 1] + "…"
                ink = "white" if rank < 3 else "black"
                ax.text(
                    left + share / 2, row, text, ha="center", va="center", fontsize=8, color=ink
                )
            left += share
    ax.set_yticks(range(len(docs)), docs)
    ax.invert_yaxis()
    ax.set(title=title, xlabel="share of the document's words", xlim=(0, 1))
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def share_chart(matrix: pd.DataFrame, *, index: str, title: str, xlabel: str) -> Figure:
    """Each row as one 100% bar split over the count columns, with a legend.

    Args:
        matrix: Counts with one label column `index` and one column per category (a
            `total` column is ignored), as `pipeline.explore.theme_sizes` returns.
        index: The label column.
        title: Figure title.
        xlabel: Label of the share axis.

    Returns:
        The figure; rows without any count are drawn empty.
    """
    categories = [c for c in matrix.columns if c not in (index, "total")]
    counts = matrix[categories].to_numpy(dtype=float)
    totals = counts.sum(axis=1, keepdims=True)
    shares = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    figure, axes = _figure(9, 1.2 + 0.4 * max(len(matrix), 1))
    ax = axes[0, 0]
    left = np.zeros(len(matrix))
    for i, category in enumerate(categories):
        ax.barh(
            range(len(matrix)),
            shares[:, i],
            left=left,
            label=category,
            color=THEME_COLORS[i % len(THEME_COLORS)],
            edgecolor="white",
            linewidth=0.5,
        )
        left += shares[:, i]
    ax.set_yticks(range(len(matrix)), matrix[index].astype(str).tolist())
    ax.invert_yaxis()
    ax.set(title=title, xlabel=xlabel, xlim=(0, 1))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def count_heatmap(
    matrix: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    value_label: str = "contexts",
    number_format: str = "{:.0f}",
) -> Figure:
    """A table of counts (or rates) as a heat map with the numbers written in the cells.

    Args:
        matrix: Counts; the index labels the rows, the columns label the columns.
        title: Figure title.
        xlabel: Label of the column axis.
        ylabel: Label of the row axis.
        value_label: What the counts are, for the colour bar.
        number_format: How the values are written in the cells (`"{:.1f}"` for rates).

    Returns:
        The figure.
    """
    values = matrix.to_numpy(dtype=float)
    width = max(6.0, 2.5 + 0.9 * matrix.shape[1])
    figure, axes = _figure(width, max(3.5, 1.5 + 0.45 * len(matrix)))
    ax = axes[0, 0]
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0)
    high = values.max() if values.size else 0
    for (i, j), v in np.ndenumerate(values):
        ax.text(
            j,
            i,
            number_format.format(v),
            ha="center",
            va="center",
            fontsize=8,
            color="white" if v > high * 0.6 else "black",
        )
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=35, ha="right")
    ax.set_yticks(range(len(matrix)), [str(i) for i in matrix.index])
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    figure.colorbar(image, ax=ax, label=value_label, shrink=0.8)
    return figure


def measure_bars(
    associations: pd.DataFrame,
    term: str,
    *,
    measures: Sequence[str] = MEASURES,
    top_n: int = 10,
) -> Figure:
    """One small bar chart per association measure: the term's top associates under it.

    Args:
        associations: The associations table.
        term: The focal term.
        measures: Measures to draw, one panel each.
        top_n: Associates per panel.

    Returns:
        The figure, two panels per row, each titled with its measure. Only pairs seen
        more often than chance are ranked (`pipeline.explore.terms.attracted`).
    """
    ncols = 2
    nrows = max(1, math.ceil(len(measures) / ncols))
    figure, axes = _figure(10, 0.6 + nrows * (0.8 + 0.28 * top_n), nrows=nrows, ncols=ncols)
    for ax, measure in zip(axes.flat, measures, strict=False):
        rows = term_ranking(attracted(associations), term, measure=measure, top_n=top_n)
        ax.barh(range(len(rows)), rows["score"].to_numpy(dtype=float), color=TERM_COLORS[0])
        ax.set_yticks(range(len(rows)), rows["associate"].astype(str).tolist())
        ax.invert_yaxis()
        ax.set(title=MEASURE_NAMES.get(measure, measure), xlabel="score")
        ax.spines[["top", "right"]].set_visible(False)
    for ax in list(axes.flat)[len(measures) :]:
        ax.set_visible(False)
    figure.suptitle(f"Top {top_n} associates of '{term}' under each measure")
    return figure


def association_network(
    associations: pd.DataFrame,
    term: str,
    *,
    measure: str = "log_dice",
    top_n: int = 12,
    color: str = TERM_COLORS[0],
) -> Figure:
    """The term in the middle, its strongest associates around it.

    The layout is the HTML report's (`pipeline.export.figures.network_layout`): stronger
    associates sit closer and get thicker edges; node size grows with the co-occurrence
    count. Only pairs seen more often than chance are drawn
    (`pipeline.explore.terms.attracted`).

    Args:
        associations: The associations table.
        term: The focal term.
        measure: Measure that ranks and weights the associates.
        top_n: Associates to show.
        color: Colour of the term and the edges.

    Returns:
        The figure.
    """
    rows = term_ranking(attracted(associations), term, measure=measure, top_n=top_n)
    weights = [float(w) for w in rows["score"]]
    figure, axes = _figure(7, 7)
    ax = axes[0, 0]
    _draw_associates(ax, rows["associate"], rows["n_cooc"], weights=weights, color=color)
    _draw_centre(ax, term, color=color)
    ax.set(xlim=(-1.45, 1.45), ylim=(-1.35, 1.35), aspect="equal")
    ax.axis("off")
    name = MEASURE_NAMES.get(measure, measure)
    ax.set_title(f"'{term}': top {len(rows)} associates, closer and thicker = higher {name}")
    return figure


def _draw_associates(
    ax: Axes, names: pd.Series, counts: pd.Series, *, weights: list[float], color: str
) -> None:
    """The associates around the centre: an edge, a node and a label each."""
    points = network_layout(weights)
    low, high = (min(weights), max(weights)) if weights else (0.0, 1.0)
    for (x, y), weight, name, n in zip(points, weights, names, counts, strict=True):
        share = (weight - low) / ((high - low) or 1.0)
        ax.plot(
            [0, x], [0, y], color=color, linewidth=1 + 5 * share, alpha=0.3 + 0.5 * share, zorder=1
        )
        ax.scatter(
            [x], [y], s=60 + 40 * math.sqrt(int(n)), color="#f2f2f2", edgecolors=color, zorder=2
        )
        # Labels point away from the centre so they do not sit on the edges.
        ax.annotate(
            str(name),
            (x, y),
            xytext=(8 * np.sign(x), 8 * np.sign(y)),
            textcoords="offset points",
            fontsize=9,
            zorder=3,
            ha="left" if x > 0.05 else "right" if x < -0.05 else "center",
            va="bottom" if y >= 0 else "top",
        )


def _draw_centre(ax: Axes, term: str, *, color: str) -> None:
    """The focal term as a large node in the middle, its name below."""
    ax.scatter([0], [0], s=600, color=color, zorder=3)
    ax.annotate(
        term,
        (0, 0),
        xytext=(0, -22),
        textcoords="offset points",
        ha="center",
        fontsize=12,
        fontweight="bold",
        color=color,
    )
