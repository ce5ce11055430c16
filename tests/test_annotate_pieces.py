"""Long segments are annotated in pieces: cut at boundaries, joined with exact offsets."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
import spacy
from builders import segment_row

from pipeline.annotate import cache
from pipeline.annotate.pieces import append_piece, batches, piece_bounds, shift_piece
from pipeline.annotate.tokens import annotate_segments
from pipeline.params import AnnotateParams

SENTENCE = "De gemeente voert de regie, maar maatwerk vraagt vertrouwen. "


@pytest.mark.parametrize(
    ("text", "max_chars", "expected"),
    [
        ("kort", 10, [(0, 4)]),
        ("", 10, [(0, 0)]),
        # A paragraph break wins over a sentence end nearer the bound.
        ("Aaaa aaaa.\n\nBb. Cc. Dd ee", 16, [(0, 12), (12, 25)]),
        # Without line breaks: the last sentence end in the second half.
        ("Aaa bbb. Ccc ddd. Eee fff", 18, [(0, 18), (18, 25)]),
        # One word longer than the bound is cut at the bound.
        ("x" * 25, 10, [(0, 10), (10, 20), (20, 25)]),
    ],
)
def test_pieces_bounds_cut_at_boundaries(text, max_chars, expected):
    assert piece_bounds(text, max_chars) == expected


@pytest.mark.parametrize("max_chars", [50, 333, 1000])
def test_pieces_bounds_cover_the_text_within_the_bound(max_chars):
    text = (SENTENCE * 40 + "\n") * 3 + "woord" * 300
    bounds = piece_bounds(text, max_chars)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(bounds))
    assert all(0 < end - start <= max_chars for start, end in bounds)


def test_pieces_batches_bound_count_and_characters():
    items = [("x" * n, i) for i, n in enumerate([10, 10, 10, 95, 5, 200, 1])]
    grouped = [[i for _, i in batch] for batch in batches(items, batch_size=2, max_chars=100)]
    assert grouped == [[0, 1], [2], [3, 4], [5], [6]]


def test_pieces_append_shifts_token_head_and_sentence_numbers():
    first = {"tok_idx": [0, 1], "head_idx": [1, 1], "sent_idx": [0, 0], "text": ["a", "b"]}
    second = {"tok_idx": [0, 1], "head_idx": [0, 0], "sent_idx": [0, 1], "text": ["c", "d"]}
    joined = append_piece(append_piece(None, first), second)
    assert joined == {
        "tok_idx": [0, 1, 2, 3],
        "head_idx": [1, 1, 2, 2],
        "sent_idx": [0, 0, 1, 2],
        "text": ["a", "b", "c", "d"],
    }


def _nlp():
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    return nlp


def test_pieces_long_segment_tokens_match_the_unsplit_parse():
    # 20 paragraphs of 10 sentences, in one segment of about 12,000 characters that
    # starts at an offset within its document.
    text = "\n\n".join(SENTENCE.strip() + " " + SENTENCE * 9 for _ in range(20))
    offset = 17
    segments = pd.DataFrame([segment_row("lang.txt", 0, text, char_start=offset, speaker="Jan")])
    whole = annotate_segments(segments, _nlp(), params=AnnotateParams(piece_chars=100_000))
    pieces = annotate_segments(segments, _nlp(), params=AnnotateParams(piece_chars=1_000))
    # Cut at paragraph breaks, which are also sentence ends: the very same tokens.
    pd.testing.assert_frame_equal(pieces, whole)
    assert len(piece_bounds(text, 1_000)) > 10
    # Offsets point into the document text.
    document = " " * offset + text
    assert all(
        document[start:end] == token
        for start, end, token in zip(
            pieces["char_start"], pieces["char_end"], pieces["text"], strict=True
        )
    )


def test_pieces_unbroken_text_is_cut_and_numbered_consistently():
    # No sentence ends or line breaks at all: cut at spaces, a new sentence per piece.
    text = " ".join(["maatwerk", "regie", "vertrouwen"] * 1500)
    segments = pd.DataFrame([segment_row("lijn.txt", 0, text, char_start=0)])
    tokens = annotate_segments(segments, _nlp(), params=AnnotateParams(piece_chars=1_000))
    assert list(tokens["text"]) == text.split()
    assert list(tokens["tok_idx"]) == list(range(len(tokens)))
    assert tokens["head_idx"].between(0, len(tokens) - 1).all()
    assert tokens["sent_idx"].diff().fillna(0).isin([0, 1]).all()
    assert tokens["sent_idx"].iloc[-1] + 1 == len(piece_bounds(text, 1_000))


def test_pieces_shift_renumbers_after_earlier_pieces():
    # After 5 tokens in 2 sentences: tokens 5 and 6, heads 6 and 6, sentences 2 and 3.
    piece = {"tok_idx": [0, 1], "head_idx": [1, 1], "sent_idx": [0, 1], "text": ["c", "d"]}
    assert shift_piece(piece, 5, 2) == {
        "tok_idx": [5, 6],
        "head_idx": [6, 6],
        "sent_idx": [2, 3],
        "text": ["c", "d"],
    }
    assert shift_piece(piece, 0, 0) is piece


def test_pieces_documents_collected_in_arrow_chunks_equal_the_joined_parse(monkeypatch):
    # Two documents, the first one segment of 20 paragraphs of 610 characters: two do not
    # fit in 1,000, so each paragraph is a piece. Collected to Arrow once 7 tokens wait,
    # that is after every piece: 20 chunks and the empty rest. The same rows as the joined
    # parse.
    long_text = "\n\n".join(SENTENCE * 10 for _ in range(20))
    first = pd.DataFrame([segment_row("lang.txt", 0, long_text, char_start=3)])
    second = pd.DataFrame(
        [segment_row("kort.txt", i, SENTENCE * (i + 1), char_start=100 * i) for i in range(3)]
    )
    params = AnnotateParams(piece_chars=1_000)
    monkeypatch.setattr(cache, "FLUSH_TOKENS", 7)
    tables = cache.annotate_documents([first, second], _nlp(), params=params)
    assert tables[0].column("tok_idx").num_chunks == 21
    for table, part in zip(tables, [first, second], strict=True):
        expected = annotate_segments(part, _nlp(), params=params)
        got = table.to_pandas()[expected.columns].astype(expected.dtypes.to_dict())
        pd.testing.assert_frame_equal(got, expected)


def test_pieces_a_40_megabyte_document_is_annotated_by_default():
    # The case: a 40 MB single-line .txt must be annotated, not reported failed.
    assert AnnotateParams().max_doc_chars >= 40_000_000
