"""Label styles chosen per document: excerpts of real Dutch records (sources named per case).

Sources (public records, see ../shared/data/real/SOURCES.md): Den Haag council minutes of
19 December 2024 and 13 November 2024 (denhaag.raadsinformatie.nl), a Den Haag motion of
3 April 2025, the Stadskanaal committee meeting of 16 September 2013 (raadsarchief), the
Utrecht council minutes of 22 September 2011 (docplayer), and a Zoetermeer participation
evening report of 27 March 2019. Excerpts are shortened; names are those of the records.
"""

import pytest

from pipeline.ingest import ingest_folder
from pipeline.ingest.speakers import SpeakerMatch, SpeakerMatcher
from pipeline.ingest.styles import choose_styles
from pipeline.ingest.turns import split_turns

MATCHER = SpeakerMatcher()


def _speakers(text, **options):
    split = split_turns(text, matcher=MATCHER, **options)
    return [(s.speaker, text[s.char_start : s.char_end]) for s in split.segments], split


# Den Haag minutes, 19 December 2024 (shortened).
DEN_HAAG = (
    "De voorzitter. Laatste keer, meneer Van den Bos.\n\n"
    "Jan Willem van den Bos (PvdD). Ik zal de voorzitter nu een groendebat besparen.\n\n"
    "Wethouder Van Asten (D66). Er zijn twee moties ingediend.\n\n"
    "(Geroffel op de bankjes.)\n\n"
    "Wethouder Van Asten (D66). Dat is juist.\n\n"
    "De voorzitter . Gaat uw gang, meneer Partiman.\n\n"
    "Kavish Partiman (CDA). Ik zit het debat met veel plezier te volgen.\n"
)


def test_styles_den_haag_minutes_use_the_full_stop_style():
    turns, split = _speakers(DEN_HAAG)
    assert split.styles == ("period",)
    assert turns == [
        ("De voorzitter", "Laatste keer, meneer Van den Bos."),
        ("Jan Willem van den Bos (PvdD)", "Ik zal de voorzitter nu een groendebat besparen."),
        ("Wethouder Van Asten (D66)", "Er zijn twee moties ingediend."),
        (None, "(Geroffel op de bankjes.)"),
        ("Wethouder Van Asten (D66)", "Dat is juist."),
        ("De voorzitter", "Gaat uw gang, meneer Partiman."),
        ("Kavish Partiman (CDA)", "Ik zit het debat met veel plezier te volgen."),
    ]


def test_styles_mayor_without_party_and_the_text_after_the_full_stop():
    # Den Haag minutes, 3 April 2025: the mayor is labelled without a party.
    text = "De heer Van Zanen. Voorzitter, dank u wel.\n\nDe voorzitter. Dank u.\n"
    turns, _ = _speakers(text)
    assert turns[0] == ("De heer Van Zanen", "Voorzitter, dank u wel.")


def test_styles_agenda_item_is_the_section_and_does_not_end_the_turn():
    # Den Haag minutes, 19 December 2024: "Aan de orde is:" and the item on the next line.
    text = (
        "De voorzitter. Dan zeggen we het eten af.\n\n"
        "Aan de orde is:\n\n"
        "B. Stad in de raad.\n\n"
        "Er zijn zes insprekers aangemeld.\n\n"
        "De heer Drijver (C.2). Zeven jaar geleden diende Zwolsman een aanvraag in.\n"
    )
    split = split_turns(text, matcher=MATCHER)
    got = [(s.speaker, s.section, s.heading) for s in split.segments]
    assert got == [
        ("De voorzitter", None, False),
        (None, "B. Stad in de raad.", True),
        ("De voorzitter", "B. Stad in de raad.", False),
        ("De heer Drijver (C.2)", "B. Stad in de raad.", False),
    ]


def test_styles_minute_taker_sentence_ends_the_turn():
    # Den Haag minutes, 3 April 2025: the meeting is suspended; the front matter after it
    # is nobody's.
    text = (
        "De voorzitter. We zijn geschorst.\n\n"
        "De vergadering wordt van 18.34 uur tot 19.35 uur geschorst.\n\n"
        "Voorzitter: de heer Sluijs.\n\n"
        "Raadsadressen en stukken ter kennisneming.\n\n"
        "De voorzitter. Ik heropen de vergadering.\n"
    )
    turns, _ = _speakers(text)
    assert [who for who, _ in turns] == [
        "De voorzitter",
        None,
        None,
        None,
        "De voorzitter",
    ]


def test_styles_motion_read_by_the_chair_stays_in_the_chairs_turn():
    # Den Haag minutes, 19 December 2024: a motion title between blank lines is no heading
    # that ends the turn in verbatim minutes.
    text = (
        "De voorzitter. Door de heer Van den Bos wordt de volgende motie ingediend:\n\n"
        "Motie C.2.2 PvdD Verkoop is permanent denk grondig na\n\n"
        "Verzoekt het college:\n\n"
        "nu niet over te gaan tot verkoop van de grond;\n\n"
        "De motie maakt onderdeel uit van de verdere beraadslaging.\n\n"
        "Wethouder Van Asten (D66). Voorzitter. Dit proces loopt al enige jaren.\n"
    )
    turns, _ = _speakers(text)
    assert [who for who, _ in turns] == ["De voorzitter", None, "Wethouder Van Asten (D66)"]
    assert "Verzoekt het college:" in turns[0][1]


