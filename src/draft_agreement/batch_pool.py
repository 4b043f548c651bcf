"""Run one job per input in local worker processes and hand back results as they finish.

Each worker runs its jobs in the order sent and holds at most the running one and the next, so the
parent always knows which file a worker is on: a worker that dies is blamed on that file alone (the
next one is handed to another worker), and a file that runs past the time limit is ended by killing
its worker, which is then replaced. Workers are spawned, not forked (the parent may run
a progress-bar thread, and a fork copies its locks); each imports the engine once and keeps its
compiled rules for every later file. Workers ignore SIGINT: Ctrl-C reaches the parent, which kills
the workers and returns at once, whatever they were blocked on.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

J = TypeVar("J")
R = TypeVar("R")

_READY = "ready"
_AHEAD = 2  # jobs held by a worker: the running one and the next, already in its pipe
_STARTUP = 60.0  # seconds a new worker may take to import the engine before its first file's clock starts
_DONE = object()
_PENDING = object()
_DIED = object()
_KILL_GRACE = 2.0  # seconds a killed worker gets to disappear before we stop waiting for it


class Failure(StrEnum):
    """Why a job has no result of its own: its worker stopped under it, or it ran out of time."""

    stopped = "stopped"
    timed_out = "timed out"


class WorkersFailed(RuntimeError):
    """Workers cannot even start (a script without an `if __name__ == "__main__":` guard, an engine
    that cannot be imported): the pool itself is broken, not a file."""


def _serve(conn: Connection, work: Callable[[object], object], prepare: Callable[[], None] | None) -> None:
    """A worker's life: prepare once, then one job in, one result out, until the parent hangs up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if prepare is not None:
        prepare()
    conn.send(_READY)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        conn.send(work(job))


@dataclass
class _Worker(Generic[J]):
    process: BaseProcess
    conn: Connection
    ready: bool = False
    # Jobs sent, in order: the first is running, the next waits in the pipe so the worker never idles
    # while the parent handles a result. Each with whether it runs alone (no other job anywhere).
    queue: deque[tuple[J, bool]] = field(default_factory=deque)
    deadline: float = float("inf")  # for the running job

    @property
    def busy(self) -> bool:
        return bool(self.queue)

    @property
    def alone(self) -> bool:
        return bool(self.queue) and self.queue[0][1]

    def kill(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(_KILL_GRACE)


def _start(work: Callable[[J], R], prepare: Callable[[], None] | None) -> _Worker[J]:
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child, work, prepare), daemon=True)
    process.start()
    child.close()
    return _Worker(process, parent)


def run_jobs(
    jobs: Iterable[J],
    work: Callable[[J], R],
    on_failure: Callable[[J, Failure], R],
    workers: int,
    timeout: float | None = None,
    prepare: Callable[[], None] | None = None,
) -> Iterator[tuple[J, R]]:
    """Yield (job, work(job)) in completion order; `work` must be a picklable module-level function.

    With one worker and no time limit everything runs in this process. `on_failure(job, why)` gives
    the result for a job that ran past `timeout` seconds, or whose worker died twice under it (the
    second time with no other job running, so memory pressure from its neighbours is ruled out).
    """
    if workers <= 1 and timeout is None:
        if prepare is not None:
            prepare()
        for job in jobs:
            yield job, work(job)
        return
    pool = _Pool(work, prepare, max(1, workers), timeout)
    try:
        yield from pool.run(iter(jobs), on_failure)
    finally:
        pool.close()


class _Pool(Generic[J, R]):
    def __init__(
        self, work: Callable[[J], R], prepare: Callable[[], None] | None, size: int, timeout: float | None
    ) -> None:
        self.work, self.prepare, self.timeout = work, prepare, timeout
        self.workers: list[_Worker[J]] = [_start(work, prepare) for _ in range(size)]
        self.requeued: deque[J] = deque()  # sent to a worker that died before starting them: not to blame

    def close(self) -> None:
        for worker in self.workers:
            worker.kill()

    def _replace(self, i: int) -> None:
        self.workers[i].kill()
        self.workers[i] = _start(self.work, self.prepare)

    def _deadline(self, ready: bool) -> float:
        if self.timeout is None:
            return float("inf")
        return time.monotonic() + self.timeout + (0.0 if ready else _STARTUP)

    def _assign(self, pending: Iterator[J], suspects: deque[J]) -> None:
        """Keep every worker at _AHEAD jobs; a suspect runs only when nothing else does, and alone."""
        if any(w.alone for w in self.workers):
            return
        if suspects:
            if any(w.busy for w in self.workers):
                return
            self._send(0, suspects.popleft(), alone=True)
            return
        for depth in range(1, _AHEAD + 1):  # breadth first: every worker gets a job before any a second
            for i, worker in enumerate(self.workers):
                if len(worker.queue) >= depth:
                    continue
                job = self.requeued.popleft() if self.requeued else next(pending, _DONE)
                if job is _DONE:
                    return
                self._send(i, job, alone=False)  # type: ignore[arg-type]

    def _send(self, i: int, job: J, alone: bool) -> None:
        worker = self.workers[i]
        try:
            worker.conn.send(job)
        except OSError:
            if not worker.ready:
                raise WorkersFailed("worker processes stop before they can take a file") from None
            self.requeued.append(job)  # the worker died: its running job is judged in run()
            if not worker.queue:
                self._replace(i)
            return
        if not worker.queue:
            worker.deadline = self._deadline(worker.ready)
        worker.queue.append((job, alone))

    def run(self, pending: Iterator[J], on_failure: Callable[[J, Failure], R]) -> Iterator[tuple[J, R]]:
        suspects: deque[J] = deque()  # died once beside other jobs: to be run again, alone
        while True:
            self._assign(pending, suspects)
            busy = [w for w in self.workers if w.busy]
            if not busy:
                return
            soonest = min(w.deadline for w in busy)
            wait_for = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for))
            for i, worker in enumerate(self.workers):
                if not worker.busy:
                    continue
                job, alone = worker.queue[0]
                if worker.conn in ready or worker.process.sentinel in ready:
                    result = self._receive(worker)
                    if result is _PENDING:
                        continue
                    if result is not _DIED:
                        worker.queue.popleft()
                        worker.deadline = self._deadline(True) if worker.queue else float("inf")
                        yield job, result  # type: ignore[misc]
                        continue
                    if not worker.ready:
                        raise WorkersFailed("worker processes stop before they can take a file")
                    self.requeued.extend(queued for queued, _ in list(worker.queue)[1:])
                    self._replace(i)
                    if alone or len(busy) == 1:
                        yield job, on_failure(job, Failure.stopped)
                    else:
                        suspects.append(job)
                elif time.monotonic() >= worker.deadline:
                    self.requeued.extend(queued for queued, _ in list(worker.queue)[1:])
                    self._replace(i)
                    yield job, on_failure(job, Failure.timed_out)

    def _receive(self, worker: _Worker[J]) -> object:
        """The running job's result, _PENDING if only the start-up message came, or _DIED."""
        try:
            message = worker.conn.recv()
            if not worker.ready:
                if message != _READY:
                    return _DIED
                worker.ready = True
                worker.deadline = self._deadline(True)
                if not worker.conn.poll():
                    return _PENDING
                message = worker.conn.recv()
        except (EOFError, OSError):
            return _DIED
        return message
