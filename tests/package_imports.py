"""The import graph of the `pipeline` package, read with `ast` (nothing is imported).

Shared by the structure test and the DVC-deps test. An edge A -> B means that module A
imports module B when it runs: at the top or inside a function. Imports under
`if TYPE_CHECKING:` are left out, since they never run.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pipeline"


def module_name(path: Path) -> str:
    """`pipeline/annotate/stage.py` -> `pipeline.annotate.stage` (a package is its name)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from _import_nodes(ast.Module(body=node.orelse, type_ignores=[]))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _import_nodes(node)


def _resolve(name: str, current: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return name
    base = current.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, *([name] if name else [])])


@cache
def imports_of(module: str) -> frozenset[str]:
    """The `pipeline` modules that `module` imports (packages count as their `__init__`)."""
    known = modules()
    path = known[module]
    found: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = _resolve(node.module or "", module, path.name == "__init__.py", node)
            # `from pipeline.x import y` imports the module pipeline.x.y when there is one.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        found.update(name for name in names if name in known and name != module)
    return frozenset(found)


def reachable(start: str) -> set[str]:
    """Every `pipeline` module that importing `start` can run, `start` included.

    Importing `a.b.c` also runs the packages `a.b` and `a`, so they count too.
    """
    known = modules()
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parents = [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)]
        todo.extend(parent for parent in parents if parent in known)
        todo.extend(imports_of(name))
    return seen
