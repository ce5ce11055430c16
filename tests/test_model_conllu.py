"""CoNLL-U reading, normalisation, deduplication and the split, on small hand-written snippets."""

import pandas as pd
import pytest
from spacy.vocab import Vocab

from pipeline.model.conllu import parse_conllu
from pipeline.model.docbin import to_docs
from pipeline.model.modernise import modernise_2017
from pipeline.model.normalise import clean_lemma, normalise_lemmas
from pipeline.model.split import DEV_FILE, TEST_FILE, build_split, sentence_key

CURRENT = """\
# sent_id = WR-P-P-H-0000000001\\WR-P-P-H-0000000001.p.1.s.1
# text = Hij sluit zich aan bij de buurtvereniging.
1	Hij	hij	PRON	VNW	Case=Nom|Person=3|PronType=Prs	2	nsubj	_	_
2	sluit	aan_sluiten	VERB	WW	Number=Sing|Tense=Pres|VerbForm=Fin	0	root	_	_
3	zich	zich	PRON	VNW	Person=3|PronType=Prs|Reflex=Yes	2	expl:pv	_	_
4	aan	aan	ADP	VZ	_	2	compound:prt	_	_
5	bij	bij	ADP	VZ	_	7	case	_	_
6	de	de	DET	LID	Definite=Def	7	det	_	_
7	buurtvereniging	buurt_vereniging	NOUN	N	Number=Sing	2	obl:arg	_	SpaceAfter=No
8	.	.	PUNCT	LET	_	2	punct	_	_

"""

LEGACY = """\
# wiki-12.p.3.s.1.xml
1	Zijn	zijn	DET	_	_	2	det	_	_
2	broer	broer	NOUN	_	Number=Sing	5	nsubj:pass	_	_
3	werd	worden	AUX	_	_	5	aux:pass	_	_
4	door	door	ADP	_	_	7	case	_	_
5	gekozen	kiezen	VERB	_	VerbForm=Part	0	root	_	_
6	de	de	DET	_	_	7	det	_	_
7	raad	raad	NOUN	_	Number=Sing	5	obl	_	_
8	Jan	Jan	PROPN	_	_	7	flat:name	_	SpaceAfter=No
9	.	.	PUNCT	_	_	5	punct	_	_

"""


def test_conllu_parse_reads_words_and_text():
    words = parse_conllu(CURRENT, file="a.conllu")
    assert list(words["form"])[:3] == ["Hij", "sluit", "zich"]
    assert words["head"].tolist() == [1, -1, 1, 1, 6, 6, 1, 1]
    assert words["sent_text"].iloc[0] == "Hij sluit zich aan bij de buurtvereniging."


def test_conllu_parse_rebuilds_missing_text_and_reads_bare_id():
    words = parse_conllu(LEGACY, file="old.conllu")
    assert words["sent_id"].iloc[0] == "wiki-12.p.3.s.1.xml"
    assert words["sent_text"].iloc[0] == "Zijn broer werd door gekozen de raad Jan."
    assert words["xpos"].iloc[0] == ""


def test_conllu_parse_skips_multiword_ranges_and_keeps_their_spacing():
    text = (
        "# text = Ik ga ten huize.\n"
        "1	Ik	ik	PRON	_	_	2	nsubj	_	_\n"
        "2	ga	gaan	VERB	_	_	0	root	_	_\n"
        "3-4	ten	_	_	_	_	_	_	_	_\n"
        "3	te	te	ADP	_	_	5	case	_	_\n"
        "4	de	de	DET	_	_	5	det	_	_\n"
        "5	huize	huis	NOUN	_	_	2	obl	_	SpaceAfter=No\n"
        "6	.	.	PUNCT	_	_	2	punct	_	_\n"
    )
    words = parse_conllu(text)
    assert words["form"].tolist() == ["Ik", "ga", "te", "de", "huize", "."]
    assert words["space_after"].tolist() == [True, True, True, True, False, True]


