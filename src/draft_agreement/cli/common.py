"""What every command shares: the one-line failure contract, option types and input expansion.

Nothing here imports another CLI module, so each command family (one module each) depends on this one
and the package's __init__ wires them into one typer app without an import cycle.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

EXIT_INPUT_ERROR = 2
T = TypeVar("T")


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


class ExecutorKind(StrEnum):
    local = "local"
    ray = "ray"


class DeletedClausesOption(StrEnum):
    renumber = "renumber"
    keep_number = "keep-number"


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
ExecutorOption = Annotated[
    ExecutorKind,
    typer.Option(
        "--executor",
        help='Where folder jobs run: local processes, or Ray (pip install "draft-agreement[ray]").',
    ),
]
AddressOption = Annotated[
    str | None,
    typer.Option(
        "--address",
        help="The Ray cluster for --executor ray: auto, or ray://HEAD:10001 (default: start one here).",
    ),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0,
        help="Seconds per file; a file still running then is refused (folders: 300 by default; 0: no limit).",
    ),
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


def batch_timeout(seconds: float | None) -> float | None:
    """The per-file limit for a batch: the default when not given, none for 0."""
    from draft_agreement.batch import DEFAULT_TIMEOUT

    if seconds is None:
        return DEFAULT_TIMEOUT
    return seconds or None


def check_address(executor: ExecutorKind, address: str | None) -> None:
    if address is not None and executor is not ExecutorKind.ray:
        fail("--address names a Ray cluster: it needs --executor ray")


def time_limited(seconds: float | None, subject: str, fn: Callable[[], T], output: Path | None = None) -> T:
    """fn() under a hard time limit: run in a forked child that is killed when the limit passes.

    A signal alarm cannot stop a regular expression stuck in C code; killing a process always works.
    The child's result comes back pickled through a pipe and its exit code (typer.Exit) becomes
    ours; an expired run is one line and exit 2, and a half-written `output` is removed.
    """
    if not seconds or not hasattr(os, "fork"):
        return fn()
    sys.stdout.flush()
    sys.stderr.flush()
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work and leave, never return into the parent's code
        os.close(readable)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to report
        code = 0
        try:
            data = pickle.dumps(fn())
            with os.fdopen(writable, "wb") as pipe:
                pipe.write(data)
        except typer.Exit as exc:
            code = exc.exit_code
        except BaseException:  # noqa: BLE001 - fn is guarded; nothing may escape a forked child
            code = EXIT_INPUT_ERROR
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)
    os.close(writable)
    try:
        data = _read_until(readable, time.monotonic() + seconds)
    except KeyboardInterrupt:
        _end(pid, output)
        fail("interrupted", 130)
    finally:
        os.close(readable)
    if data is None:
        _end(pid, output)
        fail(f"{subject}: could not be processed (still running after {seconds:g} s, the time limit)")
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if code < 0:
        fail(f"{subject}: could not be processed (the process stopped on signal {-code})")
    if code != 0:
        raise typer.Exit(code)
    return pickle.loads(data)


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything written to the pipe until the writer closes it, or None if the deadline passes."""
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _end(pid: int, output: Path | None) -> None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    if output is not None:
        from draft_agreement.atomicio import discard_partial

        discard_partial(output)


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
