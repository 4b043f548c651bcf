"""Slow and vanishing clients against a real `draft-agreement serve` (uvicorn) on 127.0.0.1.

Raw sockets, because an HTTP client library would not send half a request: connections that send
nothing, request heads one byte at a time, bodies trickled, uploads abandoned half way. Each must end
within its deadline, with an answer where one can be given, and the server log must stay one quiet line
per request: no traceback.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server needs FastAPI")
pytest.importorskip("uvicorn", reason="these tests run a real uvicorn")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "wechat-account-transfer.zh.docx"
HOST = "127.0.0.1"
HEAD_SECONDS = 1.0
BODY_SECONDS = 2.0
BOUNDARY = "----draftagreementtest"


@dataclass
class Server:
    port: int
    process: subprocess.Popen[str]
    log: Path
    temp: Path

    def connect(self) -> socket.socket:
        sock = socket.create_connection((HOST, self.port), timeout=10)
        sock.settimeout(10)
        return sock

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("slow-clients")
    log = folder / "server.log"
    temp = folder / "tmp"
    temp.mkdir()
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(temp)}
    args = ["serve", "--port", str(port), "--workers", "1", "--head-timeout", str(HEAD_SECONDS)]
    args += ["--body-timeout", str(BODY_SECONDS)]
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "draft_agreement", *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
            text=True,
        )
    server = Server(port, process, log, temp)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with server.connect() as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if b" 200 " in _read_all(sock):
                    break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(f"the server did not start: {log.read_text()}")
    try:
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, TimeoutError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _closed_by_server(sock: socket.socket, within: float) -> float:
    """Seconds until the server closed `sock` (recv gives EOF or a reset), failing after `within`."""
    started = time.monotonic()
    sock.settimeout(within)
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        pass
    except TimeoutError:
        pytest.fail(f"the connection was still open after {within} s")
    return time.monotonic() - started


def _multipart(name: str, data: bytes) -> bytes:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{BOUNDARY}--\r\n".encode()


def _request_head(path: str, length: int) -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()


def _healthy(server: Server) -> bool:
    with server.connect() as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        return b" 200 " in _read_all(sock)


def test_two_hundred_silent_connections_are_closed_by_the_head_deadline(server: Server) -> None:
    sockets = [server.connect() for _ in range(200)]
    try:
        assert _healthy(server)  # they do not block anyone meanwhile
        started = time.monotonic()
        for sock in sockets:
            _closed_by_server(sock, within=HEAD_SECONDS + 10)
        assert time.monotonic() - started < HEAD_SECONDS + 10
    finally:
        for sock in sockets:
            sock.close()
    assert _healthy(server)


def test_a_request_head_sent_one_byte_at_a_time_is_cut_off(server: Server) -> None:
    head = _request_head("/api/review", 100)
    with server.connect() as sock:
        started = time.monotonic()
        closed = False
        for byte in head:
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            time.sleep(0.1)
            if time.monotonic() - started > HEAD_SECONDS + 5:
                break
        if not closed:
            _closed_by_server(sock, within=5)
        assert time.monotonic() - started < HEAD_SECONDS + 6


def test_a_trickled_body_gets_a_408_answer(server: Server) -> None:
    body = _multipart("slow.docx", SAMPLE.read_bytes())
    with server.connect() as sock:
        sock.sendall(_request_head("/api/review", len(body)))
        started = time.monotonic()
        answer = b""
        sock.settimeout(0.2)
        for i in range(0, len(body), 16):
            try:
                sock.sendall(body[i : i + 16])
                answer += sock.recv(65536)
            except TimeoutError:
                pass
            except (BrokenPipeError, ConnectionResetError):
                break
            if answer or time.monotonic() - started > BODY_SECONDS + 10:
                break
        sock.settimeout(10)
        answer += _read_all(sock)  # the server closes after answering
    elapsed = time.monotonic() - started
    status_line, _, rest = answer.partition(b"\r\n")
    assert b" 408 " in status_line, answer[:200]
    assert BODY_SECONDS - 0.5 < elapsed < BODY_SECONDS + 10
    assert b"connection: close" in rest.lower()
    assert "did not arrive" in json.loads(rest.split(b"\r\n\r\n", 1)[1])["error"]


def test_a_client_that_disconnects_mid_upload_gets_a_quiet_4xx(server: Server) -> None:
    body = _multipart("gone.docx", SAMPLE.read_bytes())
    before = server.log_text()
    for _ in range(3):
        with server.connect() as sock:
            sock.sendall(_request_head("/api/review", len(body)) + body[: len(body) // 2])
            time.sleep(0.2)
    deadline = time.monotonic() + 20
    while (
        time.monotonic() < deadline
        and server.log_text().count("POST /api/review 400") < before.count("POST /api/review 400") + 3
    ):
        time.sleep(0.2)
    log = server.log_text()[len(before) :]
    assert log.count("POST /api/review 400") == 3, log
    assert "Traceback" not in log and "Exception in ASGI application" not in log
    assert "POST /api/review 500" not in log
    assert _healthy(server)
    assert list(server.temp.glob("draft-agreement-request-*")) == []


def test_a_whole_upload_still_works_and_the_connection_is_kept_then_closed_when_idle(server: Server) -> None:
    body = _multipart("whole.docx", SAMPLE.read_bytes())
    with server.connect() as sock:
        sock.sendall(_request_head("/api/review", len(body)) + body)
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(65536)
        head, _, rest = answer.partition(b"\r\n\r\n")
        length = int(
            next(
                line.split(b":")[1]
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            )
        )
        while len(rest) < length:
            rest += sock.recv(65536)
        assert b" 200 " in head.split(b"\r\n")[0]
        assert json.loads(rest)["file"] == "whole.docx"
        # Kept alive; a next request head that never completes is cut off by the head deadline.
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        assert _closed_by_server(sock, within=HEAD_SECONDS + 10) < HEAD_SECONDS + 10


def test_a_request_head_past_the_size_limit_is_refused(server: Server) -> None:
    """h11 holds at most 16 KiB of an unfinished head; a client growing it further gets a 400."""
    with server.connect() as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ")
        try:
            for _ in range(16):  # 64 KiB, a chunk at a time, never finished
                sock.sendall(b"a" * 4096)
                time.sleep(0.02)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = _read_all(sock)
    assert answer.split(b"\r\n")[0].startswith(b"HTTP/1.1 400"), answer[:100]


def test_log_has_no_traceback_after_all_of_it(server: Server) -> None:
    log = server.log_text()
    assert "Traceback" not in log, log
