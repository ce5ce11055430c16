"""Every file accounted for: PDFs with a shared header keep their text, a bad cue goes alone.

Issue 22 found PDFs whose pages repeat their lines losing all their text ("no text in the
file"), one bad SubRip timestamp merging the next cue into the previous turn, and one
negative timestamp rejecting the whole file.
"""

from __future__ import annotations

import pytest
from ingest_files import write_pdf

from pipeline.ingest import ingest_folder
from pipeline.ingest.readers.subtitles import read_srt

CUES = [
    ("00:00:01,000 --> 00:00:02,000", "Jan: Welkom allemaal."),
    ("00:00:03,000 --> 00:00:04,000", "Piet: Maatwerk vraagt vertrouwen."),
    ("00:00:05,000 --> 00:00:06,000", "Fatima: De regie ligt bij de gemeente."),
]


def _srt(cues) -> bytes:
    blocks = [f"{i}\n{timing}\n{text}\n" for i, (timing, text) in enumerate(cues, 1)]
    return "\n".join(blocks).encode("utf-8")


@pytest.mark.parametrize(
    "bad_timing",
    ["00:00:0x,000 --> 00:00:04,000", "-00:00:03,000 --> 00:00:04,000", "00:00:03,000 -> 4"],
)
def test_ingest_bad_subtitle_cue_is_left_out_alone(bad_timing):
    cues = [CUES[0], (bad_timing, CUES[1][1]), CUES[2]]
    parsed = read_srt(_srt(cues))
    # The cues around it are read as they are; Piet's words do not join Jan's turn.
    assert [(seg.speaker, seg.start_s) for seg in parsed.segments] == [
        ("Jan", 1.0),
        ("Fatima", 5.0),
    ]
    assert "Piet" not in parsed.text and "Maatwerk" not in parsed.text
    assert parsed.warnings == [
        f"1 cues with a bad or negative timestamp left out: cue 2 ({bad_timing!r})"
    ]


def test_ingest_sound_subtitles_have_no_warning():
    parsed = read_srt(_srt(CUES))
    assert [seg.speaker for seg in parsed.segments] == ["Jan", "Piet", "Fatima"]
    assert parsed.warnings == []


@pytest.mark.parametrize("running", [True, False])
@pytest.mark.parametrize(
    "pages",
    [
        [["Jan: Welkom bij de vissenkom."]] * 2,
        [["Gemeente Lindeveen, notulen", f"Jan: Punt {i} van de agenda."] for i in range(3)],
    ],
)
def test_ingest_pdf_pages_sharing_lines_keep_their_text(tmp_path, pages, running):
    write_pdf(tmp_path / "notulen.pdf", pages, running=running)
    result = ingest_folder(tmp_path)
    [row] = result.report
    assert row["status"] == "ok", row["reason"]
    text = result.documents["text"].iloc[0]
    assert all(line.split(": ", 1)[1] in text for page in pages for line in page[-1:])
