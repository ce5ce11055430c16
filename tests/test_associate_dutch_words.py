"""Which lemmas are real Dutch words (wordfreq, or a compound of known words)."""

import pytest

from pipeline.associate.dutch_words import is_dutch_word


@pytest.mark.parametrize(
    "word",
    ["gemeente", "verschillend", "statushouder", "thermostaatkraan", "wijkbewonersvereniging",
     "samenredzaamheid", "bewonersavond"],
)  # fmt: skip
def test_associate_dutch_words_real(word):
    assert is_dutch_word(word)


@pytest.mark.parametrize(
    "word",
    # slips of the lemmatizer; "aangepassen" and "constaterende" are in spaCy's lemma index
    # but are no words, and "aange" + "passen" is no compound (wordfreq's "aange" is a bit)
    ["zegg", "initiatiev", "meedenkgroepe", "aangepassen", "constaterende", "communciatie"],
)
def test_associate_dutch_words_slips(word):
    assert not is_dutch_word(word)
