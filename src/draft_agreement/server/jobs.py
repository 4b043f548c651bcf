"""What a server worker does with one uploaded file: review, redline or draft, through the Python API.

Runs inside a worker process. Every failure comes back as data (an HTTP status and the one-line
message the CLI would print), never as an exception, and messages name the client's file, never the
temporary path it was stored under.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from draft_agreement.errors import (
    DraftAgreementError,
    OutputError,
    RuleFileError,
    TemplateError,
    UnsupportedDocument,
)

REVIEW = "review"
REDLINE = "redline"
DRAFT = "draft"
COMPARE = "compare"
MEMO = "memo"


@dataclass(frozen=True)
class Job:
    """One request's work. `source` and `output` are paths inside the request's temporary folder."""

    kind: str
    source: str | None
    output: str | None
    shown: str  # the client's file name, used in messages and reports instead of `source`
    options: dict[str, Any] = field(default_factory=dict)
    second: str | None = None  # compare: the newer version (`source` is the older)
    second_shown: str | None = None


@dataclass(frozen=True)
class JobResult:
    status: int = 200
    report: dict[str, Any] | None = None
    counts: dict[str, int] | None = None
    error: str | None = None
    missing: list[dict[str, str]] | None = None  # a strict draft's missing values, for the page's form


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


def _message(job: Job, exc: BaseException) -> str:
    """The CLI's one-line message for `exc`, naming the upload as the client called it."""
    if isinstance(exc, UnsupportedDocument):
        text = str(UnsupportedDocument(job.shown, exc.reason, exc.hint))
    elif isinstance(exc, DraftAgreementError):
        text = _first_line(str(exc)) or type(exc).__name__
    else:
        text = f"{job.shown}: could not be processed ({type(exc).__name__}: {_first_line(str(exc))})"
    for private, shown in ((job.source, job.shown), (job.output, job.shown), (job.second, job.second_shown)):
        if private:
            text = text.replace(private, shown or job.shown)
    return _first_line(text)


def _status(exc: BaseException) -> int:
    if isinstance(exc, RuleFileError):
        return 500  # the server's rule packs are broken: not the upload's fault
    if isinstance(exc, (TemplateError, OutputError)):
        return 400
    return 422  # the upload itself cannot be processed: damaged, unsupported, hostile


def _language_of(source: Path | None) -> str:
    """The agreement's language for a drafted annex ("zh" without an agreement)."""
    from draft_agreement import api

    if source is None:
        return "zh"
    return "en" if api.review(source).language == "en" else "zh"


def _run(job: Job) -> JobResult:
    from draft_agreement import api

    if job.kind == REVIEW:
        assert job.source is not None
        report = api.review(job.source, **job.options).to_dict()
        report["file"] = job.shown
        return JobResult(report=report)
    if job.kind == REDLINE:
        assert job.source is not None and job.output is not None
        outcome = api.redline(job.source, job.output, **job.options)
        done = outcome.result
        report = outcome.report.to_dict()
        report["file"] = job.shown
        counts = {"revisions": done.revisions, "comments": done.comments, "paragraphs": done.paragraphs}
        return JobResult(report=report, counts=counts)
    if job.kind == DRAFT:
        assert job.output is not None
        from draft_agreement.drafting import draft
        from draft_agreement.drafting.resolve import FORM

        source = Path(job.source) if job.source else None
        lang = job.options.get("lang") or _language_of(source)
        result = draft(
            job.options["template"],
            Path(job.output),
            lang=lang,
            source=source,
            overrides=job.options.get("overrides") or None,
            strict=bool(job.options.get("strict")),
            wording=FORM,
        )
        report = result.to_dict()
        report.pop("output")  # a path in the request's temporary folder
        return JobResult(report=report)
    if job.kind == COMPARE:
        assert job.source is not None and job.second is not None and job.output is not None
        outcome = api.compare(job.source, job.second, job.output, **job.options)
        report = dict(outcome.report, old=job.shown, new=job.second_shown)
        return JobResult(report=report, counts=outcome.summary)
    if job.kind == MEMO:
        assert job.source is not None and job.output is not None
        # The memo is the output; the redline it explains is written beside it and left with the folder.
        redlined = Path(job.output).with_name("memo-redline.docx")
        outcome = api.redline(job.source, redlined, memo=job.output, **job.options)
        report = outcome.report.to_dict()
        report["file"] = job.shown
        return JobResult(report=report)
    raise ValueError(f"unknown job kind {job.kind!r}")


def execute(job: Job) -> JobResult:
    """Run `job`; a refusal or a failure becomes a 4xx result with the one-line message."""
    try:
        return _run(job)
    except Exception as exc:  # noqa: BLE001 - a bad upload must give a clear 4xx, never a traceback
        missing = getattr(exc, "missing", None)
        listed = [b.to_dict() for b in missing] if isinstance(exc, TemplateError) and missing else None
        return JobResult(status=_status(exc), error=_message(job, exc), missing=listed)
