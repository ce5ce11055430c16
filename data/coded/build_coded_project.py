"""Build example_coded.qdpx, a human-coded REFI-QDA 1.5 project, from hand_coding.yaml.

Each quote is found in its source as a QDA program holds it: the file's bytes decoded as
UTF-8, nothing normalised (line ends, whitespace, any BOM stay). The same bytes are stored
as sources/<guid>.txt. startPosition/endPosition count code points from 0, endPosition
exclusive (text[start:end] is the quote). One PlainTextSelection per coder and span, with
one Coding per code. GUIDs are uuid5, dates and zip timestamps fixed: byte-stable output.

Usage: .venv/bin/python data/coded/build_coded_project.py [--check]

--check builds in memory and exits 1 if the file on disk differs. Exits 2 (loudly) when a
quote is missing or ambiguous, or project.qde is invalid against Project.xsd.
"""

from __future__ import annotations

import argparse
import io
import sys
import uuid
import zipfile
from collections import Counter
from pathlib import Path

import xmlschema
import yaml
from lxml import etree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RAW = ROOT / "data" / "raw"
CODING_FILE = HERE / "hand_coding.yaml"
OUTPUT = HERE / "example_coded.qdpx"
XSD = ROOT.parent / "shared" / "specs" / "refi-qda" / "Project.xsd"
NS = "urn:QDA-XML:project:1.0"
GUID_NS = uuid.UUID("6f1d7a52-3c1e-5b8e-9a57-4b7275697370")
DATE = "2026-01-15T10:00:00Z"
ZIP_DATE = (2026, 1, 15, 10, 0, 0)
PROJECT_NAME = "kruispunt compare test: hand coding (two coders)"


class BuildError(RuntimeError):
    """Raised when the hand coding cannot be turned into a valid project."""


def guid(*parts: object) -> str:
    """Return a deterministic GUID (uuid5 of the parts joined with '|').

    Args:
        *parts: The name parts.
    """
    return str(uuid.uuid5(GUID_NS, "|".join(str(p) for p in parts)))


def read_text(doc: str) -> str:
    """Return a data/raw/ file decoded as UTF-8, line ends and whitespace untouched.

    Args:
        doc: File name under data/raw/.
    """
    return (RAW / doc).read_bytes().decode("utf-8")


def locate(text: str, quote: str, occurrence: int | None, where: str) -> int:
    """Return the start offset (code points) of a quote's chosen occurrence in a text.

    Args:
        text: The source text.
        quote: The verbatim quote.
        occurrence: Which occurrence (1-based); required when the quote is not unique.
        where: Description of the coding, for error messages.

    Raises:
        BuildError: When the quote is absent, ambiguous or the occurrence is too high.
    """
    starts, pos = [], text.find(quote)
    while pos != -1:
        starts.append(pos)
        pos = text.find(quote, pos + 1)
    if not starts:
        raise BuildError(f"quote not found in text: {where}: {quote[:70]!r}")
    if occurrence is None and len(starts) > 1:
        raise BuildError(f"quote occurs {len(starts)} times, give occurrence: {where}")
    index = (occurrence or 1) - 1
    if not 0 <= index < len(starts):
        raise BuildError(f"occurrence {occurrence} of {len(starts)}: {where}")
    return starts[index]


def flatten_codes(nodes: list[dict], parent: str = "") -> list[dict]:
    """Flatten the codebook into dicts (path, name, color, description, parent, has_children).

    Args:
        nodes: Codebook entries (code, color, description, optional children).
        parent: Path of the parent code, '' at the top.
    """
    out = []
    for node in nodes:
        path = f"{parent}/{node['code']}" if parent else node["code"]
        children = node.get("children", [])
        desc = node.get("description", "")
        item = dict(path=path, name=node["code"], color=node["color"], description=desc)
        out.append({**item, "parent": parent, "has_children": bool(children)})
        out.extend(flatten_codes(children, path))
    return out


def resolve_codings(spec: dict, texts: dict[str, str]) -> list[dict]:
    """Return the codings with start and end offsets added.

    Args:
        spec: The parsed hand_coding.yaml.
        texts: Source texts by file name.

    Raises:
        BuildError: On an unknown coder, code or document, or a quote not found.
    """
    codable = {c["path"] for c in flatten_codes(spec["codebook"]) if not c["has_children"]}
    resolved = []
    for n, item in enumerate(spec["codings"], start=1):
        where = f"coding {n} ({item['coder']}, {item['doc']}, {item['code']})"
        if item["coder"] not in spec["coders"]:
            raise BuildError(f"unknown coder: {where}")
        if item["code"] not in codable:
            raise BuildError(f"unknown or non-codable code: {where}")
        if item["doc"] not in texts:
            raise BuildError(f"unknown document: {where}")
        text = texts[item["doc"]]
        start = locate(text, item["quote"], item.get("occurrence"), where)
        end = start + len(item["quote"])
        resolved.append({**item, "start": start, "end": end})
    return resolved


def sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """Add a child element in the QDA-XML namespace and return it.

    Args:
        parent: The parent element.
        tag: Local name of the child.
        **attrs: Attributes, in the order given.
    """
    return etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)


def add_codebook(project: etree._Element, codes: list[dict]) -> None:
    """Write the CodeBook, sub-codes nested under their parent.

    Args:
        project: The Project element.
        codes: Output of flatten_codes.
    """
    elements = {"": sub(sub(project, "CodeBook"), "Codes")}
    for code in codes:
        el = sub(
            elements[code["parent"]],
            "Code",
            guid=guid("code", code["path"]),
            name=code["name"],
            isCodable="false" if code["has_children"] else "true",
            color=code["color"],
        )
        etree.SubElement(el, f"{{{NS}}}Description").text = code["description"]
        elements[code["path"]] = el


