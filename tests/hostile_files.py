"""A folder of hostile input files for the fuzz tests and `benchmarks/bench_fuzz.py`.

`write_hostile_folder` writes, from a fixed seed, the kinds of file a researcher may be sent
or may drop into the input folder by mistake: random bytes under every supported extension,
truncated and damaged Word files, XML entity bombs, zip bombs (honest and lying about their
size), NUL bytes and megabyte lines, mixed encodings, wrong extensions, symbolic links
(inside, outside, dangling, looping), deeply nested folders, transcripts in other languages,
PDFs without a text layer or with a decompression bomb, empty files, odd file names and a
named pipe. Each file comes with the statuses that are sensible for it, so a test can check
the report row by row.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest_files import (
    TURNS,
    render_md,
    render_srt,
    render_txt,
    render_vtt,
    write_docx,
    write_encrypted_pdf,
    write_image_pdf,
    write_pdf,
)

EXTENSIONS = [".txt", ".text", ".md", ".markdown", ".docx", ".pdf", ".vtt", ".srt"]
OK, SKIPPED, FAILED = "ok", "skipped", "failed"
NOT_READ = frozenset({SKIPPED, FAILED})
ANY = frozenset({OK, SKIPPED, FAILED})
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

ENGLISH = (
    "Welcome everyone to this evening about the new civic integration act. The municipality "
    "wants to hear from the volunteers and the refugee organisations what works for them. "
    "We will start with a short round of introductions and then discuss the intake."
)
ARABIC = (
    "مرحبا بكم جميعا في هذا اللقاء حول قانون الاندماج الجديد. تريد البلدية أن تسمع من "
    "المتطوعين ومن منظمات اللاجئين ما الذي ينجح بالنسبة لهم. سنبدأ بجولة تعارف قصيرة."
)
TURKISH = (
    "Yeni uyum yasası hakkındaki bu akşam toplantısına hepiniz hoş geldiniz. Belediye, "
    "gönüllülerden ve mülteci kuruluşlarından neyin işe yaradığını duymak istiyor. Kısa bir "
    "tanışma turuyla başlayacağız ve sonra ilk görüşmeyi konuşacağız."
)
DUTCH = (
    "Ik denk dat maatwerk pas echt werkt als de gemeente de regie durft te delen met de "
    "initiatieven in de wijk. Dat vraagt vertrouwen, en dat moet je samen opbouwen."
)


KINDS = (
    "random-bytes",
    "magic-then-random",
    "truncated-docx",
    "zip-not-docx",
    "truncated-zip",
    "entity-bomb",
    "external-entity",
    "deep-xml",
    "zip-bomb-honest",
    "zip-bomb-lying",
    "zip-bomb-parts",
    "pdf-flate-bomb",
    "pdf-deep-arrays",
    "few-nul",
    "many-nul",
    "only-nul",
    "1mb-line",
    "1mb-word",
    "1mb-colons",
    "1mb-heading",
    "1mb-cue",
    "many-lines",
    "mixed-encoding",
    "bom-then-cp1252",
    "utf16-odd-length",
    "utf16",
    "wrong-extension",
    "upper-extension",
    "double-extension",
    "unknown-extension",
    "no-extension",
    "pdf-no-text",
    "pdf-password",
    "pdf-truncated",
    "empty",
    "blank",
    "header-only",
    "not-dutch",
    "sound",
    "huge-allowed",
    "deep-folder",
    "odd-name",
    "newline-name",
    "long-name",
    "nested-sidecar-name",
    "non-utf8-name",
    "symlink-inside",
    "symlink-outside",
    "symlink-broken",
    "fifo",
    "sidecar-escape",
    "hidden-file",
    "hidden-folder",
    "pdf-shared-lines",
    "srt-bad-cue",
    "long-utf16-line",
    "long-turn",
    "pdf-no-breaks",
)
# What the links leading out of the folder point at; never to be found in any output.
CANARY = "Kanarie-buiten-7Q: vertrouwelijk"


@dataclass(frozen=True)
class Hostile:
    """One entry of the hostile folder and what the ingest report should say about it.

    Attributes:
        rel: Path relative to the folder, as the report names it.
        kind: What makes it hostile, for example `zip-bomb-lying`.
        statuses: The statuses that are sensible for it.
        reason: A fragment the report's reason must contain ('' for any).
        warning: A fragment the report's warning must contain ('' for any).
    """

    rel: str
    kind: str
    statuses: frozenset[str]
    reason: str = ""
    warning: str = ""


def write_hostile_folder(
    folder: Path,
    *,
    seed: int = 0,
    scale: int = 1,
    huge_mb: float = 2.0,
    bomb_gb: float = 1.5,
) -> list[Hostile]:
    """Write the hostile folder.

    Args:
        folder: An empty folder to fill.
        seed: Seed of every random choice, so the folder is the same each time.
        scale: Multiplies the number of random and truncated files (1 gives about 240
            entries).
        huge_mb: Size of the large-but-allowed text file.
        bomb_gb: What the zip and PDF bombs unpack to (declared or actual).

    Returns:
        One `Hostile` per entry written (files, links, the pipe, a hidden folder; not
        the other folders).
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Hostile] = []

    def add(rel: str, kind: str, statuses, write: Callable[[Path], object], **expect) -> None:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path)
        made.append(Hostile(rel, kind, frozenset(statuses), **expect))

    # Random bytes under every extension, some with the magic start of the real format.
    for i in range(12 * scale):
        for ext in EXTENSIONS:
            data = rng.randbytes(rng.choice([1, 7, 100, 4000, 30_000]))
            # A byte or seven may well be text in some code page; more is not.
            statuses = ANY if len(data) < 100 else NOT_READ
            add(f"willekeurig/{i:03d}{ext}", "random-bytes", statuses, _bytes(data))
    magic = {
        ".pdf": b"%PDF-1.7\n",
        ".docx": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        ".vtt": b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n",
        ".srt": b"1\n00:00:01,000 --> 00:00:02,000\n",
    }
    for i in range(4 * scale):
        for ext, start in magic.items():
            data = start + rng.randbytes(rng.choice([50, 2000, 20_000]))
            add(f"magie/{i:03d}{ext}", "magic-then-random", NOT_READ, _bytes(data))

    # Truncated Word files and zips; damaged and unsafe Word files.
    sound_docx = _docx_bytes()
    for i in range(5 * scale):
        cut = rng.randrange(1, len(sound_docx) - 1)
        add(f"afgebroken/{i:03d}.docx", "truncated-docx", NOT_READ, _bytes(sound_docx[:cut]))
    plain_zip = _zip_bytes({"notities.txt": DUTCH.encode()})
    add("afgebroken/archief.docx", "zip-not-docx", {FAILED}, _bytes(plain_zip), reason="no word")
    add("afgebroken/archief_kort.docx", "truncated-zip", NOT_READ, _bytes(plain_zip[:40]))
    add(
        "onveilig/lachsalvo.docx",
        "entity-bomb",
        {FAILED},
        _bytes(_docx_with({"word/document.xml": _laughs()})),
        reason="DTD or entities",
    )
    add(
        "onveilig/lachsalvo_types.docx",
        "entity-bomb",
        {FAILED},
        _bytes(_docx_with({"[Content_Types].xml": _laughs(root="Types")})),
        reason="DTD or entities",
    )
    external = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    add(
        "onveilig/extern.docx",
        "external-entity",
        {FAILED},
        _bytes(_docx_with({"word/document.xml": external})),
        reason="DTD or entities",
    )
    deep = (
        f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'
        + "<w:p>" * 20_000
        + "</w:p>" * 20_000
        + "</w:body></w:document>"
    ).encode()
    add(
        "onveilig/diep.docx",
        "deep-xml",
        ANY,
        _bytes(_docx_with({"word/document.xml": deep})),
    )

    # Zip bombs: one that says how big it is, one that lies about it.
    gigabytes = max(1, round(bomb_gb * 1024))
    add(
        "bommen/eerlijk.docx",
        "zip-bomb-honest",
        {FAILED},
        _bytes(bomb_docx(n_mb=gigabytes, declared=None)),
        reason="zip bomb",
    )
    add(
        "bommen/leugen.docx",
        "zip-bomb-lying",
        {FAILED},
        _bytes(bomb_docx(n_mb=gigabytes, declared=2_000)),
        reason="zip bomb",
    )
    add(
        "bommen/leugen_media.docx",
        "zip-bomb-lying",
        {FAILED},
        _bytes(bomb_docx(n_mb=gigabytes, declared=100, part="word/media/image1.png")),
        reason="zip bomb",
    )
    add(
        "bommen/veel_delen.docx",
        "zip-bomb-parts",
        {FAILED},
        _bytes(many_parts_docx(50_000)),
        reason="parts",
    )
    add(
        "bommen/stroom.pdf",
        "pdf-flate-bomb",
        NOT_READ,
        _bytes(bomb_pdf(n_mb=min(gigabytes, 300))),
    )
    add(
        "bommen/geneste_arrays.pdf",
        "pdf-deep-arrays",
        NOT_READ,
        _bytes(_pdf_with_content(b"[" * 50_000 + b"]" * 50_000)),
    )

    # NUL bytes and megabyte lines.
    text = render_txt(TURNS)
    add("regels/nul_enkele.txt", "few-nul", {OK}, _text_bytes(text.replace("regie", "re\x00gie")))
    add("regels/nul_veel.txt", "many-nul", {FAILED}, _bytes(text.encode().replace(b" ", b"\x00")))
    add("regels/nul_alleen.md", "only-nul", {FAILED}, _bytes(bytes(5000)))
    words = (DUTCH + " ") * (1_000_000 // (len(DUTCH) + 1))
    add("regels/lange_regel.txt", "1mb-line", {OK}, _text_bytes("Jan: " + words))
    add("regels/lange_letters.txt", "1mb-word", {OK}, _text_bytes("a" * 1_000_000))
    add("regels/lange_dubbelepunt.txt", "1mb-colons", {OK}, _text_bytes("Jan:" * 250_000))
    add("regels/lange_kop.md", "1mb-heading", {OK}, _text_bytes("#" * 1_000_000 + "\n" + text))
    add("regels/lange_cue.vtt", "1mb-cue", {OK}, _text_bytes(_long_cue_vtt(words)))
    add("regels/lange_cue.srt", "1mb-cue", {OK}, _text_bytes(_long_cue_srt(words)))
    add("regels/veel_regels.txt", "many-lines", {OK}, _text_bytes("Jan: ja\n" * 20_000))

    # Mixed encodings inside one file.
    mixed = (
        "Wethouder: De cliënten zijn tevreden over het maatwerk.\n\n".encode()
        + "Fatima: Maar de ideeën van de initiatieven worden niet gehoord.\n\n".encode("cp1252")
        + "Jan: Dat klopt, het café zit vol.\n".encode()
    )
    for ext in [".txt", ".md", ".srt", ".vtt"]:
        body = mixed
        if ext == ".srt":
            body = b"1\n00:00:01,000 --> 00:00:05,000\n" + mixed.replace(b"\n\n", b"\n")
        elif ext == ".vtt":
            body = b"WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n" + mixed.replace(b"\n\n", b"\n")
        add(f"codering/gemengd{ext}", "mixed-encoding", {OK}, _bytes(body))
    add(
        "codering/bom_dan_cp1252.txt",
        "bom-then-cp1252",
        ANY,
        _bytes(b"\xef\xbb\xbf" + text.encode() + "Daarna: café\n".encode("cp1252")),
    )
    add(
        "codering/utf16_kapot.txt",
        "utf16-odd-length",
        NOT_READ,
        _bytes(text.encode("utf-16") + b"\x00"),
    )
    add("codering/utf16.srt", "utf16", {OK}, _bytes(render_srt(TURNS).encode("utf-16")))

    # Wrong extensions.
    sound_pdf = _pdf_bytes()
    wrong = [
        ("docx_als.pdf", sound_docx, {OK}, "docx"),
        ("docx_als.txt", sound_docx, {OK}, "docx"),
        ("docx_als.srt", sound_docx, {OK}, "docx"),
        ("pdf_als.txt", sound_pdf, {OK}, "pdf"),
        ("pdf_als.docx", sound_pdf, {OK}, "pdf"),
        ("pdf_als.vtt", sound_pdf, {OK}, "pdf"),
        ("tekst_als.pdf", text.encode(), NOT_READ, ""),
        ("tekst_als.docx", text.encode(), NOT_READ, ""),
        ("vtt_als.srt", render_vtt(TURNS).encode(), ANY, ""),
        ("srt_als.vtt", render_srt(TURNS).encode(), ANY, ""),
        ("zip_als.txt", plain_zip, NOT_READ, ""),
        ("png_als.txt", _png_bytes(rng), NOT_READ, ""),
    ]
    for name, data, statuses, real in wrong:
        warning = f"the content is {real}" if real else ""
        add(f"extensie/{name}", "wrong-extension", statuses, _bytes(data), warning=warning)
    add("extensie/HOOFDLETTERS.TXT", "upper-extension", {OK}, _text_bytes(text))
    add("extensie/dubbel.txt.pdf", "double-extension", NOT_READ, _text_bytes(text))
    add("extensie/notulen.wpd", "unknown-extension", {SKIPPED}, _text_bytes("WordPerfect x"))
    add("extensie/geen_extensie", "no-extension", {SKIPPED}, _text_bytes(text))

    # PDFs: no text layer, password, damaged.
    add("pdf/scan.pdf", "pdf-no-text", {SKIPPED}, write_image_pdf, reason="no text layer")
    add(
        "pdf/wachtwoord.pdf",
        "pdf-password",
        {FAILED},
        lambda p: write_encrypted_pdf(p, user_password="geheim"),
        reason="password",
    )
    add("pdf/afgebroken.pdf", "pdf-truncated", ANY, _bytes(sound_pdf[: len(sound_pdf) // 2]))

    # Empty and blank files.
    for ext in EXTENSIONS:
        add(f"leeg/leeg{ext}", "empty", {SKIPPED}, _bytes(b""), reason="empty file")
    for ext in [".txt", ".md", ".srt", ".vtt"]:
        add(f"leeg/wit{ext}", "blank", NOT_READ, _bytes(b" \n\t\r\n   \n"))
    add("leeg/alleen_webvtt.vtt", "header-only", NOT_READ, _bytes(b"WEBVTT\n"))

    # Not Dutch: flagged, not dropped.
    foreign = [("engels", ENGLISH, "en"), ("arabisch", ARABIC, "ar"), ("turks", TURKISH, "tr")]
    for name, body, code in foreign:
        turns = [("Spreker A", body), ("Spreker B", body)]
        flag = f"not Dutch (detected: {code})"
        add(f"talen/{name}.txt", "not-dutch", {OK}, _text_bytes(render_txt(turns)), warning=flag)
        add(f"talen/{name}.srt", "not-dutch", {OK}, _text_bytes(render_srt(turns)), warning=flag)
        add(
            f"talen/{name}.docx",
            "not-dutch",
            {OK},
            lambda p, t=turns: write_docx(p, t),
            warning=flag,
        )
    add(
        "talen/engels.pdf",
        "not-dutch",
        {OK},
        lambda p: write_pdf(p, [[ENGLISH, ENGLISH]], running=False),
        warning="not Dutch (detected: en)",
    )

    # Sound Dutch transcripts among the rest, read as usual.
    add("goed/vissenkom.txt", "sound", {OK}, _text_bytes(text))
    add("goed/vissenkom.md", "sound", {OK}, _text_bytes(render_md(TURNS)))
    add("goed/vissenkom.vtt", "sound", {OK}, _text_bytes(render_vtt(TURNS)))
    add("goed/vissenkom.srt", "sound", {OK}, _text_bytes(render_srt(TURNS)))
    add("goed/vissenkom.docx", "sound", {OK}, _bytes(sound_docx))
    add("goed/vissenkom.pdf", "sound", {OK}, _bytes(sound_pdf))
    add("goed/groot.txt", "huge-allowed", {OK}, _text_bytes(_huge_text(huge_mb)))

    # Deeply nested folders.
    nested = "/".join(f"n{level:02d}" for level in range(50))
    for level in range(0, 51, 10):
        prefix = "/".join(nested.split("/")[:level])
        rel = f"diep/{prefix}/niveau{level}.txt" if prefix else f"diep/niveau{level}.txt"
        add(rel, "deep-folder", {OK}, _text_bytes(text))

    # Odd file names.
    add("namen/spatie en ë.txt", "odd-name", {OK}, _text_bytes(text))
    add("namen/-rf.txt", "odd-name", {OK}, _text_bytes(text))
    add("namen/regel\neinde.txt", "newline-name", {OK}, _text_bytes(text))
    add("namen/" + "lang" * 60 + ".txt", "long-name", {OK}, _text_bytes(text))
    add("namen/metadata.csv", "nested-sidecar-name", {SKIPPED}, _text_bytes("file,x\na,b\n"))
    # A Latin-1 name, as unpacked from an old zip: the report spells the byte out.
    (folder / os.fsdecode(b"namen/caf\xe9.txt")).write_text(text, encoding="utf-8")
    made.append(Hostile("namen/caf\\xe9.txt", "non-utf8-name", frozenset({OK}), warning="UTF-8"))

    # Symbolic links: never followed, always reported.
    outside = folder.parent / f"{folder.name}-buiten"
    outside.mkdir(exist_ok=True)
    (outside / "geheim.txt").write_text(CANARY, encoding="utf-8")
    links = [
        ("naar_binnen.txt", "../goed/vissenkom.txt", "inside"),
        ("naar_buiten.txt", str(outside / "geheim.txt"), "outside"),
        ("relatief_buiten.txt", f"../../{outside.name}/geheim.txt", "outside"),
        ("naar_map_buiten", str(outside), "outside"),
        ("naar_map_binnen", "../goed", "inside"),
        ("passwd.txt", "/etc/passwd", "outside"),
        ("nullen.txt", "/dev/zero", "outside"),
        ("kapot.txt", "bestaat_niet.txt", "broken"),
        ("lus_a.txt", "lus_b.txt", "broken"),
        ("lus_b.txt", "lus_a.txt", "broken"),
        ("zichzelf.txt", "zichzelf.txt", "broken"),
    ]
    notes = {"inside": "points into", "outside": "points outside", "broken": "points nowhere"}
    for name, target, where in links:
        add(
            f"links/{name}",
            f"symlink-{where}",
            {SKIPPED},
            lambda p, t=target: p.symlink_to(t),
            reason=f"symbolic link, not followed (it {notes[where]}",
        )

    # A named pipe: reading it would block for ever.
    add("speciaal/pijp.txt", "fifo", {SKIPPED}, os.mkfifo, reason="not a regular file")

    # A sidecar that names files outside the folder: those rows are ignored, with a warning.
    sidecar = (
        "file,gemeente\n../../etc/passwd,Lindeveen\n/etc/shadow,Lindeveen\n"
        "C:\\Windows\\win.ini,Lindeveen\ngoed/vissenkom.txt,Lindeveen\n"
    )
    add(
        "metadata.csv",
        "sidecar-escape",
        {OK},
        _text_bytes(sidecar),
        warning="3 rows name paths outside the input folder",
    )

    # Hidden files and folders are not inputs, but each has its report row.
    for rel in (".verborgen.txt", "goed/.DS_Store", "diep/.~lock.notulen.docx#"):
        add(rel, "hidden-file", {SKIPPED}, _text_bytes(text), reason="hidden file")
    add(".git", "hidden-folder", {SKIPPED}, lambda p: (p.mkdir(), (p / "HEAD").write_text("x")))
    _add_issue_22_kinds(add, words, scale=scale)
    return made


def _add_issue_22_kinds(add: Callable, words: str, *, scale: int) -> None:
    """Files that issue 22 found dropped, emptied or fatal, each to be read in full."""
    pages = [["Gemeente Lindeveen, notulen", "Jan: Welkom bij de vissenkom."]] * 3
    for i in range(2 * scale):
        add(f"pdf/kop_{i:03d}.pdf", "pdf-shared-lines", {OK}, lambda p: write_pdf(p, pages))
    cues = "1\n00:00:01,000 --> 00:00:02,000\nJan: Welkom.\n\n"
    cues += "2\n00:00:0x,000 --> 00:00:04,000\nPiet: Kapot.\n\n"
    cues += "3\n-00:00:05,000 --> 00:00:06,000\nKees: Negatief.\n\n"
    cues += "4\n00:00:07,000 --> 00:00:08,000\nFatima: Dag.\n"
    for i in range(2 * scale):
        add(
            f"ondertitels/kapotte_cue_{i:03d}.srt",
            "srt-bad-cue",
            {OK},
            _text_bytes(cues),
            warning="2 cues with a bad or negative timestamp left out",
        )
    one_line = words.replace("\n", " ")
    add("lang/utf16_regel.txt", "long-utf16-line", {OK}, _bytes(one_line.encode("utf-16")))
    add("lang/een_beurt.txt", "long-turn", {OK}, _text_bytes("Jan de Vries: " + one_line))
    add(
        "lang/zonder_alinea.pdf",
        "pdf-no-breaks",
        {OK},
        lambda p: write_pdf(p, [[one_line[:60_000]]], running=False),
    )


def walk_inputs(folder: Path) -> list[str]:
    """Every entry the report must name: files, links, special files, hidden ones too.

    Written apart from `pipeline.ingest.inventory` so that the two can disagree. A hidden
    folder is one entry; what it holds is not looked at.
    """
    found = []
    for root, dirs, files in os.walk(os.fsencode(folder), followlinks=False):
        found += [os.path.join(root, d) for d in dirs if d.startswith(b".")]
        dirs[:] = [d for d in dirs if not d.startswith(b".")]
        for name in list(dirs):
            if os.path.islink(os.path.join(root, name)):
                dirs.remove(name)
                found.append(os.path.join(root, name))
        found += [os.path.join(root, n) for n in files]
    top = len(os.fsencode(folder)) + 1
    return sorted(path[top:].decode("utf-8", "backslashreplace") for path in found)


# --- builders -------------------------------------------------------------------------


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _text_bytes(text: str) -> Callable[[Path], None]:
    return _bytes(text.encode("utf-8"))


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    write_docx(buffer, TURNS, title="Vissenkom")
    return buffer.getvalue()


def _pdf_bytes() -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        path = write_pdf(Path(scratch) / "verslag.pdf", [[f"{w}: {t}" for w, t in TURNS]])
        return path.read_bytes()


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx_with(parts: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    members = {name: source.read(name) for name in source.namelist()}
    return _zip_bytes(members | parts)


def _laughs(*, root: str = "w:document", depth: int = 9) -> bytes:
    entities = ['<!ENTITY lol0 "lol">']
    for level in range(1, depth + 1):
        entities.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    return (
        f'<?xml version="1.0"?><!DOCTYPE {root} [{"".join(entities)}]>'
        f'<{root} xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol{depth};</w:t></w:r></w:p>'
        f"</w:body></{root}>"
    ).encode()


def _deflate_zeros(prefix: bytes, n_mb: int) -> bytes:
    """A raw deflate stream: `prefix`, then `n_mb` MB of zero bytes, built in O(1 MB).

    Each full flush ends a byte-aligned, self-contained piece, so the 1 MB piece of zeros
    can be repeated; an empty fixed-Huffman block marks the end of the stream.
    """
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = head.compress(prefix) + head.flush(zlib.Z_FULL_FLUSH)
    piece = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = piece.compress(bytes(1 << 20)) + piece.flush(zlib.Z_FULL_FLUSH)
    return start + zeros * n_mb + b"\x03\x00"


def _raw_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """Write a zip by hand: (name, deflated data, crc, declared size, method) per member.

    zipfile always writes the true size; a bomb needs to declare any size it likes.
    """
    out = io.BytesIO()
    central = io.BytesIO()
    for name, data, crc, size, method in members:
        encoded = name.encode()
        offset = out.tell()
        local = (0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out.write(struct.pack("<IHHHHHIIIHH", *local))
        out.write(encoded + data)
        entry = (0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded))
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", *entry, 0, 0, 0, 0, 0, offset))
        central.write(encoded)
    start = out.tell()
    out.write(central.getvalue())
    n = len(members)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central.getvalue()), start, 0))
    return out.getvalue()


def bomb_docx(*, n_mb: int, declared: int | None, part: str = "word/document.xml") -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    members = []
    for name in source.namelist():
        data = source.read(name)
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        members.append(
            (name, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data), 8)
        )
    prefix = b""
    if part == "word/document.xml":
        prefix = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'
        prefix = prefix.encode()
    size = declared if declared is not None else len(prefix) + n_mb * (1 << 20)
    bomb = (part, _deflate_zeros(prefix, n_mb), 0, size, 8)
    members = [m for m in members if m[0] != part] + [bomb]
    return _raw_zip(members)


def many_parts_docx(n_parts: int) -> bytes:
    """A sound docx with `n_parts` empty parts added, written by hand (zipfile is slow)."""
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    members = [(name, source.read(name), 0, 0, 0) for name in source.namelist()]
    members = [(name, data, zlib.crc32(data), len(data), 0) for name, data, *_ in members]
    members += [(f"word/media/leeg{i:06d}.bin", b"", 0, 0, 0) for i in range(n_parts)]
    return _raw_zip(members)


def _pdf_with_content(content: bytes, *, filters: str = "") -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> "
        b">> >>",
        f"<< /Length {len(content)} {filters} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def bomb_pdf(*, n_mb: int) -> bytes:
    # zlib framing around the raw stream: header, and an Adler-32 that need not be right.
    stream = b"\x78\xda" + _deflate_zeros(b"BT /F1 12 Tf 72 720 Td (Jan: hoi) Tj ET\n", n_mb)
    return _pdf_with_content(stream + b"\x00\x00\x00\x01", filters="/Filter /FlateDecode")


def _png_bytes(rng: random.Random) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + rng.randbytes(3000)


def _long_cue_vtt(words: str) -> str:
    return f"WEBVTT\n\n00:00:01.000 --> 00:10:00.000\n<v Jan>{words}\n"


def _long_cue_srt(words: str) -> str:
    return f"1\n00:00:01,000 --> 00:10:00,000\nJan: {words}\n"


def _huge_text(megabytes: float) -> str:
    turns = [f"{who}: {text}" for who, text in TURNS]
    block = "\n\n".join(turns) + "\n\n"
    return block * max(1, int(megabytes * 1e6 // len(block.encode())))
