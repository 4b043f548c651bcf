"""Load on the HTTP API: many concurrent uploads of a long agreement against a local uvicorn.

Starts `draft-agreement serve`'s application in a subprocess on 127.0.0.1, sends `--uploads` review
requests (all at once, `--concurrency` in flight), checks every answer against the Python API's own
report, samples the memory of the server and its workers, and stops the server. Bounded in count and
in time (`--deadline`); it never talks to any other address.

Run: python bench/server_load.py [--uploads 50] [--concurrency 50] [--paragraphs 750] [--workers N]
     [--waves 2] [--deadline 300]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_agreement  # noqa: E402

from draft_agreement import api  # noqa: E402

HOST = "127.0.0.1"
SERVER = (
    "import sys, uvicorn;"
    "from draft_agreement.server.app import create_app;"
    "from draft_agreement.server.connections import uvicorn_options;"
    "from draft_agreement.server.settings import ServerSettings;"
    "settings = ServerSettings(workers=int(sys.argv[2]));"
    "uvicorn.run(create_app(settings), host='127.0.0.1', port=int(sys.argv[1]), log_level='warning',"
    " **uvicorn_options(settings))"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def rss_mib(pid: int) -> float:
    """Resident memory of `pid` and all its descendants, from /proc."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        stack.extend(int(c) for c in children)
    return total / 1024


async def wait_ready(client: httpx.AsyncClient, base: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if (await client.get(f"{base}/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise TimeoutError("the server did not start")


async def peak_rss(pid: int, done: asyncio.Event) -> float:
    """The highest memory seen until `done` is set, sampled every 50 ms."""
    peak = rss_mib(pid)
    while not done.is_set():
        peak = max(peak, rss_mib(pid))
        await asyncio.sleep(0.05)
    return peak


async def load(base: str, pid: int, document: bytes, expected: dict, settings: LoadSettings) -> dict:
    limits = httpx.Limits(
        max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
    )
    async with httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(settings.deadline)) as client:
        await wait_ready(client, base, time.monotonic() + 60)

        async def one(index: int) -> tuple[int, bool]:
            name = f"agreement-{index}.docx"
            response = await client.post(f"{base}/api/review", files={"file": (name, document)})
            if response.status_code != 200:
                return response.status_code, False
            return 200, response.json() == {**expected, "file": name}

        await one(-1)  # one request first, so the baseline includes a loaded engine
        baseline = rss_mib(pid)
        peaks: list[float] = []
        results: list[tuple[int, bool]] = []
        started = time.perf_counter()
        for _ in range(settings.waves):
            done = asyncio.Event()
            sampler = asyncio.create_task(peak_rss(pid, done))
            wave = asyncio.gather(*(one(i) for i in range(settings.uploads)))
            results += await asyncio.wait_for(wave, settings.deadline)
            done.set()
            peaks.append(await sampler)
        return {
            "elapsed": time.perf_counter() - started,
            "requests": len(results),
            "statuses": sorted({status for status, _ in results}),
            "correct": sum(ok for _, ok in results),
            "baseline_mib": baseline,
            "peaks_mib": peaks,
            "after_mib": rss_mib(pid),
        }


@dataclass(frozen=True)
class LoadSettings:
    uploads: int = 50  # per wave, all sent at once
    concurrency: int = 50
    paragraphs: int = 750  # about 50 pages
    workers: int = 2
    waves: int = 2  # a second wave shows whether memory keeps growing
    deadline: float = 300.0  # seconds for one wave


def run(settings: LoadSettings) -> dict:
    """Start a server, load it, stop it; the figures, with the document's size and findings."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_agreement(Path(tmp) / "agreement.docx", settings.paragraphs, risky_every=25)
        document = path.read_bytes()
        expected = api.review(path).to_dict()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(settings.workers)])
    try:
        figures = asyncio.run(load(f"http://{HOST}:{port}", server.pid, document, expected, settings))
    finally:
        server.terminate()
        server.wait(30)
    return {**figures, "document_kib": len(document) / 1024, "findings": len(expected["findings"])}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    defaults = LoadSettings()
    parser.add_argument("--uploads", type=int, default=defaults.uploads)
    parser.add_argument("--concurrency", type=int, default=defaults.concurrency)
    parser.add_argument("--paragraphs", type=int, default=defaults.paragraphs)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--waves", type=int, default=defaults.waves)
    parser.add_argument("--deadline", type=float, default=defaults.deadline)
    args = parser.parse_args()
    settings = LoadSettings(
        args.uploads, args.concurrency, args.paragraphs, args.workers, args.waves, args.deadline
    )
    f = run(settings)
    print(
        f"document: {settings.paragraphs} paragraphs, {f['document_kib']:.0f} KiB, {f['findings']} findings"
    )
    print(
        f"load: {settings.waves} wave(s) of {settings.uploads} uploads, {settings.concurrency} concurrent, "
        f"{settings.workers} worker process(es)"
    )
    print(f"statuses: {f['statuses']}; correct reports: {f['correct']}/{f['requests']}")
    print(f"time: {f['elapsed']:.1f} s; throughput: {f['requests'] / f['elapsed']:.2f} documents/s")
    peaks = ", ".join(f"{p:.0f}" for p in f["peaks_mib"])
    print(
        f"memory (server + workers): {f['baseline_mib']:.0f} MiB after the first request, "
        f"peak per wave {peaks} MiB, {f['after_mib']:.0f} MiB after"
    )
    return 0 if f["statuses"] == [200] and f["correct"] == f["requests"] else 1


if __name__ == "__main__":
    sys.exit(main())
