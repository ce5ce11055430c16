"""Names: whether a candidate label reads as a speaker's name or role.

A label such as "Fatima el Amrani", "Spreker 2" or "Medewerker gemeente" names somebody;
"Het punt is", "Besluit" or "Ronde 2" opens a sentence or a note. The word lists here are
the cheap first test; `pipeline.ingest.styles` weighs the document's own evidence after it.
"""

from __future__ import annotations

import re

__all__ = ["ROLES", "is_name_like"]

_PARTY_SUFFIX = re.compile(r"\s*\([^()\n]{1,40}\)$")
_ABBREVIATION = re.compile(
    r"^(?:(?:[A-Z]\.)+|Dhr\.|Mw\.|Mevr\.|Dr\.|Drs\.|Mr\.|Ir\.|Prof\.|Ing\.)$"
)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TUSSENVOEGSELS = _wordset(
    "van de der den het 't te ter ten in op la le du da di del el al bin von zu"
)
# Words that open sentences rather than names: a label starting with one is talk.
_SENTENCE_WORDS = _wordset(
    """
    aan al alle alleen als andere bij dan dat daar daarom deze die dit door dus echter een
    eerst en er geen haar hier hij hoe hun ik in is je jij jullie kortom maar mijn met
    misschien na naar niet nog nou nu of ok oké om onze ook op over stel toen tot u uit
    uw van vanuit volgens voor waar want wat we wie wij zij ze zo zoals ja nee
    """
)
# Labels that head a note or a list item, not a turn ("Besluit: ...", "Ronde 2: ...").
_NOT_SPEAKERS = _wordset(
    """
    aanvang begin einde opening sluiting start
    aanwezig aanwezigen actie acties actiepunt actiepunten adres afgemeld afspraak afspraken
    afwezig agenda agendapunt antwoord auteur besluit besluiten betreft bijlage bijlagen bron
    cc conclusie conclusies datum deadline deel doel email e-mail fase figuur groep inhoud
    kenmerk let link locatie noot nb n.b. notulen onderwerp opmerking opmerkingen plaats punt
    resultaat ronde samenvatting sessie status stap stelling tabel tafel tel telefoon thema
    tijd tip titel toelichting uitslag url versie vervolg voorbeeld vraag vragen waarom
    wanneer wat waar wie hoe ps zie onverstaanbaar gelach stilte pauze lacht lachen
    inaudible crosstalk onduidelijk applaus
    """
)
# Role nouns that may be followed by lower-case words ("Medewerker gemeente:").
ROLES = _wordset(
    """
    interviewer respondent spreker deelnemer deelneemster gespreksleider moderator
    facilitator voorzitter notulist medewerker beleidsmedewerker beleidsadviseur adviseur
    vrijwilliger ambtenaar wethouder burgemeester raadslid inspreker bewoner docent coach
    taalcoach klantmanager consulent ervaringsdeskundige statushouder nieuwkomer buddy
    trainer onderzoeker projectleider directeur vertegenwoordiger gast vraagsteller
    aanwezige
    """
)


def is_name_like(label: str) -> bool:
    """Whether a label reads as a speaker's name or role rather than as the start of a sentence.

    A name-like label has at most five words (a party or role in brackets not counted), no
    sentence punctuation, and capitalised words apart from Dutch name particles ("van",
    "de", ...) and numbers; lower-case words are allowed only after a role noun
    ("Medewerker gemeente"). Note labels such as "Besluit" or "Ronde 2" are excluded.

    Args:
        label: The candidate label, without colon or brackets.

    Returns:
        True when the label can be a speaker.
    """
    label = label.strip()
    core = _PARTY_SUFFIX.sub("", label)
    words = core.split()
    if not words or len(words) > 5 or len(label) > 60:
        return False
    if re.search(r"[!?;,\"“”:\[\]{}<>=/\\|#@]", core):
        return False
    first = words[0].lower()
    if label.lower() in _NOT_SPEAKERS or first.rstrip(".") in _NOT_SPEAKERS:
        return False
    if not words[0][0].isupper():
        return False
    if first in _SENTENCE_WORDS and first not in _TUSSENVOEGSELS:
        return False
    if first in _TUSSENVOEGSELS and (len(words) < 2 or not words[1][0].isupper()):
        return False
    lower_words = 0
    for word in words:
        if "." in word and not _ABBREVIATION.match(word):
            return False
        if word[0].isupper() or word.isdigit() or word in _TUSSENVOEGSELS:
            continue
        lower_words += 1
    # "Medewerker gemeente" is a role; "Wethouder Bakker zegt" is the start of a sentence.
    if lower_words:
        capitalised = sum(1 for word in words[1:] if word[0].isupper())
        return first in ROLES and len(words) <= 3 and capitalised == 0
    return True
