"""The FastAPI application: the upload page, the JSON API and the safety rules around them.

Each request gets its own temporary folder, removed in a `finally` whatever happens; the document is
processed by a worker process (see workers.py). No handler logs a body or a file name: the one log
line per request names the method, the route, the status and the time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib.util
import logging
import shutil
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from datetime import datetime
from enum import StrEnum
from importlib import resources
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
from draft_agreement.server.jobs import DRAFT, REDLINE, REVIEW, Job, JobResult
from draft_agreement.server.settings import ServerSettings
from draft_agreement.server.uploads import Upload, UploadError, read_upload
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


def _page() -> tuple[str, str]:
    """The page as one self-contained HTML document, and its Content-Security-Policy.

    Script and style are inlined so a browser needs one request (which carries the token) and no
    network; the policy allows exactly those two inline blocks by hash.
    """
    static = resources.files("draft_agreement.server") / "static"
    script = (static / "app.js").read_text(encoding="utf-8")
    style = (static / "app.css").read_text(encoding="utf-8")
    html = (static / "index.html").read_text(encoding="utf-8")
    html = html.replace("/*STYLE*/", style).replace("/*SCRIPT*/", script)

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    inline_script = html.split("<script>", 1)[1].split("</script>", 1)[0]
    policy = (
        f"default-src 'none'; script-src {digest(inline_script)}; style-src {digest(style)}; "
        "connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )
    return html, policy


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
        if not given and scope["path"] == "/" and scope.get("method") == "GET":
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


_ROUTES = frozenset({"/", "/healthz", "/openapi.json", "/api/review", "/api/redline", "/api/draft"})


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


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """The application for `settings`; its worker processes start and stop with the app's lifespan."""
    settings = settings or ServerSettings()
    pool = WorkerPool(settings.workers, settings.max_waiting)
    page, policy = _page()
    drafting = importlib.util.find_spec("draft_agreement.drafting") is not None

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
        if exc.missing:  # a strict draft: the values the page's form must ask for
            return JSONResponse({"error": exc.message, "missing": exc.missing}, status_code=exc.status)
        return _error(exc.status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "query")
        return _error(400, f"{where}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    async def process(
        kind: str, upload: Upload | None, has_output: bool, options: dict[str, Any]
    ) -> tuple[JobResult, bytes | None]:
        """Store the upload in a fresh folder, run the job, read the output, and remove the folder."""
        folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=settings.temp_root))
        try:
            source = None
            if upload is not None:
                name_suffix = PurePosixPath(upload.name).suffix.lower()
                source = folder / ("upload" + (name_suffix if name_suffix in WORD_SUFFIXES else ".docx"))
                source.write_bytes(upload.data)
            output = folder / "output.docx" if has_output else None
            shown = upload.name if upload is not None else "template"
            job = Job(kind, str(source) if source else None, str(output) if output else None, shown, options)
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

    @app.get("/", include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(page, headers={"content-security-policy": policy})

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

    async def _upload(request: Request, required: bool = True) -> Upload | None:
        try:
            return await read_upload(request, settings.max_upload_bytes, required)
        except UploadError as exc:
            raise ApiError(exc.status, exc.message) from None

    app.add_middleware(_Guard, token=settings.token)
    return app
