"""The `draft-agreement` command line. Thin: it parses options, calls the Python API and formats.

Heavy modules (lxml, rich, the rule engine) are imported inside the commands so `--help` stays fast.
Every refusal becomes one line on stderr and exit code 2; a traceback is shown only with
DRAFT_AGREEMENT_DEBUG=1.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from draft_agreement import __version__

app = typer.Typer(
    name="draft-agreement",
    help="Review and redline Word agreements that transfer accounts, credentials or personal information.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_INPUT_ERROR = 2


def fail(message: str, code: int = EXIT_INPUT_ERROR) -> NoReturn:
    """One line on stderr, then exit: the contract for every refused input."""
    typer.echo(f"draft-agreement: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def guarded(subject: str) -> Iterator[None]:
    """Turn any failure into one clear line and exit code 2, never a traceback."""
    from draft_agreement.errors import DraftAgreementError

    try:
        yield
    except typer.Exit:
        raise
    except DraftAgreementError as exc:
        fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as exc:  # noqa: BLE001 - the CLI promise is one line, not a traceback
        if os.environ.get("DRAFT_AGREEMENT_DEBUG"):
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        fail(f"{subject}: could not be processed ({type(exc).__name__}: {first})")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"draft-agreement {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Review and redline Word agreements that transfer accounts, credentials or personal information."""


class InspectFormat(StrEnum):
    outline = "outline"
    json = "json"


@app.command()
def inspect(
    file: Annotated[Path, typer.Argument(help="A .docx, .dotx or .docm file.")],
    format: Annotated[
        InspectFormat, typer.Option("--format", "-f", help="outline or json.")
    ] = InspectFormat.outline,
    width: Annotated[int, typer.Option(help="Truncate paragraph text in the outline to this width.")] = 70,
) -> None:
    """Show the document as the tool reads it: clause labels, text, stories, revisions and comments."""
    with guarded(str(file)):
        from draft_agreement.model import load_document

        doc = load_document(file)
        for warning in doc.package.warnings:
            typer.echo(f"draft-agreement: warning: {file}: {warning}", err=True)
        if format is InspectFormat.json:
            import json

            from draft_agreement.inspect import document_to_dict

            typer.echo(json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2))
            return
        from rich.console import Console
        from rich.table import Table

        from draft_agreement.inspect import outline_rows

        ctx = doc.context
        console = Console()
        console.print(f"[bold]{ctx.title or file.name}[/bold]  ({doc.language})")
        for party in ctx.parties:
            console.print(f"  {party.designation} [{party.role}]: {party.name or '—'}")
        table = Table(show_lines=False, expand=False)
        for column in ("story", "#", "label", "text", "marks"):
            table.add_column(column, overflow="fold")
        for row in outline_rows(doc, width):
            table.add_row(*row)
        console.print(table)
        if doc.comments:
            console.print(f"{len(doc.comments)} existing comment(s)")


def _run(entry: Callable[[], object]) -> None:
    try:
        entry()
    except KeyboardInterrupt:
        typer.echo("draft-agreement: interrupted", err=True)
        sys.exit(130)


def main() -> None:
    """Console-script entry point."""
    _run(app)
