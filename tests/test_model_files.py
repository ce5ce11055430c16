"""A pipeline's files read without spaCy: whether it may need PyTorch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.model.files import BUNDLED_DIR, needs_torch

BUNDLED_CONFIG = (BUNDLED_DIR / "config.cfg").read_text(encoding="utf-8")
ENCODER = '@architectures = "spacy.MaxoutWindowEncoder.v2"'


def _pipeline(folder: Path, config: str) -> str:
    folder.mkdir(parents=True)
    (folder / "config.cfg").write_text(config, encoding="utf-8")
    return str(folder)


def test_model_files_bundled_pipeline_needs_no_torch():
    assert ENCODER in BUNDLED_CONFIG  # the edits below change something real
    assert needs_torch(str(BUNDLED_DIR)) is False


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # spaCy's own LSTM encoder runs on PyTorch
        (ENCODER, '@architectures = "spacy.TorchBiLSTMEncoder.v1"'),
        # any other package's function: transformers, a thinc PyTorch wrapper, your own
        (ENCODER, '@architectures = "spacy-transformers.TransformerModel.v3"'),
        ('@architectures = "spacy.Tagger.v2"', '@layers = "PyTorchWrapper.v2"'),
        # a component sourced from another pipeline is not described here
        ('factory = "senter"', 'source = "nl_core_news_md"'),
    ],
)
def test_model_files_other_functions_or_sources_may_need_torch(tmp_path, old, new):
    config = BUNDLED_CONFIG.replace(old, new, 1)
    assert config != BUNDLED_CONFIG
    assert needs_torch(_pipeline(tmp_path / "model", config)) is True


@pytest.mark.parametrize(
    "config",
    [
        None,  # no such folder
        "[nlp\nlang = nl\n",  # no section header
        '[components.x]\n@architectures = "spacy.Tagger.v2\n',  # not a JSON string
    ],
)
def test_model_files_unreadable_pipeline_counts_as_needing_torch(tmp_path, config):
    folder = tmp_path / "model"
    if config is not None:
        _pipeline(folder, config)
    assert needs_torch(str(folder)) is True


def test_model_files_plugin_factory_counts_as_needing_torch(tmp_path, monkeypatch):
    # A component factory another installed package registers with spaCy, such as
    # spacy-transformers' `transformer`; kruispunt's own lemma_backoff does not count.
    assert '"lemma_backoff"' in BUNDLED_CONFIG
    site = tmp_path / "site"
    dist = site / "kp_plugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: kp-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[spacy_factories]\nkp_tagger = kp_plugin:make\n")
    monkeypatch.syspath_prepend(str(site))
    model = _pipeline(tmp_path / "model", BUNDLED_CONFIG)
    assert needs_torch(model) is False
    plugged = BUNDLED_CONFIG.replace('factory = "senter"', 'factory = "kp_tagger"', 1)
    assert needs_torch(_pipeline(tmp_path / "plugged", plugged)) is True


def test_model_files_reading_imports_neither_spacy_nor_torch():
    script = (
        "import sys; from pipeline.model.files import needs_torch; "
        "assert needs_torch('auto') is False; "
        "print(sorted(m for m in ('spacy', 'thinc', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
