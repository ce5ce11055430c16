import pandas as pd
import pytest
from test_themes_synthetic import annotate, tables_from_turns

from pipeline.stopwords import dutch_stop_words
from pipeline.tables import validate
from pipeline.themes.contexts import build_contexts

# Five sentences in one turn; "regie" is a hit where listed, else it becomes "sturing".
SENTENCES = [
    "De gemeente voert de regie over de inburgering .",
    "Vrijwilligers kennen de regie in de eigen buurt .",
    "Over regie praten we ook met de buddy .",
    "De wethouder zoekt regie bij een passende aanbieder .",
    "Het budget voor regie en taallessen blijft krap .",
]
NOUNS = {
    "gemeente",
    "inburgering",
    "vrijwilligers",
    "buurt",
    "buddy",
    "wethouder",
    "aanbieder",
    "budget",
    "taallessen",
    "regie",
    "sturing",
}
LEMMAS = {
    "vrijwilligers": "vrijwilliger",
    "taallessen": "taalles",
    "voert": "voeren",
    "kennen": "kennen",
    "praten": "praten",
    "zoekt": "zoeken",
    "blijft": "blijven",
}
VERBS = {"voert", "kennen", "praten", "zoekt", "blijft"}
ADJS = {"passende": "passend", "krap": "krap", "eigen": "eigen"}


def turn(sentences, hits, *, doc_id="fishbowl.txt", speaker="Anna"):
    annotated = []
    for idx, sentence in enumerate(sentences):
        words = sentence.split()
        toks = []
        for word in words:
            low = word.lower()
            if low in ADJS:
                tok = annotate(word, ADJS[low], "ADJ")
            elif low in VERBS:
                tok = annotate(word, LEMMAS[low], "VERB")
            elif low in NOUNS:
                tok = annotate(word, LEMMAS.get(low, low), "NOUN")
            else:
                tok = annotate(word)
            if low == "regie" and idx in hits:
                tok["hit"] = "regie"
            toks.append(tok)
        annotated.append(toks)
    return {"doc_id": doc_id, "speaker": speaker, "sentences": annotated}


def contexts_for(hit_sentences, k, *, exclude_terms=True):
    sentences = [
        s if i in hit_sentences else s.replace("regie", "sturing") for i, s in enumerate(SENTENCES)
    ]
    documents, tokens, hits = tables_from_turns([turn(sentences, set(hit_sentences))])
    contexts = build_contexts(
        hits,
        tokens,
        documents,
        context_sentences=k,
        stop_words=dutch_stop_words(),
        exclude_terms=exclude_terms,
    )
    return contexts, documents, hits


@pytest.mark.parametrize(
    ("hit_sentences", "k", "expected"),
    [
        ([0], 1, [(0, 2)]),
        ([2], 1, [(1, 4)]),
        ([4], 1, [(3, 5)]),
        ([0, 2], 1, [(0, 4)]),  # windows share sentence 1: one context
        ([0, 3], 1, [(0, 2), (2, 5)]),  # windows touch but share nothing: two contexts
        ([0, 2], 0, [(0, 1), (2, 3)]),
        ([0, 4], 2, [(0, 5)]),
        ([2], 5, [(0, 5)]),
    ],
)
def test_themes_contexts_windows_merge_when_they_share_a_sentence(hit_sentences, k, expected):
    contexts, _, _ = contexts_for(hit_sentences, k)
    assert list(zip(contexts["sent_start"], contexts["sent_end"], strict=True)) == expected


@pytest.mark.parametrize(("hit_sentences", "k"), [([0, 2], 1), ([0, 3], 1), ([2], 0)])
def test_themes_contexts_text_is_the_document_slice(hit_sentences, k):
    contexts, documents, _ = contexts_for(hit_sentences, k)
    text = documents.loc[0, "text"]
    for row in contexts.itertuples():
        assert row.text == text[row.char_start : row.char_end]
        assert row.text[0].isupper() and row.text.endswith(".")
    validate(contexts, "contexts")


