"""The researcher's codebook: codes with the rules that apply them, read from YAML or `.qdc`.

A YAML codebook maps code names to rules; a `/` in a name makes a sub-code
(`regie/loslaten`)::

    eigen kracht: {lemmas: [eigen kracht, zelfredzaam*], near: [netwerk, steun]}
    regie/loslaten: {lemmas: [loslaten, vertrouwen], terms: [regie], exclude: [regisseur]}
    stem van de wethouder: {speakers: ["*wethouder*"]}

A sentence is coded when one of `lemmas`, `phrases` or `terms` matches in it, or, for a rule
with only `speakers` and/or `sections`, when it lies in such a segment; `near`, `speakers`,
`sections` and `exclude` then restrict where that counts (`pipeline.compare.deductive`).
Every rule is validated: a misspelled key fails at once, naming the code and the key.

A REFI-QDA codebook (`.qdc`) holds only code names, so each code becomes a weak default
rule: its own leaf name as a lemma phrase (code "Eigen kracht" matches the lemmas "eigen
kracht", inflections and compounds included). A YAML codebook gives real rules.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from pipeline.ingest.parsed import Unreadable
from pipeline.ingest.readers.markup import local_name, parse_xml
from pipeline.params.base import Section
from pipeline.params.loading import ParamsError

_WORDS = re.compile(r"[\w][\w'-]*")
_FIELDS_THAT_CODE = ("lemmas", "phrases", "terms", "speakers", "sections")


class CodeRule(Section):
    """How one code of the codebook is applied to the corpus.

    Attributes:
        lemmas: Lemmas or multiword lemma phrases ("eigen kracht"), matched with the focal
            terms' engine (inflections and, unless `compounds` is false, compounds); a `*`
            is a wildcard over the lemma or the word as written (`zelfredzaam*`, one word).
        phrases: Literal word sequences, matched case-insensitively on the text as written,
            as whole words ("op maat").
        near: Lemmas (same engine) of which at least one must occur within `near_sentences`
            sentences of the match, in the same segment.
        near_sentences: How many sentences before or after the match `near` may be (0: the
            same sentence).
        terms: Focal terms (`associate.terms`): a sentence holding a hit of the term.
        speakers: Glob patterns (case-insensitive) on the segment's speaker: the code applies
            only to those turns. Alone (with `sections`), it codes every sentence of them.
        sections: Glob patterns (case-insensitive) on the segment's section heading.
        exclude: Lemmas (same engine) that stop a match in the sentence holding them.
        compounds: Whether `lemmas`, `near` and `exclude` also match compounds.
        description: What the code means, for the codebook and the `.qdpx` export.
    """

    lemmas: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    near: list[str] = Field(default_factory=list)
    near_sentences: int = Field(1, ge=0)
    terms: list[str] = Field(default_factory=list)
    speakers: list[str] = Field(default_factory=list)
    sections: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    compounds: bool = True
    description: str = ""

    @field_validator(
        "lemmas", "phrases", "near", "terms", "speakers", "sections", "exclude", mode="before"
    )
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        """A single string stands for a list of one; entries are stripped, blanks refused."""
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            value = [" ".join(v.split()) if isinstance(v, str) else v for v in value]
            if any(v == "" for v in value):
                raise ValueError("an entry is empty")
        return value

    @field_validator("lemmas", "near", "exclude")
    @classmethod
    def _one_word_patterns(cls, value: list[str]) -> list[str]:
        """A `*` pattern is one word with letters besides `*` (alone it matches every word)."""
        for entry in value:
            if "*" in entry and (" " in entry or not entry.strip("*")):
                raise ValueError(f"'{entry}': a '*' pattern must be one word with letters")
        return value

    @model_validator(mode="after")
    def _codes_something(self) -> CodeRule:
        """A rule must say what it codes; `near` and `exclude` only restrict."""
        if not any(getattr(self, name) for name in _FIELDS_THAT_CODE):
            raise ValueError(
                "the rule codes nothing: give lemmas, phrases, terms, speakers or sections"
            )
        return self


def code_path(name: object) -> str:
    """A code name cleaned into a path: blanks collapsed, parts around `/` stripped.

    Raises:
        ValueError: When the name or one of its parts is empty (`regie/`).
    """
    parts = [" ".join(part.split()) for part in str(name).split("/")]
    if not all(parts):
        raise ValueError(f"code name '{name}' has an empty part")
    return "/".join(parts)


def _rule_error(code: str, err: ValidationError) -> list[str]:
    """One line per problem of one code's rule, naming the code and the key."""
    allowed = ", ".join(CodeRule.model_fields)
    lines = []
    for e in err.errors():
        key = ".".join(str(part) for part in e["loc"])
        if e["type"] == "extra_forbidden":
            lines.append(f"code '{code}': unknown key '{key}'; allowed keys: {allowed}")
        else:
            message = str(e["msg"]).removeprefix("Value error, ")
            where = f" '{key}'" if key else ""
            lines.append(f"code '{code}'{where}: {message} (got {e.get('input')!r})")
    return lines


