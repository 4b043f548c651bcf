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

            typer.echo(json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2))
            return
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        from draft_agreement.inspect import outline_rows

        ctx = doc.context
        console = Console()
        console.print(f"[bold]{escape(ctx.title or file.name)}[/bold]  ({doc.language})")
        for party in ctx.parties:
            console.print(escape(f"  {party.designation} [{party.role}]: {party.name or '—'}"))
        table = Table(show_lines=False, expand=False)
        for column in ("story", "#", "label", "text", "marks"):
            table.add_column(column, overflow="fold")
        for row in outline_rows(doc, width):
            table.add_row(*(escape(cell) for cell in row))
        console.print(table)
        if doc.comments:
            console.print(f"{len(doc.comments)} existing comment(s)")


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


def _explain_lang(lang: Lang | None) -> str | None:
    return lang.value if lang else None


@app.command()
def review(
    files: Annotated[list[Path], typer.Argument(help="Word files or folders to review.")],
    format: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="table, json, sarif or markdown.")
    ] = ReviewFormat.table,
    fail_on: FailOnOption = Severity.medium,
    rules: RulesOption = None,
    lang: LangOption = None,
    show_pii: Annotated[
        bool, typer.Option("--show-pii", help="Do not mask ID, phone and card numbers.")
    ] = False,
    convert_doc: ConvertOption = False,
    glob: GlobOption = None,
    exclude: ExcludeOption = None,
    jobs: JobsOption = None,
    report: BatchReportOption = None,
    resume: ResumeOption = False,
    keep_going: KeepGoingOption = False,
) -> None:
    """Flag clauses that hand over accounts, credentials or other people's personal information.

    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 an input could not be read.
    Several files give JSON Lines with --format json. Folders (or any batch option) run in parallel
    workers with a progress bar, an optional JSON Lines report and --resume.
    """
    import json

    batch = any(f.is_dir() for f in files) or bool(glob or exclude or jobs or report or resume or keep_going)
    if batch and format in (ReviewFormat.table, ReviewFormat.json):
        with guarded("review"):
            from draft_agreement.batch_cli import review_paths

            code = review_paths(
                files,
                report=report,
                resume=resume,
                glob=glob,
                exclude=exclude,
                jobs=jobs,
                keep_going=keep_going,
                fail_on=fail_on.value,
                rules=rules or [],
                lang=_explain_lang(lang),
                show_pii=show_pii,
                jsonl_stdout=format is ReviewFormat.json,
            )
        raise typer.Exit(code)

    from draft_agreement.reviewing.findings import at_least
    from draft_agreement.reviewing.rules import language_code
    from draft_agreement.reviewing.run import review as review_file

    reports = []
    refused = 0
    for path in expand_inputs(files):
        try:
            with guarded(str(path)):
                reports.append(
                    review_file(
                        path,
                        rules=rules or [],
                        lang=_explain_lang(lang),
                        show_pii=show_pii,
                        convert_doc=convert_doc,
                    )
                )
        except typer.Exit as exc:
            if exc.exit_code == 130:
                raise
            refused += 1
            continue
    if format is ReviewFormat.json:
        for report in reports:
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    elif format is ReviewFormat.sarif:
        from draft_agreement.report.sarif import render_sarif

        typer.echo(json.dumps(render_sarif(reports), ensure_ascii=False, indent=2))
    elif format is ReviewFormat.markdown:
        from draft_agreement.report.markdown import render_markdown

        for report in reports:
            typer.echo(render_markdown(report, language_code(_explain_lang(lang) or report.language)))
    else:
        from rich.console import Console

        from draft_agreement.report.table import render_table

        console = Console()
        for report in reports:
            render_table(report, console, language_code(_explain_lang(lang) or report.language))
    if refused:
        raise typer.Exit(EXIT_INPUT_ERROR)
    if any(at_least(f.severity, fail_on.value) for r in reports for f in r.findings):
        raise typer.Exit(1)


