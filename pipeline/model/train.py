"""Train the bundled Dutch pipeline and write it with its test-set scores.

Training is never part of `dvc repro`: it is the explicit `kruispunt model train` command,
which runs this recipe end to end.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Literal

import spacy
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language

from pipeline.model import lemmas  # noqa: F401  (registers the lemma_backoff factory)
from pipeline.model.corpus import prepare_corpus
from pipeline.model.evaluate import load_gold, score_pipeline


class Refit(BaseModel):
    """A final refit on train + dev, with the choices made by an earlier dev-selected run."""

    model_config = ConfigDict(extra="forbid")

    steps: int = Field(gt=0, description="Training steps (the dev-selected run's best region).")
    dev_weight: int = Field(2, ge=1, description="Copies of the Alpino dev file in train.")
    splitter: Literal["senter", "parser"] = "senter"
    backoff: Literal["unknown", "always"] | None = "unknown"


DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "configs" / "nl_ud_sm.cfg"

MODEL_META = {
    "name": "ud_sm",
    "version": "0.3.0",
    "description": (
        "Small Dutch CNN pipeline (tok2vec, morphologizer, parser, trainable lemmatizer, "
        "senter) trained by kruispunt from the UD Dutch Alpino and LassySmall treebanks."
    ),
    "license": "CC BY-SA 4.0",
    "author": "kruispunt",
    "sources": [
        {
            "name": "UD Dutch Alpino",
            "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
            "license": "CC BY-SA 4.0",
            "author": "Gosse Bouma, Gertjan van Noord and the UD Dutch maintainers",
        },
        {
            "name": "UD Dutch LassySmall",
            "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
            "license": "CC BY-SA 4.0",
            "author": "Gosse Bouma, Gertjan van Noord and the UD Dutch maintainers",
        },
    ],
}


def dev_score(nlp: Language, dev_path: Path, key: str) -> float:
    """One score of `nlp` on dev, from freshly read examples.

    `Language.evaluate` writes its predictions into the examples, and components that do
    not overwrite (senter, lemmatizer) would then keep the previous run's annotation, so
    examples are never reused between evaluations.
    """
    return nlp.evaluate(load_gold(nlp, dev_path))[key]


def use_sentence_splitter(nlp: Language, splitter: str, *, source: Path) -> None:
    """Split sentences with the parser alone or with the senter in front of the parser.

    The parser sets sentence boundaries itself; the senter only counts when it runs before
    the parser, which then respects its boundaries.

    Args:
        nlp: The trained pipeline (changed in place).
        splitter: `senter` or `parser`.
        source: The trained pipeline's folder, to copy the senter from.
    """
    if "senter" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return
    if nlp.pipe_names.index("senter") > nlp.pipe_names.index("parser"):
        nlp.remove_pipe("senter")
        nlp.add_pipe("senter", source=spacy.load(source), before="parser")
    if splitter == "parser":
        nlp.disable_pipe("senter")


def choose_sentence_splitter(nlp: Language, dev_path: Path, *, source: Path) -> str:
    """Pick the sentence splitter with the higher sentence F on dev.

    The candidates are the parser alone (senter disabled, as in spaCy's own Dutch
    pipelines) and the senter in front of the parser (`use_sentence_splitter`).

    Args:
        nlp: The trained pipeline (changed in place to the chosen variant).
        dev_path: Dev DocBin.
        source: The trained pipeline's folder, to copy the senter from.

    Returns:
        `senter` or `parser`.
    """
    if "senter" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return "senter" if "senter" in nlp.pipe_names else "parser"
    use_sentence_splitter(nlp, "senter", source=source)
    with_senter = dev_score(nlp, dev_path, "sents_f")
    nlp.disable_pipe("senter")
    if with_senter > dev_score(nlp, dev_path, "sents_f"):
        nlp.enable_pipe("senter")
        return "senter"
    return "parser"


def add_lemma_backoff(nlp: Language, policy: str | None) -> None:
    """Add the `lemma_backoff` component after the trainable lemmatizer (None: nothing)."""
    if policy is not None:
        nlp.add_pipe("lemma_backoff", after="trainable_lemmatizer", config={"policy": policy})


def choose_lemma_backoff(nlp: Language, dev_path: Path) -> str | None:
    """Add the lookup-table lemma back-off with the policy that scores best on dev.

    Returns:
        The policy of the added `lemma_backoff` component (`unknown` or `always`), or None
        when neither beats the trainable lemmatizer alone (then nothing is added).
    """
    if "trainable_lemmatizer" not in nlp.pipe_names:
        return None
    best, best_score = None, dev_score(nlp, dev_path, "lemma_acc")
    for policy in ("unknown", "always"):
        add_lemma_backoff(nlp, policy)
        score = dev_score(nlp, dev_path, "lemma_acc")
        nlp.remove_pipe("lemma_backoff")
        if score > best_score:
            best, best_score = policy, score
    add_lemma_backoff(nlp, best)
    return best


def write_model(nlp: Language, out_dir: Path) -> None:
    """Replace the pipeline files in `out_dir`, keeping its model card (README.md)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for child in out_dir.iterdir():
        if child.name == "README.md":
            continue
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    nlp.to_disk(out_dir)


