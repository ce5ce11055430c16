"""Read CoNLL-U treebanks into a token table.

One row per syntactic word. Multiword-token range lines (`3-4`) and empty nodes (`5.1`)
are not words of the basic tree, so they are skipped; a range line's `SpaceAfter=No`
moves to its last word, which keeps the reconstructed text faithful.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

CONLLU_COLUMNS = [
    "file",
    "sent_id",
    "sent_text",
    "word_idx",
    "form",
    "lemma",
    "upos",
    "xpos",
    "feats",
    "head",
    "deprel",
    "space_after",
]


def _sentence_id(comments: list[str], fallback: str) -> str:
    """The sentence id from `# sent_id = ...`, or a bare `# name.xml` comment (2017 files)."""
    for line in comments:
        body = line[1:].strip()
        if body.startswith("sent_id"):
            return body.split("=", 1)[1].strip()
    for line in comments:
        body = line[1:].strip()
        if body and "=" not in body:
            return body
    return fallback


def _sentence_text(comments: list[str]) -> str | None:
    for line in comments:
        body = line[1:].strip()
        if body.startswith("text ") or body.startswith("text="):
            return body.split("=", 1)[1].strip()
    return None


def _words(lines: list[str]) -> list[dict]:
    words: list[dict] = []
    no_space_at: set[int] = set()
    for line in lines:
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"CoNLL-U line does not have 10 columns: {line!r}")
        idx, form, lemma, upos, xpos, feats, head, deprel, _deps, misc = cols
        if "." in idx:
            continue
        if "-" in idx:
            if "SpaceAfter=No" in misc.split("|"):
                no_space_at.add(int(idx.split("-")[1]))
            continue
        words.append(
            {
                "word_idx": int(idx) - 1,
                "form": form,
                "lemma": lemma,
                "upos": upos,
                "xpos": "" if xpos == "_" else xpos,
                "feats": "" if feats == "_" else feats,
                "head": int(head) - 1 if head not in {"_", "0"} else -1,
                "deprel": deprel,
                "space_after": "SpaceAfter=No" not in misc.split("|"),
            }
        )
    for word in words:
        if word["word_idx"] + 1 in no_space_at:
            word["space_after"] = False
    return words


def _join(words: list[dict]) -> str:
    parts = [w["form"] + (" " if w["space_after"] else "") for w in words]
    return "".join(parts).rstrip(" ")


def parse_conllu(text: str, *, file: str = "") -> pd.DataFrame:
    """Parse CoNLL-U text into one row per word.

    Args:
        text: The CoNLL-U content.
        file: Name recorded in the `file` column (the source file's name).

    Returns:
        Columns: file, sent_id (as in the file), sent_text (`# text`, or rebuilt from the
        forms and `SpaceAfter=No` when absent), word_idx (0-based), form, lemma, upos,
        xpos (empty when missing), feats (empty when missing), head (0-based word index,
        -1 for the root), deprel, space_after.
    """
    rows: list[dict] = []
    for n, block in enumerate(text.replace("\r\n", "\n").split("\n\n")):
        lines = [line for line in block.split("\n") if line.strip()]
        comments = [line for line in lines if line.startswith("#")]
        words = _words([line for line in lines if not line.startswith("#")])
        if not words:
            continue
        sent_id = _sentence_id(comments, fallback=f"{file}#{n}")
        sent_text = _sentence_text(comments) or _join(words)
        for word in words:
            rows.append({"file": file, "sent_id": sent_id, "sent_text": sent_text, **word})
    return pd.DataFrame(rows, columns=CONLLU_COLUMNS)


def read_conllu(path: str | Path) -> pd.DataFrame:
    """Read one CoNLL-U file (UTF-8) into a word table.

    Args:
        path: The file.

    Returns:
        The columns of `parse_conllu`, with `file` set to the file name.
    """
    path = Path(path)
    return parse_conllu(path.read_text(encoding="utf-8"), file=path.name)
