"""One Case per document, linked to its source in both ways QDA programs read the link.

REFI-QDA links a Case to its documents with `SourceRef`. QualCoder (4.0) ignores the
`SourceRef` of a named Case: it links a case to text only through a code that shares the
Case's GUID, coded on the text (`clean_up_case_codes_and_case_text` in its `refi.py`). So
each Case also has such a case code, coded on its whole document. QualCoder turns it into
the case's text and drops the code; a program without cases (ATLAS.ti) keeps it as a code
on the whole document, its own way of marking a case.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from lxml import etree

from pipeline.export.codebook import make_guid
from pipeline.export.names import selection_name, unique_names
from pipeline.export.refiqda import PROJECT_NS, clean_xml, element, text_element
from pipeline.export.selections import Selection, source_guid
from pipeline.export.variables import MetadataVariables

CASE_COLOR = "#808080"


def case_guid(doc_id: str) -> str:
    """GUID of a document's Case, which is also the GUID of its case code."""
    return make_guid("case", doc_id)


@dataclass(frozen=True)
class CaseCode:
    """The code that stands for a document's case.

    Attributes:
        doc_id: The document.
        guid: The Case's GUID.
        name: Code name, unique in the project: `Case <doc_id>`.
        n_chars: Length of the document text, the end of its whole-document coding.
        quote: Name of the whole-document selection (its first words).
    """

    doc_id: str
    guid: str
    name: str
    n_chars: int
    quote: str


def case_codes(documents: pd.DataFrame, *, taken: list[str]) -> list[CaseCode]:
    """One case code per document, in doc_id order, named apart from the codebook's codes.

    Args:
        documents: The documents table.
        taken: Names of the codebook's codes, which no case code may repeat.
    """
    docs = documents.sort_values("doc_id")
    names = unique_names((f"Case {d}" for d in docs["doc_id"]), taken=taken)
    return [
        CaseCode(str(doc), case_guid(str(doc)), name, len(text), selection_name(text))
        for doc, text, name in zip(docs["doc_id"], docs["text"], names, strict=True)
    ]


def add_case_codes(codes: etree._Element, cases: list[CaseCode]) -> None:
    """Append the case codes, top-level, to the project's `<Codes>`."""
    for case in cases:
        code = element(
            codes, PROJECT_NS, "Code", guid=case.guid, name=case.name, isCodable="true",
            color=CASE_COLOR,
        )  # fmt: skip
        text_element(
            code, PROJECT_NS, "Description",
            f"Case of document '{case.doc_id}', coded on the whole document.",
        )  # fmt: skip


def case_selections(cases: list[CaseCode]) -> list[Selection]:
    """The whole-document selection of each case, coded with its case code."""
    return [
        Selection(c.doc_id, 0, c.n_chars, f"case:{c.doc_id}", c.quote, (c.guid,)) for c in cases
    ]


def add_cases(root: etree._Element, documents: pd.DataFrame, variables: MetadataVariables) -> None:
    """Append `<Cases>`: per document its metadata values and a `SourceRef` to its text."""
    holder = element(root, PROJECT_NS, "Cases")
    for doc in documents.sort_values("doc_id").to_dict("records"):
        case = element(holder, PROJECT_NS, "Case", guid=case_guid(doc["doc_id"]))
        case.set("name", clean_xml(doc["doc_id"]))
        text_element(case, PROJECT_NS, "Description", f"Document '{doc['doc_id']}' as a case.")
        variables.add_values(case, doc, case=True)
        element(case, PROJECT_NS, "SourceRef", targetGUID=source_guid(doc["doc_id"]))
