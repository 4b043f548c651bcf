"""Session fixtures: the one LibreOffice instance the oracle tests share."""

from __future__ import annotations

import atexit
import signal
import threading
from collections.abc import Iterator
from types import FrameType

import pytest

from tests.libreoffice import LibreOffice, in_ci, missing


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibreOffice]:
    """A headless soffice started once; skipped where it is not installed, except in CI, which must have it."""
    reason = missing()
    if reason is not None:
        if in_ci():
            pytest.fail(f"CI must install LibreOffice: {reason}")
        pytest.skip(reason)
    office = LibreOffice(tmp_path_factory.mktemp("libreoffice"))
    atexit.register(office.stop)
    # A CI timeout sends SIGTERM, which would end Python without teardown or atexit and leave soffice
    # running; as an interrupt it unwinds through the teardown below.
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        office.start()
        yield office
    finally:
        office.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
