"""Parameters of the associate stage: the term lexicon and the statistics."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipeline.params.base import Section


class TermSpec(Section):
    """One focal term of the lexicon.

    Attributes:
        variants: Other lemmas that count as this term (for example "zelfredzaam").
        multiword: Multiword forms, matched on lemmas ("eigen kracht").
        exclude: Lemmas or surface forms that look like the term but are not (false friends).
        compounds: Also match compounds that have the term as head or modifier.
    """

    variants: list[str] = Field(default_factory=list)
    multiword: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    compounds: bool = True


def _default_terms() -> dict[str, TermSpec]:
    return {
        "zelfredzaamheid": TermSpec(variants=["zelfredzaam"]),
        "samenredzaamheid": TermSpec(variants=["samenredzaam"]),
        "maatwerk": TermSpec(),
        "burgerinitiatief": TermSpec(),
        "regie": TermSpec(exclude=["regisseur"]),
        "participatie": TermSpec(),
        "inburgering": TermSpec(),
    }


class AssociateParams(Section):
    """Parameters of the associate stage.

    Attributes:
        terms: The term lexicon, keyed by canonical term.
        kwic_width: Tokens of left and right context in the KWIC table.
        context: Co-occurrence unit: the sentence, a window of tokens, or the segment.
        window: Half-width of the token window when `context` is `window`.
        content_upos: Parts of speech that may be associates.
        include_adv: Also allow adverbs as associates.
        min_count: Associates seen fewer times in the corpus are dropped.
        min_cooc: Pairs co-occurring fewer times are dropped.
        extra_stop_words: Words removed from the associates on top of spaCy's Dutch list.
        top_n: Associations kept per term (0 keeps all).
        n_examples: Example hit ids stored per association.
        keyness_smoothing: Per-million count added to both corpora in the keyness log-ratio.
    """

    terms: dict[str, TermSpec] = Field(default_factory=_default_terms)
    kwic_width: int = Field(default=10, ge=1)
    context: Literal["sentence", "window", "segment"] = "sentence"
    window: int = Field(default=5, ge=1)
    content_upos: list[str] = Field(default_factory=lambda: ["NOUN", "PROPN", "ADJ", "VERB"])
    include_adv: bool = False
    min_count: int = Field(default=2, ge=1)
    min_cooc: int = Field(default=2, ge=1)
    extra_stop_words: list[str] = Field(default_factory=list)
    top_n: int = Field(default=0, ge=0)
    n_examples: int = Field(default=3, ge=1)
    keyness_smoothing: float = Field(default=1.0, gt=0)
