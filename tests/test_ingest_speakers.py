import pytest

from pipeline.ingest.speakers import SpeakerMatcher, is_name_like, parse_timestamp
from pipeline.params import IngestParams

MATCHER = SpeakerMatcher()


@pytest.mark.parametrize(
    ("line", "speaker", "text"),
    [
        ("Fatima: Ik werk bij de gemeente.", "Fatima", "Ik werk bij de gemeente."),
        ("Fatima el Amrani: Graag.", "Fatima el Amrani", "Graag."),
        ("[Sanne Mulder] Oké, we beginnen.", "Sanne Mulder", "Oké, we beginnen."),
        ("[Kees van Dijk]: Zelfstandig.", "Kees van Dijk", "Zelfstandig."),
        ("Spreker 2: Complex en tijdrovend.", "Spreker 2", "Complex en tijdrovend."),
        ("Interviewer: Hoe begon het?", "Interviewer", "Hoe begon het?"),
        ("R: Heel klein, in 2017.", "R", "Heel klein, in 2017."),
        ("I: En nu?", "I", "En nu?"),
        (
            "De heer Jansen (VVD). Voorzitter, dank u.",
            "De heer Jansen (VVD)",
            "Voorzitter, dank u.",
        ),
        ("De heer Jansen (VVD): Dank u.", "De heer Jansen (VVD)", "Dank u."),
        (
            "Mevrouw De Vries (GroenLinks): Interruptie.",
            "Mevrouw De Vries (GroenLinks)",
            "Interruptie.",
        ),
        ("De heer Van der Berg (CDA): Ja.", "De heer Van der Berg (CDA)", "Ja."),
        ("Wethouder Bakker: Dank u, voorzitter.", "Wethouder Bakker", "Dank u, voorzitter."),
        ("De voorzitter: Ik open de vergadering.", "De voorzitter", "Ik open de vergadering."),
        ("**Moderator:** Welkom.", "Moderator", "Welkom."),
        ("**Anna**: Hallo.", "Anna", "Hallo."),
        (
            "Medewerker gemeente: Wij kennen hen niet.",
            "Medewerker gemeente",
            "Wij kennen hen niet.",
        ),
        ("Dhr. J. de Vries: Goedenavond.", "Dhr. J. de Vries", "Goedenavond."),
        ("Ben: Ik ook.", "Ben", "Ik ook."),
        # Den Haag council minutes (2024-2025): name and party, then a full stop.
        ("Rutger de Ridder (VVD). Voorzitter.", "Rutger de Ridder (VVD)", "Voorzitter."),
        (
            "Judith Klokkenburg (ChristenUnie/SGP). Dank u.",
            "Judith Klokkenburg (ChristenUnie/SGP)",
            "Dank u.",
        ),
        (
            "De heer Drijver (C.2). Zeven jaar geleden.",
            "De heer Drijver (C.2)",
            "Zeven jaar geleden.",
        ),
        ("Wethouder Van Asten (D66). Het wordt.", "Wethouder Van Asten (D66)", "Het wordt."),
        ("De voorzitter. Laatste keer.", "De voorzitter", "Laatste keer."),
        ("De voorzitter . Ik stel voor.", "De voorzitter", "Ik stel voor."),
        ("De heer Van Zanen. Voorzitter, dank u.", "De heer Van Zanen", "Voorzitter, dank u."),
        ("Beytullah Ҫelik (DENK). Voorzitter.", "Beytullah Ҫelik (DENK)", "Voorzitter."),
        # Initials and titles keep their full stops.
        ("De heer E.M. Krijns: Dank u.", "De heer E.M. Krijns", "Dank u."),
        ("Mevrouw mr. De Vries (CDA). Ja.", "Mevrouw mr. De Vries (CDA)", "Ja."),
        ("Dhr. H.P. Klazenga: Welkom.", "Dhr. H.P. Klazenga", "Welkom."),
        # The plain-text debates of the issue: `Spreker (Partij): tekst`.
        ("Leijten (SP): Ik heb een vraag.", "Leijten (SP)", "Ik heb een vraag."),
        # Utrecht minutes 2011: the chair's formula.
        (
            "De VOORZITTER opent de vergadering en spreekt als volgt: Dames en heren!",
            "De VOORZITTER",
            "Dames en heren!",
        ),
    ],
)
def test_speakers_label_conventions(line, speaker, text):
    match = MATCHER.match(line)
    assert match is not None, line
    assert match.speaker == speaker
    assert line[match.text_start :] == text
    assert match.start_s is None


