"""Where the pseudonym key and the original-text cache go: private, owner-only, never --out."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import KruispuntError
from pipeline.ingest.file_cache import IngestCache, private_cache_dir
from pipeline.ingest.parsed import FileResult
from pipeline.params import IngestParams
from pipeline.privacy.key import run_key_dir


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_privacy_key_dir_is_required_when_pseudonymising(tmp_path):
    with pytest.raises(KruispuntError, match="--key-dir"):
        run_key_dir(True, tmp_path / "out", None)


@pytest.mark.parametrize("inside", [".", "private", "data/private"])
def test_privacy_key_dir_inside_out_is_refused(tmp_path, inside):
    out = tmp_path / "out"
    with pytest.raises(KruispuntError, match="inside --out"):
        run_key_dir(True, out, out / inside)


def test_privacy_key_dir_outside_out_is_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_key_dir(True, Path("out"), "keys") == tmp_path / "keys"
    assert run_key_dir(False, Path("out"), None) is None


def test_privacy_key_private_cache_is_owner_only(tmp_path):
    folder = private_cache_dir(tmp_path / "private", tmp_path / "out" / ".cache" / "ingest")
    assert folder == tmp_path / "private" / "cache" / "ingest"
    assert private_cache_dir(tmp_path / "private", None) is None
    cache = IngestCache(folder, IngestParams(pseudonymize=True))
    result = FileResult({"path": "a.txt"}, {"text": "Mijn naam is Fred Zandvliet."}, [])
    cache.put("ab" + "0" * 62, result)
    entry = folder / "ab" / ("ab" + "0" * 62 + ".json")
    assert _mode(entry) == 0o600
    for path in (tmp_path / "private", tmp_path / "private" / "cache", folder, entry.parent):
        assert _mode(path) == 0o700
    assert cache.get("ab" + "0" * 62).document["text"] == "Mijn naam is Fred Zandvliet."


def test_privacy_key_cli_run_refuses_to_pseudonymise_without_key_dir(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text("ingest:\n  pseudonymize: true\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Mijn naam is Fred Zandvliet.\n", encoding="utf-8")
    args = ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--params", str(params)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "--key-dir" in result.output
    assert not (tmp_path / "out" / "data").exists()


def test_privacy_key_ingest_stage_keeps_originals_out_of_out(tmp_path):
    from pipeline.ingest.stage import ingest
    from pipeline.params import Params

    (tmp_path / "in").mkdir()
    text = "De voorzitter: Het woord is aan de inspreker.\nFred Zandvliet: Mijn naam is Fred.\n"
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    out, private = tmp_path / "out", tmp_path / "private"
    params = Params.model_validate({"ingest": {"pseudonymize": True}})
    ingest(
        tmp_path / "in", out / "data" / "interim", params, cache_dir=out / ".cache", key_dir=private
    )
    for path in out.rglob("*"):
        if path.is_file():
            assert "Zandvliet" not in path.read_bytes().decode("utf-8", "ignore"), path
    assert _mode(private / "pseudonym_key.csv") == 0o600
    entries = list((private / "cache" / "ingest").rglob("*.json"))
    assert len(entries) == 1 and _mode(entries[0]) == 0o600
    assert "Zandvliet" in json.loads(entries[0].read_text(encoding="utf-8"))["document"]["text"]


def test_privacy_key_dvc_layout_keeps_key_and_cache_in_data_private(tmp_path):
    from pipeline.ingest.stage import ingest
    from pipeline.params import Params

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("Fred Zandvliet: Goedemiddag.\n", encoding="utf-8")
    params = Params.model_validate({"ingest": {"pseudonymize": True}})
    # As `kruispunt ingest data/raw data/interim` does under `dvc repro`.
    ingest(tmp_path / "raw", tmp_path / "data" / "interim", params, cache_dir=tmp_path / ".cache")
    private = tmp_path / "data" / "private"
    assert _mode(private) == 0o700 and _mode(private / "pseudonym_key.csv") == 0o600
    assert list((private / "cache" / "ingest").rglob("*.json"))
    assert not (tmp_path / ".cache").exists()
