"""Read one multipart upload into memory, refusing it as soon as it passes the size limit.

Starlette's own form parsing spools file parts over 1 MB to an anonymous file in the system temp
folder; here the body is counted while it streams and the file part is kept in memory, so an upload
only ever reaches disk in the request's own temporary folder, which is always removed. The body must
arrive within a deadline (uvicorn has none), and a client that goes away mid-upload is a 400, not a
server error.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from pathlib import PurePosixPath

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect, Request

FIELD = "file"
_MULTIPART_OVERHEAD = 64 * 1024  # boundaries, part headers and the small option fields
_MAX_FIELDS = 16
_MAX_FIELD_BYTES = 64 * 1024
_NAME_LIMIT = 120
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\"\\/:*?<>|]")
# Bidirectional controls (embeddings, overrides, isolates, marks): "invoice\u202excod.docx" shows as
# "invoicedocx.doc" in a report or a browser's download bar. They have no place in a file name.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class UploadError(Exception):
    """A request the server refuses before any work: an HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Upload:
    name: str  # the client's file name, made safe to show and to put in a header
    data: bytes


def safe_name(raw: str | None, fallback: str = "upload.docx") -> str:
    """The last path component of a client-supplied name, without control or path characters."""
    leaf = PurePosixPath(_BIDI.sub("", raw or "").replace("\\", "/")).name
    cleaned = _UNSAFE_NAME.sub("_", leaf).strip(" .")
    if len(cleaned) > _NAME_LIMIT:
        stem, dot, suffix = cleaned.rpartition(".")
        cleaned = stem[: _NAME_LIMIT - len(suffix) - 1] + dot + suffix if dot else cleaned[:_NAME_LIMIT]
    return cleaned or fallback


def _too_large(limit: int) -> UploadError:
    return UploadError(413, f"upload is larger than the server's limit of {limit / (1 << 20):g} MB")


class _InMemoryParser(MultiPartParser):
    """Starlette's parser with the spool threshold above the upload limit: file parts stay in memory."""

    def __init__(
        self, request: Request, stream: AsyncGenerator[bytes, None], limit: int, files: int = 1
    ) -> None:
        super().__init__(
            request.headers, stream, max_files=files, max_fields=_MAX_FIELDS, max_part_size=_MAX_FIELD_BYTES
        )
        self.spool_max_size = files * limit + _MULTIPART_OVERHEAD


async def _bounded(
    request: Request, limit: int, seconds: float, files: int = 1
) -> AsyncGenerator[bytes, None]:
    """The body as it streams, refused past `files` × `limit` bytes or when it takes more than `seconds`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    chunks = request.stream().__aiter__()
    received = 0
    while True:
        try:
            chunk = await asyncio.wait_for(anext(chunks), max(deadline - loop.time(), 0.0))
        except StopAsyncIteration:
            return
        except TimeoutError:
            raise UploadError(
                408, f"the upload did not arrive within the server's limit of {seconds:g} s"
            ) from None
        received += len(chunk)
        if received > files * limit + _MULTIPART_OVERHEAD:
            raise _too_large(limit)
        yield chunk


async def read_upload(
    request: Request, limit: int, required: bool = True, seconds: float = 60.0
) -> Upload | None:
    """The uploaded file (multipart field "file"); None when it is optional and not sent.

    Options travel as query parameters, so other form fields are ignored. The whole body must arrive
    within `seconds`.
    """
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        if not required and not content_type:
            return None
        raise UploadError(415, "send the document as multipart/form-data with a field named 'file'")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + _MULTIPART_OVERHEAD:
        raise _too_large(limit)
    stream = _bounded(request, limit, seconds)
    try:
        form = await _InMemoryParser(request, stream, limit).parse()
    except MultiPartException as exc:
        raise UploadError(400, f"malformed multipart upload ({exc.message})") from None
    except ClientDisconnect:
        raise UploadError(400, "the client disconnected before the upload was complete") from None
    finally:
        await stream.aclose()
    part = form.get(FIELD)
    if not isinstance(part, UploadFile):
        await form.close()
        if required:
            raise UploadError(400, "no file: send the document in a multipart field named 'file'")
        return None
    data = await part.read()
    await form.close()
    if len(data) > limit:
        raise _too_large(limit)
    return Upload(safe_name(part.filename), data)


async def read_uploads(
    request: Request, limit: int, fields: tuple[str, ...], seconds: float = 60.0
) -> dict[str, Upload]:
    """Several uploaded files at once (compare: fields "old" and "new"), each within `limit`, the whole
    body within `seconds`."""
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise UploadError(415, f"send the documents as multipart/form-data with fields {', '.join(fields)}")
    declared = request.headers.get("content-length")
    if (
        declared is not None
        and declared.isdigit()
        and int(declared) > len(fields) * limit + _MULTIPART_OVERHEAD
    ):
        raise _too_large(limit)
    stream = _bounded(request, limit, seconds, len(fields))
    try:
        form = await _InMemoryParser(request, stream, limit, len(fields)).parse()
    except MultiPartException as exc:
        raise UploadError(400, f"malformed multipart upload ({exc.message})") from None
    except ClientDisconnect:
        raise UploadError(400, "the client disconnected before the upload was complete") from None
    finally:
        await stream.aclose()
    found: dict[str, Upload] = {}
    try:
        for name in fields:
            part = form.get(name)
            if not isinstance(part, UploadFile):
                raise UploadError(400, f"no file: send the documents in multipart fields {', '.join(fields)}")
            data = await part.read()
            if len(data) > limit:
                raise _too_large(limit)
            found[name] = Upload(safe_name(part.filename), data)
    finally:
        await form.close()
    return found


@dataclass(frozen=True)
class Form:
    """The upload page's form: its files (an empty file field counts as not sent) and its text fields."""

    files: dict[str, Upload]
    fields: dict[str, list[str]]

    def first(self, name: str, default: str = "") -> str:
        return (self.fields.get(name) or [default])[0]


async def read_form(
    request: Request, limit: int, file_fields: tuple[str, ...], seconds: float = 60.0
) -> Form:
    """The page's multipart form: up to one file per name in `file_fields`, each within `limit`, and the
    small option fields; the whole body within `seconds`."""
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise UploadError(415, "send the form as multipart/form-data")
    count = len(file_fields)
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > count * limit + _MULTIPART_OVERHEAD:
        raise _too_large(limit)
    stream = _bounded(request, limit, seconds, count)
    try:
        form = await _InMemoryParser(request, stream, limit, count).parse()
    except MultiPartException as exc:
        raise UploadError(400, f"malformed multipart upload ({exc.message})") from None
    except ClientDisconnect:
        raise UploadError(400, "the client disconnected before the upload was complete") from None
    finally:
        await stream.aclose()
    files: dict[str, Upload] = {}
    fields: dict[str, list[str]] = {}
    try:
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                if name not in file_fields or name in files:
                    continue
                data = await value.read()
                if len(data) > limit:
                    raise _too_large(limit)
                if data or value.filename:
                    files[name] = Upload(safe_name(value.filename), data)
            else:
                fields.setdefault(name, []).append(value)
    finally:
        await form.close()
    return Form(files, fields)
