"""What a whole corpus says about its words, for decisions a single sentence cannot make.

"Mooi" at the start of a turn could be a name; the corpus that also says "dat is mooi" and
never writes "Mooi" in the middle of a sentence shows it is a word. "Baytna" in "bij Baytna"
could be a person; the corpus that says "Stichting Baytna" shows it is an organisation.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.privacy.lexicon import Lexicon, load_lexicon
from pipeline.privacy.nonpersons import INTERFIX_WORDS, organisation_names
from pipeline.privacy.spans import Span
from pipeline.privacy.tokens import tokenize


class CorpusEvidence:
    """Word use across a corpus, fitted on its texts.

    Args:
        lexicon: Word lists; the shared lexicon by default.
    """

    def __init__(self, *, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon

    def fit(self, texts: Iterable[str]) -> CorpusEvidence:
        """Collect word use from the texts.

        Args:
            texts: The documents of a run.

        Returns:
            self, with `lowercase_` (words seen in lower case), `capitalised_inside_` (words
            seen capitalised inside a sentence) and `organisations_` (names opened by an
            organisation word), all lower-cased.
        """
        self.lexicon_ = self.lexicon or load_lexicon()
        self.lowercase_: set[str] = set()
        self.capitalised_inside_: set[str] = set()
        self.organisations_: set[str] = set()
        for text in texts:
            toks = tokenize(text)
            for tok in toks:
                if tok.text.islower():
                    self.lowercase_.add(tok.fold)
                elif tok.capitalised and not tok.sentence_start:
                    self.capitalised_inside_.add(tok.fold)
            for name in organisation_names(text, toks, self.lexicon_):
                words = name.casefold().split()
                self.organisations_.add(" ".join(words))
                # "De Schakel" is also found as "Schakel".
                while words and words[0] in INTERFIX_WORDS:
                    words = words[1:]
                    self.organisations_.add(" ".join(words))
        return self

    def rules_out(self, text: str, span: Span) -> bool:
        """Whether the corpus shows that a found name is no person.

        Args:
            text: The text of the span.
            span: A name found in it.

        Returns:
            True for an organisation's name, and for a single word that the corpus writes in
            lower case and never capitalises inside a sentence (unless it is a first name and
            no Dutch word: automatic transcripts write "fatima").
        """
        name = span.text(text)
        fold = name.casefold()
        if fold in self.organisations_:
            return True
        if " " in name or "-" in name:
            return False
        lexicon = self.lexicon_
        first_name = fold in lexicon.first_names and not lexicon.is_dutch_word(name)
        return fold in self.lowercase_ and fold not in self.capitalised_inside_ and not first_name
