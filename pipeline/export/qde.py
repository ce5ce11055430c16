"""The REFI-QDA project document (project.qde): users, codes, cases, sources, codings.

Each document is one TextSource whose plain text lives in the .qdpx as
`sources/<guid>.txt`, with its metadata as Variables; each term hit and each theme-coded
context is a PlainTextSelection on it, carrying one Coding per code. One Case per document
carries the metadata again and links to its source (see `pipeline.export.cases`); one Set
per metadata value groups the documents, one Set per theme its codes; one Note per code
is its memo. Every element carries the one user and the export's date.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from lxml import etree

from pipeline.export.cases import add_case_codes, add_cases, case_codes, case_selections
from pipeline.export.codebook import make_guid
from pipeline.export.document_sets import add_document_sets, document_sets
from pipeline.export.notes import Note, add_notes
from pipeline.export.refiqda import (
    PROJECT_NS,
    add_codes,
    add_theme_sets,
    element,
    serialise,
    text_element,
)
from pipeline.export.selections import Selection, source_guid
from pipeline.export.variables import MetadataVariables


@dataclass(frozen=True)
class ProjectInfo:
    """Project-level metadata of the .qde file.

    Attributes:
        name: Project name.
        origin: Exporting software and version.
        user_name: Name of the one user, who creates the project, its codings and memos.
        created: UTC xsd:dateTime of every creation and modification stamp (see
            `pipeline.export.provenance`).
        description: Project description (how the export was made).
    """

    name: str
    origin: str
    user_name: str
    created: str
    description: str = ""

    @property
    def user_guid(self) -> str:
        """GUID of the one user."""
        return make_guid("user", self.user_name)


def _stamps(info: ProjectInfo, *, modified: bool = True) -> dict[str, str]:
    stamp = {"creatingUser": info.user_guid, "creationDateTime": info.created}
    if modified:
        stamp |= {"modifyingUser": info.user_guid, "modifiedDateTime": info.created}
    return stamp


def _add_selection(source: etree._Element, sel: Selection, info: ProjectInfo) -> None:
    selection = element(
        source, PROJECT_NS, "PlainTextSelection", guid=make_guid("selection", sel.key),
        name=sel.name, startPosition=sel.start, endPosition=sel.end, **_stamps(info),
    )  # fmt: skip
    for guid in sel.code_guids:
        coding = element(
            selection, PROJECT_NS, "Coding", guid=make_guid("coding", sel.key, guid),
            **_stamps(info, modified=False),
        )  # fmt: skip
        element(coding, PROJECT_NS, "CodeRef", targetGUID=guid)


def _add_sources(
    root: etree._Element,
    documents: pd.DataFrame,
    selections: list[Selection],
    *,
    info: ProjectInfo,
    variables: MetadataVariables,
) -> None:
    """Append `<Sources>`: per document its selections, then its metadata values."""
    by_doc: dict[str, list[Selection]] = {}
    for sel in sorted(selections, key=lambda s: (s.doc_id, s.start, s.end, s.key)):
        by_doc.setdefault(sel.doc_id, []).append(sel)
    sources = element(root, PROJECT_NS, "Sources")
    for doc in documents.sort_values("doc_id").to_dict("records"):
        guid = source_guid(doc["doc_id"])
        source = element(
            sources, PROJECT_NS, "TextSource", guid=guid, name=doc["doc_id"],
            plainTextPath=f"internal://{guid}.txt", **_stamps(info),
        )  # fmt: skip
        text_element(source, PROJECT_NS, "Description", f"{doc['title']} ({doc['format']})")
        for sel in by_doc.get(doc["doc_id"], []):
            _add_selection(source, sel, info)
        variables.add_values(source, doc, case=False)


def project_xml(
    documents: pd.DataFrame,
    codebook: pd.DataFrame,
    selections: list[Selection],
    *,
    info: ProjectInfo,
    metadata_columns: list[str],
    notes: list[Note] | None = None,
) -> bytes:
    """Render the project document `project.qde` (validates against Project.xsd).

    Args:
        documents: The documents table; each document becomes a TextSource whose plain
            text is `sources/<guid>.txt` (see `source_guid`).
        codebook: The codebook (see `build_codebook`).
        selections: Coded selections (see `build_selections`).
        info: Project metadata.
        metadata_columns: Metadata columns of `documents`, exported as Variables of each
            source and of its Case, and as one document Set per value.
        notes: Memos attached to codes (see `build_notes`); their texts go in the .qdpx.

    Returns:
        The UTF-8 XML document.
    """
    notes = notes or []
    variables = MetadataVariables.of(documents, metadata_columns)
    cases = case_codes(documents, taken=list(codebook["name"]))
    root = element(
        None, PROJECT_NS, "Project", name=info.name, origin=info.origin,
        creatingUserGUID=info.user_guid, creationDateTime=info.created,
        modifyingUserGUID=info.user_guid, modifiedDateTime=info.created,
    )  # fmt: skip
    # The one user, then the codes with their memos, then one case code per document.
    users = element(root, PROJECT_NS, "Users")
    element(users, PROJECT_NS, "User", guid=info.user_guid, name=info.user_name)
    note_refs = {n.code_guid: n.guid for n in notes}
    codes = add_codes(
        element(root, PROJECT_NS, "CodeBook"), codebook, PROJECT_NS, note_refs=note_refs
    )
    add_case_codes(codes, cases)

    # The metadata: variables, and one case per document linked to its source.
    variables.add_definitions(root)
    add_cases(root, documents, variables)

    # Sources, each with its coded selections (and its case's) and its metadata.
    _add_sources(
        root, documents, [*selections, *case_selections(cases)], info=info, variables=variables
    )
    add_notes(root, notes, user_guid=info.user_guid, stamp=info.created)

    # Theme sets and document sets, then how the export was made.
    _add_sets(root, codebook, documents, variables)
    text_element(root, PROJECT_NS, "Description", info.description)
    return serialise(root)


def _add_sets(
    root: etree._Element,
    codebook: pd.DataFrame,
    documents: pd.DataFrame,
    variables: MetadataVariables,
) -> None:
    """Append `<Sets>`: one per theme (its codes), then one per metadata value (documents)."""
    holder = etree.Element(f"{{{PROJECT_NS}}}Sets")
    theme_names = add_theme_sets(holder, codebook, PROJECT_NS)
    sets = document_sets(documents, variables, taken=theme_names + variables.names())
    add_document_sets(holder, sets)
    if len(holder):
        root.append(holder)
