"""Odd data-room entries and runaway files: each is one report line, and the batch always ends.

Reproduces what an attacker found (issue 15): a FIFO named x.docx hung the batch and Ctrl-C did not
end it; a file name that is not UTF-8 stopped the whole run; resuming gave files refused before
hashing a second line; nothing bounded the time one file may take.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import hostile

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
RISKY = "甲方同意将微信账号转让给乙方，并交付登录密码。"


def cli(*args: str | Path, timeout: float = 180) -> subprocess.CompletedProcess[bytes]:
    """The command line in a process of its own; a hang fails the test instead of stalling it."""
    command = [sys.executable, "-m", "draft_agreement", *map(str, args)]
    return subprocess.run(command, env=ENV, capture_output=True, timeout=timeout)


def lines(report: Path) -> list[dict]:
    return [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]


def good(folder: Path, name: str | bytes, text: str = RISKY) -> Path:
    path = folder / os.fsdecode(name)
    return hostile.write_zip(path, hostile.docx_parts(document=hostile.document_xml(text)))


def slow_docx(folder: Path, name: str = "slow.docx", clauses: int = 20_000) -> Path:
    """20,000 risky clauses, each with an ID and a phone number: several seconds of honest work on
    any machine (a 4,000-clause file takes about 2 s), far past a 1 s limit. One long paragraph no
    longer serves: long paragraphs are read in windows and finish in half a second."""
    paragraph = "</w:t></w:r></w:p><w:p><w:r><w:t>"
    text = paragraph.join(
        f"{i}. 甲方将微信账号{i}转让给乙方并交付登录密码，客户{i}身份证号11010119900307{i % 10}1X，"
        f"电话1380013{i % 10000:04d}。"
        for i in range(clauses)
    )
    return good(folder, name, text)


@pytest.fixture
def odd_room(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Two good files, a FIFO and a symbolic-link loop with Word names, and a name that is not UTF-8.

    Returns the folder and, for each entry, the file name as the report must show it.
    """
    room = tmp_path / "room"
    room.mkdir()
    good(room, "a.docx")
    good(room, b"caf\xe9.docx")  # Latin-1 bytes: not UTF-8
    os.mkfifo(room / "x.docx")
    os.symlink("loop.docx", room / "loop.docx")
    (room / "sub").mkdir()
    good(room / "sub", "b.docx", "本协议一式两份。")
    shown = {
        "a.docx": str(room / "a.docx"),
        "café": str(room) + "/caf\\xe9.docx",
        "fifo": str(room / "x.docx"),
        "loop": str(room / "loop.docx"),
        "b.docx": str(room / "sub" / "b.docx"),
    }
    return room, shown


