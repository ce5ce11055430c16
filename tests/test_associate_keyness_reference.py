import math

import numpy as np
import pandas as pd
import pytest
from wordfreq import word_frequency

from pipeline.associate.keyness import keyness


def _forms(rows):
    return pd.DataFrame(rows, columns=["key", "kind", "form", "count"])


@pytest.mark.parametrize(
    ("count", "n_tokens", "smoothing", "want"),
    [
        # 2 in 1,000 tokens = 2,000 per million; unknown to wordfreq (0 per million):
        # log2((2000 + 1) / (0 + 1)) = log2 2001 = 10.9665
        (2, 1_000, 1.0, 10.9665),
        # 1 in 1,000,000 = 1 per million; smoothing 1: log2((1 + 1) / 1) = 1
        (1, 1_000_000, 1.0, 1.0),
        # the same with smoothing 3: log2(4 / 3) = 0.4150
        (1, 1_000_000, 3.0, 0.4150),
    ],
)
def test_keyness_reference_unknown_word(count, n_tokens, smoothing, want):
    forms = _forms([("kwzqxv", "word", "kwzqxv", count)])
    table = keyness(forms, n_tokens=n_tokens, smoothing=smoothing)
    assert table["reference_per_million"].tolist() == [0.0]
    assert table["keyness"].iloc[0] == pytest.approx(want, abs=1e-4)


def test_keyness_reference_sums_surface_forms_of_a_lemma():
    forms = _forms([("netwerk", "word", "netwerk", 4), ("netwerk", "word", "netwerken", 2)])
    table = keyness(forms, n_tokens=600, smoothing=1.0)
    reference = (word_frequency("netwerk", "nl") + word_frequency("netwerken", "nl")) * 1e6
    assert reference > 0
    assert table["reference_per_million"].iloc[0] == pytest.approx(reference)
    # 6 in 600 tokens = 10,000 per million
    assert table["keyness"].iloc[0] == pytest.approx(math.log2(10_001 / (reference + 1)))


def test_keyness_reference_generic_word_scores_below_typical_word():
    # same corpus frequency: a very common word is less key than a domain word
    forms = _forms([("gaan", "word", "gaan", 1), ("inburgeraar", "word", "inburgeraar", 1)])
    table = keyness(forms, n_tokens=10_000, smoothing=1.0).set_index("key")
    assert table.loc["gaan", "keyness"] < table.loc["inburgeraar", "keyness"]


def test_keyness_reference_phrases_and_empty_corpus_never_nan():
    forms = _forms([("sociaal netwerk", "phrase", "sociale netwerken", 2), ("d", "word", "d", 1)])
    table = keyness(forms, n_tokens=0, smoothing=1.0)
    assert table["key"].tolist() == ["d", "sociaal netwerk"]
    assert np.isfinite(table["keyness"]).all()
    # wordfreq estimates a multiword string from its words
    assert table["reference_per_million"].iloc[1] == pytest.approx(
        word_frequency("sociale netwerken", "nl") * 1e6
    )
