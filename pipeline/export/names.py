"""Readable, unique names for codes, sets and coded selections.

QDA programs identify a code by its name as much as by its GUID: QualCoder's code table
has a unique name column, so a theme nested under two terms with the same name is merged
into one code and the codings of the other copy lose their code. Every name the export
writes is therefore unique in its file, and says where it sits: a theme nested under a
term reads `T03 netwerk, steun (zelfredzaamheid)`, its number, its label, then the term.

A deeper level (a sub-theme under a theme) is named the same way, from its own short code
and label, with the same term in brackets: `T03.1 buurt, wijk (zelfredzaamheid)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Control characters (which XML 1.0 forbids or which break a name's line) and whitespace.
_SPACE = re.compile(r"[\s\x00-\x1f\ufffe\uffff]+")
_SHORT_CODE = re.compile(r"^T[\w.]*?(?=-|$)")

SELECTION_NAME_CHARS = 80


def _tidy(text: object) -> str:
    """One line: XML-safe, whitespace collapsed, trimmed."""
    return _SPACE.sub(" ", "" if text is None else str(text)).strip()


def short_code(code: str) -> str:
    """The leading number of a theme code: `T03` of `T03-netwerk-steun`, `TXX` of outliers.

    A code that does not start with `T<...>-` is returned whole.
    """
    match = _SHORT_CODE.match(code)
    return match.group() if match else code


def theme_code_name(code: str, label: str, *, term: str) -> str:
    """Name of a theme (or sub-theme) code nested under a term.

    Args:
        code: The theme code, for example `T03-netwerk-steun`.
        label: The theme's label, for example `netwerk, steun`.
        term: The focal term the code is nested under.

    Returns:
        For example `T03 netwerk, steun (zelfredzaamheid)`.
    """
    head = " ".join(p for p in (_tidy(short_code(code)), _tidy(label)) if p) or _tidy(code)
    return f"{head} ({_tidy(term)})"


def theme_set_name(code: str, label: str) -> str:
    """Name of the set that groups a theme's codes across terms: `T03 netwerk, steun`."""
    return " ".join(p for p in (_tidy(short_code(code)), _tidy(label)) if p) or _tidy(code)


def unique_names(names: Iterable[str], *, taken: Iterable[str] = ()) -> list[str]:
    """Make names unique, ignoring case and spacing, by numbering the later repeats.

    QualCoder compares names exactly, ATLAS.ti and NVivo ignore case; both are satisfied
    when no two names are equal after folding case and collapsing whitespace.

    Args:
        names: The names, in the order whose first occurrence keeps its name.
        taken: Names already used elsewhere in the same file, which no name may repeat.

    Returns:
        The names, tidied (one line, XML-safe); a repeat becomes `name [2]`, `name [3]`, ...
    """
    seen = {_tidy(n).casefold() for n in taken}
    out = []
    for raw in names:
        name = _tidy(raw) or "(naamloos)"
        candidate, n = name, 1
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{name} [{n}]"
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def selection_name(text: str, *, limit: int = SELECTION_NAME_CHARS) -> str:
    """Name of a coded selection: its quoted text on one line, cut at a word with `…`.

    Args:
        text: The exact text of the selection.
        limit: Most characters kept, the ellipsis included.

    Returns:
        The trimmed quote, as ATLAS.ti names its quotations.
    """
    quote = _tidy(text)
    if len(quote) <= limit:
        return quote
    cut = quote[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"
