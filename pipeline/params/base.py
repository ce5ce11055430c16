"""The base of every params section."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Section(BaseModel):
    """Base of every section: a misspelled key fails at once, naming the keys allowed."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
