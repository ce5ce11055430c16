"""Document metadata as REFI-QDA Variables: on each source, and on each document's Case.

Programs read metadata from different places. QualCoder (and, by its importer's comments,
MAXQDA) takes a document's attributes from the `VariableValue`s inside its `TextSource`,
and case attributes from the `Case`. QualCoder files a variable under cases as soon as one Case
uses it, and then no longer shows it as a document attribute, so the case values use
their own variables, named `<column> (case)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from lxml import etree

from pipeline.export.codebook import make_guid
from pipeline.export.refiqda import PROJECT_NS, clean_xml, element, text_element

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_VALUE_TAG = {
    "Text": "TextValue",
    "Boolean": "BooleanValue",
    "Integer": "IntegerValue",
    "Float": "FloatValue",
    "Date": "DateValue",
    "DateTime": "DateTimeValue",
}


def variable_type(values: pd.Series) -> str:
    """REFI-QDA type of a metadata column: Boolean, Integer, Float, Date, DateTime or Text."""
    present = values.dropna()
    if pd.api.types.is_datetime64_any_dtype(values):
        return "Date" if (present == present.dt.normalize()).all() else "DateTime"
    if pd.api.types.is_bool_dtype(values):
        return "Boolean"
    if pd.api.types.is_integer_dtype(values):
        return "Integer"
    if pd.api.types.is_float_dtype(values):
        return "Integer" if len(present) and (present % 1 == 0).all() else "Float"
    texts = present.astype(str)
    dates = pd.to_datetime(texts, format="%Y-%m-%d", errors="coerce")
    if len(texts) and texts.str.match(_ISO_DATE).all() and dates.notna().all():
        return "Date"
    return "Text"


def value_text(value: object, kind: str) -> str:
    """A metadata value as the text of its REFI-QDA value element of type `kind`."""
    if kind == "Boolean":
        return "true" if bool(value) else "false"
    if kind == "Integer":
        return str(int(value))  # type: ignore[call-overload]
    if kind == "Float":
        # xsd:decimal has no exponent, so 1e-05 must be written out.
        return np.format_float_positional(float(value), trim="-")  # type: ignore[arg-type]
    if kind in ("Date", "DateTime"):
        stamp = pd.Timestamp(value)  # type: ignore[arg-type]
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert("UTC").tz_localize(None)
        return stamp.date().isoformat() if kind == "Date" else stamp.isoformat()
    return clean_xml(value)


@dataclass(frozen=True)
class MetadataVariables:
    """The metadata columns of the documents and their REFI-QDA types.

    Attributes:
        kinds: Column name to REFI-QDA type, in column order.
    """

    kinds: dict[str, str]

    @classmethod
    def of(cls, documents: pd.DataFrame, columns: list[str]) -> MetadataVariables:
        """Type every metadata column of `documents`."""
        return cls({c: variable_type(documents[c]) for c in columns})

    @staticmethod
    def source_guid(column: str) -> str:
        """GUID of the document variable of a column."""
        return make_guid("variable", column)

    @staticmethod
    def case_guid(column: str) -> str:
        """GUID of the case variable of a column."""
        return make_guid("case-variable", column)

    @staticmethod
    def case_name(column: str) -> str:
        """Name of the case variable of a column: `<column> (case)`."""
        return f"{column} (case)"

    def names(self) -> list[str]:
        """Every variable name: the document variables, then the case variables."""
        return [*self.kinds, *(self.case_name(c) for c in self.kinds)]

    def values(self, doc: dict) -> list[tuple[str, str, str]]:
        """A document's present values: (column, type, value text), in column order."""
        return [
            (column, kind, value_text(doc[column], kind))
            for column, kind in self.kinds.items()
            if not pd.isna(doc[column])
        ]

    def add_definitions(self, root: etree._Element) -> None:
        """Append `<Variables>`: each column once for documents, once for cases."""
        if not self.kinds:
            return
        holder = element(root, PROJECT_NS, "Variables")
        for column, kind in self.kinds.items():
            var = element(
                holder, PROJECT_NS, "Variable", guid=self.source_guid(column), name=column,
                typeOfVariable=kind,
            )  # fmt: skip
            text_element(var, PROJECT_NS, "Description", f"Metadata column '{column}'.")
        for column, kind in self.kinds.items():
            var = element(
                holder, PROJECT_NS, "Variable", guid=self.case_guid(column),
                name=self.case_name(column), typeOfVariable=kind,
            )  # fmt: skip
            text_element(var, PROJECT_NS, "Description", f"Metadata column '{column}' of the case.")

    def add_values(self, parent: etree._Element, doc: dict, *, case: bool) -> None:
        """Append a document's `<VariableValue>`s to its TextSource or its Case."""
        for column, kind, text in self.values(doc):
            guid = self.case_guid(column) if case else self.source_guid(column)
            value = element(parent, PROJECT_NS, "VariableValue")
            element(value, PROJECT_NS, "VariableRef", targetGUID=guid)
            element(value, PROJECT_NS, _VALUE_TAG[kind]).text = text
