"""Safety in the code: no pickle anywhere, YAML only through `safe_load`.

Pickle files run code when they are loaded, and so does YAML read with a full loader. The
checks read the syntax tree of every module of the package, the scripts and the
notebooks, so a mention in a comment or docstring ("no pickles") is not a hit.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    path
    for folder in ["pipeline", "scripts", "notebooks", "benchmarks"]
    for path in (ROOT / folder).rglob("*.py")
)

# Modules whose only purpose is to (de)serialise Python objects with code in them.
PICKLING_MODULES = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "joblib", "shelve"}
# Calls that write or read pickles, whatever object they hang from.
PICKLING_CALLS = {"to_pickle", "read_pickle"}
# yaml functions that may build arbitrary Python objects.
UNSAFE_YAML = {"load", "load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
UNSAFE_LOADERS = {"Loader", "FullLoader", "UnsafeLoader", "UnsafeConstructor", "FullConstructor"}


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _keyword(call: ast.Call, name: str):
    for keyword in call.keywords:
        if keyword.arg == name and isinstance(keyword.value, ast.Constant):
            return keyword.value.value
    return None


def _is_yaml_loader(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr in UNSAFE_LOADERS
        and _dotted(node).startswith("yaml.")
    )


def findings(source: str) -> list[str]:
    """Every pickle or unsafe YAML use in a module's source, as `line: what`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                f"{node.lineno}: import {alias.name}"
                for alias in node.names
                if alias.name.split(".")[0] in PICKLING_MODULES
            ]
        elif isinstance(node, ast.ImportFrom):
            module = (node.module or "").split(".")[0]
            if module in PICKLING_MODULES:
                found.append(f"{node.lineno}: from {node.module} import ...")
            if module == "yaml":
                found += [
                    f"{node.lineno}: from yaml import {alias.name}"
                    for alias in node.names
                    if alias.name in UNSAFE_YAML | UNSAFE_LOADERS
                ]
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            last = name.rsplit(".", 1)[-1]
            if name.startswith("yaml.") and last in UNSAFE_YAML:
                found.append(f"{node.lineno}: {name}()")
            if last in PICKLING_CALLS or name in {"torch.save", "torch.load"}:
                found.append(f"{node.lineno}: {name}()")
            if _keyword(node, "allow_pickle") is True:
                found.append(f"{node.lineno}: {name}(allow_pickle=True)")
            if _keyword(node, "serialization") == "pickle":
                found.append(f"{node.lineno}: {name}(serialization='pickle')")
        elif _is_yaml_loader(node):
            found.append(f"{node.lineno}: {_dotted(node)}")
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import pickle\npickle.dump(x, f)", ["1: import pickle"]),
        ("from joblib import dump", ["1: from joblib import ..."]),
        (
            "import yaml\nyaml.load(text, Loader=yaml.FullLoader)",
            ["2: yaml.load()", "2: yaml.FullLoader"],
        ),
        ("import yaml\nyaml.unsafe_load(text)", ["2: yaml.unsafe_load()"]),
        ("from yaml import full_load", ["1: from yaml import full_load"]),
        ("df.to_pickle('x.pkl')", ["1: df.to_pickle()"]),
        ("import torch\ntorch.save(model, 'm.pt')", ["2: torch.save()"]),
        ("np.load('a.npy', allow_pickle=True)", ["1: np.load(allow_pickle=True)"]),
        ("model.save(path, serialization='pickle')", ["1: model.save(serialization='pickle')"]),
        ("import yaml\nyaml.safe_load(text)\n# never pickle.load here", []),
        ("model.save(path, serialization='safetensors')", []),
    ],
)
def test_safety_code_checker_finds_what_it_should(source, expected):
    assert findings(source) == expected


def test_safety_code_scans_the_package():
    names = {path.relative_to(ROOT).as_posix() for path in SOURCES}
    assert {"pipeline/params/loading.py", "pipeline/themes/model.py", "pipeline/cli.py"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_safety_code_no_pickle_or_unsafe_yaml(path):
    assert findings(path.read_text(encoding="utf-8")) == []


def test_safety_code_params_loaded_with_safe_load(tmp_path):
    from pipeline.params import ParamsError, load_params

    # A tag that a full loader would turn into a call; safe_load refuses it.
    hostile = tmp_path / "params.yaml"
    hostile.write_text("ingest: !!python/object/apply:os.system ['echo gehackt']\n", "utf-8")
    with pytest.raises(ParamsError, match="not valid YAML"):
        load_params(hostile)
