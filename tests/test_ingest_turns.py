import pytest

from pipeline.ingest.sections import looks_like_heading, markdown_heading
from pipeline.ingest.speakers import SpeakerMatcher
from pipeline.ingest.turns import split_turns

MATCHER = SpeakerMatcher()


def _turns(text, **options):
    split = split_turns(text, matcher=MATCHER, **options)
    return [(s.speaker, s.section, text[s.char_start : s.char_end]) for s in split.segments], split


def test_turns_speaker_continues_over_lines_and_paragraphs():
    text = (
        "Fatima el Amrani: Wat het ons vooral heeft opgeleverd, is overzicht.\n"
        "Dat klinkt bureaucratisch.\n\n"
        "Waar het schuurt? Bij de schaal.\n\n"
        "Jeroen Visser: Mag ik daar meteen op inhaken?\n"
    )
    turns, _ = _turns(text)
    assert turns == [
        (
            "Fatima el Amrani",
            None,
            "Wat het ons vooral heeft opgeleverd, is overzicht.\nDat klinkt bureaucratisch."
            "\n\nWaar het schuurt? Bij de schaal.",
        ),
        ("Jeroen Visser", None, "Mag ik daar meteen op inhaken?"),
    ]


def test_turns_paragraphs_when_nobody_is_named():
    text = "De tafel begon om half twee.\nIedereen was er.\n\n\nDe coördinator opende.\n"
    turns, _ = _turns(text)
    assert turns == [
        (None, None, "De tafel begon om half twee.\nIedereen was er."),
        (None, None, "De coördinator opende."),
    ]


def test_turns_timestamp_and_name_line_with_text_below():
    text = (
        "00:00:03 Daan Verhoeven\nOké, de opname loopt.\n\n"
        "00:00:09 Samira Bouzid\nJa hoor. Ik ben beleidsadviseur.\n\n"
        "00:00:31 Daan Verhoeven\nWat was de grootste verandering?\n"
    )
    split = split_turns(text, matcher=MATCHER)
    got = [(s.speaker, s.start_s, s.end_s, text[s.char_start : s.char_end]) for s in split.segments]
    assert got == [
        ("Daan Verhoeven", 3.0, 9.0, "Oké, de opname loopt."),
        ("Samira Bouzid", 9.0, 31.0, "Ja hoor. Ik ben beleidsadviseur."),
        ("Daan Verhoeven", 31.0, None, "Wat was de grootste verandering?"),
    ]


def test_turns_bare_timestamp_starts_new_segment_for_same_speaker():
    text = "Jan: Eerste deel.\n[00:10:00]\nTweede deel.\n"
    split = split_turns(text, matcher=MATCHER)
    assert [(s.speaker, s.start_s) for s in split.segments] == [("Jan", None), ("Jan", 600.0)]


@pytest.mark.parametrize(
    ("text", "sections", "title"),
    [
        (
            "RONDE 1 – TWEE JAAR WET\nJan: Ja.\n",
            ["RONDE 1 – TWEE JAAR WET"],
            "RONDE 1 – TWEE JAAR WET",
        ),
        ("Opening\n\nJan: Ja.\n\nTerugblik\n\nPiet: Nee.\n", ["Opening", "Terugblik"], "Opening"),
        ("Verslag\n=======\n\nJan: Ja.\n", ["Verslag"], "Verslag"),
        (
            "\n2.1 Casus uit de Vogelbuurt\nHet gezin kreeg een brief.\n",
            ["2.1 Casus uit de Vogelbuurt"],
            "2.1 Casus uit de Vogelbuurt",
        ),
    ],
)
def test_turns_plain_text_headings_become_sections(text, sections, title):
    turns, split = _turns(text)
    headings = [quote for _, _, quote in turns if quote in sections]
    body = [(who, section, quote) for who, section, quote in turns if quote not in sections]
    # Each heading is a segment of its own (its words are analysed too) and the section of
    # the segments below it.
    assert headings == sections
    assert [section for _, section, _ in body] == sections
    assert [s.heading for s in split.segments] == [quote in sections for _, _, quote in turns]
    assert split.title == title
    assert all(section not in quote for _, section, quote in body)


def test_turns_markdown_headings_and_front_matter():
    text = (
        "---\ntitle: Breakoutroom 1\n---\n# Woordweb\n\n## Deel 1\n\n"
        "[Sanne Mulder] Het woord is zelfredzaamheid.\n\n---\n\n## Deel 2\n\n"
        "**Yonas Tesfay:** Samenredzaamheid.\n"
    )
    turns, split = _turns(text, markdown=True)
    assert split.title == "Breakoutroom 1"
    assert turns == [
        (None, "Woordweb", "Woordweb"),
        (None, "Deel 1", "Deel 1"),
        ("Sanne Mulder", "Deel 1", "Het woord is zelfredzaamheid."),
        (None, "Deel 2", "Deel 2"),
        ("Yonas Tesfay", "Deel 2", "Samenredzaamheid."),
    ]


