"""The package's shape: no import cycles, small modules, short functions, one room per stage.

Everything is read with `ast` from the source (`tests/package_imports.py`), so a cycle
that only bites under some import order is caught here too.
"""

from __future__ import annotations

import ast

import pytest
from package_imports import PACKAGE, ROOT, imports_of, modules

STAGES = ("ingest", "annotate", "associate", "themes", "compare", "export")
MAX_MODULE_BYTES = 12 * 1024
MAX_FUNCTION_LINES = 60

# Functions allowed over the limit, with the reason. Keep this short.
LONG_FUNCTIONS: dict[str, str] = {
    # A typer command's options are its signature: one parameter per option, each with
    # its help text. The body is 20 lines.
    "pipeline/model/cli.py:model_train": "typer options are the signature",
}


def _cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": frozenset({"b"}), "b": frozenset()}, []),
        ({"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"})}, [["a", "b", "c"]]),
        ({"a": frozenset({"a"})}, []),
    ],
)
def test_package_structure_cycle_finder_finds_cycles(graph, expected):
    assert _cycles(graph) == expected


def test_package_structure_has_no_import_cycles():
    graph = {name: imports_of(name) for name in modules()}
    assert _cycles(graph) == []


def test_package_structure_modules_are_small():
    big = {
        str(path.relative_to(ROOT)): path.stat().st_size
        for path in modules().values()
        if path.stat().st_size > MAX_MODULE_BYTES
    }
    assert big == {}


def _long_functions() -> dict[str, int]:
    found = {}
    for path in modules().values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    found[f"{path.relative_to(ROOT)}:{node.name}"] = lines
    return found


def test_package_structure_functions_are_short():
    long = _long_functions()
    assert {name: n for name, n in long.items() if name not in LONG_FUNCTIONS} == {}
    # An exception that is no longer needed is dropped from the list.
    assert set(LONG_FUNCTIONS) <= set(long)


@pytest.mark.parametrize("stage", STAGES)
def test_package_structure_one_package_per_stage(stage):
    folder = PACKAGE / stage
    assert (folder / "__init__.py").is_file()
    stage_module = ast.parse((folder / "stage.py").read_text(encoding="utf-8"))
    functions = [node.name for node in stage_module.body if isinstance(node, ast.FunctionDef)]
    assert stage in functions  # the function named after the stage, as in dvc.yaml


def test_package_structure_stage_modules_stay_out_of_the_root():
    loose = {
        "annotate.py", "associate.py", "cache.py", "annotation_store.py", "hits.py",
        "terms.py", "kwic.py", "collocates.py", "candidates.py", "relations.py",
        "keyness.py", "stats.py", "vocabulary.py", "nlp.py", "model_files.py", "stages.py",
    }  # fmt: skip
    assert {path.name for path in PACKAGE.glob("*.py")} & loose == set()
