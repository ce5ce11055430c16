"""Safety of what a run writes: after `dvc repro` there is no pickle file anywhere.

Models are stored as safetensors, JSON and spaCy's own msgpack format. A pickle would run
code when someone loads it, so the whole repository copy is searched: by file name, and
by the magic bytes that start every pickle of protocol 2 or later.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

PICKLE_SUFFIXES = {".pkl", ".pickle", ".joblib", ".pt", ".pth", ".ckpt", ".sav"}
# PROTO opcode and protocol 2 to 5; protocol 0 and 1 are not written by anything current.
PICKLE_MAGIC = tuple(bytes([0x80, protocol]) for protocol in range(2, 6))


def is_pickle(path: Path) -> bool:
    """Whether a file is named or starts like a pickle."""
    if path.suffix.lower() in PICKLE_SUFFIXES:
        return True
    with open(path, "rb") as handle:
        return handle.read(2) in PICKLE_MAGIC


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("model.bin", b"\x80\x04\x95\x10\x00", True),
        ("model.bin", b"\x80\x02}q\x00.", True),
        ("model.pkl", b"", True),
        ("model.safetensors", b"\x08\x00\x00\x00\x00\x00\x00\x00{}", False),
        ("tokenizer", b"\x82\xa4mode\xa3abc", False),
        ("themes.json", b"{}", False),
    ],
)
def test_safety_outputs_pickle_check(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    assert is_pickle(path) is expected


def test_safety_outputs_no_pickle_after_repro(repro_copy):
    files = [p for p in repro_copy.rglob("*") if p.is_file() and ".git" not in p.parts]
    written = [p for p in files if p.is_relative_to(repro_copy / "models" / "themes")]
    assert written, "the theme model was not written"
    assert [p.relative_to(repro_copy).as_posix() for p in files if is_pickle(p)] == []
