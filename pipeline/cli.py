"""Command-line interface: thin commands over each stage's `stage` module.

Every command reads `params.yaml` (or `--params`), validates it, and hands the work to the
library. Run `kruispunt --help` or `kruispunt COMMAND --help` for the options.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline.params import ParamsError, load_params

app = typer.Typer(
    name="kruispunt",
    help=(
        "kruispunt: reproducible analysis of Dutch meeting transcripts. The stages run in order "
        "ingest -> annotate -> associate -> themes -> export; `dvc repro` runs them all."
    ),
    no_args_is_help=True,
    add_completion=False,
)

ParamsOption = Annotated[
    Path, typer.Option("--params", help="params.yaml to read (validated before any work).")
]


def _params(path: Path):
    try:
        return load_params(path)
    except ParamsError as err:
        typer.secho(str(err), fg=typer.colors.RED, err=True)
        raise typer.Exit(code=2) from None


@app.command()
def ingest(
    input_dir: Annotated[
        Path, typer.Argument(help="Folder of transcripts: txt, md, docx, pdf, vtt, srt.")
    ] = Path("data/raw"),
    out_dir: Annotated[
        Path, typer.Argument(help="Folder for documents.parquet, segments.parquet and the report.")
    ] = Path("data/interim"),
    params_file: ParamsOption = Path("params.yaml"),
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict",
            help="Exit with code 1 when any file is skipped or failed (default: ingest.strict).",
        ),
    ] = None,
) -> None:
    """Read transcripts into documents and speaker turns; report every file's status.

    Every file in INPUT_DIR (searched recursively; hidden files aside) gets a row in
    OUT_DIR/ingest_report.json: ok, skipped or failed, with the reason. A bad file never
    stops the others. A metadata.csv sidecar (column `file`) adds columns to the documents.
    """
    from pipeline.ingest import stage as ingest_stage

    params = _params(params_file)
    try:
        report = ingest_stage.ingest(input_dir, out_dir, params, progress=True)["report"]
    except (FileNotFoundError, NotADirectoryError) as err:
        typer.secho(f"ingest: {err}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=2) from None
    problems = [row for row in report if row["status"] != "ok"]
    typer.echo(
        f"ingest: {len(report) - len(problems)} files read, {len(problems)} skipped or failed "
        f"-> {out_dir}"
    )
    for row in problems:
        typer.echo(f"  {row['status']}: {row['path']}: {row['reason']}", err=True)
    if problems and (params.ingest.strict if strict is None else strict):
        raise typer.Exit(code=1)


InterimArg = Annotated[Path, typer.Argument(help="Folder of intermediate tables (data/interim).")]
ProcessedArg = Annotated[Path, typer.Argument(help="Folder of analysis tables (data/processed).")]


@app.command()
def annotate(
    interim: InterimArg = Path("data/interim"),
    params_file: ParamsOption = Path("params.yaml"),
) -> None:
    """Annotate every segment with the Dutch spaCy pipeline (tokens.parquet, nlp_info.json)."""
    from pipeline.annotate import stage as annotate_stage
    from pipeline.model.files import needs_torch, without_torch

    params = _params(params_file)
    if not needs_torch(params.annotate.model):
        without_torch()
    info = annotate_stage.annotate(interim, params)
    typer.echo(f"annotate: model {info.get('name')} {info.get('version')} -> {interim}")


@app.command()
def associate(
    interim: InterimArg = Path("data/interim"),
    processed: ProcessedArg = Path("data/processed"),
    params_file: ParamsOption = Path("params.yaml"),
) -> None:
    """Find the focal terms; write KWIC, association statistics and syntactic relations."""
    from pipeline.associate import stage as associate_stage
    from pipeline.model.files import without_torch

    without_torch()  # spaCy is imported here for its Dutch stop list only
    associate_stage.associate(interim, processed, _params(params_file))
    typer.echo(f"associate: -> {processed}")


@app.command()
def themes(
    interim: InterimArg = Path("data/interim"),
    processed: ProcessedArg = Path("data/processed"),
    model_dir: Annotated[Path, typer.Argument(help="Folder for the fitted theme model.")] = Path(
        "models/themes"
    ),
    metrics: Annotated[Path, typer.Argument(help="Folder for themes.json.")] = Path("metrics"),
    params_file: ParamsOption = Path("params.yaml"),
) -> None:
    """Cluster the term contexts into themes with BERTopic; write the codebook."""
    from pipeline.themes import stage as themes_stage

    result = themes_stage.themes(interim, processed, model_dir, metrics, _params(params_file))
    typer.echo(f"themes: {result.get('n_themes')} themes -> {processed}")


@app.command()
def export(
    root: Annotated[
        Path, typer.Option("--root", help="Project folder holding data/ and receiving reports/.")
    ] = Path("."),
    params_file: ParamsOption = Path("params.yaml"),
) -> None:
    """Write codebook, coded segments, Excel, REFI-QDA (.qdc/.qdpx) and report.html."""
    from pipeline.export import stage as export_stage
    from pipeline.layout import Layout

    written = export_stage.export(Layout(root), _params(params_file))
    typer.echo(f"export: {len(written)} files -> {Layout(root).reports}")


@app.command()
def run(
    input_dir: Annotated[Path, typer.Argument(help="Folder of transcripts to process.")],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Output folder: data/, models/themes, metrics and reports/ go here."
        ),
    ],
    params_file: ParamsOption = Path("params.yaml"),
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Worker processes for ingest and annotate, and the run's core budget "
            "(threads of the later stages; default: every core).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Dask scheduler address (tcp://HOST:PORT), or 'local' for a LocalCluster.",
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Cache folder: ingest/ and annotate/ entries (default: OUT/.cache/kruispunt).",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict/--no-strict", help="Stop with code 1 when any file is skipped or failed."
        ),
    ] = False,
) -> None:
    """Run all five stages over a folder, reusing cached files and annotations; summarise."""
    from pipeline.run import run_batch

    params = _params(params_file)
    try:
        summary = run_batch(
            input_dir,
            out,
            params=params,
            workers=workers,
            scheduler=scheduler,
            cache_dir=cache_dir,
            strict=strict,
            progress=sys.stderr.isatty(),
        )
    except (FileNotFoundError, NotADirectoryError, OSError, TimeoutError) as err:
        typer.secho(f"run: {err}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=2) from None
    typer.echo("\n".join(["kruispunt run:", *(f"  {line}" for line in summary.lines())]))
    if summary.stopped:
        raise typer.Exit(code=1)


model_app = typer.Typer(
    help="Train and evaluate the bundled Dutch spaCy pipeline (models/nl_ud_sm).",
    no_args_is_help=True,
)
app.add_typer(model_app, name="model")

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


def main() -> None:  # pragma: no cover - console entry
    """Run the CLI."""
    app(prog_name="kruispunt")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
