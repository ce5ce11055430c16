"""Build the binary and legacy-encoded files of the example corpus from plain-text sources.

The sources in ``scripts/example_corpus/`` are the readable originals. This script turns them
into the files a researcher would actually receive, in ``data/raw/``:

- ``<name>.docx.md`` -> ``<name>.docx``: a line ``# X`` becomes Heading 1, ``## X`` Heading 2,
  every other blank-line separated block one Normal paragraph. The first Heading 1 is also the
  document title in the core properties.
- ``<name>.pdf.txt`` -> ``<name>.pdf``: A4 minutes in Helvetica with a running header, a
  ``Pagina N van M`` footer, bold headings (``# X``) and bold speaker labels. Paragraphs are
  wrapped here, with Dutch hyphenation of long words at line ends (``inburgerings-`` /
  ``plichtigen``), as in real council minutes. Optional front matter of ``key: value`` lines
  closed by ``---`` sets ``header`` and ``title``.
- any other ``<name>.txt`` -> ``<name>.txt`` in Windows-1252 with CRLF line ends: a legacy
  export that makes encoding detection matter.

Every timestamp is fixed, so a rerun gives byte-identical files.

Usage: ``.venv/bin/python scripts/build_example_corpus.py [--src DIR] [--out DIR]``
"""

from __future__ import annotations

import argparse
import io
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import docx
import pyphen
from fpdf import FPDF, XPos, YPos

ROOT = Path(__file__).resolve().parents[1]
FIXED_DATE = datetime(2024, 3, 18, 9, 0, tzinfo=UTC)
AUTHOR = "kruispunt"

# Council-minute speaker labels; other "Words:" openings ("Over de Z-route: ...") stay plain.
SPEAKER_LABEL = re.compile(
    r"^(?P<label>De voorzitter|Wethouder [A-Z]\w+|(?:De heer|Mevrouw) [^:()]+ \([^)]+\)):\s+"
)
# The core PDF fonts only cover latin-1, so typographic marks get their plain equivalents.
LATIN1_MAP = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"'})
HYPHENATABLE = re.compile(r"(?P<pre>[(\"']?)(?P<core>[A-Za-z]{9,})(?P<post>[.,;:!?)\"']*)")


def build_docx(source: Path, target: Path) -> None:
    """Write a docx with heading styles from a ``*.docx.md`` source."""
    document = docx.Document()
    title = None
    for block in _blocks(source.read_text(encoding="utf-8")):
        if block.startswith("## "):
            document.add_heading(block[3:].strip(), level=2)
        elif block.startswith("# "):
            title = title or block[2:].strip()
            document.add_heading(block[2:].strip(), level=1)
        else:
            document.add_paragraph(" ".join(block.split("\n")))
    props = document.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title = title or source.name.removesuffix(".docx.md")
    props.language = "nl-NL"
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(_deterministic_zip(buffer.getvalue()))


def _blocks(text: str) -> list[str]:
    """Split a source into blank-line separated blocks; heading lines are blocks of their own."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = chunk.strip().split("\n")
        body: list[str] = []
        for line in lines:
            if line.startswith("#"):
                if body:
                    blocks.append("\n".join(body))
                    body = []
                blocks.append(line)
            else:
                body.append(line)
        if body:
            blocks.append("\n".join(body))
    return blocks


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps and attributes, keeping the entry order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 18, 9, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zout.writestr(entry, zin.read(info.filename))
    return out.getvalue()


class MinutesPDF(FPDF):
    """A4 page with a running header line and a ``Pagina N van M`` footer."""

    def __init__(self, running_header: str):
        super().__init__(format="A4")
        self.running_header = running_header

    def header(self) -> None:
        """Draw the running header and a rule under it."""
        self.set_font("Helvetica", "I", 8.5)
        self.cell(0, 5, self.running_header, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(7)

    def footer(self) -> None:
        """Draw the page number as ``Pagina N van M``."""
        self.set_y(-14)
        self.set_font("Helvetica", "", 8.5)
        self.cell(0, 5, f"Pagina {self.page_no()} van {{nb}}", align="C")


def build_pdf(source: Path, target: Path) -> int:
    """Write paginated minutes from a ``*.pdf.txt`` source; return the number of hyphenations."""
    meta, text = _front_matter(source.read_text(encoding="utf-8"))
    pdf = MinutesPDF(meta.get("header", "").translate(LATIN1_MAP))
    pdf.alias_nb_pages()
    pdf.set_margins(22, 16, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(meta.get("title", source.name.removesuffix(".pdf.txt")).translate(LATIN1_MAP))
    pdf.set_author(AUTHOR)
    pdf.set_creator("scripts/build_example_corpus.py")
    pdf.set_lang("nl-NL")
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_page()
    hyphenator = pyphen.Pyphen(lang="nl_NL")
    n_hyphenated = 0
    for block in _blocks(text):
        block = " ".join(block.split("\n")).translate(LATIN1_MAP)
        if block.startswith("#"):
            _pdf_heading(pdf, block.lstrip("#").strip(), first=pdf.get_y() < 40)
        else:
            n_hyphenated += _pdf_paragraph(pdf, block, hyphenator)
    pdf.output(str(target))
    return n_hyphenated


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split optional ``key: value`` lines closed by ``---`` from the body."""
    head, sep, body = text.partition("\n---\n")
    if not sep:
        return {}, text
    meta = dict(line.split(": ", 1) for line in head.strip().splitlines())
    return meta, body


