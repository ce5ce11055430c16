import math

import pytest

from pipeline.themes.metrics import npmi, npmi_coherence, npmi_per_theme, topic_diversity
from pipeline.themes.topics import representation_vectorizer

ANALYZER = representation_vectorizer({"het", "de"}, ngram_range=(1, 2)).build_analyzer()
# df: familie 3, buur 2, taal 2; familie+buur 2, familie+taal 1, buur+taal 0; N = 4.
DOCS = ["familie buur", "familie buur", "familie taal", "taal"]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((2, 3, 2, 4), math.log2(4 / 3)),  # ln(0.5/(0.75*0.5)) / -ln(0.5)
        ((1, 3, 2, 4), math.log(2 / 3) / math.log(4)),  # ln(0.25/(0.75*0.5)) / -ln(0.25)
        ((1, 1, 1, 4), 1.0),  # always together: ln(4) / ln(4)
        ((1, 2, 2, 4), 0.0),  # independent: p(w1,w2) = p(w1)p(w2)
        ((0, 2, 2, 4), -1.0),  # never together: the limit, no epsilon
        ((4, 4, 4, 4), 1.0),  # both in every document: the limit
    ],
)
def test_themes_metrics_npmi_by_hand(counts, expected):
    assert npmi(*counts) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("keywords", "expected"),
    [
        (["familie", "buur"], math.log2(4 / 3)),
        (["familie", "taal"], math.log(2 / 3) / math.log(4)),
        (["buur", "taal"], -1.0),
        (["familie", "buur", "taal"], (math.log2(4 / 3) + math.log(2 / 3) / math.log(4) - 1) / 3),
        (["familie"], None),
    ],
)
def test_themes_metrics_npmi_per_theme_counts_documents(keywords, expected):
    (score,) = npmi_per_theme([keywords], DOCS, analyzer=ANALYZER)
    assert score == (None if expected is None else pytest.approx(expected))


def test_themes_metrics_coherence_is_mean_over_themes():
    themes = [["familie", "buur"], ["buur", "taal"], ["taal"]]
    expected = (math.log2(4 / 3) - 1.0) / 2  # the one-keyword theme is skipped
    assert npmi_coherence(themes, DOCS, analyzer=ANALYZER) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("docs", "expected"),
    [
        # Stop words go before bigrams are formed, as in the representation vectorizer.
        (["sociaal het netwerk buur", "buur"], 0.0),
        (["sociaal netwerk buur", "sociaal netwerk buur"], 1.0),
        (["netwerk sociaal buur", "buur"], -1.0),  # words in the other order: no bigram
    ],
)
def test_themes_metrics_npmi_finds_bigram_keywords(docs, expected):
    (score,) = npmi_per_theme([["sociaal netwerk", "buur"]], docs, analyzer=ANALYZER)
    assert score == pytest.approx(expected)


@pytest.mark.parametrize(
    ("themes", "expected"),
    [
        ([["familie", "buur"], ["taal", "les"]], 1.0),
        ([["familie", "buur"], ["buur", "taal"]], 0.75),
        ([["a", "b", "c"], ["a", "b", "c"], ["a", "b", "c"]], 1 / 3),
        ([], None),
    ],
)
def test_themes_metrics_topic_diversity(themes, expected):
    assert topic_diversity(themes) == (None if expected is None else pytest.approx(expected))
