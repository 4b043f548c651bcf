"""Review or redline whole folders: selection, parallel workers, a resumable JSON Lines report.

A data room holds thousands of files, some of them broken. One bad file never stops a batch: it
becomes a result with its one-line error, like a good file's findings. Results are streamed as a
generator, so a pipeline can route each file as it finishes; the API never prints.

    >>> from draft_agreement.batch import review_many
    >>> for item in review_many(["data-room/"], exclude=["drafts"], jobs=2):   # doctest: +SKIP
    ...     print(item.path, item.error or item.summary)

Jobs run on an executor: local worker processes (batch_pool) or Ray actors on a cluster (batch_ray),
with the same contract: one job per input, a per-file time limit, and a file that kills or hangs its
worker becomes one refusal. `execute` takes any job kind with its module-level work function.

The report has one line per file, appended and flushed as each file finishes, so an interrupted run
leaves a consistent report and `resume_report=` continues where it stopped: files whose content hash
already has a line are not read again.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from draft_agreement.atomicio import discard_partial
from draft_agreement.batch_pool import Failure, WorkersFailed, run_jobs
from draft_agreement.errors import DraftAgreementError, OutputError, RuleFileError, UnsupportedDocument

WORD_SUFFIXES = (".docx", ".dotx", ".docm", ".doc")
EXECUTORS = ("local", "ray")
# Seconds per file in a batch. A 20,000-paragraph agreement takes seconds; a file still running after
# five minutes is hostile or broken, and must not hold a worker for ever.
DEFAULT_TIMEOUT = 300.0
_OWNER_FILE_PREFIX = "~$"  # Word's lock files beside an open document: not documents
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:/")  # s3://, gs://… (a Path keeps one slash of the two)
_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3}

__all__ = [
    "BatchItem",
    "BatchSummary",
    "DEFAULT_TIMEOUT",
    "EXECUTORS",
    "JsonlReport",
    "Selected",
    "WORD_SUFFIXES",
    "default_jobs",
    "mirrored_outputs",
    "read_report",
    "redline_many",
    "redline_selected",
    "review_many",
    "review_selected",
    "safe_text",
    "select_files",
]


def safe_text(text: str) -> str:
    """`text` with the undecodable bytes of a file name (surrogate escapes) shown as \\xNN.

    A data room extracted from an archive can hold names that are not UTF-8; they must reach the
    report and the terminal readably instead of stopping the batch with an encoding error.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


@dataclass(frozen=True)
class Selected:
    """A file chosen for the batch and where it sits under the folder it was found in (None: given)."""

    path: Path
    relative: PurePosixPath
    folder: Path | None = None


@dataclass(frozen=True)
class BatchItem:
    """One file's result: its findings (report) or the one-line error that refused it.

    `resumed` items come from an earlier run's report: they carry the stored summary or error but
    no report, as the file was not read again. `same_as` names the file whose line they reuse when
    the report has their content only under another name (a duplicate in the data room).
    """

    path: Path
    sha256: str | None
    report: dict[str, Any] | None = None
    summary: dict[str, int] | None = None
    error: str | None = None
    reason: str | None = None
    output: Path | None = None
    redline: dict[str, int] | None = None
    resumed: bool = False
    same_as: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def needs_line(self) -> bool:
        """Whether the report lacks a line for this file (every file gets exactly one)."""
        return not self.resumed or self.same_as is not None

    def to_line(self) -> dict[str, Any]:
        """The report line: identity and outcome first, then the review report's own fields."""
        line: dict[str, Any] = {"file": safe_text(str(self.path)), "sha256": self.sha256}
        if self.output is not None:
            line["output"] = safe_text(str(self.output))
        if self.same_as is not None:
            line["same_as"] = safe_text(self.same_as)
        if self.error is not None:
            line.update(status="refused", error=safe_text(self.error), reason=self.reason)
            return line
        line["status"] = "redlined" if self.redline is not None else "reviewed"
        if self.redline is not None:
            line["redline"] = self.redline
        line.update({k: v for k, v in (self.report or {}).items() if k != "file"})
        if "summary" not in line:
            line["summary"] = self.summary
        return line


