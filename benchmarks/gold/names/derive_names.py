"""Derive the person-name gold of the real Den Haag and Tweede Kamer records.

Independent of `pipeline/`: the text comes from pypdf (Den Haag PDFs) and lxml (Tweede
Kamer and ParlaMint XML), and the names from patterns that these records use for people:

- speaker labels: `Rita Verdonk (Hart voor Den Haag).`, `Wethouder Van Asten (D66).`,
  `De heer Van Zanen.` at a paragraph start of the minutes; `<spreker>` (voorvoegsels,
  achternaam) in Tweede Kamer XML; `<note type="speaker">` in ParlaMint TEI;
- self-introductions: `Mijn naam is Theo Monkhorst`;
- titled mentions: `de heer X`, `mevrouw Y`, `meneer Z`, `wethouder W`, `collega V`, and
  initials (`mr. J.H.C. van Zanen`);
- attendance lists: `Aanwezig zijn 43 leden: Ahraui (PvdA), ...` and `Afwezig: ...`;
- motions: `Indiener: Rutger de Ridder, Haagse VVD` and the signatures below
  `En gaat over tot de orde van de dag.`

What the patterns catch that is no person (a role after a title, a ministry after
"minister van") is listed in `NOT_NAMES` after reading every candidate by eye (`--review`).
A name is `speaker` when it occurs in a speaker label of its document, else `text`.

Usage:
    .venv/bin/python benchmarks/gold/names/derive_names.py [--data DIR] [--review]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from real_data import data_root  # noqa: E402

SOURCES = [
    "denhaag_gemeenteraad/notulen/*.pdf",
    "denhaag_gemeenteraad/other/*.pdf",
    "tk_handelingen_2018/*.xml",
    "parlamint_nl_samples/*.xml",
]
UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
WORD = rf"[{UPPER}][\w'’]*(?:-[{UPPER}]?[\w'’]+)*"
INTERFIX = (
    r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Hh]et|[Tt]en|[Tt]er|[Tt]e|'t|[Ii]n 't|[Oo]p|[Ee]l|[Aa]l)"
)
SURNAME = rf"(?:{INTERFIX}\s+){{0,3}}{WORD}"
FULL = rf"{WORD}(?:\s+(?:{INTERFIX}\s+){{0,3}}{WORD}){{1,3}}"
LABEL_TITLE = r"(?:De heer|Mevrouw|Wethouder|Burgemeester|Minister|Staatssecretaris)"
_LABEL_NAME = rf"(?P<name>(?:{SURNAME})(?:\s+(?:{INTERFIX}\s+)*{WORD}){{0,3}})"
# A label opens a paragraph: a title and a name, or a name and its party or agenda letter.
LABELS = [
    re.compile(rf"(?m)^\s*{LABEL_TITLE}\s+{_LABEL_NAME}\s*(?:\([^()\n]{{1,40}}\))?\.\s"),
    re.compile(rf"(?m)^\s*{_LABEL_NAME}\s*\([^()\n]{{1,40}}\)\.\s"),
]
MY_NAME = re.compile(rf"[Mm]ijn naam is\s+(?P<name>{WORD}(?:\s+(?:{INTERFIX}\s+)*{WORD}){{0,3}})")
TITLED = re.compile(
    rf"(?<![\w-])(?:[Dd]e heer|[Mm]evrouw|[Mm]eneer|[Mm]ijnheer|[Cc]ollega|[Ii]nspreker"
    rf")\s+(?P<name>{SURNAME}(?:\s+(?![A-Z]{{2,}}\b){WORD})?)"
)
# Motions in the Kamer's lists: "de motie van het lid Ellemeet c.s.", "de leden Kops en Krol".
MEMBERS_OF = re.compile(
    rf"(?:het lid|de leden)\s+(?P<list>{SURNAME}(?:(?:,\s*|\s+en\s+){SURNAME})*)"
)
# "minister van Financiën", "burgemeester van Rijswijk" name an office, not a person.
OFFICE = re.compile(
    rf"(?<![\w-])(?:[Ww]ethouder|[Bb]urgemeester|[Mm]inister|[Ss]taatssecretaris)"
    rf"\s+(?!van\s|voor\s)(?P<name>{SURNAME})"
)
# Two initials or more: "mr. J.H.C. van Zanen", "B.J. Bruins" (one initial is too often
# an agenda letter: "F. Voorstel van het college").
INITIALS = re.compile(rf"(?<![\w.])(?:[A-Z]\.\s?){{2,6}}\s?(?P<name>{SURNAME})")
ATTENDANCE = re.compile(r"(?s)(?:Aanwezig zijn \d+ leden:|Afwezig:)(?P<list>.*?)(?:\.\s*\n|$)")
MEMBER = re.compile(rf"(?P<name>{SURNAME}(?:\s+{WORD})?)\s*\(")
MOVERS = re.compile(r"Indieners?:\s*(?P<list>[^\n]+)")
SIGNED = re.compile(r"(?s)orde van de dag\.?\s*\n(?P<block>(?:[^\n]*\n){1,12})")
SIGNATURE = re.compile(rf"^\s*(?P<name>{FULL})\s*$")

# Read by eye (--review): what the patterns took for a name and is none. Roles and words
# after a title ("mevrouw De voorzitter"), ministries ("minister van Economische Zaken"),
# parties and places in labels ("Den Haag."), headings that end with a full stop.
NOT_NAMES = {
    "voorzitter", "de voorzitter", "van", "de", "het", "een", "dank", "ja", "nee", "goed",
    "wethouder", "burgemeester", "minister", "staatssecretaris", "griffier", "collega",
    "collega's", "inspreker", "insprekers", "agenda", "presentielijst", "stemmingen",
    "stemming", "aan", "den haag", "haag", "van binnenlandse", "van economische",
    "van financiën", "van justitie", "van sociale", "van volksgezondheid", "van onderwijs",
    "van buitenlandse", "van infrastructuur", "van landbouw", "van defensie", "van algemene",
    "voor", "president", "namens", "dus", "ook", "nog", "mijn", "wij", "zij", "hij", "ik",
    "hart voor den haag", "groenlinks", "d66", "vvd", "pvda", "cda", "sp", "pvv", "denk",
    "christenunie", "sgp", "fvd", "hsp", "pvdd", "gl", "cu", "volt", "bbb", "ja21", "nsc",
    "haagse vvd", "stad in de raad", "motie", "amendement", "orde", "sluiting", "opening",
    # 13 November 2024
    "bedrijveninvesteringszones", "financiën", "nederpelstraat", "sport", "stad",
    "tariefvoorstellen", "vast", "vaststelling", "voorstel", "zorg", "van bmt",
    "van den haag", "van kovancılar", "van rijswijk",
    # 19 December 2024 and 23 January 2025
    "visie op de ondergrond", "actualiteitendebat", "spelen", "van de partij", "de pier",
    "actieprogramma", "beantwoording", "beëdiging", "bibliotheken", "blokkades", "cultuur",
    "datumbepaling", "gewijzigd", "huisvesting", "laten", "mobiliteit", "openbare",
    "themadebat", "vastgoed", "verslag", "werkagenda",
    # 3 April 2025 and the other Den Haag records
    "buitenruimtedebat", "haags", "handhavingsdebat", "incident", "meldingen",
    "participatieplan", "publicatie", "reactie", "stand", "verhuizing", "volkshuisvesting",
    "voortgang", "wonen", "van pvda-huize", "van staedion", "van het cda", "abc westland",
    "den haag noord", "gr mrdh", "haagse preventieaanpak", "jordans residence",
    "kadernota overhead", "theresiakerk", "veiligheidsregio haaglanden", "de sportlaan",
    "de tweede wereldoorlog", "voorontwerp hobbemaplein",
    # Tweede Kamer
    "de bank", "van ezk", "van groenlinks", "van lnv", "het ets", "van ocw", "van vws",
    "de scheveningers", "van de aquajutter", "van het europees",
    # Sentence words after an agenda letter, and a first name whose person is in ADDED.
    "kort", "ben",
}  # fmt: skip
# Read by eye: persons the patterns cut short ("collega Ben van der Stee" gave "Ben").
ADDED = {"notulen-15439319": ["Ben van der Stee"]}  # by the record's file name
TITLE_WORDS = re.compile(
    r"^(?:(?:de heer|mevrouw|meneer|wethouder|burgemeester|minister|staatssecretaris|"
    r"collega|mr\.|drs\.|dr\.)\s+)+",
    re.IGNORECASE,
)


def pdf_text(path: Path) -> str:
    """pypdf's text of every page, with words hyphenated across a line end joined."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return re.sub(r"(\w)-\s*\n\s*([a-zà-ÿ])", r"\1\2", text)


