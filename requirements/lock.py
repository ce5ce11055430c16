"""Write `requirements/lock.txt`: every package of the project's environment, pinned with `==`.

The environment is what a fresh virtual environment resolves to under
`pip install torch==2.13.0 && pip install -e '.[dev]'` (torch first, so that its CPU build
is kept). The lock's header records a sha256 fingerprint of the dependency tables of
`pyproject.toml` it was made from; `tests/test_lock.py` fails when they drift apart.

Run it as `make lock` (or `python3 requirements/lock.py`); it takes a few minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import subprocess
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements" / "lock.txt"
TORCH = "torch==2.13.0"
FINGERPRINT = "# pyproject-sha256: "


def fingerprint(pyproject: Path) -> str:
    """The sha256 of `[project] dependencies` and `optional-dependencies`, canonical JSON.

    Comments, formatting and the rest of `pyproject.toml` do not change it.
    """
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    tables = {
        "dependencies": project.get("dependencies", []),
        "optional-dependencies": project.get("optional-dependencies", {}),
    }
    canonical = json.dumps(tables, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def recorded_fingerprint(lock: Path) -> str | None:
    """The fingerprint in the lock's header, or None when it has none."""
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.startswith(FINGERPRINT):
            return line.removeprefix(FINGERPRINT).strip()
    return None


def pins(lock: Path) -> list[str]:
    """The lock's requirement lines (comments and blank lines left out)."""
    lines = (line.strip() for line in lock.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def resolve(torch_index: str | None = None) -> list[str]:
    """Install the project into a throwaway venv and return its `pip freeze --all` lines.

    Args:
        torch_index: Index URL for torch alone, such as https://download.pytorch.org/whl/cpu
            on a machine whose own indexes offer only the CUDA build.

    Returns:
        `name==version` lines, the project itself (editable) left out.
    """
    with tempfile.TemporaryDirectory(prefix="kruispunt-lock-") as tmp:
        env = Path(tmp) / "venv"
        venv.create(env, with_pip=True)
        python = str(env / "bin" / "python")
        install = [python, "-m", "pip", "install", "--quiet"]
        index = ["--index-url", torch_index] if torch_index else []
        subprocess.run([*install, "--upgrade", "pip"], check=True)
        subprocess.run([*install, *index, TORCH], check=True)
        subprocess.run([*install, "-e", ".[dev]"], check=True, cwd=ROOT)
        frozen = subprocess.run(
            [python, "-m", "pip", "freeze", "--all", "--exclude-editable"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return [line for line in frozen.splitlines() if line and not line.startswith("#")]


def write_lock(lock: Path, pinned: list[str], pyproject: Path) -> None:
    """Write the pins under a header that names the command and the fingerprint."""
    header = [
        f"# Every package of `pip install {TORCH} && pip install -e '.[dev]'`, pinned.",
        "# Made by `make lock` from pyproject.toml; do not edit by hand.",
        f"# Resolved on Python {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}.",
        f"{FINGERPRINT}{fingerprint(pyproject)}",
    ]
    lock.write_text("\n".join([*header, *pinned]) + "\n", encoding="utf-8")


def main() -> None:
    """Resolve the environment and write the lock."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--torch-index", help="index URL for torch alone")
    parser.add_argument("--out", type=Path, default=LOCK, help="lock file to write")
    args = parser.parse_args()
    write_lock(args.out, resolve(args.torch_index), PYPROJECT)
    print(f"wrote {args.out} ({len(pins(args.out))} packages)")


if __name__ == "__main__":
    main()
