import numpy as np
import pandas as pd
import pytest

from pipeline.tables import validate
from pipeline.themes.codebook import (
    OUTLIER_CODE,
    build_codebook,
    code_contexts,
    representative,
    slugify,
    sub_theme_ids,
    term_theme_matrix,
    theme_code,
    theme_label,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sociale netwerken", "sociale-netwerken"),
        ("Financiële zorgen", "financiele-zorgen"),
        ("geïntegreerd coöperatie", "geintegreerd-cooperatie"),
        ("co-creatie / B1-route", "co-creatie-b1-route"),
        ("  ", ""),
    ],
)
def test_themes_codebook_slugify_folds_to_ascii(text, expected):
    assert slugify(text) == expected


@pytest.mark.parametrize(
    ("theme_id", "keywords", "code"),
    [
        (3, ["sociaal", "netwerk", "familie"], "T03-sociaal-netwerk"),
        (0, ["sociaal netwerk", "netwerk", "familie"], "T00-sociaal-netwerk-familie"),
        (12, ["financieel", "financieel zorg"], "T12-financieel-zorg"),
        (1, ["coöperatie"], "T01-cooperatie"),
        (2, [], "T02-thema"),
        (-1, ["wat", "dan"], OUTLIER_CODE),
    ],
)
def test_themes_codebook_code_from_two_distinct_keywords(theme_id, keywords, code):
    assert theme_code(theme_id, keywords) == code


@pytest.mark.parametrize(
    ("keywords", "label"),
    [
        (["taal", "les", "docent", "klas"], "taal, les, docent"),
        (["taal les", "taal", "les", "docent"], "taal les, docent"),
        (["financiële"], "financiële"),
    ],
)
def test_themes_codebook_label_keeps_diacritics_and_skips_repeats(keywords, label):
    assert theme_label(0, keywords) == label


CONTEXTS = pd.DataFrame(
    {
        "context_id": ["a.txt#0000@0", "a.txt#0001@0", "b.txt#0000@2", "b.txt#0003@0"],
        "doc_id": ["a.txt", "a.txt", "b.txt", "b.txt"],
        "seg_id": ["a.txt#0000", "a.txt#0001", "b.txt#0000", "b.txt#0003"],
        "speaker": ["Anna", None, "Bram", "Anna"],
        "section": [None] * 4,
        "terms": ["regie", "regie;maatwerk", "zelfredzaamheid", "regie"],
        "hit_ids": ["a.txt#0000:3", "a.txt#0001:1;a.txt#0001:7", "b.txt#0000:4", "b.txt#0003:0"],
        "sent_start": [0, 0, 2, 0],
        "sent_end": [2, 1, 4, 3],
        "char_start": [0, 40, 0, 90],
        "char_end": [30, 70, 50, 120],
        "text": ["De regie\nligt bij ons.", "Regie en maatwerk.", "Zelfredzaam zijn.", "Regie!"],
        "lemmas": ["regie liggen", "regie maatwerk", "zelfredzaam", "regie"],
    }
)
TOPICS = np.array([0, 0, 1, 0])
# Context 3 sits on the centroid of theme 0; contexts 0 and 1 are equally far from it.
EMBEDDINGS = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.7071068, 0.7071068]])
KEYWORDS = {0: [("regie", 0.5), ("maatwerk", 0.25)], 1: [("zelfredzaam", 0.9)]}
TERMS = ["regie", "maatwerk", "zelfredzaamheid", "burgerinitiatief"]


def test_themes_codebook_quotes_closest_to_centroid_ties_by_context_id():
    quotes = representative(CONTEXTS, TOPICS, EMBEDDINGS, n=3)
    assert quotes == {0: [3, 0, 1], 1: [2]}


def test_themes_codebook_table_keeps_contract():
    themes = build_codebook(CONTEXTS, TOPICS, EMBEDDINGS, KEYWORDS, terms=TERMS, n_quotes=2)
    validate(themes, "themes")
    first = themes.iloc[0]
    assert first["code"] == "T00-regie-maatwerk"
    assert first["keywords"] == "regie (0.500); maatwerk (0.250)"
    assert (first["size"], first["n_docs"], first["n_speakers"]) == (3, 2, 1)
    assert (first["n_regie"], first["n_maatwerk"], first["n_zelfredzaamheid"]) == (3, 1, 0)
    assert first["n_burgerinitiatief"] == 0
    assert first["quotes"] == "[b.txt#0003] Regie! || [a.txt#0000] De regie ligt bij ons."
    assert first["quote_seg_ids"] == "b.txt#0003;a.txt#0000"
    assert first["description"] == ""
    assert list(themes.columns[7:11]) == [f"n_{t}" for t in TERMS]


def test_themes_codebook_coded_contexts_and_matrix_agree():
    codes = {0: "T00-regie-maatwerk", 1: "T01-zelfredzaam"}
    coded = code_contexts(CONTEXTS, TOPICS, np.array([0.9, 0.8, 1.0, 0.95]), codes)
    validate(coded, "coded_contexts")
    assert coded["code"].tolist() == [codes[t] for t in TOPICS]
    matrix = term_theme_matrix(CONTEXTS, TOPICS, codes, terms=TERMS)
    assert matrix.columns.tolist() == ["term", "T00-regie-maatwerk", "T01-zelfredzaam"]
    assert matrix.set_index("term").loc["regie"].tolist() == [3, 0]
    assert matrix.set_index("term").loc["zelfredzaamheid"].tolist() == [0, 1]
    assert matrix["term"].tolist() == TERMS


def test_themes_codebook_sub_themes_follow_their_theme():
    # Theme 0 holds two sub-themes: contexts 0 and 3 (sub 0), context 1 (sub 1).
    subs = np.array([0, 1, -1, 0])
    sub_keywords = {(0, 0): [("regie", 0.4), ("liggen", 0.3)], (0, 1): [("maatwerk", 0.6)]}
    themes = build_codebook(
        CONTEXTS, TOPICS, EMBEDDINGS, KEYWORDS, terms=TERMS, n_quotes=2,
        sub_topics=subs, sub_keywords=sub_keywords,
    )  # fmt: skip
    validate(themes, "themes")
    assert themes["theme_id"].tolist() == [0, 1, 2, 3]
    assert themes["level"].tolist() == [1, 1, 2, 2]
    assert themes["parent_id"].tolist() == [-1, -1, 0, 0]
    assert themes["code"].tolist() == [
        "T00-regie-maatwerk", "T01-zelfredzaam", "T00.1-regie-liggen", "T00.2-maatwerk",
    ]  # fmt: skip
    assert themes["parent_code"].tolist() == ["", "", "T00-regie-maatwerk", "T00-regie-maatwerk"]
    assert themes["size"].tolist() == [3, 1, 2, 1]
    assert sub_theme_ids(TOPICS, subs) == {(0, 0): 2, (0, 1): 3}
    codes = dict(zip(themes["theme_id"], themes["code"], strict=True))
    coded = code_contexts(CONTEXTS, TOPICS, np.ones(4), codes, sub_ids=np.array([2, 3, -1, 2]))
    validate(coded, "coded_contexts")
    assert coded["sub_code"].tolist() == [
        "T00.1-regie-liggen",
        "T00.2-maatwerk",
        "",
        "T00.1-regie-liggen",
    ]
