"""Discourse units: sections, anaphora, bridged compound heads and unit weights.

A hand-built report in the shape of an association exercise (its parse does not matter
here, so every token is its own root):

    r.txt#0000  [Maatwerk]          Maatwerk                               (heading)
    r.txt#0001  [Maatwerk]          Complexiteit kwam op .                  (no mention)
    r.txt#0002  [Maatwerk]          De term riep polarisering op .          (anaphor)
    r.txt#0003  [Burgerinitiatief]  Burgerinitiatief                        (heading)
    r.txt#0004  [Burgerinitiatief]  Initiatieven zoeken vertrouwen .        (bridged)
    r.txt#0005  [Burgerinitiatief]  Maatwerk en initiatief vragen draagvlak .
"""

import pytest
from associate_docs import corpus, tagged

from pipeline.associate.associations import associate_terms
from pipeline.params import AssociateParams, TermSpec

REPORT = [
    ("r.txt", None, tagged("Maatwerk/NOUN"), "Maatwerk"),
    ("r.txt", None, tagged("Complexiteit/NOUN kwam/komen/VERB op/ADP ./PUNCT"), "Maatwerk"),
    (
        "r.txt",
        None,
        tagged("De/DET term/NOUN riep/roepen/VERB polarisering/NOUN op/ADP ./PUNCT"),
        "Maatwerk",
    ),
    ("r.txt", None, tagged("Burgerinitiatief/NOUN"), "Burgerinitiatief"),
    (
        "r.txt",
        None,
        tagged("Initiatieven/initiatief/NOUN zoeken/VERB vertrouwen/NOUN ./PUNCT"),
        "Burgerinitiatief",
    ),
    (
        "r.txt",
        None,
        tagged("Maatwerk/NOUN en/CCONJ initiatief/NOUN vragen/VERB draagvlak/NOUN ./PUNCT"),
        "Burgerinitiatief",
    ),
]
TERMS = {"maatwerk": TermSpec(), "burgerinitiatief": TermSpec()}


def _run(turns=REPORT, **options):
    tokens, segments = corpus(turns)
    params = AssociateParams(terms=TERMS, stated=False, **options)
    return associate_terms(tokens, segments, params=params)


def test_associate_discourse_anaphor_and_bridged_hits_are_flagged():
    hits = _run().term_hits.set_index("hit_id")
    assert hits.loc["r.txt#0002:0", ["term", "match_kind", "matched"]].tolist() == [
        "maatwerk",
        "anaphor",
        "De term",
    ]
    assert hits.loc["r.txt#0004:0", ["term", "match_kind"]].tolist() == [
        "burgerinitiatief",
        "bridged",
    ]
    assert hits.loc["r.txt#0005:2", "match_kind"] == "bridged"
    assert hits.loc["r.txt#0005:0", ["term", "match_kind"]].tolist() == ["maatwerk", "term"]
    # the KWIC table shows them apart too
    kwic = _run().kwic.set_index("hit_id")
    assert kwic.loc["r.txt#0002:0", "match_kind"] == "anaphor"


def test_associate_discourse_other_units_make_no_extra_hits():
    hits = _run(context="sentence").term_hits
    assert set(hits["match_kind"]) == {"term"}
    assert len(hits) == 3  # the two headings and "Maatwerk" in r.txt#0005


@pytest.mark.parametrize(
    ("term", "associate", "a", "a_b"),
    [
        # Units are the six sentences. maatwerk's strengths: the heading 1, r#1 0.25 (only
        # its section is about maatwerk), r#2 1 (the anaphor), r#5 1, shared with
        # burgerinitiatief (its bridged "initiatief") -> 0.5. a+b = 1 + 0.25 + 1 + 0.5.
        ("maatwerk", "polarisering", 1.0, 2.75),
        ("maatwerk", "complexiteit", 0.25, 2.75),
        ("maatwerk", "draagvlak", 0.5, 2.75),
        # burgerinitiatief: the heading 1, r#4 1 (bridged), r#5 0.5 -> a+b = 2.5
        ("burgerinitiatief", "vertrouwen", 1.0, 2.5),
        ("burgerinitiatief", "draagvlak", 0.5, 2.5),
    ],
)
def test_associate_discourse_weighted_counts(term, associate, a, a_b):
    table = _run().associations.set_index(["term", "associate"])
    row = table.loc[(term, associate)]
    assert row["n_cooc"] == pytest.approx(a, abs=1e-6)
    assert row["n_term"] == pytest.approx(a_b, abs=1e-6)
    assert row["n_total"] == 6  # six sentences
    assert row["n_assoc"] == 1
    assert row["expected"] == pytest.approx(a_b * 1 / 6, abs=1e-5)


