"""Run batch jobs on a Ray cluster: the same contract as the local pool, on as many machines as Ray has.

Each worker is a Ray actor holding one job at a time, so a file that kills its actor (a crash, the
out-of-memory killer) or runs past the time limit is known exactly: that actor is killed and
replaced, the file becomes one refusal, and the run goes on. Actors live for the whole run, so the
engine is imported and the rule set compiled once per actor, not per file.

Jobs carry paths, not file contents: every node must see the inputs and the output folder at the same
paths (a shared file system). Ray is an optional dependency: `pip install "draft-agreement[ray]"`.
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from draft_agreement.batch_pool import Failure, WorkersFailed
from draft_agreement.errors import DraftAgreementError

J = TypeVar("J")
R = TypeVar("R")

_STARTUP = 300.0  # seconds an actor may take to be placed and import the engine (a cluster may scale up)


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise DraftAgreementError('--executor ray needs Ray: pip install "draft-agreement[ray]"') from None
    return ray


class _Actor:
    """One worker process of the cluster; `prepare` runs once, then any number of jobs."""

    def __init__(self, prepare: Callable[[], None] | None) -> None:
        if prepare is not None:
            prepare()

    def ready(self) -> int:
        return os.getpid()

    def run(self, work: Callable[[J], R], job: J) -> R:
        return work(job)


def _connect(ray: Any, address: str | None) -> bool:
    """Join the cluster at `address` or start a local Ray; True if this call started it."""
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {"log_to_driver": False, "configure_logging": False}
    if address is None:
        options["include_dashboard"] = False
    try:
        with warnings.catch_warnings():  # Ray's own hints would break the one-line contract
            warnings.simplefilter("ignore")
            ray.init(address=address, **options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = address or "a local Ray runtime"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DraftAgreementError(f"cannot reach {where} ({first})") from None
    return True


def run_jobs(
    jobs: Iterable[J],
    work: Callable[[J], R],
    on_failure: Callable[[J, Failure], R],
    workers: int | None,
    timeout: float | None = None,
    prepare: Callable[[], None] | None = None,
    address: str | None = None,
) -> Iterator[tuple[J, R]]:
    """Yield (job, work(job)) in completion order, like batch_pool.run_jobs, on Ray actors.

    `workers` actors are started (default: one per CPU of the cluster). A job whose actor dies is
    run once more on a fresh actor, then given `on_failure(job, Failure.stopped)`; one still running
    after `timeout` seconds gets `on_failure(job, Failure.timed_out)`. A local Ray started here is
    shut down at the end; a cluster we joined is left running.
    """
    ray = _ray()
    started = _connect(ray, address)
    actor_class = ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(_Actor)
    size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    pool = _RayPool(ray, actor_class, prepare, size, timeout)
    try:
        yield from pool.run(iter(jobs), work, on_failure)
    finally:
        pool.close()
        if started:
            ray.shutdown()


class _RayPool:
    def __init__(
        self, ray: Any, actor_class: Any, prepare: Callable[[], None] | None, size: int, timeout: float | None
    ) -> None:
        self.ray, self.actor_class, self.prepare, self.timeout = ray, actor_class, prepare, timeout
        self.idle: list[Any] = []
        self.starting: dict[Any, Any] = {}  # ready() ref -> actor
        self.running: dict[Any, tuple[Any, Any, float, int]] = {}  # ref -> (actor, job, deadline, tries)
        for _ in range(size):
            self._spawn()

    def _spawn(self) -> None:
        actor = self.actor_class.remote(self.prepare)
        self.starting[actor.ready.remote()] = (actor, time.monotonic() + _STARTUP)

    def _kill(self, actor: Any) -> None:
        self.ray.kill(actor, no_restart=True)

    def close(self) -> None:
        for actor in [
            *self.idle,
            *(a for a, _ in self.starting.values()),
            *(r[0] for r in self.running.values()),
        ]:
            self._kill(actor)
        self.idle.clear()
        self.starting.clear()
        self.running.clear()

    def _deadline(self) -> float:
        return time.monotonic() + self.timeout if self.timeout is not None else float("inf")

    def run(
        self, pending: Iterator[J], work: Callable[[J], R], on_failure: Callable[[J, Failure], R]
    ) -> Iterator[tuple[J, R]]:
        ray = self.ray
        retry: list[tuple[J, int]] = []
        exhausted = False
        while True:
            while self.idle and (retry or not exhausted):
                if retry:
                    job, tries = retry.pop()
                else:
                    try:
                        job, tries = next(pending), 0
                    except StopIteration:
                        exhausted = True
                        break
                actor = self.idle.pop()
                self.running[actor.run.remote(work, job)] = (actor, job, self._deadline(), tries)
            if not self.running and (exhausted and not retry):
                return
            refs = [*self.running, *self.starting]
            deadlines = [d for _, _, d, _ in self.running.values()] + [d for _, d in self.starting.values()]
            wait_for = max(0.0, min(deadlines) - time.monotonic())
            done, _ = ray.wait(refs, num_returns=1, timeout=min(wait_for, 3600.0))
            for ref in done:
                if ref in self.starting:
                    self._started(ref)
                    continue
                actor, job, _, tries = self.running.pop(ref)
                try:
                    result = ray.get(ref)
                except ray.exceptions.RayActorError:
                    self._kill(actor)
                    self._spawn()
                    if tries == 0:
                        retry.append((job, 1))
                    else:
                        yield job, on_failure(job, Failure.stopped)
                    continue
                self.idle.append(actor)
                yield job, result
            now = time.monotonic()
            for ref, (actor, job, deadline, _) in list(self.running.items()):
                if now >= deadline:
                    del self.running[ref]
                    self._kill(actor)
                    self._spawn()
                    yield job, on_failure(job, Failure.timed_out)
            for ref, (actor, deadline) in list(self.starting.items()):
                if now >= deadline:
                    del self.starting[ref]
                    self._kill(actor)
                    if not self.starting and not self.idle and not self.running:
                        raise WorkersFailed("no Ray worker could be started (is the cluster short of CPUs?)")

    def _started(self, ref: Any) -> None:
        actor, _ = self.starting.pop(ref)
        try:
            self.ray.get(ref)
        except self.ray.exceptions.RayError as exc:
            self._kill(actor)
            cause = str(exc).strip().splitlines()
            raise WorkersFailed(
                "Ray workers cannot start the engine (install draft-agreement on every node): "
                + (cause[-1] if cause else type(exc).__name__)
            ) from None
        self.idle.append(actor)