@pytest.mark.parametrize(
    "line",
    [
        "Het punt is: we moeten beter luisteren.",
        "Drie dingen: tijd, vertrouwen en geld.",
        "Volgens Jan: onzin.",
        "Tijdens de bijeenkomst zei de wethouder: we gaan verbinden.",
        "Wethouder Bakker zegt: nee.",
        "Besluit: de commissie stemt in.",
        "Ronde 2: subsidie of aanbesteding",
        "Actiepunt: brieven herzien.",
        "De voorzitter opent de vergadering om 19.30 uur.",
        "Voorzitter. Ik wil iets zeggen over de regie.",
        "Om 19:30 begint de vergadering.",
        "Zie https://www.lindeveen.nl voor het verslag.",
        "[gelach]",
        "[Onverstaanbaar] en toen ging het verder.",
        "Ik vind het: belangrijk.",
        "Dat is waar, Jan: jij zei het al.",
        # A full stop after an initial ends no label: "De heer E.M" is no speaker.
        "De heer E.M. Krijns zegt dat het anders moet.",
        "Voorzitter. Ik wil niet in een tram zitten.",
    ],
)
def test_speakers_sentences_with_colon_are_not_labels(line):
    assert MATCHER.match(line) is None


@pytest.mark.parametrize(
    ("line", "speaker", "start_s", "text"),
    [
        (
            "[00:14:10] Mehmet Yıldız: Ik wil iets zeggen.",
            "Mehmet Yıldız",
            850.0,
            "Ik wil iets zeggen.",
        ),
        ("00:14:10 Mehmet Yıldız: Ja.", "Mehmet Yıldız", 850.0, "Ja."),
        ("00:00:03 Daan Verhoeven", "Daan Verhoeven", 3.0, ""),
        ("[01:02:03] Samira Bouzid", "Samira Bouzid", 3723.0, ""),
        ("Fatima el Amrani  00:12:34", "Fatima el Amrani", 754.0, ""),
        ("Spreker 1 [00:00:03]: Ja hoor.", "Spreker 1", 3.0, "Ja hoor."),
        ("[00:05:00] en toen ging het verder", None, 300.0, "en toen ging het verder"),
        ("00:05:00", None, 300.0, ""),
        # Stadskanaal committee 2013: a bullet, and seconds without their leading zero.
        ("• 0:11 J. Deuring", "J. Deuring", 11.0, ""),
        ("• 1:2 J. Deuring", "J. Deuring", 62.0, ""),
    ],
)
def test_speakers_timestamps_give_start_seconds(line, speaker, start_s, text):
    match = MATCHER.match(line)
    assert match is not None
    assert (match.speaker, match.start_s, line[match.text_start :]) == (speaker, start_s, text)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("00:12:34", 754.0),
        ("1:02:03", 3723.0),
        ("2:03", 123.0),
        ("00:00:01.500", 1.5),
        ("00:00:01,250", 1.25),
    ],
)
def test_speakers_parse_timestamp(value, seconds):
    assert parse_timestamp(value) == pytest.approx(seconds)


def test_speakers_user_pattern_is_tried_first():
    matcher = SpeakerMatcher([r"^>>\s*(?P<speaker>[A-Z]+)\s+(?P<text>.*)"])
    match = matcher.match(">> JAN dat is maatwerk")
    assert (match.speaker, ">> JAN dat is maatwerk"[match.text_start :]) == (
        "JAN",
        "dat is maatwerk",
    )
    # A user pattern wins over a built-in convention that would also match.
    override = SpeakerMatcher([r"^(?P<speaker>Jan): "]).match("Jan: [Piet] hoi")
    assert override.speaker == "Jan"


def test_speakers_user_pattern_without_text_group_starts_after_match():
    match = SpeakerMatcher([r"^--(?P<speaker>\w+)--"]).match("--Anouk--  Goedemorgen.")
    assert match.speaker == "Anouk"
    assert "--Anouk--  Goedemorgen."[match.text_start :] == "Goedemorgen."


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Fatima el Amrani", True),
        ("Mevrouw De Vries (GroenLinks)", True),
        ("Spreker 12", True),
        ("Een hele lange zin met veel woorden", False),
        ("Het punt is", False),
        ("Vraag", False),
        ("jan", False),
    ],
)
def test_speakers_is_name_like(label, expected):
    assert is_name_like(label) is expected


@pytest.mark.parametrize(
    ("line", "style"),
    [
        ("De voorzitter. Ja.", "period"),
        ("Kavish Partiman (CDA). Ja.", "period"),
        ("De heer Jansen (VVD): Ja.", "colon"),
        ("Fatima: Ja.", "name_colon"),
        ("[SPEAKER_00] Ja.", "bracket"),
        ("[00:14:10] Mehmet: Ja.", "timestamp"),
    ],
)
def test_speakers_match_names_its_style(line, style):
    assert MATCHER.match(line).style == style


@pytest.mark.parametrize(
    "patterns",
    [[r"^>>(?P<speaker>\w+)<<"], [{"regex": r"^>>(?P<speaker>\w+)<<", "role": "deelnemer"}]],
)
def test_speakers_patterns_as_strings_or_mappings(patterns):
    # The README documents both forms of `ingest.speaker_patterns`.
    params = IngestParams(speaker_patterns=patterns)
    matcher = SpeakerMatcher(pattern.regex for pattern in params.speaker_patterns)
    assert matcher.match(">>Anouk<< Goedemorgen.").speaker == "Anouk"
