"""A fixed set of worker processes, each doing one document at a time, with a hard time limit.

A thread cannot be stopped, and a process pool cannot stop one task; a document that runs past the
time limit must not keep a CPU busy for later requests. So each worker is a process of its own with
a pipe: a request borrows an idle worker, and if the answer does not come in time that one worker is
killed and replaced while the others carry on. The number of workers is the concurrency limit.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import anyio.to_thread

from draft_agreement.server.jobs import Job, JobResult


class JobTimeout(Exception):
    """The worker did not answer within the time limit; it has been stopped."""


class WorkerStopped(Exception):
    """The worker process died while working (a crash or an out-of-memory kill); it has been replaced."""


class Busy(Exception):
    """Every worker is taken and the waiting line is full, or the wait for a worker ran out."""


def _serve(conn: Connection) -> None:
    """A worker's life: take a job, send the result, until the server closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    from draft_agreement.server.jobs import execute

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(execute(job))


class _Worker:
    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(
            target=_serve, args=(child,), daemon=True, name="draft-agreement-worker"
        )
        self.process.start()
        child.close()

    def call(self, job: Job, timeout: float) -> JobResult:
        """Blocking: send `job` and wait up to `timeout` seconds for the answer."""
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                raise JobTimeout
            result: JobResult = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise WorkerStopped from exc
        return result

    def stop(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join(10)


class WorkerPool:
    """`size` workers shared by all requests; at most `max_waiting` requests queue for one."""

    def __init__(self, size: int, max_waiting: int) -> None:
        self.size = max(1, size)
        self.max_waiting = max_waiting
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._waiting = 0

    def start(self) -> None:
        for _ in range(self.size):
            self._add()

    def _add(self) -> None:
        worker = _Worker()
        self._all.add(worker)
        self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        self._all.discard(worker)
        self._add()

    def stop(self) -> None:
        for worker in list(self._all):
            worker.stop()
        self._all.clear()

    @property
    def pids(self) -> list[int]:
        """The workers' process ids (for memory measurements)."""
        return [w.process.pid for w in self._all if w.process.pid is not None]

    async def run(self, job: Job, timeout: float, wait: float) -> JobResult:
        """Run `job` on the next free worker; raises Busy, JobTimeout or WorkerStopped."""
        if self._waiting >= self.max_waiting and self._idle.empty():
            raise Busy
        self._waiting += 1
        try:
            worker = await asyncio.wait_for(self._idle.get(), wait)
        except TimeoutError:
            raise Busy from None
        finally:
            self._waiting -= 1
        try:
            return await anyio.to_thread.run_sync(worker.call, job, timeout)
        except (JobTimeout, WorkerStopped):
            await anyio.to_thread.run_sync(self._replace, worker)
            raise
        finally:
            if worker in self._all:
                self._idle.put_nowait(worker)

    def stats(self) -> dict[str, Any]:
        return {"workers": self.size, "idle": self._idle.qsize(), "waiting": self._waiting}