def test_associate_discourse_paragraph_weight():
    # two sentences in one turn: the second is about regie through its paragraph
    turns = [
        (
            "p.txt",
            None,
            tagged("Regie/NOUN helpt/helpen/VERB ./PUNCT | Budget/NOUN telt/tellen/VERB ./PUNCT"),
        ),
        ("q.txt", None, tagged("Budget/NOUN en/CCONJ tijd/NOUN ./PUNCT")),
    ]
    tokens, segments = corpus(turns)
    for weight in (0.5, 0.8):
        params = AssociateParams(terms={"regie": TermSpec()}, paragraph_weight=weight)
        table = associate_terms(tokens, segments, params=params).associations
        row = table.set_index("associate").loc["budget"]
        assert row["n_cooc"] == pytest.approx(weight)
        assert row["n_term"] == pytest.approx(1 + weight)
        assert row["n_total"] == 3


def test_associate_discourse_list_items_join_their_paragraph():
    turns = [
        ("l.txt", None, tagged("Over/ADP regie/NOUN gaat/gaan/VERB het/PRON om/ADP")),
        ("l.txt", None, tagged("1./X budget/NOUN")),
        ("l.txt", None, tagged("2./X planning/NOUN")),
        ("l.txt", None, tagged("Verder/ADV iets/PRON anders/ADJ ./PUNCT | Tijd/NOUN ./PUNCT")),
    ]
    tokens, segments = corpus(turns)
    params = AssociateParams(terms={"regie": TermSpec()})
    table = associate_terms(tokens, segments, params=params).associations.set_index("associate")
    # the items continue the sentence that leads into them: paragraph strength 0.5
    assert table.loc["budget", "n_cooc"] == pytest.approx(0.5)
    assert table.loc["planning", "n_cooc"] == pytest.approx(0.5)
    assert "tijd" not in table.index


def test_associate_discourse_section_term_not_elsewhere():
    table = _run().associations.set_index(["term", "associate"])
    # vertrouwen stands only in the burgerinitiatief section
    assert ("maatwerk", "vertrouwen") not in table.index


def test_associate_discourse_scope_weight_param():
    table = _run(scope_weight=0.6).associations.set_index(["term", "associate"])
    assert table.loc[("maatwerk", "complexiteit"), "n_cooc"] == pytest.approx(0.6)


def test_associate_discourse_title_makes_the_document_about_its_term():
    turns = [
        ("t.txt", None, tagged("Regie/NOUN"), "Regie"),
        ("t.txt", None, tagged("Opmerkingen/opmerking/NOUN"), "Opmerkingen"),
        ("t.txt", None, tagged("Budget/NOUN ontbreekt/ontbreken/VERB ./PUNCT"), "Opmerkingen"),
        ("u.txt", None, tagged("Budget/NOUN en/CCONJ tijd/NOUN ./PUNCT")),
    ]
    tokens, segments = corpus(turns)
    params = AssociateParams(terms={"regie": TermSpec()}, stated=False)
    table = associate_terms(tokens, segments, params=params).associations
    row = table.set_index("associate").loc["budget"]
    # the title's scope reaches the later section: 1 + 0.25 + 0.25 over 4 sentences
    assert row["n_term"] == pytest.approx(1.5)
    assert row["n_cooc"] == pytest.approx(0.25)
    assert row["n_total"] == 4


@pytest.mark.parametrize(
    "sentence",
    [
        # the floor is handed over: no anaphor
        "De/DET voorzitter/NOUN geeft/geven/VERB het/DET woord/NOUN ./PUNCT",
        # the term itself follows: the explicit hit is the mention
        "De/DET term/NOUN “/PUNCT maatwerk/NOUN ”/PUNCT is/zijn/AUX lastig/ADJ ./PUNCT",
    ],
)
def test_associate_discourse_no_anaphor(sentence):
    turns = [*REPORT[:2], ("r.txt", None, tagged(sentence), "Maatwerk")]
    hits = _run(turns).term_hits
    assert "anaphor" not in set(hits["match_kind"])
