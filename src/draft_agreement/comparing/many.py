"""Compare folders of pairs: OLD_DIR and NEW_DIR, files matched by their path under each folder.

The batch machinery is reused as it is: select_files chooses the Word files of each folder,
run_jobs runs one job per pair in spawned workers (a pair that kills a worker is blamed alone), and
each pair's outcome is plain data, so one bad file never stops the folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from draft_agreement.batch import default_jobs, select_files
from draft_agreement.batch_pool import run_jobs
from draft_agreement.errors import DraftAgreementError, OutputError, UnsupportedDocument


@dataclass(frozen=True)
class PairJob:
    relative: str
    old: Path
    new: Path
    output: Path
    options: dict[str, Any]


@dataclass(frozen=True)
class PairOutcome:
    """One file's result: compared (with its summary), refused (with the one-line error), or unpaired
    (it is in one folder only: a document added or removed, nothing to compare it with)."""

    relative: str
    output: str | None = None
    summary: dict[str, int] | None = None
    error: str | None = None
    only_in: str | None = None  # "old" or "new" for an unpaired file

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_line(self) -> dict[str, Any]:
        line: dict[str, Any] = {"file": self.relative, "output": self.output}
        if self.only_in is not None:
            line.update(status="unpaired", only_in=self.only_in)
        elif self.error is not None:
            line.update(status="refused", error=self.error)
        else:
            line.update(status="compared", summary=self.summary)
        return line


def _first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _work(job: PairJob) -> PairOutcome:
    """Compare one pair in a worker; every failure becomes data."""
    from draft_agreement.comparing.files import compare_files

    relative = job.relative
    try:
        job.output.parent.mkdir(parents=True, exist_ok=True)
        outcome = compare_files(job.old, job.new, job.output, **job.options)
        return PairOutcome(relative, str(job.output), outcome.summary)
    except (UnsupportedDocument, DraftAgreementError) as exc:
        return PairOutcome(relative, None, error=_first_line(exc))
    except Exception as exc:  # noqa: BLE001 - one bad pair must never stop the folder
        return PairOutcome(
            relative, None, error=f"could not be processed ({type(exc).__name__}: {_first_line(exc)})"
        )


def _crashed(job: PairJob) -> PairOutcome:
    return PairOutcome(
        job.relative, None, error=f"{job.relative}: could not be processed (the worker process stopped)"
    )


def compare_folders(
    old_dir: str | os.PathLike[str],
    new_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    **options: Any,
) -> Iterator[PairOutcome]:
    """Compare every file of `new_dir` with the file at the same relative path in `old_dir`; yields
    one outcome per file of either folder (a file on one side only is reported, not compared)."""
    old_dir, new_dir, out_dir = Path(old_dir), Path(new_dir), Path(out_dir)
    for folder in (old_dir, new_dir):
        if out_dir.resolve().is_relative_to(folder.resolve()):
            raise OutputError(f"{out_dir}: output folder is inside the input folder {folder}")
    olds = {s.relative: s.path for s in select_files([old_dir])}
    news = {s.relative: s.path for s in select_files([new_dir])}
    todo: list[PairJob] = []
    for relative in sorted(set(olds) | set(news)):
        if relative not in olds or relative not in news:
            yield PairOutcome(str(relative), only_in="new" if relative in news else "old")
            continue
        output = out_dir.joinpath(*PurePosixPath(relative).parts)
        todo.append(PairJob(str(relative), olds[relative], news[relative], output, options))
    workers = min(jobs or default_jobs(), max(1, len(todo)))
    for _, outcome in run_jobs(todo, _work, _crashed, workers):
        yield outcome