@pytest.mark.parametrize(
    "text",
    [
        # Den Haag motion, 3 April 2025: the fixed motion layout has no speakers.
        "Constaterende, dat:\n\nde raad geen zicht heeft;\n\nOverwegende:\n\nhet belangrijk is;\n\n"
        "Verzoekt het College:\n\nde raad te informeren.\n\nIndiener:\n\nR. de Ridder\n",
        # The plain-text debate: "Twee:" opens no turn of a speaker "Twee".
        "Twee: ik denk dat het anders moet.\n\nDat zeg ik al jaren.\n",
        # Zoetermeer participation report: a theme line is a heading, not a speaker.
        "Maatwerk: complex, polariserend, en vanzelfsprekend\n\nDeelnemers vonden het lastig.\n",
        # A written report's themes.
        "Betaalbaarheid: huren stijgen.\n\nRoept het Presidium op: een besluit te nemen.\n",
    ],
)
def test_styles_false_speakers_give_no_speaker(text):
    turns, split = _speakers(text)
    assert all(who is None for who, _ in turns)
    assert split.styles == ()


def test_styles_theme_line_is_a_heading():
    text = "Maatwerk: complex, polariserend, en vanzelfsprekend\n\nDeelnemers vonden het lastig.\n"
    split = split_turns(text, matcher=MATCHER)
    assert [(s.heading, s.section) for s in split.segments] == [
        (True, "Maatwerk: complex, polariserend, en vanzelfsprekend"),
        (False, "Maatwerk: complex, polariserend, en vanzelfsprekend"),
    ]


def test_styles_timestamped_names_with_a_bullet():
    # Stadskanaal committee, 16 September 2013 ("gesproken tekst"): time, name, role, name.
    text = (
        "  • 0:11 J. Deuring\n   raadslid CDA\n   J. Deuring\n   Heel hartelijk welkom.\n"
        "  • 0:2 J. Hamster\n   Wethouder (ChristenUnie)\n   J. Hamster\n   Ja, graag voorzitter.\n"
    )
    turns, split = _speakers(text)
    assert split.styles == ("timestamp",)
    assert [who for who, _ in turns] == ["J. Deuring", "J. Hamster"]


def test_styles_labels_inside_a_flattened_page():
    # Utrecht minutes, 22 September 2011, as a web mirror flattens them onto one line.
    filler = "Tegenwoordig zijn de leden: Van Asperen, mevr. Bikker, Dijk en Zwanenberg. " * 20
    text = (
        f"NOTULEN {filler}De VOORZITTER opent de vergadering en spreekt als volgt: Dames en "
        "heren! Ik heet u allen welkom. Mevrouw BIKKER (ChristenUnie): Voorzitter! Ik ken de "
        "regels.\n"
    )
    turns, _ = _speakers(text)
    assert turns[1:] == [
        ("De VOORZITTER", "Dames en heren! Ik heet u allen welkom."),
        ("Mevrouw BIKKER (ChristenUnie)", "Voorzitter! Ik ken de regels."),
    ]


def test_styles_speakers_off_and_one_style():
    text = "[SPEAKER_00] Goedenavond.\n\n[SPEAKER_01] Dank u.\n\nJan: Ja.\n"
    off, _ = _speakers(text, speakers="off")
    assert all(who is None for who, _ in off)
    only, split = _speakers(text, speakers="bracket")
    assert split.styles == ("bracket",)
    # With only brackets a label, "Jan: Ja." is part of the turn before it.
    assert only == [("SPEAKER_00", "Goedenavond."), ("SPEAKER_01", "Dank u.\n\nJan: Ja.")]


@pytest.mark.parametrize(
    ("matches", "styles"),
    [
        # One full-stop label is no style yet; two are.
        ([SpeakerMatch("De heer Jansen (VVD)", 22, style="period")], ()),
        ([SpeakerMatch("De voorzitter", 14, style="period")] * 2, ("period",)),
        # A stray colon label above hundreds of full-stop labels is not used.
        (
            [SpeakerMatch("De voorzitter", 14, style="period")] * 100
            + [SpeakerMatch("Voorzitter", 11, style="colon")],
            ("period",),
        ),
    ],
)
def test_styles_choose_by_support(matches, styles):
    assert choose_styles(matches).styles == styles


def test_styles_unknown_mode_is_an_error():
    with pytest.raises(ValueError, match="speakers mode"):
        choose_styles([], mode="sometimes")


def test_styles_sidecar_sets_the_mode_per_file_and_the_report_names_the_styles(tmp_path):
    # Den Haag minutes (19 December 2024), shortened, twice: the sidecar switches one off.
    (tmp_path / "notulen.txt").write_text(DEN_HAAG, encoding="utf-8")
    (tmp_path / "verslag.txt").write_text(DEN_HAAG, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,speakers\nverslag.txt,off\n", encoding="utf-8")
    result = ingest_folder(tmp_path)
    spoken = result.segments.groupby("doc_id")["speaker"].apply(lambda s: s.notna().sum())
    assert spoken["verslag.txt"] == 0
    assert spoken["notulen.txt"] == 6
    rows = {row["path"]: row for row in result.report}
    assert rows["notulen.txt"]["speaker_styles"] == "period"
    assert 0.8 < rows["notulen.txt"]["speaker_share"] < 1.0  # the note is nobody's
    assert (rows["verslag.txt"]["speaker_styles"], rows["verslag.txt"]["speaker_share"]) == (
        "",
        0.0,
    )
