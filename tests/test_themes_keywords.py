import numpy as np
import pytest

from pipeline.themes.keywords import representation_vectorizer, theme_keywords


@pytest.mark.parametrize("light", [["gaan"], ["gaan", "komen"]])
def test_keywords_need_two_contexts_and_skip_stop_words(light):
    # "unicum" occurs in one context only: one quote must not name a theme.
    docs = ["gaan komen wijk woning unicum"] + ["gaan komen wijk woning"] * 5
    docs += ["gaan komen school leraar"] * 6
    labels = np.array([0] * 6 + [1] * 6)
    found = theme_keywords(docs, labels, stop_words=light, ngram_range=(1, 2), top_n=10)
    words = {w for kws in found.values() for w, _ in kws}
    assert "unicum" not in words
    assert not words & set(light)
    assert {"wijk", "school", "wijk woning"} <= words
    assert {w for w, _ in found[0]} & {"school", "leraar"} == set()


def test_keywords_of_a_single_context_theme_come_from_it():
    found = theme_keywords(
        ["wijk woning", "school leraar", "school leraar"], np.array([0, 1, 1]),
        stop_words=(), ngram_range=(1, 1), top_n=5,
    )  # fmt: skip
    assert {w for w, _ in found[0]} == {"wijk", "woning"}


def test_keywords_without_any_word_give_empty_lists():
    assert theme_keywords(["", ""], np.array([0, 1]), stop_words=(), ngram_range=(1, 1),
                          top_n=3) == {0: [], 1: []}  # fmt: skip


def test_keywords_vectorizer_makes_lemma_bigrams():
    analyzer = representation_vectorizer({"de"}, ngram_range=(1, 2)).build_analyzer()
    assert analyzer("brede intake de gemeente") == [
        "brede", "intake", "gemeente", "brede intake", "intake gemeente",
    ]  # fmt: skip
