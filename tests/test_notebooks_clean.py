"""The notebooks as committed: no outputs, a parameters cell, paired .py files in sync."""

import ast

import jupytext
import nbformat
import pytest
from notebook_runner import NAMES, NOTEBOOKS, inject_parameters, parameters_index

PARAMETERS = {
    "01-corpus-overview": {"outputs_path", "metadata_fields"},
    "02-term-associations": {"outputs_path", "term", "top_n", "network_measure"},
    "03-themes": {"outputs_path", "n_themes"},
}


def _read(name):
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


def _assigned(source):
    return {t.id for node in ast.parse(source).body for t in getattr(node, "targets", [])}


def test_notebooks_all_present():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_committed_without_outputs(name):
    nb = _read(name)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(c.outputs == [] for c in code), "strip outputs: jupytext --sync notebooks/*.py"
    assert all(c.execution_count is None for c in code)
    assert all("execution" not in c.metadata for c in code)


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_valid_and_on_python3(name):
    nb = _read(name)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_open_with_markdown_then_parameters(name):
    nb = _read(name)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith("# ")
    index = parameters_index(nb)
    assert index == 1
    assert PARAMETERS[name] <= _assigned(nb.cells[index].source)


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_read_outputs_through_pipeline(name):
    source = "\n".join(c.source for c in _read(name).cells if c.cell_type == "code")
    assert "from pipeline import explore, outputs" in source
    assert "outputs.load(outputs_path)" in source
    # Notebooks read stage outputs; they never run a stage or write into the project.
    for forbidden in (
        "pipeline.layout",
        ".stage import",
        "to_parquet",
        "to_csv",
        "write_table",
        "subprocess",
    ):
        assert forbidden not in source


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_paired_script_in_sync(name):
    script = jupytext.read(NOTEBOOKS / f"{name}.py")
    nb = _read(name)
    pairs = [(c.cell_type, c.source) for c in nb.cells]
    assert [(c.cell_type, c.source) for c in script.cells] == pairs, (
        "the .py and .ipynb differ: run jupytext --sync notebooks/*.ipynb"
    )


def test_notebooks_injected_parameters_follow_the_parameters_cell():
    nb = inject_parameters(_read("02-term-associations"), outputs_path="/tmp/run", term="regie")
    index = parameters_index(nb)
    injected = nb.cells[index + 1]
    assert injected.metadata.tags == ["injected-parameters"]
    namespace = {}
    exec(nb.cells[index].source + "\n" + injected.source, namespace)
    assert (namespace["outputs_path"], namespace["term"]) == ("/tmp/run", "regie")
    assert namespace["top_n"] == 10  # untouched defaults stay
