import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from ingest_files import (
    TURNS,
    heading_rows,
    render_md,
    render_srt,
    render_txt,
    render_vtt,
    write_docx,
    write_pdf,
)

from pipeline.ingest import ingest_folder


def _ingest(folder: Path):
    """The result, and the (speaker, text) turns without the heading segments."""
    result = ingest_folder(folder)
    body = result.segments[~heading_rows(result.segments)]
    return result, [(row.speaker, row.text) for row in body.itertuples()]


def _headings(result) -> list[str]:
    return result.segments.loc[heading_rows(result.segments), "text"].tolist()


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("sessie.txt", render_txt),
        ("sessie.md", render_md),
        ("sessie.vtt", render_vtt),
        ("sessie.srt", render_srt),
    ],
)
def test_formats_text_files_give_the_turns(tmp_path, name, render):
    (tmp_path / name).write_text(render(TURNS), encoding="utf-8")
    result, turns = _ingest(tmp_path)
    assert turns == TURNS
    assert _headings(result) == (["Vissenkom"] if name.endswith(".md") else [])
    assert result.documents["format"].tolist() == [name.split(".")[1]]
    n = len(result.segments)
    assert n == len(TURNS) + len(_headings(result))
    assert result.segments["seg_id"].tolist() == [f"{name}#{i:04d}" for i in range(n)]


def test_formats_docx_headings_become_sections(tmp_path):
    write_docx(tmp_path / "tafel.docx", TURNS, headings={0: "Ronde 1", 2: "Ronde 2"})
    result, turns = _ingest(tmp_path)
    assert turns == TURNS
    assert _headings(result) == ["Ronde 1", "Ronde 2"]
    assert result.segments["section"].tolist() == ["Ronde 1"] * 3 + ["Ronde 2"] * 3
    # Without a core-properties title, the first heading is the title.
    assert result.documents["title"].tolist() == ["Ronde 1"]


def test_formats_docx_core_properties_title(tmp_path):
    write_docx(tmp_path / "tafel.docx", TURNS, title="Ontwikkeltafel Lindeveen")
    result, _ = _ingest(tmp_path)
    assert result.documents["title"].tolist() == ["Ontwikkeltafel Lindeveen"]


