"""`draft-agreement inspect`: the document as the tool reads it, as an outline or JSON."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from draft_agreement.cli.common import ConvertOption, guarded


class InspectFormat(StrEnum):
    outline = "outline"
    json = "json"


def inspect(
    file: Annotated[Path, typer.Argument(help="A .docx, .dotx or .docm file.")],
    format: Annotated[
        InspectFormat, typer.Option("--format", "-f", help="outline or json.")
    ] = InspectFormat.outline,
    width: Annotated[int, typer.Option(help="Truncate paragraph text in the outline to this width.")] = 70,
    show_pii: Annotated[
        bool, typer.Option("--show-pii", help="Do not mask ID, phone and card numbers.")
    ] = False,
    convert_doc: ConvertOption = False,
) -> None:
    """Show the document as the tool reads it: clause labels, text, stories, revisions and comments."""
    with guarded(str(file)):
        from draft_agreement.model import load_document

        doc = load_document(file, convert_legacy=convert_doc)
        for warning in doc.package.warnings:
            typer.echo(f"draft-agreement: warning: {file}: {warning}", err=True)
        if format is InspectFormat.json:
            import json

            from draft_agreement.inspect import document_to_dict

            typer.echo(json.dumps(document_to_dict(doc, show_pii), ensure_ascii=False, indent=2))
            return
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        from draft_agreement.deal import deal_of
        from draft_agreement.inspect import outline_rows
        from draft_agreement.reviewing.masking import mask_text

        shown = (lambda text: text) if show_pii else mask_text
        ctx = doc.context
        console = Console()
        console.print(
            f"[bold]{escape(shown(ctx.title) if ctx.title else file.name)}[/bold]  ({doc.language})"
        )
        deal = deal_of(doc)
        law = deal.governing_law
        console.print(
            escape(
                f"  deal: {', '.join(deal.kinds)}; law: {(law and law.jurisdiction) or '—'}; "
                f"signed: {deal.signed or '—'}"
            )
        )
        for party in deal.parties:
            aliases = f" ({', '.join(party.aliases)})" if party.aliases else ""
            console.print(escape(shown(f"  {party.label}{aliases} [{party.role}]: {party.name or '—'}")))
        table = Table(show_lines=False, expand=False)
        for column in ("story", "#", "label", "text", "marks"):
            table.add_column(column, overflow="fold")
        for row in outline_rows(doc, width, show_pii):
            table.add_row(*(escape(cell) for cell in row))
        console.print(table)
        if doc.comments:
            console.print(f"{len(doc.comments)} existing comment(s)")


def register(app: typer.Typer) -> None:
    """Add `inspect` to the command line."""
    app.command()(inspect)