def test_a_fifo_a_link_loop_and_a_non_utf8_name_are_one_line_each(
    odd_room: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    room, shown = odd_room
    report = tmp_path / "report.jsonl"
    run = cli("review", room, "--report", report, "--format", "json", "--jobs", "2")
    assert run.returncode == 2, run.stderr  # refused entries, no --keep-going
    by_file = {line["file"]: line for line in lines(report)}
    assert sorted(by_file) == sorted(shown.values())
    assert by_file[shown["fifo"]]["reason"] == "not a regular file"
    assert "named pipe" in by_file[shown["fifo"]]["error"]
    assert by_file[shown["loop"]]["status"] == "refused" and by_file[shown["loop"]]["sha256"] is None
    for name in ("a.docx", "café", "b.docx"):
        assert by_file[shown[name]]["status"] == "reviewed"
    assert by_file[shown["café"]]["summary"]["high"] >= 1  # reviewed like any file, only shown escaped
    # The JSON Lines on stdout carry the same lines, and stderr names every entry readably.
    stdout = [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]
    assert sorted(line["file"] for line in stdout) == sorted(shown.values())
    assert "caf\\xe9.docx" in run.stderr.decode("utf-8") and "Traceback" not in run.stderr.decode()


def test_resume_gives_entries_refused_before_hashing_no_second_line(
    odd_room: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    room, shown = odd_room
    report = tmp_path / "report.jsonl"
    assert cli("review", room, "--report", report, "--keep-going").returncode in (0, 1)
    first = lines(report)
    assert len(first) == len(shown)
    again = cli("review", room, "--report", report, "--resume", "--keep-going")
    assert again.returncode in (0, 1), again.stderr
    assert lines(report) == first  # nothing appended: every entry already had its line


def test_a_file_past_the_time_limit_is_one_error_line_and_the_rest_is_reviewed(tmp_path: Path) -> None:
    room = tmp_path / "room"
    room.mkdir()
    quick = [good(room, f"q{i}.docx") for i in range(3)]
    slow = slow_docx(room)
    report = tmp_path / "report.jsonl"
    started = time.monotonic()
    run = cli("review", room, "--report", report, "--timeout", "1", "--jobs", "2")
    elapsed = time.monotonic() - started
    assert run.returncode == 2, run.stderr
    by_file = {line["file"]: line for line in lines(report)}
    assert by_file[str(slow)]["reason"] == "timeout"
    assert "still running after 1 s" in by_file[str(slow)]["error"]
    assert by_file[str(slow)]["sha256"] is not None  # so --resume does not run it again
    assert all(by_file[str(q)]["status"] == "reviewed" for q in quick)
    assert elapsed < 60


def test_the_single_file_commands_honour_the_time_limit(tmp_path: Path) -> None:
    slow = slow_docx(tmp_path)
    out = tmp_path / "out" / "slow.redlined.docx"
    out.parent.mkdir()
    for args in (["review", slow], ["redline", slow, "-o", out]):
        started = time.monotonic()
        run = cli(*args, "--timeout", "1")
        assert time.monotonic() - started < 30
        assert run.returncode == 2
        err = run.stderr.decode("utf-8").strip().splitlines()
        assert err == [
            f"draft-agreement: {slow}: could not be processed (still running after 1 s, the time limit)"
        ]
    assert list(out.parent.iterdir()) == []  # no output and no half-written temporary file

    quick = good(tmp_path, "quick.docx")
    run = cli("redline", quick, "-o", out, "--timeout", "120", "--date", "2026-01-01")
    assert run.returncode == 1 and out.is_file()  # within the limit: the usual result and exit code


_SLEEPER = """
import sys, time
from draft_agreement.batch_pool import run_jobs

def hang(job):
    time.sleep(3600)

if __name__ == "__main__":
    print("running", flush=True)
    for _ in run_jobs(range(4), hang, lambda job, why: None, workers=2):
        pass
"""


def test_ctrl_c_ends_the_batch_even_when_every_worker_hangs(tmp_path: Path) -> None:
    script = tmp_path / "sleeper.py"
    script.write_text(_SLEEPER, encoding="utf-8")
    run = subprocess.Popen(
        [sys.executable, str(script)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert run.stdout is not None and run.stdout.readline() == b"running\n"
    time.sleep(3)  # the workers are up and asleep in their jobs
    os.killpg(run.pid, signal.SIGINT)
    run.wait(timeout=20)
    assert run.returncode != 0
    deadline = time.monotonic() + 10  # multiprocessing's resource tracker leaves when it sees EOF
    while time.monotonic() < deadline:
        try:
            os.killpg(run.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        left = subprocess.run(["ps", "-o", "pid,args", "-g", str(run.pid)], capture_output=True, text=True)
        pytest.fail(f"processes outlived the interrupted batch:\n{left.stdout}")


def test_an_object_store_uri_is_refused_in_one_line_naming_the_remedy() -> None:
    run = cli("review", "s3://data-room/deals", "--jobs", "2")
    assert run.returncode == 2
    (line,) = run.stderr.decode("utf-8").strip().splitlines()
    assert "object-store URIs are not read directly" in line and "mount the bucket" in line


def _hang_on_two(job: int) -> int:
    if job == 2:
        time.sleep(3600)
    return job * 10


def test_past_the_limit_only_the_running_file_is_refused_not_the_one_queued_behind_it() -> None:
    from draft_agreement.batch_pool import run_jobs

    started = time.monotonic()
    results = dict(run_jobs(range(8), _hang_on_two, lambda job, why: str(why), workers=2, timeout=2))
    assert results == {0: 0, 1: 10, 2: "timed out", 3: 30, 4: 40, 5: 50, 6: 60, 7: 70}
    assert time.monotonic() - started < 60
