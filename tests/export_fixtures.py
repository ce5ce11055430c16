"""A tiny, contract-valid project for the export tests: three Dutch documents.

The tables are derived from the texts with plain string search, independently of the
export code, so the round-trip tests compare the export against offsets computed here.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
from builders import segment_row

from pipeline.layout import Layout
from pipeline.schemas import columns
from pipeline.tables import write_json, write_table

# (doc_id, format, title, metadata, [(speaker, text, start_s, end_s)])
DOCUMENTS = [
    (
        "vissenkom_utrecht.txt",
        "txt",
        "Vissenkom Wet inburgering",
        {"meeting_date": "2024-03-12", "municipality": "Utrecht", "n_participants": 14},
        [
            (
                "Voorzitter",
                "Voorzitter: Welkom bij de vissenkom over de Wet inburgering.",
                None,
                None,
            ),
            (
                "Amina",
                "Amina: Zelfredzaamheid is een groeiproces. Je leert het niet in één keer.",
                None,
                None,
            ),
            (
                "Gemeente",
                "Gemeente: Wij voeren de regie, maar maatwerk vraagt vertrouwen. "
                "Complex maatwerk kost tijd.",
                None,
                None,
            ),
            (
                "Amina",
                "Amina: Het burgerinitiatief in de wijk helpt bij zelfredzaamheid 🙂 en bij taal.",
                None,
                None,
            ),
        ],
    ),
    (
        "interview_zoe.vtt",
        "vtt",
        "Interview statushouder",
        {"meeting_date": "2024-04-02", "municipality": "Zeist", "n_participants": 2},
        [
            (
                "Zoë",
                "Voor statushouders is maatwerk belangrijk, zeker bij de brede intake.",
                0.0,
                6.5,
            ),
            ("Interviewer", "En hoe zit het met de regie?", 6.5, 9.0),
            (
                "Zoë",
                "De gemeente heeft de regie, maar samenredzaamheid in de buurt telt ook.",
                9.0,
                15.25,
            ),
        ],
    ),
    (
        "notulen_raad.txt",
        "txt",
        "Notulen gemeenteraad",
        {"meeting_date": "2024-05-21", "municipality": "Utrecht", "n_participants": None},
        [
            (None, "De raad bespreekt de begroting voor 2025.", None, None),
            (None, "=SOM(A1:A3) staat per ongeluk in de notulen.", None, None),
        ],
    ),
]

TERM_PATTERNS = {
    "zelfredzaamheid": r"[Zz]elfredzaamheid",
    "maatwerk": r"maatwerk",
    "regie": r"regie",
    "burgerinitiatief": r"burgerinitiatief",
    "samenredzaamheid": r"samenredzaamheid",
}

# Contexts mentioning regie or maatwerk fall in theme 1, the rest in theme 0.
THEMES = [
    (0, "T00-groeiproces-taal", "groeiproces, taal, wijk"),
    (1, "T01-regie-vertrouwen", "regie, vertrouwen, gemeente"),
]


def _tokens(seg_id: str, doc_id: str, seg_text: str, offset: int) -> list[dict]:
    rows = []
    for i, match in enumerate(re.finditer(r"\w+|[^\w\s]", seg_text)):
        word = match.group()
        punct = not re.match(r"\w", word)
        rows.append(
            {
                "seg_id": seg_id, "doc_id": doc_id, "sent_idx": 0, "tok_idx": i,
                "text": word, "lemma": word.lower(), "upos": "PUNCT" if punct else "NOUN",
                "tag": "", "morph": "", "dep": "dep", "head_idx": i, "is_stop": False,
                "is_punct": punct, "char_start": offset + match.start(),
                "char_end": offset + match.end(), "ent_type": None,
            }
        )  # fmt: skip
    return rows


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.?!\s][^.?!]*[.?!]?", text)]


def build_tables() -> dict[str, object]:
    """Build every table the export reads, as DataFrames and JSON objects."""
    docs, segs, toks, hits, contexts = [], [], [], [], []
    for doc_id, fmt, title, meta, turns in DOCUMENTS:
        text = "\n".join(t for _, t, _, _ in turns) + "\n"
        docs.append(
            {
                "doc_id": doc_id, "source_path": f"data/raw/{doc_id}",
                "sha256": hashlib.sha256(text.encode()).hexdigest(), "format": fmt,
                "title": title, "n_chars": len(text), "text": text, **meta,
            }
        )  # fmt: skip
        offset = 0
        for idx, (speaker, seg_text, start_s, end_s) in enumerate(turns):
            seg_id = f"{doc_id}#{idx:04d}"
            segs.append(
                segment_row(
                    doc_id, idx, seg_text, char_start=offset, speaker=speaker,
                    start_s=start_s, end_s=end_s,
                )
            )  # fmt: skip
            tokens = _tokens(seg_id, doc_id, seg_text, offset)
            toks += tokens
            for sent_idx, (s0, s1) in enumerate(_sentences(seg_text)):
                sent_hits = []
                for term, pattern in TERM_PATTERNS.items():
                    for m in re.finditer(pattern, seg_text[s0:s1]):
                        start = offset + s0 + m.start()
                        tok = next(t for t in tokens if t["char_start"] <= start < t["char_end"])
                        hit = {
                            "hit_id": f"{seg_id}:{tok['tok_idx']}", "term": term,
                            "matched": m.group(), "match_kind": "term", "doc_id": doc_id,
                            "seg_id": seg_id,
                            "sent_idx": sent_idx, "tok_start": tok["tok_idx"],
                            "tok_end": tok["tok_idx"] + 1, "char_start": start,
                            "char_end": start + len(m.group()), "speaker": speaker,
                            "section": None,
                            "left": seg_text[max(0, s0 + m.start() - 30) : s0 + m.start()].strip(),
                            "right": seg_text[s0 + m.end() : s0 + m.end() + 30].strip(),
                            "sentence": seg_text[s0:s1],
                        }  # fmt: skip
                        sent_hits.append(hit)
                hits += sent_hits
                if sent_hits:
                    terms = sorted({h["term"] for h in sent_hits})
                    contexts.append(
                        {
                            "context_id": f"{seg_id}@{sent_idx}", "doc_id": doc_id,
                            "seg_id": seg_id, "speaker": speaker, "section": None,
                            "terms": ";".join(terms),
                            "hit_ids": ";".join(h["hit_id"] for h in sent_hits),
                            "sent_start": sent_idx, "sent_end": sent_idx + 1,
                            "char_start": offset + s0, "char_end": offset + s1,
                            "text": seg_text[s0:s1], "lemmas": seg_text[s0:s1].lower(),
                        }
                    )  # fmt: skip
            offset += len(seg_text) + 1

    documents = pd.DataFrame(docs).astype({"n_participants": "Int64"})
    segments = pd.DataFrame(segs)
    term_hits = pd.DataFrame(hits)
    contexts_df = pd.DataFrame(contexts)
    coded = contexts_df.drop(columns=["section", "sent_start", "sent_end", "lemmas"])
    coded["theme_id"] = [1 if re.search("regie|maatwerk", t) else 0 for t in coded["terms"]]
    coded["code"] = coded["theme_id"].map({i: c for i, c, _ in THEMES})
    coded["probability"] = [round(0.95 - 0.05 * i, 2) for i in range(len(coded))]
    coded = coded[
        ["context_id", "doc_id", "seg_id", "speaker", "terms", "hit_ids", "theme_id", "code",
         "probability", "char_start", "char_end", "text"]
    ].assign(sub_theme_id=-1, sub_code=None)  # fmt: skip
    themes = []
    for theme_id, code, keywords in THEMES:
        rows = coded[coded["theme_id"] == theme_id]
        row = {
            "theme_id": theme_id, "code": code, "label": keywords, "keywords":
            "; ".join(f"{k} (0.{9 - i}00)" for i, k in enumerate(keywords.split(", "))),
            "size": len(rows), "n_docs": rows["doc_id"].nunique(),
            "n_speakers": rows["speaker"].nunique(),
            "quotes": " || ".join(
                f"[{s}] {t}" for s, t in zip(rows["seg_id"], rows["text"], strict=True)
            ),
            "quote_seg_ids": ";".join(rows["seg_id"]), "description": None,
            "level": 1, "parent_id": -1, "parent_code": None,
        }  # fmt: skip
        for term in TERM_PATTERNS:
            row[f"n_{term}"] = int(rows["terms"].str.contains(term).sum())
        themes.append(row)
    kwic = term_hits.rename(columns={"matched": "keyword"})[
        ["term", "doc_id", "speaker", "section", "left", "keyword", "right", "match_kind",
         "seg_id", "hit_id",
         "char_start", "char_end"]
    ]  # fmt: skip
    hit_of = {(h["term"], h["seg_id"]): h["hit_id"] for h in hits}
    assoc_specs = [
        ("maatwerk", "complex", "ADJ", "amod:1", 2, "vissenkom_utrecht.txt#0002"),
        ("maatwerk", "vertrouwen", "NOUN", "conj:1", 1, "vissenkom_utrecht.txt#0002"),
        ("maatwerk", "statushouder", "NOUN", "nmod:1", 1, "interview_zoe.vtt#0000"),
        ("regie", "gemeente", "NOUN", "nsubj:1", 2, "interview_zoe.vtt#0002"),
        ("regie", "voeren", "VERB", "obj:1", 1, "vissenkom_utrecht.txt#0002"),
        ("zelfredzaamheid", "groeiproces", "NOUN", "copula:1", 1, "vissenkom_utrecht.txt#0001"),
    ]
    associations = pd.DataFrame(
        [
            {
                "term": term, "associate": assoc, "kind": "word", "upos": upos,
                "relations": rel, "n_cooc": a, "n_term": 4, "n_assoc": a + 1, "n_total": 12,
                "expected": 4 * (a + 1) / 12, "pmi": 1.0 + a / 2, "log_dice": 12.0 + a / 3,
                "log_likelihood": 2.5 * a, "signed_log_likelihood": 2.5 * a, "t_score": 0.5 * a,
                "fisher_p": 0.5 / a, "n_docs": 1, "n_speakers": 1,
                "keyness": None, "example_hit_ids": hit_of[(term, seg)], "stated": None,
                "stated_hit_id": None,
            }
            for term, assoc, upos, rel, a, seg in assoc_specs
        ]
    ).astype({"n_cooc": float, "n_term": float})  # fmt: skip
    relations = pd.DataFrame(
        [
            {"hit_id": hit_of[("maatwerk", "vissenkom_utrecht.txt#0002")], "term": "maatwerk",
             "relation": "amod", "associate": "complex",
             "sentence": "Complex maatwerk kost tijd."},
            {"hit_id": hit_of[("zelfredzaamheid", "vissenkom_utrecht.txt#0001")],
             "term": "zelfredzaamheid", "relation": "copula", "associate": "groeiproces",
             "sentence": "Amina: Zelfredzaamheid is een groeiproces."},
        ]
    )  # fmt: skip
    return {
        "documents": documents,
        "segments": segments,
        "tokens": pd.DataFrame(toks),
        "term_hits": term_hits,
        "kwic": kwic,
        "associations": associations,
        "relations": relations,
        "contexts": contexts_df,
        "themes": pd.DataFrame(themes),
        "coded_contexts": coded,
        "ingest_report": [
            {"path": d[0], "status": "ok", "reason": "", "format": d[1]} for d in DOCUMENTS
        ]
        + [{"path": "kapot.docx", "status": "failed", "reason": "corrupt docx", "format": "docx"}],
        "nlp_info": {"name": "nl_ud_sm", "version": "0.1.0", "components": ["tagger", "parser"]},
        "theme_metrics": {"n_themes": 2, "n_contexts": len(coded), "silhouette": 0.31},
    }


def write_layout(root: Path, tables: dict[str, object] | None = None) -> Layout:
    """Write the fixture tables where a Layout rooted at `root` expects them."""
    tables = tables or build_tables()
    layout = Layout(root)
    interim, processed = layout.interim, layout.processed
    for name in ("documents", "segments", "tokens"):
        write_table(tables[name], interim / f"{name}.parquet", name)
    write_table(tables["term_hits"], processed / "term_hits.parquet", "term_hits")
    for name in ("kwic", "associations", "relations", "themes"):
        write_table(tables[name], processed / f"{name}.csv", name)
    write_table(tables["contexts"], processed / "contexts.parquet", "contexts")
    write_table(tables["coded_contexts"], processed / "coded_contexts.parquet", "coded_contexts")
    write_json(interim / "ingest_report.json", tables["ingest_report"])
    write_json(interim / "nlp_info.json", tables["nlp_info"])
    layout.metrics.mkdir(parents=True, exist_ok=True)
    (layout.metrics / "themes.json").write_text(json.dumps(tables["theme_metrics"]))
    return layout


_EXPORTED: dict[str, tuple[Layout, list[Path]]] = {}

# The export stamps files with the run's time unless export.creation_date is set; the tests
# set it (and the user), as params.yaml does, so that two exports are byte-identical.
FIXED_DATE = "2026-01-01T00:00:00Z"
FIXED_USER = "onderzoeker-test"


def fixed_params(**export: object):
    """Default params with a fixed export date and user (plus any other export fields)."""
    from pipeline.params import Params

    return Params(export={"creation_date": FIXED_DATE, "user_name": FIXED_USER, **export})


def exported_layout(tmp_path_factory) -> tuple[Layout, list[Path]]:
    """Export the fixture project once per test session; return its layout and files."""
    if "default" not in _EXPORTED:
        from pipeline.export.folder import export_reports

        layout = write_layout(tmp_path_factory.mktemp("export_project"))
        _EXPORTED["default"] = (layout, export_reports(layout, fixed_params()))
    return _EXPORTED["default"]


# The compare stage's outputs, made by hand on the fixture texts: the researcher's
# codebook applied deductively (one code with a `/` path, one named like a focal term), the
# agreement with a coded project of two coders, and what could not be compared.
DEDUCTIVE = [
    # (code, doc_id, seg_idx, quoted span, matched, rules)
    ("zorg/eigen kracht", "vissenkom_utrecht.txt", 1, "Zelfredzaamheid is een groeiproces.",
     "Zelfredzaamheid", "lemmas:zelfredzaam*"),
    ("zorg/eigen kracht", "interview_zoe.vtt", 2, "samenredzaamheid in de buurt telt ook.",
     "samenredzaamheid", "lemmas:samenredzaam*"),
    ("regie", "vissenkom_utrecht.txt", 2, "Wij voeren de regie, maar maatwerk vraagt vertrouwen.",
     "regie", "terms:regie"),
]  # fmt: skip
UNSAFE_QUOTE = "<script>alert('x')</script> & zo"
FORMULA_QUOTE = "=SOM(A1:A3) staat per ongeluk in de notulen."  # notulen_raad.txt#0001


def deductive_codings(documents: pd.DataFrame) -> pd.DataFrame:
    """The DEDUCTIVE codings, their offsets found with str.find in the document text."""
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    rows = []
    for code, doc_id, seg_idx, span, matched, rules in DEDUCTIVE:
        start = texts[doc_id].index(span)
        seg_id = f"{doc_id}#{seg_idx:04d}"
        rows.append(
            {
                "coding_id": f"{seg_id}@0/{code}", "code": code, "doc_id": doc_id,
                "seg_id": seg_id, "sent_start": 0, "sent_end": 1, "char_start": start,
                "char_end": start + len(span), "rules": rules, "matched": matched,
            }
        )  # fmt: skip
    return pd.DataFrame(rows)


def compare_outputs(coded_project: str | None = "onderzoek.qdpx") -> dict[str, object]:
    """Hand-made agreement, confusion, disagreements and compare_report.json.

    The human-kruispunt pair has 9 units: coder a coded 3, kruispunt 3, both 2 (so one unit
    each coded alone, 5 by neither). By hand: p_o = 7/9, p_e = (3/9)^2 + (6/9)^2 = 45/81,
    kappa = (63/81 - 45/81) / (36/81) = 0.5; alpha (nominal, 18 values, 6 ones): D_o =
    4/18, D_e = 2*12*6/(18*17) = 144/306, alpha = 1 - 1224/2592 = 0.5278; precision =
    recall = F1 = 2/3. The human-human pair has no variance: kappa and alpha undefined.
    """
    agreement = pd.DataFrame(
        [
            ["human-kruispunt", "anna", "eigen kracht", "kruispunt", "codeboek/zorg/eigen kracht",
             "name", 9, 3, 3, 2, 0.5, 1 - 1224 / 2592, 2 / 3, 2 / 3, 2 / 3],
            ["human-human", "anna", "eigen kracht", "bram", "eigen kracht",
             "name", 9, 9, 9, 9, None, None, 1.0, 1.0, 1.0],
        ],
        columns=columns("agreement"),
    )  # fmt: skip
    confusion = pd.DataFrame(
        [["eigen kracht", "codeboek/zorg/eigen kracht", 2], ["eigen kracht", "(geen)", 1],
         ["(geen)", "codeboek/zorg/eigen kracht", 1], ["(geen)", "(geen)", 5]],
        columns=columns("agreement_confusion"),
    )  # fmt: skip
    disagreements = pd.DataFrame(
        [["human-kruispunt", "anna", "eigen kracht", "kruispunt", "codeboek/zorg/eigen kracht",
          "a", "vissenkom_utrecht.txt#0003", "vissenkom_utrecht.txt", 140, 200, UNSAFE_QUOTE],
         ["human-kruispunt", "anna", "eigen kracht", "kruispunt", "codeboek/zorg/eigen kracht",
          "b", "notulen_raad.txt#0001", "notulen_raad.txt", 42, 88, FORMULA_QUOTE]],
        columns=columns("disagreements"),
    )  # fmt: skip
    report = {
        "coded_project": coded_project, "codebook": "codebook.yaml", "unit": "segment",
        "min_overlap": 0.5, "coders": ["anna", "bram"],
        "sources": [
            {"source": "vissenkom_utrecht.txt", "doc_id": "vissenkom_utrecht.txt",
             "matched_by": "name", "similarity": 1.0, "reason": ""},
            {"source": "focusgroep_extra.txt", "doc_id": None, "matched_by": "none",
             "similarity": 0.12, "reason": "geen document met deze naam of tekst"},
        ],
        "codings": {"total": 5, "mapped": 4, "mapped_exactly": 3, "exact_share_mean": 0.9},
        "unmapped": [
            {"selection": "9b2f", "source": "focusgroep_extra.txt", "code": "eigen kracht",
             "coder": "bram", "reason": "bron zonder document"},
        ],
        "problems": [],
    }  # fmt: skip
    return {
        "agreement": agreement,
        "agreement_confusion": confusion,
        "disagreements": disagreements,
        "compare_report": report,
    }


def write_compare(layout: Layout, tables: dict[str, object], **outputs: object) -> None:
    """Write the compare stage's outputs (deductive codings and `compare_outputs`) to layout."""
    from pipeline.layout import TABLE_FILES

    made = {"deductive_codings": deductive_codings(tables["documents"]), **outputs}
    for name, table in made.items():
        if name == "compare_report":
            write_json(layout.processed / "compare_report.json", table)
        else:
            write_table(table, layout.processed / TABLE_FILES[name][1], name)


def compared_layout(tmp_path_factory, coded_project: str | None = "onderzoek.qdpx"):
    """Export the fixture project with the compare outputs, once per session and project."""
    key = f"compare:{coded_project}"
    if key not in _EXPORTED:
        from pipeline.export.folder import export_reports

        tables = build_tables()
        layout = write_layout(tmp_path_factory.mktemp("compare_project"), tables)
        write_compare(layout, tables, **compare_outputs(coded_project))
        _EXPORTED[key] = (layout, export_reports(layout, fixed_params()))
    return _EXPORTED[key]