@pytest.mark.parametrize(
    ("lemma", "form", "expected"),
    [
        ("aan_sluiten", "aansluiten", "aansluiten"),
        ("aan_sluiten", "aangesloten", "aansluiten"),
        ("aan_sluiten", "sluit", "sluiten"),
        ("deel_nemen", "nam", "nemen"),
        ("buurt_vereniging", "buurtvereniging", "buurtvereniging"),
        ("burger_initiatief", "burgerinitiatieven", "burgerinitiatief"),
        ("inkomst_bron", "inkomstenbronnen", "inkomstenbron"),
        ("opleiding_ploeg", "opleidingsploeg", "opleidingsploeg"),
        ("61_jarig", "61-jarige", "61-jarig"),
        ("Noord_Holland", "Noord-Holland", "Noord-Holland"),
        ("regie", "regie", "regie"),
        ("_", "_", ""),
    ],
)
def test_normalise_clean_lemma_removes_underscores(lemma, form, expected):
    assert clean_lemma(lemma, form) == expected


def test_normalise_lemmas_never_leave_underscores_and_lowercase_non_propn():
    words = pd.concat(
        [parse_conllu(CURRENT, file="a"), parse_conllu(LEGACY, file="b")], ignore_index=True
    )
    words.loc[0, "lemma"] = "Hij"
    out = normalise_lemmas(words)
    assert not out["lemma"].str.contains("_").any()
    assert out["lemma"].iloc[0] == "hij"
    assert out.loc[out["form"] == "Jan", "lemma"].item() == "Jan"


@pytest.mark.parametrize(
    ("form", "upos", "deprel"),
    [
        ("Zijn", "PRON", "nmod:poss"),
        ("Jan", "PROPN", "flat"),
        ("raad", "NOUN", "obl:agent"),
        ("broer", "NOUN", "nsubj:pass"),
    ],
)
def test_normalise_modernise_2017_maps_to_current_labels(form, upos, deprel):
    out = modernise_2017(parse_conllu(LEGACY, file="old"))
    row = out[out["form"] == form].iloc[0]
    assert (row["upos"], row["deprel"]) == (upos, deprel)


def test_normalise_modernise_2017_sets_possessive_features():
    out = modernise_2017(parse_conllu(LEGACY, file="old"))
    assert out["feats"].iloc[0] == "Person=3|Poss=Yes|PronType=Prs"


@pytest.mark.parametrize(
    ("sent_id", "key"),
    [
        ("wiki-659.p.13.s.1.xml", "wiki-659.p.13.s.1"),
        ("wiki-659.p.13.s.1", "wiki-659.p.13.s.1"),
        (
            "LassySmall4_WR-P-P-H-0000000089_WR-P-P-H-0000000089.p.12.s.2.xml",
            "WR-P-P-H-0000000089.p.12.s.2",
        ),
        ("WR-P-P-H-0000000089\\WR-P-P-H-0000000089.p.12.s.2", "WR-P-P-H-0000000089.p.12.s.2"),
    ],
)
def test_split_sentence_key_strips_prefix_and_xml(sent_id, key):
    assert sentence_key(sent_id) == key


def _sentence(sent_id: str, text: str) -> str:
    tokens = text.rstrip(".").split()
    lines = [f"# sent_id = {sent_id}", f"# text = {text}"]
    for i, tok in enumerate(tokens, start=1):
        misc = "SpaceAfter=No" if i == len(tokens) else "_"
        head, deprel = (0, "root") if i == 1 else (1, "dep")
        lines.append(f"{i}\t{tok}\t{tok.lower()}\tNOUN\t_\t_\t{head}\t{deprel}\t_\t{misc}")
    lines.append(f"{len(tokens) + 1}\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_")
    return "\n".join(lines) + "\n\n"


