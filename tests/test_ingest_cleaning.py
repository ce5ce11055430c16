"""Broken words: hyphenation at line ends and stray spaces inside words.

Excerpts marked "Den Haag" are lines of the verbatim council minutes of Gemeente Den Haag
(denhaag.raadsinformatie.nl: notulen of 13 November 2024, 19 December 2024, 23 January 2025
and 3 April 2025), as pypdf extracts them; `v ergadering`, `ver-` + `gadering` and
`Haga-` + `complex` are the examples of issue 17. Lines marked "made" were written for the
test.
"""

import pytest

from pipeline.ingest.cleaning import Lexicon, close_mark_spaces, join_split_words

# A few lines of a document that hyphenates by syllable (made): these breaks split words
# into pieces that are no words, so the document's compounds are broken the same way.
SYLLABLE_DOC = [
    "De gemeente wil de ver-",
    "gadering van de commis-",
    "sie over de inburge-",
    "ring verplaatsen.",
]


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ("ver", "gadering"),  # issue 17: the joined form is in the word list
        ("ver", "gadering,"),  # punctuation after the word
        ("samen", "werking"),
        ("Ver", "gadering"),  # at the start of a sentence
        ("bi", "culturele"),  # Den Haag, 3 Apr 2025: the list knows `biculturele`, rarely
    ],
)
def test_cleaning_broken_word_is_joined(head, tail):
    assert Lexicon([]).joins_hyphen(head, tail)


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ("Haga", "complex"),  # issue 17: a name before the hyphen
        ("MKB", "toets"),  # Den Haag, 13 Nov 2024: an abbreviation
        ("PvdA", "wethouder"),  # Den Haag, 19 Dec 2024
        ("hitte", "eilanden"),  # Den Haag, 13 Nov 2024: two vowels meet
        ("garage", "eigenaren"),  # Den Haag, 3 Apr 2025
        ("na", "ijleffect"),  # Den Haag, 23 Jan 2025
        ("Noord", "Afrikaanse"),  # Den Haag, 3 Apr 2025: a capital after the hyphen
        ("e", "sportclubs"),  # Den Haag, raadsvoorstel "Elke meter telt": one letter
        ("bed-bad", "broodopvang"),  # Den Haag, 13 Nov 2024: already written with hyphens
        ("passief", "agressieve"),  # Den Haag, 13 Nov 2024: two words, no syllable breaks
        ("2025", "2028"),  # Den Haag, 13 Nov 2024: years
        ("win", "win-win."),  # Den Haag, 19 Dec 2024: the rest is written with hyphens
        ("re", "integratie"),  # Den Haag, 13 Nov 2024: `reintegratie` is rare, vowels meet
    ],
)
def test_cleaning_compound_keeps_its_hyphen(head, tail):
    assert not Lexicon([]).joins_hyphen(head, tail)


def test_cleaning_document_spelling_decides_first():
    # Den Haag, 3 Apr 2025: `ov-` + `systeem` in a document that writes `OV-chipkaart`.
    lexicon = Lexicon(["Met de OV-chipkaart reist u door de regio."])
    lexicon.syllable_hyphenation = True
    assert not lexicon.joins_hyphen("ov", "systeem")
    # Made: a compound the word list lacks, but the document writes whole elsewhere.
    lexicon = Lexicon(["De inburgeringsplichtigen kiezen een route."])
    assert lexicon.joins_hyphen("inburgerings", "plichtigen")
    # Made: the document writes the hyphenated form elsewhere.
    lexicon = Lexicon(["Het participatie-instrument werkt."])
    assert not lexicon.joins_hyphen("participatie", "instrument")


def test_cleaning_compound_seam_follows_the_document_hyphenation():
    lexicon = Lexicon(SYLLABLE_DOC)
    assert not lexicon.syllable_hyphenation
    lexicon.learn_hyphenation([("ver", "gadering"), ("commis", "sie"), ("inburge", "ring")])
    assert lexicon.syllable_hyphenation
    # `buurt` + `voorzieningen`: two words that the word list does not know joined.
    assert lexicon.joins_hyphen("buurt", "voorzieningen")
    assert not lexicon.joins_hyphen("Haga", "complex")
    # A document without syllable breaks wrote the hyphen itself.
    assert not Lexicon([]).joins_hyphen("buurt", "voorzieningen")


def test_cleaning_broken_word_is_no_evidence_for_itself():
    lexicon = Lexicon(SYLLABLE_DOC)
    assert lexicon.counts["ver"] == 0
    assert lexicon.counts["gadering"] == 0
    assert lexicon.counts["commissie"] == 0
    assert lexicon.counts["verplaatsen"] == 1


