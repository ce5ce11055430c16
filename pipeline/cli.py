"""Command-line interface: thin commands over each stage's `stage` module.

Every command reads `params.yaml` (or `--params`), validates it, and hands the work to the
library. Run `kruispunt --help` or `kruispunt COMMAND --help` for the options.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from pipeline.errors import EXIT_CODE, is_known, one_line
from pipeline.model.cli import model_app
from pipeline.params import ParamsError, load_params


class _Group(TyperGroup):
    """The command group: every command's known errors end as one line and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as err:
            if not is_known(err) or ctx.meta.get("kruispunt.debug"):
                raise
            command = f"{ctx.command_path} {ctx.invoked_subcommand or ''}".strip()
            typer.secho(f"{command}: {one_line(err)}", fg=typer.colors.RED, err=True)
            raise typer.Exit(code=EXIT_CODE) from None


app = typer.Typer(
    name="kruispunt",
    cls=_Group,
    help=(
        "kruispunt: reproducible analysis of Dutch meeting transcripts. The stages run in order "
        "ingest -> annotate -> associate -> themes -> compare -> export; `dvc repro` runs them all."
    ),
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _options(
    ctx: typer.Context,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            envvar="KRUISPUNT_DEBUG",
            help="Show the traceback of every error, not one line (or set KRUISPUNT_DEBUG=1).",
        ),
    ] = False,
) -> None:
    ctx.meta["kruispunt.debug"] = debug  # shared by the subcommands' contexts


ParamsOption = Annotated[
    Path | None,
    typer.Option("--params", help="params.yaml to read (default: ./params.yaml if present)."),
]


def _params(path: Path | None):
    """The validated params: `path`, else ./params.yaml, else the defaults."""
    if path is not None and not path.is_file():
        raise ParamsError(f"params file not found: {path} (give an existing params.yaml)")
    return load_params(path or "params.yaml")


@app.command()
def ingest(
    input_dir: Annotated[
        Path, typer.Argument(help="Folder of transcripts (txt, md, docx, pdf, vtt, srt, xml, ...).")
    ] = Path("data/raw"),
    out_dir: Annotated[
        Path, typer.Argument(help="Folder for documents.parquet, segments.parquet and the report.")
    ] = Path("data/interim"),
    params_file: ParamsOption = None,
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
    report = ingest_stage.ingest(input_dir, out_dir, params, progress=True)["report"]
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
    params_file: ParamsOption = None,
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
    params_file: ParamsOption = None,
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
    params_file: ParamsOption = None,
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
    params_file: ParamsOption = None,
) -> None:
    """Write codebook, coded segments, Excel, REFI-QDA (.qdc/.qdpx) and report.html."""
    from pipeline.export import stage as export_stage
    from pipeline.layout import Layout

    written = export_stage.export(Layout(root), _params(params_file))
    typer.echo(f"export: {len(written)} files -> {Layout(root).reports}")


def _file_option(flag: str, text: str):
    return Annotated[Path | None, typer.Option(flag, exists=True, dir_okay=False, help=text)]


@app.command()
def compare(
    root: Annotated[
        Path, typer.Option("--root", help="The run: a project after `dvc repro`, or a --out.")
    ] = Path("."),
    coded: _file_option("--coded", "Coded REFI-QDA project (.qdpx) to compare with.") = None,
    codebook: _file_option("--codebook", "Your codebook (YAML rules or .qdc) to apply.") = None,
    mapping: _file_option("--mapping", "YAML pairing your codes with kruispunt's.") = None,
    export_after: Annotated[
        bool,
        typer.Option("--export/--no-export", help="Rewrite reports/ with the agreement."),
    ] = True,
    params_file: ParamsOption = None,
) -> None:
    """Compare a researcher's coded project with kruispunt's coding; apply their codebook."""
    from pipeline.compare import stage as compare_stage
    from pipeline.layout import Layout, read_stage_table

    params, layout = _params(params_file), Layout(root)
    report = compare_stage.compare(
        layout, params, coded_project=coded, codebook=codebook, mapping=mapping
    )
    agreement = read_stage_table(layout, "agreement")
    summary = compare_stage.lines(report, agreement)
    typer.echo("\n".join(["compare:", *(f"  {line}" for line in summary)]))
    if export_after:
        export(root=root, params_file=params_file)


KeyDirOption = Annotated[
    Path | None,
    typer.Option(
        "--key-dir",
        help="Private folder outside --out for the pseudonym key and the original-text cache "
        "(owner-only); required when ingest.pseudonymize is on.",
    ),
]


UpdateOption = Annotated[
    bool,
    typer.Option(
        "--update",
        help="Batch update: keep the saved theme codebook and code new contexts into it "
        "(themes.update = frozen).",
    ),
]


@app.command()
def run(
    input_dir: Annotated[Path, typer.Argument(help="Folder of transcripts to process.")],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Output folder: data/, models/themes, metrics and reports/ go here."
        ),
    ],
    params_file: ParamsOption = None,
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
    key_dir: KeyDirOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict/--no-strict", help="Stop with code 1 when any file is skipped or failed."
        ),
    ] = False,
    update: UpdateOption = False,
) -> None:
    """Run every stage over a folder, reusing cached files and annotations; summarise."""
    from pipeline.run import run_batch

    params = _params(params_file)
    params.themes.update = "frozen" if update else params.themes.update
    summary = run_batch(
        input_dir,
        out,
        params=params,
        workers=workers,
        scheduler=scheduler,
        cache_dir=cache_dir,
        key_dir=key_dir,
        strict=strict,
        progress=sys.stderr.isatty(),
    )
    typer.echo("\n".join(["kruispunt run:", *(f"  {line}" for line in summary.lines())]))
    if summary.stopped:
        raise typer.Exit(code=1)


app.add_typer(model_app, name="model", cls=_Group)


def main() -> None:  # pragma: no cover - console entry
    """Run the CLI."""
    app(prog_name="kruispunt")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
