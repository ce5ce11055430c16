"""Direct identifiers other than names: e-mail addresses, phone numbers, addresses, postcodes.

Each is replaced by a typed placeholder, not a pseudonym: nobody needs to follow one phone
number through a corpus.
"""

from __future__ import annotations

import re

from pipeline.privacy.spans import Span, merge_spans
from pipeline.privacy.wordlists import STREET_SUFFIXES

PLACEHOLDERS = {
    "email": "[E-MAIL]",
    "phone": "[TELEFOON]",
    "address": "[ADRES]",
    "postcode": "[POSTCODE]",
}

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")

# Dutch numbers have ten digits from the leading 0 (06-12345678, 020-1234567, 0318-123456),
# or +31 / 0031 and nine digits, with spaces, dashes, dots or an area code in brackets.
_SEP = r"[ .\-]?"
_PHONE = re.compile(
    rf"(?<![\w+])(?:"
    rf"(?:\+31|0031){_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d){{8}}"
    rf"|\(0\d{{1,3}}\){_SEP}\d(?:{_SEP}\d){{5,7}}"
    rf"|0[1-9](?:{_SEP}\d){{8}}"
    rf")(?![\w-])"
)

# Four digits (the first not 0), an optional space, two capitals. SA, SD and SS are not
# issued; EU, NL, VS, UK and US after a number are far more often "2022 NL" or "1000 EU".
_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS|EU|NL|VS|UK|US)[A-Z]{2}(?![\w-])")

# A street name ending in a Dutch street word, optionally after capitalised words and their
# tussenvoegsels ("Van Goghstraat", "Hugo de Grootplein"), then a house number with a letter
# or an addition.
_STREET_WORD = rf"[A-Z][\w'’-]*?(?:{'|'.join(STREET_SUFFIXES)})"
_ADDRESS = re.compile(
    rf"(?<![\w-])(?:[A-Z][\w'’]*\s(?:(?:van|de|der|den|het|'t)\s)*){{0,3}}{_STREET_WORD}"
    r"\s\d{1,5}(?:\s?[a-zA-Z](?![\w])|\s?-\s?\d{1,4}|\s?(?:hs|bis|I{1,3})(?![\w]))?(?![\d,.]\d)"
)
# Leading words of an address match that are sentence words, not part of the street name.
_LEADING = re.compile(r"^(?:(?:In|Op|Aan|Naar|Bij|Via|Mijn|Ons|Onze|Adres)\s)+")


def _addresses(text: str) -> list[Span]:
    spans = []
    for match in _ADDRESS.finditer(text):
        lead = _LEADING.match(match.group())
        start = match.start() + (lead.end() if lead else 0)
        spans.append(Span(start, match.end(), "address"))
    return spans


def find_identifiers(text: str) -> list[Span]:
    """E-mail addresses, phone numbers, street addresses and postcodes in a text.

    Args:
        text: Any text.

    Returns:
        Sorted, non-overlapping spans of kind `email`, `phone`, `address` or `postcode`.
    """
    spans = [Span(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
    spans += [Span(m.start(), m.end(), "phone") for m in _PHONE.finditer(text)]
    spans += [Span(m.start(), m.end(), "postcode") for m in _POSTCODE.finditer(text)]
    spans += _addresses(text)
    return merge_spans(spans)