@pytest.mark.parametrize(
    ("line", "cleaned"),
    [
        ("De v ergadering is geopend.", "De vergadering is geopend."),  # issue 17
        (
            "van het democratische proces te waarborge n.",  # Den Haag, 13 Nov 2024
            "van het democratische proces te waarborgen.",
        ),
        (
            "Van het voorjaar hoorde ik voor het eerst dat de gemee nte, mevrouw",
            "Van het voorjaar hoorde ik voor het eerst dat de gemeente, mevrouw",
        ),  # Den Haag, 13 Nov 2024
        (
            "gelegen aan en nabij de Jan Willem Frisolaan 3 te Den Haa g.",
            "gelegen aan en nabij de Jan Willem Frisolaan 3 te Den Haag.",
        ),  # Den Haag, 19 Dec 2024
        (
            "een beter plan is neergelegd, maar e r zijn ook",
            "een beter plan is neergelegd, maar er zijn ook",
        ),  # Den Haag, 19 Dec 2024
        (
            "naar voren te halen v óór agendapunt K , omdat",
            "naar voren te halen vóór agendapunt K , omdat",
        ),  # Den Haag, 23 Jan 2025
    ],
)
def test_cleaning_stray_space_inside_word_is_removed(line, cleaned):
    assert join_split_words(line, Lexicon([line])) == (cleaned, 1)


@pytest.mark.parametrize(
    "line",
    [
        "De heer Van Zanen. Voorzitter, dank u wel.",  # Den Haag, 19 Dec 2024: two words
        "Er zit in een motie ook een verzoek.",  # made: `in een`, though `ineen` is a word
        "Agendapunten F t/m I worden gezamenlijk behandeld.",  # Den Haag, 19 Dec 2024
        "De laatste zin van dictum I b te wijzigen in: voor",  # Den Haag, 3 Apr 2025
        "Een nieuw dictum, I e, te voegen: Het belang",  # Den Haag, 3 Apr 2025
        "Mevrouw Celtik (F). Ik ben burger van deze stad.",  # Den Haag, 13 Nov 2024
        "De e-mail en de Z-route staan op de agenda.",  # made: hyphens are not spaces
    ],
)
def test_cleaning_real_words_keep_their_space(line):
    assert join_split_words(line, Lexicon([line])) == (line, 0)


@pytest.mark.parametrize(
    ("line", "cleaned", "elsewhere"),
    [
        (
            "Dat weet u, en dat betaalt u. Goede da gen en bedankt voor de lekkernij.",
            "Dat weet u, en dat betaalt u. Goede dagen en bedankt voor de lekkernij.",
            "Over drie dagen, na tien dagen, binnen vijf dagen.",
        ),  # Den Haag, 19 Dec 2024: `da` and `gen` are listed, the document writes `dagen`
        (
            "En als klap op de vuurpijl maakt het coll ege op 2 december",
            "En als klap op de vuurpijl maakt het college op 2 december",
            "Het college, het college en het college.",
        ),  # Den Haag, 19 Dec 2024
        (
            "Is de hee r Partiman dat niet met mij eens?",
            "Is de heer Partiman dat niet met mij eens?",
            "De heer Van Zanen, de heer Partiman, de heer Mahmood.",
        ),  # Den Haag, 3 Apr 2025
        (
            "Peeck (VVD), De Ridder (V VD), Sewtahal (Hart voor Den Haag)",
            "Peeck (VVD), De Ridder (VVD), Sewtahal (Hart voor Den Haag)",
            "Hofstra (VVD), Uduba (VVD).",
        ),  # Den Haag, 19 Dec 2024: the attendance list
    ],
)
def test_cleaning_document_words_outweigh_listed_pieces(line, cleaned, elsewhere):
    assert join_split_words(line, Lexicon([line, elsewhere])) == (cleaned, 1)


def test_cleaning_stray_space_after_a_word_is_still_found():
    # The pair `de v` is tried and refused before `v ergadering` is tried.
    assert join_split_words("de v ergadering", Lexicon([]))[0] == "de vergadering"


@pytest.mark.parametrize(
    ("line", "cleaned"),
    [
        ("De voorzitter . Ik open de vergadering.", "De voorzitter. Ik open de vergadering."),
        (  # Den Haag, 23 Jan 2025
            "naar voren te halen vóór agendapunt K , omdat",
            "naar voren te halen vóór agendapunt K, omdat",
        ),
        (  # Den Haag, 13 Nov 2024
            "(Agendapunten F t/m I worden gezamenlijk besproken )",
            "(Agendapunten F t/m I worden gezamenlijk besproken)",
        ),
        ("Waarom zegt u dat ?", "Waarom zegt u dat?"),  # made
    ],
)
def test_cleaning_space_before_closing_mark_is_removed(line, cleaned):
    assert close_mark_spaces(line) == (cleaned, 1)


@pytest.mark.parametrize(
    "line",
    ["Wacht ... even.", "De stand is 3 : 2 voor.", "Pagina - 3 -", "Zij zegt ( lachend ):"],
)
def test_cleaning_other_spaces_before_marks_stay(line):
    # Made: an ellipsis, a score after a digit, a dash, a mark before a mark.
    assert close_mark_spaces(line) == (line, 0)
