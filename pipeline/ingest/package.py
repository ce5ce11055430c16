"""Zip packages (`.docx`): checked before anything unpacks them for real.

A Word file is a zip of XML parts, and a hostile one can be a zip bomb or carry XML entity
bombs. `check_package` refuses, with a plain reason:

- anything that is not a zip, or has no `word/document.xml`;
- a package of more parts than a Word file ever has: zipfile's reading of the central
  directory takes time that grows with the square of the number of entries (minutes for
  a 20 MB file of 200,000 empty entries);
- a package whose parts declare more unpacked bytes than the limit;
- a package whose parts unpack to more than they declare. `zipfile.read` inflates a whole
  member before it cuts the result to the declared size, so a member that declares 2 kB
  and holds 2 GB of zeros would fill the memory in python-docx. Each member is therefore
  inflated here once, a megabyte at a time, counting, and the count is stopped as soon
  as it passes the declared size;
- XML parts that declare a DTD or entities (billion laughs, external entities). Only the
  prolog can hold them, so each part is fed to expat in chunks until its root element.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from xml.parsers import expat

from pipeline.ingest.parsed import Unreadable

_CHUNK = 1 << 20
# Word files have tens of parts, a few hundred with many images; 5,000 open in 0.3 s.
MAX_PARTS = 5_000
_CENTRAL_SIGNATURE = b"PK\x01\x02"
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"


def check_package(data: bytes, *, max_unpacked_bytes: int = 0, max_xml_bytes: int = 0) -> None:
    """Check a Word package before python-docx opens it.

    Args:
        data: Raw bytes of the file.
        max_unpacked_bytes: Refuse packages whose parts unpack to more than this (0: no
            limit).
        max_xml_bytes: Refuse packages whose XML parts unpack to more than this (0: no
            limit); lxml holds them in memory as a tree several times their size.

    Raises:
        Unreadable: When the package is not a Word document, is damaged, or is unsafe.
    """
    # Every central directory entry starts with its signature, so this bounds the count.
    n_parts = data.count(_CENTRAL_SIGNATURE)
    if n_parts > MAX_PARTS:
        raise Unreadable(
            "failed",
            f"refused: the package has {n_parts} parts, more than a Word document ever "
            f"needs ({MAX_PARTS}); possible zip bomb",
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Unreadable(
            "failed",
            "not a readable .docx: the file is not a zip package (damaged, truncated, "
            "password-protected, or an old .doc file renamed)",
        ) from None
    with package:
        infos = package.infolist()
        if "word/document.xml" not in {info.filename for info in infos}:
            raise Unreadable("failed", "not a Word document: the package has no word/document.xml")
        _check_declared(infos, limit=max_unpacked_bytes, what="unpacks", advice="possible zip bomb")
        _check_declared(
            [info for info in infos if info.filename.endswith((".xml", ".rels"))],
            limit=max_xml_bytes,
            what="its text (XML) unpacks",
            advice="raise ingest.max_file_mb to read it",
        )
        for info in infos:
            _check_size(data, info)
        for info in sorted(infos, key=lambda info: info.filename):
            _check_prolog(package, info)


def _check_declared(infos: list[zipfile.ZipInfo], *, limit: int, what: str, advice: str) -> None:
    """Refuse parts that declare more unpacked bytes than the limit (0: no limit)."""
    declared = sum(info.file_size for info in infos)
    if limit and declared > limit:
        raise Unreadable(
            "failed",
            f"refused: {what} to {declared / 1e6:.0f} MB, more than the limit of "
            f"{limit / 1e6:.0f} MB ({advice})",
        )


def _check_size(data: bytes, info: zipfile.ZipInfo) -> None:
    """Inflate one member a chunk at a time; refuse it when it holds more than it declares."""
    name = info.filename
    header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
        raise Unreadable("failed", f"damaged Word document: {name} cannot be found in the package")
    _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    packed = memoryview(data)[start : start + info.compress_size]
    if len(packed) < info.compress_size:
        raise Unreadable("failed", f"damaged Word document: {name} is cut off")
    if info.flag_bits & 0x1:
        raise Unreadable("failed", f"refused: {name} is encrypted inside the package")
    if info.compress_type == zipfile.ZIP_STORED:
        unpacked = len(packed)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        unpacked = _inflated_size(packed, limit=info.file_size, name=name)
    else:
        raise Unreadable(
            "failed", f"not a Word document: {name} uses compression method {info.compress_type}"
        )
    if unpacked > info.file_size:
        raise Unreadable(
            "failed",
            f"refused: {name} unpacks to more than the {info.file_size} bytes it declares "
            "(zip bomb)",
        )


def _inflated_size(packed: memoryview, *, limit: int, name: str) -> int:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    try:
        for offset in range(0, len(packed), _CHUNK):
            pending = bytes(packed[offset : offset + _CHUNK])
            while pending:
                # Never inflate more than one byte past what the member declares.
                total += len(inflater.decompress(pending, min(_CHUNK, limit - total + 1)))
                if total > limit:
                    return total
                pending = inflater.unconsumed_tail
        total += len(inflater.flush())
    except zlib.error:
        raise Unreadable("failed", f"damaged Word document: {name} cannot be unpacked") from None
    return total


class _RootReached(Exception):
    """Raised by the prolog check once the root element starts: the prolog was clean."""


def _check_prolog(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    # Media parts are not XML; an XML part, whatever its name, starts with "<" (after a BOM).
    name = info.filename
    declarations: list[str] = []
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = lambda *args: declarations.append("DTD")
    parser.EntityDeclHandler = lambda *args: declarations.append("entity")

    def root_reached(*args):
        raise _RootReached

    parser.StartElementHandler = root_reached
    try:
        with package.open(info) as part:
            chunk = part.read(_CHUNK)
            if not chunk.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                if name.endswith((".xml", ".rels")) and chunk:
                    raise Unreadable("failed", f"damaged Word document: {name} is not valid XML")
                return
            while chunk:
                parser.Parse(chunk, False)
                chunk = part.read(_CHUNK)
            parser.Parse(b"", True)
    except _RootReached:
        pass
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise Unreadable("failed", f"damaged Word document: {name} cannot be unpacked") from None
    except expat.ExpatError as err:
        raise Unreadable(
            "failed", f"damaged Word document: {name} is not valid XML ({err})"
        ) from None
    if declarations:
        raise Unreadable("failed", f"refused: {name} declares a DTD or entities (unsafe XML)")