def _pdf_heading(pdf: FPDF, text: str, *, first: bool) -> None:
    # A heading never sits alone at the bottom of a page.
    if pdf.get_y() > pdf.page_break_trigger - 25:
        pdf.add_page()
    pdf.ln(1 if first else 3)
    pdf.set_font("Helvetica", "B", 13 if first else 11.5)
    pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _pdf_paragraph(pdf: FPDF, text: str, hyphenator: pyphen.Pyphen) -> int:
    label = ""
    match = SPEAKER_LABEL.match(text)
    if match:
        label, text = match.group("label") + ": ", text[match.end() :]
    pdf.set_font("Helvetica", "B", 10.5)
    label_width = pdf.get_string_width(label)
    pdf.set_font("Helvetica", "", 10.5)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    # The opening words of a turn stay whole, so a turn is found by its first words.
    lines, n_hyphenated = wrap_words(
        text.split(), [width - label_width, width], pdf.get_string_width, hyphenator, protect=6
    )
    for i, line in enumerate(lines):
        if i == 0 and label:
            pdf.set_font("Helvetica", "B", 10.5)
            pdf.cell(label_width, 5.2, label)
            pdf.set_font("Helvetica", "", 10.5)
        pdf.cell(0, 5.2, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2.4)
    return n_hyphenated


def wrap_words(
    words: list[str],
    widths: list[float],
    measure: Callable[[str], float],
    hyphenator: pyphen.Pyphen,
    *,
    protect: int = 0,
) -> tuple[list[str], int]:
    """Fill lines greedily, hyphenating a long word when it would leave a wide gap.

    Args:
        words: The words of one paragraph.
        widths: Available width of the first line, then of every further line.
        measure: Width of a string in the current font.
        hyphenator: Dutch hyphenation dictionary.
        protect: Number of leading words never to hyphenate.

    Returns:
        The lines and how many of them end in a hyphenated word.
    """
    lines: list[str] = []
    current: list[str] = []
    n_hyphenated = 0
    for index, word in enumerate(words):
        width = widths[min(len(lines), len(widths) - 1)]
        if measure(" ".join([*current, word])) <= width:
            current.append(word)
            continue
        head = " ".join(current)
        room = width - measure(head + " ") if current else width
        split = _hyphen_split(word, room, measure, hyphenator) if index >= protect else None
        # A nearly full line is left ragged rather than hyphenated, as a typesetter would.
        if split and room > 0.12 * width:
            lines.append(" ".join([*current, split[0]]))
            current = [split[1]]
            n_hyphenated += 1
        else:
            lines.append(head)
            current = [word]
    if current:
        lines.append(" ".join(current))
    return lines, n_hyphenated


def _hyphen_split(
    word: str, room: float, measure: Callable[[str], float], hyphenator: pyphen.Pyphen
) -> tuple[str, str] | None:
    """Return the longest ``(prefix-, rest)`` split of a plain word that fits in ``room``."""
    match = HYPHENATABLE.fullmatch(word)
    if not match:
        return None
    pre, core, post = match.group("pre", "core", "post")
    for position in sorted(hyphenator.positions(core), reverse=True):
        if position < 4 or len(core) - position < 4:
            continue
        head = f"{pre}{core[:position]}-"
        if measure(head) <= room:
            return head, f"{core[position:]}{post}"
    return None


def build_cp1252(source: Path, target: Path) -> None:
    """Write a UTF-8 source as Windows-1252 with CRLF line ends."""
    text = source.read_text(encoding="utf-8")
    target.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("cp1252"))


def main(argv: list[str] | None = None) -> None:
    """Build every source in ``--src`` into ``--out`` and print one line per file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=ROOT / "scripts" / "example_corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "raw")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for source in sorted(args.src.iterdir()):
        name = source.name
        if name.endswith(".docx.md"):
            target = args.out / name.removesuffix(".md")
            build_docx(source, target)
            print(f"docx  {target.relative_to(args.out.parent.parent)}")
        elif name.endswith(".pdf.txt"):
            target = args.out / name.removesuffix(".txt")
            n = build_pdf(source, target)
            print(f"pdf   {target.relative_to(args.out.parent.parent)} ({n} hyphenated breaks)")
        elif name.endswith(".txt"):
            target = args.out / name
            build_cp1252(source, target)
            print(f"cp1252 {target.relative_to(args.out.parent.parent)}")


if __name__ == "__main__":
    main()
