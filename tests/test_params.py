from pathlib import Path

import pytest

from pipeline.params import Params, ParamsError, load_params, parse_params

ROOT = Path(__file__).resolve().parents[1]


def test_params_project_file_is_valid():
    params = load_params(ROOT / "params.yaml")
    assert "zelfredzaamheid" in params.associate.terms
    assert params.associate.terms["zelfredzaamheid"].variants == ["zelfredzaam"]


def test_params_project_file_matches_defaults():
    # params.yaml documents the defaults; drifting apart would confuse users. The
    # deliberate differences: it fixes export.creation_date (default: the run's time), so
    # that two `dvc repro` runs give byte-identical reports, and it names the example's
    # codebook, hand-coded project and mapping for the compare stage (default: none).
    project = load_params(ROOT / "params.yaml")
    assert project.export.creation_date is not None
    example = {
        "coded_project": "data/coded/example_coded.qdpx",
        "codebook": "configs/codebook.yaml",
        "mapping": "data/coded/mapping.yaml",
    }
    assert all((ROOT / path).is_file() for path in example.values())
    assert project == Params(
        export={"creation_date": project.export.creation_date}, compare=example
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"ingest": {"extensionz": []}}, "unknown key 'ingest.extensionz'"),
        ({"ingest": {"extensionz": []}}, "allowed keys here: extensions"),
        ({"themez": {}}, "unknown key 'themez'"),
        ({"associate": {"context": "para"}}, "'associate.context'"),
        ({"associate": {"context": "para"}}, "'sentence', 'window' or 'segment'"),
        ({"associate": {"terms": {"regie": {"exclud": []}}}}, "exclud"),
        ({"themes": {"embedding": "bert"}}, "tfidf-svd"),
        ({"themes": {"embedding": "sentence-transformers:"}}, "'themes.embedding'"),
        ({"ingest": {"speaker_patterns": [{"regex": "^(\\w+):"}]}}, "(?P<speaker>"),
        ({"annotate": {"batch_size": 0}}, "'annotate.batch_size'"),
    ],
)
def test_params_bad_value_names_key_and_allowed(raw, expected):
    with pytest.raises(ParamsError) as info:
        parse_params(raw)
    assert expected in str(info.value)


@pytest.mark.parametrize("text", ["- a\n- b\n", "ingest: [unclosed\n"])
def test_params_bad_yaml_fails_with_path(tmp_path, text):
    path = tmp_path / "params.yaml"
    path.write_text(text)
    with pytest.raises(ParamsError, match=r"params\.yaml"):
        load_params(path)


def test_params_yaml_is_loaded_safely(tmp_path):
    path = tmp_path / "params.yaml"
    path.write_text("ingest: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(ParamsError):
        load_params(path)
