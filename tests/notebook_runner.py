"""Run the analyst notebooks headless: inject parameters papermill-style, execute with nbclient.

The kernel is this interpreter (`sys.executable`), not whatever `python` is first on the
PATH, so the notebooks import the same `pipeline` as the tests.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from ipykernel.kernelspec import write_kernel_spec
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ["01-corpus-overview", "02-term-associations", "03-themes"]
KERNEL = "kruispunt-tests"


def parameters_index(nb: nbformat.NotebookNode) -> int:
    """Index of the cell tagged `parameters`."""
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"expected one cell tagged 'parameters', found {len(tagged)}"
    return tagged[0]


def inject_parameters(nb: nbformat.NotebookNode, **values: object) -> nbformat.NotebookNode:
    """Insert a cell tagged `injected-parameters` after the parameters cell, as papermill does."""
    source = "\n".join(f"{name} = {value!r}" for name, value in values.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(parameters_index(nb) + 1, cell)
    return nb


def kernel_manager(folder: Path) -> KernelManager:
    """A kernel manager whose only kernel runs this interpreter.

    The spec goes into `<folder>/jupyter-data/kernels`, never `<folder>/kernels`: the kernel
    may run with `folder` as its cwd, which is on its `sys.path`, and a top-level `kernels`
    folder there is imported as a namespace package by transformers' `is_kernels_available()`,
    which then fails on its version ('N/A') during `import bertopic`. `jupyter-data` is not a
    Python identifier, so nothing can import it.
    """
    kernels = folder / "jupyter-data" / "kernels"
    if not (kernels / KERNEL).exists():
        write_kernel_spec(kernels / KERNEL)
    specs = KernelSpecManager(kernel_dirs=[str(kernels)])
    return KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs)


def execute(
    name: str, folder: Path, *, cwd: Path = NOTEBOOKS, timeout: int = 900, **values: object
):
    """Execute one notebook with parameters; raises CellExecutionError on any cell error.

    Args:
        name: Notebook name without `.ipynb`.
        folder: Scratch folder for the kernel spec.
        cwd: Working directory of the kernel.
        timeout: Seconds any one cell may take.
        **values: Parameters to inject.

    Returns:
        The executed notebook (never written back to `notebooks/`).
    """
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    inject_parameters(nb, **values)
    client = NotebookClient(
        nb,
        km=kernel_manager(folder),
        timeout=timeout,
        allow_errors=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    return client.execute()
