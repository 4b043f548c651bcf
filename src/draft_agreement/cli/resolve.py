"""`draft-agreement accept` and `reject`: resolve tracked changes, for everyone or named authors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from draft_agreement.cli.common import AuthorFilter, InPlaceOption, OutputOption, guarded


def _resolve(file: Path, output: Path, accept: bool, author: list[str] | None, in_place: bool) -> None:
    with guarded(str(file)):
        from draft_agreement.api import accept as do_accept
        from draft_agreement.api import reject as do_reject

        (do_accept if accept else do_reject)(file, output, authors=author or None, in_place=in_place)


def accept(
    file: Annotated[Path, typer.Argument()],
    output: OutputOption,
    author: AuthorFilter = None,
    in_place: InPlaceOption = False,
) -> None:
    """Accept tracked changes (all, or one author's)."""
    _resolve(file, output, True, author, in_place)


def reject(
    file: Annotated[Path, typer.Argument()],
    output: OutputOption,
    author: AuthorFilter = None,
    in_place: InPlaceOption = False,
) -> None:
    """Reject tracked changes (all, or one author's)."""
    _resolve(file, output, False, author, in_place)


def register(app: typer.Typer) -> None:
    """Add `accept` and `reject` to the command line."""
    app.command()(accept)
    app.command()(reject)