def _corpus() -> pd.DataFrame:
    files = {
        TEST_FILE: [("t-1.p.1.s.1", "Toetszin over regie.")],
        DEV_FILE: [("d-1.p.1.s.1", "Ontwikkelzin over maatwerk.")],
        "new.conllu": [("w-1.p.1.s.1", "Nieuwe zin een."), ("w-2.p.1.s.1", "Dubbele tekst hier.")],
        "old-2017.conllu": [
            ("w-1.p.1.s.1.xml", "Oude versie van zin een."),
            ("x-9.p.1.s.1.xml", "Toetszin over regie."),
            ("x-8.p.1.s.1.xml", "Dubbele  tekst hier."),
            ("x-7.p.1.s.1.xml", "Alleen in de oude file."),
        ],
    }
    frames = [
        parse_conllu("".join(_sentence(i, t) for i, t in sents), file=name)
        for name, sents in files.items()
    ]
    return pd.concat(frames, ignore_index=True)


def test_split_holds_out_test_and_dev_and_dedupes_train():
    split = build_split(_corpus(), file_order=["new.conllu", "old-2017.conllu"])
    train_ids = set(split["train"]["sent_id"])
    assert train_ids == {"w-1.p.1.s.1", "w-2.p.1.s.1", "x-7.p.1.s.1.xml"}
    assert set(split["test"]["sent_id"]) == {"t-1.p.1.s.1"}
    assert set(split["dev"]["sent_id"]) == {"d-1.p.1.s.1"}


@pytest.mark.parametrize("repeat", [1, 2, 3])
def test_split_weights_repeat_a_file(repeat):
    split = build_split(
        _corpus(), file_order=["new.conllu", "old-2017.conllu"], weights={"new.conllu": repeat}
    )
    n_new = split["train"].loc[split["train"]["file"] == "new.conllu", "sent_id"].nunique()
    assert n_new == 2 * repeat


@pytest.mark.parametrize("dev_weight", [0, 1, 2])
def test_split_refit_adds_dev_to_train_but_never_test(dev_weight):
    split = build_split(
        _corpus(), file_order=["new.conllu", "old-2017.conllu"], dev_weight=dev_weight
    )
    train = split["train"]
    dev_rows = train[train["file"] == DEV_FILE]
    assert dev_rows["sent_id"].nunique() == dev_weight
    assert set(dev_rows["sent_id"].str.split("#").str[0]) <= {"d-1.p.1.s.1"}
    assert TEST_FILE not in set(train["file"])
    assert len(train) - len(dev_rows) == len(
        build_split(_corpus(), file_order=["new.conllu", "old-2017.conllu"])["train"]
    )
    assert set(split["dev"]["sent_id"]) == {"d-1.p.1.s.1"}


def test_docbin_docs_carry_heads_lemmas_and_sentences():
    words = normalise_lemmas(
        pd.concat([parse_conllu(CURRENT, file="a"), parse_conllu(CURRENT, file="a")])
    )
    words["sent_id"] = ["s1"] * 8 + ["s2"] * 8
    (doc,) = to_docs(words.reset_index(drop=True), Vocab(), sents_per_doc=10)
    assert len(list(doc.sents)) == 2
    assert doc[1].lemma_ == "sluiten"
    assert doc[9].head.i == 9
    assert doc[14].dep_ == "obl:arg"
    assert doc[14].head.i == 9


def _rows(sent_id: str, rows: list[tuple]) -> str:
    """CoNLL-U for (form, lemma, upos, head, deprel) rows, heads 1-based as in the format."""
    lines = [f"# sent_id = {sent_id}"]
    for i, (form, lemma, upos, head, deprel) in enumerate(rows, start=1):
        lines.append(f"{i}\t{form}\t{lemma}\t{upos}\t_\t_\t{head}\t{deprel}\t_\t_")
    return "\n".join(lines) + "\n\n"


MODAL = _rows(
    "old-1.xml",
    [
        ("Hij", "hij", "PRON", 2, "nsubj"),
        ("moet", "moeten", "VERB", 0, "root"),
        ("morgen", "morgen", "ADV", 4, "advmod"),
        ("werken", "werken", "VERB", 2, "xcomp"),
        (".", ".", "PUNCT", 2, "punct"),
    ],
)


