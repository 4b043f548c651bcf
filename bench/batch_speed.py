"""Files per second for `review DIR` on ordinary agreements with --jobs 1 and --jobs 2, and the scaling.

Writes `--files` synthetic agreements of `--paragraphs` numbered clauses each (some of them risky) into
a temporary folder, then times the whole batch as the CLI runs it: selection, worker start-up, review,
and a JSON Lines report. Ideal scaling from 1 to 2 workers on 2 cores is 2.0x.

Run: python bench/batch_speed.py [--files 500] [--paragraphs 60]
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

from synth import write_agreement  # noqa: E402

from draft_agreement.batch import JsonlReport, review_many  # noqa: E402


def timed_batch(folder: Path, report: Path, jobs: int) -> tuple[float, float, int]:
    """Seconds for the whole batch, seconds until the first file was done, and the file count."""
    started = time.perf_counter()
    first = 0.0
    count = 0
    with JsonlReport(report) as writer:
        for item in review_many([folder], jobs=jobs):
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "room"
        for i in range(args.files):
            sub = folder / f"deal-{i // 50:02d}"
            sub.mkdir(parents=True, exist_ok=True)
            write_agreement(sub / f"agreement-{i:04d}.docx", args.paragraphs + i % 7, risky_every=12 + i % 5)
        rate = {}
        for jobs in (1, 2):
            elapsed, first, count = timed_batch(folder, Path(tmp) / f"report-{jobs}.jsonl", jobs)
            rate[jobs] = count / elapsed
            print(
                f"--jobs {jobs}: {count} files in {elapsed:.1f} s = {rate[jobs]:.1f} files/s "
                f"(first file after {first:.1f} s: start-up and rule compilation)"
            )
    print(
        f"scaling 1 -> 2 workers: {rate[2] / rate[1]:.2f}x (CPUs available: {len(os.sched_getaffinity(0))})"
    )
    print(f"this machine's own 1 -> 2 process scaling on pure CPU work, now: {machine_scaling():.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
