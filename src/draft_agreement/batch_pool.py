"""Run one job per file in worker processes and hand back results as they finish.

Workers are spawned, not forked: the parent may already run a progress-bar thread, and a fork copies
its locks. Each worker imports the engine once and keeps its compiled rules for every later file.
Workers ignore SIGINT, so Ctrl-C reaches only the parent, which stops handing out files and lets the
running ones finish; nothing is left half-done. When a worker dies (a crash or an out-of-memory kill),
the files it may have held are retried one at a time, so only the file that kills a worker on its own
is blamed.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

J = TypeVar("J")
R = TypeVar("R")

_IN_FLIGHT_PER_WORKER = 2  # keeps every worker busy without queueing the whole folder in memory
_CRASHES_BEFORE_GIVING_UP = 2  # files that each killed a worker alone, before any file succeeded


class WorkersFailed(RuntimeError):
    """Worker processes keep dying before finishing any job: the pool itself is broken, not a file."""


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import draft_agreement.api  # noqa: F401 - the engine, imported once per worker


def _executor(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker
    )


def run_jobs(
    jobs: Iterable[J], work: Callable[[J], R], on_crash: Callable[[J], R], workers: int
) -> Iterator[tuple[J, R]]:
    """Yield (job, work(job)) in completion order; `work` must be a picklable module-level function.

    With one worker everything runs in this process. `on_crash(job)` gives the result for a job that
    kills a worker process even when it runs alone. If workers die on their own before any job has
    finished, the pool itself is broken (for example a script without an `if __name__ == "__main__":`
    guard, which spawned workers re-run), and WorkersFailed is raised instead of blaming every file.
    """
    if workers <= 1:
        for job in jobs:
            yield job, work(job)
        return
    pending = iter(jobs)
    suspects: deque[J] = deque()
    running: dict[Future[R], tuple[J, bool]] = {}
    blamed: list[J] = []  # killed a worker alone; held back until some job shows the pool works
    pool_works = False
    executor = _executor(workers)
    try:
        while True:
            isolating = bool(suspects)
            limit = 1 if isolating else workers * _IN_FLIGHT_PER_WORKER
            while len(running) < limit:
                if suspects:
                    job = suspects.popleft()
                else:
                    try:
                        job = next(pending)
                    except StopIteration:
                        break
                running[executor.submit(work, job)] = (job, isolating)
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            died: list[tuple[J, bool]] = []
            for future in done:
                job, alone = running.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    died.append((job, alone))
                    continue
                pool_works = True
                yield from ((b, on_crash(b)) for b in blamed)
                blamed.clear()
                yield job, result
            if died:
                died.extend(running.values())
                running.clear()
                executor.shutdown(wait=True, cancel_futures=True)
                executor = _executor(workers)
                if len(died) == 1 and died[0][1]:
                    blamed.append(died[0][0])
                    if not pool_works and len(blamed) >= _CRASHES_BEFORE_GIVING_UP:
                        raise WorkersFailed("worker processes stop before finishing any file")
                    if pool_works:
                        yield from ((b, on_crash(b)) for b in blamed)
                        blamed.clear()
                else:
                    suspects.extend(job for job, _ in died)
        yield from ((b, on_crash(b)) for b in blamed)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
