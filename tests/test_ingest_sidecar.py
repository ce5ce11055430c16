"""Metadata sidecar errors: each gives one clear line in the report, and no file is lost.

Every case below once crashed the run, lost files or was silent (issue 22): duplicate
column names, `file` and `File` both, two rows for one file, a binary file, rows for
files that are not there, and a quoting error. The transcripts always come through.
"""

from __future__ import annotations

import pytest

from pipeline.ingest import ingest_folder

FILES = ["fishbowl.txt", "interviews/samira.txt"]


def _corpus(tmp_path, sidecar: bytes):
    (tmp_path / "interviews").mkdir()
    (tmp_path / "fishbowl.txt").write_text("Marloes: Welkom bij de vissenkom.\n", "utf-8")
    (tmp_path / "interviews" / "samira.txt").write_text("I: Hoe begon het?\n", "utf-8")
    (tmp_path / "metadata.csv").write_bytes(sidecar)
    return ingest_folder(tmp_path)


def _sidecar_row(result) -> dict:
    return next(row for row in result.report if row["path"] == "metadata.csv")


CASES = [
    # (sidecar bytes, status, fragment of the one reason/warning line, expected metadata)
    (
        b"file,gemeente,gemeente\nfishbowl.txt,Tilburg,Breda\n",
        "ok",
        "columns named more than once (also in another case), the first kept: gemeente",
        {"fishbowl.txt": {"gemeente": "Tilburg"}},
    ),
    (
        b"file,File,gemeente\nfishbowl.txt,interviews/samira.txt,Tilburg\n",
        "ok",
        "the first kept: File",
        {"fishbowl.txt": {"gemeente": "Tilburg"}},
    ),
    (
        b"file,gemeente\nfishbowl.txt,Tilburg\nfishbowl.txt,Breda\nsamira.txt,Zwolle\n",
        "ok",
        "1 files are described by more than one row, so by none: fishbowl.txt",
        {"fishbowl.txt": {"gemeente": ""}, "interviews/samira.txt": {"gemeente": "Zwolle"}},
    ),
    (
        b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)) * 4,
        "failed",
        "metadata sidecar is a binary file, not a CSV",
        {},
    ),
    (
        b"file,gemeente\nweg.txt,Tilburg\nook_weg.txt,Breda\nfishbowl.txt,Zwolle\n",
        "ok",
        "2 rows name files that are not in the folder: weg.txt, ook_weg.txt",
        {"fishbowl.txt": {"gemeente": "Zwolle"}},
    ),
    (
        b'file,gemeente\nfishbowl.txt,"Tilburg\nsamira.txt,Breda\n',
        "failed",
        "metadata sidecar is not a readable CSV",
        {},
    ),
]


@pytest.mark.parametrize(("sidecar", "status", "line", "metadata"), CASES)
def test_ingest_sidecar_error_is_one_line_and_files_come_through(
    tmp_path, sidecar, status, line, metadata
):
    result = _corpus(tmp_path, sidecar)
    row = _sidecar_row(result)
    assert row["status"] == status
    said = row["reason"] if status == "failed" else row["warning"]
    assert line in said and "\n" not in said
    assert said.count(";") == 0  # one line: exactly one problem reported
    # Every transcript is read and reported, with or without its metadata.
    assert sorted(result.documents["doc_id"]) == FILES
    assert sorted(r["path"] for r in result.report) == sorted([*FILES, "metadata.csv"])
    for doc_id, values in metadata.items():
        document = result.documents.set_index("doc_id").loc[doc_id]
        for column, value in values.items():
            assert document[column] == value
