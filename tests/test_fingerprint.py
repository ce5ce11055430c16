"""Code fingerprints change with the code and with the installed packages."""

from __future__ import annotations

from pipeline.fingerprint import code_fingerprint


def test_fingerprint_changes_with_a_file_and_a_package(tmp_path):
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("x = 1\n")
    b.write_text("y = 2\n")
    base = code_fingerprint([a, b], ["pyarrow"])
    assert base == code_fingerprint([a, b], ["pyarrow"])  # stable
    assert len(base) == 16
    assert code_fingerprint([a, b], ["pyarrow", "geen-pakket-zo"]) != base  # missing counts
    assert code_fingerprint([a, b], []) != base
    a.write_text("x = 2\n")
    assert code_fingerprint([a, b], ["pyarrow"]) != base
