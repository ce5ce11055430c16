"""Every notebook runs without a cell error on the outputs of `dvc repro` of the example corpus."""

import pytest
from notebook_runner import execute

pytestmark = pytest.mark.e2e

# Notebook, injected parameters, figures (PNG outputs) it must show.
RUNS = [
    ("01-corpus-overview", {}, 4),
    ("02-term-associations", {"term": "zelfredzaamheid"}, 4),
    ("02-term-associations", {"term": "regie", "kwic_contains": "gemeente"}, 4),
    ("03-themes", {"n_themes": 3}, 3),
]


def _outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _text(nb):
    parts = []
    for output in _outputs(nb):
        parts.append(output.get("text", ""))
        parts.extend(str(v) for k, v in output.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(parts)


@pytest.mark.parametrize(("name", "values", "n_figures"), RUNS)
def test_notebooks_execute_on_example_run(repro_copy, tmp_path, name, values, n_figures):
    # Run from an empty folder, so the default outputs_path ("..") would find nothing and
    # only the injected one can work.
    nb = execute(name, tmp_path, cwd=tmp_path, outputs_path=str(repro_copy), **values)
    outputs = _outputs(nb)
    assert not [o for o in outputs if o.output_type == "error"]
    assert f"outputs: {repro_copy.resolve()}" in _text(nb)
    figures = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(figures) == n_figures
    if "term" in values:
        assert f"{values['term']}: " in _text(nb)  # the hit count line of the chosen term
