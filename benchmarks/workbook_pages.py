"""How a run's workbook prints: PDF pages per sheet, and the print scale of each sheet.

Prints the workbook with LibreOffice headless (`soffice --convert-to pdf`, install it with
`make test-tools`), counts the pages of each sheet from the print title at the top of
every page, and estimates each sheet's fit-to-width scale from its column widths (the
printable width of A4 over the sum of the widths, at most 100%).

    python benchmarks/workbook_pages.py RUN/reports/kruispunt.xlsx [--out FILE]
"""

from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pypdf
from real_data import REPO, write_results

sys.path.insert(0, str(REPO))
from pipeline.export.print_layout import LANDSCAPE_WIDTH, PORTRAIT_WIDTH


def sheet_scales(path: Path) -> dict[str, float]:
    """Fit-to-width scale of each sheet, from its column widths and orientation."""
    scales = {}
    for sheet in openpyxl.load_workbook(path, read_only=False).worksheets:
        # openpyxl folds runs of equal columns into one dimension from `min` to `max`.
        dims = sheet.column_dimensions.values()
        widths = sum((d.width or 0) * (d.max - d.min + 1) for d in dims)
        page = LANDSCAPE_WIDTH if sheet.page_setup.orientation == "landscape" else PORTRAIT_WIDTH
        scales[sheet.title] = round(min(1.0, page / widths) if widths else 1.0, 3)
    return scales


def pdf_pages(path: Path) -> tuple[int, dict[str, int]]:
    """Total pages and pages per sheet of the workbook printed by LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not found: run `make test-tools` (Debian libreoffice-calc-nogui)")
    with tempfile.TemporaryDirectory(prefix="workbook-pages-", dir=path.parent) as tmp:
        command = [
            soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
            "--convert-to", "pdf", "--outdir", tmp, str(path),
        ]  # fmt: skip
        subprocess.run(command, capture_output=True, timeout=600, check=True)
        reader = pypdf.PdfReader(Path(tmp) / f"{path.stem}.pdf")
        per_sheet: collections.Counter[str] = collections.Counter()
        for page in reader.pages:
            lines = page.extract_text().strip().splitlines()
            per_sheet[lines[0].split(f" {path.name}")[0] if lines else "?"] += 1
        return len(reader.pages), dict(per_sheet)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xlsx", type=Path)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks/results/workbook_pages.json")
    args = parser.parse_args()
    total, per_sheet = pdf_pages(args.xlsx)
    scales = sheet_scales(args.xlsx)
    print(f"{args.xlsx}: {total} pages")
    for name, pages in per_sheet.items():
        print(f"  {name:<16} {pages:>4} pages, scale {scales.get(name, float('nan')):.0%}")
    write_results(args.out, {"xlsx": str(args.xlsx), "pages": total, "per_sheet": per_sheet,
                             "scale": scales})  # fmt: skip


if __name__ == "__main__":
    main()
