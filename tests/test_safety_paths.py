"""Safety of paths: nothing in params or metadata makes ingest reach outside its folders.

- `ingest.metadata_file` must be a plain file name at the top of the input folder.
- A metadata sidecar row naming `../../etc/passwd`, an absolute path or a Windows drive
  is ignored with a warning; the sidecar never makes ingest open a file.
- Symbolic links are reported and never followed.
- `annotate.model` and a `sentence-transformers:<path>` embedding may point anywhere: they
  are the researcher's explicit choice of a model, not data, and are allowed as paths.
"""

from __future__ import annotations

import pytest
import yaml
from ingest_files import TURNS, render_txt
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import ingest_folder
from pipeline.params import ParamsError, parse_params

SECRET = "Jan: dit is vertrouwelijk en mag nooit in de tabellen komen."


@pytest.mark.parametrize(
    "value",
    ["../metadata.csv", "../../etc/passwd", "/etc/passwd", "sub/metadata.csv",
     "..\\metadata.csv", "C:metadata.csv", ".metadata.csv", "..", "", "  "],
)  # fmt: skip
def test_safety_paths_metadata_file_must_be_plain_name(value):
    with pytest.raises(ParamsError, match=r"ingest\.metadata_file.*plain, visible file name"):
        parse_params({"ingest": {"metadata_file": value}})


@pytest.mark.parametrize("value", ["metadata.csv", "sessies 2024.csv", "metadata-utrecht.CSV"])
def test_safety_paths_metadata_file_plain_name_accepted(value):
    assert parse_params({"ingest": {"metadata_file": value}}).ingest.metadata_file == value


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("annotate", "model", "/opt/modellen/nl_custom"),
        ("annotate", "model", "../modellen/nl_custom"),
        ("themes", "embedding", "sentence-transformers:/opt/modellen/robbert"),
    ],
)
def test_safety_paths_model_paths_are_an_explicit_choice(section, key, value):
    params = parse_params({section: {key: value}})
    assert getattr(getattr(params, section), key) == value


def test_safety_paths_cli_rejects_escaping_params_before_work(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "vissenkom.txt").write_text(render_txt(TURNS), encoding="utf-8")
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump({"ingest": {"metadata_file": "../geheim.csv"}}), "utf-8")
    out = tmp_path / "interim"
    result = CliRunner().invoke(app, ["ingest", str(raw), str(out), "--params", str(params)])
    assert result.exit_code == 2
    assert "ingest.metadata_file" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    "escape",
    ["../geheim.txt", "../../buiten/geheim.txt", "/etc/passwd", "C:\\Users\\geheim.txt",
     "..\\geheim.txt", "map/../../geheim.txt"],
)  # fmt: skip
def test_safety_paths_sidecar_rows_outside_folder_ignored(tmp_path, escape):
    (tmp_path / "geheim.txt").write_text(SECRET, encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "vissenkom.txt").write_text(render_txt(TURNS), encoding="utf-8")
    (raw / "metadata.csv").write_text(
        f"file,gemeente\nvissenkom.txt,Lindeveen\n{escape},Buitenstad\n", encoding="utf-8"
    )
    result = ingest_folder(raw)
    rows = {row["path"]: row for row in result.report}
    assert "1 rows name paths outside the input folder, ignored" in rows["metadata.csv"]["warning"]
    assert result.documents["doc_id"].tolist() == ["vissenkom.txt"]
    assert result.documents["gemeente"].tolist() == ["Lindeveen"]
    assert (
        not result.documents.apply(lambda c: c.astype(str).str.contains("vertrouwelijk"))
        .any()
        .any()
    )


def test_safety_paths_symlinks_out_of_folder_never_read(tmp_path):
    (tmp_path / "geheim.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "geheim_map").mkdir()
    (tmp_path / "geheim_map" / "notulen.txt").write_text(SECRET, encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "vissenkom.txt").write_text(render_txt(TURNS), encoding="utf-8")
    (raw / "link.txt").symlink_to(tmp_path / "geheim.txt")
    (raw / "relatief.txt").symlink_to("../geheim.txt")
    (raw / "map").symlink_to(tmp_path / "geheim_map", target_is_directory=True)
    result = ingest_folder(raw)
    rows = {row["path"]: row for row in result.report}
    for link in ["link.txt", "relatief.txt", "map"]:
        assert rows[link]["status"] == "skipped"
        assert "points outside the input folder" in rows[link]["reason"]
    assert "map/notulen.txt" not in rows
    assert not result.segments["text"].str.contains("vertrouwelijk").any()
