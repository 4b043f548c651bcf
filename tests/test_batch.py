"""Folder batches: every good file processed, one report line per file, right exit codes, and resume.

The oracle for a file's result is the single-file API run on the same file: a batch must give the
same report (or the same one-line refusal) as reviewing that file alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest

from draft_agreement import api
from draft_agreement.batch import (
    BatchItem,
    BatchSummary,
    JsonlReport,
    mirrored_outputs,
    read_report,
    redline_many,
    review_many,
    select_files,
)
from draft_agreement.batch_pool import run_jobs
from draft_agreement.cli.batch import redline_paths, review_paths
from draft_agreement.errors import DraftAgreementError, OutputError
from tests import hostile
from tests.oracle import part_signature, read_part, rejected_ours, structural_problems

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO / "samples").glob("*.docx"))
CLAUSES = [
    "甲方同意将微信账号转让给乙方，并交付登录密码。",
    "乙方应按期支付服务费用。",
    "甲方应将客户名单及联系方式移交乙方。",
    "The Seller shall transfer the Instagram account and its password to the Buyer.",
    "本协议一式两份，双方各执一份。",
    "甲方保证账号无任何纠纷。",
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def agreement(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return hostile.write_zip(folder / name, hostile.docx_parts(document=hostile.document_xml(text)))


def expected(path: Path) -> dict:
    """What reviewing the file alone gives: its report, or the one-line refusal."""
    try:
        return {"report": api.review(path).to_dict()}
    except DraftAgreementError as exc:
        return {"error": str(exc).splitlines()[0]}


@pytest.fixture
def data_room(tmp_path: Path) -> tuple[Path, list[Path], list[Path]]:
    """Good agreements in nested folders plus a corrupt zip, a .doc and two kinds of zip bomb."""
    room = tmp_path / "room"
    good = copy_samples(room / "samples")
    good += [
        agreement(room / "deals" / f"deal-{i}", f"contract-{i}.docx", t) for i, t in enumerate(CLAUSES[:3])
    ]
    bad_folder = room / "incoming"
    bad_folder.mkdir()
    bad = [
        hostile.corrupt_crc_docx(bad_folder),
        hostile.truncated_docx(bad_folder),
        hostile.legacy_doc(bad_folder),
        hostile.ratio_bomb_docx(bad_folder, megabytes=8),
        hostile.declared_size_bomb_docx(bad_folder),
    ]
    (bad_folder / "whole.docx").unlink()  # the truncated builder's intact source
    (room / "notes.txt").write_text("not a Word file", encoding="utf-8")
    return room, good, bad


def copy_samples(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(sample, folder / sample.name)) for sample in SAMPLES]


def report_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_selection_recurses_and_honours_glob_and_exclude(tmp_path: Path) -> None:
    for rel in ["a.docx", "B.DOCX", "sub/c.docx", "sub/old.doc", "drafts/d.docx", "sub/~$c.docx", "x.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"")
    names = lambda chosen: sorted(str(s.relative) for s in chosen)  # noqa: E731
    assert names(select_files([tmp_path])) == [
        "B.DOCX",
        "a.docx",
        "drafts/d.docx",
        "sub/c.docx",
        "sub/old.doc",
    ]
    assert names(select_files([tmp_path], glob=["*.docx"], exclude=["drafts"])) == [
        "B.DOCX",
        "a.docx",
        "sub/c.docx",
    ]
    assert names(select_files([tmp_path], glob=["sub/*"])) == ["sub/c.docx", "sub/old.doc"]
    assert names(select_files([tmp_path], exclude=["*.doc", "a.*"])) == [
        "B.DOCX",
        "drafts/d.docx",
        "sub/c.docx",
    ]
    # A file named directly is taken as given, once, even if a folder also holds it.
    direct = select_files([tmp_path / "x.txt", tmp_path, tmp_path / "a.docx"])
    assert [s.path for s in direct].count(tmp_path / "a.docx") == 1
    assert direct[0].relative == PurePosixPath("x.txt") and direct[0].folder is None


def test_folder_batch_processes_every_good_file_and_refuses_the_bad(
    data_room: tuple[Path, list[Path], list[Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room, good, bad = data_room
    before = {p: sha256(p) for p in good + bad}
    report = tmp_path / "report.jsonl"
    code = review_paths([room], report=report, jobs=2, jsonl_stdout=True)
    assert code == 2  # files were refused

    lines = report_lines(report)
    assert sorted(line["file"] for line in lines) == sorted(str(p) for p in good + bad)
    assert [json.loads(x) for x in capsys.readouterr().out.splitlines()] == lines  # the same stream on stdout
    for line in lines:
        path = Path(line["file"])
        assert line["sha256"] == before[path]
        want = expected(path)
        if "error" in want:
            assert path in bad and line["status"] == "refused" and line["error"] == want["error"]
        else:
            assert path in good and line["status"] == "reviewed"
            assert {k: v for k, v in line.items() if k not in ("sha256", "status")} == want["report"]
    assert {p: sha256(p) for p in good + bad} == before  # inputs never written

    worst_reached = any(
        want["report"]["summary"]["high"] + want["report"]["summary"]["medium"]
        for want in map(expected, good)
    )
    assert review_paths([room], report=report, jobs=1, keep_going=True) == (1 if worst_reached else 0)


def test_exit_codes() -> None:
    def item(summary: dict | None = None, error: str | None = None) -> BatchItem:
        return BatchItem(Path("f.docx"), "0" * 64, summary=summary, error=error, reason=error)

    clean, low, high = ({"high": h, "medium": 0, "low": lo, "info": 0} for h, lo in ((0, 0), (0, 2), (1, 0)))
    for items, fail_on, keep_going, code in [
        ([item(clean)], "medium", False, 0),
        ([item(low)], "medium", False, 0),
        ([item(low)], "low", False, 1),
        ([item(high)], "high", False, 1),
        ([item(clean), item(error="bad")], "medium", False, 2),
        ([item(high), item(error="bad")], "medium", True, 1),
        ([item(clean), item(error="bad")], "medium", True, 0),
    ]:
        summary = BatchSummary()
        for it in items:
            summary.add(it)
        assert summary.exit_code(fail_on, keep_going) == code


def count_reviews(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every file the engine is asked to review (jobs=1 without a time limit runs here)."""
    from draft_agreement.reviewing import run

    calls: list[Path] = []
    real = run.review

    def counting(path: Path, **options: object) -> object:
        calls.append(Path(path))
        return real(path, **options)

    monkeypatch.setattr(run, "review", counting)
    return calls


