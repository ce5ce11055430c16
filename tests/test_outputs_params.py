import json

import pytest
from pydantic import ValidationError

from pipeline import outputs


def _run_folder(tmp_path, *, params_yaml=None, themes_params=None):
    (tmp_path / "data" / "interim").mkdir(parents=True)
    if params_yaml is not None:
        (tmp_path / "params.yaml").write_text(params_yaml, encoding="utf-8")
    if themes_params is not None:
        model = tmp_path / "models" / "themes"
        model.mkdir(parents=True)
        info = {"codes": {"0": "T00-regie"}, "params": themes_params, "terms": ["regie"]}
        (model / "kruispunt_themes.json").write_text(json.dumps(info), encoding="utf-8")
    return outputs.load(tmp_path)


@pytest.mark.parametrize(
    ("params_yaml", "stop_words"),
    [
        (None, []),  # a `kruispunt run --out` folder: the defaults
        ("associate:\n  extra_stop_words: [gewoon, eigenlijk]\n", ["gewoon", "eigenlijk"]),
    ],
)
def test_outputs_params_from_the_run_folder(tmp_path, params_yaml, stop_words):
    run = _run_folder(tmp_path, params_yaml=params_yaml)
    assert run.params.associate.extra_stop_words == stop_words


def test_outputs_themes_params_are_those_of_the_saved_model(tmp_path):
    run = _run_folder(tmp_path, themes_params={"n_themes": 5, "context_sentences": 2})
    params = run.themes_params
    assert (params.n_themes, params.context_sentences, params.seed) == (5, 2, 42)
    assert run.theme_model_info["terms"] == ["regie"]


def test_outputs_themes_params_are_a_fresh_validated_copy(tmp_path):
    run = _run_folder(tmp_path, themes_params={"n_themes": 5})
    changed = run.themes_params
    changed.n_themes = 3
    assert run.themes_params.n_themes == 5
    with pytest.raises(ValidationError, match="n_themes"):
        changed.n_themes = 1


def test_outputs_load_refuses_a_folder_without_outputs(tmp_path):
    with pytest.raises(FileNotFoundError, match="dvc repro"):
        outputs.load(tmp_path)
