"""The lemma override table: its form, and "regie voeren" through the real bundled model."""

from functools import cache

import pandas as pd

from pipeline.annotate.lemma_overrides import TABLE, fix_lemmas
from pipeline.annotate.tokens import annotate_segments
from pipeline.associate.dutch_words import is_dutch_word
from pipeline.model.nlp import load_pipeline
from pipeline.params import AnnotateParams


@cache
def _nlp():
    return load_pipeline("models/nl_ud_sm")[0]


def _tokens(text: str) -> pd.DataFrame:
    segment = pd.DataFrame(
        [
            {
                "seg_id": "a.txt#0000", "doc_id": "a.txt", "seg_idx": 0, "section": None,
                "speaker": None, "start_s": None, "end_s": None, "char_start": 0,
                "char_end": len(text), "text": text,
            }
        ]
    )  # fmt: skip
    return fix_lemmas(annotate_segments(segment, _nlp(), params=AnnotateParams()))


def test_annotate_lemma_overrides_regie_voeren():
    for text in ("Regie voeren is lastig.", "De gemeente wil de regie voeren."):
        tokens = _tokens(text)
        words = tokens["text"].str.lower().tolist()
        at = words.index("regie")
        assert " ".join(tokens["lemma"].str.lower().iloc[at : at + 2]) == "regie voeren", text


def test_annotate_lemma_overrides_motion_preamble():
    tokens = _tokens("Constaterende dat de raad het voorstel steunt, verzoekt het college.")
    lemmas = dict(zip(tokens["text"].str.lower(), tokens["lemma"], strict=True))
    assert lemmas["constaterende"] == "constateren"
    assert lemmas["verzoekt"] == "verzoeken"


def test_annotate_lemma_overrides_only_the_listed_pair():
    tokens = pd.DataFrame(
        {"text": ["voeren", "Voeren", "varen", "ga"], "lemma": ["varen", "varen", "varen", "ga"],
         "upos": ["VERB", "VERB", "VERB", "PROPN"]}
    )  # fmt: skip
    fixed = fix_lemmas(tokens)
    # "varen" written as such keeps its lemma; "ga" becomes the verb gaan
    assert fixed["lemma"].tolist() == ["voeren", "voeren", "varen", "gaan"]
    assert fixed["upos"].tolist() == ["VERB", "VERB", "VERB", "VERB"]
    assert tokens["lemma"].tolist() == ["varen", "varen", "varen", "ga"]  # a copy


def test_annotate_lemma_overrides_table_is_well_formed():
    table = pd.read_csv(TABLE, dtype=str, keep_default_na=False)
    assert list(table.columns) == ["text", "model_lemma", "lemma", "upos", "seen"]
    assert not table.duplicated(["text", "model_lemma"]).any()
    assert (table["model_lemma"] != table["lemma"]).all()
    assert set(table["upos"]) <= {"", "NOUN", "VERB", "AUX", "ADJ"}
    # every corrected lemma is itself a real Dutch word
    assert all(is_dutch_word(lemma) for lemma in table["lemma"]), table["lemma"].tolist()
    assert table["seen"].str.len().gt(0).all()
