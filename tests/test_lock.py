"""requirements/lock.txt pins the whole environment and agrees with pyproject.toml.

When a test here fails after a change to the dependencies in pyproject.toml, run `make lock`.
"""

from __future__ import annotations

import importlib.util
import shutil
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements" / "lock.txt"
# The extras installed into the locked environment (`pip install -e '.[dev]'`).
LOCKED_EXTRAS = ("dev",)

_spec = importlib.util.spec_from_file_location("kruispunt_lock", ROOT / "requirements" / "lock.py")
lock_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lock_tool)


def loose_pins(lock: Path) -> list[str]:
    """Lock lines that are not one plain `name==version`."""
    loose = []
    for line in lock_tool.pins(lock):
        try:
            req = Requirement(line)
        except InvalidRequirement:
            loose.append(line)
            continue
        ops = [spec.operator for spec in req.specifier]
        if ops != ["=="] or "*" in str(req.specifier) or req.url or req.marker or req.extras:
            loose.append(line)
    return loose


def locked_versions(lock: Path) -> dict[str, Version]:
    """Package name (canonical) to its version, for the lines pinned with `==`."""
    loose = set(loose_pins(lock))
    reqs = [Requirement(line) for line in lock_tool.pins(lock) if line not in loose]
    return {canonicalize_name(r.name): Version(next(iter(r.specifier)).version) for r in reqs}


def direct_requirements(pyproject: Path) -> list[Requirement]:
    """The dependencies and locked extras of `[project]`, markers that apply here only."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    lines = list(project.get("dependencies", []))
    for extra in LOCKED_EXTRAS:
        lines += project.get("optional-dependencies", {}).get(extra, [])
    reqs = [Requirement(line) for line in lines]
    return [r for r in reqs if r.marker is None or r.marker.evaluate()]


def problems(pyproject: Path, lock: Path) -> list[str]:
    """Every way the lock disagrees with pyproject.toml; empty when they agree."""
    found = []
    recorded = lock_tool.recorded_fingerprint(lock)
    if recorded != lock_tool.fingerprint(pyproject):
        found.append(f"fingerprint {recorded} is not that of {pyproject.name}")
    found += [f"not pinned with ==: {line}" for line in loose_pins(lock)]
    versions = locked_versions(lock)
    for req in direct_requirements(pyproject):
        version = versions.get(canonicalize_name(req.name))
        if version is None:
            found.append(f"missing from the lock: {req}")
        elif not req.specifier.contains(version, prereleases=True):
            found.append(f"{req.name}=={version} is outside {req}")
    return found


@pytest.fixture
def copies(tmp_path) -> tuple[Path, Path]:
    """Copies of pyproject.toml and the lock to edit."""
    return (
        Path(shutil.copy(PYPROJECT, tmp_path / "pyproject.toml")),
        Path(shutil.copy(LOCK, tmp_path / "lock.txt")),
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_lock_agrees_with_pyproject():
    assert problems(PYPROJECT, LOCK) == [], "run `make lock` to remake requirements/lock.txt"


def test_lock_pins_every_line_with_double_equals():
    pins = lock_tool.pins(LOCK)
    assert len(pins) > 100  # the whole environment, not just the direct dependencies
    assert loose_pins(LOCK) == []
    names = [canonicalize_name(Requirement(line).name) for line in pins]
    assert len(names) == len(set(names))


def test_lock_keeps_the_cpu_build_of_torch():
    torch = locked_versions(LOCK)["torch"]
    assert torch.local == "cpu"
    assert f"torch=={torch.public}" == lock_tool.TORCH


def test_changed_pyproject_fingerprint_is_detected(copies):
    pyproject, lock = copies
    _edit(pyproject, '"pandas>=2.2"', '"pandas>=2.1"')  # still satisfied by the lock
    assert lock_tool.fingerprint(pyproject) != lock_tool.fingerprint(PYPROJECT)
    assert problems(pyproject, lock) == [
        f"fingerprint {lock_tool.fingerprint(PYPROJECT)} is not that of pyproject.toml"
    ]


def test_fingerprint_covers_only_the_dependency_tables(copies):
    pyproject, lock = copies
    _edit(pyproject, 'version = "0.1.0"', 'version = "0.2.0"')
    _edit(pyproject, '"pandas>=2.2",', '"pandas>=2.2",  # a new comment')
    assert problems(pyproject, lock) == []


def test_dependency_pinned_outside_its_specifier_is_detected(copies):
    pyproject, lock = copies
    _edit(pyproject, '"pandas>=2.2"', '"pandas>=99"')
    version = locked_versions(lock)["pandas"]
    assert f"pandas=={version} is outside pandas>=99" in problems(pyproject, lock)


def test_dependency_missing_from_the_lock_is_detected(copies):
    pyproject, lock = copies
    _edit(pyproject, '"jupytext>=1.16",', '"jupytext>=1.16",\n    "no-such-package>=1",')
    assert "missing from the lock: no-such-package>=1" in problems(pyproject, lock)


def test_unpinned_lock_line_is_detected(copies):
    _, lock = copies
    version = locked_versions(lock)["pandas"]
    _edit(lock, f"\npandas=={version}\n", "\npandas>=2.2\n")
    assert loose_pins(lock) == ["pandas>=2.2"]
