"""Command line: one Typer app, a thin layer over `presswatch.pipeline` and `presswatch.corpus`.

Each command lives in a module of its own and registers on `app.app` when
imported; this package imports them in the order `--help` lists them, so
`presswatch`, `python -m presswatch` and `python -m presswatch.cli` list the
same commands."""

from importlib import import_module

from .app import app

COMMAND_MODULES = ("analyze", "ingest", "lookup", "export", "serve")
for _module in COMMAND_MODULES:
    import_module(f"{__name__}.{_module}")


def main() -> None:
    app()
