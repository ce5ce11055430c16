"""The annotate stage's token table: contract, offsets, whitespace, lemmas, stop words."""

import pandas as pd
import pytest
import spacy
from builders import segment_row
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from pipeline.annotate.tokens import annotate_segments, clean_lemma
from pipeline.params import AnnotateParams
from pipeline.schemas import columns
from pipeline.tables import validate

BLANK = spacy.blank("nl")


def _documents_and_segments(texts: list[str], *, sep: str = "\n\n") -> tuple[str, pd.DataFrame]:
    """One document made of the given segment texts, plus its segments table."""
    doc_text, rows, pos = "", [], 0
    for idx, text in enumerate(texts):
        if idx:
            doc_text += sep
            pos += len(sep)
        speaker = "Voorzitter" if idx % 2 == 0 else None
        rows.append(segment_row("doc.txt", idx, text, char_start=pos, speaker=speaker))
        doc_text += text
        pos += len(text)
    return doc_text, pd.DataFrame(rows)


SEGMENTS = [
    "Welkom allemaal bij deze vissenkom over inburgering.",
    "Wij  willen maatwerk,\nen de gemeente voert de regie.",
    "   ",
    "Zelfredzaamheid is een groeiproces!",
]


def test_annotate_tokens_follow_the_contract():
    _, segments = _documents_and_segments(SEGMENTS)
    tokens = annotate_segments(segments, BLANK, params=AnnotateParams())
    assert list(tokens.columns) == columns("tokens")
    validate(tokens, "tokens")
    assert set(tokens["seg_id"]) == {"doc.txt#0000", "doc.txt#0001", "doc.txt#0003"}


def test_annotate_tokens_offsets_map_back_to_the_document():
    doc_text, segments = _documents_and_segments(SEGMENTS)
    tokens = annotate_segments(segments, BLANK, params=AnnotateParams())
    for row in tokens.itertuples():
        assert doc_text[row.char_start : row.char_end] == row.text


def test_annotate_tokens_drop_whitespace_and_number_from_zero():
    _, segments = _documents_and_segments(SEGMENTS)
    tokens = annotate_segments(segments, BLANK, params=AnnotateParams())
    assert not tokens["text"].str.strip().eq("").any()
    second = tokens[tokens["seg_id"] == "doc.txt#0001"]
    assert second["tok_idx"].tolist() == list(range(len(second)))
    assert second["text"].tolist()[:3] == ["Wij", "willen", "maatwerk"]


@pytest.mark.parametrize(
    ("extra", "word", "expected"),
    [
        ((), "de", True),
        ((), "maatwerk", False),
        (("maatwerk",), "maatwerk", True),
        (("Gemeente",), "gemeente", True),
    ],
)
def test_annotate_tokens_stop_words_use_params(extra, word, expected):
    _, segments = _documents_and_segments(SEGMENTS)
    tokens = annotate_segments(segments, BLANK, params=AnnotateParams(extra_stop_words=list(extra)))
    assert tokens.loc[tokens["text"] == word, "is_stop"].iloc[0] == expected


@pytest.mark.parametrize(
    ("lemma", "text", "upos", "expected"),
    [
        ("aan_sluiten", "sluit", "VERB", "aansluiten"),
        ("Officieel", "Officiële", "ADJ", "officieel"),
        ("Amsterdam", "Amsterdam", "PROPN", "Amsterdam"),
        ("", "Gemeentes", "NOUN", "gemeentes"),
        ("klooster_orde", "Kloosterorden", "NOUN", "kloosterorde"),
    ],
)
def test_annotate_clean_lemma(lemma, text, upos, expected):
    assert clean_lemma(lemma, text, upos) == expected


class _FixedParse:
    """A stand-in pipeline that returns one hand-built parse, with a whitespace token."""

    def __init__(self):
        self.vocab = BLANK.vocab

    def pipe(self, items, **_kwargs):
        for text, context in items:
            words = ["Wij", "\n", "sluiten", "ons", "aan", "."]
            spaces = [False, False, True, True, False, False]
            doc = Doc(
                self.vocab,
                words=words,
                spaces=spaces,
                lemmas=["wij", "\n", "aan_sluiten", "ons", "aan", "."],
                pos=["PRON", "SPACE", "VERB", "PRON", "ADP", "PUNCT"],
                heads=[2, 2, 2, 2, 2, 2],
                deps=["nsubj", "dep", "ROOT", "expl:pv", "compound:prt", "punct"],
                sent_starts=[True, False, False, False, False, False],
            )
            assert doc.text == text
            yield doc, context


def test_annotate_tokens_keep_heads_valid_without_whitespace_tokens():
    _, segments = _documents_and_segments(["Wij\nsluiten ons aan."])
    tokens = annotate_segments(segments, _FixedParse(), params=AnnotateParams())
    assert tokens["text"].tolist() == ["Wij", "sluiten", "ons", "aan", "."]
    assert tokens["head_idx"].tolist() == [1, 1, 1, 1, 1]
    assert tokens["lemma"].tolist()[1] == "aansluiten"
    assert tokens["is_punct"].tolist() == [False, False, False, False, True]
    assert tokens["sent_idx"].tolist() == [0] * 5


WORDS = st.sampled_from(
    [
        "regie",
        "Maatwerk",
        "zelfredzaam",
        "burgerinitiatieven",
        "de",
        "gemeente",
        "'s",
        "PIP",
        "B1-route",
        "co-creatie",
        "€12,50",
        "café",
        "naïef",
        "1-1-2022",
        "e-mail",
        "(statushouders)",
        "Z-route:",
        "ja.",
        "…",
        "😊",
        "niet?",
        "Wet inburgering",
    ]
)
SPACES = st.sampled_from([" ", "  ", "\n", "\t", " \n ", "\u00a0", ""])


@st.composite
def segment_texts(draw):
    parts = draw(st.lists(st.tuples(WORDS, SPACES), min_size=0, max_size=12))
    return "".join(word + space for word, space in parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(segment_texts(), min_size=1, max_size=4), st.sampled_from(["\n", "\n\n", " | "]))
def test_annotate_tokens_offsets_property(texts, sep):
    doc_text, segments = _documents_and_segments(texts, sep=sep)
    tokens = annotate_segments(segments, BLANK, params=AnnotateParams(batch_size=2))
    for row in tokens.itertuples():
        assert doc_text[row.char_start : row.char_end] == row.text
        assert row.text.strip() != ""
    sizes = tokens.groupby("seg_id").size()
    heads_ok = tokens.groupby("seg_id")["head_idx"].max() < sizes
    assert heads_ok.all()
