"""Privacy: pseudonymise names and direct identifiers before any analysis sees them.

`pseudonymize` replaces speaker and person names by stable pseudonyms and e-mail addresses,
phone numbers, street addresses and postcodes by placeholders, keeping every offset
consistent; `write_key` stores the key from original to pseudonym with owner-only
permissions. The modules hold one concept each: `lexicon` and `wordlists` (what words are
names), `rules` and `deduce_names` (two ways to find names), `detect` (choosing between
them), `speakers` (labels), `registry` (who is who), `identifiers`, `rewrite` (offsets),
`paths`, `key` and `evaluation` (scores on the gold set).
"""

from __future__ import annotations

from pipeline.privacy.detect import DEFAULT_METHOD, METHODS
from pipeline.privacy.key import write_key
from pipeline.privacy.pseudonymize import KEY_COLUMNS, PseudonymResult, pseudonymize

__all__ = [
    "DEFAULT_METHOD",
    "KEY_COLUMNS",
    "METHODS",
    "PseudonymResult",
    "pseudonymize",
    "write_key",
]
