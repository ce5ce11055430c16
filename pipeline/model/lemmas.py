"""A lemma back-off: Dutch lookup tables for content words the trained lemmatizer misses.

The trainable lemmatizer learns edit trees from about 140k words, so rare and domain words
(`burgerinitiatieven`, `zelfredzame`) can get a wrong tree. spaCy's Dutch rule lemmatizer
with the `spacy-lookups-data` tables knows a large lemma list. This component runs after the
trainable lemmatizer and, for the chosen parts of speech, replaces a predicted lemma that the
tables do not know by the rule lemma when the tables do know that one.

The tables are read from the installed `spacy-lookups-data` package (a dependency), not
stored in the model folder, which keeps the bundled model small.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.lookups import Lookups, load_lookups
from spacy.tokens import Doc, Token

TABLES = ["lemma_lookup", "lemma_rules", "lemma_exc", "lemma_index"]


class LemmaBackoff:
    """Replace unknown predicted lemmas of content words by known rule-based ones.

    Attributes:
        upos: Parts of speech the back-off applies to.
        policy: `unknown` (replace only when the predicted lemma is unknown and the rule
            lemma is known) or `always` (use the rule lemma whenever it is known).
    """

    def __init__(self, name: str = "lemma_backoff", *, upos: Iterable[str], policy: str):
        if policy not in {"unknown", "always"}:
            raise ValueError(f"unknown lemma back-off policy {policy!r}; use 'unknown' or 'always'")
        self.name = name
        self.upos = frozenset(upos)
        self.policy = policy
        self._lookups: Lookups | None = None
        self._index: dict[str, frozenset[str]] = {}
        self._cache: dict[tuple[str, str], str] = {}

    def _tables(self) -> Lookups:
        # Loaded on first use so that a model loads fast and each worker process loads once.
        if self._lookups is None:
            self._lookups = load_lookups("nl", TABLES)
        return self._lookups

    def _lemmas(self, pos: str) -> frozenset[str]:
        # The index stores lists (160k nouns): membership needs sets.
        if pos not in self._index:
            self._index[pos] = frozenset(self._tables().get_table("lemma_index").get(pos, ()))
        return self._index[pos]

    def known(self, lemma: str, upos: str) -> bool:
        """Whether the lookup tables list `lemma` as a lemma of this part of speech."""
        return lemma in self._lemmas(upos.lower())

    def rule_lemma(self, token: Token) -> str:
        """The rule lemmatizer's lemma (lower case), or the empty string when it is unknown.

        Follows spaCy's Dutch rule lemmatizer: a known lemma as is, an exception, the lookup
        table's lemma, or a suffix rule whose result is a known lemma. Where none of these
        gives a known lemma, the lookup table's lemma all the same (the index lacks common
        verbs such as `voeren`), else nothing.
        """
        key = (token.lower_, token.pos_)
        if key in self._cache:
            return self._cache[key]
        tables = self._tables()
        pos = token.pos_.lower()
        index = self._lemmas(pos)
        exceptions = tables.get_table("lemma_exc").get(pos, {})
        looked_up = tables.get_table("lemma_lookup").get(token.lower_)
        word, lemma = token.lower_, ""
        if word in index:
            lemma = word
        elif word in exceptions:
            lemma = exceptions[word][0]
        elif looked_up and looked_up in index:
            lemma = looked_up
        else:
            for old, new in tables.get_table("lemma_rules").get(pos, []):
                candidate = word[: len(word) - len(old)] + new
                if word.endswith(old) and candidate and candidate in index:
                    lemma = candidate
                    break
            else:
                # The lemma index misses common words (`voeren`); the lookup table's lemma
                # is still a better guess than a rule lemma that is not a word.
                lemma = looked_up or ""
        self._cache[key] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        """Apply the back-off to the tokens of one document."""
        for token in doc:
            if token.pos_ not in self.upos:
                continue
            rule = self.rule_lemma(token)
            if not rule:
                continue
            predicted = token.lemma_.lower()
            if self.policy == "always" or not self.known(predicted, token.pos_):
                token.lemma_ = rule
        return doc


@Language.factory(
    "lemma_backoff",
    default_config={"upos": ["NOUN", "ADJ", "VERB"], "policy": "unknown"},
)
def make_lemma_backoff(nlp: Language, name: str, upos: list[str], policy: str) -> LemmaBackoff:
    """Build the back-off component (registered as the spaCy factory `lemma_backoff`)."""
    return LemmaBackoff(name, upos=upos, policy=policy)