def test_turns_heading_lines_from_source_markup():
    text = "Het begin\n\nI: Hoe begon het?\n\nR: Klein.\n\nDe toekomst\n\nI: En nu?\n"
    turns, _ = _turns(text, heading_lines=frozenset({0, 6}))
    assert [(who, section) for who, section, _ in turns] == [
        (None, "Het begin"),
        ("I", "Het begin"),
        ("R", "Het begin"),
        (None, "De toekomst"),
        ("I", "De toekomst"),
    ]


def test_turns_short_paragraph_never_merges_into_a_heading():
    text = "Ja.\n\nSluiting\n\nEinde.\n"
    split = split_turns(text, matcher=MATCHER, min_segment_chars=5)
    assert [text[s.char_start : s.char_end] for s in split.segments] == [
        "Ja.",
        "Sluiting",
        "Einde.",
    ]


def test_turns_heading_resets_speaker():
    text = "Jan: Ja.\n\nSluiting\n\nDe voorzitter sluit de vergadering om 21.47 uur.\n"
    turns, _ = _turns(text)
    assert turns[-1] == (None, "Sluiting", "De voorzitter sluit de vergadering om 21.47 uur.")


@pytest.mark.parametrize(
    ("line", "alone", "after_blank", "expected"),
    [
        ("Terugblik op het eerste halfjaar", True, True, True),
        ("Terugblik op het eerste halfjaar", False, True, False),
        ("AFSPRAKEN EN VERVOLG", False, False, True),
        ("3. Raadsvoorstel subsidieregeling", False, True, True),
        ("Dat is maatwerk.", True, True, False),
        ("- een buurvrouw die helpt", True, True, False),
        ("Een hele lange regel met veel te veel woorden om een kop te zijn zo", True, True, False),
        ("12", True, True, False),
        # Headings of up to about 15 words (an 11-word one from a participation report).
        ("Wat hebben de bewoners meegegeven over de toekomst van de wijk", True, True, True),
        ("Maatwerk: complex, polariserend, en vanzelfsprekend", True, True, True),
        ("Maatwerk: complex, polariserend, en vanzelfsprekend", False, True, False),
    ],
)
def test_turns_heading_guess(line, alone, after_blank, expected):
    assert looks_like_heading(line, alone=alone, after_blank=after_blank) is expected


@pytest.mark.parametrize(
    ("line", "title"), [("# Kop", "Kop"), ("### Deel 2 ###", "Deel 2"), ("#geen kop", None)]
)
def test_turns_markdown_heading_syntax(line, title):
    assert markdown_heading(line) == title


def test_turns_short_paragraphs_merge_into_next():
    text = "Ja.\n\nDe tafel begon om half twee.\n"
    short, _ = _turns(text, min_segment_chars=5)
    assert short == [(None, None, "Ja.\n\nDe tafel begon om half twee.")]
    kept, _ = _turns(text, min_segment_chars=1)
    assert len(kept) == 2


def test_turns_segment_spans_are_the_quoted_text():
    text = "  Een alinea met inspringing.  \n\n  Jan:    Ruimte voor en na.   \n"
    split = split_turns(text, matcher=MATCHER)
    quotes = [(s.speaker, text[s.char_start : s.char_end]) for s in split.segments]
    assert quotes == [(None, "Een alinea met inspringing."), ("Jan", "Ruimte voor en na.")]


@pytest.mark.parametrize("separator", ["-----", "* * *", "=====", "___"])
def test_turns_separator_lines_are_not_text(separator):
    text = f"Dit is een alinea over de regie.\n\n{separator}\n\nEn dit is de volgende alinea.\n"
    turns, _ = _turns(text)
    assert turns == [
        (None, None, "Dit is een alinea over de regie."),
        (None, None, "En dit is de volgende alinea."),
    ]


def test_turns_speaker_continues_after_agenda_item_but_not_after_minute_takers_note():
    text = (
        "De voorzitter: Dan gaan we verder.\n\nPunt 5. Rondvraag\n\nWie heeft een vraag?\n\n"
        "De vergadering wordt om 22.10 uur gesloten.\n\nDat was het.\n"
    )
    turns, _ = _turns(text)
    assert turns == [
        ("De voorzitter", None, "Dan gaan we verder."),
        (None, "Punt 5. Rondvraag", "Punt 5. Rondvraag"),
        ("De voorzitter", "Punt 5. Rondvraag", "Wie heeft een vraag?"),
        (None, "Punt 5. Rondvraag", "De vergadering wordt om 22.10 uur gesloten."),
        (None, "Punt 5. Rondvraag", "Dat was het."),
    ]
