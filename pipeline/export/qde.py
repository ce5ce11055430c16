"""The REFI-QDA project document (project.qde): users, codes, cases, sources, codings.

Each document is one TextSource whose plain text lives in the .qdpx as
`sources/<guid>.txt`; each term hit and each theme-coded context is a PlainTextSelection
on it, carrying one Coding per code. Document metadata become Variables whose values sit
on one Case per document (REFI-QDA section 13), the place NVivo and MAXQDA read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from lxml import etree

from pipeline.export.codebook import code_id, explode_terms, make_guid
from pipeline.export.refiqda import (
    PROJECT_NS,
    add_codes,
    add_sets,
    clean_xml,
    element,
    serialise,
    text_element,
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Selection:
    """One coded span of a source text.

    Attributes:
        doc_id: Document whose text the span is in.
        start: First code point (inclusive).
        end: Code point after the span (exclusive).
        key: What the span came from: `hit:<hit_id>` or `context:<context_id>`.
        name: Short label shown by QDA programs.
        code_guids: GUIDs of the codes applied to the span.
    """

    doc_id: str
    start: int
    end: int
    key: str
    name: str
    code_guids: tuple[str, ...]


def build_selections(
    term_hits: pd.DataFrame, coded_contexts: pd.DataFrame, codebook: pd.DataFrame
) -> list[Selection]:
    """Turn term hits and theme-coded contexts into coded text selections.

    A hit is coded with its term; a context is coded with its theme nested under each
    focal term it contains (one selection with one coding per term).

    Returns:
        The selections, ordered by document, start, end and key.
    """
    guids = dict(zip(codebook["code_id"], codebook["guid"], strict=True))
    selections = [
        Selection(doc, int(s), int(e), f"hit:{hit}", f"{term}: {matched}", (guids[term],))
        for doc, s, e, hit, term, matched in zip(
            term_hits["doc_id"],
            term_hits["char_start"],
            term_hits["char_end"],
            term_hits["hit_id"],
            term_hits["term"],
            term_hits["matched"],
            strict=True,
        )
        if term in guids
    ]
    contexts = (
        explode_terms(coded_contexts)
        .groupby("context_id", sort=False)
        .agg(
            doc_id=("doc_id", "first"),
            start=("char_start", "first"),
            end=("char_end", "first"),
            code=("code", "first"),
            terms=("term", list),
        )
    )
    for context, doc, start, end, theme, terms in contexts.itertuples(name=None):
        codes = [code_id(t, theme) for t in terms]
        selections.append(
            Selection(
                str(doc),
                int(start),
                int(end),
                f"context:{context}",
                f"{theme} ({'; '.join(terms)})",
                tuple(guids[c] for c in codes if c in guids),
            )
        )
    return sorted(selections, key=lambda s: (s.doc_id, s.start, s.end, s.key))


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


def _value_text(value: object, kind: str) -> str:
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
    return str(value)


_VALUE_TAG = {
    "Text": "TextValue",
    "Boolean": "BooleanValue",
    "Integer": "IntegerValue",
    "Float": "FloatValue",
    "Date": "DateValue",
    "DateTime": "DateTimeValue",
}


@dataclass(frozen=True)
class ProjectInfo:
    """Project-level metadata of the .qde file.

    Attributes:
        name: Project name.
        origin: Exporting software and version.
        user_name: Name of the user who owns every coding.
        created: Fixed ISO dateTime for every creation/modification stamp.
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


def _add_selection(source: etree._Element, sel: Selection, info: ProjectInfo) -> None:
    stamp = {"creatingUser": info.user_guid, "creationDateTime": info.created}
    selection = element(
        source, PROJECT_NS, "PlainTextSelection", guid=make_guid("selection", sel.key),
        name=sel.name, startPosition=sel.start, endPosition=sel.end, **stamp,
    )  # fmt: skip
    for guid in sel.code_guids:
        coding = element(
            selection, PROJECT_NS, "Coding", guid=make_guid("coding", sel.key, guid), **stamp
        )
        element(coding, PROJECT_NS, "CodeRef", targetGUID=guid)