def xml_root(path: Path):
    """The parsed XML, with the Tweede Kamer files' double-encoded BOM and mojibake fixed."""
    import ftfy
    from lxml import etree

    text = ftfy.fix_text(path.read_bytes().decode("utf-8", errors="replace"))
    return etree.parse(io.BytesIO(text.lstrip("\ufeff").lstrip().encode("utf-8"))).getroot()


def clean(name: str) -> str | None:
    """A candidate without titles and surrounding punctuation, or None for a non-name."""
    name = TITLE_WORDS.sub("", " ".join(name.split())).strip(" .,;:'’")
    name = re.sub(r"['’]s$", "", name)
    words = name.split()
    while words and re.fullmatch(INTERFIX, words[-1]):
        words.pop()
    name = " ".join(words)
    if len(name) < 2 or name.casefold() in NOT_NAMES or not re.search(f"[{UPPER}]", name):
        return None
    return name


def xml_texts(path: Path) -> tuple[str, list[str]]:
    """All text of an XML file and its speaker labels (Kamer `<spreker>`, TEI notes)."""
    root = xml_root(path)
    labels = []
    for spreker in root.iter("spreker"):
        name = spreker.findtext("naam/achternaam") or ""
        labels.append(" ".join(f"{spreker.findtext('voorvoegsels') or ''} {name}".split()))
    for note in root.iter("{*}note"):
        if note.get("type") == "speaker":
            labels.append(re.sub(r"\s*\(.*?\)\s*$", "", " ".join((note.text or "").split())))
    return " ".join(" ".join(root.itertext()).split()), labels