@dataclass
class BatchSummary:
    """Running totals over a batch: what the closing table shows and what the exit code depends on."""

    files: int = 0
    resumed: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    files_with: Counter[str] = field(default_factory=Counter)  # files with at least one such finding
    refused: list[tuple[Path, str]] = field(default_factory=list)

    def add(self, item: BatchItem) -> None:
        self.files += 1
        self.resumed += item.resumed
        if item.error is not None:
            self.refused.append((item.path, item.reason or item.error))
            return
        counts = {k: v for k, v in (item.summary or {}).items() if v}
        self.findings.update(counts)
        self.files_with.update(counts.keys())

    def reaches(self, threshold: str) -> bool:
        """Whether any file has a finding at or above `threshold`."""
        return any(n and _RANK[s] >= _RANK[threshold] for s, n in self.findings.items())

    def exit_code(self, fail_on: str, keep_going: bool = False) -> int:
        """2 if a file was refused (unless keep_going), else 1 if findings reach fail_on, else 0."""
        if self.refused and not keep_going:
            return 2
        return 1 if self.reaches(fail_on) else 0


def default_jobs() -> int:
    """The CPUs this process may run on (the affinity mask, not the machine's total)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _matches(pattern: str, relative: PurePosixPath) -> bool:
    """A pattern with a slash matches the path under the folder; one without, the name alone."""
    target = str(relative) if "/" in pattern else relative.name
    return fnmatch.fnmatchcase(target.lower(), pattern.lower())


def _excluded(relative: PurePosixPath, patterns: Sequence[str]) -> bool:
    return any(_matches(p, relative) for p in patterns)


def select_files(
    paths: Iterable[str | os.PathLike[str]],
    glob: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
) -> list[Selected]:
    """Files given directly, plus files found recursively in folders, each once, in a stable order.

    In folders, a file is chosen when its name (or its path under the folder, for a pattern with a
    slash) matches any `glob` pattern, by default any Word suffix; matching ignores case. `exclude`
    patterns drop files and whole sub-folders the same way. Word's "~$" lock files are skipped.
    Symbolic links to folders are not followed, so a link cannot make the walk loop.
    """
    wanted = list(glob) if glob else [f"*{suffix}" for suffix in WORD_SUFFIXES]
    unwanted = list(exclude or ())
    seen: set[Path] = set()
    chosen: list[Selected] = []

    def add(path: Path, relative: PurePosixPath, folder: Path | None) -> None:
        key = path.absolute()
        if key not in seen:
            seen.add(key)
            chosen.append(Selected(path, relative, folder))

    for given in map(Path, paths):
        if not given.exists() and _URI.match(os.fspath(given)):
            raise DraftAgreementError(
                f"{safe_text(os.fspath(given))}: object-store URIs are not read directly; mount the bucket "
                "(s3fs, gcsfuse, Mountpoint for Amazon S3) on every node and give the mounted path"
            )
        if not given.is_dir():
            add(given, PurePosixPath(given.name), None)
            continue
        for folder, subfolders, names in os.walk(given):
            here = PurePosixPath(Path(folder).relative_to(given).as_posix())
            subfolders[:] = sorted(d for d in subfolders if not _excluded(here / d, unwanted))
            for name in sorted(names):
                relative = here / name
                if name.startswith(_OWNER_FILE_PREFIX) or _excluded(relative, unwanted):
                    continue
                if any(_matches(p, relative) for p in wanted):
                    add(Path(folder) / name, relative, given)
    return chosen


def _first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


class NotRegularFile(OSError):
    """A FIFO, device or socket with a Word name: opening or reading it could block forever."""


def _sha256(path: Path) -> str:
    """The content hash, read only after the open handle proves to be a regular file.

    O_NONBLOCK makes the open itself return at once even for a FIFO with no writer, and fstat on
    the handle (not a stat of the name before it) leaves no window for the entry to be swapped.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with open(fd, "rb", closefd=True) as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"not a regular file ({_file_kind(mode)})")
        os.set_blocking(fd, True)
        return hashlib.file_digest(handle, "sha256").hexdigest()


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _file_kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def _unreadable(path: Path, exc: OSError) -> _Outcome:
    if isinstance(exc, NotRegularFile):
        return _Outcome(None, error=f"{path}: {exc}", reason="not a regular file")
    return _Outcome(None, error=f"{path}: cannot be read ({exc.strerror or exc})", reason="unreadable")


