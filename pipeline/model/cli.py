"""`kruispunt model`: train and evaluate the bundled Dutch spaCy pipeline.

Thin commands over `pipeline.model.train` and `pipeline.model.evaluate`; the main command
line (`pipeline.cli`) mounts them under `model` and reports their errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

model_app = typer.Typer(
    help="Train and evaluate the bundled Dutch spaCy pipeline (models/nl_ud_sm).",
    no_args_is_help=True,
)
UdDirOption = Annotated[
    Path, typer.Option("--ud-dir", help="Folder of the UD Dutch CoNLL-U treebanks.")
]


@model_app.command("train")
def model_train(
    ud_dir: UdDirOption = Path("../shared/data/ud-dutch"),
    out: Annotated[Path, typer.Option("--out", help="Folder for the trained pipeline.")] = Path(
        "models/nl_ud_sm"
    ),
    config: Annotated[Path, typer.Option("--config", help="spaCy training config.")] = Path(
        "configs/nl_ud_sm.cfg"
    ),
    work_dir: Annotated[
        Path, typer.Option("--work-dir", help="Scratch folder for DocBins and checkpoints.")
    ] = Path(".cache/model-training"),
    max_steps: Annotated[
        int | None, typer.Option("--max-steps", help="Override training.max_steps.")
    ] = None,
    alpino_weight: Annotated[
        int, typer.Option("--alpino-weight", help="Repeat the Alpino training file N times.")
    ] = 2,
    current_weight: Annotated[
        int,
        typer.Option(
            "--current-weight", help="Repeat the current LassySmall dev/test files N times."
        ),
    ] = 1,
    modernise: Annotated[
        bool,
        typer.Option("--modernise/--no-modernise", help="Map 2017 labels to current UD Dutch."),
    ] = True,
    settings: Annotated[
        list[str] | None,
        typer.Option("--set", help="spaCy config override, e.g. --set training.dropout=0.2."),
    ] = None,
    refit_steps: Annotated[
        int | None,
        typer.Option(
            "--refit-steps",
            help="Final refit: add dev to train and train exactly N steps (N chosen on dev "
            "by an earlier run); keeps the last model. Test stays unseen.",
        ),
    ] = None,
    dev_weight: Annotated[
        int, typer.Option("--dev-weight", help="Refit: copies of the Alpino dev file in train.")
    ] = 2,
    splitter: Annotated[
        str, typer.Option("--splitter", help="Refit: 'senter' or 'parser' (the earlier choice).")
    ] = "senter",
    backoff: Annotated[
        str,
        typer.Option("--backoff", help="Refit: 'unknown', 'always' or 'none' (earlier choice)."),
    ] = "unknown",
) -> None:
    """Convert the treebanks, train, score on the Alpino test file, write the pipeline."""
    import ast

    from pipeline.model.evaluate import failed_bars
    from pipeline.model.train import Refit, train_model

    overrides: dict[str, object] = {}
    for setting in settings or []:
        key, _, value = setting.partition("=")
        try:
            overrides[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            overrides[key] = value
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    weights = {
        "nl_alpino-ud-train-2017-partial.conllu": alpino_weight,
        "nl_lassysmall-ud-dev.conllu": current_weight,
        "nl_lassysmall-ud-test.conllu": current_weight,
    }
    scores = train_model(
        ud_dir,
        out,
        config=config,
        work_dir=work_dir,
        overrides=overrides,
        modernise=modernise,
        weights=weights,
        refit=Refit(
            steps=refit_steps,
            dev_weight=dev_weight,
            splitter=splitter,
            backoff=None if backoff == "none" else backoff,
        )
        if refit_steps
        else None,
    )
    typer.echo(f"model train: test scores {scores} -> {out}")
    for name, (score, bar) in failed_bars(scores).items():
        typer.secho(f"  below the bar: {name} {score} < {bar}", fg=typer.colors.YELLOW, err=True)


@model_app.command("evaluate")
def model_evaluate(
    model: Annotated[Path, typer.Option("--model", help="Pipeline folder to score.")] = Path(
        "models/nl_ud_sm"
    ),
    ud_dir: UdDirOption = Path("../shared/data/ud-dutch"),
    work_dir: Annotated[
        Path, typer.Option("--work-dir", help="Scratch folder for the converted test file.")
    ] = Path(".cache/model-eval"),
) -> None:
    """Print the pipeline's scores on the Alpino test file (never trained or tuned on)."""
    from pipeline.model.evaluate import failed_bars
    from pipeline.model.train import evaluate_model

    scores = evaluate_model(model, ud_dir, work_dir=work_dir)
    for name, value in scores.items():
        typer.echo(f"{name}\t{value}")
    for name, (score, bar) in failed_bars(scores).items():
        typer.secho(f"below the bar: {name} {score} < {bar}", fg=typer.colors.YELLOW, err=True)
