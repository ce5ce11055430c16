"""Who made the export and when: the REFI-QDA user and the date of every stamp.

`export.user_name` names the user; left empty it is the login name of whoever runs the
export, or the stable pseudonym `onderzoeker` when `ingest.pseudonymize` is on, so that a
pseudonymised project does not carry the researcher's login. `export.creation_date` fixes
every date (creation and modification in the .qdpx, the zip entries, the workbook and the
report); left empty it is the time the export runs, so two runs differ. Keep it set for
byte-identical reruns: params.yaml does.
"""

from __future__ import annotations

import datetime as dt
import getpass

from pipeline.params import Params

PSEUDONYM = "onderzoeker"
FALLBACK_USER = "kruispunt"


def iso_utc(moment: dt.datetime) -> str:
    """A moment as the UTC xsd:dateTime REFI-QDA files carry: `2026-01-01T09:30:00Z`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def login_name() -> str:
    """The login name of whoever runs the export; `kruispunt` when there is none."""
    try:
        return getpass.getuser().strip() or FALLBACK_USER
    except (KeyError, OSError):  # no passwd entry and no LOGNAME/USER (some containers)
        return FALLBACK_USER


def user_name(configured: str | None, *, pseudonymize: bool) -> str:
    """The REFI-QDA user: the configured name, else the pseudonym or the login name."""
    if configured:
        return configured
    return PSEUDONYM if pseudonymize else login_name()


def with_run_identity(params: Params, *, now: dt.datetime | None = None) -> Params:
    """The params with `export.user_name` and `export.creation_date` filled in.

    Args:
        params: Validated parameters, possibly with either field empty.
        now: The run's time (default: the current time).

    Returns:
        A copy whose export section names the user and the date every file carries.
    """
    export = params.export
    created = export.creation_date or iso_utc(now or dt.datetime.now(dt.UTC))
    user = user_name(export.user_name, pseudonymize=params.ingest.pseudonymize)
    resolved = export.model_copy(update={"user_name": user, "creation_date": created})
    return params.model_copy(update={"export": resolved})
