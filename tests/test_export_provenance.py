"""Who and when: the REFI-QDA user and dates (issue 20).

The login name is read by `getpass.getuser`, which takes it from $LOGNAME first, so the
tests set that variable rather than mock the function.
"""

import datetime as dt
import zipfile

import pydantic
import pytest
from export_fixtures import write_layout
from lxml import etree

from pipeline.export.folder import export_reports
from pipeline.export.provenance import PSEUDONYM, iso_utc, user_name, with_run_identity
from pipeline.params import Params

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.mark.parametrize(
    ("configured", "pseudonymize", "expected"),
    [
        ("Marieke", False, "Marieke"),
        ("Marieke", True, "Marieke"),  # an explicit name is the researcher's choice
        (None, False, "jdevries"),
        (None, True, PSEUDONYM),
        ("", True, PSEUDONYM),
    ],
)
def test_provenance_user_name(monkeypatch, configured, pseudonymize, expected):
    monkeypatch.setenv("LOGNAME", "jdevries")
    assert user_name(configured, pseudonymize=pseudonymize) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.datetime(2026, 3, 4, 9, 30, 15, 999), "2026-03-04T09:30:15Z"),
        (
            dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            "2026-03-04T08:30:00Z",
        ),
    ],
)
def test_provenance_iso_utc(moment, expected):
    assert iso_utc(moment) == expected


def test_provenance_run_identity_fills_only_what_is_empty(monkeypatch):
    monkeypatch.setenv("LOGNAME", "jdevries")
    now = dt.datetime(2026, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
    filled = with_run_identity(Params(), now=now).export
    assert (filled.user_name, filled.creation_date) == ("jdevries", "2026-05-06T07:08:09Z")
    fixed = Params(export={"user_name": "team", "creation_date": "2026-01-01T00:00:00Z"})
    kept = with_run_identity(fixed, now=now).export
    assert (kept.user_name, kept.creation_date) == ("team", "2026-01-01T00:00:00Z")
    hidden = with_run_identity(Params(ingest={"pseudonymize": True}), now=now).export
    assert hidden.user_name == PSEUDONYM


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
        ("2026-01-01T10:00:00+02:00", "2026-01-01T08:00:00Z"),
        ("2026-01-01", "2026-01-01T00:00:00Z"),
        (dt.date(2026, 1, 1), "2026-01-01T00:00:00Z"),  # an unquoted date in params.yaml
        (None, None),
    ],
)
def test_provenance_creation_date_param_is_normalised_to_utc(value, expected):
    assert Params(export={"creation_date": value}).export.creation_date == expected


@pytest.mark.parametrize("value", ["gisteren", "2026-13-01", 20260101])
def test_provenance_creation_date_param_rejects_a_non_date(value):
    with pytest.raises(pydantic.ValidationError, match="creation_date"):
        Params(export={"creation_date": value})


def test_provenance_export_without_a_date_stamps_the_run_time(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGNAME", "jdevries")
    layout = write_layout(tmp_path)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    export_reports(layout, Params())
    after = dt.datetime.now(dt.UTC)
    with zipfile.ZipFile(layout.reports / "kruispunt.qdpx") as archive:
        root = etree.fromstring(archive.read("project.qde"))
        entry_date = archive.infolist()[0].date_time
    stamps = {
        el.get(attr)
        for el in root.iter()
        for attr in ("creationDateTime", "modifiedDateTime")
        if el.get(attr)
    }
    assert len(stamps) == 1  # one date for the whole export
    stamp = dt.datetime.fromisoformat(stamps.pop())
    assert before <= stamp <= after
    # Zip entries keep the time in 2-second steps.
    assert dt.datetime(*entry_date) == stamp.replace(second=stamp.second // 2 * 2, tzinfo=None)
    users = root.findall(".//q:User", NS)
    assert [u.get("name") for u in users] == ["jdevries"]
    assert root.get("creatingUserGUID") == users[0].get("guid")
