"""The Ray executor keeps the local pool's contract: the same report lines, one line per bad file.

The command-line tests come first: each starts a Ray of its own, before this module starts its shared one.

A local Ray runtime is started inside the tests (2 CPUs); CI installs the `ray` extra. The oracle is
the local process pool run on the same folder: through Ray every line must be the same, in any order.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from draft_agreement.batch import _failed, _Job, _work, execute, redline_many, review_many
from draft_agreement.batch_pool import Failure
from tests import hostile
from tests.libreoffice import in_ci

try:
    import ray
except ImportError:  # CI installs the extra and must run these; elsewhere say what is missing
    if in_ci():
        raise
    pytest.skip(
        'the Ray executor tests need the ray extra: pip install -e ".[test,ray]"', allow_module_level=True
    )

REPO = Path(__file__).resolve().parents[1]
PATH = os.pathsep.join([str(REPO / "src"), str(REPO)])
CLAUSES = [
    "甲方同意将微信账号转让给乙方，并交付登录密码。",
    "甲方应将客户名单及联系方式移交乙方。",
    "The Seller shall transfer the Instagram account and its password to the Buyer.",
    "本协议一式两份，双方各执一份。",
]


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": PATH}
    command = [sys.executable, "-m", "draft_agreement", *map(str, args)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def test_the_command_line_on_its_own_local_ray_matches_the_pool_and_resumes(tmp_path: Path) -> None:
    room = room_with_bad_files(tmp_path / "room")
    pool, on_ray = tmp_path / "pool.jsonl", tmp_path / "ray.jsonl"
    local = cli("review", room, "--report", pool, "--jobs", "2")
    distributed = cli("review", room, "--report", on_ray, "--executor", "ray")
    assert local.returncode == distributed.returncode == 2, distributed.stderr
    read = lambda p: sorted(p.read_text(encoding="utf-8").splitlines())  # noqa: E731
    assert read(on_ray) == read(pool)
    resumed = cli("review", room, "--report", on_ray, "--resume", "--executor", "ray")
    assert resumed.returncode == 2 and read(on_ray) == read(pool)  # nothing run twice, nothing added


def test_ray_options_are_checked_in_one_line(tmp_path: Path) -> None:
    room = room_with_bad_files(tmp_path / "room")
    run = cli("review", room, "--address", "auto")
    assert (
        run.returncode == 2
        and run.stderr.strip() == "draft-agreement: --address names a Ray cluster: it needs --executor ray"
    )
    run = cli("review", room, "--executor", "ray", "--address", "auto")  # no cluster runs here
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1].startswith("draft-agreement: cannot reach auto")
    assert "Traceback" not in run.stderr


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """A Ray runtime of this machine for the module; its workers import this checkout (PYTHONPATH)."""
    os.environ["PYTHONPATH"] = PATH  # inherited by the raylet and so by every worker it starts
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield
    finally:
        ray.shutdown()


def room_with_bad_files(folder: Path) -> Path:
    for i, text in enumerate(CLAUSES):
        (folder / f"deal-{i}").mkdir(parents=True)
        hostile.write_zip(
            folder / f"deal-{i}" / f"contract-{i}.docx",
            hostile.docx_parts(document=hostile.document_xml(text)),
        )
    bad = folder / "incoming"
    bad.mkdir()
    hostile.corrupt_crc_docx(bad)
    hostile.legacy_doc(bad)
    (bad / "empty.docx").write_bytes(b"")
    return folder


def lines_of(items: Iterator) -> list[str]:
    return sorted(json.dumps(item.to_line(), ensure_ascii=False, sort_keys=True) for item in items)


def test_ray_reviews_a_folder_line_for_line_like_the_local_pool(local_ray: None, tmp_path: Path) -> None:
    room = room_with_bad_files(tmp_path / "room")
    local = lines_of(review_many([room], jobs=2))
    on_ray = lines_of(review_many([room], executor="ray"))
    assert on_ray == local
    refused = [json.loads(line) for line in on_ray if '"status": "refused"' in line]
    assert len(refused) == 3 and len(on_ray) == 7


def test_ray_redlines_into_the_same_bytes(local_ray: None, tmp_path: Path) -> None:
    room = room_with_bad_files(tmp_path / "room")
    date = "2026-01-01T00:00:00Z"
    local = lines_of(redline_many([room], tmp_path / "local", jobs=2, date=date))
    on_ray = lines_of(redline_many([room], tmp_path / "ray", executor="ray", date=date))
    assert on_ray == [line.replace(str(tmp_path / "local"), str(tmp_path / "ray")) for line in local]
    for copy in (tmp_path / "local").rglob("*.docx"):
        twin = tmp_path / "ray" / copy.relative_to(tmp_path / "local")
        assert twin.read_bytes() == copy.read_bytes()


def _work_or_kill(job: _Job) -> object:
    """The batch's own work, except that kill.docx ends its process and hang.docx never returns."""
    if job.path.name == "kill.docx":
        os._exit(9)
    if job.path.name == "hang.docx":
        time.sleep(3600)
    return _work(job)


def test_a_file_that_kills_or_hangs_its_worker_is_one_error_line(local_ray: None, tmp_path: Path) -> None:
    jobs = []
    for name, text in [
        ("a.docx", CLAUSES[0]),
        ("kill.docx", CLAUSES[1]),
        ("hang.docx", CLAUSES[2]),
        ("b.docx", CLAUSES[3]),
    ]:
        path = hostile.write_zip(tmp_path / name, hostile.docx_parts(document=hostile.document_xml(text)))
        jobs.append(_Job(path, None, {"rules": [], "lang": None, "show_pii": False}))
    on_failure = functools.partial(_failed, timeout=5.0)
    started = time.monotonic()
    outcomes = {job.path.name: out for job, out in execute(jobs, _work_or_kill, on_failure, 2, 5.0, "ray")}
    assert time.monotonic() - started < 120
    assert sorted(outcomes) == ["a.docx", "b.docx", "hang.docx", "kill.docx"]
    assert (
        outcomes["kill.docx"].reason == "worker stopped"
        and "worker process stopped" in outcomes["kill.docx"].error
    )
    assert outcomes["hang.docx"].reason == "timeout" and "after 5 s" in outcomes["hang.docx"].error
    assert outcomes["a.docx"].error is None and outcomes["a.docx"].report["summary"]["high"] >= 1
    assert outcomes["b.docx"].error is None
    assert outcomes["kill.docx"].sha256 and outcomes["hang.docx"].sha256  # hashed, so resume skips them
    assert Failure.stopped.value == "stopped"
