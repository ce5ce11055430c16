import math

import pytest
from associate_docs import corpus, tagged

from pipeline.associate.associations import associate_terms
from pipeline.params import AssociateParams, TermSpec

# Three turns, six sentences, 22 non-punctuation tokens; "regie" occurs four times.
#   a.txt#0000 (Fatima): S0 Regie vraagt vertrouwen .  S1 Vertrouwen groeit langzaam .
#   a.txt#0001 (Joost):  S0 Zonder vertrouwen geen regie .
#   b.txt#0000 (Fatima): S0 De gemeente houdt regie .  S1 Vertrouwen en regie horen samen .
#                        S2 De gemeente luistert .
TURNS = [
    (
        "a.txt",
        "Fatima",
        tagged(
            "Regie/NOUN vraagt/vragen/VERB vertrouwen/NOUN ./PUNCT"
            " | Vertrouwen/NOUN groeit/groeien/VERB langzaam/ADJ ./PUNCT"
        ),
    ),
    ("a.txt", "Joost", tagged("Zonder/ADP vertrouwen/NOUN geen/DET regie/NOUN ./PUNCT")),
    (
        "b.txt",
        "Fatima",
        tagged(
            "De/DET gemeente/NOUN houdt/houden/VERB regie/NOUN ./PUNCT"
            " | Vertrouwen/NOUN en/CCONJ regie/NOUN horen/VERB samen/ADV ./PUNCT"
            " | De/DET gemeente/NOUN luistert/luisteren/VERB ./PUNCT"
        ),
    ),
]
FIELDS = ["n_cooc", "n_term", "n_assoc", "n_total", "n_docs", "n_speakers", "example_hit_ids"]


# The counting tests fix what the defaults leave to the corpus: verbs may be associates and
# min_count is 2 (the `auto` default gives 1 below 5,000 tokens).
COUNTING = {"context": "sentence", "content": "nouns-adjectives-verbs", "min_count": 2}


def _associations(**options):
    tokens, segments = corpus(TURNS)
    params = AssociateParams(terms={"regie": TermSpec()}, min_cooc=1, **{**COUNTING, **options})
    table = associate_terms(tokens, segments, params=params).associations
    return table.set_index("associate")


@pytest.mark.parametrize(
    ("options", "associate", "want"),
    [
        # sentences: N=6 sentences, regie in 4 of them (a+b=4). vertrouwen in a0S0, a0S1,
        # a1S0, b0S1 (a+c=4), together in a0S0, a1S0, b0S1 (a=3): two documents, three
        # speakers (a speaker label counts per document), first hit of each unit.
        (
            {"context": "sentence"},
            "vertrouwen",
            (3, 4, 4, 6, 2, 3, "a.txt#0000:0;a.txt#0001:3;b.txt#0000:7"),
        ),
        # gemeente in b0S0 and b0S2 (a+c=2), together with regie in b0S0 only
        ({"context": "sentence"}, "gemeente", (1, 4, 2, 6, 1, 1, "b.txt#0000:3")),
        # segments: N=3 turns, regie in all 3; vertrouwen in all 3; gemeente in b0 only
        (
            {"context": "segment"},
            "vertrouwen",
            (3, 3, 3, 3, 2, 3, "a.txt#0000:0;a.txt#0001:3;b.txt#0000:3"),
        ),
        ({"context": "segment"}, "gemeente", (1, 3, 1, 3, 1, 1, "b.txt#0000:3")),
        # windows of ±1: N = 22 tokens - 4 hit tokens = 18. Window tokens: vraagt | geen |
        # houdt, Vertrouwen | en, horen -> a+b=6. vertrouwen occurs 4 times (a+c=4), once in
        # a window (b0, next to the first regie of that turn, which owns the window).
        ({"context": "window", "window": 1}, "vertrouwen", (1, 6, 4, 18, 1, 1, "b.txt#0000:3")),
        # windows of ±2: a0 vraagt vertrouwen | a1 vertrouwen geen | b0 gemeente houdt
        # Vertrouwen en horen samen -> a+b=10; vertrouwen in a window in all three turns
        (
            {"context": "window", "window": 2},
            "vertrouwen",
            (3, 10, 4, 18, 2, 3, "a.txt#0000:0;a.txt#0001:3;b.txt#0000:3"),
        ),
        ({"context": "window", "window": 2}, "gemeente", (1, 10, 2, 18, 1, 1, "b.txt#0000:3")),
        # n_examples caps the example hits, keeping the first in reading order
        (
            {"context": "sentence", "n_examples": 2},
            "vertrouwen",
            (3, 4, 4, 6, 2, 3, "a.txt#0000:0;a.txt#0001:3"),
        ),
    ],
)
def test_associate_counts_by_context_unit(options, associate, want):
    row = _associations(**options).loc[associate]
    assert tuple(row[FIELDS]) == want


def test_associate_counts_window_without_cooccurrence_is_dropped():
    # with ±1, gemeente never stands next to regie: a=0, so no row
    assert "gemeente" not in _associations(context="window", window=1).index


def test_associate_counts_measures_follow_the_counts():
    row = _associations().loc["vertrouwen"]
    # a=3, E=4*4/6=2.6667: PMI=log2(3/2.6667)=log2(1.125)=0.1699;
    # log-Dice=14+log2(6/8)=13.585; t=(3-2.6667)/sqrt(3)=0.1925
    assert row["expected"] == pytest.approx(2.666667, abs=1e-5)
    assert row["pmi"] == pytest.approx(0.169925, abs=1e-5)
    assert row["log_dice"] == pytest.approx(13.584963, abs=1e-5)
    assert row["t_score"] == pytest.approx(0.19245, abs=1e-4)


