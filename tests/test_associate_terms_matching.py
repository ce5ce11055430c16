import pytest
from associate_docs import corpus, plain

from pipeline.associate.associations import reading_order
from pipeline.associate.hits import find_term_hits
from pipeline.associate.terms import EXACT, compile_lexicon, inflections
from pipeline.params import AssociateParams, TermSpec

DEFAULT = compile_lexicon(AssociateParams().terms)
WITH_INITIATIEF = compile_lexicon({**AssociateParams().terms, "initiatief": TermSpec()})


@pytest.mark.parametrize(
    ("word", "term"),
    [
        ("zelfredzaamheid", "zelfredzaamheid"),
        ("Zelfredzaamheid", "zelfredzaamheid"),
        ("zelfredzaam", "zelfredzaamheid"),
        ("zelfredzame", "zelfredzaamheid"),
        ("zelfredzamer", "zelfredzaamheid"),
        ("zelfredzaamheidsmatrix", "zelfredzaamheid"),
        ("samenredzame", "samenredzaamheid"),
        ("burgerinitiatieven", "burgerinitiatief"),
        ("BURGERINITIATIEF", "burgerinitiatief"),
        ("burgerinitiatiefnemer", "burgerinitiatief"),
        ("burger-initiatief", "burgerinitiatief"),
        ("maatwerkaanpak", "maatwerk"),
        ("maatwerkvoorziening", "maatwerk"),
        ("maatwerkvoorzieningen", "maatwerk"),
        ("zelfregie", "regie"),
        ("regievoering", "regie"),
        ("ketenregie", "regie"),
        ("arbeidsparticipatie", "participatie"),
        ("participatieverklaring", "participatie"),
        ("participaties", "participatie"),
        ("inburgeringsplichtige", "inburgering"),
        ("inburgeringsexamen", "inburgering"),
    ],
)
def test_terms_match_inflections_and_compounds(word, term):
    found = DEFAULT.match(word.lower())
    assert found is not None and found[0] == term


@pytest.mark.parametrize(
    "word",
    [
        "regisseur",
        "regisseurs",
        "regisseursrol",
        "strategie",
        "energie",
        "regime",
        "regio",
        "participeren",
        "participant",
        "participatief",  # remainder "f" is shorter than 3 letters
        "inburgeraar",
        "inburgeren",
        "initiatief",  # not burgerinitiatief on its own
        "initiatieven",
        "burger",
        "maat",
        "werk",
        "zelf",
    ],
)
def test_terms_match_rejects_false_friends(word):
    assert DEFAULT.match(word) is None


@pytest.mark.parametrize(
    ("word", "term"),
    [
        ("refugee-led-initiatieven", "initiatief"),
        ("initiatieven", "initiatief"),
        ("bewonersinitiatief", "initiatief"),
        # the longer term wins over the compound reading
        ("burgerinitiatieven", "burgerinitiatief"),
    ],
)
def test_terms_match_custom_term(word, term):
    assert WITH_INITIATIEF.match(word)[0] == term


@pytest.mark.parametrize(
    ("lemma", "surface", "term"),
    [
        # a lemmatizer that garbles a rare compound: the surface still matches
        ("burgerinitiatieef", "burgerinitiatieven", "burgerinitiatief"),
        ("zelfredzamen", "zelfredzame", "zelfredzaamheid"),
        # a wrong lemma that looks like the term: the surface is a false friend
        ("regie", "regisseur", None),
    ],
)
def test_terms_match_lemma_or_surface(lemma, surface, term):
    found = DEFAULT.match(lemma, surface)
    assert (found[0] if found else None) == term


