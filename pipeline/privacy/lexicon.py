"""The word knowledge behind name finding: name lists, place lists and a Dutch dictionary.

Three offline sources are combined, all shipped inside installed packages:

- the raw lookup lists of `deduce` (Dutch first names, surnames, surnames that follow a
  tussenvoegsel, and Dutch place names), read as plain text: deduce's own pickled cache of
  its lookup structures is never built or read;
- the Dutch lemma index of `spacy-lookups-data`, as a dictionary of ordinary Dutch words, so
  that "bakker" or "roos" at the start of a sentence can be told from a name, completed with
  the most frequent Dutch words of `wordfreq` that are on no name list;
- the curated lists in `pipeline.privacy.wordlists`.

Loading takes a few seconds, so `load_lexicon` keeps one lexicon per process.
"""

from __future__ import annotations

import gzip
import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from wordfreq import top_n_list

from pipeline.privacy import wordlists

_DEDUCE_LISTS = (
    "names/lst_first_name",
    "names/lst_surname",
    "names/lst_interfix_surname",
    "names/lst_interfix",
    "locations/lst_placename",
)
# How many of wordfreq's most frequent Dutch words count as ordinary words.
_FREQUENT_WORDS = 30000


def import_deduce():
    """Import deduce without letting it reconfigure logging.

    deduce calls `logging.basicConfig(stream=sys.stdout, level=DEBUG)` on import, which would
    send every library's debug messages to the CLI's stdout; the root logger is restored.

    Returns:
        The `deduce` module.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce

    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return deduce


def _deduce_lists() -> dict[str, set[str]]:
    import_deduce()
    from deduce.deduce import _LOOKUP_LIST_PATH
    from deduce.lookup_structs import load_raw_itemsets

    return load_raw_itemsets(base_path=_LOOKUP_LIST_PATH, subdirs=list(_DEDUCE_LISTS))


def _dutch_words() -> frozenset[str]:
    """Lemmas and inflected forms from the Dutch lookups of spacy-lookups-data."""
    data = resources.files("spacy_lookups_data") / "data"
    words: set[str] = set()
    with gzip.open(data / "nl_lemma_index.json.gz", "rt", encoding="utf-8") as handle:
        for lemmas in json.load(handle).values():
            words.update(lemmas)
    with gzip.open(data / "nl_lemma_lookup.json.gz", "rt", encoding="utf-8") as handle:
        words.update(json.load(handle))
    return frozenset(word.casefold() for word in words)


def _frequent_words(names: frozenset[str]) -> frozenset[str]:
    """Wordfreq's most frequent Dutch words that are on no name list.

    The spaCy lookups miss adverbs and other closed classes ("samen", "namens").
    """
    return frozenset(w for w in top_n_list("nl", _FREQUENT_WORDS) if w not in names)


def _fold(items: set[str]) -> frozenset[str]:
    return frozenset(item.casefold() for item in items)


@dataclass(frozen=True)
class Lexicon:
    """Word lists for name finding, all lower-cased (use `casefold` before a lookup).

    Attributes:
        first_names: Given names (deduce's Dutch list plus names common among newcomers).
        surnames: Family names, including single-word ones that are also common words.
        interfix_surnames: Names that follow a tussenvoegsel ("Vries" in "de Vries").
        interfixes: Tussenvoegsels ("van", "de", "van der", "el", ...).
        places: Place, region and country names, also multiword ("den haag").
        organisations: Organisations and institutions.
        not_names: Capitalised words that are no person (languages, feasts, laws, months).
        dutch_words: Ordinary Dutch words (lemmas and inflections).
        stop_words: Dutch function words.
    """

    first_names: frozenset[str]
    surnames: frozenset[str]
    interfix_surnames: frozenset[str]
    interfixes: frozenset[str]
    places: frozenset[str]
    organisations: frozenset[str]
    not_names: frozenset[str]
    dutch_words: frozenset[str]
    stop_words: frozenset[str]

    def is_known_name(self, word: str) -> bool:
        """Whether a word is on a first-name or surname list."""
        key = word.casefold()
        return key in self.first_names or key in self.surnames or key in self.interfix_surnames

    def is_dutch_word(self, word: str) -> bool:
        """Whether a word is an ordinary Dutch word or function word."""
        key = word.casefold()
        return key in self.dutch_words or key in self.stop_words

    def is_not_person(self, phrase: str) -> bool:
        """Whether a word or phrase names a place, organisation or other non-person."""
        key = phrase.casefold()
        if key in self.places or key in self.organisations or key in self.not_names:
            return True
        # Compound places: "Rotterdam-Zuid", "Noord-Holland", "Amsterdam-West".
        parts = key.split("-")
        return len(parts) > 1 and all(
            part in self.places or part in wordlists.PLACE_PARTS for part in parts
        )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load the lexicon once per process.

    Returns:
        The lexicon.
    """
    # spaCy is imported here, not at module level: importing it takes seconds.
    from spacy.lang.nl.stop_words import STOP_WORDS

    lists = _deduce_lists()
    interfixes = _fold(lists["interfix"]) | {"el", "al", "ben", "bin", "abu", "ould", "ter"}
    first_names = _fold(lists["first_name"]) | wordlists.EXTRA_FIRST_NAMES
    surnames = _fold(lists["surname"])
    interfix_surnames = _fold(lists["interfix_surname"])
    names = first_names | surnames | interfix_surnames
    return Lexicon(
        first_names=first_names,
        surnames=surnames,
        interfix_surnames=interfix_surnames,
        interfixes=frozenset(interfixes),
        places=_fold(lists["placename"]) | wordlists.PLACES,
        organisations=wordlists.ORGANISATIONS,
        not_names=wordlists.NOT_NAMES,
        dutch_words=_dutch_words() | _frequent_words(names),
        stop_words=frozenset(STOP_WORDS),
    )
