"""What every command shares: the one-line failure contract, option types and input expansion.

Nothing here imports another CLI module, so each command family (one module each) depends on this one
and the package's __init__ wires them into one typer app without an import cycle.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

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


class ReviewFormat(StrEnum):
    table = "table"
    json = "json"
    sarif = "sarif"
    markdown = "markdown"


class Severity(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class RedlineMode(StrEnum):
    track = "track"
    comments = "comments"
    clean = "clean"


_DOCX_SUFFIXES = (".docx", ".dotx", ".docm", ".doc")
RulesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules", help="An extra rule pack (YAML); repeatable. It may add, disable or re-grade rules."
    ),
]
FailOnOption = Annotated[
    Severity, typer.Option("--fail-on", help="Exit 1 when a finding reaches this severity.")
]
ConvertOption = Annotated[
    bool,
    typer.Option(
        "--convert-doc", help="Convert a legacy .doc with LibreOffice (soffice) instead of refusing it."
    ),
]
LangOption = Annotated[
    Lang | None, typer.Option("--lang", help="Language of explanations (default: the document's).")
]


GlobOption = Annotated[
    list[str] | None, typer.Option("--glob", help="Only files matching this pattern; repeatable.")
]
ExcludeOption = Annotated[
    list[str] | None, typer.Option("--exclude", help="Skip files matching this pattern; repeatable.")
]
JobsOption = Annotated[
    int | None, typer.Option("--jobs", "-j", help="Worker processes for folders (default: CPU count).")
]
BatchReportOption = Annotated[
    Path | None, typer.Option("--report", help="JSON Lines report, one line per file.")
]
ResumeOption = Annotated[
    bool, typer.Option("--resume", help="Skip files whose content already has a line in --report.")
]
KeepGoingOption = Annotated[
    bool, typer.Option("--keep-going", help="Refused files do not make the exit code 2.")
]


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given, and Word files found recursively in folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() in _DOCX_SUFFIXES and p.is_file())
            )
        else:
            found.append(path)
    return found


def explain_lang(lang: Lang | None) -> str | None:
    return lang.value if lang else None


def parse_pairs(items: list[str]) -> dict[str, str]:
    """NAME=VALUE options as a dict; a malformed one is a usage error."""
    pairs = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            fail(f"--set expects NAME=VALUE, got {item!r}")
        pairs[name.strip()] = value
    return pairs


def echo_blanks(blanks: Iterable[Any], where: str = "") -> None:
    """One stderr line per marked blank a draft left for the lawyer: its name and description."""
    for b in blanks:
        typer.echo(f"  blank{where}: {b.name}: {b.description or b.label}", err=True)


def write_json(path: Path, data: object) -> None:
    """A JSON report, written atomically (UTF-8, readable)."""
    import json

    from draft_agreement.atomicio import atomic_write_bytes

    atomic_write_bytes(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


AuthorFilter = Annotated[
    list[str] | None, typer.Option("--author", help="Only this author's changes; repeatable.")
]
OutputOption = Annotated[Path, typer.Option("--output", "-o", help="Where to write the result.")]
InPlaceOption = Annotated[bool, typer.Option("--in-place", help="Allow OUTPUT to be the input file itself.")]