def test_resume_finishes_the_rest_without_repeating_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = tmp_path / "room"
    files = [
        agreement(room / f"part-{i % 2}", f"f{i}.docx", f"{text}（第{i}份）")
        for i, text in enumerate(CLAUSES * 2)
    ]
    (room / "zz").mkdir()
    duplicate = Path(shutil.copy(files[0], room / "zz" / "copy-of-f0.docx"))  # selected last
    report = tmp_path / "report.jsonl"
    calls = count_reviews(monkeypatch)

    # An interrupted run: five files finish, then the last line is cut off mid-write.
    with JsonlReport(report) as writer:
        items = review_many([room], jobs=1, timeout=None)
        for _ in range(5):
            writer.write(next(items))
        items.close()
    with report.open("a", encoding="utf-8") as handle:
        handle.write('{"file": "cut off by a cra')
    done_first = {line["file"] for line in read_report(report)}
    assert len(done_first) == 5 and len(calls) == 5

    calls.clear()
    assert review_paths(
        [room], report=report, resume=True, jobs=1, keep_going=True, fail_on="high", timeout=None
    ) in (0, 1)
    lines = report_lines(report)  # every line parses: the cut-off one was dropped
    everything = [*files, duplicate]
    assert sorted(line["file"] for line in lines) == sorted(map(str, everything))
    # Only files whose content was not yet in the report were reviewed, each once.
    done_hashes = {sha256(Path(f)) for f in done_first}
    assert sorted(calls) == sorted(p for p in everything if sha256(p) not in done_hashes)
    # A duplicate of an already-reviewed file is recorded by reference, not reviewed again.
    assert str(files[0]) in done_first and duplicate not in calls
    (dup_line,) = [line for line in lines if line["file"] == str(duplicate)]
    assert (
        dup_line["same_as"] == str(files[0])
        and dup_line["summary"] == expected(files[0])["report"]["summary"]
    )

    calls.clear()
    assert review_paths(
        [room], report=report, resume=True, jobs=1, keep_going=True, fail_on="high", timeout=None
    ) in (0, 1)
    assert calls == [] and report_lines(report) == lines


