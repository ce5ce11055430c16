import codecs
import os
import re
import unicodedata

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.encoding import _FIXER, decode, normalize_text
from pipeline.ingest.parsed import Unreadable

ZIN = "Wethouder Bakker: de cliënten en ideeën over het coöperatieve café zijn belangrijk."


@pytest.mark.parametrize(
    ("data", "expected_encoding"),
    [
        (ZIN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ZIN.encode("utf-8"), "utf-8-sig"),
        (ZIN.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + ZIN.encode("utf-16-be"), "utf-16"),
        (ZIN.encode("cp1252"), "cp1252"),
        ("Hé, één ding: café’s en “regie” – € 50.".encode("cp1252"), "cp1252"),
        ("naïef".encode("latin-1"), "cp1252"),
    ],
)
def test_encoding_detected_not_assumed(data, expected_encoding):
    decoded = decode(data)
    assert decoded.encoding == expected_encoding
    assert decoded.text == data.decode(expected_encoding).lstrip("\ufeff")
    assert not decoded.text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("De cliÃ«nten en ideeÃ«n", "De cliënten en ideeën"),
        ("coÃ¶rdinatie â€“ inburgering", "coördinatie – inburgering"),
        ("Ã©Ã©n gesprek", "één gesprek"),
    ],
)
def test_encoding_mojibake_repaired(broken, repaired):
    decoded = decode(broken.encode("utf-8"))
    assert decoded.text == repaired
    assert decoded.repaired


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("regel een\r\nregel twee\rregel drie", "regel een\nregel twee\nregel drie"),
        ("cafe\u0301 en nai\u0308ef", "café en naïef"),
        ("spaties achteraan   \nvolgende", "spaties achteraan\nvolgende"),
        ("“aanhalingstekens” blijven", "“aanhalingstekens” blijven"),
        ("R&amp;D blijft letterlijk", "R&amp;D blijft letterlijk"),
    ],
)
def test_encoding_normalised_to_nfc_and_newlines(raw, expected):
    text, repaired = normalize_text(raw)
    assert text == expected
    assert not repaired


def test_encoding_clean_text_is_not_flagged_as_repaired():
    assert not decode(ZIN.encode("cp1252")).repaired


@pytest.mark.parametrize(
    "data",
    [os.urandom(0) + bytes(range(256)) * 8, b"\x00\x01\x02\x03binair\x04\x05\x06" * 50],
)
def test_encoding_binary_data_is_unreadable(data):
    with pytest.raises(Unreadable) as info:
        decode(data)
    assert info.value.status == "failed"


PIECES = [
    "cliÃ«nten",
    "â€“",
    "café",
    "één",
    "Ã©",
    "regie",
    " ",
    "\n",
    "\r\n",
    "ﬁets",
    "\ufeff",
    "Yıldız",
    "“x”",
    "\x00",
    "…",
    "Â ",
    "×²",  # mojibake of Hebrew, from a lead byte the fast path once let through
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=30))
def test_encoding_fast_path_matches_ftfy(pieces):
    # Skipping ftfy on ordinary lines must give what ftfy gives on the whole text.
    raw = "".join(pieces)
    expected = ftfy.fix_text(raw.replace("\r\n", "\n").replace("\r", "\n"), _FIXER)
    text, _ = normalize_text(raw)
    assert text == _strip_trailing(unicodedata.normalize("NFC", expected))


def _strip_trailing(text):
    return re.sub(r"[ \t\u00a0]+$", "", text, flags=re.MULTILINE)
