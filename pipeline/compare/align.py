r"""Match a coded project's sources to kruispunt documents, and put its codings on them.

Matching, by name first: the source's name, or that name less its extension, equals a
document's doc_id, file name, stem or title, ignoring case (kruispunt's own export names
a source by its doc_id). Then by text: rapidfuzz `fuzz.ratio` of the first `PREFIX_CHARS`
characters of both texts, normalised (line ends, NFC, blanks, case), of at least
`TEXT_MIN_SIMILARITY`. A name match whose text scores below `NAME_MIN_SIMILARITY` is
distrusted and tried by text.

Mapping: equal texts carry offsets over. Otherwise differences that leave the text as it
reads (a byte-order mark, `\r\n` or `\r` line ends, NFD against NFC) are undone keeping a
map back to each character, and the rest (blanks, a header the QDA program added, edits)
is aligned by rapidfuzz Levenshtein opcodes (linear memory; a second for a long
transcript). `exact_share` is the share of a coding's characters in equal blocks (undone
differences count as equal); a coding with none there is unmapped.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from pipeline.compare.project import CodedProject
from pipeline.schemas import SCHEMAS, columns

PREFIX_CHARS = 5000
TEXT_MIN_SIMILARITY = 0.8
NAME_MIN_SIMILARITY = 0.5
UNKNOWN_CODER = "onbekend"
MATCH_COLUMNS = ["source_guid", "source", "doc_id", "matched_by", "similarity", "reason"]
UNMAPPED_COLUMNS = ["selection", "source", "code", "coder", "reason"]


def canonical(text: str) -> tuple[str, np.ndarray]:
    r"""The text with its byte-order mark, `\r` line ends and non-NFC forms undone.

    Args:
        text: A source text.

    Returns:
        The canonical text, and for each character of `text` the index of the canonical
        character it became (part of); a dropped mark belongs to the next character.
    """
    if "\r" not in text and "\ufeff" not in text[:1] and unicodedata.is_normalized("NFC", text):
        return text, np.arange(len(text))
    pieces, owner, pos, i = [], np.zeros(len(text), dtype=np.int64), 0, 0
    if text.startswith("\ufeff"):
        i = 1
    while i < len(text):
        j = i + 1
        if text[i] == "\r":
            j += text[j : j + 1] == "\n"
            piece = "\n"
        else:
            while j < len(text) and unicodedata.combining(text[j]):
                j += 1
            piece = unicodedata.normalize("NFC", text[i:j])
        # One to one where the length stays; else each belongs to the first (or last) of it.
        owner[i:j] = [pos + min(k, len(piece) - 1) for k in range(j - i)]
        pieces.append(piece)
        pos, i = pos + len(piece), j
    return "".join(pieces), owner


def _fold(text: str) -> str:
    return " ".join(canonical(text)[0].casefold().split())


def _similarity(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100


def _name_keys(documents: pd.DataFrame) -> dict[str, list[tuple[int, str]]]:
    """Folded doc_id, file name, stem and title -> [(rank of the key, doc_id)]."""
    index: dict[str, list[tuple[int, str]]] = {}
    for doc_id, title in zip(documents["doc_id"], documents["title"], strict=True):
        name = PurePosixPath(doc_id).name
        keys = [doc_id, name, PurePosixPath(name).stem, title if isinstance(title, str) else ""]
        for rank, key in enumerate(keys):
            if _fold(key):
                index.setdefault(_fold(key), []).append((rank, doc_id))
    return index


def _result(doc_id: str | None, by: str, similarity: float = 0.0, reason: str = "") -> dict:
    return {"doc_id": doc_id, "matched_by": by, "similarity": similarity, "reason": reason}


def _match(name: str, prints: dict[str, str], index: dict, text: str | None) -> dict:
    """The document of one source: by name, else by text, else none with the reason."""
    keys = {_fold(name), _fold(PurePosixPath(name).stem)}
    hits = sorted({hit for key in keys for hit in index.get(key, [])})
    named = [doc for rank, doc in hits if rank == hits[0][0]]
    if text is None:
        why = "no document has its name, and its text could not be read"
        return _result(named[0], "name") if named else _result(None, "none", reason=why)
    query = _fold(text)[:PREFIX_CHARS]
    scores = {doc: _similarity(query, prints[doc]) for doc in named}
    best = max(scores, key=scores.get, default=None)
    if best is not None and scores[best] >= NAME_MIN_SIMILARITY:
        return _result(best, "name", scores[best])
    found = process.extractOne(query, prints, scorer=fuzz.ratio)  # None: no documents
    doc, score = (found[2], found[1] / 100) if found else (None, 0.0)
    if score >= TEXT_MIN_SIMILARITY:
        return _result(doc, "text", score)
    why = f"its name is {best}'s but not its text" if best else "no document has its name"
    near = f"; the nearest text, {doc}'s, scores {score:.2f} < {TEXT_MIN_SIMILARITY}" if doc else ""
    return _result(None, "none", score, why + near)


def match_sources(sources: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Match each source of a coded project to at most one kruispunt document.

    Args:
        sources: `CodedProject.sources` (source_guid, name, text).
        documents: The documents table (doc_id, title, text).

    Returns:
        One row per source: source_guid, source (its name), doc_id (None: no match),
        matched_by (`name`, `text` or `none`), similarity (0..1, of the normalised text
        prefixes) and reason (why nothing matched; else empty). Several sources may
        match one document.
    """
    index = _name_keys(documents)
    prints = {d: _fold(t)[:PREFIX_CHARS] for d, t in zip(documents["doc_id"], documents["text"],
                                                          strict=True)}  # fmt: skip
    rows = []
    for guid, name, text in zip(sources["source_guid"], sources["name"], sources["text"],
                                strict=True):  # fmt: skip
        name = name if isinstance(name, str) else ""
        text = text if isinstance(text, str) else None
        rows.append({"source_guid": guid, "source": name, **_match(name, prints, index, text)})
    return pd.DataFrame(rows, columns=MATCH_COLUMNS, dtype=object).astype({"similarity": float})