def test_ctrl_c_leaves_a_consistent_report_and_resume_completes_it(tmp_path: Path) -> None:
    room = tmp_path / "room"
    files = [agreement(room, f"f{i:02d}.docx", f"{CLAUSES[i % len(CLAUSES)]}（{i}）") for i in range(40)]
    report = tmp_path / "report.jsonl"
    script = (
        "import sys; from pathlib import Path; from draft_agreement.cli.batch import review_paths; "
        "sys.exit(review_paths([Path(sys.argv[1])], report=Path(sys.argv[2]), resume=True, jobs=2, keep_going=True))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    run = subprocess.Popen(
        [sys.executable, "-c", script, str(room), str(report)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not report.exists() or len(report.read_bytes().splitlines()) < 3):
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    _, err = run.communicate(timeout=120)
    if run.returncode != 130:
        pytest.skip("the batch finished before the interrupt arrived")
    assert b"--resume" in err
    partial = report_lines(report)
    assert 3 <= len(partial) < len(files)
    assert len({line["file"] for line in partial}) == len(partial)

    rerun = subprocess.run(
        [sys.executable, "-c", script, str(room), str(report)], env=env, capture_output=True, timeout=300
    )
    assert rerun.returncode in (0, 1), rerun.stderr.decode()
    final = report_lines(report)
    assert final[: len(partial)] == partial  # earlier lines kept as they were
    assert sorted(line["file"] for line in final) == sorted(map(str, files))  # the rest added, once each


def test_redline_mirrors_the_tree_and_never_writes_inputs(tmp_path: Path) -> None:
    room = tmp_path / "room"
    sources = [*copy_samples(room / "a" / "b"), agreement(room, "top.docx", CLAUSES[0])]
    before = {p: sha256(p) for p in sources}
    out = tmp_path / "out"
    report = tmp_path / "redline.jsonl"
    code = redline_paths([room], out, report=report, jobs=2, date="2026-01-01T00:00:00Z", keep_going=True)
    assert code in (0, 1)
    assert {p: sha256(p) for p in sources} == before
    lines = report_lines(report)
    assert len(lines) == len(sources)
    for source in sources:
        target = out / source.relative_to(room)
        (line,) = [x for x in lines if x["file"] == str(source)]
        assert line["status"] == "redlined" and line["output"] == str(target)
        assert structural_problems(target) == []
        assert part_signature(rejected_ours(target, "draft-agreement")) == part_signature(read_part(source))
        direct = tmp_path / "direct.docx"
        api.redline(source, direct, date="2026-01-01T00:00:00Z")
        assert target.read_bytes() == direct.read_bytes()  # the same bytes as redlining it alone

    # Resuming skips every file: same content, same output path.
    items = list(redline_many([room], out, resume_report=report, jobs=1, date="2026-01-01T00:00:00Z"))
    assert all(i.resumed and not i.needs_line for i in items) and len(items) == len(sources)


def test_output_folder_checks(tmp_path: Path) -> None:
    room = tmp_path / "room"
    agreement(room, "a.docx", CLAUSES[0])
    agreement(room / "x", "a.docx", CLAUSES[1])
    with pytest.raises(OutputError, match="inside the input folder"):
        mirrored_outputs(select_files([room]), room / "out")
    other = agreement(tmp_path / "elsewhere", "a.docx", CLAUSES[2])
    with pytest.raises(OutputError, match="would be written here"):
        mirrored_outputs(select_files([room, other]), tmp_path / "out")
    with pytest.raises(DraftAgreementError, match="--resume needs --report"):
        review_paths([room], resume=True)


def _die_on_three(job: int) -> int:
    if job == 3:
        os._exit(1)  # a worker killed mid-file, as by the out-of-memory killer
    return job * 10


def test_a_worker_that_dies_blames_only_its_own_file() -> None:
    results = dict(run_jobs(range(8), _die_on_three, lambda job, why: -1, workers=2))
    assert results == {0: 0, 1: 10, 2: 20, 3: -1, 4: 40, 5: 50, 6: 60, 7: 70}


def test_the_generator_api_never_prints(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    room = tmp_path / "room"
    agreement(room, "a.docx", CLAUSES[0])
    hostile.legacy_doc(room)
    items = list(review_many([room], jobs=1))
    assert sorted(i.ok for i in items) == [False, True]
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("cut", [lambda data: data[:-7], lambda data: data + b'{"file": "x"'])
def test_report_drops_only_a_cut_off_last_line(tmp_path: Path, cut: Callable[[bytes], bytes]) -> None:
    report = tmp_path / "r.jsonl"
    item = BatchItem(Path("a.docx"), "a" * 64, summary={"high": 0, "medium": 0, "low": 0, "info": 0})
    with JsonlReport(report) as writer:
        writer.write(item)
        writer.write(BatchItem(Path("b.docx"), "b" * 64, error="b.docx: bad", reason="bad"))
    report.write_bytes(cut(report.read_bytes()))
    with JsonlReport(report, resume=True) as writer:
        writer.write(BatchItem(Path("c.docx"), "c" * 64, error="c.docx: bad", reason="bad"))
    files = [line["file"] for line in report_lines(report)]
    assert files[0] == "a.docx" and files[-1] == "c.docx" and len(files) in (2, 3)


def _always_die(job: int) -> int:
    os._exit(1)


def _cannot_start() -> None:
    raise ImportError("the engine is missing")


def test_every_file_that_kills_its_worker_is_blamed_and_the_run_finishes() -> None:
    assert dict(run_jobs(range(6), _always_die, lambda job, why: str(why), workers=2)) == {
        i: "stopped" for i in range(6)
    }


def test_workers_that_cannot_start_stop_the_batch_instead_of_blaming_files() -> None:
    from draft_agreement.batch_pool import WorkersFailed

    with pytest.raises(WorkersFailed):
        list(run_jobs(range(6), _die_on_three, lambda job, why: -1, workers=2, prepare=_cannot_start))


def test_a_script_without_a_main_guard_gets_the_hint_not_a_hang(tmp_path: Path) -> None:
    agreement(tmp_path / "room", "a.docx", CLAUSES[0])
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from draft_agreement.batch import review_many\n"
        f"print(len(list(review_many([{str(tmp_path / 'room')!r}], jobs=2))))\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    run = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert 'if __name__ == "__main__":' in run.stderr
