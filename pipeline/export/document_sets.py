"""Document sets: one REFI-QDA Set per metadata value, holding the documents that have it.

A Set of sources is a document group in ATLAS.ti, whose convention for a variable and its
value is a name like `municipality::Utrecht`; QualCoder (4.0) turns each such Set into a
document attribute of that name (and ignores Sets of codes).
"""

from __future__ import annotations

import pandas as pd
from lxml import etree

from pipeline.export.codebook import make_guid
from pipeline.export.names import unique_names
from pipeline.export.refiqda import PROJECT_NS, element, text_element
from pipeline.export.selections import source_guid
from pipeline.export.variables import MetadataVariables


def document_sets(
    documents: pd.DataFrame, variables: MetadataVariables, *, taken: list[str]
) -> list[tuple[str, str, str, list[str]]]:
    """The document sets, by column in metadata order, then value.

    Args:
        documents: The documents table.
        variables: The metadata columns and their types.
        taken: Names used by other sets and by the variables, which no set may repeat
            (QualCoder keeps sets and variables in one table of attribute names).

    Returns:
        One (guid, name, description, member doc_ids) per metadata value present;
        members are sorted. The name is `<column>::<value>`.
    """
    members: dict[tuple[str, str], list[str]] = {}
    for doc in documents.sort_values("doc_id").to_dict("records"):
        for column, _, text in variables.values(doc):
            members.setdefault((column, text), []).append(str(doc["doc_id"]))
    order = list(variables.kinds)
    keys = sorted(members, key=lambda k: (order.index(k[0]), k[1]))
    names = unique_names((f"{c}::{v}" for c, v in keys), taken=taken)
    return [
        (
            make_guid("set", "metadata", column, value),
            name,
            f"Documents whose {column} is {value}.",
            members[(column, value)],
        )
        for (column, value), name in zip(keys, names, strict=True)
    ]


def add_document_sets(holder: etree._Element, sets: list[tuple[str, str, str, list[str]]]) -> None:
    """Append each document set, with a `MemberSource` per document, to `<Sets>`."""
    for guid, name, description, docs in sets:
        item = element(holder, PROJECT_NS, "Set", guid=guid, name=name)
        text_element(item, PROJECT_NS, "Description", description)
        for doc in docs:
            element(item, PROJECT_NS, "MemberSource", targetGUID=source_guid(doc))
