"""Suggested term variants: derivations in the corpus, suggested and not matched."""

from associate_docs import corpus, tagged

from pipeline.associate.associations import associate_terms
from pipeline.associate.variants import term_stems
from pipeline.params import AssociateParams, TermSpec

TURNS = [
    (
        "a.txt",
        "Sanne",
        tagged(
            "Participatie/NOUN vraagt/vragen/VERB participanten/participant/NOUN ./PUNCT"
            " | Wie/PRON wil/willen/VERB participeren/VERB ?/PUNCT"
            " | Participanten/participant/NOUN en/CCONJ inburgeraars/inburgeraar/NOUN ./PUNCT"
        ),
    ),
    ("b.txt", None, tagged("Inburgering/NOUN en/CCONJ partijen/partij/NOUN ./PUNCT")),
]


def test_associate_variants_stems():
    assert term_stems("participatie") == ["particip"]
    assert term_stems("inburgering") == ["inburg"]
    assert term_stems("regie") == []  # "reg" is too short to suggest anything
    assert term_stems("maatwerk") == []


def test_associate_variants_suggested_not_matched():
    tokens, segments = corpus(TURNS)
    terms = {"participatie": TermSpec(), "inburgering": TermSpec()}
    result = associate_terms(tokens, segments, params=AssociateParams(terms=terms))
    table = result.term_variants
    got = {(r.term, r.suggestion): r.n for r in table.itertuples()}
    assert got == {
        ("participatie", "participant"): 2,
        ("participatie", "participeren"): 1,
        ("inburgering", "inburgeraar"): 1,
    }
    # most frequent first, with the segment it first occurs in
    assert table["suggestion"].iloc[0] == "participant"
    assert table["example_seg_id"].iloc[0] == "a.txt#0000"
    # and none of them became a hit
    assert set(result.term_hits["matched"].str.lower()) == {"participatie", "inburgering"}
