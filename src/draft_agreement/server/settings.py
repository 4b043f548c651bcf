"""The server's limits in one place, so the CLI, the tests and the load benchmark set the same knobs."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MB = 1 << 20


def _default_workers() -> int:
    from draft_agreement.batch import default_jobs

    return default_jobs()


@dataclass(frozen=True)
class ServerSettings:
    """Limits and access for one server.

    `workers` is the concurrency limit: that many documents are processed at once, each in its own
    process; up to `max_waiting` further requests wait up to `wait_seconds` for a free worker and are
    then told the server is busy. A document that takes longer than `timeout_seconds` has its worker
    stopped and replaced. Uploads live in a per-request folder under `temp_root`, always removed.

    Connections: a request head (request line and headers, at most `max_head_bytes`) must arrive within
    `head_timeout_seconds` or the connection is closed; the body within `body_timeout_seconds` of the
    head or the answer is 408; an idle kept-alive connection is closed after `keep_alive_seconds`; past
    `max_connections` open connections, new requests are answered 503.
    """

    token: str | None = None
    max_upload_bytes: int = 20 * MB
    workers: int = field(default_factory=_default_workers)
    timeout_seconds: float = 60.0
    max_waiting: int = 100
    wait_seconds: float = 120.0
    temp_root: Path = field(default_factory=lambda: Path(tempfile.gettempdir()))
    head_timeout_seconds: float = 10.0
    body_timeout_seconds: float = 60.0
    keep_alive_seconds: int = 5
    max_head_bytes: int = 16 * 1024
    max_connections: int = 256
