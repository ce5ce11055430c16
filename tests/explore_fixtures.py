"""Small Dutch tables for the explore tests, written by hand with counts worked out by hand.

Three meetings in two municipalities. Words are counted here by the same rule as the
annotate stage (punctuation tokens do not count):

| seg_id            | speaker    | words | text                                      |
|-------------------|------------|-------|-------------------------------------------|
| vissenkom.txt#0000 | Wethouder  | 4     | De gemeente neemt regie.                  |
| vissenkom.txt#0001 | Buurtvrouw | 7     | Regie? Wij doen het zelf, met maatwerk.   |
| vissenkom.txt#0002 | Wethouder  | 3     | Maatwerk kost tijd.                       |
| tafel.txt#0000     | Wethouder  | 3     | Regie is samenwerken.                     |
| verslag.txt#0000   | (none)     | 4     | Zelfredzaamheid is een groeiproces.       |
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from builders import segment_row

from pipeline.associate.stats import fisher_p
from pipeline.schemas import columns
from pipeline.tables import validate

SEGMENTS = [
    ("vissenkom.txt", "Wethouder", "De gemeente neemt regie."),
    ("vissenkom.txt", "Buurtvrouw", "Regie? Wij doen het zelf, met maatwerk."),
    ("vissenkom.txt", "Wethouder", "Maatwerk kost tijd."),
    ("tafel.txt", "Wethouder", "Regie is samenwerken."),
    ("verslag.txt", None, "Zelfredzaamheid is een groeiproces."),
]
METADATA = {
    "vissenkom.txt": ("fishbowl", "Lindeveen"),
    "tafel.txt": ("development_table", "Lindeveen"),
    "verslag.txt": ("report", "Amersfoort"),
}


def documents() -> pd.DataFrame:
    rows = []
    for doc_id, (meeting_type, municipality) in METADATA.items():
        text = "\n".join(t for d, _, t in SEGMENTS if d == doc_id)
        rows.append(
            {
                "doc_id": doc_id,
                "source_path": f"data/raw/{doc_id}",
                "sha256": "0" * 64,
                "format": "txt",
                "title": doc_id,
                "n_chars": len(text),
                "text": text,
                "meeting_type": meeting_type,
                "municipality": municipality,
            }
        )
    return validate(pd.DataFrame(rows), "documents")


def segments() -> pd.DataFrame:
    rows, position = [], {}
    for doc_id, speaker, text in SEGMENTS:
        idx = position.get(doc_id, 0)
        start = sum(len(t) + 1 for d, _, t in SEGMENTS[: len(rows)] if d == doc_id)
        rows.append(segment_row(doc_id, idx, text, char_start=start, speaker=speaker))
        position[doc_id] = idx + 1
    return validate(pd.DataFrame(rows), "segments")


def tokens() -> pd.DataFrame:
    """Only the columns the explore functions read: seg_id, doc_id, text, is_punct."""
    rows = []
    for seg in segments().itertuples(index=False):
        for match in re.finditer(r"\w+|[^\w\s]", seg.text):
            word = match.group()
            rows.append((seg.seg_id, seg.doc_id, word, not word[0].isalnum()))
    return pd.DataFrame(rows, columns=["seg_id", "doc_id", "text", "is_punct"])


def term_hits() -> pd.DataFrame:
    """Hits of regie (3) and maatwerk (2): only the columns the explore functions read."""
    hits = [
        ("regie", "vissenkom.txt#0000"),
        ("regie", "vissenkom.txt#0001"),
        ("maatwerk", "vissenkom.txt#0001"),
        ("maatwerk", "vissenkom.txt#0002"),
        ("regie", "tafel.txt#0000"),
    ]
    return pd.DataFrame(hits, columns=["term", "seg_id"])


def kwic() -> pd.DataFrame:
    rows = [
        ("regie", "vissenkom.txt", "Wethouder", "De gemeente neemt", "regie", ".", 18),
        ("regie", "vissenkom.txt", "Buurtvrouw", "", "Regie", "? Wij doen het zelf", 25),
        ("maatwerk", "vissenkom.txt", "Buurtvrouw", "zelf, met", "maatwerk", ".", 55),
        ("regie", "tafel.txt", "Wethouder", "", "Regie", "is samenwerken.", 0),
    ]
    table = pd.DataFrame(
        rows, columns=["term", "doc_id", "speaker", "left", "keyword", "right", "char_start"]
    )
    table["section"] = None
    table["seg_id"] = [
        "vissenkom.txt#0000",
        "vissenkom.txt#0001",
        "vissenkom.txt#0001",
        "tafel.txt#0000",
    ]
    table["hit_id"] = ["h1", "h2", "h3", "h4"]
    table["match_kind"] = "term"
    table["char_end"] = table["char_start"] + table["keyword"].str.len()
    return validate(table[columns("kwic")], "kwic")


def associations() -> pd.DataFrame:
    """Five associates of regie over N = 100 sentences, 10 of which hold regie.

    The measures are worked out by hand from a = n_cooc and f = n_assoc (G² is given,
    not derived, to make its ranking differ from the others):

    | associate | a | f  | expected | pmi    | log_dice | log_likelihood | t_score |
    |-----------|---|----|----------|--------|----------|----------------|---------|
    | gemeente  | 6 | 40 | 4.0      | 0.585  | 11.941   | 1.0            | 0.816   |
    | nemen     | 4 | 5  | 0.5      | 3.0    | 13.093   | 14.0           | 1.75    |
    | voeren    | 2 | 2  | 0.2      | 3.322  | 12.415   | 9.0            | 1.273   |
    | wethouder | 5 | 20 | 2.0      | 1.322  | 12.415   | 4.0            | 1.342   |
    | wijk      | 1 | 30 | 3.0      | -1.585 | 9.678    | 3.0            | -2.0    |

    wijk co-occurs less often than chance (a < expected): only `attracted_only=False`
    ranks it. voeren and wethouder tie on log-Dice.
    """
    rows = [
        ("gemeente", 6, 40, 4.0, 0.585, 11.941, 1.0, 0.816),
        ("nemen", 4, 5, 0.5, 3.0, 13.093, 14.0, 1.75),
        ("voeren", 2, 2, 0.2, 3.322, 12.415, 9.0, 1.273),
        ("wethouder", 5, 20, 2.0, 1.322, 12.415, 4.0, 1.342),
        ("wijk", 1, 30, 3.0, -1.585, 9.678, 3.0, -2.0),
    ]
    cols = ["associate", "n_cooc", "n_assoc", "expected", "pmi", "log_dice", "log_likelihood"]
    table = pd.DataFrame(rows, columns=[*cols, "t_score"])
    table.insert(0, "term", "regie")
    table.insert(2, "kind", "word")
    table.insert(3, "upos", "NOUN")
    table.insert(4, "relations", None)
    table.insert(6, "n_term", 10)
    table.insert(8, "n_total", 100)
    table["n_docs"] = 1
    table["n_speakers"] = 1
    table["keyness"] = None
    table["example_hit_ids"] = "h1"
    # signed G² carries the sign of a - expected (only wijk is below chance)
    sign = np.sign(table["n_cooc"] - table["expected"])
    table.insert(
        table.columns.get_loc("t_score"), "signed_log_likelihood", sign * table["log_likelihood"]
    )
    table.insert(
        table.columns.get_loc("t_score") + 1,
        "fisher_p",
        fisher_p(table["n_cooc"], 10, table["n_assoc"], 100),
    )
    table["stated"] = None
    table["stated_hit_id"] = None
    table = table.astype({"n_cooc": float, "n_term": float})
    return validate(table, "associations")


def relations() -> pd.DataFrame:
    rows = [
        ("h1", "regie", "governor_obj", "nemen", "De gemeente neemt regie."),
        ("h5", "regie", "governor_obj", "nemen", "Wij nemen zelf de regie."),
        ("h4", "regie", "copula", "samenwerken", "Regie is samenwerken."),
        ("h6", "regie", "amod", "sterk", "Sterke regie helpt niet."),
        ("h3", "maatwerk", "governor_obj", "nemen", "Wij nemen maatwerk serieus."),
    ]
    return validate(pd.DataFrame(rows, columns=columns("relations")), "relations")


def coded_contexts() -> pd.DataFrame:
    """Five contexts: four in the fishbowl, one in the report; two themes.

    | context_id | doc_id        | terms           | code        |
    |------------|---------------|-----------------|-------------|
    | c1         | vissenkom.txt | regie           | T00-sturing |
    | c2         | vissenkom.txt | regie;maatwerk  | T00-sturing |
    | c3         | vissenkom.txt | maatwerk        | T01-tijd    |
    | c4         | tafel.txt     | regie           | T01-tijd    |
    | c5         | verslag.txt   | zelfredzaamheid | T01-tijd    |
    """
    rows = [
        ("c1", "vissenkom.txt", "regie", "T00-sturing", 0, "Wethouder"),
        ("c2", "vissenkom.txt", "regie;maatwerk", "T00-sturing", 0, "Buurtvrouw"),
        ("c3", "vissenkom.txt", "maatwerk", "T01-tijd", 1, "Wethouder"),
        ("c4", "tafel.txt", "regie", "T01-tijd", 1, "Wethouder"),
        ("c5", "verslag.txt", "zelfredzaamheid", "T01-tijd", 1, None),
    ]
    table = pd.DataFrame(
        rows, columns=["context_id", "doc_id", "terms", "code", "theme_id", "speaker"]
    )
    table["seg_id"] = table["doc_id"] + "#0000"
    table["hit_ids"] = table["context_id"]
    table["probability"] = 0.9
    table["char_start"] = 0
    table["char_end"] = 10
    table["text"] = "Een citaat."
    table["sub_theme_id"] = -1  # no sub-themes in this fixture
    table["sub_code"] = None
    return validate(table[columns("coded_contexts")], "coded_contexts")


def themes() -> pd.DataFrame:
    rows = [
        {
            "theme_id": 1,
            "code": "T01-tijd",
            "label": "tijd, kosten",
            "quotes": "[vissenkom.txt#0002] Maatwerk kost tijd.",
        },
        {
            "theme_id": 0,
            "code": "T00-sturing",
            "label": "gemeente, nemen",
            "quotes": "[vissenkom.txt#0000] De gemeente neemt regie. || "
            "[vissenkom.txt#0001] Regie? Wij doen het zelf, met maatwerk.",
        },
    ]
    table = pd.DataFrame(rows)
    table["keywords"] = "kw (0.1)"
    table["size"] = [3, 2]
    table["n_docs"] = [3, 1]
    table["n_speakers"] = [1, 2]
    table["quote_seg_ids"] = ""
    table["description"] = None
    table["level"] = 1  # two top-level themes
    table["parent_id"] = -1
    table["parent_code"] = None
    return validate(table, "themes")
