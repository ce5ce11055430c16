"""Leak search for `eval_pseudonymize.py --real`: gold names against every output of a run.

The gold (`benchmarks/gold/names/names.json`, see its README) lists the person names of the
real Den Haag minutes and Tweede Kamer debates. A name leaks when one of its forms occurs,
as a whole word and in any case, in any file under the output folder: tables (parquet read
as text), reports, the members of the xlsx and qdpx zips, caches (Arrow entries read as
tables), metrics, models and the run's own log. The forms of a name are the name itself,
the name without its first name ("de Mos" for "Richard de Mos") and the last word
("Mos"). A form that is also an ordinary Dutch word ("Bos", "Smit", "Groot") is searched
with its capitals only, so "het bos" and "de boer op" are no leak; a first name alone is
not searched.
Tensor files (`.safetensors`) are searched in their JSON header only: the rest is
floating-point numbers, whose bytes can spell "nur" by chance. Code that every run ships
unchanged is left out: the plotly.js library inlined in
`report.html` (minified identifiers such as `Lee=` or `nur`) and the Office theme of the
workbook (`xl/theme/`, font names such as "Mangal").
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from wordfreq import zipf_frequency

INTERFIXES = {"van", "de", "der", "den", "het", "ten", "ter", "te", "'t", "op", "el", "al", "in"}
# A form this frequent as a Dutch word (Zipf) is searched with its capitals only.
WORD_ZIPF = 3.0
# Role words and institutions that must never be replaced (checked in the key).
ROLE_WORDS = {
    "voorzitter", "kamer", "college", "raad", "gemeenteraad", "wethouder", "burgemeester",
    "minister", "staatssecretaris", "griffier", "kamerlid", "kamerleden", "raadslid",
    "raadsleden", "fractie", "commissie", "regering", "kabinet", "inspreker", "lid", "leden",
    "voorzitters", "collega", "heer", "mevrouw", "meneer", "de", "het", "der", "den",
}  # fmt: skip
ROLE_PHRASES = ["voorzitter", "de kamer", "het college", "de raad", "de wethouder", "minister"]


def _wordlike(form: str) -> bool:
    """Whether every word of a form, tussenvoegsels aside, is a frequent Dutch word.

    "Bos", "Smit" and "De Boer" ("de boer op gaan") are searched with their capitals only.
    """
    words = [w for w in form.casefold().split() if w not in INTERFIXES]
    return bool(words) and all(zipf_frequency(w, "nl") >= WORD_ZIPF for w in words)


@dataclass
class Person:
    """A gold name with the forms searched for it and where it was found."""

    name: str
    kind: str
    sources: set[str] = field(default_factory=set)
    leaks: list[tuple[str, str]] = field(default_factory=list)

    def forms(self) -> set[str]:
        """The name, its surname part and its last word."""
        words = self.name.split()
        forms = {self.name}
        if len(words) > 1 and words[0].casefold() not in INTERFIXES:
            forms.add(" ".join(words[1:]))
        if words[-1].casefold() not in INTERFIXES and len(words[-1]) > 2:
            forms.add(words[-1])
        return {f for f in forms if f.split()[0].casefold() not in INTERFIXES or len(f.split()) > 1}

    def searched(self) -> list[tuple[str, bool]]:
        """Each form with whether it is searched in any case (not for word-like forms)."""
        return [(form, not _wordlike(form)) for form in sorted(self.forms(), key=len, reverse=True)]


def load_people(gold: Path) -> list[Person]:
    """Unique gold names; a text name that is a form of a speaker's name joins the speaker."""
    people: dict[str, Person] = {}  # by the name in lower case: "Van Hoek" is "van Hoek"
    for record in json.loads(gold.read_text(encoding="utf-8")):
        for entry in record["names"]:
            key = entry["name"].casefold()
            person = people.setdefault(key, Person(entry["name"], entry["kind"]))
            person.sources.add(record["source"])
            if entry["kind"] == "speaker":
                person.kind = "speaker"
    speaker_forms = {
        f.casefold() for p in people.values() if p.kind == "speaker" for f in p.forms()
    }
    for person in people.values():
        if person.kind == "text" and person.name.casefold() in speaker_forms:
            person.kind = "speaker"
    return sorted(people.values(), key=lambda p: p.name)


