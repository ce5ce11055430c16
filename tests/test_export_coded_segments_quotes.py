"""A long segment is quoted around each coded span, not copied whole onto every coding."""

import pandas as pd
import pytest

from pipeline.export.coded_segments import SEGMENT_QUOTE_CHARS, build_coded_segments, quote_bounds
from pipeline.export.selections import Selection

# Positions: aaa 0-3, bbb 4-7, ccc 8-11, ddd 12-15, eee 16-19, fff 20-23, ggg 24-27.
TEXT = "aaa bbb ccc ddd eee fff ggg"


@pytest.mark.parametrize(
    ("span", "max_chars", "expected"),
    [
        # Short enough: the whole segment.
        ((12, 15), 27, (0, 27)),
        # 11 around "ddd": 4 each side, 8..19, both sides already at whitespace.
        ((12, 15), 11, (8, 19)),
        # 9 around "ddd": 9..18 cuts "ccc" and "eee"; both sides move inward to "ddd".
        ((12, 15), 9, (12, 15)),
        # At the start: 0..9 would cut "ccc", so it ends after "bbb".
        ((0, 3), 9, (0, 7)),
        # At the end: 18..27 would cut "eee", so it starts at "fff".
        ((24, 27), 9, (20, 27)),
        # A span longer than the bound is quoted alone.
        ((4, 19), 9, (4, 19)),
    ],
)
def test_quote_bounds(span, max_chars, expected):
    assert quote_bounds(TEXT, (0, len(TEXT)), span, max_chars=max_chars) == expected


def test_quote_bounds_stay_inside_a_segment_of_a_longer_document():
    # The segment is "bbb ccc ddd eee" (4..19); 7 around "ddd" would be 10..17: "c" and
    # "e" are cut, so the passage is "ddd" alone.
    assert quote_bounds(TEXT, (4, 19), (12, 15), max_chars=7) == (12, 15)
    # At the segment's start: 4..11 ("bbb ccc") fits 7 exactly, and 11 is a word end.
    assert quote_bounds(TEXT, (4, 19), (4, 7), max_chars=7) == (4, 11)


def _one_long_turn(n_words: int):
    """One document of one turn: `regie` every 50th word, coded once per hit."""
    words = ["regie" if i % 50 == 0 else f"woord{i % 7}" for i in range(n_words)]
    text = "Jan: " + " ".join(words)
    seg = pd.DataFrame(
        {
            "seg_id": ["d#0"],
            "doc_id": ["d"],
            "seg_idx": [0],
            "section": [""],
            "speaker": ["Jan"],
            "start_s": [float("nan")],
            "end_s": [float("nan")],
            "char_start": [5],
            "char_end": [len(text)],
            "text": [text[5:]],
        }
    )
    starts = [i for i in range(len(text)) if text.startswith("regie", i)]
    hits = pd.DataFrame(
        {
            "hit_id": [f"h{i}" for i in range(len(starts))],
            "seg_id": "d#0",
            "term": "regie",
            "matched": "regie",
        }
    )
    selections = [
        Selection("d", s, s + 5, f"hit:h{i}", "regie", ("g",)) for i, s in enumerate(starts)
    ]
    codebook = pd.DataFrame(
        {"guid": ["g"], "code_id": ["regie"], "level": ["term"], "term": ["regie"], "theme": [""]}
    )
    contexts = pd.DataFrame({"context_id": [], "seg_id": [], "probability": []}, dtype=object)
    documents = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    return text, build_coded_segments(
        selections, seg, hits, contexts, codebook, documents=documents
    )


def test_a_long_turn_is_quoted_around_each_hit():
    # 10,000 words of about 6 characters: a turn far over the bound, with 200 hits.
    text, table = _one_long_turn(10_000)
    assert len(text) > 10 * SEGMENT_QUOTE_CHARS
    assert len(table) == 200
    for row in table.itertuples():
        assert text[row.segment_char_start : row.segment_char_end] == row.segment_text
        assert row.segment_char_start <= row.char_start < row.char_end <= row.segment_char_end
        assert len(row.segment_text) <= SEGMENT_QUOTE_CHARS
        assert row.coded_text == "regie"
    # Hits are 50 words (about 340 characters) apart, so each passage holds several.
    assert (table["segment_text"].str.len() > SEGMENT_QUOTE_CHARS // 2).all()


def test_a_short_turn_is_quoted_whole():
    # 100 words: 5 + about 650 characters, under the bound; every row quotes all of it.
    text, table = _one_long_turn(100)
    assert len(text) < SEGMENT_QUOTE_CHARS
    assert set(table["segment_text"]) == {text[5:]}
    assert set(table["segment_char_start"]) == {5}
    assert set(table["segment_char_end"]) == {len(text)}