@app.command()
def redline(
    files: Annotated[
        list[Path], typer.Argument(help="The agreement to redline (.docx), or several, or folders.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The redlined .docx (a folder for several inputs).")
    ],
    mode: Annotated[
        RedlineMode,
        typer.Option(
            help="track: tracked changes + comments; comments: comments only; clean: accepted text."
        ),
    ] = RedlineMode.track,
    author: Annotated[str, typer.Option(help="Author name on revisions and comments.")] = "draft-agreement",
    date: Annotated[
        str | None, typer.Option(help="ISO date for revisions; fixed = reproducible output.")
    ] = None,
    min_severity: Annotated[
        Severity, typer.Option("--min-severity", help="Edit findings at or above this severity.")
    ] = Severity.medium,
    fail_on: FailOnOption = Severity.medium,
    rules: RulesOption = None,
    lang: LangOption = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the review report (JSON) here.")
    ] = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Allow OUTPUT to be the input file itself.")
    ] = False,
    attach: Annotated[
        str | None,
        typer.Option("--attach", help="Append drafted annexes, e.g. consent-notice,referral-agreement."),
    ] = None,
    set_values: Annotated[
        list[str] | None,
        typer.Option("--set", help="A value for the attached annexes, NAME=VALUE; repeatable."),
    ] = None,
    convert_doc: ConvertOption = False,
    glob: GlobOption = None,
    exclude: ExcludeOption = None,
    jobs: JobsOption = None,
    resume: ResumeOption = False,
    keep_going: KeepGoingOption = False,
) -> None:
    """Write tracked replacements and explanatory comments into the lawyer's own Word file.

    With several inputs or folders, OUTPUT is a folder that mirrors the input tree, and --report is
    a JSON Lines report of the batch.
    """
    if len(files) > 1 or files[0].is_dir():
        with guarded("redline"):
            from draft_agreement.batch_cli import redline_paths

            code = redline_paths(
                files,
                output,
                report=report,
                resume=resume,
                glob=glob,
                exclude=exclude,
                jobs=jobs,
                keep_going=keep_going,
                fail_on=fail_on.value,
                mode=mode.value,
                author=author,
                date=date,
                min_severity=min_severity.value,
                rules=rules or [],
                lang=_explain_lang(lang),
            )
        raise typer.Exit(code)
    file = files[0]
    with guarded(str(file)):
        from draft_agreement.api import redline as run_redline
        from draft_agreement.reviewing.findings import at_least

        annexes = [name.strip() for name in attach.split(",") if name.strip()] if attach else []
        outcome = run_redline(
            file,
            output,
            attach=annexes,
            attach_values=_pairs(set_values or []),
            convert_doc=convert_doc,
            mode=mode.value,
            author=author,
            date=date,
            min_severity=min_severity.value,
            rules=rules or [],
            lang=_explain_lang(lang),
            in_place=in_place,
        )
        if report is not None:
            import json

            from draft_agreement.atomicio import atomic_write_bytes

            data = json.dumps(outcome.report.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")
            atomic_write_bytes(report, data)
        r = outcome.result
        counts = ", ".join(f"{k} {v}" for k, v in outcome.report.summary.items())
        typer.echo(
            f"{output}: {r.revisions} tracked change(s), {r.comments} comment(s) "
            f"in {r.paragraphs} paragraph(s); {counts}",
            err=True,
        )
        if any(at_least(f.severity, fail_on.value) for f in outcome.report.findings):
            raise typer.Exit(1)


def _pairs(items: list[str]) -> dict[str, str]:
    """NAME=VALUE options as a dict; a malformed one is a usage error."""
    pairs = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            fail(f"--set expects NAME=VALUE, got {item!r}")
        pairs[name.strip()] = value
    return pairs


def _resolve(file: Path, output: Path, accept: bool, author: list[str] | None, in_place: bool) -> None:
    with guarded(str(file)):
        from draft_agreement.api import accept as do_accept
        from draft_agreement.api import reject as do_reject

        (do_accept if accept else do_reject)(file, output, authors=author or None, in_place=in_place)


AuthorFilter = Annotated[
    list[str] | None, typer.Option("--author", help="Only this author's changes; repeatable.")
]
OutputOption = Annotated[Path, typer.Option("--output", "-o", help="Where to write the result.")]
InPlaceOption = Annotated[bool, typer.Option("--in-place", help="Allow OUTPUT to be the input file itself.")]


@app.command()
def accept(
    file: Annotated[Path, typer.Argument()],
    output: OutputOption,
    author: AuthorFilter = None,
    in_place: InPlaceOption = False,
) -> None:
    """Accept tracked changes (all, or one author's)."""
    _resolve(file, output, True, author, in_place)


@app.command()
def reject(
    file: Annotated[Path, typer.Argument()],
    output: OutputOption,
    author: AuthorFilter = None,
    in_place: InPlaceOption = False,
) -> None:
    """Reject tracked changes (all, or one author's)."""
    _resolve(file, output, False, author, in_place)


rules_app = typer.Typer(help="List, show and test the clause library's rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


def _engines(extra: list[Path]) -> list[tuple[str, object]]:
    from draft_agreement.reviewing.engine import Engine

    return [(code, Engine.from_packs(extra, code)) for code in ("zh", "en")]


@rules_app.command("list")
def rules_list(rules: RulesOption = None) -> None:
    """Every rule: id, category, severity, title."""
    with guarded("rules"):
        for code, engine in _engines(rules or []):
            for rule in engine.rules():  # type: ignore[attr-defined]
                typer.echo(
                    f"{rule.id}\t{rule.category}\t{rule.severity}\t{rule.title.get(code) or rule.title['zh']}"
                )


@rules_app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument()], rules: RulesOption = None) -> None:
    """One rule in full: explanation, legal basis with the articles' text, examples."""
    with guarded("rules"):
        for code, engine in _engines(rules or []):
            for rule in engine.rules():  # type: ignore[attr-defined]
                if rule.id != rule_id:
                    continue
                typer.echo(f"{rule.id} [{rule.category}, {rule.severity}] ({rule.path})")
                typer.echo(rule.title.get(code) or rule.title["zh"])
                typer.echo(rule.explanation.get(code) or rule.explanation["zh"])
                for ref in rule.legal_basis:
                    c = engine.legal.cite(ref)  # type: ignore[attr-defined]
                    typer.echo(f"  {c.law} {c.article}: {c.quote}")
                for kind, examples in (("+", rule.positive), ("-", rule.negative)):
                    for example in examples:
                        typer.echo(f"  {kind} {example.text}")
                return
        fail(f"no rule with id {rule_id}")


