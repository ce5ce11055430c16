"""The example corpus against the hand-made gold speaker turns (tests/data/gold/turns)."""

from pathlib import Path

import pandas as pd
import pytest

from pipeline.ingest import ingest_folder

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOLD = sorted((ROOT / "tests" / "data" / "gold" / "turns").glob("*.csv"))

pytestmark = pytest.mark.skipif(not GOLD or not RAW.is_dir(), reason="example corpus not present")


@pytest.fixture(scope="module")
def corpus():
    return ingest_folder(RAW)


def _recovered(gold: pd.DataFrame, segments: pd.DataFrame) -> list[bool]:
    """Match gold turns to segments in order: same speaker, text starting with first_words."""
    speakers, texts = segments["speaker"].tolist(), segments["text"].tolist()
    position, found = 0, []
    for turn in gold.itertuples():
        hit = next(
            (
                k
                for k in range(position, len(texts))
                if speakers[k] == turn.speaker and texts[k].startswith(turn.first_words)
            ),
            None,
        )
        found.append(hit is not None)
        position = hit + 1 if hit is not None else position
    return found


def test_ingest_gold_every_corpus_file_read(corpus):
    problems = [row for row in corpus.report if row["status"] != "ok"]
    assert problems == []


def test_ingest_gold_turns_recovered(corpus):
    found, misses = [], []
    for path in GOLD:
        gold = pd.read_csv(path, keep_default_na=False, dtype={"speaker": str, "first_words": str})
        doc_id = gold["doc_id"].iloc[0]
        assert doc_id in set(corpus.documents["doc_id"]), doc_id
        hits = _recovered(
            gold.sort_values("turn_idx"), corpus.segments[corpus.segments["doc_id"] == doc_id]
        )
        found += hits
        misses += [
            (doc_id, turn) for turn, hit in zip(gold["turn_idx"], hits, strict=True) if not hit
        ]
    share = sum(found) / len(found)
    assert share >= 0.98, f"{share:.1%} of {len(found)} gold turns recovered; missed {misses[:20]}"


@pytest.mark.parametrize("path", GOLD, ids=[path.stem for path in GOLD])
def test_ingest_gold_segments_are_slices(corpus, path):
    doc_id = pd.read_csv(path, nrows=1)["doc_id"].iloc[0]
    text = corpus.documents.set_index("doc_id").loc[doc_id, "text"]
    segments = corpus.segments[corpus.segments["doc_id"] == doc_id]
    assert all(text[s.char_start : s.char_end] == s.text for s in segments.itertuples())
