"""Entry point for `python -m pipeline`."""

from pipeline.cli import app

app(prog_name="kruispunt")