def test_themes_contexts_keep_hits_ids_and_keys():
    contexts, _, hits = contexts_for([0, 2], 1)
    row = contexts.iloc[0]
    assert row["context_id"] == "fishbowl.txt#0000@0"
    assert row["hit_ids"].split(";") == hits["hit_id"].tolist()
    assert row["terms"] == "regie"
    assert (row["doc_id"], row["seg_id"], row["speaker"]) == (
        "fishbowl.txt",
        "fishbowl.txt#0000",
        "Anna",
    )


@pytest.mark.parametrize(
    ("exclude_terms", "expected"),
    [
        (True, "gemeente voeren inburgering vrijwilliger kennen sturing buurt"),
        (False, "gemeente voeren regie inburgering vrijwilliger kennen sturing buurt"),
    ],
)
def test_themes_contexts_lemmas_are_content_words(exclude_terms, expected):
    # "eigen" is an adjective but a Dutch stop word; "de", "over" are function words.
    contexts, _, _ = contexts_for([0], 1, exclude_terms=exclude_terms)
    assert contexts.loc[0, "lemmas"] == expected


def test_themes_contexts_do_not_cross_turns():
    sentences = [turn(SENTENCES[:2], {0}), turn(SENTENCES[2:], {0}, speaker="Bram")]
    documents, tokens, hits = tables_from_turns(sentences)
    contexts = build_contexts(hits, tokens, documents, context_sentences=3)
    assert contexts["seg_id"].tolist() == ["fishbowl.txt#0000", "fishbowl.txt#0001"]
    assert contexts["speaker"].tolist() == ["Anna", "Bram"]
    assert contexts["sent_end"].tolist() == [2, 3]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_themes_contexts_ignore_input_order(seed):
    turns = [turn(SENTENCES, {0, 3}, doc_id=f"d{i}.txt") for i in range(4)]
    documents, tokens, hits = tables_from_turns(turns)
    expected = build_contexts(hits, tokens, documents)
    shuffled = build_contexts(
        hits.sample(frac=1, random_state=seed),
        tokens.sample(frac=1, random_state=seed),
        documents.sample(frac=1, random_state=seed),
    )
    pd.testing.assert_frame_equal(shuffled, expected)


def test_themes_contexts_without_hits_is_an_empty_table():
    documents, tokens, hits = tables_from_turns([turn(SENTENCES, set())])
    contexts = build_contexts(hits, tokens, documents)
    assert contexts.empty
    validate(contexts, "contexts")


@pytest.mark.parametrize("junk", ["▪", "2025", "-", "3.4"])
def test_themes_contexts_lemmas_need_a_letter(junk):
    # A bullet or number tagged as a noun (as PDF text often is) is never a content lemma.
    sentence = f"De gemeente {junk} voert de regie ."
    documents, tokens, hits = tables_from_turns([turn([sentence], {0})])
    tokens.loc[tokens["text"] == junk, "upos"] = "NOUN"
    contexts = build_contexts(hits, tokens, documents, stop_words=dutch_stop_words())
    assert contexts.loc[0, "lemmas"] == "gemeente voeren"


@pytest.mark.parametrize(("min_segments", "kept"), [(0, True), (3, False), (5, True)])
def test_themes_contexts_recurring_sentences_leave_the_lemmas(min_segments, kept):
    # A procedural sentence read out in three turns is boilerplate (from 3 segments on).
    formula = "De wethouder zoekt een passende aanbieder ."
    turns = [
        turn([formula, s], {1}, doc_id=f"motie{i}.txt")
        for i, s in enumerate([SENTENCES[0], SENTENCES[2], SENTENCES[4]])
    ]
    documents, tokens, hits = tables_from_turns(turns)
    contexts = build_contexts(
        hits, tokens, documents, context_sentences=1, stop_words=dutch_stop_words(),
        boilerplate_min_segments=min_segments,
    )  # fmt: skip
    assert contexts["lemmas"].str.contains("wethouder").all() == kept
    assert contexts["text"].str.contains("wethouder").all()  # the quote keeps it