class Alignment:
    r"""Where each character of a source text lies in its document's text.

    Args:
        source: The source text, as the project holds it.
        document: The document text (`documents.text`: NFC, `\n` line ends).
    """

    def __init__(self, source: str, document: str):
        text, self.owner = canonical(source)
        n, m = len(text), len(document)
        self.start, self.end = np.zeros(n + 1, np.int64), np.zeros(n + 1, np.int64)
        self.equal = np.zeros(n + 1, bool)  # the last: for a mark that ends the text
        self.start[n] = m
        ops = [("equal", 0, n, 0, n)] if text == document else Levenshtein.opcodes(text, document)
        for tag, i1, i2, j1, j2 in ops:
            if i2 > i1:  # an insertion's boundary is set by the blocks on either side
                pos = j1 + np.minimum(np.arange(i2 - i1 + 1), j2 - j1)
                self.start[i1:i2], self.end[i1 + 1 : i2 + 1] = pos[:-1], pos[1:]
                self.equal[i1:i2] = tag == "equal"
        self.bound = np.append(self.owner, n)

    def map(self, start: int, end: int) -> tuple[int, int, float]:
        """The document span of source span [start, end), and its share of equal characters.

        Args:
            start: First character of the span in the source text.
            end: Character after the span.

        Returns:
            (char_start, char_end, exact_share); exact_share 0 when no character maps.
        """
        exact = int(self.equal[self.owner[start:end]].sum())
        doc_start = int(self.start[self.bound[start]])
        doc_end = max(int(self.end[self.bound[end]]), doc_start)
        return doc_start, doc_end, exact / max(end - start, 1)


def _labels(project: CodedProject, matches: pd.DataFrame) -> pd.DataFrame:
    """The codings with their code path, coder, source name and doc_id."""
    users = dict(zip(project.users["user_guid"], project.users["name"], strict=True))
    codings = project.codings.merge(project.codes[["code_guid", "path"]], how="left")
    codings = codings.merge(matches[["source_guid", "source", "doc_id", "reason"]], how="left")
    coders = [users.get(u) or u if isinstance(u, str) else None for u in codings["user_guid"]]
    codings["coder"] = [c or UNKNOWN_CODER for c in coders]
    return codings.rename(columns={"selection_guid": "selection", "path": "code"})


def map_codings(
    project: CodedProject, documents: pd.DataFrame, matches: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Put the project's codings on the kruispunt documents their sources matched.

    Args:
        project: The coded project (`read_project`).
        documents: The documents table.
        matches: `match_sources` of the project's sources.

    Returns:
        (mapped, unmapped). mapped: the `compare_codings` table, side `human`, coder the
        user's name (`onbekend` when no user is named), code the code path. unmapped:
        selection, source, code, coder, reason: one row per coding that could not be put
        on a document (its source matched none, it is empty, or no character maps).
    """
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    source_texts = dict(zip(project.sources["source_guid"], project.sources["text"], strict=True))
    aligned: dict[str, Alignment] = {}
    mapped, unmapped = [], []
    for row in _labels(project, matches).to_dict("records"):
        label = {key: row[key] for key in UNMAPPED_COLUMNS[:4]}
        doc_id, span = row["doc_id"], f"{row['start']}-{row['end']}"
        if not isinstance(doc_id, str):
            why = row["reason"] if isinstance(row["reason"], str) else "it was not matched"
            unmapped.append({**label, "reason": f"its source matched no document: {why}"})
            continue
        if row["source_guid"] not in aligned:
            source_text = source_texts[row["source_guid"]]
            aligned[row["source_guid"]] = Alignment(source_text, texts[doc_id])
        start, end, share = aligned[row["source_guid"]].map(row["start"], row["end"])
        if share == 0:
            why = "is empty" if row["start"] == row["end"] else "has no character in the document"
            unmapped.append({**label, "reason": f"the selection ({span}) {why}"})
            continue
        mapped.append({"side": "human", **label, "doc_id": doc_id, "char_start": start,
                       "char_end": end, "exact_share": share})  # fmt: skip
    table = pd.DataFrame(mapped, columns=columns("compare_codings"))
    return SCHEMAS["compare_codings"].validate(table), pd.DataFrame(
        unmapped, columns=UNMAPPED_COLUMNS
    )


def describe_differences(source: str, document: str) -> list[str]:
    """How a source text differs from its document's text, in words, for the report.

    Args:
        source: The source text.
        document: The document text.

    Returns:
        One phrase per kind of difference; empty when the texts are equal.
    """
    notes = [note for bad, note in (
        (source.startswith("\ufeff"), "a byte-order mark"),
        ("\r" in source, "\\r line ends"),
        (not unicodedata.is_normalized("NFC", source), "Unicode not in NFC"),
    ) if bad]  # fmt: skip
    text = canonical(source)[0]
    if text != document and text.endswith(document):
        notes.append(f"{len(text) - len(document)} characters before the text (a header)")
    elif text != document:
        blanks = text.split() == document.split()
        notes.append("different blanks" if blanks else f"edits ({_similarity(text, document):.2f})")
    return notes
