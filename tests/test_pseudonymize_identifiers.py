"""E-mail addresses, phone numbers, addresses and postcodes."""

from __future__ import annotations

import pytest

from pipeline.privacy.identifiers import find_identifiers


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Mail naar f.elamrani@gemeente-tilburg.nl, graag.",
            [("email", "f.elamrani@gemeente-tilburg.nl")],
        ),
        ("Bel 06-12345678.", [("phone", "06-12345678")]),
        (
            "Bel +31 6 1234 5678 of 0031 20 123 4567.",
            [("phone", "+31 6 1234 5678"), ("phone", "0031 20 123 4567")],
        ),
        (
            "Het kantoor: 020-1234567 of (030) 123 45 67.",
            [("phone", "020-1234567"), ("phone", "(030) 123 45 67")],
        ),
        ("Ik woon op de Kerkstraat 12 in Lindeveen.", [("address", "Kerkstraat 12")]),
        (
            "Stationsplein 3a, 3511 AB Utrecht",
            [("address", "Stationsplein 3a"), ("postcode", "3511 AB")],
        ),
        ("Van Goghstraat 101-2", [("address", "Van Goghstraat 101-2")]),
        ("Postcode 1234AB graag.", [("postcode", "1234AB")]),
    ],
)
def test_pseudonymize_identifiers_found(text, found):
    assert [(s.kind, s.text(text)) for s in find_identifiers(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "Op 14 maart 2024 om 19.30 uur kwamen 412 mensen.",
        "De Wet inburgering 2021 trad in 2022 NL-breed in werking.",
        "Het budget is 1000 EU-breed, artikel 2.3 lid 4.",
        "We spraken over de Kerkstraat en het Stationsplein.",
        "Bel 112 in nood; het nummer 1234567 is een dossier.",
    ],
)
def test_pseudonymize_identifiers_leave_other_numbers(text):
    assert find_identifiers(text) == []