@rules_app.command("test")
def rules_test(
    pack: Annotated[Path | None, typer.Argument(help="A rule pack to test (default: all packs).")] = None,
) -> None:
    """Run every example of every rule (or of one pack) and report failures; exit 1 if any fail."""
    with guarded(str(pack or "rules")):
        from draft_agreement.reviewing.examples import run_examples

        failures = total = 0
        for _code, engine in _engines([pack] if pack else []):
            chosen = [r for r in engine.rules() if pack is None or Path(r.path).resolve() == pack.resolve()]  # type: ignore[attr-defined]
            for result in run_examples(engine, chosen):  # type: ignore[arg-type]
                total += 1
                if not result.ok:
                    failures += 1
                    typer.echo(f"FAIL {result.rule} {result.kind}[{result.index}]: {result.detail}")
        typer.echo(f"{total - failures} passed, {failures} failed")
        if failures:
            raise typer.Exit(1)


def _register_extensions() -> None:
    """Commands that live beside their subsystem: serve (HTTP), draft/templates/compose (drafting)."""
    from draft_agreement.drafting.cli import register as register_drafting
    from draft_agreement.server.cli import register as register_server

    register_drafting(app)
    register_server(app)


_register_extensions()


def _run(entry: Callable[[], object]) -> None:
    try:
        entry()
    except KeyboardInterrupt:
        typer.echo("draft-agreement: interrupted", err=True)
        sys.exit(130)


def main() -> None:
    """Console-script entry point."""
    _run(app)
