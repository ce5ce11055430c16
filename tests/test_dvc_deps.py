"""`dvc.yaml` lists what each stage runs: its code (from the imports) and the params it reads.

The code a stage runs is derived from the imports of its `stage.py` (`package_imports`);
each such module must be listed, itself or through its folder, and nothing else from
`pipeline/` may be listed, so that editing one stage's code reruns that stage only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml
from package_imports import PACKAGE, ROOT, modules, reachable

STAGES = ("ingest", "annotate", "associate", "themes", "compare", "export")
WHOLE_FILE = "params.yaml:"


def _stage(name: str) -> dict:
    return yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"][name]


def _code_deps(stage: dict) -> set[str]:
    return {dep for dep in stage["deps"] if dep.startswith("pipeline")}


def _runs(stage_name: str) -> set[str]:
    files = modules()
    return {
        str(files[name].relative_to(ROOT)) for name in reachable(f"pipeline.{stage_name}.stage")
    }


def _covers(dep: str, file: str) -> bool:
    return file == dep or (Path(file).is_relative_to(dep) and (ROOT / dep).is_dir())


@pytest.mark.parametrize("name", STAGES)
def test_dvc_deps_list_every_module_the_stage_runs(name):
    deps = _code_deps(_stage(name))
    missing = {file for file in _runs(name) if not any(_covers(dep, file) for dep in deps)}
    assert missing == set()


@pytest.mark.parametrize("name", STAGES)
def test_dvc_deps_list_nothing_the_stage_does_not_run(name):
    runs = _runs(name)
    stale = {dep for dep in _code_deps(_stage(name)) if not any(_covers(dep, f) for f in runs)}
    assert stale == set()
    # The stage's own folder is listed whole, so a new module in it is covered at once.
    assert f"pipeline/{name}" in _code_deps(_stage(name))


def _params_read(stage_name: str) -> set[str]:
    """The params keys a stage's `stage.py` reads: `section`, `section.key` or the file."""
    tree = ast.parse((PACKAGE / stage_name / "stage.py").read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    keys = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Name) and node.id == "params"):
            continue
        if isinstance(parents[node], ast.arg | ast.FunctionDef):
            continue
        chain = []
        while isinstance(parents.get(node), ast.Attribute):
            node = parents[node]
            chain.append(node.attr)
        if not chain and isinstance(node.ctx, ast.Load):
            return {WHOLE_FILE}  # handed on whole: whatever the callee reads
        keys.add(".".join(chain[:2]))
    sections = {key for key in keys if "." not in key}
    return {key for key in keys if key.split(".")[0] not in sections or "." not in key}


def _params_listed(stage: dict) -> set[str]:
    listed = set()
    for entry in stage.get("params", []):
        if isinstance(entry, dict):
            listed |= {f"{file}:" for file in entry}
        else:
            listed.add(entry)
    return listed


@pytest.mark.parametrize("name", STAGES)
def test_dvc_deps_params_are_the_keys_the_stage_reads(name):
    assert _params_listed(_stage(name)) == _params_read(name)


@pytest.mark.parametrize("name", ["annotate"])
def test_dvc_deps_annotate_lists_the_bundled_model(name):
    assert "models/nl_ud_sm" in _stage(name)["deps"]
