import pandas as pd
import pytest
from associate_docs import corpus

from pipeline.associate.associations import associate_terms
from pipeline.associate.relations import summarise_relations
from pipeline.params import AssociateParams, TermSpec

# Sentences parsed by hand the way UD Dutch (Alpino) does: `text lemma UPOS head dep`.
COMPLEX_MAATWERK = """
Complex complex ADJ 2 amod
maatwerk _ NOUN 3 nsubj
werkt werken VERB 0 root
. _ PUNCT 3 punct
"""
NEEMT_REGIE = """
De _ DET 2 det
gemeente _ NOUN 3 nsubj
neemt nemen VERB 0 root
regie _ NOUN 3 obj
. _ PUNCT 3 punct
"""
WORDT_GEREGELD = """
Inburgering _ NOUN 3 nsubj:pass
wordt worden AUX 3 aux:pass
geregeld regelen VERB 0 root
. _ PUNCT 3 punct
"""
WERKEN_AAN = """
Ze _ PRON 2 nsubj
werken _ VERB 0 root
aan _ ADP 4 case
participatie _ NOUN 2 obl
. _ PUNCT 2 punct
"""
GROEIPROCES = """
Zelfredzaamheid _ NOUN 4 nsubj
is zijn AUX 4 cop
een _ DET 4 det
groeiproces _ NOUN 0 root
. _ PUNCT 4 punct
"""
HET_DOEL = """
Het _ DET 2 det
doel _ NOUN 4 nsubj
is zijn AUX 4 cop
zelfredzaamheid _ NOUN 0 root
. _ PUNCT 4 punct
"""
DAT_IS = """
Dat _ PRON 3 nsubj
is zijn AUX 3 cop
maatwerk _ NOUN 0 root
. _ PUNCT 3 punct
"""
COORDINATION = """
Maatwerk _ NOUN 6 nsubj
, _ PUNCT 3 punct
regie _ NOUN 1 conj
en _ CCONJ 5 cc
participatie _ NOUN 1 conj
tellen _ VERB 0 root
. _ PUNCT 6 punct
"""
REGIE_VAN = """
De _ DET 2 det
regie _ NOUN 0 root
van _ ADP 5 case
de _ DET 5 det
gemeente _ NOUN 2 nmod
. _ PUNCT 2 punct
"""
VORM_VAN = """
Een _ DET 2 det
vorm _ NOUN 0 root
van _ ADP 4 case
maatwerk _ NOUN 2 nmod
. _ PUNCT 2 punct
"""
EIGEN_REGIE = """
Bewoners bewoner NOUN 2 nsubj
willen _ VERB 0 root
eigen _ ADJ 4 amod
regie _ NOUN 2 obj
. _ PUNCT 2 punct
"""


def _relations(spec, terms=None):
    tokens, segments = corpus([("doc.txt", "Noor", spec)])
    params = AssociateParams(terms=terms) if terms else AssociateParams()
    result = associate_terms(tokens, segments, params=params)
    return result.relations


@pytest.mark.parametrize(
    ("spec", "want"),
    [
        (
            COMPLEX_MAATWERK,
            {("maatwerk", "amod", "complex"), ("maatwerk", "governor_subj", "werken")},
        ),
        (NEEMT_REGIE, {("regie", "governor_obj", "nemen")}),
        (WORDT_GEREGELD, {("inburgering", "governor_subj", "regelen")}),
        (WERKEN_AAN, {("participatie", "governor_obl", "werken")}),
        (GROEIPROCES, {("zelfredzaamheid", "copula", "groeiproces")}),
        (HET_DOEL, {("zelfredzaamheid", "copula_subj", "doel")}),
        (DAT_IS, set()),  # a pronoun subject says nothing
        (REGIE_VAN, {("regie", "nmod", "gemeente")}),
        (VORM_VAN, {("maatwerk", "nmod_of", "vorm")}),
    ],
)
def test_relations_parse_patterns(spec, want):
    relations = _relations(spec)
    got = set(zip(relations["term"], relations["relation"], relations["associate"], strict=True))
    assert got == want


def test_relations_parse_coordination_includes_sibling_conjuncts():
    relations = _relations(COORDINATION)
    regie = relations[relations["term"] == "regie"]
    assert set(zip(regie["relation"], regie["associate"], strict=True)) == {
        ("conj", "maatwerk"),
        ("conj", "participatie"),
    }
    maatwerk = relations[relations["term"] == "maatwerk"]
    assert set(maatwerk["associate"]) == {"regie", "participatie", "tellen"}


def test_relations_parse_multiword_hit_keeps_inside_words_out():
    relations = _relations(EIGEN_REGIE, terms={"eigen regie": TermSpec()})
    assert relations[["relation", "associate"]].values.tolist() == [["governor_obj", "willen"]]


def test_relations_parse_rows_quote_the_sentence():
    relations = _relations(NEEMT_REGIE)
    assert relations["sentence"].tolist() == ["De gemeente neemt regie."]
    assert relations["hit_id"].tolist() == ["doc.txt#0000:3"]


@pytest.mark.parametrize(
    ("rows", "want"),
    [
        (
            [("amod", "Complex"), ("amod", "complex"), ("conj", "complex"), ("amod", "complex")],
            "amod:3; conj:1",
        ),
        ([("nmod", "gemeente"), ("conj", "gemeente")], "conj:1; nmod:1"),
    ],
)
def test_relations_summarise_counts_most_frequent_first(rows, want):
    relations = pd.DataFrame(
        [("h", "maatwerk", rel, assoc, "s") for rel, assoc in rows],
        columns=["hit_id", "term", "relation", "associate", "sentence"],
    )
    summary = summarise_relations(relations)
    assert summary["relations"].tolist() == [want]
    assert summary["key"].tolist() == [rows[0][1].lower()]
