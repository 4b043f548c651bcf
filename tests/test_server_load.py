"""Fifty concurrent uploads of a 50-page agreement against a real uvicorn on 127.0.0.1.

Every answer must be the Python API's own report, nothing may fail, and the server's memory (with its
workers) must stay bounded. The load is bench/server_load.py's, in one wave (about 30 s on 2 cores);
the benchmark runs more waves and prints the throughput.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server needs FastAPI")
pytest.importorskip("uvicorn", reason="the load test runs a real uvicorn")
pytest.importorskip("httpx", reason="the load test's client is httpx")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from server_load import LoadSettings, run  # noqa: E402

MEMORY_GROWTH_MIB = 256  # a second worker's engine plus 50 uploads in flight; a leak would pass it


def test_fifty_concurrent_uploads_all_correct_with_bounded_memory() -> None:
    settings = LoadSettings(uploads=50, concurrency=50, paragraphs=750, workers=2, waves=1, deadline=240)
    figures = run(settings)
    assert figures["statuses"] == [200]
    assert figures["correct"] == figures["requests"] == 50
    assert max(figures["peaks_mib"]) - figures["baseline_mib"] < MEMORY_GROWTH_MIB
