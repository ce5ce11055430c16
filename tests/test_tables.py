import os

import pandas as pd
import pytest

from pipeline.tables import atomic_path, read_table, write_json, write_table


def _relations(associate: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "hit_id": ["doc.txt#0000:3"],
            "term": ["maatwerk"],
            "relation": ["amod"],
            "associate": [associate],
            "sentence": ["Complex maatwerk vraagt tijd."],
        }
    )


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("associate", ["complex", ""])
def test_tables_roundtrip_keeps_empty_strings(tmp_path, suffix, associate):
    path = tmp_path / f"relations{suffix}"
    write_table(_relations(associate), path, "relations")
    back = read_table(path, "relations")
    assert back.loc[0, "associate"] == associate


def test_tables_invalid_table_is_not_written(tmp_path):
    path = tmp_path / "relations.csv"
    bad = _relations("complex").drop(columns=["sentence"])
    with pytest.raises(Exception, match="sentence"):
        write_table(bad, path, "relations")
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_tables_failed_write_keeps_old_file(tmp_path):
    path = tmp_path / "out.json"
    write_json(path, {"a": 1})
    with pytest.raises(RuntimeError), atomic_path(path) as tmp:
        tmp.write_text("half")
        raise RuntimeError("interrupted")
    assert path.read_text() == '{\n  "a": 1\n}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_tables_outputs_honour_umask(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, [])
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
