import numpy as np
import pandas as pd
import pytest
from explore_fixtures import associations

from pipeline.explore import figures


def test_explore_figures_network_labels_strongest_associates():
    figure = figures.association_network(associations(), "regie", measure="log_dice", top_n=3)
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.texts] == ["nemen", "voeren", "wethouder", "regie"]
    assert "log-Dice" in ax.get_title()


@pytest.mark.parametrize(
    ("panel", "title", "labels"),
    [
        (0, "PMI", ["voeren", "nemen", "wethouder", "gemeente"]),
        (3, "t-score", ["nemen", "wethouder", "voeren", "gemeente"]),
    ],
)
def test_explore_figures_measure_bars_one_panel_per_measure(panel, title, labels):
    figure = figures.measure_bars(associations(), "regie", top_n=10)
    ax = figure.axes[panel]
    assert ax.get_title() == title
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    assert ax.get_xlabel() == "score"


def test_explore_figures_bar_chart_labels_and_legend():
    table = pd.DataFrame(
        {"doc_id": ["a.txt", "b.txt", "c.txt"], "words": [30, 20, 10], "type": ["x", "y", "x"]}
    )
    figure = figures.bar_chart(
        table, label="doc_id", value="words", title="Words per document", xlabel="words",
        color_by="type",
    )  # fmt: skip
    ax = figure.axes[0]
    assert (ax.get_title(), ax.get_xlabel()) == ("Words per document", "words")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x", "y"]
    assert [p.get_width() for p in ax.patches[:3]] == [30, 20, 10]


def test_explore_figures_count_heatmap_writes_counts():
    matrix = pd.DataFrame({"T00": [2, 0], "T01": [1, 5]}, index=["regie", "maatwerk"])
    figure = figures.count_heatmap(matrix, title="t", xlabel="theme", ylabel="term")
    assert [t.get_text() for t in figure.axes[0].texts] == ["2", "1", "0", "5"]


def test_explore_figures_share_chart_rows_sum_to_one():
    matrix = pd.DataFrame({"doc_id": ["a", "b"], "T00": [1, 0], "T01": [3, 2], "total": [4, 2]})
    figure = figures.share_chart(matrix, index="doc_id", title="t", xlabel="share")
    widths = np.array([p.get_width() for p in figure.axes[0].patches]).reshape(2, 2)
    assert widths.sum(axis=0).tolist() == [1.0, 1.0]
    assert widths[0].tolist() == [0.25, 0.0]
