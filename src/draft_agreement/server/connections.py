"""What uvicorn is told about connections: how long a request head may take, idle keep-alive, sizes.

uvicorn has no timeout on receiving a request: its keep-alive timer runs only between requests and
every byte received cancels it, so a connection that sends nothing, or a request head one byte a
minute, stays open for ever (200 such connections were held in a test). Here uvicorn's h11 protocol
gets a deadline for the request head: from the connection's first byte (or its opening) until the head
is complete; a connection that misses it is closed. The body has its own deadline, enforced where the
upload is read (uploads.py), so a trickled body gets an answer (408) rather than a closed socket.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from draft_agreement.server.settings import ServerSettings

log = logging.getLogger("draft_agreement.server")


class _HeadDeadline(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request head is not complete in time."""

    head_seconds = 10.0  # set per server by head_deadline_protocol

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._head_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and self._waiting_for_head():
            self._arm()  # the first byte of the next request on a kept-alive connection
        super().data_received(data)
        if not self._waiting_for_head():
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _waiting_for_head(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.head_seconds, self._expired)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _expired(self) -> None:
        self._head_timer = None
        if self._waiting_for_head() and not self.transport.is_closing():
            log.info("closed a connection that sent no complete request head in %g s", self.head_seconds)
            self.transport.close()


def head_deadline_protocol(seconds: float) -> type[H11Protocol]:
    """The protocol class for uvicorn's `http` option, with a request-head deadline of `seconds`."""
    return type("HeadDeadlineH11Protocol", (_HeadDeadline,), {"head_seconds": seconds})


def uvicorn_options(settings: ServerSettings) -> dict[str, Any]:
    """The keyword arguments for uvicorn.run / uvicorn.Config that enforce `settings`' connection limits."""
    return {
        "http": head_deadline_protocol(settings.head_timeout_seconds),
        "timeout_keep_alive": settings.keep_alive_seconds,
        "h11_max_incomplete_event_size": settings.max_head_bytes,
        "limit_concurrency": settings.max_connections,
        "server_header": False,
        "access_log": False,  # it logs query strings (a page token); our log line names the route only
    }
