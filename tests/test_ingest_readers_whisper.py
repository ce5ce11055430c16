"""Whisper and WhisperX JSON.

The fixtures are made after the tools' documented JSON output: `whisper --output_format
json` (`text`, `segments` with `id`, `seek`, `start`, `end`, `text`, `tokens`, ...,
`language`) and `whisperx --diarize --output_format json` (`segments` with `speaker` and
`words`, plus `word_segments`). The Dutch content is written by the team.
"""

import json
from pathlib import Path

import pytest

from pipeline.ingest import ingest_folder
from pipeline.ingest.parsed import Unreadable
from pipeline.ingest.readers.whisper import read_whisper
from pipeline.params import IngestParams

DATA = Path(__file__).parent / "data" / "formats"


def _turns(parsed):
    return [
        (s.speaker, s.start_s, s.end_s, parsed.text[s.char_start : s.char_end])
        for s in parsed.segments
    ]


def test_whisper_without_diarisation_has_no_speakers():
    parsed = read_whisper((DATA / "whisper-ontwikkeltafel.json").read_bytes())
    turns = _turns(parsed)
    # "Twee: ik denk ..." is recognised speech, not a speaker label.
    assert {speaker for speaker, *_ in turns} == {None}
    assert turns[0][1] == 0.0
    assert turns[-1][2] == 12.5
    assert "Twee: ik denk dat we eerst de brede intake moeten bespreken." in parsed.text
    assert parsed.text.startswith("Goedemiddag allemaal, welkom bij de ontwikkeltafel")


def test_whisperx_diarised_speakers_become_turns():
    parsed = read_whisper((DATA / "whisperx-ontwikkeltafel.json").read_bytes())
    assert _turns(parsed) == [
        (
            "SPEAKER_00",
            0.031,
            3.2,
            "Goedemiddag allemaal, welkom bij de ontwikkeltafel over inburgering.",
        ),
        (
            "SPEAKER_01",
            3.4,
            7.84,
            "Dank je wel. Ik denk dat we eerst de brede intake moeten bespreken.",
        ),
        # The last segment has no speaker of its own; its words say SPEAKER_00.
        ("SPEAKER_00", 7.9, 12.5, "Dat is goed. Wie begint er?"),
    ]


def test_whisper_cpp_offsets_in_milliseconds():
    data = {
        "transcription": [
            {
                "timestamps": {"from": "00:00:00,000", "to": "00:00:02,500"},
                "offsets": {"from": 0, "to": 2500},
                "text": " Goedemorgen.",
            },
        ]
    }
    turns = _turns(read_whisper(json.dumps(data).encode()))
    assert turns == [(None, 0.0, 2.5, "Goedemorgen.")]


def test_whisper_other_json_is_skipped():
    with pytest.raises(Unreadable) as err:
        read_whisper(b'{"name": "kruispunt", "version": 1}')
    assert err.value.status == "skipped"
    assert "not a Whisper or WhisperX transcript" in err.value.reason


def test_whisper_read_through_the_folder(tmp_path):
    (tmp_path / "tafel.json").write_bytes((DATA / "whisperx-ontwikkeltafel.json").read_bytes())
    (tmp_path / "kapot.json").write_bytes(b'{"segments": [')
    result = ingest_folder(tmp_path, params=IngestParams(extensions=[".json"]))
    status = {row["path"]: row["status"] for row in result.report}
    assert status == {"kapot.json": "failed", "tafel.json": "ok"}
    assert result.documents["format"].tolist() == ["whisper"]
    assert result.segments["speaker"].tolist() == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"]
    assert result.segments["start_s"].tolist() == [0.031, 3.4, 7.9]
