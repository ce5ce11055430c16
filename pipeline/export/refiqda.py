r"""REFI-QDA 1.0 XML basics and the codebook file (.qdc).

What QDA programs trip over, and how this writer avoids it:

- Offsets are Unicode code points from 0, end exclusive, into the source .txt exactly as
  written; the text is `documents.text` unchanged (NFC, `\n` line ends, no BOM), so a
  program that counts CRLF as two characters or strips a BOM has nothing to disagree about.
- Every GUID is uuid5 over a fixed namespace, so reruns give identical files.
- Colours are `#RRGGBB`; every code has `isCodable="true"` (terms are coded by their hits,
  so no code is a mere folder); sources use `internal://<guid>.txt`.
- Characters that XML 1.0 forbids (control characters from docx or pdf) are dropped from
  names and descriptions; they stay in the source text, where offsets need them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd
from lxml import etree

from pipeline.export.codebook import make_guid
from pipeline.export.names import theme_set_name, unique_names

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_URL = "http://schema.qdasoftware.org/versions/{0}/v1.0/{0}.xsd"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_xml(text: object) -> str:
    """Text safe for an XML 1.0 attribute or element (illegal control characters dropped)."""
    return _XML_ILLEGAL.sub("", "" if text is None or pd.isna(text) else str(text))


def element(parent: etree._Element | None, ns: str, tag: str, **attrs: object) -> etree._Element:
    """Create an element in namespace `ns`; empty attributes are left out, values cleaned.

    A root element (no parent) declares `ns` as the default namespace and carries the
    `xsi:schemaLocation` that REFI-QDA exporters customarily write.
    """
    qualified = f"{{{ns}}}{tag}"
    values = {k: clean_xml(v) for k, v in attrs.items() if v is not None and v != ""}
    if parent is not None:
        return etree.SubElement(parent, qualified, values)
    root = etree.Element(qualified, values, nsmap={None: ns, "xsi": XSI})
    kind = "Codebook" if ns == CODEBOOK_NS else "Project"
    root.set(f"{{{XSI}}}schemaLocation", f"{ns} {_SCHEMA_URL.format(kind)}")
    return root


def text_element(parent: etree._Element, ns: str, tag: str, text: str) -> None:
    """Append `<tag>text</tag>` unless the text is empty."""
    if text:
        element(parent, ns, tag).text = clean_xml(text)


def serialise(root: etree._Element) -> bytes:
    """The document as indented UTF-8 XML with a declaration."""
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _code_description(row: dict) -> str:
    parts = [str(row["definition"])]
    if row["keywords"]:
        parts.append(f"Keywords: {row['keywords']}.")
    parts.append(f"{row['n_codings']} codings in {row['n_docs']} documents.")
    return " ".join(parts)


def add_codes(
    parent: etree._Element,
    codebook: pd.DataFrame,
    ns: str,
    *,
    note_refs: Mapping[str, str] | None = None,
) -> etree._Element:
    """Append a `<Codes>` tree (terms with their themes nested) to `parent`.

    Args:
        parent: The CodeBook element.
        codebook: The codebook (see `build_codebook`).
        ns: Namespace of the document being written.
        note_refs: Code GUID to the GUID of its Note (its memo), for the project file;
            the codebook schema has no Notes.

    Returns:
        The `<Codes>` element.
    """
    codes = element(parent, ns, "Codes")
    made: dict[str, etree._Element] = {}
    for row in codebook.to_dict("records"):
        holder = made[row["parent_code_id"]] if row["parent_code_id"] else codes
        code = element(
            holder, ns, "Code", guid=row["guid"], name=row["name"], isCodable="true",
            color=row["color"],
        )  # fmt: skip
        text_element(code, ns, "Description", _code_description(row))
        if note_refs and row["guid"] in note_refs:
            element(code, ns, "NoteRef", targetGUID=note_refs[row["guid"]])
        made[row["code_id"]] = code
    return codes


def add_theme_sets(holder: etree._Element, codebook: pd.DataFrame, ns: str) -> list[str]:
    """Append to `<Sets>` one `<Set>` per theme, holding its nested code under every term.

    The codebook schema names a member by `guid`, the project schema by `targetGUID`.

    Returns:
        The set names, `T03 netwerk, steun` (unique), in theme order.
    """
    nested = codebook[codebook["level"] == "theme"]
    member_attr = "guid" if ns == CODEBOOK_NS else "targetGUID"
    groups = sorted(nested.groupby("theme", sort=False), key=lambda g: g[1]["theme_id"].min())
    names = unique_names(theme_set_name(str(t), rows["label"].iloc[0]) for t, rows in groups)
    for (theme, rows), name in zip(groups, names, strict=True):
        item = element(holder, ns, "Set", guid=make_guid("set", str(theme)), name=name)
        keywords = rows["keywords"].iloc[0]
        text_element(item, ns, "Description", f"Theme {theme} under every term. {keywords}")
        for guid in rows["guid"]:
            element(item, ns, "MemberCode", **{member_attr: guid})
    return names


def codebook_xml(codebook: pd.DataFrame, *, origin: str) -> bytes:
    """Render the codebook as a REFI-QDA `.qdc` file (validates against Codebook.xsd).

    Args:
        codebook: The codebook (see `build_codebook`).
        origin: The exporting software, for example "kruispunt 0.1.0".

    Returns:
        The UTF-8 XML document.
    """
    root = element(None, CODEBOOK_NS, "CodeBook", origin=origin)
    add_codes(root, codebook, CODEBOOK_NS)
    if (codebook["level"] == "theme").any():
        add_theme_sets(element(root, CODEBOOK_NS, "Sets"), codebook, CODEBOOK_NS)
    return serialise(root)
