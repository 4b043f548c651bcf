"""Files per second for `review DIR` on ordinary agreements: --jobs 1, --jobs 2 and Ray, against the floor.

Writes `--files` synthetic agreements of `--paragraphs` numbered clauses each (some of them risky) into
a temporary folder, then times the whole batch as the CLI runs it: selection, worker start-up, review,
and a JSON Lines report. The floor is the same files read, parsed, serialised and written again in one
process (bench/synth.py), as files per second: what touching a .docx at all costs. Ideal scaling from
1 to 2 workers on 2 cores is 2.0x; the machine's own scaling on pure CPU work, measured in the same run,
is the ceiling on a shared machine.

Ray (`--ray`, needs the ray extra) runs on a local Ray runtime with as many CPUs as this process may
use; its figure includes starting that runtime, and is given without it too.

Run: python bench/batch_speed.py [--files 500] [--paragraphs 60] [--ray]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import floor, write_agreement  # noqa: E402

from draft_agreement.batch import JsonlReport, review_many  # noqa: E402


def timed_batch(folder: Path, report: Path, jobs: int, executor: str = "local") -> tuple[float, float, int]:
    """Seconds for the whole batch, seconds until the first file was done, and the file count."""
    started = time.perf_counter()
    first = 0.0
    count = 0
    with JsonlReport(report) as writer:
        for item in review_many([folder], jobs=jobs, executor=executor):
            assert item.ok, item.error
            writer.write(item)
            count += 1
            first = first or time.perf_counter() - started
    return time.perf_counter() - started, first, count


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_scaling(rounds: int = 8, n: int = 3_000_000) -> float:
    """How much faster two processes run pure CPU work than one, right now on this machine.

    The ceiling for the batch's own scaling: on a shared or throttled machine it is below 2.0.
    """
    started = time.perf_counter()
    for _ in range(rounds):
        _burn(n)
    serial = time.perf_counter() - started
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_burn, [1, 1]))
        started = time.perf_counter()
        list(pool.map(_burn, [n] * rounds))
        parallel = time.perf_counter() - started
    return serial / parallel


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--paragraphs", type=int, default=60, help="an ordinary agreement: a few pages")
    parser.add_argument("--ray", action="store_true", help="also run the batch on a local Ray runtime")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "room"
        for i in range(args.files):
            sub = folder / f"deal-{i // 50:02d}"
            sub.mkdir(parents=True, exist_ok=True)
            write_agreement(sub / f"agreement-{i:04d}.docx", args.paragraphs + i % 7, risky_every=12 + i % 5)
        files = sorted(folder.rglob("*.docx"))
        started = time.perf_counter()
        for path in files:
            floor(path)
        floor_rate = len(files) / (time.perf_counter() - started)
        print(f"floor:    {floor_rate:.1f} files/s (zip read + parse + serialise + zip write, one process)")
        rate = {}
        for jobs in (1, 2):
            elapsed, first, count = timed_batch(folder, Path(tmp) / f"report-{jobs}.jsonl", jobs)
            rate[jobs] = count / elapsed
            print(
                f"--jobs {jobs}: {count} files in {elapsed:.1f} s = {rate[jobs]:.1f} files/s "
                f"= {rate[jobs] / floor_rate:.2f} of the floor's rate (first file after {first:.1f} s)"
            )
        if args.ray:
            import ray

            cpus = len(os.sched_getaffinity(0))
            started = time.perf_counter()
            ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False, configure_logging=False)
            startup = time.perf_counter() - started
            try:
                elapsed, first, count = timed_batch(folder, Path(tmp) / "report-ray.jsonl", cpus, "ray")
            finally:
                ray.shutdown()
            print(
                f"ray ({cpus} CPUs): {count} files in {elapsed + startup:.1f} s = {count / (elapsed + startup):.1f} "
                f"files/s with Ray's {startup:.1f} s start-up, {count / elapsed:.1f} files/s without "
                f"= {count / elapsed / floor_rate:.2f} of the floor's rate (first file after {first:.1f} s)"
            )
    print(
        f"scaling 1 -> 2 workers: {rate[2] / rate[1]:.2f}x (CPUs available: {len(os.sched_getaffinity(0))})"
    )
    print(f"this machine's own 1 -> 2 process scaling on pure CPU work, now: {machine_scaling():.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