@pytest.mark.parametrize(
    ("spec", "word", "term"),
    [
        (TermSpec(compounds=False), "maatwerkaanpak", None),
        (TermSpec(compounds=False), "zorgmaatwerk", None),
        (TermSpec(compounds=False), "maatwerken", "maatwerk"),
        (TermSpec(compounds=False), "maat-werk", "maatwerk"),
        (TermSpec(exclude=["maatwerkbus"]), "maatwerkbussen", None),
        (TermSpec(exclude=["maatwerkbus"]), "maatwerkaanpak", "maatwerk"),
        # an excluded word inside the term itself would exclude everything: ignored
        (TermSpec(exclude=["maat"]), "maatwerk", "maatwerk"),
    ],
)
def test_terms_match_compounds_switch_and_exclude(spec, word, term):
    lexicon = compile_lexicon({"maatwerk": spec})
    found = lexicon.match(word)
    assert (found[0] if found else None) == term


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("zelfredzaam", "zelfredzame"),
        ("zelfredzaam", "zelfredzaamste"),
        ("burgerinitiatief", "burgerinitiatieven"),
        ("zelfredzaamheid", "zelfredzaamheden"),
        ("regie", "regies"),
        ("inburgering", "inburgeringen"),
        ("gesprek", "gesprekken"),
    ],
)
def test_terms_inflections_include_dutch_forms(word, form):
    assert form in inflections(word)


def _hits(text, terms=None, **lemmas):
    tokens, segments = corpus([("doc.txt", "Amira", plain(text, **lemmas))])
    lexicon = compile_lexicon(terms or AssociateParams().terms)
    return find_term_hits(reading_order(tokens, segments), lexicon), segments.text[0]


@pytest.mark.parametrize(
    ("text", "terms", "want"),
    [
        # the tokenizer split the hyphens: one hit over three or five tokens
        ("Het burger~ -~ initiatief groeit .", None, [("burgerinitiatief", 1, 4)]),
        (
            "Veel refugee~ -~ led~ -~ initiatieven .",
            {"initiatief": TermSpec()},
            [("initiatief", 1, 6)],
        ),
        # the tokenizer kept the hyphen: one token
        ("Het burger-initiatief groeit .", None, [("burgerinitiatief", 1, 2)]),
        # a spaced dash is not a hyphen inside a word
        ("Maatwerk - regie .", None, [("maatwerk", 0, 1), ("regie", 2, 3)]),
        # a multiword term beats the single-word term it contains
        (
            "Eigen regie en regie .",
            {"regie": TermSpec(), "eigen regie": TermSpec()},
            [("eigen regie", 0, 2), ("regie", 3, 4)],
        ),
        (
            "Met eigen krachten verder .",
            {"zelfredzaamheid": TermSpec(multiword=["eigen kracht"])},
            [("zelfredzaamheid", 1, 3)],
        ),
        ("Eigen werk .", {"zelfredzaamheid": TermSpec(multiword=["eigen kracht"])}, []),
    ],
)
def test_terms_find_hits_spans(text, terms, want):
    hits, _ = _hits(text, terms)
    assert list(zip(hits["term"], hits["tok_start"], hits["tok_end"], strict=True)) == want


def test_terms_find_hits_offsets_cover_the_written_word():
    hits, text = _hits("Het burger~ -~ initiatief groeit .")
    ((start, end),) = zip(hits["char_start"], hits["char_end"], strict=True)
    assert text[start:end] == "burger-initiatief"
    assert hits["hit_id"].tolist() == ["doc.txt#0000:1"]


def test_terms_find_hits_slash_joined_token_gives_two_hits():
    hits, text = _hits("Zowel zelfredzaamheid/samenredzaamheid telt .")
    assert hits["term"].tolist() == ["zelfredzaamheid", "samenredzaamheid"]
    assert hits["hit_id"].tolist() == ["doc.txt#0000:1", "doc.txt#0000:1/1"]
    spans = [text[s:e] for s, e in zip(hits["char_start"], hits["char_end"], strict=True)]
    assert spans == ["zelfredzaamheid", "samenredzaamheid"]
    assert (hits["tok_start"] == 1).all() and (hits["tok_end"] == 2).all()


def test_terms_find_hits_uses_lemma_when_surface_is_unknown():
    # an abbreviation the lemmatizer resolved
    hits, _ = _hits("Kleine MW .", MW="maatwerk")
    assert hits["term"].tolist() == ["maatwerk"]


def test_terms_exact_rank_constant():
    assert DEFAULT.match("regie") == ("regie", EXACT)
