"""Offsets after replacement: unit cases and a property over random segmentations."""

from __future__ import annotations

from itertools import pairwise

import pandas as pd
import pytest
from builders import segment_row
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.privacy import pseudonymize
from pipeline.privacy.rewrite import Replacement, Rewrite
from pipeline.tables import validate

TEXT = "Fatima zei dat Bakker komt."  # Fatima: 0-6, Bakker: 15-21


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (0, 0),  # start of a replaced span stays at the start of its replacement
        (3, 11),  # inside "Fatima": moves to the end of "Deelnemer 1"
        (6, 11),  # end of "Fatima"
        (10, 15),
        (15, 20),  # start of "Bakker" -> start of "Wethouder A"
        (21, 31),  # end of "Bakker" -> end of "Wethouder A"
        (27, 37),  # end of the text
    ],
)
def test_pseudonymize_rewrite_maps_offsets(position, expected):
    rewrite = Rewrite([Replacement(15, 21, "Wethouder A"), Replacement(0, 6, "Deelnemer 1")])
    new = rewrite.apply(TEXT)
    assert new == "Deelnemer 1 zei dat Wethouder A komt."
    assert rewrite.offset(position) == expected


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        # Same start, one nested in the other: the longest wins ("Meester" and
        # "Meester de Bruinplein" in the 13 November 2024 Den Haag minutes).
        ([Replacement(0, 7, "Persoon"), Replacement(0, 21, "Persoon 338")], "Persoon 338."),
        ([Replacement(0, 21, "Persoon 338"), Replacement(8, 10, "X")], "Persoon 338."),
        # Crossing: the union is replaced, with the text of the longer one.
        ([Replacement(0, 10, "Lang"), Replacement(8, 21, "Langer")], "Langer."),
        # Touching replacements stay apart.
        ([Replacement(0, 7, "A"), Replacement(7, 21, "B")], "AB."),
    ],
)
def test_pseudonymize_rewrite_merges_overlaps_longest_first(replacements, expected):
    text = "Meester de Bruinplein."
    rewrite = Rewrite(replacements)
    assert rewrite.apply(text) == expected
    assert rewrite.offset(len(text)) == len(expected)
    merged = rewrite.replacements
    assert all(a.end <= b.start for a, b in pairwise(merged))


WORDS = ["de", "gemeente", "regie", "zei", "dat", "maatwerk", "in", "Utrecht", "en", "het", "COA"]
# A bare "Bakker" at the start of a sentence, with no other sign of a name, is read as the
# word; names here come with what marks them as names.
NAMES = [
    "Fatima el Amrani",
    "wethouder Bakker",
    "Mohammed",
    "Tesfay Gebremariam",
    "mevrouw De Vries",
]
IDENTIFIERS = ["06-12345678", "f.amrani@example.nl", "Kerkstraat 12", "3511 AB"]
SPEAKERS = [None, "Spreker 1", "Wethouder Bakker", "Fatima el Amrani", "Mevrouw De Vries (CDA)"]

fragment = st.one_of(st.sampled_from(WORDS), st.sampled_from(NAMES), st.sampled_from(IDENTIFIERS))
turn = st.tuples(
    st.sampled_from(SPEAKERS),
    st.lists(fragment, min_size=1, max_size=12).map(lambda words: " ".join(words) + "."),
)


def _tables(docs: list[list[tuple[str | None, str]]], cuts: list[list[int]] | None):
    """Documents from turns; segments on the turns, or at random cut points when given."""
    doc_rows, seg_rows = [], []
    for d, turns in enumerate(docs):
        doc_id = f"doc{d}.txt"
        text, spans = "", []
        for speaker, words in turns:
            text += "\n\n" if text else ""
            text += f"{speaker}: " if speaker else ""
            spans.append((len(text), len(text) + len(words), speaker))
            text += words
        if cuts is not None:
            points = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts[d])})
            spans = [(a, b, None) for a, b in pairwise(points)]
        for idx, (a, b, speaker) in enumerate(spans):
            seg_rows.append(segment_row(doc_id, idx, text[a:b], char_start=a, speaker=speaker))
        doc_rows.append(
            {
                "doc_id": doc_id,
                "source_path": doc_id,
                "sha256": "0",
                "format": "txt",
                "title": doc_id,
                "n_chars": len(text),
                "text": text,
            }
        )
    columns = [
        "seg_id",
        "doc_id",
        "seg_idx",
        "section",
        "speaker",
        "start_s",
        "end_s",
        "char_start",
        "char_end",
        "text",
    ]
    return pd.DataFrame(doc_rows), pd.DataFrame(seg_rows, columns=columns)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    docs=st.lists(st.lists(turn, min_size=0, max_size=5), min_size=1, max_size=3),
    cuts=st.one_of(
        st.none(), st.lists(st.lists(st.integers(0, 10_000), max_size=6), min_size=3, max_size=3)
    ),
)
def test_pseudonymize_offsets_stay_consistent(docs, cuts):
    documents, segments = _tables(docs, cuts)
    out = pseudonymize(documents, segments)
    out_docs = validate(out.documents, "documents")
    out_segs = validate(out.segments, "segments")
    texts = dict(zip(out_docs["doc_id"], out_docs["text"], strict=True))
    for seg in out_segs.itertuples():
        assert texts[seg.doc_id][seg.char_start : seg.char_end] == seg.text
    for doc_id, group in out_segs.groupby("doc_id"):
        # Segments still tile their document in order when they did before.
        ends = list(group.sort_values("seg_idx")["char_end"])
        assert ends == sorted(ends)
        assert len(texts[doc_id]) == out_docs.set_index("doc_id").loc[doc_id, "n_chars"]
    if cuts is None:
        everything = "\n".join(texts.values())
        for name in ("Fatima", "Amrani", "Gebremariam", "Mohammed", "Bakker", "Vries"):
            assert name not in everything
        for identifier in IDENTIFIERS:
            assert identifier not in everything
