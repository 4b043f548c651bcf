"""The folder side of `draft-agreement review` and `redline`: progress, report file, summary, exit code.

The commands in cli/review.py call review_paths / redline_paths when given folders; everything here writes to
stderr, so stdout stays free for the JSON Lines stream (`jsonl_stdout`). A rich progress bar with
files/s and ETA is drawn on a terminal, one plain line per file otherwise (logs, CI).
"""

from __future__ import annotations

import json
import signal
import sys
import time
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from draft_agreement.batch import (
    DEFAULT_TIMEOUT,
    BatchItem,
    BatchSummary,
    JsonlReport,
    redline_selected,
    review_selected,
    safe_text,
    select_files,
)
from draft_agreement.errors import DraftAgreementError

EXIT_INTERRUPTED = 130
_REFUSED_ROWS = 20  # the closing table names this many refused files; the report has them all


class _FilesPerSecond(ProgressColumn):
    """Files per second over the recent window rich keeps for its speed estimate."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} files/s" if speed else "-- files/s", style="progress.data.speed")


def _describe(item: BatchItem) -> str:
    """One line per file; a refusal's message already starts with the file's name."""
    if item.error is not None:
        return ("done earlier, refused: " if item.resumed else "refused: ") + safe_text(item.error)
    counts = ", ".join(f"{k} {v}" for k, v in (item.summary or {}).items() if v) or "no findings"
    where = f" -> {safe_text(str(item.output))}" if item.output is not None and not item.resumed else ""
    return f"{safe_text(str(item.path))}: " + ("done earlier: " if item.resumed else "") + counts + where


class _Reporter:
    """Draws progress and writes the report as items arrive; `summary` holds the totals."""

    def __init__(self, console: Console, total: int, report: JsonlReport | None, jsonl_stdout: bool) -> None:
        self.console = console
        self.total = total
        self.report = report
        self.jsonl_stdout = jsonl_stdout
        self.summary = BatchSummary()
        self.started = time.perf_counter()

    def consume(self, items: Iterator[BatchItem]) -> None:
        if not self.console.is_terminal:
            for item in items:
                self._record(item)
                self.console.print(
                    f"[{self.summary.files}/{self.total}] {_describe(item)}",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
            return
        columns = (
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _FilesPerSecond(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=self.console, transient=False) as progress:
            task = progress.add_task("files", total=self.total)
            for item in items:
                self._record(item)
                if item.error is not None and not item.resumed:
                    progress.console.print(escape(_describe(item)))
                progress.advance(task)

    def _record(self, item: BatchItem) -> None:
        self.summary.add(item)
        if not item.needs_line:
            return
        if self.report is not None:
            self.report.write(item)
        if self.jsonl_stdout:
            sys.stdout.write(json.dumps(item.to_line(), ensure_ascii=False) + "\n")
            sys.stdout.flush()

    def print_summary(self, report_path: Path | None, interrupted: bool) -> None:
        s = self.summary
        elapsed = time.perf_counter() - self.started
        table = Table(title="interrupted: partial summary" if interrupted else "summary", show_header=False)
        table.add_column("what")
        table.add_column("value", justify="right")
        table.add_row("files", f"{s.files} of {self.total}")
        if s.resumed:
            table.add_row("done in an earlier run", str(s.resumed))
        table.add_row("refused", str(len(s.refused)))
        for severity in ("high", "medium", "low", "info"):
            table.add_row(
                f"findings {severity}", f"{s.findings[severity]} in {s.files_with[severity]} file(s)"
            )
        fresh = s.files - s.resumed
        if fresh and elapsed > 0:
            table.add_row("speed", f"{fresh / elapsed:.1f} files/s")
        if report_path is not None:
            table.add_row("report", escape(str(report_path)))
        self.console.print(table)
        if s.refused:
            refused = Table(title="refused files", show_lines=False)
            refused.add_column("file", overflow="fold")
            refused.add_column("why", overflow="fold")
            for path, why in s.refused[:_REFUSED_ROWS]:
                refused.add_row(escape(safe_text(str(path))), escape(safe_text(why)))
            if len(s.refused) > _REFUSED_ROWS:
                refused.add_row(f"... and {len(s.refused) - _REFUSED_ROWS} more (see the report)", "")
            self.console.print(refused)
        if interrupted:
            hint = "with --resume" if report_path is not None else "with --report FILE --resume next time"
            self.console.print(
                f"draft-agreement: interrupted; run the same command again {hint}", markup=False
            )


def _check_resume(report: Path | None, resume: bool) -> None:
    if resume and report is None:
        raise DraftAgreementError("--resume needs --report FILE.jsonl (the report records what is done)")


def _drive(
    items: Generator[BatchItem, None, None],
    total: int,
    report: Path | None,
    resume: bool,
    keep_going: bool,
    fail_on: str,
    jsonl_stdout: bool,
) -> int:
    console = Console(stderr=True)
    writer = JsonlReport(report, resume=resume) if report is not None else None
    reporter = _Reporter(console, total, writer, jsonl_stdout)
    try:
        reporter.consume(items)
    except KeyboardInterrupt:
        # A second Ctrl-C while the workers are being stopped ends the process at once.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        items.close()
        reporter.print_summary(report, interrupted=True)
        return EXIT_INTERRUPTED
    finally:
        if writer is not None:
            writer.close()
    reporter.print_summary(report, interrupted=False)
    return reporter.summary.exit_code(fail_on, keep_going)


def review_paths(
    inputs: Sequence[Path],
    *,
    report: Path | None = None,
    resume: bool = False,
    glob: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    jobs: int | None = None,
    keep_going: bool = False,
    fail_on: str = "medium",
    timeout: float | None = DEFAULT_TIMEOUT,
    executor: str = "local",
    address: str | None = None,
    rules: Sequence[Path] = (),
    lang: str | None = None,
    show_pii: bool = False,
    jsonl_stdout: bool = False,
) -> int:
    """Review files and folders in parallel; returns the exit code (0, 1, 2, or 130 if interrupted)."""
    _check_resume(report, resume)
    selected = select_files(inputs, glob, exclude)
    items = review_selected(
        selected,
        jobs=jobs,
        resume_report=report if resume else None,
        timeout=timeout,
        executor=executor,
        address=address,
        rules=rules,
        lang=lang,
        show_pii=show_pii,
    )
    return _drive(items, len(selected), report, resume, keep_going, fail_on, jsonl_stdout)


def redline_paths(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    report: Path | None = None,
    resume: bool = False,
    glob: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    jobs: int | None = None,
    keep_going: bool = False,
    fail_on: str = "medium",
    timeout: float | None = DEFAULT_TIMEOUT,
    executor: str = "local",
    address: str | None = None,
    mode: str = "track",
    author: str = "draft-agreement",
    date: str | None = None,
    min_severity: str = "medium",
    rules: Sequence[Path] = (),
    lang: str | None = None,
    show_pii: bool = False,
    deleted_clauses: str = "renumber",
) -> int:
    """Redline files and folders into `out_dir` (mirroring the input tree); returns the exit code."""
    _check_resume(report, resume)
    if not out_dir.is_dir():
        if out_dir.exists():
            raise DraftAgreementError(f"{out_dir}: is not a folder (with folders, -o names an output folder)")
        out_dir.mkdir(parents=True)
    selected = select_files(inputs, glob, exclude)
    items = redline_selected(
        selected,
        out_dir,
        jobs=jobs,
        resume_report=report if resume else None,
        timeout=timeout,
        executor=executor,
        address=address,
        mode=mode,
        author=author,
        date=date,
        min_severity=min_severity,
        rules=rules,
        lang=lang,
        show_pii=show_pii,
        deleted_clauses=deleted_clauses,
    )
    return _drive(items, len(selected), report, resume, keep_going, fail_on, False)
