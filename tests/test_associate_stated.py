"""Stated associations, read from hand-written Dutch sentences parsed by the bundled model.

Each sentence is its own paragraph of one document, so the statements do not depend on
sections; the test checks which associates each pattern states, and that negated
statements ("is geen", "niet aan") state nothing.
"""

from functools import cache

import pandas as pd
import pytest

from pipeline.annotate.tokens import annotate_segments
from pipeline.associate.associations import associate_terms
from pipeline.model.nlp import load_pipeline
from pipeline.params import AnnotateParams, AssociateParams, TermSpec

TERMS = {t: TermSpec() for t in ("maatwerk", "zelfredzaamheid", "burgerinitiatief", "regie")}


@cache
def _nlp():
    return load_pipeline("models/nl_ud_sm")[0]


def _segments(texts: list[str]) -> pd.DataFrame:
    rows, start = [], 0
    for i, text in enumerate(texts):
        rows.append(
            {
                "seg_id": f"s.txt#{i:04d}",
                "doc_id": "s.txt",
                "seg_idx": i,
                "section": None,
                "speaker": None,
                "start_s": None,
                "end_s": None,
                "char_start": start,
                "char_end": start + len(text),
                "text": text,
            }
        )
        start += len(text) + 2
    return pd.DataFrame(rows)


def _stated(*texts: str) -> pd.DataFrame:
    segments = _segments(list(texts))
    tokens = annotate_segments(segments, _nlp(), params=AnnotateParams())
    result = associate_terms(tokens, segments, params=AssociateParams(terms=TERMS))
    table = result.associations
    return table[table["stated"].notna()], result.term_hits


@pytest.mark.parametrize(
    ("sentence", "term", "pattern", "want"),
    [
        (
            "Een van de eerste associaties met de term “maatwerk” was complexiteit.",
            "maatwerk",
            "associaties met X: Y",
            {"complexiteit"},
        ),
        (
            "Kenmerkend voor de associaties met de term “zelfredzaamheid” was de rol van"
            " sociale netwerken.",
            "zelfredzaamheid",
            "associaties met X: Y",
            {"rol", "sociaal", "netwerk", "sociaal netwerk"},
        ),
        (
            "Bij burgerinitiatief denken we aan betrokken bewoners en vrijwilligers.",
            "burgerinitiatief",
            "bij X denken aan Y",
            {"betrokken", "bewoner", "vrijwilliger", "betrokken bewoner"},
        ),
        (
            "Zelfredzaamheid wordt gezien als een groeiproces.",
            "zelfredzaamheid",
            "X gezien als Y",
            {"groeiproces"},
        ),
        (
            "Maatwerk betekent persoonlijke aandacht.",
            "maatwerk",
            "X betekent Y",
            {"persoonlijk", "aandacht", "persoonlijk aandacht"},
        ),
        (
            "Regie staat voor sturing en samenwerking.",
            "regie",
            "X betekent Y",
            {"sturing", "samenwerking"},
        ),
    ],
)
def test_associate_stated_patterns(sentence, term, pattern, want):
    stated, _ = _stated(sentence, "Een andere alinea over iets anders.")
    rows = stated[stated["term"] == term]
    assert set(rows["associate"]) == want
    assert set(rows["stated"]) == {pattern}


def test_associate_stated_through_an_anaphor():
    # "De term" refers back to maatwerk, named in the paragraph before
    stated, hits = _stated(
        "Daarna kwam maatwerk aan bod.",
        "De term riep associaties op in relatie tot polarisering.",
    )
    row = stated.set_index("associate").loc["polarisering"]
    assert row["term"] == "maatwerk"
    assert row["stated"] == "X roept associaties op met Y"
    assert hits.set_index("hit_id").loc[row["stated_hit_id"], "match_kind"] == "anaphor"


def test_associate_stated_heading_list():
    stated, _ = _stated("Maatwerk: complex, polariserend, en vanzelfsprekend")
    assert {"complex", "vanzelfsprekend"} <= set(stated["associate"])
    assert set(stated["stated"]) == {"X: Y, Z en W"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Bij maatwerk denken we niet aan regels.",
        "Zelfredzaamheid wordt niet gezien als een doel.",
        "Maatwerk betekent geen willekeur.",
        "Maatwerk is geen luxe.",  # a bare copula is no pattern at all
    ],
)
def test_associate_stated_negations_state_nothing(sentence):
    stated, _ = _stated(sentence, "Een andere alinea over iets anders.")
    assert stated.empty


def test_associate_stated_every_row_leads_to_its_quote():
    stated, hits = _stated(
        "Een van de eerste associaties met de term “maatwerk” was complexiteit.",
        "Bij burgerinitiatief denken we aan betrokken bewoners en vrijwilligers.",
    )
    sentences = hits.set_index("hit_id")["sentence"]
    assert len(stated) >= 4
    for row in stated.itertuples():
        quote = sentences.loc[row.stated_hit_id]
        # the quote holds the associate's words (lemmas: compare the stems)
        assert all(word[:5] in quote.lower() for word in row.associate.split()), (row, quote)
