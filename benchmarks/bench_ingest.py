"""Benchmark the ingest stage over a generated folder of mixed-format transcripts.

Writes 200 Dutch meeting transcripts (txt, md, docx, pdf, vtt, srt in turn) to a temporary
folder, then times `ingest_folder` over the whole folder and `ingest_file` per file. Prints
the figures and writes them to benchmarks/results/bench_ingest.json: throughput (MB/s,
documents/s) for the folder, and per format the time per MB relative to plain text,
measured side by side in the same run.

Usage: .venv/bin/python benchmarks/bench_ingest.py [--docs 200] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import docx
from fpdf import FPDF

from pipeline.ingest import ingest_file, ingest_folder
from pipeline.ingest.inventory import list_entries
from pipeline.ingest.speakers import SpeakerMatcher
from pipeline.params import IngestParams

FORMATS = ["txt", "md", "docx", "pdf", "vtt", "srt"]
SPEAKERS = ["Marloes de Wit", "Fatima el Amrani", "Jeroen Visser", "Wethouder Bakker", "R", "I"]
WORDS = str.split(
    "regie maatwerk zelfredzaamheid samenredzaamheid burgerinitiatief inburgering gemeente "
    "statushouders brede intake persoonlijk plan taalcafé vrijwilligers vertrouwen subsidie "
    "aanbesteding regisseur initiatieven nieuwkomers cliënten ideeën wij jullie het de een en "
    "maar dus niet wel ook vooral echt eigenlijk gewoon samen met voor over in op"
)
RESULTS = Path(__file__).resolve().parent / "results" / "bench_ingest.json"


def _turns(rng: random.Random) -> list[tuple[str, str]]:
    turns = []
    for _ in range(rng.randint(15, 45)):
        sentences = [
            " ".join(rng.choices(WORDS, k=rng.randint(6, 18))).capitalize() + "."
            for _ in range(rng.randint(1, 5))
        ]
        turns.append((rng.choice(SPEAKERS), " ".join(sentences)))
    return turns


def _stamp(seconds: float, sep: str) -> str:
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours:02d}:{minutes:02d}:{secs:06.3f}".replace(".", sep)


def _write(path: Path, fmt: str, turns: list[tuple[str, str]]) -> None:
    if fmt == "txt":
        path.write_text("\n\n".join(f"{w}: {t}" for w, t in turns) + "\n", encoding="utf-8")
    elif fmt == "md":
        body = "\n\n".join(f"**{w}:** {t}" for w, t in turns)
        path.write_text(f"# Ontwikkeltafel\n\n{body}\n", encoding="utf-8")
    elif fmt in {"vtt", "srt"}:
        sep = "." if fmt == "vtt" else ","
        cues = []
        for i, (who, text) in enumerate(turns):
            timing = f"{_stamp(i * 8.0, sep)} --> {_stamp(i * 8.0 + 7.5, sep)}"
            cue = (
                f"{timing}\n<v {who}>{text}"
                if fmt == "vtt"
                else f"{i + 1}\n{timing}\n{who}: {text}"
            )
            cues.append(cue)
        header = "WEBVTT\n\n" if fmt == "vtt" else ""
        path.write_text(header + "\n\n".join(cues) + "\n", encoding="utf-8")
    elif fmt == "docx":
        document = docx.Document()
        document.add_heading("Breakoutroom", level=1)
        for who, text in turns:
            document.add_paragraph(f"{who}: {text}")
        document.save(path)
    else:
        pdf = FPDF()
        pdf.set_auto_page_break(auto=True, margin=20)
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for who, text in turns:
            pdf.multi_cell(0, 6, f"{who}: {text}", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        pdf.output(str(path))


def build_folder(folder: Path, n_docs: int, seed: int = 42) -> None:
    """Write `n_docs` transcripts, cycling through the formats."""
    rng = random.Random(seed)
    for i in range(n_docs):
        fmt = FORMATS[i % len(FORMATS)]
        _write(folder / f"transcript_{i:03d}.{fmt}", fmt, _turns(rng))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build_folder(folder, args.docs)
        entries = list_entries(folder)
        total_mb = sum(entry.size for entry in entries) / 1e6

        # The whole folder, as the stage runs it.
        folder_times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            result = ingest_folder(folder)
            folder_times.append(time.perf_counter() - start)
        assert all(row["status"] == "ok" for row in result.report)
        best = min(folder_times)

        # Per format, file by file, interleaved so that every format sees the same load.
        params, matcher = IngestParams(), SpeakerMatcher()
        seconds = {fmt: [] for fmt in FORMATS}
        for _ in range(args.repeats):
            run = dict.fromkeys(FORMATS, 0.0)
            for entry in entries:
                start = time.perf_counter()
                ingest_file(entry, params=params, matcher=matcher)
                run[entry.rel.rsplit(".", 1)[1]] += time.perf_counter() - start
            for fmt in FORMATS:
                seconds[fmt].append(run[fmt])

    per_format = {}
    for fmt in FORMATS:
        mb = sum(e.size for e in entries if e.rel.endswith(f".{fmt}")) / 1e6
        n = sum(1 for e in entries if e.rel.endswith(f".{fmt}"))
        t = statistics.median(seconds[fmt])
        per_format[fmt] = {
            "docs": n,
            "mb": round(mb, 3),
            "seconds": round(t, 3),
            "mb_per_s": round(mb / t, 2),
            "docs_per_s": round(n / t, 1),
        }
    txt_s_per_mb = per_format["txt"]["seconds"] / per_format["txt"]["mb"]
    for fmt in FORMATS:
        per_format[fmt]["s_per_mb_vs_txt"] = round(
            per_format[fmt]["seconds"] / per_format[fmt]["mb"] / txt_s_per_mb, 1
        )

    figures = {
        "documents": len(entries),
        "segments": len(result.segments),
        "input_mb": round(total_mb, 3),
        "folder_seconds_best": round(best, 3),
        "folder_seconds_all": [round(t, 3) for t in folder_times],
        "mb_per_s": round(total_mb / best, 2),
        "documents_per_s": round(len(entries) / best, 1),
        "per_format": per_format,
    }
    print(json.dumps(figures, indent=2))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"-> {RESULTS}")


if __name__ == "__main__":
    main()
