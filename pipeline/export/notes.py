"""Memos: one REFI-QDA Note per code, with what the codebook and the statistics say of it.

A theme's memo holds its label, keywords with their c-TF-IDF weights, counts, example
quotes and the researcher's description (from themes.csv); a term's memo holds its lexicon
entry and its strongest associates with every statistic. Each Note is attached to its code
with a `NoteRef`, and its text is a plain-text file in the .qdpx (`sources/<guid>.txt`);
QualCoder (4.0) imports a Note with a name and a `plainTextPath` as a journal.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from lxml import etree

from pipeline.export.codebook import make_guid
from pipeline.export.deductive_codes import LEVEL, ROOT_LEVEL, deductive_memo
from pipeline.export.refiqda import PROJECT_NS, element, text_element

N_ASSOCIATES = 25
_STATS = (
    ("n_cooc", "a", "{:.0f}"),
    ("n_term", "a+b", "{:.0f}"),
    ("n_assoc", "a+c", "{:.0f}"),
    ("n_total", "N", "{:.0f}"),
    ("expected", "expected", "{:.2f}"),
    ("pmi", "PMI", "{:.2f}"),
    ("log_dice", "logDice", "{:.2f}"),
    ("log_likelihood", "G2", "{:.2f}"),
    ("t_score", "t", "{:.2f}"),
    ("n_docs", "documents", "{:.0f}"),
    ("n_speakers", "speakers", "{:.0f}"),
)


@dataclass(frozen=True)
class Note:
    """A memo attached to one code.

    Attributes:
        guid: The Note's GUID, also its text file's name in `sources/`.
        code_guid: GUID of the code it is attached to.
        name: `Memo: <code name>`.
        text: The memo, plain text.
    """

    guid: str
    code_guid: str
    name: str
    text: str


def _present(value: object) -> bool:
    return value is not None and not pd.isna(value) and str(value).strip() != ""  # type: ignore[arg-type]


def association_lines(associations: pd.DataFrame, term: str, *, measure: str, n: int) -> list[str]:
    """A term's top `n` associates by `measure`, one line each with every statistic."""
    rows = associations[associations["term"] == term]
    rows = rows.sort_values([measure, "associate"], ascending=[False, True]).head(n)
    lines = []
    for row in rows.to_dict("records"):
        stats = ", ".join(
            f"{label} {fmt.format(row[col])}" for col, label, fmt in _STATS if _present(row[col])
        )
        line = f"- {row['associate']} ({row['kind']}, {row['upos']}): {stats}"
        if _present(row.get("relations")):
            line += f"; relations {row['relations']}"
        lines.append(line)
    return lines


def _quotes(row: dict) -> list[str]:
    quotes = str(row["example_quotes"]).split(" || ") if _present(row["example_quotes"]) else []
    return [f"- {q}" for q in quotes]


def _term_memo(row: dict, codebook: pd.DataFrame, associations: pd.DataFrame, measure: str) -> str:
    nested = codebook[codebook["parent_code_id"] == row["code_id"]]["name"].tolist()
    lines = [
        row["name"],
        "",
        str(row["definition"]),
        f"Codings: {row['n_codings']} hits in {row['n_docs']} documents, "
        f"{row['n_speakers']} speakers.",
    ]
    if nested:
        lines += ["", "Themes in its contexts:", *(f"- {n}" for n in nested)]
    assoc = association_lines(associations, row["term"], measure=measure, n=N_ASSOCIATES)
    if assoc:
        lines += [
            "",
            f"Strongest associates by {measure} (a: units with term and associate, a+b: "
            "with the term, a+c: with the associate, N: all units; G2: log-likelihood):",
            *assoc,
        ]
    return "\n".join([*lines, "", "Example quotes:", *_quotes(row)])


def _theme_memo(row: dict, themes: pd.DataFrame) -> str:
    info = themes[themes["code"] == row["theme"]]
    described = [
        d
        for d in (*info.get("description", pd.Series(dtype=object)), row["description"])
        if _present(d)
    ]
    lines = [
        row["name"],
        "",
        str(row["definition"]),
        f"Theme code: {row['theme']}",
        f"Label: {row['label']}",
        f"Keywords (c-TF-IDF weight): {row['keywords']}",
        f"Codings: {row['n_codings']} contexts in {row['n_docs']} documents, "
        f"{row['n_speakers']} speakers.",
    ]
    lines += [f"Description: {d}" for d in described]
    return "\n".join([*lines, "", "Example quotes:", *_quotes(row)])


def build_notes(
    codebook: pd.DataFrame,
    themes: pd.DataFrame,
    associations: pd.DataFrame,
    *,
    measure: str = "log_dice",
) -> list[Note]:
    """One memo per code of the codebook, in codebook order.

    Args:
        codebook: The codebook (see `build_codebook`).
        themes: The themes table, for the researcher's descriptions.
        associations: The associations table, for each term's statistics.
        measure: Association measure that ranks a term's associates.

    Returns:
        The notes, each attached to one code.
    """
    notes = []
    for row in codebook.to_dict("records"):
        if row["level"] == "term":
            text = _term_memo(row, codebook, associations, measure)
        elif row["level"] in (LEVEL, ROOT_LEVEL):
            text = deductive_memo(row)
        else:
            text = _theme_memo(row, themes)
        guid = make_guid("note", row["code_id"])
        notes.append(Note(guid, row["guid"], f"Memo: {row['name']}", text + "\n"))
    return notes


def note_path(note: Note) -> str:
    """Entry name of a Note's text in the .qdpx."""
    return f"sources/{note.guid}.txt"


def add_notes(root: etree._Element, notes: list[Note], *, user_guid: str, stamp: str) -> None:
    """Append `<Notes>`: each memo by its plain-text file, with its author and date."""
    if not notes:
        return
    holder = element(root, PROJECT_NS, "Notes")
    for note in notes:
        item = element(
            holder, PROJECT_NS, "Note", guid=note.guid, name=note.name,
            plainTextPath=f"internal://{note.guid}.txt", creatingUser=user_guid,
            creationDateTime=stamp, modifyingUser=user_guid, modifiedDateTime=stamp,
        )  # fmt: skip
        text_element(item, PROJECT_NS, "Description", "Memo written by kruispunt.")
