"""Column helpers shared by the table contracts."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.pandas import Column

STR = pa.String
INT = pa.Int64
FLOAT = pa.Float64
BOOL = pa.Bool
MATCH_KINDS = ["term", "compound", "anaphor", "bridged"]


def col(dtype, description: str, *, nullable: bool = False, **kwargs) -> Column:
    """A column of a contract: coerced to its dtype, with its meaning as description."""
    return Column(dtype, nullable=nullable, description=description, coerce=True, **kwargs)


def offsets_ordered(df):
    """Check of a whole table: every span starts at or before its end."""
    return (df["char_start"] <= df["char_end"]).all()
