"""The themes stage with an offline backend never imports sentence-transformers or transformers.

Importing them takes seconds, and transformers' `is_kernels_available()` crashes with
`InvalidVersion: 'N/A'` when the working folder holds a folder named `kernels` and is on
`sys.path` (as under `python -c`). So the stage runs here in a child process, in such a
folder, on a small synthetic corpus.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import threading

import pytest
from test_themes_synthetic import TERMS, synthetic_corpus

from pipeline.tables import write_table
from pipeline.themes.lean_bertopic import hidden

HEAVY = ("sentence_transformers", "transformers")

# Imports the stage, runs it, and reports what was imported when.
CHILD = """
import importlib.util, json, sys
from pathlib import Path

HEAVY = {heavy!r}
from pipeline.params import parse_params
from pipeline.themes.stage import themes

after_import = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)
params = parse_params({{
    "associate": {{"terms": {{t: {{}} for t in {terms!r}}}}},
    "themes": {{"embedding": {embedding!r}, "n_themes": 3}},
}})
metrics = themes(Path("interim"), Path("processed"), Path("model"), Path("metrics"), params)
print(json.dumps({{
    "after_import": after_import,
    "after_run": sorted(m for m in sys.modules if m.split(".")[0] in HEAVY),
    "bertopic": "bertopic" in sys.modules,
    "n_themes": metrics["n_themes"],
    "findable": [importlib.util.find_spec(m) is not None for m in HEAVY],
}}))
"""


@pytest.fixture(scope="module")
def stage_folder(tmp_path_factory):
    """A working folder with the stage's input tables and an empty `kernels/` folder."""
    folder = tmp_path_factory.mktemp("themes_stage")
    documents, tokens, hits, _ = synthetic_corpus(30)
    write_table(documents, folder / "interim" / "documents.parquet", "documents")
    write_table(tokens, folder / "interim" / "tokens.parquet", "tokens")
    write_table(hits, folder / "processed" / "term_hits.parquet", "term_hits")
    (folder / "kernels").mkdir()
    return folder


@pytest.mark.parametrize("embedding", ["tfidf-svd"])
def test_themes_imports_offline_stage_leaves_out_transformers(stage_folder, embedding):
    code = CHILD.format(heavy=HEAVY, terms=TERMS, embedding=embedding)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=stage_folder, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["after_import"] == []
    assert report["after_run"] == []
    assert report["bertopic"] and report["n_themes"] == 3
    # Hidden only while BERTopic is imported: the sentence-transformers backend still works.
    assert report["findable"] == [True, True]
    assert (stage_folder / "model" / "config.json").exists()


def test_themes_imports_params_load_no_model_library():
    code = (
        "import sys; import pipeline.params; "
        "print(sorted(m for m in ('numpy', 'sklearn', 'spacy', 'torch', 'bertopic', "
        "'transformers', 'sentence_transformers') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "[]"


@pytest.fixture
def tiny_package(tmp_path, monkeypatch):
    """An importable package `kruispunt_hidden_probe` that nothing has imported yet."""
    (tmp_path / "kruispunt_hidden_probe").mkdir()
    (tmp_path / "kruispunt_hidden_probe" / "__init__.py").write_text("VALUE = 1\n")
    (tmp_path / "kruispunt_hidden_probe" / "sub.py").write_text("VALUE = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("kruispunt_hidden_probe", "kruispunt_hidden_probe.sub"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    return "kruispunt_hidden_probe"


def test_themes_imports_hidden_blocks_this_thread_only_for_the_block(tiny_package):
    seen_in_thread = []

    def other_thread():
        seen_in_thread.append(__import__(tiny_package).VALUE)
        del sys.modules[tiny_package]

    with hidden((tiny_package,)):
        with pytest.raises(ModuleNotFoundError) as info:
            __import__(tiny_package)
        assert info.value.name == tiny_package
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
    assert seen_in_thread == [1]
    assert __import__(tiny_package).VALUE == 1  # importable again after the block


def test_themes_imports_hidden_leaves_imported_packages_alone(tiny_package):
    module = importlib.import_module(tiny_package)
    with hidden((tiny_package,)):
        assert importlib.import_module(tiny_package) is module
        assert importlib.import_module(f"{tiny_package}.sub").VALUE == 2
