"""The files report.html links to: relative links, or the CSV tables embedded as data: URLs.

A relative link works while report.html sits in the reports folder beside the files it
names, and breaks when the page is mailed on its own. With `export.embed_tables: true` the
CSV tables ride inside the page as `data:` URLs (downloaded under their own name), so a
report that travels alone still carries its tables; the workbook and the REFI-QDA files
are too large for that and stay links. The page says which is which.
"""

from __future__ import annotations

import base64
from pathlib import Path

FILES = [
    ("codebook.csv", "codes (terms and nested themes) with counts and example quotes"),
    ("coded_segments.csv", "every coding with its coded passage and the segment around it"),
    ("associations.csv", "collocates of each term with their statistics and examples"),
    ("kwic.csv", "every term hit in context"),
    ("term_theme_matrix.csv", "contexts per term and theme"),
    ("document_theme_matrix.csv", "contexts per document and theme"),
    ("speaker_theme_matrix.csv", "contexts per speaker and theme"),
    ("kruispunt.xlsx", "all tables above, with a 'Lees mij' sheet explaining each column"),
    ("codebook.qdc", "REFI-QDA codebook for ATLAS.ti, NVivo, MAXQDA and QualCoder"),
    ("kruispunt.qdpx", "REFI-QDA project: documents, codes and codings"),
]

# With a coded project compared (the compare stage), after the CSV tables above.
COMPARE_FILES = [
    ("agreement.csv", "agreement with the coded project per pair of codes (kappa, alpha, F1)"),
    ("disagreements.csv", "the units where the coders of each pair disagree, with quotes"),
]


def data_url(data: bytes, media_type: str = "text/csv") -> str:
    """A base64 `data:` URL of a file's bytes (UTF-8 text for CSV)."""
    encoded = base64.b64encode(data).decode("ascii")
    return f"data:{media_type};charset=utf-8;base64,{encoded}"


def file_links(out: Path, *, embed: bool, compare: bool = False) -> list[dict[str, object]]:
    """The report's file list, with each link's target.

    Args:
        out: The reports folder; with `embed`, the CSV files must be written already.
        embed: Embed the CSV tables as `data:` URLs.
        compare: The run compared a coded project: list its tables too (COMPARE_FILES,
            after the other CSV files).

    Returns:
        One dict per file, in report order: name, what (one line), href (the relative
        file name or a `data:` URL) and embedded (whether the page itself carries it).
    """
    links: list[dict[str, object]] = []
    files = FILES
    if compare:
        at = next(i for i, (name, _) in enumerate(FILES) if not name.endswith(".csv"))
        files = [*FILES[:at], *COMPARE_FILES, *FILES[at:]]
    for name, what in files:
        embedded = embed and name.endswith(".csv")
        href = data_url((out / name).read_bytes()) if embedded else name
        links.append({"name": name, "what": what, "href": href, "embedded": embedded})
    return links