@pytest.mark.parametrize(
    ("options", "present", "absent"),
    [
        # min_count=2 (default): verbs and langzaam occur once
        ({}, {"vertrouwen", "gemeente"}, {"vragen", "houden", "horen", "langzaam"}),
        ({"min_count": 1}, {"vragen", "houden", "horen"}, {"samen", "regie"}),
        ({"min_count": 1, "include_adv": True}, {"samen"}, {"zonder", "geen", "de"}),
        ({"extra_stop_words": ["Vertrouwen"]}, {"gemeente"}, {"vertrouwen"}),
        ({"min_cooc": 2}, {"vertrouwen"}, {"gemeente"}),
        ({"content_upos": ["VERB"], "min_count": 1}, {"vragen"}, {"vertrouwen"}),
        ({"top_n": 1}, {"vertrouwen"}, {"gemeente"}),
    ],
)
def test_associate_counts_candidate_filters(options, present, absent):
    params = {"min_cooc": 1, **COUNTING, **options}
    tokens, segments = corpus(TURNS)
    table = associate_terms(
        tokens, segments, params=AssociateParams(terms={"regie": TermSpec()}, **params)
    ).associations
    found = set(table["associate"])
    assert present <= found
    assert not absent & found


SOCIAL = [
    (
        "c.txt",
        "Sanne",
        """
Sociale sociaal ADJ 2 amod
netwerken netwerk NOUN 3 nsubj
steunen _ VERB 0 root
participatie _ NOUN 3 obj
. _ PUNCT 3 punct

Participatie _ NOUN 2 nsubj
vraagt vragen VERB 0 root
een _ DET 5 det
sociaal _ ADJ 5 amod
netwerk _ NOUN 2 obj
. _ PUNCT 2 punct

Het _ DET 2 det
netwerk _ NOUN 3 nsubj
helpt helpen VERB 0 root
. _ PUNCT 3 punct
""",
    )
]


def test_associate_counts_phrases_from_the_parse():
    tokens, segments = corpus(SOCIAL)
    params = AssociateParams(min_cooc=1, **COUNTING)
    table = associate_terms(tokens, segments, params=params).associations
    phrase = table[table["kind"] == "phrase"].set_index("associate")
    # "sociale netwerken" and "sociaal netwerk" are one lemma phrase, both with participatie
    assert phrase.index.tolist() == ["sociaal netwerk"]
    assert phrase.loc["sociaal netwerk", "upos"] == "ADJ+NOUN"
    assert tuple(phrase.loc["sociaal netwerk", ["n_cooc", "n_term", "n_assoc", "n_total"]]) == (
        2,
        2,
        2,
        3,
    )
    word = table[table["kind"] == "word"].set_index("associate")
    # the word netwerk also counts its third sentence, where participatie is absent
    assert tuple(word.loc["netwerk", ["n_cooc", "n_assoc"]]) == (2, 3)


def test_associate_counts_all_tokens_are_the_term():
    tokens, segments = corpus([("d.txt", None, tagged("Regie/NOUN regie/NOUN | Regie/NOUN"))])
    result = associate_terms(tokens, segments, params=AssociateParams(min_count=1, min_cooc=1))
    assert len(result.term_hits) == 3
    assert result.associations.empty


def test_associate_counts_term_seen_once():
    tokens, segments = corpus(
        [
            (
                "e.txt",
                "Ali",
                tagged("Maatwerk/NOUN helpt/helpen/VERB | Helpen/VERB werkt/werken/VERB"),
            )
        ]
    )
    params = AssociateParams(**{**COUNTING, "min_count": 1, "min_cooc": 1})
    table = associate_terms(tokens, segments, params=params).associations
    row = table.set_index("associate").loc["helpen"]
    # N=2 sentences, a+b=1, a+c=2, a=1: E=1, PMI=0, t=0
    assert tuple(row[["n_cooc", "n_term", "n_assoc", "n_total"]]) == (1, 1, 2, 2)
    assert row["pmi"] == pytest.approx(0.0)
    assert not math.isnan(row["keyness"])


@pytest.mark.parametrize(
    ("word", "lemma", "shown"),
    [
        # a slip: "zegg" is no Dutch word, "zeggen" is: show the written word
        ("zeggen", "zegg", "zeggen"),
        ("initiatieven", "initiatiev", "initiatieven"),
        # a real lemma, rarer than its plural but well known: keep it
        ("mensen", "mens", "mens"),
        ("netwerken", "netwerk", "netwerk"),
        # real words, though the written form is far more common in general Dutch: the rule
        # before issue 18 (a frequency ratio) showed the written form and broke these
        ("verschillende", "verschillend", "verschillend"),
        ("huidige", "huidig", "huidig"),
        # not in wordfreq, but a compound of known words (status + houder): a word
        ("statushouders", "statushouder", "statushouder"),
        # a slip of a participle: "aangepassen" is no word, not even a compound of words
        ("aangepast", "aangepassen", "aangepast"),
    ],
)
def test_associate_counts_lemmatizer_slips_shown_as_written(word, lemma, shown):
    tokens, segments = corpus(
        [
            (
                "f.txt",
                "Bo",
                tagged(f"Regie/NOUN {word}/{lemma}/NOUN | Regie/NOUN {word}/{lemma}/NOUN"),
            )
        ]
    )
    result = associate_terms(tokens, segments, params=AssociateParams())
    assert result.associations["associate"].tolist() == [shown]
