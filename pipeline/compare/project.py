r"""Read a coded REFI-QDA project (`.qdpx` zip or bare `.qde`) safely, into tables.

Elements are matched in any namespace (`{*}`), so every version reads (ATLAS.ti, NVivo,
MAXQDA, QualCoder, kruispunt). XML is parsed without entities, network, DTD or huge_tree;
entity declarations are refused (ingest's `parse_xml`). Zip members are read in memory,
capped in size and ratio. Only `internal://` texts are read, never other paths.

Offsets: texts are UTF-8 less a leading byte-order mark (QualCoder writes one); `start`
and `end` count code points from 0, the end exclusive (as kruispunt and QualCoder write
them), `\r` included; the XML parser turns `\r\n` into `\n` in inline text.
"""

from __future__ import annotations

import zipfile
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from lxml import etree

from pipeline.errors import KruispuntError
from pipeline.ingest.parsed import Unreadable
from pipeline.ingest.readers.markup import local_name, parse_xml

MAX_MEMBER_BYTES = 64 << 20  # one source text, or project.qde
MAX_TOTAL_BYTES = 512 << 20  # all that is read from one .qdpx
MAX_RATIO = 100  # unpacked : packed, for members above RATIO_FLOOR bytes
RATIO_FLOOR = 1 << 20
MAX_MEMBERS = 100_000
TABLES = {
    "sources": "source_guid name text",
    "codes": "code_guid name parent_guid path",
    "codings": "selection_guid source_guid code_guid start end user_guid",
    "users": "user_guid name",
    "cases": "case_guid name source_guid",
    "variables": "owner_guid owner_kind variable value",
}


class ProjectFileError(KruispuntError):
    """A file that is not a readable REFI-QDA project (not XML, no Project, unsafe)."""


@dataclass(frozen=True)
class CodedProject:
    """The tables of a coded project (columns named in `TABLES`).

    Attributes:
        sources: text is None when it could not be read.
        codes: parent_guid None at the top; path `parent/child`.
        codings: end exclusive; user_guid the coding's creatingUser, else the selection's.
        cases: one row per case-source link (source_guid None: no link).
        variables: owner_kind `source` or `case`.
        problems: What could not be read, one line each.
    """

    sources: pd.DataFrame
    codes: pd.DataFrame
    codings: pd.DataFrame
    users: pd.DataFrame
    cases: pd.DataFrame
    variables: pd.DataFrame
    problems: list[str]


class _Archive:
    """The members of a .qdpx (none for a bare .qde)."""

    def __init__(self, archive: zipfile.ZipFile | None):
        self.zip = archive
        infos = archive.infolist() if archive else []
        self.members = {i.filename.replace("\\", "/").casefold(): i for i in infos}
        self.read_bytes = 0

    def read(self, name: str) -> bytes:
        """The bytes of member `name` (any case); ValueError says why it is refused."""
        info = self.members.get(name.casefold())
        if info is None:
            raise ValueError(f"{name} is not in the .qdpx")
        size, packed = info.file_size, max(info.compress_size, 1)
        if info.flag_bits & 1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise ValueError(f"{name} is encrypted or packed by an unsupported method")
        if size > MAX_MEMBER_BYTES or self.read_bytes + size > MAX_TOTAL_BYTES:
            raise ValueError(f"{name} unpacks to {size} bytes, over the cap")
        if size > max(RATIO_FLOOR, MAX_RATIO * packed):
            raise ValueError(f"{name} is packed {size // packed}:1 (zip bomb)")
        try:  # inflates no more than the declared size
            with self.zip.open(info) as member:
                data = member.read(size)
        except (zipfile.BadZipFile, OSError, EOFError) as err:
            raise ValueError(f"{name} cannot be unpacked ({err})") from None
        self.read_bytes += len(data)
        return data


def _qde(path: Path, archive: _Archive) -> bytes:
    """The bytes of project.qde: the bare file, or the .qdpx's top-level .qde member."""
    if archive.zip is None:
        if path.stat().st_size > MAX_MEMBER_BYTES:
            raise ProjectFileError(f"{path}: larger than {MAX_MEMBER_BYTES} bytes")
        return path.read_bytes()
    qde = [n for n in archive.members if n.endswith(".qde") and "/" not in n]
    if not qde or len(archive.members) > MAX_MEMBERS:
        raise ProjectFileError(f"{path}: holds no project.qde, or over {MAX_MEMBERS} files")
    try:
        return archive.read(qde[0])
    except ValueError as err:
        raise ProjectFileError(f"{path}: refused: {err}") from None


