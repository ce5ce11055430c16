"""Discourse units: sentences read within their paragraph or turn and their section.

With `associate.context: discourse` co-occurrence is counted over sentences, each weighted
for a term by where it stands (`pipeline.associate.sections` reads the structure,
`pipeline.associate.references` the mentions that do not name the term):

- **Sections.** A document is a run of segments per section label (`segments.section`,
  set by ingest from headings). A heading segment (its text is its section label) that
  names focal terms makes its section about them. The document's first segment, when it is
  such a heading, is the title: the whole document is about the terms it names, unless a
  later heading names another focal term (then the first heading opens a section like the
  others: a report with a section per term).
- **Anaphora.** An article or demonstrative followed by one of `associate.anaphors` ("de
  term", "dit begrip", "het woord") refers to the last focal term mentioned before it in its
  section, else to the section's or the title's term. It becomes a hit of that term with
  `match_kind = anaphor`, unless a hit follows within `QUOTE_GAP` tokens ("de term
  “maatwerk”" names the term itself) or the sentence hands over the floor ("geeft het woord
  aan", `FLOOR_VERBS`).
- **Bridging.** A compound term's head noun ("initiatief" for burgerinitiatief: the longest
  ending of at least `MIN_HEAD` letters that is a common Dutch word) standing alone in a
  section about that term is a hit of it with `match_kind = bridged`. A section is about a
  term when its heading or the title names it, or when it is the section's most mentioned
  term.
- **Paragraphs.** A paragraph is a segment (a paragraph or a speaker turn); list items
  ("1. …", "• …") join the segment that leads into them (it ends with a colon or without
  closing punctuation: "Hierbij gaat het met name om").
- **Weights.** Co-occurrence is counted over sentences, graded by discourse: a sentence's
  strength for a term is 1 when it mentions the term (a hit of any kind), `paragraph_weight`
  when another sentence of its paragraph does, `scope_weight` when only its section or
  title is about the term, else 0. Its weight for the term is that strength times the
  term's share of all terms' strengths there, so a sentence naming maatwerk and
  zelfredzaamheid counts half for each.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from pipeline.associate.references import anaphora, bridges, compound_heads
from pipeline.associate.sections import Sections, read_sections
from pipeline.associate.terms import Lexicon
from pipeline.associate.vocabulary import Vocabulary


def discourse_hits(
    hits: pd.DataFrame,
    tokens: pd.DataFrame,
    segments: pd.DataFrame,
    lexicon: Lexicon,
    *,
    vocab: Vocabulary,
    anaphors: list[str],
    bridging: Mapping[str, list[str]] | None,
) -> tuple[pd.DataFrame, Sections]:
    """Add the anaphor and bridged hits to the explicit ones (see the module doc).

    Args:
        hits: The explicit hits from `find_term_hits`, in reading order.
        tokens: Tokens in reading order.
        segments: The segments table.
        lexicon: The compiled lexicon.
        vocab: The coded string columns of `tokens`.
        anaphors: Nouns that refer back to a focal term after an article.
        bridging: Per term its single-word forms, to bridge their compound heads (None: off).

    Returns:
        All hits in reading order, and the sections they were read with.
    """
    sections = read_sections(hits, tokens, segments)
    found = [hits, anaphora(hits, tokens, vocab, sections, anaphors)]
    if bridging:
        heads = compound_heads(lexicon, bridging)
        found.append(bridges(hits, tokens, vocab, sections, heads))
    found = [f for f in found if not f.empty]
    every = pd.concat(found, ignore_index=True) if len(found) > 1 else hits
    return every.sort_values(["pos_start", "hit_id"], ignore_index=True), sections


def _first_hits(keys: np.ndarray, hit_ids: np.ndarray) -> pd.Series:
    """The first hit id per key (keys in reading order)."""
    return pd.Series(hit_ids).groupby(keys, sort=True).first()


def unit_weights(
    hits: pd.DataFrame, sections: Sections, *, paragraph_weight: float, scope_weight: float
) -> pd.DataFrame:
    """Each term's graded weight in each sentence, and the hit that stands for it there.

    A sentence's strength for a term is 1 when it mentions the term, `paragraph_weight`
    when another sentence of its paragraph (or turn) does, and `scope_weight` when only its
    section or the document's title is about the term. Its weight is that strength times
    the term's share of the strengths of all terms in the sentence.

    Args:
        hits: All hits (explicit, anaphor, bridged) in reading order.
        sections: From `discourse_hits`.
        paragraph_weight: Strength of a sentence whose paragraph mentions the term.
        scope_weight: Strength of a sentence that is about the term by section or title.

    Returns:
        One row per (term, sentence) with weight > 0: `term`, `unit` (the sentence number),
        `weight` and `hit_id` (the term's first hit in the sentence, else in its paragraph,
        else the heading or title hit).
    """
    starts = pd.Series(np.arange(len(sections.sentence))).groupby(sections.sentence).min()
    sent_par = sections.unit[starts.to_numpy()]
    sent_run = sections.run[starts.to_numpy()]
    sentence_ids = np.arange(len(starts))
    pos = hits["pos_start"].to_numpy()
    terms = list(dict.fromkeys([*hits["term"], *(t for ts in sections.scope.values() for t in ts)]))
    parts = []
    for term in terms:
        mine = hits["term"].to_numpy() == term
        own = _first_hits(sections.sentence[pos[mine]], hits["hit_id"].to_numpy()[mine])
        par = _first_hits(sections.unit[pos[mine]], hits["hit_id"].to_numpy()[mine])
        runs = [r for r, ts in sections.scope.items() if term in ts]
        strength = np.where(
            np.isin(sentence_ids, own.index),
            1.0,
            np.where(
                np.isin(sent_par, par.index),
                paragraph_weight,
                np.where(np.isin(sent_run, runs), scope_weight, 0.0),
            ),
        )
        hit = own.reindex(sentence_ids).fillna(par.reindex(sent_par).set_axis(sentence_ids))
        heading = [sections.heading_hit.get((r, term)) for r in sent_run]
        hit = hit.fillna(pd.Series(heading, index=sentence_ids))
        keep = strength > 0
        found = {"unit": sentence_ids[keep], "strength": strength[keep]}
        parts.append(pd.DataFrame({"term": term, **found, "hit_id": hit.to_numpy()[keep]}))
    table = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=["term", "unit", "strength", "hit_id"])
    )
    share = table["strength"] / table.groupby("unit")["strength"].transform("sum")
    return table.assign(weight=table["strength"] * share)[["term", "unit", "weight", "hit_id"]]
