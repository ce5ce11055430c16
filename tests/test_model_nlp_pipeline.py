"""The committed Dutch pipeline: loading, model choice, and hand-checked analyses."""

from pathlib import Path

import pytest

from pipeline.model.files import BUNDLED_DIR, MODEL_DIR_ENV, model_hash, resolve_model
from pipeline.model.nlp import ModelNotFoundError, describe_pipeline, load_pipeline

SENTENCE = "De gemeente voert de regie over de inburgering van statushouders."


@pytest.fixture(scope="module")
def bundled():
    return load_pipeline(str(BUNDLED_DIR))


@pytest.fixture(scope="module")
def parsed(bundled):
    nlp, _ = bundled
    return nlp(SENTENCE)


def test_nlp_pipeline_info_describes_the_model(bundled):
    _, info = bundled
    assert info["name"] == "nl_ud_sm"
    assert info["lang"] == "nl"
    assert {"morphologizer", "parser", "trainable_lemmatizer"} <= set(info["components"])
    assert len(info["hash"]) == 16
    assert info["source"] == str(BUNDLED_DIR)


@pytest.mark.parametrize(
    ("word", "upos", "lemma"),
    [
        ("gemeente", "NOUN", "gemeente"),
        ("voert", "VERB", "voeren"),
        ("regie", "NOUN", "regie"),
        ("over", "ADP", "over"),
        ("inburgering", "NOUN", "inburgering"),
        ("statushouders", "NOUN", "statushouder"),
        (".", "PUNCT", "."),
    ],
)
def test_nlp_pipeline_tags_meeting_sentence(parsed, word, upos, lemma):
    token = next(t for t in parsed if t.text == word)
    assert (token.pos_, token.lemma_.lower()) == (upos, lemma)


@pytest.mark.parametrize(
    ("word", "dep", "head"),
    [
        ("voert", "ROOT", "voert"),
        ("gemeente", "nsubj", "voert"),
        ("regie", "obj", "voert"),
        ("statushouders", "nmod", "inburgering"),
        ("inburgering", None, {"regie", "voert"}),
    ],
)
def test_nlp_pipeline_parses_meeting_sentence(parsed, word, dep, head):
    token = next(t for t in parsed if t.text == word)
    if dep is not None:
        assert token.dep_ == dep
    heads = head if isinstance(head, set) else {head}
    assert token.head.text in heads


@pytest.mark.parametrize(
    ("sentence", "word", "lemma"),
    [
        (
            "De burgerinitiatieven in de wijk krijgen meer ruimte.",
            "burgerinitiatieven",
            "burgerinitiatief",
        ),
        ("Veel statushouders volgen de B1-route.", "statushouders", "statushouder"),
        ("We willen zelfredzame nieuwkomers ondersteunen.", "zelfredzame", "zelfredzaam"),
        ("Sommige gemeentes kiezen voor een aanbesteding.", "gemeentes", "gemeente"),
    ],
)
def test_nlp_pipeline_lemmatises_focal_terms(bundled, sentence, word, lemma):
    nlp, _ = bundled
    token = next(t for t in nlp(sentence) if t.text == word)
    assert token.lemma_ == lemma


MEETING = [
    "Wij sluiten ons graag aan bij het burgerinitiatief in de wijk.",
    "De taalcoach neemt de nieuwkomers mee naar de bibliotheek.",
    "Zij hebben de subsidieaanvraag vorige week opgestuurd.",
    "Het ontzorgen loopt in het eerste halfjaar via de gemeente.",
    "Maatwerk betekent dat we per persoon kijken wat nodig is.",
    "De vrijwilligersorganisaties werken samen met de regisseur.",
]


def test_nlp_pipeline_never_gives_underscore_lemmas(bundled):
    nlp, _ = bundled
    lemmas = [tok.lemma_ for doc in nlp.pipe(MEETING) for tok in doc]
    assert lemmas and not any("_" in lemma for lemma in lemmas)


