"""LibreOffice as an independent reader of our output: one headless soffice per test session, asked over
UNO (from Debian's /usr/bin/python3, which alone has `uno`) how many tracked changes and comments it sees,
and what the text reads as loaded, after accepting all changes and after rejecting all.

LibreOffice is lenient, so it proves that a second implementation reads and resolves our mark-up the way
we do; it is not a validator. It merges adjacent and nested changes when counting, so callers assert
exact counts only on small fixtures.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

SYSTEM_PYTHON = Path("/usr/bin/python3")
PROBE = Path(__file__).with_name("lo_uno_probe.py")
START_SECONDS = 120
SECONDS_PER_FILE = 30


def missing() -> str | None:
    """Why the oracle cannot run here, or None when soffice and python3-uno are both installed."""
    if shutil.which("soffice") is None:
        return "soffice is not installed (apt-get install libreoffice-writer python3-uno)"
    if not SYSTEM_PYTHON.exists():
        return f"{SYSTEM_PYTHON} is absent, and only Debian's Python has the uno module"
    check = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True, timeout=60)
    if check.returncode != 0:
        return f"{SYSTEM_PYTHON} cannot import uno (apt-get install python3-uno)"
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@dataclass(frozen=True)
class Seen:
    """What LibreOffice read in one file. Texts are story name -> paragraph strings."""

    path: str
    redlines: int
    comments: int
    text: dict[str, list[str]]
    accepted: dict[str, list[str]]
    rejected: dict[str, list[str]]
    accepted_formats: list | None = None  # read(..., formats=True): see lo_uno_probe._formatting
    rejected_formats: list | None = None


def normalised(stories: dict[str, list[str]]) -> dict[str, str]:
    """Each story as one string of its words: paragraphs joined by a space, whitespace runs collapsed.

    Paragraph boundaries are not compared because LibreOffice combines two revisions of the same author
    and date that touch across a paragraph mark, so rejecting an insertion at the end of one paragraph
    and one at the start of the next joins the paragraphs, although the mark itself is not tracked;
    whether the same file shows this depends on what sits between them, such as a comment anchor. An
    emptied paragraph likewise stays in one implementation and goes in another, and a tab or a break
    is whitespace either way. Every character and the order of all of them still count."""
    return {name: " ".join(" ".join(paragraphs).split()) for name, paragraphs in stories.items()}


class LibreOffice:
    """A private headless soffice listening on a named pipe. Always call stop()."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.pipe = f"draft-agreement-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        profile = workdir / "profile"
        self._env_profile = f"-env:UserInstallation={profile.as_uri()}"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        # A fresh profile is built by a first run that exits once initialised; the listening instance
        # then starts fast and never shows first-start dialogs.
        subprocess.run(
            ["soffice", "--headless", "--norestore", self._env_profile, "--terminate_after_init"],
            capture_output=True,
            timeout=START_SECONDS,
            check=True,
        )
        self._process = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                self._env_profile,
                f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stop() ends soffice.bin and its launcher
        )

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
        # Whatever is left of the group (soffice.bin can outlive its launcher) is ours alone.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def read(self, *paths: Path, formats: bool = False) -> list[Seen]:
        """LibreOffice's view of each file, in one UNO session. Fails the test if a file does not load."""
        if self._process is None or self._process.poll() is not None:
            raise RuntimeError("soffice is not running")
        answer = subprocess.run(
            [str(SYSTEM_PYTHON), str(PROBE), self.pipe],
            input=json.dumps({"files": [str(p) for p in paths], "formats": formats}),
            capture_output=True,
            text=True,
            timeout=START_SECONDS + SECONDS_PER_FILE * len(paths),
            cwd=self.workdir,
        )
        if answer.returncode != 0:
            raise RuntimeError(f"the UNO probe failed: {answer.stderr.strip()[-2000:]}")
        seen = []
        for item in json.loads(answer.stdout):
            assert "error" not in item, f"LibreOffice cannot open {item['path']}: {item['error']}"
            seen.append(Seen(**item))
        return seen
