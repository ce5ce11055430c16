import pandas as pd
import pytest
from explore_fixtures import documents, segments, tokens

from pipeline import explore


@pytest.fixture(scope="module")
def words():
    return explore.segment_words(segments(), tokens(), documents=documents())


@pytest.mark.parametrize(
    ("seg_id", "speaker", "n_words"),
    [
        ("vissenkom.txt#0000", "Wethouder", 4),
        ("vissenkom.txt#0001", "Buurtvrouw", 7),  # "?", "," and "." are not words
        ("verslag.txt#0000", "(no speaker)", 4),
    ],
)
def test_explore_segment_words_counts_words_not_punctuation(words, seg_id, speaker, n_words):
    row = words.set_index("seg_id").loc[seg_id]
    assert row["words"] == n_words
    assert row["speaker"] == speaker


def test_explore_segment_words_adds_metadata_only_when_asked():
    plain = explore.segment_words(segments(), tokens())
    assert "meeting_type" not in plain
    assert list(plain.columns) == ["seg_id", "doc_id", "speaker", "section", "words"]


@pytest.mark.parametrize(
    ("doc_id", "expected"),
    [
        ("vissenkom.txt", (1, 3, 2, 14, 4.7)),
        ("tafel.txt", (1, 1, 1, 3, 3.0)),
        ("verslag.txt", (1, 1, 0, 4, 4.0)),  # minutes without speaker labels
    ],
)
def test_explore_corpus_summary_by_document(words, doc_id, expected):
    summary = explore.corpus_summary(words, by="doc_id").set_index("doc_id")
    row = summary.loc[doc_id, ["documents", "segments", "speakers", "words", "words_per_segment"]]
    assert tuple(row) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("municipality", "expected"),
    [
        # The Wethouder of the fishbowl and of the development table count as two speakers.
        ("Lindeveen", (2, 4, 3, 17)),
        ("Amersfoort", (1, 1, 0, 4)),
    ],
)
def test_explore_corpus_summary_by_metadata_field(words, municipality, expected):
    summary = explore.corpus_summary(words, by="municipality").set_index("municipality")
    assert tuple(summary.loc[municipality, ["documents", "segments", "speakers", "words"]]) == (
        expected
    )


def test_explore_speaker_summary_shares_within_document(words):
    table = explore.speaker_summary(words)
    fishbowl = table[table["doc_id"] == "vissenkom.txt"]
    # Equal words: the tie is broken by name.
    assert fishbowl["speaker"].tolist() == ["Buurtvrouw", "Wethouder"]
    assert fishbowl["turns"].tolist() == [1, 2]
    assert fishbowl["words"].tolist() == [7, 7]
    assert fishbowl["share"].tolist() == [0.5, 0.5]
    assert table.loc[table["doc_id"] == "verslag.txt", "share"].tolist() == [1.0]


def test_explore_with_metadata_keeps_rows_and_adds_fields():
    segs = segments()
    joined = explore.with_metadata(segs, documents())
    assert len(joined) == len(segs)
    assert joined["seg_id"].tolist() == segs["seg_id"].tolist()
    assert joined["meeting_type"].tolist() == [
        "fishbowl",
        "fishbowl",
        "fishbowl",
        "development_table",
        "report",
    ]
    assert explore.metadata_columns(documents()) == ["meeting_type", "municipality"]


@pytest.mark.parametrize(
    ("row", "listed"),
    [
        ({"path": "a.txt", "status": "ok", "reason": "", "warning": ""}, False),
        ({"path": "b.txt", "status": "ok", "reason": "", "warning": "geen sprekers"}, True),
        ({"path": "c.pdf", "status": "failed", "reason": "geen tekstlaag"}, True),
        ({"path": "d.exe", "status": "skipped", "reason": "unsupported extension"}, True),
    ],
)
def test_explore_ingest_problems_lists_unclean_files(row, listed):
    clean = {"path": "z.txt", "status": "ok", "reason": "", "warning": ""}
    problems = explore.ingest_problems(pd.DataFrame([clean, row]))
    assert problems["path"].tolist() == ([row["path"]] if listed else [])
    assert list(problems.columns) == ["path", "status", "reason", "warning"]
