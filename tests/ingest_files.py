"""Small Dutch transcript files for the ingest tests, written in every input format.

Builders take turns as (speaker, text) pairs (speaker None for an unlabelled paragraph)
and write a file in one format, so a test can state what went in and check what came out.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pandas as pd
from fpdf import FPDF

Turns = list[tuple[str | None, str]]

TURNS: Turns = [
    ("Marloes de Wit", "Welkom bij de vissenkom. Wat heeft de regie jullie opgeleverd?"),
    ("Fatima el Amrani", "Overzicht. We doen zelf de brede intake en stellen het PIP op."),
    ("Jeroen Visser", "Wij kozen voor een laagdrempelige subsidieregeling."),
    ("Marloes de Wit", "Is dat dan nog regie, of is dat netwerken?"),
]


def heading_rows(segments: pd.DataFrame) -> pd.Series:
    """Which segments are headings: no speaker, and the text is the section title itself."""
    return segments["speaker"].isna() & segments["text"].eq(segments["section"])


def _timestamp(seconds: float, *, comma: bool = False) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{',' if comma else '.'}{millis:03d}"


def render_txt(turns: Turns) -> str:
    """`Naam: tekst` paragraphs separated by blank lines."""
    return "\n\n".join(f"{who}: {text}" if who else text for who, text in turns) + "\n"


def render_md(turns: Turns, *, heading: str = "Vissenkom") -> str:
    """A markdown heading, then `**Naam:** tekst` paragraphs."""
    body = "\n\n".join(f"**{who}:** {text}" if who else text for who, text in turns)
    return f"# {heading}\n\n{body}\n"


def render_vtt(turns: Turns, *, step: float = 5.0) -> str:
    """One cue per turn, the speaker in a voice tag."""
    cues = []
    for i, (who, text) in enumerate(turns):
        timing = f"{_timestamp(i * step)} --> {_timestamp(i * step + step - 0.5)}"
        cues.append(f"{timing}\n<v {who}>{text}" if who else f"{timing}\n{text}")
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def render_srt(turns: Turns, *, step: float = 5.0) -> str:
    """One cue per turn, the speaker as `Naam:` at the start of the cue."""
    cues = []
    for i, (who, text) in enumerate(turns, start=1):
        start, end = (i - 1) * step, (i - 1) * step + step - 0.5
        timing = f"{_timestamp(start, comma=True)} --> {_timestamp(end, comma=True)}"
        cues.append(f"{i}\n{timing}\n{who + ': ' if who else ''}{text}")
    return "\n\n".join(cues) + "\n"


def write_docx(
    path: Path, turns: Turns, *, headings: dict[int, str] | None = None, title: str = ""
) -> Path:
    """A Word file: one paragraph per turn, headings (Heading 1) before given turn indexes."""
    document = docx.Document()
    document.core_properties.title = title
    for i, (who, text) in enumerate(turns):
        if headings and i in headings:
            document.add_heading(headings[i], level=1)
        document.add_paragraph(f"{who}: {text}" if who else text)
    document.save(path)
    return path


class _MinutesPdf(FPDF):
    running_header = "Commissie Samenleving - verslag 14 maart 2024"

    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, self.running_header, new_x="LMARGIN", new_y="NEXT", align="R")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, f"Pagina {self.page_no()} van {{nb}}", align="C")


def write_pdf(path: Path, pages: list[list[str]], *, running: bool = True) -> Path:
    """A PDF with one paragraph per string, optionally with a running header and footer.

    Text must be latin-1 (the built-in Helvetica font); a paragraph ending in `-` is
    written with the next one directly under it, as a word broken across lines.
    """
    pdf = _MinutesPdf() if running else FPDF()
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(auto=True, margin=20)
    for paragraphs in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            if not paragraph.endswith("-"):
                pdf.ln(3)
    pdf.output(str(path))
    return path


def write_image_pdf(path: Path) -> Path:
    """A PDF with a drawing and no text layer, like a scan."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(180, 180, 180)
    pdf.rect(20, 20, 120, 80, style="F")
    pdf.output(str(path))
    return path


def write_encrypted_pdf(path: Path, *, user_password: str | None) -> Path:
    """A PDF encrypted with an owner password and, when given, a user password."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Wethouder Bakker: Het verslag is vertrouwelijk.")
    pdf.set_encryption(owner_password="eigenaar", user_password=user_password or "")
    pdf.output(str(path))
    return path
