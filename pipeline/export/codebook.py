"""The codebook: focal terms as top-level codes, with the themes nested under each term.

A theme that occurs in the contexts of two terms becomes two nested codes, one under each
term, so a QDA program can show "what `maatwerk` is about" separately from "what `regie`
is about"; each copy is named after its theme and its term, since QDA programs merge codes
that share a name. Every code has a GUID derived from its path with uuid5, so a rerun, or a
colleague's rerun on the same data, gives the same GUIDs and codings merge cleanly.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

import pandas as pd

from pipeline.export.names import theme_code_name, unique_names
from pipeline.params import TermSpec

# Fixed namespace for every GUID the export writes. Changing it changes every GUID, which
# would make QDA programs treat a rerun as a different project.
NAMESPACE = uuid.UUID("5f0c8a1e-3d2b-5c47-9e61-4b7a2f8d9c30")

CODEBOOK_COLUMNS = [
    "code_id",
    "guid",
    "level",
    "parent_code_id",
    "term",
    "theme",
    "theme_id",
    "name",
    "label",
    "definition",
    "keywords",
    "n_codings",
    "n_segments",
    "n_docs",
    "n_speakers",
    "docs",
    "example_quotes",
    "example_seg_ids",
    "color",
    "description",
]

# Colour-blind friendly (Okabe-Ito, then Tol muted): readable as code colours in QDA tools.
TERM_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
THEME_COLORS = (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
    "#DDCC77", "#CC6677", "#882255", "#AA4499", "#DDDDDD",
)  # fmt: skip


def make_guid(kind: str, *parts: str) -> str:
    """Derive a stable GUID for one object of the export.

    Args:
        kind: What the object is: `code`, `source`, `selection`, `coding`, `user`, ...
        *parts: The object's key parts, for example the code path.

    Returns:
        A lower-case UUID string (uuid5 over the fixed namespace).
    """
    return str(uuid.uuid5(NAMESPACE, "\x1f".join((kind, *parts))))


def code_id(term: str, theme: str | None = None) -> str:
    """The path of a code: `term` or `term/theme`."""
    return term if not theme else f"{term}/{theme}"


def ordered_terms(lexicon: Iterable[str], term_hits: pd.DataFrame) -> list[str]:
    """Lexicon terms in their configured order, then any other term found in the hits."""
    terms = list(dict.fromkeys(lexicon))
    extra = sorted(set(term_hits["term"]) - set(terms))
    return terms + extra


def explode_terms(table: pd.DataFrame) -> pd.DataFrame:
    """One row per (context, term) from a table whose `terms` column is `;`-separated."""
    out = table.assign(term=table["terms"].str.split(";")).explode("term")
    out["term"] = out["term"].str.strip()
    return out[out["term"].fillna("") != ""].reset_index(drop=True)


def code_rows(rows: pd.DataFrame, text_col: str, n_quotes: int) -> dict[str, object]:
    """Counts, spread and example quotes of one code, from its rows in quote order.

    Plain Python over column lists: the codebook has hundreds of codes on a large corpus,
    and a few pandas calls per code would cost seconds.
    """
    seg_ids = rows["seg_id"].tolist()
    quotes: dict[str, str] = {}  # text -> seg_id of its first row, at most n_quotes
    for seg_id, text in zip(seg_ids, rows[text_col].tolist(), strict=True):
        if len(quotes) == n_quotes:
            break
        quotes.setdefault(text, seg_id)
    docs = sorted(set(rows["doc_id"].tolist()))
    return {
        "n_codings": len(seg_ids),
        "n_segments": len(set(seg_ids)),
        "n_docs": len(docs),
        "n_speakers": len({s for s in rows["speaker"].tolist() if pd.notna(s)}),
        "docs": "; ".join(docs),
        "example_quotes": " || ".join(f"[{s}] {t}" for t, s in quotes.items()),
        "example_seg_ids": ";".join(quotes.values()),
    }


def _term_definition(term: str, spec: TermSpec | None) -> str:
    parts = [f"Focal term '{term}' (kruispunt term lexicon)."]
    if spec is not None:
        for label, values in (
            ("variants", spec.variants),
            ("multiword forms", spec.multiword),
            ("excluded", spec.exclude),
        ):
            if values:
                parts.append(f"{label.capitalize()}: {', '.join(values)}.")
        parts.append("Compounds included." if spec.compounds else "Compounds not included.")
    return " ".join(parts)


def _top_associates(associations: pd.DataFrame, term: str, measure: str, n: int) -> str:
    rows = associations[associations["term"] == term]
    rows = rows.sort_values([measure, "associate"], ascending=[False, True]).head(n)
    return "; ".join(
        f"{a} ({v:.2f})" for a, v in zip(rows["associate"], rows[measure], strict=True)
    )


def _term_code(
    term: str,
    hits: pd.DataFrame,
    *,
    spec: TermSpec | None,
    keywords: str,
    color: str,
    n_quotes: int,
) -> dict[str, object]:
    """The codebook row of a focal term, coded on its hits."""
    return {
        "code_id": code_id(term),
        "guid": make_guid("code", code_id(term)),
        "level": "term",
        "parent_code_id": "",
        "term": term,
        "theme": "",
        "theme_id": None,
        "name": term,
        "label": term,
        "definition": _term_definition(term, spec),
        "keywords": keywords,
        **code_rows(hits, "sentence", n_quotes),
        "color": color,
        "description": "",
    }


def _theme_code(
    term: str,
    theme: str,
    in_theme: pd.DataFrame,
    *,
    info: pd.Series | None,
    color: str,
    n_quotes: int,
) -> dict[str, object]:
    """The codebook row of a theme nested under a term, coded on its contexts.

    `info` is the theme's row of the themes table; None for a code the table lacks.
    """
    theme_id = int(in_theme["theme_id"].iloc[0])
    label = str(info["label"]) if info is not None else theme
    return {
        "code_id": code_id(term, theme),
        "guid": make_guid("code", code_id(term, theme)),
        "level": "theme",
        "parent_code_id": code_id(term),
        "term": term,
        "theme": theme,
        "theme_id": theme_id,
        "name": theme_code_name(theme, label, term=term),
        "label": label,
        "definition": f"Theme {theme_id} in the contexts of '{term}': {label}.",
        "keywords": str(info["keywords"]) if info is not None else "",
        **code_rows(in_theme, "text", n_quotes),
        "color": color,
        "description": "",
    }


def _theme_codes(
    term: str,
    by_code: Mapping[tuple[str, str], pd.DataFrame],
    *,
    theme_info: pd.DataFrame,
    theme_rank: Mapping[str, int],
    n_quotes: int,
) -> list[dict[str, object]]:
    """The codebook rows of the themes nested under a term, in theme_id order.

    Args:
        term: The focal term.
        by_code: Exploded coded contexts per (term, theme code), best quote first.
        theme_info: The themes table indexed by code.
        theme_rank: Theme code to its position in theme_id order.
        n_quotes: Example quotes per code.
    """
    codes = [code for t, code in by_code if t == term]
    return [
        _theme_code(
            term,
            theme,
            by_code[(term, theme)],
            info=theme_info.loc[theme] if theme in theme_info.index else None,
            color=THEME_COLORS[theme_rank.get(theme, 0) % len(THEME_COLORS)],
            n_quotes=n_quotes,
        )
        for theme in sorted(codes, key=lambda c: theme_rank.get(c, 1 << 30))
    ]


def build_codebook(
    term_hits: pd.DataFrame,
    coded_contexts: pd.DataFrame,
    themes: pd.DataFrame,
    associations: pd.DataFrame,
    *,
    terms: list[str],
    term_specs: Mapping[str, TermSpec] | None = None,
    measure: str = "log_dice",
    n_quotes: int = 3,
    n_keywords: int = 8,
) -> pd.DataFrame:
    """Build the code hierarchy with counts and example quotes.

    Args:
        term_hits: The term_hits table.
        coded_contexts: The coded_contexts table.
        themes: The themes table (theme_id, code, label, keywords, ...).
        associations: The associations table; its top associates describe each term code.
        terms: Focal terms in codebook order (see `ordered_terms`).
        term_specs: The term lexicon, to describe each term's variants.
        measure: Association measure that ranks a term's keywords.
        n_quotes: Example quotes per code.
        n_keywords: Associates listed as a term code's keywords.

    Returns:
        One row per code, terms first, each followed by its themes. Columns: code_id (path
        `term` or `term/theme`), guid, level (`term` or `theme`), parent_code_id, term,
        theme (theme code, empty for terms), theme_id (nullable), name (shown in QDA
        programs, unique: `T03 netwerk, steun (zelfredzaamheid)` for a theme under a term,
        see `pipeline.export.names`), label (the theme's label; the term for terms),
        definition, keywords, n_codings (hits or contexts), n_segments, n_docs, n_speakers,
        docs (`; `-separated doc_ids), example_quotes (`[seg_id] quote` joined by ` || `),
        example_seg_ids, color (`#RRGGBB`), description (empty, for the researcher).
    """
    specs = term_specs or {}
    theme_info = themes.set_index("code")
    theme_rank = {code: i for i, code in enumerate(themes.sort_values("theme_id")["code"])}
    # Each term's contexts, best quote first, split by theme in one pass.
    per_term = explode_terms(coded_contexts).sort_values(
        ["term", "probability", "context_id"], ascending=[True, False, True], kind="stable"
    )
    by_code = dict(tuple(per_term.groupby(["term", "code"], sort=False)))
    rows: list[dict[str, object]] = []
    for t_index, term in enumerate(terms):
        hits = term_hits[term_hits["term"] == term].sort_values(["doc_id", "char_start"])
        keywords = _top_associates(associations, term, measure, n_keywords)
        color = TERM_COLORS[t_index % len(TERM_COLORS)]
        spec = specs.get(term)
        term_row = _term_code(
            term, hits, spec=spec, keywords=keywords, color=color, n_quotes=n_quotes
        )
        rows.append(term_row)
        rows += _theme_codes(
            term, by_code, theme_info=theme_info, theme_rank=theme_rank, n_quotes=n_quotes
        )
    codebook = pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)
    # QDA programs merge codes of the same name, so no two may share one.
    codebook["name"] = unique_names(codebook["name"])
    return codebook.astype({"theme_id": "Int64"})
