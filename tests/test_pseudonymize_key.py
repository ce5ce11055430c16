"""The pseudonym key file: owner-only permissions, atomic, readable."""

from __future__ import annotations

import stat

import pandas as pd
import pytest

from pipeline.privacy import KEY_COLUMNS, write_key

KEY = pd.DataFrame(
    [("Fatima el Amrani", "Deelnemer 1", "speaker", 3), ("06-12345678", "[TELEFOON]", "phone", 1)],
    columns=KEY_COLUMNS,
)


@pytest.fixture
def written(tmp_path):
    return write_key(KEY, tmp_path / "data" / "private" / "pseudonym_key.csv")


def test_pseudonymize_key_file_is_owner_only(written):
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700


def test_pseudonymize_key_file_round_trips(written):
    back = pd.read_csv(written, keep_default_na=False)
    assert back.to_dict("records") == KEY.to_dict("records")


def test_pseudonymize_key_rewrite_keeps_permissions_and_leaves_no_temp_file(written):
    written.chmod(0o644)
    write_key(KEY.iloc[:1], written)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert [p.name for p in written.parent.iterdir()] == ["pseudonym_key.csv"]
    assert len(pd.read_csv(written)) == 1


def test_pseudonymize_key_folder_permissions_are_tightened(tmp_path):
    folder = tmp_path / "private"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    write_key(KEY, folder / "pseudonym_key.csv")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
