"""The command line as a lawyer and a pipeline meet it: help, exit codes, one-line refusals."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import hostile

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
WECHAT = SAMPLES / "wechat-account-transfer.zh.docx"
REFERRAL = SAMPLES / "customer-referral-agreement.zh.docx"


def run(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "draft_agreement", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def test_help_and_version_are_fast_and_import_nothing_heavy() -> None:
    start = time.perf_counter()
    result = run("--help")
    assert result.returncode == 0 and "review" in result.stdout and "redline" in result.stdout
    assert run("--version").stdout.startswith("draft-agreement ")
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, draft_agreement.cli; print(sorted(m for m in ('lxml', 'rich', 'docx', 'jinja2') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert probe.stdout.strip() == "[]", "importing the CLI must not load heavy modules"
    assert time.perf_counter() - start < 30


HOSTILE: list[Callable[[Path], Path]] = [
    hostile.xxe_docx,
    hostile.billion_laughs_docx,
    hostile.ratio_bomb_docx,
    hostile.declared_size_bomb_docx,
    hostile.encrypted_docx,
    hostile.legacy_doc,
    hostile.pdf_renamed,
    hostile.truncated_docx,
    hostile.empty_file,
    hostile.plain_zip,
    hostile.malformed_xml_docx,
]


@pytest.mark.parametrize("build", HOSTILE, ids=lambda f: f.__name__)
@pytest.mark.parametrize("command", ["inspect", "review", "redline"])
def test_bad_input_is_one_line_and_exit_2(
    build: Callable[[Path], Path], command: str, tmp_path: Path
) -> None:
    bad = build(tmp_path)
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    args: list[str | Path] = [command, bad] + (["-o", tmp_path / "out.docx"] if command == "redline" else [])
    result = run(*args, timeout=60)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert bad.name in lines[0]
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before
    assert not (tmp_path / "out.docx").exists()


def test_review_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    risky = run("review", WECHAT, "--format", "json")
    assert risky.returncode == 1
    report = json.loads(risky.stdout)
    assert report["summary"]["high"] > 0
    assert run("review", REFERRAL, "--format", "json").returncode == 0
    assert run("review", WECHAT, "--format", "json", "--fail-on", "info").returncode == 1


def test_review_masks_identifiers_unless_asked(tmp_path: Path) -> None:
    masked = run("review", WECHAT, "--format", "json").stdout
    shown = run("review", WECHAT, "--format", "json", "--show-pii").stdout
    assert "320281199006123816" not in masked and "3202**********3816" in masked
    assert "320281199006123816" in shown


def test_several_files_give_json_lines(tmp_path: Path) -> None:
    result = run("review", WECHAT, REFERRAL, "--format", "json")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["file"]).name for r in lines] == [WECHAT.name, REFERRAL.name]


def test_redline_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    copy = tmp_path / "a.docx"
    copy.write_bytes(WECHAT.read_bytes())
    result = run("redline", copy, "-o", copy)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert copy.read_bytes() == WECHAT.read_bytes()


def test_redline_is_reproducible_with_a_fixed_date(tmp_path: Path) -> None:
    outs = []
    for name in ("one.docx", "two.docx"):
        out = tmp_path / name
        result = run(
            "redline",
            WECHAT,
            "-o",
            out,
            "--date",
            "2026-01-01T00:00:00Z",
            "--report",
            tmp_path / f"{name}.json",
        )
        assert result.returncode == 1, result.stderr  # findings at medium or above
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert json.loads((tmp_path / "one.docx.json").read_text(encoding="utf-8"))["summary"]["high"] > 0


def test_accept_and_reject_commands(tmp_path: Path) -> None:
    red = tmp_path / "red.docx"
    run("redline", WECHAT, "-o", red, "--date", "2026-01-01")
    assert run("reject", red, "-o", tmp_path / "rej.docx", "--author", "draft-agreement").returncode == 0
    assert run("accept", red, "-o", tmp_path / "acc.docx").returncode == 0
    inspect_rej = json.loads(run("inspect", tmp_path / "rej.docx", "--format", "json").stdout)
    inspect_in = json.loads(run("inspect", WECHAT, "--format", "json").stdout)
    texts = lambda model: [p["text"] for s in model["stories"] for p in s["paragraphs"]]  # noqa: E731
    assert texts(inspect_rej) == texts(inspect_in)


def test_rules_test_command_passes_on_the_default_packs() -> None:
    result = run("rules", "test", timeout=300)
    assert result.returncode == 0, result.stdout[-2000:]
    assert " 0 failed" in result.stdout


def test_convert_doc_reviews_a_legacy_file(tmp_path: Path) -> None:
    import os
    import shutil

    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have LibreOffice")
        pytest.skip("LibreOffice (soffice) is not installed")
    legacy = tmp_path / "old.doc"
    converted = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(WECHAT),
        ],
        capture_output=True,
        timeout=180,
    )
    (tmp_path / WECHAT.with_suffix(".doc").name).rename(legacy)
    assert converted.returncode == 0
    before = legacy.read_bytes()
    refused = run("review", legacy, "--format", "json")
    assert refused.returncode == 2 and "--convert-doc" in refused.stderr
    accepted = run("review", legacy, "--format", "json", "--convert-doc", timeout=300)
    report = json.loads(accepted.stdout)
    assert accepted.returncode == 1 and report["summary"]["high"] > 0
    assert report["file"].endswith("old.doc") and legacy.read_bytes() == before