@pytest.mark.parametrize(
    ("form", "upos", "head", "deprel"),
    [
        ("werken", "VERB", -1, "root"),
        ("moet", "AUX", 3, "aux"),
        ("Hij", "PRON", 3, "nsubj"),
        ("morgen", "ADV", 3, "advmod"),
        (".", "PUNCT", 3, "punct"),
    ],
)
def test_normalise_modernise_2017_makes_modal_an_auxiliary(form, upos, head, deprel):
    out = modernise_2017(parse_conllu(MODAL, file="old"))
    row = out[out["form"] == form].iloc[0]
    assert (row["upos"], row["head"], row["deprel"]) == (upos, head, deprel)


def _pp(sent_id: str, verb: str, prep: str, deprel: str) -> str:
    return _rows(
        sent_id,
        [
            ("Zij", "zij", "PRON", 2, "nsubj"),
            (verb, verb, "VERB", 0, "root"),
            (prep, prep, "ADP", 5, "case"),
            ("de", "de", "DET", 5, "det"),
            ("buurt", "buurt", "NOUN", 2, deprel),
        ],
    )


def test_normalise_prepositional_objects_learned_from_reference():
    reference = parse_conllu(
        _pp("r1", "denken", "aan", "obl:arg")
        + _pp("r2", "denken", "aan", "obl:arg")
        + _pp("r3", "wonen", "in", "obl")
        + _pp("r4", "wonen", "in", "obl"),
        file="new",
    )
    old = parse_conllu(
        _pp("o1", "denken", "aan", "obl")
        + _pp("o2", "wonen", "in", "obl")
        + _pp("o3", "wachten", "op", "obl"),
        file="old",
    )
    out = modernise_2017(old, reference=reference)
    labels = out[out["form"] == "buurt"].set_index("sent_id")["deprel"].to_dict()
    assert labels == {"o1": "obl:arg", "o2": "obl", "o3": "obl"}


@pytest.mark.parametrize(
    ("rows", "dependent", "expected"),
    [
        (
            [
                ("Vlaamse", "vlaams", "ADJ", 0, "root"),
                ("Gemeenschap", "gemeenschap", "NOUN", 1, "fixed"),
            ],
            "Gemeenschap",
            "flat",
        ),
        ([("op", "op", "ADP", 0, "root"), ("zoek", "zoek", "NOUN", 1, "fixed")], "zoek", "fixed"),
    ],
)
def test_normalise_modernise_2017_names_become_flat(rows, dependent, expected):
    out = modernise_2017(parse_conllu(_rows("x.xml", rows), file="old"))
    assert out.loc[out["form"] == dependent, "deprel"].item() == expected


COORDINATION = _rows(
    "old-2.xml",
    [
        ("Jan", "Jan", "PROPN", 0, "root"),
        (",", ",", "PUNCT", 1, "punct"),
        ("Piet", "Piet", "PROPN", 1, "conj"),
        ("en", "en", "CCONJ", 1, "cc"),
        ("Kees", "Kees", "PROPN", 1, "conj"),
        (".", ".", "PUNCT", 1, "punct"),
    ],
)


@pytest.mark.parametrize(
    ("form", "head", "deprel"),
    [
        ("en", 4, "cc"),
        (",", 0, ""),
        (".", 0, "punct"),
        ("Kees", 0, "conj"),
    ],
)
def test_normalise_modernise_2017_coordination_and_punctuation(form, head, deprel):
    out = modernise_2017(parse_conllu(COORDINATION, file="old"))
    row = out[out["form"] == form].iloc[0]
    assert (row["head"], row["deprel"]) == (head, deprel)


def test_docbin_empty_relation_becomes_missing_annotation():
    words = modernise_2017(parse_conllu(COORDINATION + MODAL, file="old"))
    doc = to_docs(words, Vocab())[0]
    comma = doc[1]
    assert not comma.has_head() and not comma.has_dep()
    assert doc[5].has_head()
    assert [len(s) for s in doc.sents] == [6, 5]
