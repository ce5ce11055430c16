import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_files import TURNS, render_txt, write_docx, write_encrypted_pdf, write_image_pdf

from pipeline.ingest import ingest_folder
from pipeline.params import IngestParams


def _bytes(data: bytes):
    return lambda path: path.write_bytes(data)


def _truncated_docx(path: Path):
    write_docx(path, TURNS)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _docx_with_part(name: str, content: bytes):
    def write(path: Path):
        write_docx(path, TURNS)
        source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = content if item.filename == name else source.read(item.filename)
                target.writestr(item.filename, data)
            if name not in source.namelist():
                target.writestr(name, content)
        path.write_bytes(buffer.getvalue())

    return write


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"""


def _plain_zip(path: Path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notities.txt", "Geen Word-bestand.")


BAD_FILES = [
    ("leeg.txt", _bytes(b""), "skipped", "empty file"),
    ("spaties.txt", _bytes(b" \n\n\t \n"), "skipped", "no text"),
    ("willekeurig.docx", _bytes(os.urandom(3000)), "failed", "not a zip package"),
    ("afgebroken.docx", _truncated_docx, "failed", "not a zip package"),
    ("geen_word.docx", _plain_zip, "failed", "no word/document.xml"),
    ("entiteiten.docx", _docx_with_part("word/document.xml", LAUGHS), "failed", "DTD or entities"),
    (
        "kapotte_xml.docx",
        _docx_with_part("word/document.xml", b"<w:document><w:body>"),
        "failed",
        "damaged Word document",
    ),
    (
        "kapotte_proloog.docx",
        _docx_with_part("word/document.xml", b"<?xml version='1.0'?><<<"),
        "failed",
        "not valid XML",
    ),
    (
        "wachtwoord.pdf",
        lambda p: write_encrypted_pdf(p, user_password="geheim"),
        "failed",
        "password-protected",
    ),
    ("scan.pdf", write_image_pdf, "skipped", "no text layer"),
    (
        "kapot.pdf",
        _bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer\n"),
        "failed",
        "damaged PDF",
    ),
    ("notulen.wpd", _bytes(b"WordPerfect Notulen"), "skipped", "unknown extension '.wpd'"),
    ("zonder_extensie", _bytes(b"Jan: hoi"), "skipped", "unknown extension ''"),
    (
        "geen_kop.vtt",
        _bytes(b"00:00:01.000 --> 00:00:02.000\nJan: hoi\n"),
        "failed",
        "not a valid WebVTT",
    ),
    (
        "slechte_tijden.vtt",
        _bytes(b"WEBVTT\n\n00:00:01 -> 00:00:02\nJan: hoi\n"),
        "failed",
        "no cue could be read",
    ),
    ("leeg.srt", _bytes(b""), "skipped", "empty file"),
    ("kapot.srt", _bytes(b"1\n00:00:01,000 -> nooit\nJan: hoi\n"), "failed", "not a valid SubRip"),
    ("binair.txt", _bytes(bytes(range(256)) * 16), "failed", "encoding could not be detected"),
    ("nul_bytes.md", _bytes(b"\x00\x01\x02binair\x03\x04" * 100), "failed", "binary data"),
]


@pytest.mark.parametrize(
    ("name", "write", "status", "reason"), BAD_FILES, ids=[case[0] for case in BAD_FILES]
)
def test_bad_input_reported_and_batch_continues(tmp_path, name, write, status, reason):
    (tmp_path / "goed.txt").write_text(render_txt(TURNS), encoding="utf-8")
    write(tmp_path / name)
    result = ingest_folder(tmp_path)
    rows = {row["path"]: row for row in result.report}
    assert set(rows) == {"goed.txt", name}
    assert rows[name]["status"] == status
    assert reason in rows[name]["reason"]
    assert rows[name]["n_segments"] == 0
    assert rows["goed.txt"]["status"] == "ok"
    assert result.documents["doc_id"].tolist() == ["goed.txt"]
    assert set(result.segments["doc_id"]) == {"goed.txt"}


def test_bad_input_owner_password_only_pdf_is_read(tmp_path):
    write_encrypted_pdf(tmp_path / "beveiligd.pdf", user_password=None)
    result = ingest_folder(tmp_path)
    assert result.report[0]["status"] == "ok"
    assert result.segments["speaker"].tolist() == ["Wethouder Bakker"]


def test_bad_input_file_over_size_limit_skipped(tmp_path):
    (tmp_path / "groot.txt").write_text("Jan: " + "maatwerk " * 2000, encoding="utf-8")
    (tmp_path / "klein.txt").write_text("Jan: regie", encoding="utf-8")
    result = ingest_folder(tmp_path, params=IngestParams(max_file_mb=0.01))
    rows = {row["path"]: row for row in result.report}
    assert rows["groot.txt"]["status"] == "skipped"
    assert "larger than the limit" in rows["groot.txt"]["reason"]
    assert rows["klein.txt"]["status"] == "ok"


def test_bad_input_zip_bomb_docx_refused(tmp_path):
    # 2 MB of zeros packs into a few kB; with a 0.05 MB file limit the docx may unpack to
    # 1 MB at most.
    _docx_with_part("word/media/leeg.bin", bytes(2_000_000))(tmp_path / "bom.docx")
    assert (tmp_path / "bom.docx").stat().st_size < 50_000
    result = ingest_folder(tmp_path, params=IngestParams(max_file_mb=0.05))
    assert result.report[0]["status"] == "failed"
    assert "zip bomb" in result.report[0]["reason"]


def test_bad_input_docx_parser_does_not_resolve_entities(tmp_path):
    # python-docx's own parser leaves external entities alone, even without our check.
    from docx.oxml.parser import parse_xml

    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<w:t xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&x;</w:t>'
    )
    element = parse_xml(xml.encode())
    assert "GEHEIM" not in (element.text or "")


def test_bad_input_symlink_not_followed(tmp_path):
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.txt").write_text("Jan: vertrouwelijk", encoding="utf-8")
    inside = tmp_path / "raw"
    inside.mkdir()
    (inside / "link.txt").symlink_to(outside / "geheim.txt")
    (inside / "map").symlink_to(outside, target_is_directory=True)
    result = ingest_folder(inside)
    assert [(row["path"], row["status"]) for row in result.report] == [
        ("link.txt", "skipped"),
        ("map", "skipped"),
    ]
    assert all("symbolic link" in row["reason"] for row in result.report)
    assert result.documents.empty


def test_bad_input_hidden_files_are_reported_not_read(tmp_path):
    (tmp_path / ".gitignore").write_text("/x\n", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "oud.txt").write_text("Jan: oud", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".verborgen.txt").write_text("Jan: verborgen", encoding="utf-8")
    (tmp_path / "nieuw.txt").write_text("Jan: nieuw", encoding="utf-8")
    result = ingest_folder(tmp_path)
    rows = {row["path"]: (row["status"], row["reason"]) for row in result.report}
    # A hidden folder is one row, never looked into; a hidden file anywhere gets its row.
    assert rows == {
        ".cache": ("skipped", "hidden folder"),
        ".gitignore": ("skipped", "hidden file"),
        "nieuw.txt": ("ok", ""),
        "sub/.verborgen.txt": ("skipped", "hidden file"),
    }
    assert list(result.documents["doc_id"]) == ["nieuw.txt"]


def test_bad_input_every_file_reported_in_path_order(tmp_path):
    for name in ["c.txt", "a.xyz", "b/leeg.srt", "b/d.md"]:
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("" if name.endswith(".srt") else "Jan: hoi", encoding="utf-8")
    result = ingest_folder(tmp_path)
    assert [row["path"] for row in result.report] == ["a.xyz", "b/d.md", "b/leeg.srt", "c.txt"]
    keys = {"path", "status", "reason", "format", "encoding", "n_segments", "n_chars", "sha256"}
    assert all(keys <= set(row) for row in result.report)
    ok = [row for row in result.report if row["status"] == "ok"]
    assert all(row["reason"] == "" and len(row["sha256"]) == 64 for row in ok)
    assert all(row["reason"] for row in result.report if row["status"] != "ok")


def test_bad_input_missing_folder_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="input folder not found"):
        ingest_folder(tmp_path / "bestaat_niet")


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=1500)
    | st.text(max_size=400).map(lambda t: ("WEBVTT\n\n" + t).encode("utf-8")),
    suffix=st.sampled_from([".txt", ".md", ".docx", ".pdf", ".vtt", ".srt"]),
)
def test_bad_input_any_bytes_give_one_report_row(data, suffix):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / f"bestand{suffix}").write_bytes(data)
        result = ingest_folder(folder)
    assert len(result.report) == 1
    row = result.report[0]
    assert row["status"] in {"ok", "skipped", "failed"}
    assert (row["status"] == "ok") == (len(result.documents) == 1)
    for segment in result.segments.itertuples():
        text = result.documents["text"].iloc[0]
        assert text[segment.char_start : segment.char_end] == segment.text