def add_source(
    sources: etree._Element, doc: str, codings: list[dict], users: dict[str, str]
) -> str:
    """Write one TextSource with its selections and codings; return its GUID.

    Args:
        sources: The Sources element.
        doc: File name of the source.
        codings: Resolved codings of this document.
        users: User GUIDs by coder key.
    """
    src_guid = guid("source", doc)
    first_user = users[next(iter(users))]
    source = sub(
        sources,
        "TextSource",
        guid=src_guid,
        name=doc,
        plainTextPath=f"internal://{src_guid}.txt",
        creatingUser=first_user,
        creationDateTime=DATE,
    )
    spans: dict[tuple, list[dict]] = {}
    for c in sorted(codings, key=lambda c: (c["start"], c["end"], c["coder"])):
        spans.setdefault((c["start"], c["end"], c["coder"]), []).append(c)
    for (start, end, coder), group in spans.items():
        user = users[coder]
        quote = group[0]["quote"]
        sel = sub(
            source,
            "PlainTextSelection",
            guid=guid("selection", doc, coder, start, end),
            name=quote if len(quote) <= 60 else quote[:59] + "…",
            startPosition=str(start),
            endPosition=str(end),
            creatingUser=user,
            creationDateTime=DATE,
        )
        memos = [c["memo"] for c in group if c.get("memo")]
        if memos:
            etree.SubElement(sel, f"{{{NS}}}Description").text = " / ".join(memos)
        for c in group:
            coding = sub(
                sel,
                "Coding",
                guid=guid("coding", doc, coder, start, end, c["code"]),
                creatingUser=user,
                creationDateTime=DATE,
            )
            sub(coding, "CodeRef", targetGUID=guid("code", c["code"]))
    return src_guid


def build_project(spec: dict, codings: list[dict], docs: list[str]) -> tuple[bytes, dict]:
    """Return project.qde bytes and the source GUID by document.

    Args:
        spec: The parsed hand_coding.yaml.
        codings: Resolved codings.
        docs: Document file names, in output order.
    """
    users = {key: guid("user", key) for key in spec["coders"]}
    first_user = users[next(iter(users))]
    project = etree.Element(
        f"{{{NS}}}Project",
        {
            "name": PROJECT_NAME,
            "origin": "kruispunt data/coded/build_coded_project.py",
            "creatingUserGUID": first_user,
            "creationDateTime": DATE,
        },
        nsmap={None: NS},
    )
    users_el = sub(project, "Users")
    for key, info in spec["coders"].items():
        sub(users_el, "User", guid=users[key], name=info["name"], id=info["id"])
    add_codebook(project, flatten_codes(spec["codebook"]))
    sources = sub(project, "Sources")
    guids = {
        doc: add_source(sources, doc, [c for c in codings if c["doc"] == doc], users)
        for doc in docs
    }
    desc = "Hand coding by two coders; see data/coded/README.md."
    etree.SubElement(project, f"{{{NS}}}Description").text = desc
    body = etree.tostring(project, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body, guids


def validate(xml: bytes) -> None:
    """Validate project.qde against Project.xsd.

    Args:
        xml: The project.qde bytes.

    Raises:
        BuildError: When the schema is missing or the project is invalid.
    """
    if not XSD.is_file():
        raise BuildError(f"schema not found: {XSD}")
    errors = list(xmlschema.XMLSchema(str(XSD)).iter_errors(io.BytesIO(xml)))
    if errors:
        raise BuildError(f"project.qde invalid against {XSD.name}: {errors[0]}")


def zip_project(xml: bytes, guids: dict[str, str]) -> bytes:
    """Return .qdpx (zip) bytes of project.qde and the sources, fixed timestamps.

    Args:
        xml: The project.qde bytes.
        guids: Source GUID by document file name.
    """
    buffer = io.BytesIO()
    entries = [("project.qde", xml)] + [
        (f"sources/{g}.txt", (RAW / doc).read_bytes()) for doc, g in guids.items()
    ]
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def build() -> tuple[bytes, list[dict]]:
    """Read the hand coding, resolve offsets, build, validate; return .qdpx bytes, codings."""
    spec = yaml.safe_load(CODING_FILE.read_text(encoding="utf-8"))
    docs = list(dict.fromkeys(c["doc"] for c in spec["codings"]))
    texts = {doc: read_text(doc) for doc in docs}
    codings = resolve_codings(spec, texts)
    xml, guids = build_project(spec, codings, docs)
    validate(xml)
    return zip_project(xml, guids), codings


def main(argv: list[str] | None = None) -> int:
    """Command line entry: write example_coded.qdpx, or check it with --check.

    Args:
        argv: Command line arguments (default sys.argv[1:]).

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the file on disk")
    args = parser.parse_args(argv)
    try:
        data, codings = build()
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    counts = Counter((c["coder"], c["code"]) for c in codings)
    for (coder, code), n in sorted(counts.items()):
        print(f"{coder}\t{code}\t{n}")
    if args.check:
        same = OUTPUT.is_file() and OUTPUT.read_bytes() == data
        print(f"{OUTPUT.name} {'is up to date' if same else 'differs from a fresh build'}")
        return 0 if same else 1
    OUTPUT.write_bytes(data)
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(data)} bytes, {len(codings)} codings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
