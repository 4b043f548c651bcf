"""The drafting commands: `draft`, `templates list|show`, `compose`.

Heavy modules (docxtpl, docxcompose, the review engine) are imported inside the commands so `--help`
stays fast.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from draft_agreement.cli.common import echo_blanks, guarded, parse_pairs, write_json


class DraftLang(StrEnum):
    zh = "zh"
    en = "en"


templates_app = typer.Typer(
    help="List the drafting templates and show their variables.", no_args_is_help=True
)


def draft_command(
    template: Annotated[str, typer.Argument(help="Template name (see `templates list`).")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the draft (.docx; .txt for a message).")
    ],
    source: Annotated[
        Path | None,
        typer.Option("--from", help="Pre-fill from this agreement (parties, dates, what the review found)."),
    ] = None,
    data: Annotated[Path | None, typer.Option("--data", help="Values from a YAML or JSON file.")] = None,
    sets: Annotated[
        list[str] | None, typer.Option("--set", help="NAME=VALUE; repeatable; overrides --from and --data.")
    ] = None,
    lang: Annotated[
        DraftLang | None,
        typer.Option("--lang", help="zh or en (default: the agreement's language, else zh)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse (exit 2) instead of leaving marked blanks.")
    ] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write what was drafted (JSON: blanks, sources).")
    ] = None,
) -> None:
    """Draft a compliant document (consent notice, referral agreement, DPA...) from a template.

    A fact nobody gave becomes a marked blank (【待填写：…】 / [To be completed: …]); each is listed on
    stderr. With --strict, missing values are refused together, each with its description, exit code 2.
    """
    with guarded(template):
        from draft_agreement.drafting.api import draft

        code = lang.value if lang else _language_of(source)
        result = draft(
            template,
            output,
            lang=code,
            source=source,
            data=data,
            overrides=parse_pairs(sets or []),
            strict=strict,
        )
        if report is not None:
            write_json(report, result.to_dict())
        typer.echo(
            f"{result.output}: {result.template} ({result.lang}"
            f"{', ' + result.variant if result.variant else ''}), "
            f"{len(result.prefilled)} value(s) taken from the agreement, "
            f"{len(result.blanks)} blank(s) to complete",
            err=True,
        )
        echo_blanks(result.blanks)


def compose_command(
    main: Annotated[Path, typer.Argument(help="The main agreement (.docx).")],
    annexes: Annotated[list[Path], typer.Argument(help="Annexes to append, in order.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the composed .docx.")],
) -> None:
    """Append annexes to an agreement, each after a page break; styles, lists and comment ids kept apart."""
    with guarded(str(main)):
        from draft_agreement.drafting.composition import compose

        result = compose(main, annexes, output)
        typer.echo(
            f"{result.output}: {result.annexes} annex(es) appended, "
            f"{result.comments} annex comment(s) carried over",
            err=True,
        )


@templates_app.command("list")
def templates_list() -> None:
    """Every template: name, languages, title."""
    with guarded("templates"):
        from draft_agreement.drafting.catalog import list_templates

        for tpl in list_templates():
            formats = ",".join(tpl.languages) + (
                " (+txt)" if any(tpl.has_text(x) for x in tpl.languages) else ""
            )
            typer.echo(f"{tpl.name}\t{formats}\t{tpl.title['zh']} / {tpl.title['en']}")


@templates_app.command("show")
def templates_show(name: Annotated[str, typer.Argument(help="Template name.")]) -> None:
    """One template's variables: type, whether required, default and description."""
    with guarded(name):
        from draft_agreement.drafting.catalog import load_template

        tpl = load_template(name)
        typer.echo(f"{tpl.name}: {tpl.title['zh']} / {tpl.title['en']}  [{', '.join(tpl.languages)}]")
        typer.echo(f"  {tpl.description['zh']}")
        typer.echo(f"  {tpl.description['en']}")
        for v in tpl.variables:
            need = (
                "required" if v.required else f"required if {v.required_if}" if v.required_if else "optional"
            )
            typer.echo(f"{v.name}\t{v.type}\t{need}")
            typer.echo(f"    {v.description['zh']}")
            typer.echo(f"    {v.description['en']}")
            if isinstance(v.default, dict):
                for code, value in v.default.items():
                    typer.echo(f"    default ({code}): {value}")
            elif v.default is not None:
                typer.echo(f"    default: {v.default}")


def _language_of(source: Path | None) -> str:
    if source is None:
        return "zh"
    from draft_agreement.model.document import load_document

    return "en" if load_document(source).language == "en" else "zh"


def register(app: typer.Typer) -> None:
    """Add `draft`, `templates` and `compose` to the main command line."""
    app.command("draft")(draft_command)
    app.command("compose")(compose_command)
    app.add_typer(templates_app, name="templates")
