"""The researcher's codebook in the export: a third kind of code, beside terms and themes.

The compare stage applies the codes of `compare.codebook` to every segment
(`deductive_codings`). The export puts them under one top-level code named `codeboek`
(the researcher's codebook), with a `/` in a code name giving sub-codes: the code
`zorg/eigen kracht` becomes `codeboek` > `zorg` > `eigen kracht`. A parent that the
codebook names only as a path (`zorg`) is a code too, without codings of its own. Every
deductive coding becomes a selection of kruispunt.qdpx and a row of coded_segments.csv.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from pipeline.export.codebook import CODEBOOK_COLUMNS, code_rows, make_guid
from pipeline.export.names import unique_names

ROOT_NAME = "codeboek"
ROOT_LEVEL = "codebook"
LEVEL = "deductive"
ROOT_COLOR = "#555555"
# Tol's bright scheme: apart from the term and theme colours, colour-blind friendly.
DEDUCTIVE_COLORS = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377")


def code_path(code: str) -> str:
    """The tidy path of a codebook code: parts stripped, empty parts dropped (`a/b`)."""
    return "/".join(p.strip() for p in str(code).split("/") if p.strip())


def _all_paths(codes: list[str]) -> list[str]:
    """Every code and every parent on its path, parents before children, in path order."""
    paths = set()
    for code in codes:
        parts = code.split("/")
        paths.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    return sorted(paths, key=lambda p: p.split("/"))


def _with_quotes(
    codings: pd.DataFrame, documents: pd.DataFrame, segments: pd.DataFrame
) -> pd.DataFrame:
    """The codings with their tidy path, coded text and speaker, in document order."""
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    speakers = dict(zip(segments["seg_id"], segments["speaker"], strict=True))
    out = codings.assign(path=codings["code"].map(code_path))
    out["quote"] = [
        texts[d][int(s) : int(e)]
        for d, s, e in zip(out["doc_id"], out["char_start"], out["char_end"], strict=True)
    ]
    out["speaker"] = out["seg_id"].map(speakers)
    return out.sort_values(["doc_id", "char_start", "coding_id"], kind="stable")


def _keywords(rows: pd.DataFrame) -> str:
    """The words that matched, most frequent first: `zelfredzaam (3); eigen kracht (1)`."""
    counts = Counter(w.strip() for m in rows["matched"] for w in str(m).split(";") if w.strip())
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return "; ".join(f"{w} ({n})" for w, n in ranked)


def _definition(path: str, rows: pd.DataFrame) -> str:
    rules = sorted({r.strip() for m in rows["rules"] for r in str(m).split(";") if r.strip()})
    text = f"Code '{path}' of the researcher's codebook (compare.codebook), applied deductively."
    return f"{text} Rules that matched: {'; '.join(rules)}." if rules else text


def _row(code_id: str, parent: str, *, level: str, label: str, **fields: object) -> dict:
    base = dict.fromkeys(CODEBOOK_COLUMNS, "")
    return base | {
        "code_id": code_id,
        "guid": make_guid("code", code_id),
        "level": level,
        "parent_code_id": parent,
        "theme_id": None,
        "name": label.rsplit("/", 1)[-1],
        "label": label,
        **fields,
    }


def add_deductive_codes(
    codebook: pd.DataFrame,
    deductive_codings: pd.DataFrame,
    *,
    documents: pd.DataFrame,
    segments: pd.DataFrame,
    n_quotes: int = 3,
) -> pd.DataFrame:
    """Append the researcher's codes to the codebook, under one `codeboek` branch.

    Args:
        codebook: The term and theme codes (see `build_codebook`).
        deductive_codings: The deductive_codings table.
        documents: The documents table, whose texts give the example quotes.
        segments: The segments table, for the speakers.
        n_quotes: Example quotes per code.

    Returns:
        The codebook unchanged when there are no deductive codings; else with, after the
        term and theme codes, the branch code (level `codebook`, code_id `codeboek`) and
        one row per code and parent path (level `deductive`, code_id `codeboek/<path>`,
        label the path, name its last part), in path order. Names stay unique across the
        whole codebook (`pipeline.export.names.unique_names`); so does the branch's
        code_id, should a focal term be called `codeboek`.
    """
    if deductive_codings.empty:
        return codebook
    codings = _with_quotes(deductive_codings, documents, segments)
    root = unique_names([ROOT_NAME], taken=codebook["code_id"])[0]
    empty = code_rows(codings.iloc[:0], "quote", n_quotes)
    rows = [
        _row(
            root, "", level=ROOT_LEVEL, label=ROOT_NAME, color=ROOT_COLOR, **empty,
            definition="The researcher's codebook (compare.codebook), applied deductively "
            "to every segment; its codes are nested under this one.",
        )
    ]  # fmt: skip
    by_path = dict(tuple(codings.groupby("path", sort=False)))
    for index, path in enumerate(_all_paths(list(by_path))):
        own = by_path.get(path, codings.iloc[:0])
        parent = f"{root}/{path.rsplit('/', 1)[0]}" if "/" in path else root
        rows.append(
            _row(
                f"{root}/{path}", parent, level=LEVEL, label=path,
                definition=_definition(path, own), keywords=_keywords(own),
                color=DEDUCTIVE_COLORS[index % len(DEDUCTIVE_COLORS)],
                **code_rows(own, "quote", n_quotes),
            )
        )  # fmt: skip
    added = pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)
    added["name"] = unique_names(added["name"], taken=codebook["name"])
    out = pd.concat([codebook, added], ignore_index=True)
    return out.astype({"theme_id": "Int64"})


def deductive_guids(codebook: pd.DataFrame) -> dict[str, str]:
    """The GUID of each deductive code by its tidy path (see `code_path`)."""
    rows = codebook[codebook["level"] == LEVEL]
    return dict(zip(rows["label"], rows["guid"], strict=True))


def deductive_memo(row: dict) -> str:
    """The memo (REFI-QDA Note text) of a codebook row of level `codebook` or `deductive`.

    For `pipeline.export.notes.build_notes`, which otherwise writes a theme's memo.

    Args:
        row: The code's codebook row, as a dict.

    Returns:
        Its name, definition, counts, the words that matched, and its example quotes.
    """
    lines = [str(row["name"]), "", str(row["definition"])]
    if row["level"] == LEVEL:
        lines += [
            f"Code in the researcher's codebook: {row['label']}",
            f"Codings: {row['n_codings']} in {row['n_docs']} documents, "
            f"{row['n_speakers']} speakers.",
        ]
        if row["keywords"]:
            lines.append(f"Words that matched (times): {row['keywords']}")
    quotes = [q for q in str(row["example_quotes"] or "").split(" || ") if q.strip()]
    if quotes:
        lines += ["", "Example quotes:", *(f"- {q}" for q in quotes)]
    return "\n".join(lines)
