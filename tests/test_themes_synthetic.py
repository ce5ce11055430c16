"""Synthetic Dutch term contexts for the themes tests, and checks that they keep the contracts.

The corpus imitates what the annotate and associate stages produce: documents with speaker
turns, tokens with lemma and UPOS, and term hits. Each turn has three sentences about one
of five topics (social networks, language, work, money, municipal policy); the middle
sentence names a focal term. Topic words are drawn at random (seeded), so contexts vary.
"""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest
from spacy.lang.nl.stop_words import STOP_WORDS

from pipeline.schemas import columns
from pipeline.tables import validate

# (surface, lemma) per part of speech and topic; verbs in the third person singular.
TOPICS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "netwerk": {
        "NOUN": [
            ("familie", "familie"),
            ("buren", "buur"),
            ("vrienden", "vriend"),
            ("netwerk", "netwerk"),
            ("vrijwilliger", "vrijwilliger"),
            ("buddy", "buddy"),
            ("kerk", "kerk"),
            ("moskee", "moskee"),
            ("buurvrouw", "buurvrouw"),
            ("mantelzorger", "mantelzorger"),
        ],
        "ADJ": [
            ("sociale", "sociaal"),
            ("eenzame", "eenzaam"),
            ("hechte", "hecht"),
            ("vertrouwde", "vertrouwd"),
        ],
        "VERB": [
            ("helpt", "helpen"),
            ("steunt", "steunen"),
            ("belt", "bellen"),
            ("ontmoet", "ontmoeten"),
            ("bezoekt", "bezoeken"),
        ],
    },
    "taal": {
        "NOUN": [
            ("taalles", "taalles"),
            ("docent", "docent"),
            ("taalniveau", "taalniveau"),
            ("examen", "examen"),
            ("klas", "klas"),
            ("woordenschat", "woordenschat"),
            ("taalcoach", "taalcoach"),
            ("cursus", "cursus"),
            ("grammatica", "grammatica"),
            ("lesboek", "lesboek"),
        ],
        "ADJ": [
            ("moeilijke", "moeilijk"),
            ("intensieve", "intensief"),
            ("Nederlandse", "nederlands"),
            ("schriftelijke", "schriftelijk"),
        ],
        "VERB": [
            ("leert", "leren"),
            ("oefent", "oefenen"),
            ("spreekt", "spreken"),
            ("leest", "lezen"),
            ("slaagt", "slagen"),
        ],
    },
    "werk": {
        "NOUN": [
            ("baan", "baan"),
            ("werkgever", "werkgever"),
            ("stage", "stage"),
            ("arbeidsmarkt", "arbeidsmarkt"),
            ("werkervaring", "werkervaring"),
            ("sollicitatie", "sollicitatie"),
            ("diploma", "diploma"),
            ("loon", "loon"),
            ("werkplek", "werkplek"),
            ("vacature", "vacature"),
        ],
        "ADJ": [
            ("betaalde", "betaald"),
            ("tijdelijke", "tijdelijk"),
            ("passende", "passend"),
            ("vaste", "vast"),
        ],
        "VERB": [
            ("werkt", "werken"),
            ("solliciteert", "solliciteren"),
            ("verdient", "verdienen"),
            ("zoekt", "zoeken"),
            ("start", "starten"),
        ],
    },
    "geld": {
        "NOUN": [
            ("toeslag", "toeslag"),
            ("schulden", "schuld"),
            ("budget", "budget"),
            ("huur", "huur"),
            ("rekening", "rekening"),
            ("uitkering", "uitkering"),
            ("kosten", "kosten"),
            ("bijstand", "bijstand"),
            ("boete", "boete"),
            ("inkomen", "inkomen"),
        ],
        "ADJ": [
            ("financiële", "financieel"),
            ("hoge", "hoog"),
            ("krappe", "krap"),
            ("maandelijkse", "maandelijks"),
        ],
        "VERB": [
            ("betaalt", "betalen"),
            ("ontvangt", "ontvangen"),
            ("leent", "lenen"),
            ("bespaart", "besparen"),
            ("regelt", "regelen"),
        ],
    },
    "beleid": {
        "NOUN": [
            ("aanbesteding", "aanbesteding"),
            ("subsidie", "subsidie"),
            ("aanbieder", "aanbieder"),
            ("coöperatie", "coöperatie"),
            ("wethouder", "wethouder"),
            ("beleid", "beleid"),
            ("convenant", "convenant"),
            ("regisseur", "regisseur"),
            ("ambtenaar", "ambtenaar"),
            ("uitvoeringstafel", "uitvoeringstafel"),
        ],
        "ADJ": [
            ("regionale", "regionaal"),
            ("lokale", "lokaal"),
            ("geïntegreerde", "geïntegreerd"),
            ("gemeentelijke", "gemeentelijk"),
        ],
        "VERB": [
            ("organiseert", "organiseren"),
            ("financiert", "financieren"),
            ("coördineert", "coördineren"),
            ("verdeelt", "verdelen"),
        ],
    },
}
TOPIC_TERMS = {
    "netwerk": ["samenredzaamheid", "zelfredzaamheid"],
    "taal": ["inburgering"],
    "werk": ["participatie"],
    "geld": ["zelfredzaamheid"],
    "beleid": ["regie", "maatwerk", "burgerinitiatief"],
}
TERMS = [
    "zelfredzaamheid",
    "samenredzaamheid",
    "maatwerk",
    "burgerinitiatief",
    "regie",
    "participatie",
    "inburgering",
]
FUNCTION_UPOS = {
    "de": "DET",
    "het": "DET",
    "een": "DET",
    "met": "ADP",
    "en": "CCONJ",
    "vaak": "ADV",
    "ook": "ADV",
    "voor": "ADP",
    "bij": "ADP",
    "van": "ADP",
    "niet": "ADV",
    "echt": "ADV",
    "soms": "ADV",
    "is": "AUX",
    "zij": "PRON",
}
SPEAKERS = ["Anna", "Bram", "Chaima", "Daan", "Esra", "Fatima", "Gert", "Hanna"]
# Templates: N/A/V are topic words, T the focal term; other words are function words.
TEMPLATES = [
    "de A N V vaak de N .",
    "de N V ook een A N .",
    "soms V de N met de A N .",
    "een A N V de N en de N .",
]
HIT_TEMPLATES = ["T V met A N en N .", "bij T V de N de A N .", "de N V T echt ."]