@dataclass(frozen=True)
class _Job:
    """What a worker needs for one file; plain data, so it pickles cheaply."""

    path: Path
    output: Path | None
    options: dict[str, Any]


@dataclass(frozen=True)
class _Outcome:
    sha256: str | None
    report: dict[str, Any] | None = None
    redline: dict[str, int] | None = None
    error: str | None = None
    reason: str | None = None
    fatal: bool = False  # a broken rule pack: every file would fail the same way


def _prepare() -> None:
    """Import the engine once per worker, before its first file."""
    import draft_agreement.redlining.pipeline  # noqa: F401


def _work(job: _Job) -> _Outcome:
    """Review (or redline) one file in a worker; every failure becomes data, never an exception."""
    from draft_agreement.redlining.pipeline import redline
    from draft_agreement.reviewing.run import review

    try:
        digest = _sha256(job.path)
    except OSError as exc:
        return _unreadable(job.path, exc)
    try:
        if job.output is None:
            report = review(job.path, **job.options)
            return _Outcome(digest, report.to_dict())
        job.output.parent.mkdir(parents=True, exist_ok=True)
        outcome = redline(job.path, job.output, **job.options)
        done = outcome.result
        counts = {"revisions": done.revisions, "comments": done.comments, "paragraphs": done.paragraphs}
        return _Outcome(digest, outcome.report.to_dict(), counts)
    except RuleFileError as exc:
        return _Outcome(digest, error=_first_line(exc), reason="rule pack", fatal=True)
    except UnsupportedDocument as exc:
        return _Outcome(digest, error=_first_line(exc), reason=exc.reason)
    except DraftAgreementError as exc:
        return _Outcome(digest, error=_first_line(exc), reason=type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the batch
        message = f"{job.path}: could not be processed ({type(exc).__name__}: {_first_line(exc)})"
        return _Outcome(digest, error=message, reason=type(exc).__name__)


def _failed(job: _Job, why: Failure, timeout: float | None = None) -> _Outcome:
    """The line for a file that killed its worker or ran out of time; the hash is taken here."""
    try:
        digest: str | None = _sha256(job.path)
    except OSError:
        digest = None
    if job.output is not None:
        discard_partial(job.output)  # a worker killed mid-write leaves its temporary file
    if why is Failure.timed_out:
        limit = f"{timeout:g} s" if timeout is not None else "the time limit"
        message = f"{job.path}: could not be processed (still running after {limit}, the time limit)"
        return _Outcome(digest, error=message, reason="timeout")
    message = f"{job.path}: could not be processed (the worker process stopped while reading it)"
    return _Outcome(digest, error=message, reason="worker stopped")


def _item(job: _Job, outcome: _Outcome) -> BatchItem:
    if outcome.fatal:
        raise DraftAgreementError(outcome.error or "rule pack error")
    report = outcome.report
    return BatchItem(
        path=job.path,
        sha256=outcome.sha256,
        report=report,
        summary=report["summary"] if report else None,
        error=outcome.error,
        reason=outcome.reason,
        output=job.output,
        redline=outcome.redline,
    )


def _stored(
    line: dict[str, Any], path: Path, sha256: str, output: Path | None, same_as: str | None
) -> BatchItem:
    return BatchItem(
        path=path,
        sha256=sha256,
        summary=line.get("summary"),
        error=line.get("error"),
        reason=line.get("reason"),
        output=output,
        redline=line.get("redline"),
        resumed=True,
        same_as=same_as,
    )


def read_report(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The complete lines of a JSON Lines report; a line cut short by a crash is skipped."""
    report = Path(path)
    if not report.exists():
        return
    with report.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                return
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            if (
                isinstance(line, dict)
                and isinstance(line.get("file"), str)
                and (isinstance(line.get("sha256"), str) or line.get("sha256", 0) is None)
            ):
                yield line


def _done_lines(
    report: str | os.PathLike[str] | None, by_output: bool
) -> tuple[dict[Any, dict[str, Any]], set[str]]:
    """Earlier results by content hash (and output path, for a redline: the copy must exist there),
    and the files that already have a line.

    A file refused before it could be hashed (a symbolic-link loop, a named pipe) is keyed by its
    name instead, so resuming does not give it a second line. Only what the summary needs is kept,
    so resuming a 50,000-file report stays small in memory.
    """
    done: dict[Any, dict[str, Any]] = {}
    recorded: set[str] = set()
    if report is None:
        return done, recorded
    keep = ("file", "summary", "error", "reason", "redline")
    for line in read_report(report):
        digest = line["sha256"] if line["sha256"] is not None else ("unread", line["file"])
        key = (digest, line.get("output")) if by_output else digest
        done[key] = {k: line[k] for k in keep if k in line}
        recorded.add(line["file"])
    return done, recorded


def _run(
    selected: Sequence[Selected],
    outputs: Sequence[Path | None],
    options: dict[str, Any],
    jobs: int | None,
    resume_report: str | os.PathLike[str] | None,
    timeout: float | None,
    executor: str,
    address: str | None,
) -> Generator[BatchItem, None, None]:
    by_output = any(o is not None for o in outputs)
    done, recorded = _done_lines(resume_report, by_output)
    todo: list[_Job] = []
    for chosen, output in zip(selected, outputs, strict=True):
        if done:
            name = safe_text(str(chosen.path))
            try:
                digest: Any = _sha256(chosen.path)
            except OSError:
                digest = ("unread", name)
            key = (digest, safe_text(str(output)) if output else None) if by_output else digest
            if key in done:
                stored = done[key]
                same_as = None if name in recorded else stored.get("file")
                yield _stored(
                    stored, chosen.path, digest if isinstance(digest, str) else None, output, same_as
                )
                continue
        todo.append(_Job(chosen.path, output, options))
    on_failure = functools.partial(_failed, timeout=timeout)
    try:
        for job, outcome in execute(todo, _work, on_failure, jobs, timeout, executor, address):
            yield _item(job, outcome)
    except WorkersFailed as exc:
        if executor != "local":
            raise DraftAgreementError(str(exc)) from None
        raise DraftAgreementError(
            f'{exc} (a script calling the batch API needs `if __name__ == "__main__":` around its code, '
            "because workers are spawned and re-import it; or use jobs=1)"
        ) from None


def execute(
    todo: Sequence[Any],
    work: Callable[[Any], Any],
    on_failure: Callable[[Any, Failure], Any],
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    executor: str = "local",
    address: str | None = None,
) -> Iterator[tuple[Any, Any]]:
    """Run `work` over every job on the chosen executor: (job, result) pairs in completion order.

    A job is plain data about one input (a path, or a pair of them for a comparison) and `work` a
    module-level function that never raises, so any job kind runs on either executor unchanged.
    """
    if executor == "local":
        workers = min(jobs or default_jobs(), max(1, len(todo)))
        return run_jobs(todo, work, on_failure, workers, timeout, _prepare)
    if executor == "ray":
        from draft_agreement.batch_ray import run_jobs as run_on_ray

        return run_on_ray(todo, work, on_failure, jobs, timeout, _prepare, address)
    raise DraftAgreementError(f"unknown executor {executor!r} (choose one of: {', '.join(EXECUTORS)})")


def review_selected(
    selected: Sequence[Selected],
    *,
    jobs: int | None = None,
    resume_report: str | os.PathLike[str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    executor: str = "local",
    address: str | None = None,
    rules: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
    show_pii: bool = False,
) -> Generator[BatchItem, None, None]:
    """review_many over files already chosen with select_files (a caller that needs the count first)."""
    options = {"rules": [str(r) for r in rules], "lang": lang, "show_pii": show_pii}
    yield from _run(
        selected, [None] * len(selected), options, jobs, resume_report, timeout, executor, address
    )


def review_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    glob: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    jobs: int | None = None,
    resume_report: str | os.PathLike[str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    executor: str = "local",
    address: str | None = None,
    rules: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
    show_pii: bool = False,
) -> Generator[BatchItem, None, None]:
    """Review every selected file (see select_files) with `jobs` workers (default: the CPUs).

    `executor` "local" runs worker processes here; "ray" runs Ray actors on the cluster at `address`
    ("auto", "ray://head:10001"; None starts a local Ray). A file still running after `timeout`
    seconds (None: no limit) becomes a refusal, as does one that kills its worker. Items come in
    completion order. Files whose content hash already has a line in `resume_report`
    are yielded first, marked `resumed`, without being read again.
    """
    selected = select_files(paths, glob, exclude)
    yield from review_selected(
        selected,
        jobs=jobs,
        resume_report=resume_report,
        timeout=timeout,
        executor=executor,
        address=address,
        rules=rules,
        lang=lang,
        show_pii=show_pii,
    )


def mirrored_outputs(selected: Sequence[Selected], out_dir: Path) -> list[Path]:
    """Where each file's redline goes: the same place under `out_dir` as under its input folder.

    Refuses an output folder inside an input folder (a later run would read the copies as inputs)
    and two inputs that would land on the same output.
    """
    target = out_dir.resolve()
    for folder in {s.folder for s in selected if s.folder is not None}:
        if target.is_relative_to(folder.resolve()):
            raise OutputError(
                f"{out_dir}: output folder is inside the input folder {folder} "
                "(choose an output folder outside it)"
            )
    outputs = [out_dir.joinpath(*s.relative.parts) for s in selected]
    inputs = {s.path.resolve() for s in selected}
    seen: dict[Path, Path] = {}
    for chosen, output in zip(selected, outputs, strict=True):
        key = output.resolve()
        if key in inputs:
            raise OutputError(f"{output}: refusing to overwrite the input (choose another output folder)")
        if key in seen:
            raise OutputError(
                f"{output}: both {seen[key]} and {chosen.path} would be written here "
                "(give them separate runs or output folders)"
            )
        seen[key] = chosen.path
    return outputs


def redline_selected(
    selected: Sequence[Selected],
    out_dir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    resume_report: str | os.PathLike[str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    executor: str = "local",
    address: str | None = None,
    mode: str = "track",
    author: str = "draft-agreement",
    date: str | None = None,
    min_severity: str = "medium",
    rules: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
    show_pii: bool = False,
    deleted_clauses: str = "renumber",
) -> Generator[BatchItem, None, None]:
    """redline_many over files already chosen with select_files.

    Output paths are checked before any file is read, so a bad output folder fails at once.
    """
    outputs = mirrored_outputs(selected, Path(out_dir))
    options = {
        "mode": mode,
        "author": author,
        "date": date,
        "min_severity": min_severity,
        "rules": [str(r) for r in rules],
        "lang": lang,
        "show_pii": show_pii,
        "deleted_clauses": deleted_clauses,
    }
    return _run(selected, list(outputs), options, jobs, resume_report, timeout, executor, address)


def redline_many(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    glob: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    jobs: int | None = None,
    resume_report: str | os.PathLike[str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    executor: str = "local",
    address: str | None = None,
    mode: str = "track",
    author: str = "draft-agreement",
    date: str | None = None,
    min_severity: str = "medium",
    rules: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
    show_pii: bool = False,
    deleted_clauses: str = "renumber",
) -> Generator[BatchItem, None, None]:
    """Redline every selected file into `out_dir`, mirroring the input tree; inputs are never written.

    Resuming skips a file only when the report has a line for its content hash *and* its output path.
    """
    return redline_selected(
        select_files(paths, glob, exclude),
        out_dir,
        jobs=jobs,
        resume_report=resume_report,
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


class JsonlReport:
    """Append-only JSON Lines report: one line per file, flushed as soon as the file is done.

    Opening with `resume=True` keeps earlier lines and drops a last line cut short by a crash, so
    the report stays one complete line per file; otherwise the file starts empty.
    """

    def __init__(self, path: str | os.PathLike[str], resume: bool = False) -> None:
        self.path = Path(path)
        if resume and self.path.exists():
            _drop_partial_line(self.path)
            self._handle: IO[str] = self.path.open("a", encoding="utf-8", newline="\n")
        else:
            self._handle = self.path.open("w", encoding="utf-8", newline="\n")

    def write(self, item: BatchItem) -> None:
        self._handle.write(json.dumps(item.to_line(), ensure_ascii=False) + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> JsonlReport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _drop_partial_line(path: Path) -> None:
    """Truncate after the last newline: a write cut off mid-line must not glue onto the next one."""
    with path.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        end = size
        while end > 0:
            start = max(0, end - 65536)
            handle.seek(start)
            chunk = handle.read(end - start)
            at = chunk.rfind(b"\n")
            if at >= 0:
                end = start + at + 1
                break
            end = start
        if end != size:
            handle.truncate(end)
