"""`draft-agreement compare OLD NEW -o REDLINE`: NEW with tracked changes that take OLD to it.

Two folders compare every pair of files at the same relative path, in parallel workers; the output is
then a folder mirroring them (and --report a JSON Lines file, one line per pair).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from draft_agreement.cli.common import (
    EXIT_INPUT_ERROR,
    JobsOption,
    LangOption,
    RulesOption,
    explain_lang,
    fail,
    guarded,
)


class Granularity(StrEnum):
    word = "word"
    char = "char"


def compare(
    old: Annotated[Path, typer.Argument(help="The earlier version (.docx), or a folder of them.")],
    new: Annotated[Path, typer.Argument(help="The later version (.docx), or a folder of them.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The redline (.docx); a folder when comparing folders.")
    ],
    author: Annotated[str, typer.Option(help="Author name on the tracked changes.")] = "draft-agreement",
    date: Annotated[
        str | None, typer.Option(help="ISO date for the changes; a fixed one gives reproducible bytes.")
    ] = None,
    granularity: Annotated[
        Granularity, typer.Option(help="word: whole words, clause numbers and amounts; char: characters.")
    ] = Granularity.word,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write the changes by clause as JSON (JSON Lines for folders)."),
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Review inserted and rewritten text; comment risky insertions.")
    ] = False,
    rules: RulesOption = None,
    lang: LangOption = None,
    show_pii: Annotated[
        bool, typer.Option("--show-pii", help="Do not mask ID, phone and card numbers in the report.")
    ] = False,
    jobs: JobsOption = None,
) -> None:
    """Compare two versions of an agreement.

    The output is NEW with tracked changes by --author: accepting all of them gives NEW, rejecting all
    of them gives OLD. Tracked changes and comments other authors left in NEW stay as they are.
    Exit codes: 0 compared; 2 an input could not be read.
    """
    options = {
        "author": author,
        "granularity": granularity.value,
        "review": review,
        "rules": [str(r) for r in rules or []],
        "lang": explain_lang(lang),
        "show_pii": show_pii,
    }
    if old.is_dir() or new.is_dir():
        if not (old.is_dir() and new.is_dir()):
            fail(f"{old if not old.is_dir() else new}: compare a folder with a folder, or a file with a file")
        code = _folders(old, new, output, report, jobs, date, options)
        raise typer.Exit(code)
    with guarded(str(new)):
        import json

        from draft_agreement.comparing.files import compare_files
        from draft_agreement.redlining.writer import revision_date

        outcome = compare_files(old, new, output, date=revision_date(date), **options)
        if report is not None:
            from draft_agreement.atomicio import atomic_write_bytes

            atomic_write_bytes(
                report, json.dumps(outcome.report, ensure_ascii=False, indent=2).encode("utf-8")
            )
        counts = ", ".join(f"{k} {v}" for k, v in outcome.summary.items() if v) or "no changes"
        extra = ""
        if review:
            extra = f"; {outcome.report['review']['risky_changes']} risky change(s) commented"
        typer.echo(f"{output}: {counts}{extra}", err=True)


def _folders(
    old: Path, new: Path, output: Path, report: Path | None, jobs: int | None, date: str | None, options: dict
) -> int:
    with guarded("compare"):
        import json

        from draft_agreement.comparing.many import compare_folders
        from draft_agreement.redlining.writer import revision_date

        if output.exists() and not output.is_dir():
            fail(f"{output}: is not a folder (with folders, -o names an output folder)")
        output.mkdir(parents=True, exist_ok=True)
        refused = 0
        lines = []
        for item in compare_folders(old, new, output, jobs=jobs, date=revision_date(date), **options):
            lines.append(json.dumps(item.to_line(), ensure_ascii=False))
            if item.only_in is not None:
                typer.echo(f"{item.relative}: only in the {item.only_in} folder, not compared", err=True)
            elif item.ok:
                counts = ", ".join(f"{k} {v}" for k, v in (item.summary or {}).items() if v) or "no changes"
                typer.echo(f"{item.output}: {counts}", err=True)
            else:
                refused += 1
                typer.echo(f"refused: {item.error}", err=True)
        if report is not None:
            from draft_agreement.atomicio import atomic_write_bytes

            atomic_write_bytes(report, ("\n".join(lines) + "\n").encode("utf-8"))
        return EXIT_INPUT_ERROR if refused else 0


def register(app: typer.Typer) -> None:
    """Add `compare` to the command line."""
    app.command()(compare)
