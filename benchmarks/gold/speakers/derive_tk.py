"""Derive the speaker gold of a Tweede Kamer Handelingen XML file from its own markup.

The official-publication XML marks every turn: `<spreekbeurt>` holds a `<spreker>`
(voorvoegsels, achternaam, politiek) and the `<tekst>` spoken; a `<motie-info>` inside a
member's text has a `<spreker>` of its own (the chair announcing the motion). The gold
takes the speakers from there (`speaker_gold.tk_pieces`); the words of every `<spreker>`
are the turn's label, and text outside a `<spreekbeurt>` (titles, the agenda item) is
spoken by nobody. Nothing is corrected by hand.

Usage:
    .venv/bin/python benchmarks/gold/speakers/derive_tk.py tk_handelingen_2018/<file>.xml
        [--corpus tk_xml|no_turns] [--review]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from real_data import data_root
from speaker_gold import GOLD_DIR, set_anchors, tk_pieces, tokens, write_gold


def derive(pieces: list[tuple[str, str | None, bool]]) -> list[dict]:
    """The gold spans of a file's pieces: a new span at every label or change of speaker."""
    spans: list[dict] = []
    for text, speaker, is_label in pieces:
        words = tokens(text)
        if not words:
            continue
        last = spans[-1] if spans else None
        if is_label:
            # A label right after another label of the same turn (never seen) would join it.
            spans.append(
                {"speaker": speaker, "start": True, "label": len(words), "words": len(words)}
            )
        elif last is not None and last["speaker"] == speaker:
            last["words"] += len(words)
        else:
            spans.append({"speaker": speaker, "start": False, "label": 0, "words": len(words)})
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xml", help="path relative to the data root, or absolute")
    parser.add_argument("--data", default=None, help="dev data root")
    parser.add_argument("--corpus", default="tk_xml")
    parser.add_argument("--review", action="store_true")
    args = parser.parse_args()
    root = data_root(args.data)
    path = Path(args.xml) if Path(args.xml).is_absolute() else root / args.xml
    pieces = tk_pieces(path)
    ref = [word for text, _, _ in pieces for word in tokens(text)]
    spans = set_anchors(derive(pieces), ref)
    if args.review:
        at = 0
        for span in spans:
            words = ref[at : at + span["words"]]
            print(f"[{span['speaker']}] {' '.join(words[:14])} ... {' '.join(words[-6:])}")
            at += span["words"]
        return
    meta = {
        "source": path.relative_to(root).as_posix(),
        "corpus": args.corpus,
        "reader": "tk-xml",
        "method": "derive_tk.py: speakers from <spreekbeurt>/<spreker> markup, no corrections",
    }
    out = GOLD_DIR / f"tk_{path.stem.removeprefix('h-tk-')}.json"
    write_gold(out, meta, spans)
    print(f"{out}: {len(spans)} spans, {sum(s['start'] for s in spans)} turns")


if __name__ == "__main__":
    main()
