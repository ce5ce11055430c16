"""Derive the speaker gold of a Den Haag council minutes PDF from the minutes' own layout.

Independent of pipeline/: it reads the reference text (pypdf `extract_text`, the same as
the benchmark) and follows the conventions of the Den Haag griffie:

- a turn starts a paragraph (after a blank line) with a label ending in a full stop:
  `De voorzitter.`, `Voornaam Achternaam (Partij).`, `Wethouder X (Partij).`,
  `De heer X (C.2).` / `Mevrouw X (F).` (insprekers, with their agenda letter) or
  `De heer X.` (the mayor, no party); a space may stand before the full stop;
- paragraphs without a label continue the turn (motions the chair reads out included);
- each page starts with its number and a blank line; a paragraph broken by the page goes
  on right after it (past any footnotes at the foot of the page), a new paragraph after
  a second blank line;
- nobody speaks the front matter before the first label, page numbers, stenographer notes
  (a paragraph wholly in parentheses: `(Hilariteit)`, `(Geroffel op de tafels)`), agenda
  lines (`Aan de orde is:` and the items below it, `- Voorstel ...` lines above the
  votes), procedural lines of the minute-taker (`In stemming komt ...`, `De motie maakt
  onderdeel uit van de verdere beraadslaging.`, `Het voorstel wordt zonder beraadslaging
  en zonder stemming aangenomen.`, `De notulen ... worden ... vastgesteld.`, ...),
  footnotes (a number and a URL or RIS number) and the attendance list;
- agenda lines, notes and most procedural lines do not end the turn; the minute-taker's
  lines on the meeting itself (`De vergadering wordt ... geschorst.`, `Voorzitter: de
  heer X.`, `Niets meer aan de orde zijnde ...`) do, and so does `De raad heeft
  hieromtrent beslist ...`, which introduces the table of incoming documents: what
  follows them unlabelled is spoken by nobody (`--review` lists it).

Usage:
    .venv/bin/python benchmarks/gold/speakers/derive_denhaag.py <file.pdf> [--review]

Writes benchmarks/gold/speakers/denhaag_<type>_<id>.json; `--review` prints every turn
boundary and every paragraph given no speaker instead, for checking by eye.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from real_data import data_root
from speaker_gold import (
    GOLD_DIR,
    HYPHEN_BREAK,
    make_span,
    pdf_text,
    set_anchors,
    tokens,
    write_gold,
)

_UPPER = "".join(re.escape(chr(c)) for c in range(0x2500) if chr(c).isupper())
CAP = rf"[{_UPPER}][\w'’\-]*"
INITIALS = rf"(?:[{_UPPER}]\.)+"
PARTICLE = r"(?:van|de|der|den|het|ten|ter|te|'t|in|'s|d'|la|le|du|da|von|el|al|op|El|Al)"
NAME = rf"(?:{INITIALS}\s*)?{CAP}(?:\s+(?:{PARTICLE}|{CAP}))*"
PARTY = r"\([^()]{1,40}\)"
LABEL = re.compile(
    rf"^\s*(?P<label>De voorzitter"
    rf"|(?:De heer|Mevrouw)\s+{NAME}(?:\s*{PARTY})?"
    rf"|(?:Wethouder\s+)?{NAME}\s*{PARTY})\s?\.(?=\s|$)"
)
PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
NOTE = re.compile(r"^\s*\(.*\)\s*\.?\s*$", re.S)
AGENDA_HEAD = re.compile(r"^\s*Aan de orde (?:is|zijn)\b")
# `- Voorstel van het college inzake X (RIS123).` above the votes on an item.
AGENDA_DASH = re.compile(r"^\s*-\s+[A-Z]")
AGENDA_LINE = re.compile(r"^\s*(?:-\s|[A-Z](?:\.\d+)*\.?\s)")
PROCEDURAL = re.compile(
    r"^\s*(?:De vergadering wordt|De beraadslaging wordt|De agenda wordt|In stemming kom"
    r"|Voorzitter: |Griffier: |Niets meer aan de orde|Presentielijst|Aanwezig zijn|Afwezig"
    r"|Agenda\s*$|De raad gaat over tot"
    r"|(?:De|Het) (?:gewijzigde |aldus gewijzigde )?(?:motie|moties|amendement|amendementen)"
    r" (?:maakt|maken) onderdeel uit"
    r"|(?:Het|Deze|De) [^.]{0,60}(?:wordt|worden) zonder beraadslaging"
    r"|De [Nn]otulen [^.]{0,80} worden\b|De raad heeft hieromtrent beslist)"
)
FOOTNOTE = re.compile(r"^\s*\d{1,2}\s+(?:https?://|www\.|RIS\d)")
# Procedural lines after which the turn ends (a note or agenda line does not end it).
ENDS_TURN = re.compile(
    r"^\s*(?:De vergadering wordt|Voorzitter: |Niets meer aan de orde|De raad heeft hieromtrent)"
)


def blocks(text: str) -> list[tuple[str, str, bool]]:
    """The text as (kind, block, runs_on) in order; kind is `page` or `para`.

    A page number stands alone with one blank line of its own after it. A paragraph that
    goes on right after that (no second blank line, no label) runs on from the paragraph
    before the page number when that one was still open at the page's foot, or, when a
    blank line closed it, when it did not end a sentence or the new line starts in lower
    case (both layouts occur).
    """
    lines = HYPHEN_BREAK.sub(r"\1", text).split("\n")
    out: list[tuple[str, str, bool]] = []
    current: list[str] = []
    runs_on = own_blank = may_run_on = after_page = False
    for n, line in enumerate(lines):
        if PAGE_NUMBER.match(line) and (n + 1 == len(lines) or not lines[n + 1].strip()):
            may_run_on = bool(current) or may_run_on
            runs_on = _flush(out, current, runs_on)
            out.append(("page", line, False))
            own_blank = after_page = True
            continue
        if not line.strip():
            if own_blank:
                own_blank = False
                continue
            runs_on = _flush(out, current, runs_on)
            may_run_on = after_page = False
            continue
        if not current and after_page and not LABEL.match(line):
            runs_on = may_run_on or _open_end(out, line)
        own_blank = may_run_on = after_page = False
        current.append(line)
    _flush(out, current, runs_on)
    return out


def _open_end(out: list[tuple[str, str, bool]], line: str) -> bool:
    """Whether the last paragraph before a page break goes on in `line`."""
    last = next((block for kind, block, _ in reversed(out) if kind == "para"), "")
    ended = last.rstrip().endswith((".", "?", "!", ":", ";", '"', "”", "'", ")"))
    return not ended or line.lstrip()[:1].islower()


def _flush(out: list[tuple[str, str, bool]], current: list[str], runs_on: bool) -> bool:
    if current:
        out.append(("para", "\n".join(current), runs_on))
        current.clear()
    return False


def derive(text: str) -> tuple[list[dict], list[tuple[str, str | None, str]]]:
    """The gold spans of one minutes text, and (why, speaker, block) for review."""
    spans: list[dict] = []
    review: list[tuple[str, str | None, str]] = []
    speaker: str | None = None
    after_agenda = False
    last_para: dict | None = None
    items = blocks(text)
    paras = [block for kind, block, _ in items if kind == "para"]
    next_para = dict(zip(paras, [*paras[1:], ""], strict=True))  # blocks repeat: same answer
    for kind, block, runs_on in items:
        words = tokens(block)
        if not words:
            continue
        if kind == "page":
            spans.append(make_span(words, None, start=False))
            continue
        if runs_on and last_para is not None:
            spans.append(make_span(words, last_para["speaker"], start=False))
            review.append(("runs-on", last_para["speaker"], block))
            continue
        label = LABEL.match(block)
        if label:
            speaker = " ".join(label["label"].split())
            n_label = len(tokens(block[: label.end()]))
            last_para = make_span(words, speaker, start=True, label=n_label)
            review.append(("label", speaker, block))
            after_agenda = False
        elif why := _unspoken(block, after_agenda, next_para.get(block, "")):
            after_agenda = why in ("agenda-head", "agenda")
            review.append((why, None, block))
            if ENDS_TURN.match(block):
                speaker = None
            if why == "footnote":  # at the foot of a page: the text runs on past it
                spans.append(make_span(words, None, start=False))
                continue
            last_para = make_span(words, None, start=False)
        else:
            after_agenda = False
            last_para = make_span(words, speaker, start=False)
            review.append(("continues" if speaker else "unlabelled", speaker, block))
        spans.append(last_para)
    return _merge(spans), review


def _unspoken(block: str, after_agenda: bool, following: str) -> str | None:
    """Why nobody speaks this paragraph, or None when it belongs to the turn.

    A `- Item` line is an agenda line when the votes on the item follow it (`In stemming
    komt`), or when it names a RIS number or is a short title; a dash line inside a motion
    is not.
    """
    if NOTE.match(block):
        return "note"
    if AGENDA_HEAD.match(block):
        return "agenda-head"
    if after_agenda and AGENDA_LINE.match(block):
        return "agenda"
    if AGENDA_DASH.match(block) and len(block.split("\n")) <= 2:
        votes = re.match(r"\s*In stemming kom", following)
        if votes or re.search(r"\(RIS\d+\)\.?\s*$", block) or len(block.split()) <= 7:
            return "agenda"
    if PROCEDURAL.match(block):
        return "procedural"
    if FOOTNOTE.match(block):
        return "footnote"
    return None


def _merge(spans: list[dict]) -> list[dict]:
    """Runs of spans with the same speaker and no start between them, as one span."""
    merged: list[dict] = []
    for span in spans:
        last = merged[-1] if merged else None
        if last is not None and not span["start"] and last["speaker"] == span["speaker"]:
            last["words"] += span["words"]
        else:
            merged.append(dict(span))
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", help="path relative to the data root, or absolute")
    parser.add_argument("--data", default=None, help="dev data root")
    parser.add_argument("--review", action="store_true")
    args = parser.parse_args()
    root = data_root(args.data)
    path = Path(args.pdf) if Path(args.pdf).is_absolute() else root / args.pdf
    text = pdf_text(path)
    spans, review = derive(text)
    spans = set_anchors(spans, tokens(text))
    if args.review:
        for why, speaker, block in review:
            if why != "continues":
                print(f"[{why}] {speaker!r}: {' '.join(block.split())[:110]}")
        return
    gold = {
        "source": path.relative_to(root).as_posix(),
        "corpus": "denhaag_minutes",
        "reader": "pdf",
        "method": "derive_denhaag.py (label, page and agenda conventions), checked by eye",
        "spans": spans,
    }
    out = GOLD_DIR / f"denhaag_{'_'.join(path.stem.split('-')[:2])}.json"
    write_gold(out, gold, spans)
    print(f"{out}: {len(spans)} spans, {sum(s['start'] for s in spans)} turns")


if __name__ == "__main__":
    main()
