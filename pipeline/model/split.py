"""Deduplicate the treebanks and build the train/dev/test split.

The split follows the data folder's README: test is the Alpino test file (never trained or
tuned on), dev is the Alpino dev file (early stopping), and train is everything else with
every sentence that also occurs in dev or test, or earlier in train, removed.
"""

from __future__ import annotations

import re

import pandas as pd

TEST_FILE = "nl_alpino-ud-test.conllu"
DEV_FILE = "nl_alpino-ud-dev.conllu"


def sentence_key(sent_id: str) -> str:
    r"""A sentence id comparable across releases.

    `wiki-659.p.13.s.1.xml`, `LassySmall4_WR-P-P-H-0000000089_WR-P-P-H-0000000089.p.12.s.2.xml`
    and `WR-P-P-H-0000000089\WR-P-P-H-0000000089.p.12.s.2` name their sentence with the last
    path-like part; releases differ in the prefix and the `.xml` suffix.

    Args:
        sent_id: The id as written in the CoNLL-U file.

    Returns:
        The last `\`, `/` or `_` separated part, without `.xml`.
    """
    last = re.split(r"[\\/_]", sent_id.strip())[-1]
    return last.removesuffix(".xml")


def text_key(text: str) -> str:
    """Whitespace-insensitive form of a sentence text, for duplicate detection."""
    return re.sub(r"\s+", "", text).lower()


def _sentences(words: pd.DataFrame) -> pd.DataFrame:
    sents = words.drop_duplicates(["file", "sent_id"])[["file", "sent_id", "sent_text"]].copy()
    sents["key"] = sents["sent_id"].map(sentence_key)
    sents["tkey"] = sents["sent_text"].map(text_key)
    return sents


def build_split(
    words: pd.DataFrame,
    *,
    file_order: list[str],
    weights: dict[str, int] | None = None,
    dev_weight: int = 0,
) -> dict[str, pd.DataFrame]:
    """Split the word table of all treebank files into train, dev and test.

    Args:
        words: Word table of every file (`read_conllu`, concatenated).
        file_order: Training files in order of preference: when two files hold the same
            sentence, the earlier file's copy is kept (put current releases before 2017 ones).
        weights: Optional repeat count per training file name (for example 2 to weight the
            Alpino news data); repeats get the sent_id suffix `#rN`.
        dev_weight: Copies of the dev file to add to train (sent_id suffix `#dN`), for a
            final refit once the number of steps has been chosen on dev; 0 keeps dev out.

    Returns:
        `{"train": ..., "dev": ..., "test": ...}`, each a word table with the columns of
        `read_conllu`, sentences in file order.
    """
    sents = _sentences(words)
    held_out = sents[sents["file"].isin([TEST_FILE, DEV_FILE])]
    seen_keys = set(held_out["key"])
    seen_texts = set(held_out["tkey"])

    kept: list[tuple[str, str]] = []
    for file in file_order:
        for row in sents[sents["file"] == file].itertuples(index=False):
            if row.key in seen_keys or row.tkey in seen_texts:
                continue
            seen_keys.add(row.key)
            seen_texts.add(row.tkey)
            kept.append((row.file, row.sent_id))

    index = pd.MultiIndex.from_frame(words[["file", "sent_id"]])
    train = words[index.isin(kept)]
    parts = [train]
    for file, repeat in (weights or {}).items():
        extra = train[train["file"] == file]
        for n in range(1, repeat):
            parts.append(extra.assign(sent_id=extra["sent_id"] + f"#r{n}"))
    dev = words[words["file"] == DEV_FILE].reset_index(drop=True)
    parts += [dev.assign(sent_id=dev["sent_id"] + f"#d{n}") for n in range(dev_weight)]
    return {
        "train": pd.concat(parts, ignore_index=True),
        "dev": dev,
        "test": words[words["file"] == TEST_FILE].reset_index(drop=True),
    }
