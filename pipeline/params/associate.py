"""Parameters of the associate stage: the term lexicon and the statistics."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from pipeline.params.base import Section

Threshold = Literal["auto"] | Annotated[int, Field(ge=1)]


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
        context: Co-occurrence unit: `discourse` (the paragraph or turn, with sections,
            anaphora and bridged compound heads; see `pipeline.associate.discourse`), the
            `sentence`, the `segment`, or a `window` of tokens.
        window: Half-width of the token window when `context` is `window`.
        anaphors: Nouns that, after an article or demonstrative ("de term", "dit begrip"),
            refer back to the last focal term of the section (`discourse` only).
        bridging: In a section about a compound term, its head noun alone ("initiatieven"
            for burgerinitiatief) counts as a mention, flagged `bridged` (`discourse` only).
        paragraph_weight: Strength of a sentence whose paragraph or turn mentions a term
            elsewhere (a sentence that mentions it counts 1; `discourse` only).
        scope_weight: Strength of a sentence about a term only through its section or title.
        stated: Find the associations the text states ("associaties met X ... was Y").
        content: Parts of speech of associates: `nouns-adjectives` (NOUN, PROPN, ADJ) or
            `nouns-adjectives-verbs`.
        content_upos: An explicit list of parts of speech, overriding `content`.
        include_adv: Also allow adverbs as associates.
        min_count: Associates seen fewer times in the corpus are dropped; `auto` scales with
            the corpus (`pipeline.associate.ranking.auto_threshold`).
        min_cooc: Pairs co-occurring in fewer units are dropped; `auto` as for min_count.
        rank_by: The measure that orders each term's associations (after the stated tier).
        extra_stop_words: Words removed from the associates on top of spaCy's Dutch list.
        top_n: Associations kept per term (0 keeps all).
        n_examples: Example hit ids stored per association.
        keyness_smoothing: Per-million count added to both corpora in the keyness log-ratio.
    """

    terms: dict[str, TermSpec] = Field(default_factory=_default_terms)
    kwic_width: int = Field(default=10, ge=1)
    context: Literal["discourse", "sentence", "window", "segment"] = "discourse"
    window: int = Field(default=5, ge=1)
    anaphors: list[str] = Field(default_factory=lambda: ["term", "begrip", "woord", "concept"])
    bridging: bool = True
    paragraph_weight: float = Field(default=0.5, gt=0, le=1)
    scope_weight: float = Field(default=0.25, gt=0, le=1)
    stated: bool = True
    content: Literal["nouns-adjectives", "nouns-adjectives-verbs"] = "nouns-adjectives"
    content_upos: list[str] | None = None
    include_adv: bool = False
    min_count: Threshold = "auto"
    min_cooc: Threshold = "auto"
    rank_by: Literal[
        "fisher_p", "signed_log_likelihood", "log_likelihood", "log_dice", "pmi", "t_score"
    ] = "signed_log_likelihood"
    extra_stop_words: list[str] = Field(default_factory=list)
    top_n: int = Field(default=0, ge=0)
    n_examples: int = Field(default=3, ge=1)
    keyness_smoothing: float = Field(default=1.0, gt=0)

    @property
    def parts_of_speech(self) -> list[str]:
        """The parts of speech of associates, from `content_upos`, `content` and `include_adv`."""
        upos = self.content_upos or ["NOUN", "PROPN", "ADJ"] + (
            ["VERB"] if self.content == "nouns-adjectives-verbs" else []
        )
        return list(upos) + (["ADV"] if self.include_adv else [])
