"""`draft-agreement review` and `redline`: one file, several files, or folders in parallel workers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from draft_agreement.cli.common import (
    EXIT_INPUT_ERROR,
    AddressOption,
    BatchReportOption,
    ConvertOption,
    DeletedClausesOption,
    ExcludeOption,
    ExecutorKind,
    ExecutorOption,
    FailOnOption,
    GlobOption,
    JobsOption,
    KeepGoingOption,
    LangOption,
    RedlineMode,
    ResumeOption,
    ReviewFormat,
    RulesOption,
    Severity,
    TimeoutOption,
    batch_timeout,
    check_address,
    echo_blanks,
    expand_inputs,
    explain_lang,
    fail,
    guarded,
    parse_pairs,
    time_limited,
    write_json,
)


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
    boxed: Annotated[
        bool | None,
        typer.Option("--box/--no-box", help="Table borders (default: only on a terminal)."),
    ] = None,
    convert_doc: ConvertOption = False,
    glob: GlobOption = None,
    exclude: ExcludeOption = None,
    jobs: JobsOption = None,
    report: BatchReportOption = None,
    resume: ResumeOption = False,
    keep_going: KeepGoingOption = False,
    timeout: TimeoutOption = None,
    executor: ExecutorOption = ExecutorKind.local,
    address: AddressOption = None,
) -> None:
    """Flag clauses that hand over accounts, credentials or other people's personal information.

    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 an input could not be read.
    Several files give JSON Lines with --format json. Folders (or any batch option) run in parallel
    workers with a progress bar, an optional JSON Lines report and --resume.
    """
    import json

    check_address(executor, address)
    batch = any(f.is_dir() for f in files) or bool(glob or exclude or jobs or report or resume or keep_going)
    batch = batch or executor is not ExecutorKind.local
    if batch and format in (ReviewFormat.table, ReviewFormat.json):
        with guarded("review"):
            from draft_agreement.cli.batch import review_paths

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
                lang=explain_lang(lang),
                show_pii=show_pii,
                jsonl_stdout=format is ReviewFormat.json,
                timeout=batch_timeout(timeout),
                executor=executor.value,
                address=address,
            )
        raise typer.Exit(code)

    from draft_agreement.reviewing.findings import Report, at_least
    from draft_agreement.reviewing.rules import language_code
    from draft_agreement.reviewing.run import review as review_file

    reports = []
    refused = 0

    def review_one(path: Path) -> Report:
        with guarded(str(path)):
            return review_file(
                path, rules=rules or [], lang=explain_lang(lang), show_pii=show_pii, convert_doc=convert_doc
            )

    for path in expand_inputs(files):
        try:
            reports.append(time_limited(timeout, str(path), lambda: review_one(path)))  # noqa: B023
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
            typer.echo(render_markdown(report, language_code(explain_lang(lang) or report.language)))
    else:
        from rich.console import Console

        from draft_agreement.report.table import render_table

        console = Console()
        for report in reports:
            render_table(report, console, language_code(explain_lang(lang) or report.language), boxed)
    if refused:
        raise typer.Exit(EXIT_INPUT_ERROR)
    if any(at_least(f.severity, fail_on.value) for r in reports for f in r.findings):
        raise typer.Exit(1)


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
    deleted_clauses: Annotated[
        DeletedClausesOption,
        typer.Option(
            "--deleted-clauses",
            help="renumber: a deleted clause goes with its paragraph (automatic numbers renumber; typed or "
            "cited numbers stay as 第四条（本条删除）); keep-number: every deleted clause keeps its number.",
        ),
    ] = DeletedClausesOption.renumber,
    fail_on: FailOnOption = Severity.medium,
    rules: RulesOption = None,
    lang: LangOption = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the review report (JSON) here.")
    ] = None,
    memo: Annotated[
        Path | None,
        typer.Option(
            "--memo",
            help="Also write the review memo here (.docx, or .md for Markdown): the deal, each finding "
            "with the quoted statutes, what is left to decide.",
        ),
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
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Refuse (exit 2) when an attached annex would have marked blanks."),
    ] = False,
    convert_doc: ConvertOption = False,
    glob: GlobOption = None,
    exclude: ExcludeOption = None,
    jobs: JobsOption = None,
    resume: ResumeOption = False,
    keep_going: KeepGoingOption = False,
    timeout: TimeoutOption = None,
    executor: ExecutorOption = ExecutorKind.local,
    address: AddressOption = None,
) -> None:
    """Write tracked replacements and explanatory comments into the lawyer's own Word file.

    With several inputs or folders, OUTPUT is a folder that mirrors the input tree, and --report is
    a JSON Lines report of the batch.
    """
    check_address(executor, address)
    if len(files) > 1 or files[0].is_dir() or executor is not ExecutorKind.local:
        if memo is not None:
            fail("--memo takes one input file (a memo per agreement): redline the files one by one")
        with guarded("redline"):
            from draft_agreement.cli.batch import redline_paths

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
                lang=explain_lang(lang),
                deleted_clauses=deleted_clauses.value,
                timeout=batch_timeout(timeout),
                executor=executor.value,
                address=address,
            )
        raise typer.Exit(code)
    file = files[0]
    annexes = [name.strip() for name in attach.split(",") if name.strip()] if attach else []
    values = parse_pairs(set_values or [])

    def redline_one() -> RedlineOutcome:
        with guarded(str(file)):
            return run_redline(
                file,
                output,
                attach=annexes,
                attach_values=values,
                attach_strict=strict,
                convert_doc=convert_doc,
                mode=mode.value,
                author=author,
                date=date,
                min_severity=min_severity.value,
                rules=rules or [],
                lang=explain_lang(lang),
                in_place=in_place,
                memo=memo,
                deleted_clauses=deleted_clauses.value,
            )

    from draft_agreement.redlining.pipeline import RedlineOutcome
    from draft_agreement.redlining.pipeline import redline as run_redline
    from draft_agreement.reviewing.findings import at_least

    outcome = time_limited(timeout, str(file), redline_one, output)
    with guarded(str(file)):
        if report is not None:
            write_json(report, outcome.report_dict())
        r = outcome.result
        counts = ", ".join(f"{k} {v}" for k, v in outcome.report.summary.items())
        typer.echo(
            f"{output}: {r.revisions} tracked change(s), {r.comments} comment(s) "
            f"in {r.paragraphs} paragraph(s); {counts}",
            err=True,
        )
        if memo is not None:
            typer.echo(f"  memo: {memo}", err=True)
        for annex in outcome.annexes:
            typer.echo(
                f"  {annex.label}: {annex.template}, {len(annex.blanks)} blank(s) to complete", err=True
            )
            echo_blanks(annex.blanks, f" ({annex.label})")
        if any(at_least(f.severity, fail_on.value) for f in outcome.report.findings):
            raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add `review` and `redline` to the command line."""
    app.command()(review)
    app.command()(redline)