def _add_variables(
    root: etree._Element, documents: pd.DataFrame, metadata_columns: list[str]
) -> None:
    """Append `<Variables>` and one `<Case>` per document with its values, if any."""
    kinds = {c: variable_type(documents[c]) for c in metadata_columns}
    if not kinds:
        return
    variables = element(root, PROJECT_NS, "Variables")
    for column, kind in kinds.items():
        var = element(
            variables, PROJECT_NS, "Variable", guid=make_guid("variable", column),
            name=column, typeOfVariable=kind,
        )  # fmt: skip
        text_element(var, PROJECT_NS, "Description", f"Document metadata column '{column}'.")
    cases = element(root, PROJECT_NS, "Cases")
    for doc in documents.to_dict("records"):
        case = element(cases, PROJECT_NS, "Case", guid=make_guid("case", doc["doc_id"]))
        case.set("name", clean_xml(doc["doc_id"]))
        for column, kind in kinds.items():
            if pd.isna(doc[column]):
                continue
            value = element(case, PROJECT_NS, "VariableValue")
            element(value, PROJECT_NS, "VariableRef", targetGUID=make_guid("variable", column))
            element(value, PROJECT_NS, _VALUE_TAG[kind]).text = clean_xml(
                _value_text(doc[column], kind)
            )
        element(case, PROJECT_NS, "SourceRef", targetGUID=source_guid(doc["doc_id"]))


def _add_sources(
    root: etree._Element,
    documents: pd.DataFrame,
    selections: list[Selection],
    info: ProjectInfo,
) -> None:
    """Append `<Sources>`: one TextSource per document, by doc_id, with its selections."""
    by_doc: dict[str, list[Selection]] = {}
    for sel in selections:
        by_doc.setdefault(sel.doc_id, []).append(sel)
    sources = element(root, PROJECT_NS, "Sources")
    for doc in documents.sort_values("doc_id").to_dict("records"):
        guid = source_guid(doc["doc_id"])
        source = element(
            sources, PROJECT_NS, "TextSource", guid=guid, name=doc["doc_id"],
            plainTextPath=f"internal://{guid}.txt", creatingUser=info.user_guid,
            creationDateTime=info.created,
        )  # fmt: skip
        text_element(source, PROJECT_NS, "Description", f"{doc['title']} ({doc['format']})")
        for sel in by_doc.get(doc["doc_id"], []):
            _add_selection(source, sel, info)


def project_xml(
    documents: pd.DataFrame,
    codebook: pd.DataFrame,
    selections: list[Selection],
    *,
    info: ProjectInfo,
    metadata_columns: list[str],
) -> bytes:
    """Render the project document `project.qde` (validates against Project.xsd).

    Args:
        documents: The documents table; each document becomes a TextSource whose plain
            text is `sources/<guid>.txt` (see `source_guid`).
        codebook: The codebook (see `build_codebook`).
        selections: Coded selections (see `build_selections`).
        info: Project metadata.
        metadata_columns: Metadata columns of `documents`, exported as Variables whose
            values sit on one Case per document.

    Returns:
        The UTF-8 XML document.
    """
    root = element(
        None, PROJECT_NS, "Project", name=info.name, origin=info.origin,
        creatingUserGUID=info.user_guid, creationDateTime=info.created,
        modifyingUserGUID=info.user_guid, modifiedDateTime=info.created,
    )  # fmt: skip
    # The one user who owns every coding, then the codes the codings refer to.
    users = element(root, PROJECT_NS, "Users")
    element(users, PROJECT_NS, "User", guid=info.user_guid, name=info.user_name)
    add_codes(element(root, PROJECT_NS, "CodeBook"), codebook, PROJECT_NS)

    # Variables and one Case per document carry the metadata sidecar.
    _add_variables(root, documents, metadata_columns)

    # Sources, each with its coded selections.
    _add_sources(root, documents, selections, info)

    # Theme sets, then how the export was made.
    add_sets(root, codebook, PROJECT_NS)
    text_element(root, PROJECT_NS, "Description", info.description)
    return serialise(root)


def source_guid(doc_id: str) -> str:
    """GUID of a document's TextSource, which is also its file name in `sources/`."""
    return make_guid("source", doc_id)
