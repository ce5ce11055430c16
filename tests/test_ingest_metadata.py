import pytest

from pipeline.ingest import ingest_folder
from pipeline.params import IngestParams


def _corpus(tmp_path):
    (tmp_path / "interviews").mkdir()
    (tmp_path / "fishbowl.txt").write_text("Marloes: Welkom.\n", encoding="utf-8")
    (tmp_path / "interviews" / "samira.txt").write_text("I: Hoe begon het?\n", encoding="utf-8")
    (tmp_path / "plenair.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Lisa>Dank.\n", encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize(
    ("sidecar", "encoding"),
    [
        (
            "file,meeting_date,municipality\nfishbowl.txt,2024-03-14,Tilburg\n"
            "interviews/samira.txt,2024-02-20,Amersfoort\n",
            "utf-8",
        ),
        (
            "file;meeting_date;municipality\nfishbowl.txt;2024-03-14;Tilburg\n"
            "samira.txt;2024-02-20;Amersfoort\n",
            "cp1252",
        ),
        (
            "File\tmeeting_date\tmunicipality\n./fishbowl.txt\t2024-03-14\tTilburg\n"
            "interviews\\samira.txt\t2024-02-20\tAmersfoort\n",
            "utf-16",
        ),
    ],
)
def test_metadata_joined_as_string_columns(tmp_path, sidecar, encoding):
    _corpus(tmp_path)
    (tmp_path / "metadata.csv").write_bytes(sidecar.encode(encoding))
    result = ingest_folder(tmp_path)
    docs = result.documents.set_index("doc_id")
    assert docs.loc["fishbowl.txt", "municipality"] == "Tilburg"
    assert docs.loc["interviews/samira.txt", "meeting_date"] == "2024-02-20"
    assert docs.loc["plenair.vtt", "municipality"] == ""
    assert list(result.documents.columns[-2:]) == ["meeting_date", "municipality"]
    assert all(isinstance(value, str) for value in docs["meeting_date"])
    sidecar_row = next(row for row in result.report if row["path"] == "metadata.csv")
    assert (sidecar_row["status"], sidecar_row["format"], sidecar_row["warning"]) == (
        "ok",
        "metadata",
        "",
    )


def test_metadata_sidecar_is_not_a_document(tmp_path):
    _corpus(tmp_path)
    (tmp_path / "metadata.csv").write_text(
        "file,meeting_type\nfishbowl.txt,vissenkom\n", encoding="utf-8"
    )
    result = ingest_folder(tmp_path)
    assert "metadata.csv" not in set(result.documents["doc_id"])
    assert [row["path"] for row in result.report].count("metadata.csv") == 1


def test_metadata_unknown_rows_give_a_warning(tmp_path):
    _corpus(tmp_path)
    (tmp_path / "metadata.csv").write_text(
        "file,meeting_type\nfishbowl.txt,vissenkom\nverdwenen.docx,interview\n", encoding="utf-8"
    )
    result = ingest_folder(tmp_path)
    row = next(row for row in result.report if row["path"] == "metadata.csv")
    assert row["status"] == "ok"
    assert "verdwenen.docx" in row["warning"]


def test_metadata_row_for_unreadable_file_is_not_unknown(tmp_path):
    _corpus(tmp_path)
    (tmp_path / "leeg.txt").write_bytes(b"")
    (tmp_path / "metadata.csv").write_text(
        "file,meeting_type\nleeg.txt,interview\n", encoding="utf-8"
    )
    result = ingest_folder(tmp_path)
    row = next(row for row in result.report if row["path"] == "metadata.csv")
    assert row["warning"] == ""


def test_metadata_without_file_column_fails_but_documents_stay(tmp_path):
    _corpus(tmp_path)
    (tmp_path / "metadata.csv").write_text(
        "bestandsnaam,datum\nfishbowl.txt,2024\n", encoding="utf-8"
    )
    result = ingest_folder(tmp_path)
    row = next(row for row in result.report if row["path"] == "metadata.csv")
    assert row["status"] == "failed"
    assert "'file' column" in row["reason"]
    assert len(result.documents) == 3


def test_metadata_title_overrides_and_clashing_columns_renamed(tmp_path):
    _corpus(tmp_path)
    (tmp_path / "metadata.csv").write_text(
        "file,title,format,text\nfishbowl.txt,Vissenkom Tilburg,transcript,x\nplenair.vtt,,,\n",
        encoding="utf-8",
    )
    result = ingest_folder(tmp_path)
    docs = result.documents.set_index("doc_id")
    assert docs.loc["fishbowl.txt", "title"] == "Vissenkom Tilburg"
    assert docs.loc["plenair.vtt", "title"] == "plenair"
    assert docs.loc["fishbowl.txt", "format"] == "txt"
    assert docs.loc["fishbowl.txt", "meta_format"] == "transcript"
    assert docs.loc["fishbowl.txt", "meta_text"] == "x"


def test_metadata_file_name_from_params(tmp_path):
    _corpus(tmp_path)
    (tmp_path / "kenmerken.csv").write_text(
        "file,meeting_type\nfishbowl.txt,vissenkom\n", encoding="utf-8"
    )
    result = ingest_folder(tmp_path, params=IngestParams(metadata_file="kenmerken.csv"))
    assert result.documents.set_index("doc_id").loc["fishbowl.txt", "meeting_type"] == "vissenkom"
