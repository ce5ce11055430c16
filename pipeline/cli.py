"""Command-line interface: thin commands over `pipeline.stages`.

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
        bool,
        typer.Option(
            "--strict/--no-strict",
            help="Exit with code 1 when any file is skipped or failed (default: params).",
        ),
    ] = False,
) -> None:
    """Read transcripts into documents and speaker turns; report every file's status."""
    from pipeline import stages

    params = _params(params_file)
    report = stages.ingest(input_dir, out_dir, params)
    problems = [row for row in report if row["status"] != "ok"]
    typer.echo(
        f"ingest: {len(report) - len(problems)} files read, {len(problems)} skipped or failed "
        f"-> {out_dir}"
    )
    for row in problems:
        typer.echo(f"  {row['status']}: {row['path']}: {row['reason']}", err=True)
    if problems and (strict or params.ingest.strict):
        raise typer.Exit(code=1)


InterimArg = Annotated[Path, typer.Argument(help="Folder of intermediate tables (data/interim).")]
ProcessedArg = Annotated[Path, typer.Argument(help="Folder of analysis tables (data/processed).")]


@app.command()
def annotate(
    interim: InterimArg = Path("data/interim"),
    params_file: ParamsOption = Path("params.yaml"),
) -> None:
    """Annotate every segment with the Dutch spaCy pipeline (tokens.parquet, nlp_info.json)."""
    from pipeline import stages

    info = stages.annotate(interim, _params(params_file))
    typer.echo(f"annotate: model {info.get('name')} {info.get('version')} -> {interim}")


@app.command()
def associate(
    interim: InterimArg = Path("data/interim"),
    processed: ProcessedArg = Path("data/processed"),
    params_file: ParamsOption = Path("params.yaml"),
) -> None:
    """Find the focal terms; write KWIC, association statistics and syntactic relations."""
    from pipeline import stages

    stages.associate(interim, processed, _params(params_file))
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
    from pipeline import stages

    result = stages.themes(interim, processed, model_dir, metrics, _params(params_file))
    typer.echo(f"themes: {result.get('n_themes')} themes -> {processed}")


@app.command()
def export(
    root: Annotated[
        Path, typer.Option("--root", help="Project folder holding data/ and receiving reports/.")
    ] = Path("."),
    params_file: ParamsOption = Path("params.yaml"),
) -> None:
    """Write codebook, coded segments, Excel, REFI-QDA (.qdc/.qdpx) and report.html."""
    from pipeline import stages

    written = stages.export(stages.Layout(root), _params(params_file))
    typer.echo(f"export: {len(written)} files -> {stages.Layout(root).reports}")


def main() -> None:  # pragma: no cover - console entry
    """Run the CLI."""
    app(prog_name="kruispunt")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
