"""The `draft-agreement` command line. Thin: it parses options, calls the Python API and formats.

One module per command family (inspect, review, resolve, rules, drafting, serve, compare); each has a
`register(app)` and depends only on cli.common, so there is no import cycle. Heavy modules (lxml, rich,
the rule engine) are imported inside the commands so `--help` stays fast. Every refusal becomes one
line on stderr and exit code 2; a traceback is shown only with DRAFT_AGREEMENT_DEBUG=1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated

import typer

from draft_agreement import __version__
from draft_agreement.cli import compare, drafting, inspect, resolve, review, rules, serve
from draft_agreement.cli.common import EXIT_INPUT_ERROR, fail, guarded

__all__ = ["EXIT_INPUT_ERROR", "app", "fail", "guarded", "main"]

app = typer.Typer(
    name="draft-agreement",
    help="Review and redline Word agreements that transfer accounts, credentials or personal information.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"draft-agreement {__version__}")
        raise typer.Exit()


def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Review and redline Word agreements that transfer accounts, credentials or personal information."""


app.callback()(main_callback)
for family in (inspect, review, resolve, rules, drafting, serve, compare):
    family.register(app)


def _run(entry: Callable[[], object]) -> None:
    try:
        entry()
    except KeyboardInterrupt:
        typer.echo("draft-agreement: interrupted", err=True)
        sys.exit(130)


def main() -> None:
    """Console-script entry point."""
    _run(app)
