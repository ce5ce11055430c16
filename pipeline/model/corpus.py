"""From the UD Dutch folder to train/dev/test DocBins: read, normalise, deduplicate, split."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.model.augment import quote_variants
from pipeline.model.conllu import read_conllu
from pipeline.model.docbin import write_docbin
from pipeline.model.modernise import modernise_2017
from pipeline.model.normalise import normalise_lemmas
from pipeline.model.split import DEV_FILE, TEST_FILE, build_split

# Current releases first, so a sentence found in both keeps its up-to-date annotation.
TRAIN_FILES = [
    "nl_lassysmall-ud-dev.conllu",
    "nl_lassysmall-ud-test.conllu",
    "nl_alpino-ud-train-2017-partial.conllu",
    "nl_lassysmall-ud-train-2017.conllu",
]


def read_treebanks(
    ud_dir: str | Path, *, modernise: bool = True, quotes: bool = True
) -> pd.DataFrame:
    """Read and normalise every treebank file of the UD Dutch folder.

    Args:
        ud_dir: Folder holding the CoNLL-U files listed in its README.
        modernise: Map the 2017 files' annotation to the current conventions (prepositional
            objects learned from the current training files).
        quotes: Give part of the training files' quoted sentences `,,` `''` quotes
            (`pipeline.model.augment`); dev and test are never changed.

    Returns:
        One word table (columns of `read_conllu`) over all files, lemmas normalised.

    Raises:
        FileNotFoundError: If one of the expected files is missing.
    """
    files = {}
    for name in [*TRAIN_FILES, DEV_FILE, TEST_FILE]:
        path = Path(ud_dir) / name
        if not path.exists():
            raise FileNotFoundError(
                f"treebank file missing: {path} (give --ud-dir the UD Dutch treebank folder)"
            )
        files[name] = normalise_lemmas(read_conllu(path))
    current = pd.concat([w for n, w in files.items() if n in TRAIN_FILES and "2017" not in n])
    for name in TRAIN_FILES:
        if modernise and "2017" in name:
            files[name] = modernise_2017(files[name], reference=current)
        if quotes:
            files[name] = quote_variants(files[name])
    return pd.concat(files.values(), ignore_index=True)


def prepare_corpus(
    ud_dir: str | Path,
    work_dir: str | Path,
    *,
    modernise: bool = True,
    quotes: bool = True,
    weights: dict[str, int] | None = None,
    dev_weight: int = 0,
) -> dict[str, Path]:
    """Write train.spacy, dev.spacy and test.spacy for training and evaluation.

    Args:
        ud_dir: The UD Dutch folder.
        work_dir: Folder that receives the DocBins.
        modernise: Map the 2017 annotation to current conventions.
        quotes: Add `,,` `''` quote variants to the training files.
        weights: Repeat counts per training file (see `build_split`).
        dev_weight: Copies of dev added to train (see `build_split`).

    Returns:
        Paths of the three DocBins, keyed train, dev and test.
    """
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    split = build_split(
        read_treebanks(ud_dir, modernise=modernise, quotes=quotes),
        file_order=TRAIN_FILES,
        weights=weights,
        dev_weight=dev_weight,
    )
    paths = {}
    for name, words in split.items():
        paths[name] = work_dir / f"{name}.spacy"
        write_docbin(words, paths[name])
    return paths
