"""Sniffing: the content, not the extension, says how a file is read."""

from __future__ import annotations

import io
import zipfile

import pytest
from ingest_files import TURNS, render_srt, render_txt, render_vtt, write_docx, write_pdf

from pipeline.ingest import ingest_folder
from pipeline.ingest.parsed import Unreadable
from pipeline.ingest.sniff import content_format, sniff_format


def _docx() -> bytes:
    buffer = io.BytesIO()
    write_docx(buffer, TURNS)
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notulen.txt", "Jan: hoi")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
        (b"rommel vooraf\n%PDF-1.4\n1 0 obj\n%%EOF\n", "pdf"),
        (b"Over %PDF-bestanden gesproken, zonder einde.", None),
        (_docx(), "docx"),
        (_zip(), "zip"),
        (b"PK\x03\x04afgebroken", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "ole"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "image"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "image"),
        (render_vtt(TURNS).encode(), "vtt"),
        (b"\xef\xbb\xbf" + render_vtt(TURNS).encode(), "vtt"),
        (render_srt(TURNS).encode(), "srt"),
        (render_txt(TURNS).encode(), None),
        (b"1\nEen genummerde lijst, geen ondertitel.\n", None),
        (b"", None),
    ],
)
def test_ingest_sniff_format(data, expected):
    assert sniff_format(data) == expected


@pytest.mark.parametrize(
    ("extension", "data", "expected", "warned"),
    [
        ("pdf", _docx(), "docx", True),
        ("txt", _docx(), "docx", True),
        ("docx", b"%PDF-1.7\n", "pdf", True),
        ("srt", render_vtt(TURNS).encode(), "vtt", True),
        ("vtt", render_srt(TURNS).encode(), "srt", True),
        # Text is never read as subtitles on the strength of one line.
        ("txt", render_vtt(TURNS).encode(), "txt", False),
        ("md", render_srt(TURNS).encode(), "md", False),
        ("docx", _docx(), "docx", False),
        ("txt", render_txt(TURNS).encode(), "txt", False),
        # A damaged docx looks like a zip without a document; the docx reader says more.
        ("docx", b"PK\x03\x04afgebroken", "docx", False),
    ],
)
def test_ingest_sniff_content_format(extension, data, expected, warned):
    actual, warning = content_format(extension, data)
    assert actual == expected
    assert bool(warning) == warned
    if warned:
        assert f"the extension says {extension} but the content is {expected}" in warning


@pytest.mark.parametrize(
    ("extension", "data", "reason"),
    [
        ("txt", _zip(), "zip archive"),
        ("docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old Word .doc"),
        ("pdf", b"\x89PNG\r\n\x1a\n" + bytes(100), "an image"),
    ],
)
def test_ingest_sniff_content_no_reader_takes(extension, data, reason):
    with pytest.raises(Unreadable, match=reason):
        content_format(extension, data)


def test_ingest_sniff_renamed_files_read_by_content(tmp_path):
    (tmp_path / "verslag.pdf").write_bytes(_docx())
    write_pdf(tmp_path / "notulen.txt", [[f"{who}: {text}" for who, text in TURNS]])
    result = ingest_folder(tmp_path)
    rows = {row["path"]: row for row in result.report}
    assert (rows["verslag.pdf"]["status"], rows["verslag.pdf"]["format"]) == ("ok", "docx")
    assert (rows["notulen.txt"]["status"], rows["notulen.txt"]["format"]) == ("ok", "pdf")
    assert "read as pdf" in rows["notulen.txt"]["warning"]
    speakers = set(result.segments["speaker"])
    assert {"Marloes de Wit", "Fatima el Amrani"} <= speakers