def _text_of(holder: etree._Element, archive: _Archive, what: str, problems: list[str]):
    """The plain text of a TextSource or Representation: inline, or an internal file."""
    inline = holder.findall("{*}PlainTextContent")
    if inline:
        return (inline[0].text or "").removeprefix("\ufeff")
    path = holder.get("plainTextPath") or ""
    if not path.startswith("internal://"):
        problems.append(f"{what}: text at {path!r} not read (only internal:// paths are)")
        return None
    try:
        data = archive.read("sources/" + path.removeprefix("internal://"))
    except ValueError as err:
        problems.append(f"{what}: its text cannot be read: {err}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"{what}: text not UTF-8; bad bytes read as U+FFFD")
        text = data.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff")


def _codes(parent: etree._Element, parent_guid, prefix: str, rows: list) -> None:
    for code in parent.findall("{*}Code"):
        guid, name = code.get("guid"), code.get("name") or ""
        path = f"{prefix}/{name}" if prefix else name
        rows.append((guid, name, parent_guid, path))
        _codes(code, guid, path, rows)


def _values(owner: etree._Element, kind: str, names: dict[str, str], rows: list) -> None:
    for value in owner.findall("{*}VariableValue"):
        guid = next((r.get("targetGUID") for r in value.findall("{*}VariableRef")), None)
        found = [v.text for v in value if isinstance(v.tag, str) and "Value" in v.tag]
        rows.append((owner.get("guid"), kind, names.get(guid, guid), (found or [None])[0]))


def _coding(coding, selection_guid, source_guid, span, creator) -> tuple:
    code = next((r.get("targetGUID") for r in coding.findall("{*}CodeRef")), None)
    user = coding.get("creatingUser") or creator
    return (selection_guid, source_guid, code, *span, user)


def _selections(holder, guid: str, text, what: str, rows: list, problems: list) -> None:
    """One row per Coding of each PlainTextSelection, or of the whole text."""
    uncoded = 0
    for sel in holder.findall("{*}PlainTextSelection"):
        codings = sel.findall("{*}Coding")
        uncoded += not codings
        try:
            span = int(sel.get("startPosition")), int(sel.get("endPosition"))
        except (TypeError, ValueError):
            problems.append(f"{what}: selection {sel.get('guid')} has no valid positions")
            continue
        rows += [_coding(c, sel.get("guid"), guid, span, sel.get("creatingUser"))
                 for c in codings]  # fmt: skip
    whole = (0, len(text or ""))
    rows += [_coding(c, c.get("guid"), guid, whole, None) for c in holder.findall("{*}Coding")]
    if uncoded:
        problems.append(f"{what}: {uncoded} selections without a coding skipped")


def _sources(root, archive: _Archive, names: dict, tables: dict, problems: list) -> None:
    for source in root.iterfind("{*}Sources/*"):
        kind, guid = local_name(source), source.get("guid")
        what = f"{kind} {source.get('name')!r}"
        holder = [source] if kind == "TextSource" else source.findall("{*}Representation")
        if kind not in ("TextSource", "PDFSource") or not holder:
            problems.append(f"{what}: no plain text; skipped")
            continue
        if n_areas := len(source.findall("{*}PDFSelection")):
            problems.append(f"{what}: {n_areas} area selections (PDFSelection) skipped")
        text = _text_of(holder[0], archive, what, problems)
        tables["sources"].append((guid, source.get("name"), text))
        _selections(holder[0], guid, text, what, tables["codings"], problems)
        _values(source, "source", names, tables["variables"])


def _check_codings(frames: dict[str, pd.DataFrame], problems: list[str]) -> pd.DataFrame:
    """Drop the codings of an unknown code, an unread text, or a span outside the text."""
    codings, sources = frames["codings"], frames["sources"]
    of = {r.source_guid: (r.name, r.text) for r in sources.itertuples()}
    known, keep = set(frames["codes"]["code_guid"]), []
    for row in codings.itertuples(index=False):
        name, text = of[row.source_guid]
        why = (
            f"names unknown code {row.code_guid}" if row.code_guid not in known
            else "its text could not be read" if not isinstance(text, str)
            else f"span {row.start}-{row.end} is reversed or beyond the {len(text)} characters"
            if not 0 <= row.start <= row.end <= len(text) else ""
        )  # fmt: skip
        keep.append(not why)
        if why:
            problems.append(f"source {name!r}: selection {row.selection_guid} {why}; dropped")
    for guid in sorted(set(codings["user_guid"].dropna()) - set(frames["users"]["user_guid"])):
        problems.append(f"codings by user {guid}, who is not among the project's users")
    return codings.loc[keep].reset_index(drop=True).astype({"start": "int64", "end": "int64"})


def _tables(root: etree._Element, archive: _Archive) -> CodedProject:
    problems: list[str] = []
    tables: dict[str, list] = {name: [] for name in TABLES}
    for user in root.iterfind("{*}Users/{*}User"):
        tables["users"].append((user.get("guid"), user.get("name")))
    for codes in root.iterfind("{*}CodeBook/{*}Codes"):
        _codes(codes, None, "", tables["codes"])
    names = {v.get("guid"): v.get("name") for v in root.iterfind("{*}Variables/{*}Variable")}
    _sources(root, archive, names, tables, problems)
    for case in root.iterfind("{*}Cases/{*}Case"):
        for ref in [r.get("targetGUID") for r in case.findall("{*}SourceRef")] or [None]:
            tables["cases"].append((case.get("guid"), case.get("name"), ref))
        _values(case, "case", names, tables["variables"])
    frames = {
        name: pd.DataFrame(rows, columns=TABLES[name].split(), dtype=object)
        for name, rows in tables.items()
    }
    frames["codings"] = _check_codings(frames, problems)
    return CodedProject(**frames, problems=problems)


def read_project(path: Path) -> CodedProject:
    """Read a coded REFI-QDA project.

    Args:
        path: A `.qdpx` (zip of project.qde and sources/) or a bare `.qde`.

    Returns:
        The project's tables; whatever could not be read is a line of `problems`.

    Raises:
        ProjectFileError: If the file is not a REFI-QDA project, or is unsafe to read.
    """
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path) if zipfile.is_zipfile(path) else None
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise ProjectFileError(f"{path}: not a readable .qdpx zip ({err})") from None
    with archive or nullcontext():
        members = _Archive(archive)
        try:
            root = parse_xml(_qde(path, members), what="REFI-QDA project")
        except Unreadable as err:
            raise ProjectFileError(f"{path}: {err.reason}") from None
        if local_name(root) != "Project":
            raise ProjectFileError(f"{path}: not a REFI-QDA project (root <{local_name(root)}>)")
        return _tables(root, members)
