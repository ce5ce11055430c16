"""`themes.update: frozen`: a batch with a new document keeps every theme id and code."""

from __future__ import annotations

import pytest
from test_themes_synthetic import TERMS, synthetic_corpus

from pipeline.params import ThemesParams
from pipeline.stopwords import dutch_stop_words
from pipeline.tables import validate
from pipeline.themes import ThemeModel, fit_themes
from pipeline.themes.fit import theme_contexts, theme_stop_words
from pipeline.themes.update import update_frozen

STOP = dutch_stop_words()


@pytest.fixture(scope="module")
def batches(tmp_path_factory):
    """A fit on three documents, saved, and the corpus after a fourth arrived."""
    documents, tokens, hits, _ = synthetic_corpus(100, seed=2)
    new_doc = sorted(documents["doc_id"])[-1]
    params = ThemesParams(embedding="tfidf-svd")
    first = fit_themes(hits[hits["doc_id"] != new_doc], tokens, documents, params=params,
                       terms=TERMS, stop_words=STOP)  # fmt: skip
    folder = first.save_model(tmp_path_factory.mktemp("model") / "themes")
    contexts = theme_contexts(
        hits, tokens, documents, params=params, stop_words=theme_stop_words(STOP, params)
    )
    return first, ThemeModel.load(folder), contexts, new_doc, params


@pytest.mark.parametrize("similarity", [0.5, 1.01])
def test_themes_update_frozen_keeps_ids_and_codes_and_codes_the_new_document(batches, similarity):
    first, model, contexts, new_doc, params = batches
    params = params.model_copy(update={"drift_similarity": similarity})
    themes, coded, matrix, drift = update_frozen(
        contexts, model, first.coded_contexts, first.themes, params=params, terms=TERMS
    )
    validate(themes, "themes")
    validate(coded, "coded_contexts")
    # The codebook: same ids, codes, labels and keywords, in the same order
    same = ["theme_id", "code", "label", "keywords", "level", "parent_code"]
    assert themes[same].equals(first.themes[same])
    # Every context coded before keeps its theme, sub-theme and probability
    before = first.coded_contexts.set_index("context_id")
    after = coded.set_index("context_id")
    kept = after.loc[before.index]
    for column in ("theme_id", "code", "sub_theme_id", "sub_code", "probability"):
        assert kept[column].tolist() == before[column].tolist(), column
    # The new document's contexts are all coded, with codes of the codebook
    new = coded[coded["doc_id"] == new_doc]
    assert len(new) == drift["n_new"] > 0
    assert set(new["code"]) <= set(themes["code"])
    assert (new["theme_id"] >= 0).all()
    assert set(new.loc[new["sub_theme_id"] >= 0, "sub_code"]) <= set(themes["code"])
    # Counts follow the coded contexts; the matrix covers every context
    top = themes[themes["level"] == 1]
    assert top["size"].sum() == len(coded) == len(contexts)
    assert int(matrix.drop(columns="term").to_numpy().sum()) >= len(coded)
    # Drift: with a cosine threshold above 1 every new context fits no theme well
    assert drift["n_kept"] == len(before) and drift["n_removed"] == 0
    if similarity > 1:
        assert drift["n_drifted"] == drift["n_new"] and drift["refit_suggested"]
    else:
        assert drift["drift_share"] < 1.0


def test_themes_update_frozen_without_new_contexts_changes_nothing(batches):
    first, model, _, _, params = batches
    themes, coded, _, drift = update_frozen(
        first.contexts, model, first.coded_contexts, first.themes, params=params, terms=TERMS
    )
    assert coded.equals(first.coded_contexts)
    assert drift["n_new"] == 0 and not drift["refit_suggested"]
    assert themes["size"].tolist() == first.themes["size"].tolist()