def annotate(form: str, lemma: str | None = None, upos: str | None = None) -> dict:
    """One token: lemma and UPOS given, or guessed (function word, punctuation, noun)."""
    if re.fullmatch(r"\W+", form):
        return {"text": form, "lemma": form, "upos": "PUNCT"}
    low = form.lower()
    if upos is None:
        upos = FUNCTION_UPOS.get(low, "NOUN")
    return {"text": form, "lemma": lemma or low, "upos": upos}


def sentence_from_template(template: str, topic: str, rng: random.Random, term: str | None):
    words = TOPICS[topic]
    out = []
    for slot in template.split():
        if slot in ("N", "A", "V"):
            pos = {"N": "NOUN", "A": "ADJ", "V": "VERB"}[slot]
            form, lemma = rng.choice(words[pos])
            out.append(annotate(form, lemma, pos))
        elif slot == "T":
            out.append(annotate(term, term, "NOUN") | {"hit": term})
        else:
            out.append(annotate(slot))
    out[0]["text"] = out[0]["text"][:1].upper() + out[0]["text"][1:]
    return out


def tables_from_turns(turns: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Documents, tokens and term hits from turns.

    Each turn is {"doc_id", "speaker", "sentences": [[token dict, ...], ...]}; a token
    dict with a "hit" key is a term hit of that term.
    """
    docs: dict[str, list[str]] = {}
    lengths: dict[str, int] = {}
    token_rows, hit_rows = [], []
    seg_counter: dict[str, int] = {}
    for turn in turns:
        doc_id = turn["doc_id"]
        parts = docs.setdefault(doc_id, [])
        offset = lengths.get(doc_id, 0)
        prefix = f"{turn['speaker']}: "
        offset += len(prefix)
        seg_idx = seg_counter.get(doc_id, 0)
        seg_counter[doc_id] = seg_idx + 1
        seg_id = f"{doc_id}#{seg_idx:04d}"
        text = ""
        tok_idx = 0
        seg_tokens = []
        for sent_idx, sentence in enumerate(turn["sentences"]):
            for tok in sentence:
                if text and tok["upos"] != "PUNCT":
                    text += " "
                start = offset + len(text)
                text += tok["text"]
                row = {
                    "seg_id": seg_id,
                    "doc_id": doc_id,
                    "sent_idx": sent_idx,
                    "tok_idx": tok_idx,
                    "text": tok["text"],
                    "lemma": tok["lemma"],
                    "upos": tok["upos"],
                    "tag": "",
                    "morph": "",
                    "dep": "dep",
                    "head_idx": tok_idx,
                    "is_stop": tok["text"].lower() in STOP_WORDS,
                    "is_punct": tok["upos"] == "PUNCT",
                    "char_start": start,
                    "char_end": start + len(tok["text"]),
                    "ent_type": None,
                }
                seg_tokens.append((row, tok.get("hit")))
                tok_idx += 1
        for row, term in seg_tokens:
            token_rows.append(row)
            if term:
                sentence = " ".join(
                    r["text"] for r, _ in seg_tokens if r["sent_idx"] == row["sent_idx"]
                )
                hit_rows.append(
                    {
                        "hit_id": f"{seg_id}:{row['tok_idx']}",
                        "term": term,
                        "matched": row["text"],
                        "match_kind": "term",
                        "doc_id": doc_id,
                        "seg_id": seg_id,
                        "sent_idx": row["sent_idx"],
                        "tok_start": row["tok_idx"],
                        "tok_end": row["tok_idx"] + 1,
                        "char_start": row["char_start"],
                        "char_end": row["char_end"],
                        "speaker": turn["speaker"],
                        "section": None,
                        "left": "",
                        "right": "",
                        "sentence": sentence,
                    }
                )
        parts.append(prefix + text)
        lengths[doc_id] = offset + len(text) + 2  # the "\n\n" between turns
    texts = {doc: "\n\n".join(parts) for doc, parts in docs.items()}
    documents = pd.DataFrame(
        {
            "doc_id": list(texts),
            "source_path": list(texts),
            "sha256": ["0" * 64] * len(texts),
            "format": ["txt"] * len(texts),
            "title": list(texts),
            "n_chars": [len(t) for t in texts.values()],
            "text": list(texts.values()),
        }
    )
    tokens = pd.DataFrame(token_rows, columns=columns("tokens"))
    hits = pd.DataFrame(hit_rows, columns=columns("term_hits"))
    return documents, tokens, hits


def synthetic_corpus(
    n_contexts: int,
    *,
    topics: list[str] | None = None,
    seed: int = 0,
    turns_per_doc: int = 25,
    mixed: float = 0.0,
):
    """Documents, tokens, term hits and the true topic of each context (one per turn).

    A share `mixed` of the turns talk about three random topics at once (truth "mixed").

    Returns:
        (documents, tokens, term_hits, truth) where truth maps context_id to topic.
    """
    topics = topics or list(TOPICS)
    rng = random.Random(seed)
    turns, truth = [], {}
    for i in range(n_contexts):
        topic = topics[i % len(topics)]
        term = rng.choice(TOPIC_TERMS[topic])
        per_sentence = [topic] * 3
        if rng.random() < mixed:
            per_sentence = rng.sample(topics, 3)
            topic = "mixed"
        sentences = [
            sentence_from_template(rng.choice(TEMPLATES), per_sentence[0], rng, None),
            sentence_from_template(rng.choice(HIT_TEMPLATES), per_sentence[1], rng, term),
            sentence_from_template(rng.choice(TEMPLATES), per_sentence[2], rng, None),
        ]
        doc_id = f"sessie_{i // turns_per_doc:03d}.txt"
        turns.append({"doc_id": doc_id, "speaker": rng.choice(SPEAKERS), "sentences": sentences})
        seg_id = f"{doc_id}#{i % turns_per_doc:04d}"
        truth[f"{seg_id}@0"] = topic
    documents, tokens, hits = tables_from_turns(turns)
    return documents, tokens, hits, truth


@pytest.mark.parametrize("n", [3, 40])
def test_themes_synthetic_tables_keep_contracts(n):
    documents, tokens, hits, truth = synthetic_corpus(n)
    validate(documents, "documents")
    validate(tokens, "tokens")
    validate(hits, "term_hits")
    assert len(hits) == n == len(truth)


@pytest.mark.parametrize("n", [5, 30])
def test_themes_synthetic_offsets_point_into_text(n):
    documents, tokens, hits, _ = synthetic_corpus(n)
    text = dict(zip(documents["doc_id"], documents["text"], strict=True))
    for row in tokens.itertuples():
        assert text[row.doc_id][row.char_start : row.char_end] == row.text
    for row in hits.itertuples():
        assert text[row.doc_id][row.char_start : row.char_end] == row.matched