def output_texts(out: Path, extra: dict[str, str] | None = None) -> Iterator[tuple[str, str]]:
    """Every file under `out` as (where, text): tables read, archives opened, caches read."""
    import pyarrow.ipc as ipc
    from plotly.offline import get_plotlyjs

    plotly = get_plotlyjs()
    yield from (extra or {}).items()
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        where = str(path.relative_to(out))
        data = path.read_bytes()
        if path.suffix == ".parquet":
            yield where, pd.read_parquet(path).to_csv(index=False)
        elif path.suffix == ".arrow":
            with ipc.open_file(io.BytesIO(data)) as reader:
                yield where, reader.read_all().to_pandas().to_csv(index=False)
        elif path.suffix == ".safetensors":  # numbers after a JSON header: only that is text
            yield where, data[8 : 8 + int.from_bytes(data[:8], "little")].decode("utf-8", "ignore")
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    if member.startswith("xl/theme/"):
                        continue
                    text = archive.read(member).decode("utf-8", "ignore")
                    yield f"{where}!{member}", member + "\n" + text
        else:
            yield where, data.decode("utf-8", "ignore").replace(plotly, "")


def _form_pattern(form: str, anycase: bool) -> str:
    body = r"\s+".join(map(re.escape, form.split()))
    return f"(?i:{body})" if anycase else body


def find_leaks(people: list[Person], texts: Iterator[tuple[str, str]], context: int = 60) -> None:
    """Fill each person's `leaks` with (where, context) of every occurrence of a form.

    One pattern holds every form, longest first; a match is given to every person with
    that form (matched case-insensitively only where the form is searched so).
    """
    owners: dict[str, list[tuple[Person, bool]]] = {}
    for person in people:
        for form, anycase in person.searched():
            owners.setdefault(" ".join(form.casefold().split()), []).append((person, anycase))
    forms = sorted({(f, a) for p in people for f, a in p.searched()}, key=lambda x: -len(x[0]))
    alternation = "|".join(_form_pattern(f, a) for f, a in forms)
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
    for where, text in texts:
        for match in pattern.finditer(text):
            found = match.group()
            around = " ".join(text[max(0, match.start() - context) : match.end() + context].split())
            for person, anycase in owners.get(" ".join(found.casefold().split()), []):
                exact = found.split() in ([f.split() for f, _ in person.searched()])
                if anycase or exact:
                    person.leaks.append((where, around))


def role_replacements(key: pd.DataFrame) -> pd.DataFrame:
    """Key rows whose original holds only role words, institutions and articles."""
    names = key[key["kind"].isin(["person", "speaker"])]
    only_roles = names["original"].map(
        lambda o: all(w in ROLE_WORDS for w in re.findall(r"\w+", str(o).casefold()))
    )
    return names[only_roles]


def role_counts(before: list[str], after: list[str]) -> dict[str, dict[str, int]]:
    """Occurrences of each role phrase (whole words, any case) before and after."""
    counts = {}
    for phrase in ROLE_PHRASES:
        pattern = re.compile(rf"(?i)(?<![\w-]){re.escape(phrase)}(?![\w-])")
        counts[phrase] = {
            "original": sum(len(pattern.findall(t)) for t in before),
            "pseudonymised": sum(len(pattern.findall(t)) for t in after),
        }
    return counts


def recall(people: list[Person], kind: str) -> dict:
    """Share of the gold names of a kind with no occurrence in any output."""
    group = [p for p in people if p.kind == kind]
    kept = [p for p in group if not p.leaks]
    return {
        "names": len(group),
        "leaked": len(group) - len(kept),
        "recall": len(kept) / len(group) if group else 1.0,
    }
