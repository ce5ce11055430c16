"""Pseudonymisation end to end: no original name survives in any output of a run."""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.ipc
import pytest
from plotly.offline import get_plotlyjs

from pipeline.ingest import ingest_folder
from pipeline.params import Params
from pipeline.run import run_batch

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
# Everything under --out, caches included: with pseudonymisation on, no file there may
# hold an original name.
SEARCHED = ["data", "reports", "models", "metrics", ".cache"]
# Words of a speaker label that are roles or parties, not names.
NOT_NAMES = {
    "De", "Heer", "Mevrouw", "Wethouder", "Voorzitter", "Spreker", "Interviewer",
    "Facilitator", "Respondent", "Raadslid", "Deelnemer", "Persoon",
}  # fmt: skip


def _speaker_names() -> set[str]:
    """Every name-like word of every speaker label in the example corpus, and full labels."""
    segments = ingest_folder(RAW, params=Params().ingest).segments
    names: set[str] = set()
    for label in segments["speaker"].dropna().unique():
        bare = re.sub(r"\(.*?\)", "", label).strip()
        parts = [p for p in re.findall(r"[^\W\d_][\w'-]*", bare) if p[:1].isupper()]
        parts = [p for p in parts if p not in NOT_NAMES and len(p) >= 3]
        if parts:
            names.add(" ".join(parts))
            names.update(parts)
    return names


def _texts(folder: Path):
    """Every output file under folder, as text (tables read, archives opened)."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".parquet":
            yield path, pd.read_parquet(path).to_csv(index=False)
        elif path.suffix == ".arrow":  # annotate cache entries
            yield path, pa.ipc.open_file(path).read_all().to_pandas().to_csv(index=False)
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield path, member + archive.read(member).decode("utf-8", "ignore")
        else:
            # The inlined plotly.js library is minified code whose identifiers can look
            # like names (`function Wit(e)`); everything else in the report is searched.
            text = path.read_bytes().decode("utf-8", "ignore")
            yield path, text.replace(get_plotlyjs(), "")


@pytest.fixture(scope="module")
def pseudonymised_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pseudo")
    params = Params.model_validate({"ingest": {"pseudonymize": True}})
    run_batch(RAW, out, params=params, workers=1, key_dir=out.parent / f"{out.name}-private")
    return out


def test_privacy_pipeline_no_speaker_name_in_any_output(pseudonymised_run):
    names = _speaker_names()
    assert len(names) > 30  # the corpus has dozens of named speakers
    patterns = {name: re.compile(rf"(?<!\w){re.escape(name)}(?!\w)") for name in names}
    found = []
    for where in SEARCHED:
        for path, text in _texts(pseudonymised_run / where):
            found += [(path.name, n) for n, pattern in patterns.items() if pattern.search(text)]
    assert found == []


def test_privacy_pipeline_key_is_private_and_complete(pseudonymised_run):
    private = pseudonymised_run.parent / f"{pseudonymised_run.name}-private"
    key_path = private / "pseudonym_key.csv"
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert not (pseudonymised_run / "data" / "private").exists()
    # The ingest cache holds the original text: it lives with the key, owner-only.
    entries = list((private / "cache" / "ingest").rglob("*.json"))
    assert entries and all(stat.S_IMODE(e.stat().st_mode) == 0o600 for e in entries)
    assert not (pseudonymised_run / ".cache" / "kruispunt" / "ingest").exists()
    key = pd.read_csv(key_path)
    assert {"Fatima el Amrani", "Wethouder Bakker"} <= set(key["original"])
    assert not (pseudonymised_run / "reports" / "pseudonym_key.csv").exists()
