"""Lemmas users recognise: Alpino's underscores out, one convention for case.

Alpino lemmas join the parts of compounds and separable verbs with underscores
(`aan_sluiten`), which users must never see, and the treebanks disagree on the case of
lemmas at the start of a sentence. The 2017 syntax conventions are mapped in
`pipeline.model.modernise`.
"""

from __future__ import annotations

import pandas as pd


def _find_head(head: str, form: str) -> int:
    """Where the head part's stem starts in the form, or -1.

    Tries the whole head, then ever shorter prefixes down to three letters, so inflected
    heads are found too (`bron` in `inkomstenbronnen`, `sluit` for `sluiten`).
    """
    for size in range(len(head), min(len(head), 3) - 1, -1):
        pos = form.rfind(head[:size])
        if pos >= 0:
            return pos
    return -1


def clean_lemma(lemma: str, form: str) -> str:
    """Turn an Alpino lemma with underscores into a word users recognise.

    Alpino joins the lemmas of a compound's parts (`inkomst_bron` for `inkomstenbronnen`)
    and prefixes separable verbs with their particle (`aan_sluiten`, also for `sluit` in
    "sluit ... aan"). Plain joining would give non-words (`inkomstbron`), so:

    - a compound keeps the form's own first part and takes the head's lemma:
      `inkomstenbronnen` -> `inkomstenbron`, `61-jarige` -> `61-jarig`;
    - a separated verb, whose form is only the head, gets the head's lemma: `sluit` ->
      `sluiten` (as the 2017 releases annotate it);
    - otherwise (participles such as `aangesloten`) the parts are joined: `aansluiten`.

    Args:
        lemma: Lemma as annotated.
        form: The word's surface form.

    Returns:
        The lemma without underscores (the empty string for a word that is only underscores).
    """
    if "_" not in lemma:
        return lemma
    parts = [part for part in lemma.split("_") if part]
    if not parts or "_" in form:
        return lemma.replace("_", "")
    head, low = parts[-1], form.lower()
    pos = _find_head(head.lower(), low)
    if pos > 0:
        return form[:pos] + head
    if pos == 0 or not low.startswith(parts[0].lower()[:3]):
        return head
    return "".join(parts)


def normalise_lemmas(words: pd.DataFrame) -> pd.DataFrame:
    """Clean lemmas: no underscores, lower case except proper nouns.

    The treebanks disagree on the case of lemmas at the start of a sentence
    (`Officiële` -> `Officieel`); the annotate stage lower-cases every lemma but those of
    proper nouns, so the model learns that convention directly.

    Args:
        words: A word table as returned by `pipeline.model.conllu.read_conllu`.

    Returns:
        A copy with the `lemma` column cleaned; all other columns unchanged.
    """
    out = words.copy()
    lemmas = [
        clean_lemma(lemma, form) for lemma, form in zip(out["lemma"], out["form"], strict=True)
    ]
    is_propn = (out["upos"] == "PROPN").to_numpy()
    out["lemma"] = [
        lem if keep else lem.lower() for lem, keep in zip(lemmas, is_propn, strict=True)
    ]
    return out