def train_model(
    ud_dir: str | Path,
    out_dir: str | Path,
    *,
    config: str | Path = DEFAULT_CONFIG,
    work_dir: str | Path = ".cache/model-training",
    overrides: dict[str, object] | None = None,
    modernise: bool = True,
    weights: dict[str, int] | None = None,
    refit: Refit | None = None,
) -> dict[str, float]:
    """Convert the treebanks, train, score on the test file and write the pipeline.

    By default dev serves for early stopping and the post-training choices. With `refit`,
    the recipe's second step: dev joins the training data, training runs for the fixed
    number of steps chosen by an earlier dev-selected run, the last model is kept, and the
    splitter and back-off choices of that run are reused. The test file stays unseen.

    Args:
        ud_dir: The UD Dutch folder (see its README for the files and the split).
        out_dir: Folder receiving the trained pipeline (`models/nl_ud_sm`).
        config: spaCy training config.
        work_dir: Scratch folder for DocBins and training checkpoints.
        overrides: spaCy config overrides, such as `{"training.max_steps": 500}`.
        modernise: Map the 2017 annotation to current UD Dutch conventions.
        weights: Repeat counts per training file name.
        refit: Settings of a final train+dev refit (see above).

    Returns:
        The test-set scores also written to `meta.json` (see `score_pipeline`), plus the
        sentence splitter and lemma back-off choices made on dev.
    """
    work_dir = Path(work_dir)
    # 1. Corpus: normalise, deduplicate, split, DocBins.
    paths = prepare_corpus(
        ud_dir,
        work_dir,
        modernise=modernise,
        weights=weights,
        dev_weight=refit.dev_weight if refit else 0,
    )

    # 2. Train, and load the model that training kept.
    trained = _train(Path(config), work_dir, paths, overrides=overrides, refit=refit)
    nlp = spacy.load(trained)
    if "lemma_backoff" in nlp.pipe_names:
        nlp.remove_pipe("lemma_backoff")

    # 3. Sentence splitter and lemma back-off chosen on dev; then score once on test.
    splitter, backoff = _post_training_choices(nlp, paths["dev"], trained=trained, refit=refit)
    scores = score_pipeline(nlp, load_gold(nlp, paths["test"]))

    # 4. Write the pipeline with its scores.
    nlp.meta.update(MODEL_META)
    nlp.meta["test_scores"] = {"file": "nl_alpino-ud-test.conllu", **scores}
    nlp.meta["sentence_splitter"] = splitter
    nlp.meta["lemma_backoff"] = backoff
    nlp.meta["refit"] = refit.model_dump() if refit else None
    write_model(nlp, Path(out_dir))
    return {**scores, "sentence_splitter": splitter, "lemma_backoff": backoff}


def _train(
    config: Path,
    work_dir: Path,
    paths: dict[str, Path],
    *,
    overrides: dict[str, object] | None,
    refit: Refit | None,
) -> Path:
    """Run spaCy training and return the folder of the model to keep.

    model-best is chosen on dev by the config's score weights; a refit runs a fixed number
    of steps and keeps model-last, since dev is part of its training data.
    """
    from spacy.cli.train import train as spacy_train

    fixed = {"training.max_steps": refit.steps, "training.patience": 0} if refit else {}
    spacy_train(
        config,
        work_dir / "training",
        overrides={
            "paths.train": str(paths["train"]),
            "paths.dev": str(paths["dev"]),
            **(overrides or {}),
            **fixed,
        },
    )
    return work_dir / "training" / ("model-last" if refit else "model-best")


def _post_training_choices(
    nlp: Language, dev_path: Path, *, trained: Path, refit: Refit | None
) -> tuple[str, str | None]:
    """Set the sentence splitter and lemma back-off: a refit's own, else the best on dev."""
    if refit:
        use_sentence_splitter(nlp, refit.splitter, source=trained)
        add_lemma_backoff(nlp, refit.backoff)
        return refit.splitter, refit.backoff
    splitter = choose_sentence_splitter(nlp, dev_path, source=trained)
    return splitter, choose_lemma_backoff(nlp, dev_path)


def evaluate_model(model: str | Path, ud_dir: str | Path, *, work_dir: str | Path) -> dict:
    """Score an existing pipeline on the Alpino test file.

    Args:
        model: Path or package name of the pipeline.
        ud_dir: The UD Dutch folder.
        work_dir: Scratch folder for the converted test DocBin.

    Returns:
        The scores of `score_pipeline`.
    """
    paths = prepare_corpus(ud_dir, work_dir)
    nlp = spacy.load(model)
    return score_pipeline(nlp, load_gold(nlp, paths["test"]))
