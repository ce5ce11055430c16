"""Property tests: every segment is exactly its span of documents.text, in every format."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_files import (
    heading_rows,
    render_md,
    render_srt,
    render_txt,
    render_vtt,
    write_docx,
    write_pdf,
)

from pipeline.ingest import ingest_folder
from pipeline.ingest.encoding import normalize_text
from pipeline.ingest.speakers import SpeakerMatcher
from pipeline.ingest.turns import split_turns

SPEAKERS = [
    "Marloes de Wit",
    "Fatima el Amrani",
    "Jeroen Visser",
    "Spreker 2",
    "R",
    "I",
    "Mevrouw De Vries (GroenLinks)",
    "Wethouder Bakker",
    "De voorzitter",
]
# Latin-1 only, so the PDF's built-in font can write every word.
WORDS = [
    "regie",
    "maatwerk",
    "zelfredzaamheid",
    "samenredzaamheid",
    "burgerinitiatief",
    "inburgering",
    "statushouders",
    "gemeente",
    "cliënten",
    "ideeën",
    "coördinatie",
    "naïef",
    "één",
    "café",
    "brede",
    "intake",
    "PIP",
    "taalcafé",
    "vertrouwen",
    "wij",
    "jullie",
    "zij",
    "het",
    "de",
    "een",
    "en",
    "of",
    "maar",
    "dus",
    "niet",
    "wel",
    "ook",
    "vooral",
    "echt",
    "2022",
    "B1",
    "Z-route",
    "Tilburg",
]

sentence = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
    st.sampled_from([".", "?", "!"]),
)
turn_text = st.builds(" ".join, st.lists(sentence, min_size=1, max_size=4))
turns = st.lists(st.tuples(st.sampled_from(SPEAKERS), turn_text), min_size=1, max_size=6)


def _merged(pairs):
    merged = []
    for who, text in pairs:
        if merged and merged[-1][0] == who:
            merged[-1] = (who, f"{merged[-1][1]} {text}")
        else:
            merged.append((who, text))
    return merged


WRITERS = {
    "sessie.txt": lambda path, pairs: path.write_text(render_txt(pairs), encoding="utf-8"),
    "sessie.md": lambda path, pairs: path.write_text(render_md(pairs), encoding="utf-8"),
    "sessie.vtt": lambda path, pairs: path.write_text(render_vtt(pairs), encoding="utf-8"),
    "sessie.srt": lambda path, pairs: path.write_text(render_srt(pairs), encoding="cp1252"),
    "sessie.docx": lambda path, pairs: write_docx(path, pairs),
    "sessie.pdf": lambda path, pairs: write_pdf(
        path, [[f"{w}: {t}" for w, t in pairs]], running=False
    ),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=turns)
def test_offsets_segments_are_slices_in_every_format(pairs):
    with tempfile.TemporaryDirectory() as folder:
        for name, write in WRITERS.items():
            write(Path(folder) / name, pairs)
        result = ingest_folder(folder)

    assert all(row["status"] == "ok" for row in result.report), result.report
    texts = result.documents.set_index("doc_id")["text"]
    for segment in result.segments.itertuples():
        assert texts[segment.doc_id][segment.char_start : segment.char_end] == segment.text
    body = result.segments[~heading_rows(result.segments)]
    for doc_id, segments in body.groupby("doc_id"):
        got = list(
            zip(
                segments["speaker"],
                segments["text"].map(lambda t: " ".join(t.split())),
                strict=True,
            )
        )
        # Subtitles merge a speaker's consecutive cues; running text keeps each label's turn.
        expected = _merged(pairs) if doc_id.endswith((".vtt", ".srt")) else pairs
        assert got == expected, doc_id


line = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
    st.builds(lambda who, text: f"{who}: {text}", st.sampled_from(SPEAKERS), st.text(max_size=30)),
    st.sampled_from(
        ["", "", "# Kop", "RONDE 2", "[00:12:34] Jan: ja", "00:00:03 Daan", "---", "===="]
    ),
)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(line, max_size=25), markdown=st.booleans())
def test_offsets_any_text_gives_ordered_trimmed_spans(lines, markdown):
    text, _ = normalize_text("\n".join(lines))
    split = split_turns(text, matcher=SpeakerMatcher(), markdown=markdown)
    previous_end = 0
    for segment in split.segments:
        quote = text[segment.char_start : segment.char_end]
        assert previous_end <= segment.char_start < segment.char_end <= len(text)
        assert quote == quote.strip()
        previous_end = segment.char_end
