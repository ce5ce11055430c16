"""Term matching against the hand-checked gold occurrences of the example corpus.

The gold file `tests/data/gold/term_hits.csv` lists every occurrence as doc_id, term,
matched (the whole word as written) and occurrence (1-based among the case-insensitive
whole-word occurrences of that word in the document).
The test runs ingest and annotate with the bundled model on data/raw, matches the terms, and
compares on (doc_id, term, lower-cased matched, occurrence).

The pipeline analyses segments (speaker turns, paragraphs and headings), so every gold
occurrence must lie inside a segment; the test checks that first. The gold lists what is
written, so only hits that match the term as written (`match_kind` term or compound) are
scored; anaphor and bridged hits, flagged apart, are not in it.
"""

import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.annotate.stage import annotate
from pipeline.associate.associations import associate_terms
from pipeline.ingest.stage import ingest
from pipeline.params import load_params
from pipeline.tables import read_table

ROOT = Path(__file__).resolve().parents[1]
MODEL_DIR = ROOT / "models" / "nl_ud_sm"
GOLD_FILE = ROOT / "tests" / "data" / "gold" / "term_hits.csv"
MIN_PRECISION = MIN_RECALL = 0.98


def read_gold() -> tuple[pd.DataFrame, set[str] | None]:
    """The gold rows, and the documents they cover (None: every document)."""
    return pd.read_csv(GOLD_FILE, keep_default_na=False), None


def _word_starts(text: str, word: str) -> list[int]:
    """Offsets of the case-insensitive whole-word occurrences of `word` in `text`."""
    pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
    return [m.start() for m in re.finditer(pattern, text, re.IGNORECASE)]


def occurrence_keys(term_hits: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Key each predicted hit the way the gold does: the n-th whole-word occurrence."""
    texts = documents.set_index("doc_id")["text"]
    keys = []
    for hit in term_hits.itertuples(index=False):
        starts = _word_starts(texts[hit.doc_id], hit.matched)
        occurrence = starts.index(hit.char_start) + 1 if hit.char_start in starts else 0
        keys.append((hit.doc_id, hit.term, hit.matched.lower(), occurrence))
    return pd.DataFrame(keys, columns=["doc_id", "term", "matched", "occurrence"])


def inside_segments(gold: pd.DataFrame, documents: pd.DataFrame, segments: pd.DataFrame):
    """Per gold row: does its occurrence lie inside a segment's text?"""
    texts = documents.set_index("doc_id")["text"]
    spans = segments.groupby("doc_id")[["char_start", "char_end"]].apply(
        lambda df: list(zip(df["char_start"], df["char_end"], strict=True))
    )
    inside = []
    for row in gold.itertuples(index=False):
        starts = _word_starts(texts.get(row.doc_id, ""), row.matched)
        at = starts[int(row.occurrence) - 1] if 0 < int(row.occurrence) <= len(starts) else None
        inside.append(at is None or any(lo <= at < hi for lo, hi in spans.get(row.doc_id, [])))
    return pd.Series(inside, index=gold.index, dtype=bool)


def score(predicted: pd.DataFrame, gold: pd.DataFrame, docs: set[str] | None) -> dict:
    """Precision, recall and the disagreements over the gold documents."""

    def as_set(df):
        df = df if docs is None else df[df["doc_id"].isin(docs)]
        return set(
            zip(
                df["doc_id"],
                df["term"],
                df["matched"].str.lower(),
                df["occurrence"].astype(int),
                strict=True,
            )
        )

    pred, true = as_set(predicted), as_set(gold)
    hit = len(pred & true)
    return {
        "precision": hit / len(pred) if pred else 1.0,
        "recall": hit / len(true) if true else 1.0,
        "n_predicted": len(pred),
        "n_gold": len(true),
        "false_positives": sorted(pred - true),
        "false_negatives": sorted(true - pred),
    }


@pytest.fixture(scope="session")
def example_corpus(tmp_path_factory):
    if not MODEL_DIR.exists():
        pytest.skip(f"bundled model {MODEL_DIR} not built yet")
    params = load_params(ROOT / "params.yaml")
    interim = tmp_path_factory.mktemp("gold") / "interim"
    ingest(ROOT / "data" / "raw", interim, params, cache_dir=None)
    annotate(interim, params)
    tables = {name: read_table(interim / f"{name}.parquet", name) for name in ("tokens",)}
    tables["segments"] = read_table(interim / "segments.parquet", "segments")
    tables["documents"] = read_table(interim / "documents.parquet", "documents")
    return tables, params


def test_terms_gold_precision_and_recall(example_corpus):
    gold, docs = read_gold()
    if gold.empty and docs == set():
        pytest.skip("no gold term occurrences yet")
    tables, params = example_corpus
    result = associate_terms(tables["tokens"], tables["segments"], params=params.associate)
    written = result.term_hits[result.term_hits["match_kind"].isin(["term", "compound"])]
    predicted = occurrence_keys(written, tables["documents"])
    inside = inside_segments(gold, tables["documents"], tables["segments"])
    assert inside.all(), gold[~inside]
    figures = score(predicted, gold, docs)
    report = (
        f"P={figures['precision']:.4f} R={figures['recall']:.4f} "
        f"(predicted {figures['n_predicted']}, gold {figures['n_gold']})\n"
        f"false positives: {figures['false_positives']}\n"
        f"false negatives: {figures['false_negatives']}"
    )
    print(report)
    assert figures["precision"] >= MIN_PRECISION, report
    assert figures["recall"] >= MIN_RECALL, report


@pytest.mark.parametrize(
    ("text", "matched", "start", "want"),
    [
        ("Regie, regie en regievoering; de regie.", "regie", 33, 3),
        ("Regie, regie en regievoering; de regie.", "Regie", 0, 1),
        ("burger-initiatief en burgerinitiatief-achtig", "burger-initiatief", 0, 1),
        ("x zelfredzaamheid/samenredzaamheid", "samenredzaamheid", 18, 1),
    ],
)
def test_terms_gold_occurrence_keys_count_whole_words(text, matched, start, want):
    hits = pd.DataFrame(
        {"doc_id": ["d"], "term": ["t"], "matched": [matched], "char_start": [start]}
    )
    documents = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    assert occurrence_keys(hits, documents)["occurrence"].tolist() == [want]
