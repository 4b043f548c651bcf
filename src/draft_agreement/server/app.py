"""The FastAPI application: the upload page, the JSON API and the safety rules around them.

Each request gets its own temporary folder, removed in a `finally` whatever happens; the document is
processed by a worker process (see workers.py). No handler logs a body or a file name: the one log
line per request names the method, the route, the status and the time.
"""

from __future__ import annotations

import asyncio
import base64
import hmac
import importlib.util
import logging
import shutil
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Annotated, Any
from urllib.parse import parse_qs, quote

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from draft_agreement import __version__
from draft_agreement.batch import WORD_SUFFIXES
from draft_agreement.server.jobs import COMPARE, DRAFT, MEMO, REDLINE, REVIEW, Job, JobResult
from draft_agreement.server.page import (
    MODES,
    Download,
    Draft,
    PageState,
    Results,
    page_language,
    page_words,
    render,
    shell,
)
from draft_agreement.server.settings import ServerSettings
from draft_agreement.server.uploads import Upload, UploadError, read_form, read_upload, read_uploads
from draft_agreement.server.workers import Busy, JobTimeout, WorkerPool, WorkerStopped

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMP_PREFIX = "draft-agreement-request-"
log = logging.getLogger("draft_agreement.server")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary", "description": "A .docx"}},
            }
        }
    },
}
_OPTIONAL_UPLOAD_BODY = {**_UPLOAD_BODY, "required": False}
_PAIR_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["old", "new"],
                "properties": {
                    "old": {
                        "type": "string",
                        "format": "binary",
                        "description": "The earlier version (.docx)",
                    },
                    "new": {"type": "string", "format": "binary", "description": "The later version (.docx)"},
                },
            }
        }
    },
}
_DOCX_RESPONSE = {
    200: {
        "content": {DOCX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        "description": "A .docx",
    }
}
_ERRORS = {
    code: {"description": why, "content": {"application/json": {"example": {"error": "one line"}}}}
    for code, why in (
        (400, "Malformed request"),
        (401, "Missing or wrong bearer token"),
        (408, "The upload did not arrive within the server's time limit"),
        (413, "Upload larger than the limit"),
        (415, "Not a multipart upload"),
        (422, "The document cannot be processed; the message is the one the CLI prints"),
        (503, "Every worker is busy and the waiting line is full"),
    )
}


class ApiError(Exception):
    def __init__(self, status: int, message: str, missing: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.missing = missing


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class Mode(StrEnum):
    track = "track"
    comments = "comments"
    clean = "clean"


class Granularity(StrEnum):
    word = "word"
    char = "char"


class DraftFormat(StrEnum):
    docx = "docx"
    json = "json"


class Severity(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class _Guard:
    """ASGI middleware: bearer token, no-store and no-sniff headers, one content-free log line."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    def _allowed(self, scope: Scope) -> bool:
        if self.token is None or scope["path"] == "/healthz":
            return True
        given = ""
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                scheme, _, credentials = value.decode("latin-1").partition(" ")
                if scheme.lower() == "bearer":
                    given = credentials.strip()
        if not given and (scope["path"], scope.get("method")) in _PAGE_ROUTES:  # a browser's page and form
            given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
        return bool(given) and hmac.compare_digest(given.encode(), self.token.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers += [
                    (b"cache-control", b"no-store"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message["headers"] = headers
            await send(message)

        try:
            if self._allowed(scope):
                await self.app(scope, receive, send_with_headers)
            else:
                response = _error(
                    401,
                    "this server needs a token: send 'Authorization: Bearer TOKEN' "
                    "(or open the page as /?token=TOKEN)",
                    {"www-authenticate": 'Bearer realm="draft-agreement"'},
                )
                await response(scope, receive, send_with_headers)
        finally:
            route = scope["path"] if scope["path"] in _ROUTES else "(other)"
            log.info(
                "%s %s %d %.0f ms", scope.get("method"), route, status, 1000 * (time.perf_counter() - started)
            )


_PAGE_ROUTES = frozenset({("/", "GET"), ("/results", "POST")})
_UNREAD_BODY = frozenset({400, 408, 413, 415})  # refusals made before the body was read to its end
_ROUTES = frozenset(
    {
        "/",
        "/results",
        "/healthz",
        "/openapi.json",
        "/api/review",
        "/api/redline",
        "/api/draft",
        "/api/compare",
        "/api/memo",
    }
)


def _download_name(shown: str, suffix: str) -> str:
    stem = PurePosixPath(shown).stem or "document"
    return f"{stem}.{suffix}.docx"


def _attachment(name: str) -> str:
    """Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987)."""
    fallback = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


def _check_date(date: str | None) -> None:
    if date is None:
        return
    try:
        datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(400, f"date: {date[:40]!r} is not an ISO date (e.g. 2026-01-01T00:00:00Z)") from None


def _assignment(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name.strip():
        raise ApiError(400, f"set: expected NAME=VALUE, got {item[:40]!r}")
    return name.strip(), value


def _templates() -> tuple[tuple[str, dict[str, str]], ...]:
    """The drafting templates the page offers to attach: (name, title per language)."""
    from draft_agreement.drafting.catalog import list_templates

    return tuple((template.name, dict(template.title)) for template in list_templates())


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """The application for `settings`; its worker processes start and stop with the app's lifespan."""
    settings = settings or ServerSettings()
    pool = WorkerPool(settings.workers, settings.max_waiting)
    policy = shell().policy
    drafting = importlib.util.find_spec("draft_agreement.drafting") is not None
    templates = _templates() if drafting else ()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.stop()

    app = FastAPI(
        title="draft-agreement",
        version=__version__,
        description=(
            "Review and redline Word agreements that hand over accounts, credentials or other people's "
            "personal information. Upload a .docx as multipart field `file`; options are query parameters. "
            'Errors are JSON `{"error": "..."}` with the one-line message the CLI prints.'
        ),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.pool = pool
    app.state.settings = settings
    bearer = [Depends(HTTPBearer(auto_error=False))]  # documents the scheme; _Guard enforces it

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        # A refused upload may still be arriving: close the connection after the answer, or a client
        # trickling the rest would hold it open.
        headers = {"connection": "close"} if exc.status in _UNREAD_BODY else None
        if exc.missing:  # a strict draft: the values the page's form must ask for
            body = {"error": exc.message, "missing": exc.missing}
            return JSONResponse(body, status_code=exc.status, headers=headers)
        return _error(exc.status, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "query")
        return _error(400, f"{where}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    async def process(
        kind: str,
        upload: Upload | None,
        has_output: bool,
        options: dict[str, Any],
        second: Upload | None = None,
    ) -> tuple[JobResult, bytes | None]:
        """Store the upload(s) in a fresh folder, run the job, read the output, and remove the folder."""
        folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=settings.temp_root))
        try:
            stored = []
            for n, item in enumerate((upload, second)):
                if item is None:
                    stored.append(None)
                    continue
                name_suffix = PurePosixPath(item.name).suffix.lower()
                path = folder / (
                    f"upload{n or ''}" + (name_suffix if name_suffix in WORD_SUFFIXES else ".docx")
                )
                path.write_bytes(item.data)
                stored.append(path)
            source, other = stored
            output = folder / "output.docx" if has_output else None
            shown = upload.name if upload is not None else "template"
            job = Job(
                kind,
                str(source) if source else None,
                str(output) if output else None,
                shown,
                options,
                str(other) if other else None,
                second.name if second is not None else None,
            )
            try:
                result = await pool.run(job, settings.timeout_seconds, settings.wait_seconds)
            except Busy:
                raise ApiError(503, "the server is busy; try again in a minute") from None
            except JobTimeout:
                raise ApiError(
                    422, f"{shown}: took longer than the server's limit of {settings.timeout_seconds:g} s"
                ) from None
            except WorkerStopped:
                raise ApiError(422, f"{shown}: could not be processed (the worker process stopped)") from None
            if result.error is not None:
                raise ApiError(result.status, result.error, result.missing)
            data = output.read_bytes() if output is not None else None
            return result, data
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def html(state: PageState, status: int = 200) -> HTMLResponse:
        headers = {"content-security-policy": policy}
        if status in _UNREAD_BODY:
            headers["connection"] = "close"
        return HTMLResponse(render(state), status_code=status, headers=headers)

    @app.get("/", include_in_schema=False)
    async def index(request: Request) -> HTMLResponse:
        lang, chosen = page_language(request.query_params.get("lang"), request.headers.get("accept-language"))
        return html(PageState(lang, chosen, request.query_params.get("token"), templates=templates))

    @app.post("/results", include_in_schema=False)
    async def results(request: Request) -> HTMLResponse:
        """The page's form, posted without script or with: the results page with its downloads inside."""
        query_lang = request.query_params.get("lang")
        lang, chosen = page_language(query_lang, request.headers.get("accept-language"))
        state = PageState(lang, chosen, request.query_params.get("token"), templates=templates)
        try:
            form = await read_form(
                request, settings.max_upload_bytes, ("file", "old"), settings.body_timeout_seconds
            )
        except UploadError as exc:
            return html(replace(state, error=exc.message), exc.status)
        mode = form.first("mode", "track")
        mode = mode if mode in MODES else "track"
        known = {name for name, _ in templates}
        attach = tuple(dict.fromkeys(name for name in form.fields.get("attach", []) if name in known))
        memo = form.first("memo", "") == "1"
        state = replace(state, mode=mode, attach=attach, memo=memo)
        upload = form.files.get("file")
        if upload is None:
            return html(replace(state, error="no file: choose a Word agreement (.docx)"), 400)
        try:
            shown = await _results(
                upload, form.files.get("old"), mode, attach, memo, lang if chosen else None
            )
        except ApiError as exc:
            return html(replace(state, error=exc.message), exc.status)
        if not chosen:  # the page follows the document unless the reader chose a language
            lang = "zh" if shown.report["language"].startswith("zh") else "en"
        return html(replace(state, lang=lang, results=shown))

    async def _results(
        upload: Upload,
        old: Upload | None,
        mode: str,
        attach: tuple[str, ...],
        memo: bool,
        lang: str | None,
    ) -> Results:
        """The redline in `mode` (its report is the review), then at once: the clean version, the drafts,
        the comparison with `old`, the review memo."""
        redline_options = {"lang": lang, "author": "draft-agreement", "date": None, "min_severity": "medium"}
        main, data = await process(REDLINE, upload, True, {**redline_options, "mode": mode})
        assert main.report is not None and data is not None
        report = dict(main.report, file=upload.name)
        ui = lang or ("zh" if report["language"].startswith("zh") else "en")
        words = page_words(ui)
        suffix = {"track": "redlined", "comments": "commented", "clean": "clean"}[mode]
        downloads = [
            Download(
                "download-clean" if mode == "clean" else "download-redline",
                words["download_" + mode],
                _download_name(upload.name, suffix),
                data,
            )
        ]
        later: list[Awaitable[tuple[JobResult, bytes | None]]] = []
        if mode != "clean":
            later.append(process(REDLINE, upload, True, {**redline_options, "mode": "clean"}))
        for name in attach:
            draft_options = {"template": name, "lang": None, "overrides": {}, "strict": False}
            later.append(process(DRAFT, upload, True, draft_options))
        if old is not None:
            compare_options = {
                "author": "draft-agreement",
                "date": None,
                "granularity": "word",
                "review": False,
                "lang": lang,
            }
            later.append(process(COMPARE, old, True, compare_options, upload))
        if memo:
            later.append(process(MEMO, upload, True, {**redline_options, "mode": mode}))
        done = iter(await asyncio.gather(*later))
        if mode != "clean":
            _, clean = next(done)
            assert clean is not None
            downloads.append(
                Download(
                    "download-clean", words["download_clean"], _download_name(upload.name, "clean"), clean
                )
            )
        drafts = []
        titles = dict(templates)
        stem = PurePosixPath(upload.name).stem
        for name in attach:
            drafted, docx = next(done)
            assert drafted.report is not None and docx is not None
            title = titles[name].get(ui, name)
            blanks = list(drafted.report["blanks"])
            drafts.append(Draft(name, title, blanks))
            note = f"{len(blanks)} {words['blanks']}" if blanks else ""
            element = "download-consent" if name == "consent-notice" else f"download-draft-{name}"
            downloads.append(
                Download(element, f"{words['download_draft']} {title}", f"{stem}.{name}.docx", docx, note)
            )
        if old is not None:
            _, compared = next(done)
            assert compared is not None
            downloads.append(
                Download(
                    "download-compare",
                    words["download_compare"],
                    _download_name(upload.name, "compared"),
                    compared,
                )
            )
        if memo:
            _, written = next(done)
            assert written is not None
            downloads.append(Download("download-memo", words["download_memo"], f"{stem}.memo.docx", written))
        return Results(report, downloads, drafts)

    @app.get("/healthz", summary="Liveness and worker availability (no token needed)")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", **pool.stats()}

    @app.post(
        "/api/review",
        summary="Review an agreement: findings as JSON",
        description="The report of `draft-agreement review --format json`; `file` is the upload's name.",
        openapi_extra={"requestBody": _UPLOAD_BODY},
        responses=_ERRORS,
        dependencies=bearer,
    )
    async def review(
        request: Request,
        lang: Annotated[
            Lang | None, Query(description="Language of explanations (default: the document's)")
        ] = None,
        show_pii: Annotated[bool, Query(description="Do not mask ID, phone and card numbers")] = False,
    ) -> JSONResponse:
        upload = await _upload(request)
        options = {"lang": lang.value if lang else None, "show_pii": show_pii}
        result, _ = await process(REVIEW, upload, False, options)
        return JSONResponse(result.report)

    @app.post(
        "/api/redline",
        summary="Redline an agreement: the .docx with tracked changes and comments",
        description=(
            "Returns the redlined .docx. Headers `X-Revisions`, `X-Comments` and `X-Findings-High` etc. "
            "summarise what was done. `mode=clean` returns the accepted text without mark-up."
        ),
        openapi_extra={"requestBody": _UPLOAD_BODY},
        responses={**_DOCX_RESPONSE, **_ERRORS},
        response_class=Response,
        dependencies=bearer,
    )
    async def redline(
        request: Request,
        mode: Annotated[Mode, Query()] = Mode.track,
        lang: Annotated[
            Lang | None, Query(description="Language of comments (default: the document's)")
        ] = None,
        author: Annotated[str, Query(max_length=100)] = "draft-agreement",
        date: Annotated[str | None, Query(description="ISO date; fixed = reproducible output")] = None,
        min_severity: Annotated[Severity, Query()] = Severity.medium,
    ) -> Response:
        _check_date(date)
        upload = await _upload(request)
        options = {
            "mode": mode.value,
            "lang": lang.value if lang else None,
            "author": author,
            "date": date,
            "min_severity": min_severity.value,
        }
        result, data = await process(REDLINE, upload, True, options)
        assert upload is not None and data is not None and result.report is not None
        headers = {
            "content-disposition": _attachment(
                _download_name(upload.name, "redlined" if mode != Mode.clean else "clean")
            ),
            **{f"x-{k}": str(v) for k, v in (result.counts or {}).items()},
            **{f"x-findings-{k}": str(v) for k, v in result.report["summary"].items()},
        }
        return Response(data, media_type=DOCX_TYPE, headers=headers)

    @app.post(
        "/api/memo",
        summary="The review memo of an agreement's redline (.docx)",
        description=(
            "The memo `draft-agreement redline --memo` writes: the deal, the governing-law and signing-date "
            "notes, each finding with the statutes quoted, and what the lawyer must still decide. Headers "
            "`X-Findings-High` etc. summarise the review."
        ),
        openapi_extra={"requestBody": _UPLOAD_BODY},
        responses={**_DOCX_RESPONSE, **_ERRORS},
        response_class=Response,
        dependencies=bearer,
    )
    async def memo(
        request: Request,
        lang: Annotated[
            Lang | None, Query(description="Language of the memo (default: the document's)")
        ] = None,
        show_pii: Annotated[bool, Query(description="Do not mask ID, phone and card numbers")] = False,
    ) -> Response:
        upload = await _upload(request)
        options = {"lang": lang.value if lang else None, "show_pii": show_pii}
        result, data = await process(MEMO, upload, True, options)
        assert upload is not None and data is not None and result.report is not None
        headers = {
            "content-disposition": _attachment(f"{PurePosixPath(upload.name).stem or 'document'}.memo.docx"),
            **{f"x-findings-{k}": str(v) for k, v in result.report["summary"].items()},
        }
        return Response(data, media_type=DOCX_TYPE, headers=headers)

    @app.post(
        "/api/draft",
        summary="Draft a document from a template, pre-filled from an uploaded agreement",
        description=(
            "`template=consent-notice` with the agreement as `file` gives its consent notice. Facts the "
            "agreement does not give are marked blanks in the draft; header `X-Blanks` counts them. "
            "`format=json` returns `{template, lang, variant, blanks: [{name, label, description}], "
            "prefilled, sources, withheld, filename, docx}` with the draft base64-encoded in `docx`. "
            '`strict=true` refuses instead: 400 `{"error", "missing": [{name, label, description}]}`.'
        ),
        openapi_extra={"requestBody": _OPTIONAL_UPLOAD_BODY},
        responses={**_DOCX_RESPONSE, **_ERRORS, 501: {"description": "Drafting is not installed"}},
        response_class=Response,
        dependencies=bearer,
    )
    async def draft(
        request: Request,
        template: Annotated[str, Query(max_length=100, pattern=r"^[A-Za-z0-9._-]+$")] = "consent-notice",
        lang: Annotated[Lang | None, Query(description="Default: the agreement's language")] = None,
        values: Annotated[
            list[str] | None,
            Query(
                alias="set",
                max_length=50,
                description="NAME=VALUE for a value the agreement lacks; repeatable",
            ),
        ] = None,
        strict: Annotated[bool, Query(description="Refuse instead of leaving marked blanks")] = False,
        format: Annotated[DraftFormat, Query(description="docx, or json with the blanks")] = DraftFormat.docx,
    ) -> Response:
        if not drafting:
            raise ApiError(501, "drafting is not available in this installation")
        overrides = dict(_assignment(item) for item in values or ())
        upload = await _upload(request, required=False)
        options = {
            "template": template,
            "lang": lang.value if lang else None,
            "overrides": overrides,
            "strict": strict,
        }
        result, data = await process(DRAFT, upload, True, options)
        assert data is not None and result.report is not None
        stem = PurePosixPath(upload.name).stem + "." if upload is not None else ""
        filename = f"{stem}{template}.docx"
        if format == DraftFormat.json:
            body = {**result.report, "filename": filename, "docx": base64.b64encode(data).decode("ascii")}
            return JSONResponse(body)
        return Response(
            data,
            media_type=DOCX_TYPE,
            headers={
                "content-disposition": _attachment(filename),
                "x-blanks": str(len(result.report["blanks"])),
            },
        )

    @app.post(
        "/api/compare",
        summary="Compare two versions: the newer .docx with tracked changes from the older",
        description=(
            "Upload `old` and `new`. Returns `new` with tracked changes by `author` that take `old` to it "
            "(accept all: new; reject all: old); other authors' changes and comments in `new` are kept. "
            "Headers `X-Inserted`, `X-Deleted`, `X-Changed`, `X-Moved`, `X-Formatting` count the changes; "
            "with `review=true`, risky insertions are commented and `X-Risky-Changes` counts them."
        ),
        openapi_extra={"requestBody": _PAIR_BODY},
        responses={**_DOCX_RESPONSE, **_ERRORS},
        response_class=Response,
        dependencies=bearer,
    )
    async def compare(
        request: Request,
        author: Annotated[str, Query(max_length=100)] = "draft-agreement",
        date: Annotated[str | None, Query(description="ISO date; fixed = reproducible output")] = None,
        granularity: Annotated[Granularity, Query()] = Granularity.word,
        review: Annotated[bool, Query(description="Review and comment risky insertions")] = False,
        lang: Annotated[Lang | None, Query(description="Language of comments")] = None,
    ) -> Response:
        _check_date(date)
        try:
            files = await read_uploads(
                request, settings.max_upload_bytes, ("old", "new"), settings.body_timeout_seconds
            )
        except UploadError as exc:
            raise ApiError(exc.status, exc.message) from None
        options = {
            "author": author,
            "date": date,
            "granularity": granularity.value,
            "review": review,
            "lang": lang.value if lang else None,
        }
        result, data = await process(COMPARE, files["old"], True, options, files["new"])
        assert data is not None and result.report is not None
        headers = {
            "content-disposition": _attachment(_download_name(files["new"].name, "compared")),
            **{f"x-{k}": str(v) for k, v in (result.counts or {}).items()},
        }
        if review:
            headers["x-risky-changes"] = str(result.report["review"]["risky_changes"])
        return Response(data, media_type=DOCX_TYPE, headers=headers)

    async def _upload(request: Request, required: bool = True) -> Upload | None:
        try:
            return await read_upload(
                request, settings.max_upload_bytes, required, settings.body_timeout_seconds
            )
        except UploadError as exc:
            raise ApiError(exc.status, exc.message) from None

    app.add_middleware(_Guard, token=settings.token)
    return app
