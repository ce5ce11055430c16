import numpy as np
import pytest

from pipeline.params import ThemesParams
from pipeline.themes.topics import ThemeTopics, canonical_numbers, representation_vectorizer


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        ([2, 2, 0, 1, 1, 1], [1, 1, 2, 0, 0, 0]),  # by size
        ([5, 3, 3, 5], [0, 1, 1, 0]),  # tie: the theme seen first wins
        ([3, 5, 5, 3], [0, 1, 1, 0]),
        ([-1, 4, -1, 4, 7], [-1, 0, -1, 0, 1]),  # outliers stay -1
        ([0], [0]),
    ],
)
def test_themes_topics_canonical_numbers(topics, expected):
    assert canonical_numbers(np.array(topics)).tolist() == expected


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("financieel coöperatie", ["financieel", "coöperatie", "financieel coöperatie"]),
        ("geïntegreerd de aanpak", ["geïntegreerd", "aanpak", "geïntegreerd aanpak"]),
        ("co-creatie B1", ["co-creatie", "b1", "co-creatie b1"]),
    ],
)
def test_themes_topics_vectorizer_keeps_dutch_words_whole(doc, expected):
    analyzer = representation_vectorizer({"de"}, ngram_range=(1, 2)).build_analyzer()
    assert analyzer(doc) == expected


def test_themes_topics_bertopic_is_not_english():
    # With language="english", BERTopic drops every character outside [A-Za-z0-9 ].
    rng = np.random.default_rng(0)
    docs = ["financiële coöperatie geïntegreerd"] * 10 + ["wijk woning huur"] * 10
    embeddings = np.vstack([rng.normal(1, 0.1, (10, 4)), rng.normal(-1, 0.1, (10, 4))])
    fitted = ThemeTopics(params=ThemesParams(min_theme_size=2)).fit(docs, embeddings)
    model = fitted.topic_model_
    assert model.language == "dutch"
    kept = model._preprocess_text(np.array(["financiële coöperatie geïntegreerd"]))
    assert kept == ["financiële coöperatie geïntegreerd"]
