"""The embedding backends' registry: one name per backend, one syntax, one lookup."""

from __future__ import annotations

import pytest

from pipeline.themes.backends import BACKENDS, allowed, check_spec, split_spec
from pipeline.themes.backends.registry import CLASSES, embedder_from_state, make_embedder


def test_themes_backends_registry_names_every_class_once():
    assert list(CLASSES) == [name for name in BACKENDS if name != "auto"]  # auto is a choice
    assert all(cls.backend == name for name, cls in CLASSES.items())


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("tfidf-svd", ("tfidf-svd", "")),
        ("spacy-vectors", ("spacy-vectors", "")),
        ("sentence-transformers:/models/e5", ("sentence-transformers", "/models/e5")),
        (
            "sentence-transformers: intfloat/e5-small ",
            ("sentence-transformers", "intfloat/e5-small"),
        ),
        ("sentence-transformers:C:/models/e5", ("sentence-transformers", "C:/models/e5")),
    ],
)
def test_themes_backends_split_spec(spec, expected):
    assert split_spec(spec) == expected
    assert check_spec(spec) == spec


@pytest.mark.parametrize(
    "spec",
    [
        "bert",
        "tfidf",
        "",
        "tfidf-svd:",
        "tfidf-svd:x",
        "sentence-transformers",
        "sentence-transformers: ",
    ],
)
def test_themes_backends_bad_spec_lists_the_choices(spec):
    with pytest.raises(ValueError, match="unknown embedding backend") as info:
        split_spec(spec)
    assert allowed() in str(info.value)


def test_themes_backends_allowed_spells_the_params_values():
    assert allowed() == (
        "'auto', 'tfidf-svd', 'e5', 'e5+tfidf-svd', 'spacy-vectors', "
        "'sentence-transformers:<name or local path>'"
    )


@pytest.mark.parametrize(
    ("spec", "settings"),
    [
        ("tfidf-svd", {"dims": 7, "seed": 3, "min_df": 2}),
        ("spacy-vectors", {"model": "models/nl_ud_sm"}),
        ("sentence-transformers:/models/e5", {"model": "/models/e5"}),
    ],
)
def test_themes_backends_make_embedder_passes_its_settings(spec, settings):
    embedder = make_embedder(spec, dims=7, seed=3, spacy_model="models/nl_ud_sm")
    assert embedder.backend == split_spec(spec)[0]
    assert {k: v for k, v in vars(embedder).items() if k in settings} == settings


def test_themes_backends_unknown_saved_backend_fails():
    with pytest.raises(ValueError, match="in saved state"):
        embedder_from_state({"backend": "word2vec"}, {})