def test_formats_docx_table_transcript(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    rows = [
        ("Tijd", "Spreker", "Tekst"),
        ("00:01:05", "Hatice Demir", "Groeien."),
        ("00:01:09", "Nour Haddad", "Alleen."),
    ]
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    document.save(tmp_path / "tabel.docx")
    result, turns = _ingest(tmp_path)
    assert turns == [("Hatice Demir", "Groeien."), ("Nour Haddad", "Alleen.")]
    assert result.segments["start_s"].tolist() == [65.0, 69.0]


def test_formats_pdf_drops_running_lines_and_joins_hyphenation(tmp_path):
    pages = [
        [
            "1. Opening",
            "De voorzitter: Wij vinden dat de inburgerings-",
            "plichtigen zelf iets te zeggen hebben over hun plan.",
            "Wethouder Bakker: Dank u, voorzitter.",
        ],
        ["2. Sluiting", "De heer Jansen (VVD). Regie betekent ook weten wat het oplevert."],
        ["3. Rondvraag", "De voorzitter: Er zijn geen vragen. Ik sluit de vergadering."],
    ]
    write_pdf(tmp_path / "verslag.pdf", pages)
    result, turns = _ingest(tmp_path)
    text = result.documents["text"].iloc[0]
    assert "Pagina" not in text
    assert "Commissie Samenleving - verslag" not in text
    assert turns == [
        (
            "De voorzitter",
            "Wij vinden dat de inburgeringsplichtigen zelf iets te zeggen hebben over hun plan.",
        ),
        ("Wethouder Bakker", "Dank u, voorzitter."),
        ("De heer Jansen (VVD)", "Regie betekent ook weten wat het oplevert."),
        ("De voorzitter", "Er zijn geen vragen. Ik sluit de vergadering."),
    ]
    assert _headings(result) == ["1. Opening", "2. Sluiting", "3. Rondvraag"]
    assert result.segments["section"].tolist() == [
        "1. Opening",
        "1. Opening",
        "1. Opening",
        "2. Sluiting",
        "2. Sluiting",
        "3. Rondvraag",
        "3. Rondvraag",
    ]


def test_formats_vtt_voices_times_and_merged_cues(tmp_path):
    vtt = (
        "WEBVTT\n\n"
        "00:00:02.000 --> 00:00:06.400\n<v Marloes de Wit>Welkom terug allemaal.\n\n"
        "00:00:06.500 --> 00:00:09.000\n<v Marloes de Wit>We hebben drie kamers gehad.\n\n"
        "intro\n00:00:10.000 --> 00:00:12.000 align:start\n"
        "<v.loud Sanne Mulder>Dank je. <i>Wij</i> hadden zelfredzaamheid.</v>\n"
        "<v Rachid Benali>En wij maatwerk &amp; regie.\n\n"
        "00:00:13.000 --> 00:00:14.000\nTamar: Burgerinitiatief.\n"
    )
    (tmp_path / "plenair.vtt").write_text(vtt, encoding="utf-8")
    result, turns = _ingest(tmp_path)
    assert turns == [
        ("Marloes de Wit", "Welkom terug allemaal. We hebben drie kamers gehad."),
        ("Sanne Mulder", "Dank je. Wij hadden zelfredzaamheid."),
        ("Rachid Benali", "En wij maatwerk & regie."),
        ("Tamar", "Burgerinitiatief."),
    ]
    assert result.segments["start_s"].tolist() == [2.0, 10.0, 10.0, 13.0]
    assert result.segments["end_s"].tolist() == [9.0, 12.0, 12.0, 14.0]


def test_formats_srt_unnamed_cue_continues_previous_speaker(tmp_path):
    srt = (
        "1\n00:00:04,200 --> 00:00:08,000\nIngrid: Welkom allemaal,\nfijn dat jullie er zijn.\n\n"
        "2\n00:00:08,100 --> 00:00:12,500\nIk ben Ingrid.\n\n"
        "3\n00:00:13,000 --> 00:00:15,000\nAhmad: Ik begin wel.\n\n"
        "4\n00:00:15,500 --> 00:00:16,000\n<i>Ik kom uit Homs.</i>\n"
    )
    (tmp_path / "focusgroep.srt").write_text(srt, encoding="utf-8")
    result, turns = _ingest(tmp_path)
    assert turns == [
        ("Ingrid", "Welkom allemaal, fijn dat jullie er zijn. Ik ben Ingrid."),
        ("Ahmad", "Ik begin wel. Ik kom uit Homs."),
    ]
    assert result.segments["start_s"].tolist() == [4.2, 13.0]
    assert result.segments["end_s"].tolist() == [12.5, 16.0]


def test_formats_documents_and_segments_sorted_and_keyed(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "twee.txt").write_text(render_txt(TURNS[:2]), encoding="utf-8")
    (tmp_path / "een.txt").write_text(render_txt(TURNS[2:]), encoding="utf-8")
    result = ingest_folder(tmp_path)
    assert result.documents["doc_id"].tolist() == ["b/twee.txt", "een.txt"]
    assert result.segments["seg_id"].tolist() == [
        "b/twee.txt#0000",
        "b/twee.txt#0001",
        "een.txt#0000",
        "een.txt#0001",
    ]
    assert result.documents["title"].tolist() == ["twee", "een"]
    for doc in result.documents.itertuples():
        assert doc.n_chars == len(doc.text)
    again = ingest_folder(tmp_path)
    assert again.documents.equals(result.documents)
    assert again.segments.equals(result.segments)


class _ForkedWorkers:
    """Two forked worker processes: the tasks and results really cross a process boundary."""

    def map(self, fn, items):
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(fn, items))


def test_formats_worker_processes_give_the_same_tables(tmp_path):
    for i, (suffix, render) in enumerate(
        [("txt", render_txt), ("md", render_md), ("vtt", render_vtt), ("srt", render_srt)]
    ):
        (tmp_path / f"sessie{i}.{suffix}").write_text(render(TURNS[i:]), encoding="utf-8")
    (tmp_path / "kapot.docx").write_bytes(b"geen zip")
    serial = ingest_folder(tmp_path)
    parallel = ingest_folder(tmp_path, executor=_ForkedWorkers())
    assert parallel.report == serial.report
    assert parallel.documents.equals(serial.documents)
    assert parallel.segments.equals(serial.segments)


def test_formats_params_speaker_patterns_and_extensions(tmp_path):
    from pipeline.params import IngestParams, SpeakerPattern

    text = "## Jan ## Dat is maatwerk.\n\n## Piet ## Regie.\n"
    (tmp_path / "eigen.txt").write_text(text, encoding="utf-8")
    (tmp_path / "niet.md").write_text("Jan: niet lezen\n", encoding="utf-8")
    params = IngestParams(
        speaker_patterns=[SpeakerPattern(regex=r"^## (?P<speaker>\w+) ## (?P<text>.*)")],
        extensions=["TXT"],
    )
    result = ingest_folder(tmp_path, params=params)
    assert [(r.speaker, r.text) for r in result.segments.itertuples()] == [
        ("Jan", "Dat is maatwerk."),
        ("Piet", "Regie."),
    ]
    assert {row["path"]: row["status"] for row in result.report} == {
        "eigen.txt": "ok",
        "niet.md": "skipped",
    }


def test_formats_file_with_only_headings_is_skipped(tmp_path):
    (tmp_path / "leeg.md").write_text("# Agenda\n\n## Punt 1\n", encoding="utf-8")
    result = ingest_folder(tmp_path)
    assert [(row["status"], row["reason"]) for row in result.report] == [
        ("skipped", "no text outside headings")
    ]
