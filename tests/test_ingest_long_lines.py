"""A line of megabytes (a flattened PDF page, a file on one line) is split fast and right.

Labels inside a flattened line (`De voorzitter:`) are looked for from every titled word;
each try sees a bounded window of the line (`pipeline.ingest.lines.INLINE_WINDOW`), not
the rest of it, which made a 40 MB line take hours.
"""

import time

from pipeline.ingest.lines import SPEAKER, classify_lines
from pipeline.ingest.speakers import SpeakerMatcher
from pipeline.ingest.turns import split_turns

# 61 characters with one candidate label start ("De " after a space) that is no label.
FILLER = "Het gaat om regie en maatwerk. De gemeente doet daarbij mee. "


def test_an_inline_label_deep_in_a_long_line_opens_a_turn():
    # The label stands after 20,000 fillers (20,000 * 61 = 1,220,000 characters) of one line.
    before = FILLER * 20_000
    label = "De voorzitter: "
    after = "Dank u wel. Ik geef het woord aan de wethouder."
    text = before + label + after
    lines, _, _ = classify_lines(text, matcher=SpeakerMatcher())
    speaker_lines = [line for line in lines if line.kind == SPEAKER]
    assert len(speaker_lines) == 1
    line = speaker_lines[0]
    assert line.start == len(before) == 1_220_000
    assert line.text == label + after
    assert line.match.text_start == len(label)


def test_an_eight_megabyte_line_splits_in_seconds():
    # 5 + 133,334 * 61 = 8,133,379 characters with 133,334 candidate starts. Copying the
    # rest of the line from each (4 MB on average) moved about 540 GB, a minute or more;
    # a 1,000-character window moves 133 MB.
    text = "Jan: " + FILLER * 133_334
    began = time.perf_counter()
    split = split_turns(text, matcher=SpeakerMatcher())
    seconds = time.perf_counter() - began
    assert seconds < 30, seconds
    assert [s.speaker for s in split.segments] == ["Jan"]
    assert split.segments[0].char_start == 5
    assert split.segments[0].char_end == len(text.rstrip())