def candidates(path: Path) -> tuple[Counter, Counter]:
    """Names found in one record: (speaker label names, names found elsewhere)."""
    speakers: Counter = Counter()
    others: Counter = Counter()
    if path.suffix == ".pdf":
        text = pdf_text(path)
        labels = [m["name"] for label in LABELS for m in label.finditer(text)]
        flat = " ".join(text.split())
        for match in ATTENDANCE.finditer(text):
            others.update(m["name"] for m in MEMBER.finditer(" ".join(match["list"].split())))
        for match in MOVERS.finditer(text):
            others.update(re.split(r",\s*|\s+en\s+", re.sub(r"\(.*?\)", "", match["list"])))
        for match in SIGNED.finditer(text):
            others.update(
                m["name"] for line in match["block"].splitlines() if (m := SIGNATURE.match(line))
            )
    else:
        flat, labels = xml_texts(path)
    speakers.update(labels)
    for pattern in (MY_NAME, TITLED, OFFICE, INITIALS):
        others.update(m["name"] for m in pattern.finditer(flat))
    for match in MEMBERS_OF.finditer(flat):
        others.update(re.split(r",\s*|\s+en\s+", match["list"]))
    return _cleaned(speakers), _cleaned(others)


def _cleaned(counter: Counter) -> Counter:
    out: Counter = Counter()
    for name, n in counter.items():
        if (name := clean(name)) is not None:
            out[name] += n
    return out


def gold_of(path: Path, root: Path) -> dict:
    """The gold of one record: each name with its kind and how often the patterns met it."""
    speakers, others = candidates(path)
    names = [{"name": n, "kind": "speaker", "n": c} for n, c in sorted(speakers.items())]
    for name in (n for key, names in ADDED.items() if key in path.name for n in names):
        others[name] += 1
    names += [
        {"name": n, "kind": "text", "n": c} for n, c in sorted(others.items()) if n not in speakers
    ]
    return {"source": str(path.relative_to(root)), "names": names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="dev data root")
    parser.add_argument("--review", action="store_true", help="print every name, write nothing")
    args = parser.parse_args()
    root = data_root(args.data)
    records = [gold_of(p, root) for pattern in SOURCES for p in sorted(root.glob(pattern))]
    if args.review:
        for record in records:
            print(f"== {record['source']}")
            for name in record["names"]:
                print(f"   {name['kind']:8s} {name['n']:4d}  {name['name']}")
        return
    out = HERE / "names.json"
    out.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    total = sum(len(r["names"]) for r in records)
    print(f"{len(records)} records, {total} names -> {out}")


if __name__ == "__main__":
    main()
