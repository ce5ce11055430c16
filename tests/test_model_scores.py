"""The committed pipeline's test-set scores (meta.json) meet the acceptance bars."""

import json
from pathlib import Path

import pytest

MODEL = Path(__file__).resolve().parents[1] / "models" / "nl_ud_sm"

# The bars of issue 3, written out here rather than imported, so the test checks the
# promise and not whatever the code happens to say.
BARS = [
    ("upos", 0.93),
    ("uas", 0.80),
    ("las", 0.72),
    ("lemma", 0.93),
    ("sent_f", 0.85),
    ("words_per_second", 5000),
]


@pytest.fixture(scope="module")
def meta() -> dict:
    return json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))


# Issue 3 is still open: the committed model misses the UAS and LAS bars (see the model
# card). Those two checks are expected failures (strict, so a model that meets them turns
# the suite red until the marker goes); the bars it meets are asserted plainly.
MISSED = {"uas", "las"}


@pytest.mark.parametrize(
    ("name", "bar"),
    [
        pytest.param(
            name,
            bar,
            marks=pytest.mark.xfail(reason="issue 3: model below this bar", strict=True),
        )
        if name in MISSED
        else (name, bar)
        for name, bar in BARS
    ],
)
def test_model_scores_meet_bar(meta, name, bar):
    assert meta["test_scores"][name] >= bar


def test_model_scores_are_on_the_held_out_alpino_test_file(meta):
    assert meta["test_scores"]["file"] == "nl_alpino-ud-test.conllu"
    assert meta["test_scores"]["n_words"] > 10_000


def test_model_scores_model_fits_the_size_cap():
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size <= 15 * 1024 * 1024


def test_model_scores_model_has_no_pickles():
    suffixes = {p.suffix for p in MODEL.rglob("*") if p.is_file()}
    assert not suffixes & {".pkl", ".pickle", ".joblib"}


def test_model_scores_card_credits_the_treebanks():
    card = (MODEL / "README.md").read_text(encoding="utf-8")
    for needle in ["CC BY-SA 4.0", "Gosse Bouma", "Gertjan van Noord", "Alpino", "LassySmall"]:
        assert needle in card