def test_nlp_pipeline_auto_uses_bundled_when_package_missing(monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    monkeypatch.delenv(MODEL_DIR_ENV, raising=False)
    assert resolve_model("auto") == BUNDLED_DIR


def test_nlp_pipeline_auto_honours_env_override(monkeypatch, tmp_path):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    monkeypatch.setenv(MODEL_DIR_ENV, str(tmp_path))
    assert resolve_model("auto") == tmp_path


def test_nlp_pipeline_auto_prefers_installed_package(monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: object())
    assert resolve_model("auto") == "nl_core_news_sm"


@pytest.mark.parametrize("name", ["nl_geen_model_sm", "/pad/bestaat/niet"])
@pytest.mark.parametrize("how", [load_pipeline, describe_pipeline])
def test_nlp_pipeline_missing_model_fails_clearly(name, how):
    with pytest.raises(ModelNotFoundError, match=r"annotate\.model"):
        how(name)


def _blank_with_disabled_pipe(folder: Path) -> Path:
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("doc_cleaner")
    nlp.disable_pipe("doc_cleaner")
    nlp.meta.update({"name": "proef_sm", "version": "1.2.3"})
    folder.mkdir(parents=True)
    nlp.to_disk(folder)
    return folder


def _installed_package(site: Path, monkeypatch) -> str:
    """A spaCy model package as `spacy package` lays it out, importable from `site`."""
    name = "kp_proef_sm"
    package = site / name
    _blank_with_disabled_pipe(package / "nl_proef_sm-1.2.3")
    (package / "meta.json").write_text((package / "nl_proef_sm-1.2.3" / "meta.json").read_text())
    (package / "__init__.py").write_text(
        "from spacy.util import load_model_from_init_py\n\n\n"
        "def load(**overrides):\n    return load_model_from_init_py(__file__, **overrides)\n"
    )
    dist = site / f"{name}-1.2.3.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2.3\n")
    monkeypatch.syspath_prepend(str(site))
    return name


@pytest.mark.parametrize("kind", ["bundled", "folder", "package"])
def test_nlp_pipeline_description_without_loading_matches_the_loaded_one(
    kind, tmp_path, monkeypatch
):
    import spacy

    name = {
        "bundled": lambda: str(BUNDLED_DIR),
        "folder": lambda: str(_blank_with_disabled_pipe(tmp_path / "proef")),
        "package": lambda: _installed_package(tmp_path / "site", monkeypatch),
    }[kind]()
    nlp, loaded = load_pipeline(name)
    assert loaded["components"] == nlp.pipe_names
    if kind != "bundled":
        assert loaded["components"] == ["sentencizer"]  # the disabled pipe is left out
        assert (loaded["name"], loaded["version"]) == ("nl_proef_sm", "1.2.3")
    # Describing never loads: with spacy.load broken, the description is the same.
    monkeypatch.setattr(spacy, "load", lambda *args, **kwargs: pytest.fail("loaded"))
    assert describe_pipeline(name) == loaded


def test_nlp_pipeline_hash_changes_with_content(tmp_path: Path):
    (tmp_path / "a.bin").write_bytes(b"een")
    before = model_hash(tmp_path)
    (tmp_path / "a.bin").write_bytes(b"twee")
    assert model_hash(tmp_path) != before
    assert len(before) == 16


def test_nlp_pipeline_loads_with_plain_spacy():
    # The lemma back-off is registered as a spaCy entry point, so a user's own script can
    # spacy.load the bundled folder without importing kruispunt first.
    import subprocess
    import sys

    script = (
        "import sys, spacy; nlp = spacy.load(sys.argv[1]); "
        "assert 'lemma_backoff' in nlp.pipe_names; print(nlp(sys.argv[2])[2].lemma_)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(BUNDLED_DIR), SENTENCE], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "voeren"
