"""Labelled sets for the themes benchmark: real records, labelled, and the synthetic scale set.

- Tweede Kamer debates (`tk_handelingen_2018`, four debates of 5 April 2018), labelled by
  debate: term contexts (hits of the nouns common to all four debates) and whole turns.
- Den Haag council minutes (`denhaag_gemeenteraad/notulen`), labelled by agenda item: the
  line after each `Aan de orde is:` names the item, and every segment up to the next one
  belongs to it. Term contexts of the focal terms below.
- Synthetic: runs of 2-4 consecutive sentences of the Dutch UD treebanks, one hit per run,
  labelled by source document (for scale; topics there are weak).

The real sets read the ingest and annotate outputs of `kruispunt ingest` and `kruispunt
annotate` over copies of the files (the benchmark's --prepared folder, see bench_themes).
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from pipeline.schemas import columns
from pipeline.stopwords import dutch_stop_words

ROOT = Path(__file__).resolve().parents[1]
UD_DIR = ROOT.parent / "shared" / "data" / "ud-dutch"
SPEAKERS = ["Anna", "Bram", "Chaima", "Daan", "Esra", "Fatima"]
# Den Haag: focal terms of the research questions, as a researcher would name them.
DH_TERMS = ("participatie", "statushouder", "inburgering", "bewoner", "jongere", "wijk",
            "woning", "armoede", "veiligheid", "college")  # fmt: skip
AGENDA = re.compile(r"Aan de orde is:\s*\n+\s*([^\n]+)")


def _hit_rows(tokens: pd.DataFrame, segments: pd.DataFrame, mask) -> pd.DataFrame:
    """term_hits rows for the tokens under `mask` (term = lemma)."""
    hits = tokens[mask]
    speakers = segments.set_index("seg_id")["speaker"]
    return pd.DataFrame({
        "hit_id": hits["seg_id"] + ":" + hits["tok_idx"].astype(str),
        "term": hits["lemma"].str.lower(), "matched": hits["text"], "match_kind": "term",
        "doc_id": hits["doc_id"], "seg_id": hits["seg_id"], "sent_idx": hits["sent_idx"],
        "tok_start": hits["tok_idx"], "tok_end": hits["tok_idx"] + 1,
        "char_start": hits["char_start"], "char_end": hits["char_end"],
        "speaker": hits["seg_id"].map(speakers), "section": None,
        "left": "", "right": "", "sentence": "",
    }).reindex(columns=columns("term_hits")).reset_index(drop=True)  # fmt: skip


def term_hits(tokens: pd.DataFrame, segments: pd.DataFrame, terms) -> pd.DataFrame:
    """Hits of the focal `terms` (by lemma)."""
    return _hit_rows(tokens, segments, tokens["lemma"].str.lower().isin(set(terms)))


def turn_hits(tokens: pd.DataFrame, segments: pd.DataFrame, *, min_tokens: int = 40):
    """One hit per turn of at least `min_tokens` tokens, on its first token (whole-turn
    contexts come from a large `context_sentences`)."""
    size = tokens.groupby("seg_id")["tok_idx"].transform("size")
    first = tokens["tok_idx"] == tokens.groupby("seg_id")["tok_idx"].transform("min")
    return _hit_rows(tokens, segments, first & (size >= min_tokens))


def common_nouns(tokens: pd.DataFrame, n: int = 10) -> list[str]:
    """The `n` nouns whose least count over the documents is highest (in every debate)."""
    nouns = tokens[(tokens["upos"] == "NOUN") & ~tokens["is_stop"]]
    counts = nouns.groupby(["doc_id", nouns["lemma"].str.lower()]).size().unstack(0, fill_value=0)
    return counts.min(axis=1).sort_values(ascending=False).head(n).index.tolist()


def agenda_labels(documents: pd.DataFrame, segments: pd.DataFrame) -> pd.Series:
    """Agenda item of each segment (None before the first `Aan de orde is:`), by seg_id."""
    out = {}
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        items = [(m.start(), m.group(1).strip()) for m in AGENDA.finditer(text)]
        segs = segments[segments["doc_id"] == doc_id]
        for seg_id, start in zip(segs["seg_id"], segs["char_start"], strict=True):
            before = [name for pos, name in items if pos <= start]
            out[seg_id] = f"{doc_id[:30]}|{before[-1]}" if before else None
    return pd.Series(out, dtype=object)


def real_set(folder: Path, kind: str):
    """documents, tokens, hits and the label of each seg_id, for one prepared real set.

    Args:
        folder: Output of ingest + annotate (documents, segments, tokens parquet).
        kind: `tk-terms`, `tk-turns`, `dh-terms` or `dh-turns`.
    """
    documents = pd.read_parquet(folder / "documents.parquet")
    segments = pd.read_parquet(folder / "segments.parquet")
    tokens = pd.read_parquet(folder / "tokens.parquet")
    if kind.startswith("tk"):
        labels = segments.set_index("seg_id")["doc_id"]
        terms = common_nouns(tokens)
    else:
        labels = agenda_labels(documents, segments).dropna()
        terms = list(DH_TERMS)
    hits = turn_hits(tokens, segments) if kind.endswith("turns") else term_hits(
        tokens, segments, terms)  # fmt: skip
    hits = hits[hits["seg_id"].isin(labels.index)].reset_index(drop=True)
    return documents, tokens, hits, labels, sorted(set(hits["term"]))


def read_documents() -> dict[str, list[list[tuple]]]:
    """Sentences per source document, in document order: lists of (form, lemma, upos, space)."""
    docs: dict[str, list[tuple[tuple[int, int], list[tuple]]]] = defaultdict(list)
    for path in sorted(UD_DIR.glob("*.conllu")):
        sent_id, sent = "", []
        for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
            if line.startswith("# sent_id") or re.match(r"# [\w-]+\.p\.\d+\.s\.\d+", line):
                sent_id = line.split("=", 1)[-1].strip().lstrip("# ").strip()
            elif not line:
                match = re.match(r"(.+?)\.p\.(\d+)\.s\.(\d+)", sent_id.replace("\\", "/"))
                if sent and match:
                    doc = path.stem.split("-")[0] + ":" + match.group(1).split("/")[-1]
                    docs[doc].append(((int(match.group(2)), int(match.group(3))), sent))
                sent = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                sent.append((cols[1], cols[2], cols[3], "SpaceAfter=No" not in cols[9]))
    return {doc: [s for _, s in sorted(items)] for doc, items in sorted(docs.items())}


def lemma_of(lemma: str, upos: str) -> str:
    """The tokens contract: lower-cased except proper nouns, never `_` (UD writes mee_doen)."""
    return (lemma if upos == "PROPN" else lemma.lower()).replace("_", "")


def build_tables(n_contexts: int, *, seed: int = 0):
    """Documents, tokens and term hits with exactly `n_contexts` one-hit segments."""
    rng = random.Random(seed)
    docs = read_documents()
    runs = [
        (doc, sents[i : i + width])
        for width in (3, 2, 4)
        for doc, sents in docs.items()
        for i in range(0, max(1, len(sents) - width + 1))
    ]
    rng.shuffle(runs)
    stop = dutch_stop_words()
    tok_cols: dict[str, list] = {c: [] for c in columns("tokens")}
    hit_rows, texts = [], defaultdict(list)
    lengths: Counter[str] = Counter()
    made = 0
    for source, sentences in runs:
        middle = len(sentences) // 2
        nouns = [i for i, t in enumerate(sentences[middle]) if t[2] == "NOUN"]
        if not nouns:
            continue
        doc_id = f"ud/{source.replace(':', '_')}.txt"
        seg_idx = len(texts[doc_id])
        seg_id = f"{doc_id}#{seg_idx:04d}"
        speaker = SPEAKERS[made % len(SPEAKERS)]
        offset = lengths[doc_id] + (2 if seg_idx else 0)
        text, tok_idx, hit = "", 0, None
        for sent_idx, sentence in enumerate(sentences):
            for i, (form, lemma, upos, space) in enumerate(sentence):
                start = offset + len(text)
                text += form + (" " if space else "")
                values = {
                    "seg_id": seg_id, "doc_id": doc_id, "sent_idx": sent_idx, "tok_idx": tok_idx,
                    "text": form, "lemma": lemma_of(lemma, upos),
                    "upos": upos, "tag": "", "morph": "", "dep": "dep", "head_idx": tok_idx,
                    "is_stop": form.lower() in stop, "is_punct": upos == "PUNCT",
                    "char_start": start, "char_end": start + len(form), "ent_type": None,
                }  # fmt: skip
                for key, value in values.items():
                    tok_cols[key].append(value)
                if sent_idx == middle and i == nouns[0]:
                    hit = (tok_idx, start, form, lemma.lower())
                tok_idx += 1
        text = text.rstrip()
        texts[doc_id].append(text)
        lengths[doc_id] = offset + len(text)
        tok, start, form, term = hit
        hit_rows.append({
            "hit_id": f"{seg_id}:{tok}", "term": term, "matched": form, "doc_id": doc_id,
            "seg_id": seg_id, "sent_idx": middle, "tok_start": tok, "tok_end": tok + 1,
            "char_start": start, "char_end": start + len(form), "speaker": speaker,
            "section": None, "left": "", "right": "", "sentence": "", "match_kind": "term",
        })  # fmt: skip
        made += 1
        if made == n_contexts:
            break
    full = {doc: "\n\n".join(parts) for doc, parts in texts.items()}
    documents = pd.DataFrame({
        "doc_id": list(full), "source_path": list(full), "sha256": ["0" * 64] * len(full),
        "format": ["txt"] * len(full), "title": list(full),
        "n_chars": [len(t) for t in full.values()], "text": list(full.values()),
    })  # fmt: skip
    return documents, pd.DataFrame(tok_cols), pd.DataFrame(hit_rows, columns=columns("term_hits"))