def parse_codebook(raw: Any, *, source: str = "codebook") -> dict[str, CodeRule]:
    """Validate a YAML codebook already read: code name to rule mapping.

    Args:
        raw: The mapping read from YAML.
        source: Where it came from, for the error message.

    Returns:
        Code path to its validated rule, in the file's order.

    Raises:
        ParamsError: With one line per problem, each naming the code and the key.
    """
    if not isinstance(raw, dict) or not raw:
        got = "nothing" if not raw else type(raw).__name__
        raise ParamsError(f"{source} must map code names to rules, got {got}")
    rules: dict[str, CodeRule] = {}
    problems: list[str] = []
    for name, body in raw.items():
        try:
            path = code_path(name)
        except ValueError as err:
            problems.append(str(err))
            continue
        if path in rules:
            problems.append(f"code '{path}' is given twice")
        elif not isinstance(body, dict):
            problems.append(f"code '{path}': the rule must be a mapping of rule fields")
        else:
            try:
                rules[path] = CodeRule.model_validate(body)
            except ValidationError as err:
                problems += _rule_error(path, err)
    if problems:
        raise ParamsError(f"invalid codebook {source}:\n  " + "\n  ".join(problems))
    return rules


def _qdc_codes(element: Any, parent: str) -> list[tuple[str, CodeRule]]:
    """The codable codes under an element of a `.qdc`, depth first, as (path, rule)."""
    found = []
    for code in element:
        if not isinstance(code.tag, str) or local_name(code) != "Code":
            continue
        leaf = " ".join(str(code.get("name", "")).split()).replace("/", "-")
        path = f"{parent}/{leaf}" if parent else leaf
        if leaf and code.get("isCodable", "true").strip().lower() not in ("false", "0"):
            words = " ".join(_WORDS.findall(leaf.lower()))
            texts = [c.text or "" for c in code if local_name(c) == "Description"]
            found.append(
                (
                    path,
                    CodeRule(
                        lemmas=[words] if words else [],
                        phrases=[] if words else [leaf],
                        description=" ".join(" ".join(texts).split()),
                    ),
                )
            )
        found += _qdc_codes(code, path if leaf else parent)
    return found


def load_qdc(path: Path) -> dict[str, CodeRule]:
    """Read a REFI-QDA codebook (`.qdc`): each codable code matched by its own leaf name.

    This is a weak default: the code "Eigen kracht" codes the sentences holding the
    lemmas "eigen kracht". Write a YAML codebook to give real rules.

    Args:
        path: The `.qdc` file (parsed without entities, DTDs or network access).

    Returns:
        Code path (parent names first, `/`-joined; a `/` inside a name becomes `-`) to rule.

    Raises:
        ParamsError: When the file is not a well-formed codebook or holds no code.
    """
    try:
        root = parse_xml(path.read_bytes(), what="codebook")
    except Unreadable as err:
        raise ParamsError(f"{path}: {err.reason}") from None
    holders = [el for el in root.iter() if isinstance(el.tag, str) and local_name(el) == "Codes"]
    rules: dict[str, CodeRule] = {}
    for holder in holders[:1]:
        for code, rule in _qdc_codes(holder, ""):
            rules.setdefault(code, rule)
    if not rules:
        raise ParamsError(f"{path}: the codebook holds no codable code")
    return rules


def load_codebook(path: Path) -> dict[str, CodeRule]:
    """Read the researcher's codebook: a YAML file of rules or a REFI-QDA `.qdc`.

    A `.qdc` (or `.xml`, or any file starting with `<`) is read with `load_qdc`, a weak
    default that matches each code by its own name; a YAML gives real rules (see the
    module docstring).

    Args:
        path: The codebook file.

    Returns:
        Code path (`parent/child` for a sub-code) to its validated rule, in file order.

    Raises:
        ParamsError: When the file is missing, unreadable or invalid; the message names
            the code and the key at fault.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ParamsError(f"codebook {path} cannot be read: {err.strerror or err}") from None
    if path.suffix.lower() in (".qdc", ".xml") or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        return load_qdc(path)
    try:
        raw = yaml.safe_load(data.decode("utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ParamsError(f"codebook {path} is not valid YAML: {err}") from None
    return parse_codebook(raw, source=str(path))
