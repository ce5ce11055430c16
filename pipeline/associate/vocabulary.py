"""The vocabulary of a tokens table: its string columns as integer codes over distinct values.

A corpus grows much faster than its vocabulary, so string work in the associate stage
(lower-casing, look-ups in the lexicon and the stop list, splitting dependency labels) is
done once per distinct value and spread back to the tokens by code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd


@dataclass
class Coded:
    """One string column as codes into its distinct values.

    Attributes:
        codes: Per token, the index of its value in `values`.
        values: The distinct values (object array of str).
    """

    codes: np.ndarray
    values: np.ndarray
    _lower: np.ndarray | None = field(default=None, repr=False)

    @classmethod
    def of(cls, column: pd.Series) -> Coded:
        """Encode a string column (missing values become the empty string)."""
        codes, values = pd.factorize(column.fillna(""), sort=False)
        return cls(codes=codes.astype(np.int64), values=np.asarray(values, dtype=object))

    @property
    def lower(self) -> np.ndarray:
        """The distinct values, lower-cased."""
        if self._lower is None:
            self._lower = np.array([v.lower() for v in self.values], dtype=object)
        return self._lower

    def per_value(self, func: Callable[[str], Any], dtype: Any = bool) -> np.ndarray:
        """Apply `func` once per distinct value; return the result per token."""
        mapped = np.array([func(v) for v in self.values], dtype=dtype)
        return mapped[self.codes] if len(mapped) else np.zeros(len(self.codes), dtype=dtype)

    def isin(self, allowed: Any, *, lower: bool = False) -> np.ndarray:
        """Per token: is its value (lower-cased when asked) in `allowed`?"""
        values = self.lower if lower else self.values
        mapped = np.array([v in allowed for v in values], dtype=bool)
        return mapped[self.codes] if len(mapped) else np.zeros(len(self.codes), dtype=bool)

    def take(self, positions: np.ndarray, *, lower: bool = False) -> np.ndarray:
        """The values at some token positions."""
        values = self.lower if lower else self.values
        return values[self.codes[positions]]


@dataclass
class Vocabulary:
    """The coded string columns of a tokens table in reading order.

    Attributes:
        text: Surface forms.
        lemma: Lemmas.
        upos: Universal parts of speech.
        dep: Dependency labels without their subtype (`nsubj:pass` -> `nsubj`).
    """

    text: Coded
    lemma: Coded
    upos: Coded
    dep: Coded

    @classmethod
    def of(cls, tokens: pd.DataFrame) -> Vocabulary:
        """Encode the string columns of a tokens table."""
        dep = Coded.of(tokens["dep"])
        bases, base_codes = np.unique([v.split(":")[0] for v in dep.values], return_inverse=True)
        dep = Coded(codes=base_codes[dep.codes], values=bases.astype(object))
        return cls(
            text=Coded.of(tokens["text"]),
            lemma=Coded.of(tokens["lemma"]),
            upos=Coded.of(tokens["upos"]),
            dep=dep,
        )
