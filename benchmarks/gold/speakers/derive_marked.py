"""Write the speaker gold of short documents from turn marks set by hand, and of no-turn ones.

Each document below is listed with its marks: the first words (normalised, as in
`speaker_gold.tokens`) where a span begins, its gold speaker (None: nobody speaks it) and
the number of label words it starts with (a span with label words starts a turn). A span
runs to the next mark; the text before the first mark is spoken by nobody. The marks were
set by reading each file in full; a document without turns has no marks at all.

Usage: .venv/bin/python benchmarks/gold/speakers/derive_marked.py [--data DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from real_data import data_root
from speaker_gold import GOLD_DIR, reference_words, set_anchors, write_gold

OTHER = "other_municipalities_pages/"
REPORTS = "participation_reports_pages/"
DH_OTHER = "denhaag_gemeenteraad/other/"

# name: (source, corpus, reader, marks)
DOCUMENTS: dict[str, tuple[str, str, str, list[tuple[str, str | None, int]]]] = {
    "utrecht_raad_2011-09-22": (
        OTHER + "utrecht_notulen_gemeenteraad_2011-09-22_docplayer.txt",
        "other_minutes",
        "txt",
        [
            # `De VOORZITTER opent de vergadering en spreekt als volgt:` is the chair's label.
            ("de voorzitter opent de vergadering en spreekt als volgt dames", "De voorzitter", 9),
            ("mevrouw bikker christenunie voorzitter ik ken", "Mevrouw BIKKER (ChristenUnie)", 3),
        ],
    ),
    "nijmegen_besluitronde_2012-05-23": (
        OTHER + "nijmegen_verslag_besluitronde_politieke_avond_2012-05-23_docplayer.txt",
        "other_minutes",
        "txt",
        [
            ("1 opening en mededelingen de voorzitter", None, 0),  # agenda item
            ("de voorzitter de vergadering van de raad", "De voorzitter", 2),
            ("2 agendavaststelling inclusief de orde", None, 0),  # agenda item
            ("de voorzitter op tafel zijn", "De voorzitter", 2),
        ],
    ),
    "stadskanaal_commissie_2013-09-16": (
        OTHER + "stadskanaal_commissievergadering_2013-09-16_gesproken_tekst.txt",
        "other_minutes",
        "txt",
        [
            # `• 0:11 J. Deuring / raadslid CDA / J. Deuring` (time, name, role, name) labels.
            ("011 j deuring raadslid cda j deuring heel", "J. Deuring", 7),
            ("2 mededelingen 041", None, 0),  # agenda item
            ("041 j deuring raadslid cda j deuring en", "J. Deuring", 7),
            ("3 vaststellen agenda 03 agenda", None, 0),  # agenda item and its document
            ("12 j deuring raadslid cda j deuring we", "J. Deuring", 7),
            ("02 j hamster wethouder christenunie j hamster ja", "J. Hamster", 7),
            ("02 j deuring raadslid cda j deuring dan", "J. Deuring", 7),
        ],
    ),
    "report_bilgaard_2013-09": (
        REPORTS + "leeuwarden_bilgaard_verslag_denktank_gealanden_2013-09.txt",
        "no_turns",
        "txt",
        [],
    ),
    "report_ede_zeeheldenbuurt": (
        REPORTS + "ede_zeeheldenbuurt_vragen_en_opmerkingen_over_het_proces.txt",
        "no_turns",
        "txt",
        [],
    ),
}
for _stem, _name in [
    ("amendement-15374264-i-d-gl-amendement-democratische-legitimiteit-vergt-ook-participatie",
     "denhaag_amendement_15374264"),
    ("besluitenlijst-15091276-20250123-besluitenlijst", "denhaag_besluitenlijst_15091276"),
    ("besluitenlijst-15393669-20250403-besluitenlijst", "denhaag_besluitenlijst_15393669"),
    ("motie-15079765-q-1-d66-motie-bied-de-helpende-hand-met-een-passende-taalles-voor-de-"
     "arbeidsmigrant-aangehouden", "denhaag_motie_15079765"),
    ("motie-15372140-g-10-hvdh-motie-altijd-draagvlakonderzoek", "denhaag_motie_15372140"),
    ("motie-15374598-n-2-vvd-motie-er-moet-over-alles-geparticipeerd-kunnen-worden",
     "denhaag_motie_15374598"),
    ("motie-15407868-ris321441-afdoening-motie-samen-de-schouders-eronder-voor-transvaal-en-de-"
     "schilderswijk", "denhaag_collegebrief_15407868"),
    ("raadsvoorstel-14980963-ris321030-initiatiefvoorstel-hart-voor-den-haag-actieve-en-"
     "gezonder-jongeren-elke-meter-telt", "denhaag_raadsvoorstel_14980963"),
]:  # fmt: skip
    DOCUMENTS[_name] = (f"{DH_OTHER}{_stem}.pdf", "no_turns", "pdf", [])


def spans_from_marks(ref: list[str], marks: list[tuple[str, str | None, int]]) -> list[dict]:
    """The spans of a document from its marks, each found after the one before it."""
    starts: list[tuple[int, str | None, int]] = []
    at = 0
    for phrase, speaker, label in marks:
        words = phrase.split()
        found = next(
            (i for i in range(at, len(ref) - len(words) + 1) if ref[i : i + len(words)] == words),
            None,
        )
        if found is None:
            raise ValueError(f"mark {phrase!r} not found after word {at}")
        starts.append((found, speaker, label))
        at = found + 1
    spans = []
    if not starts or starts[0][0] > 0:
        first = starts[0][0] if starts else len(ref)
        spans.append({"speaker": None, "start": False, "label": 0, "words": first})
    for k, (begin, speaker, label) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(ref)
        start = label > 0 and speaker is not None
        spans.append({"speaker": speaker, "start": start, "label": label, "words": end - begin})
    return set_anchors(spans, ref)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="dev data root")
    args = parser.parse_args()
    root = data_root(args.data)
    for name, (source, corpus, reader, marks) in DOCUMENTS.items():
        ref = reference_words(root / source, reader)
        spans = spans_from_marks(ref, marks)
        method = "derive_marked.py: turn marks set by hand" if marks else "no turns (read in full)"
        meta = {"source": source, "corpus": corpus, "reader": reader, "method": method}
        write_gold(GOLD_DIR / f"{name}.json", meta, spans)
        print(f"{name}: {len(ref)} words, {len(spans)} spans")


if __name__ == "__main__":
    main()
