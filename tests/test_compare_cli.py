"""`draft-agreement compare` as a lawyer and a pipeline meet it: exit codes, one-line refusals,
reproducible bytes, the JSON report and its schema, --review, and folders of pairs."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import hostile
from tests.agreements import Agreement, Para, Run, pair, write

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "src" / "draft_agreement" / "report"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(*args: str | Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "draft_agreement", "compare", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return pair(tmp_path_factory.mktemp("pair"), 60, "zh", seed=3)


def test_compare_writes_the_redline_and_a_report_that_follows_the_schema(
    versions: tuple, tmp_path: Path
) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema not installed (pip install -e .[test])")
    referencing = pytest.importorskip("referencing")
    old, new = versions
    before = (_digest(old), _digest(new))
    out, report = tmp_path / "redline.docx", tmp_path / "changes.json"
    result = run(old, new, "-o", out, "--date", "2026-01-01", "--report", report)
    assert result.returncode == 0, result.stderr
    assert "changed" in result.stderr and str(out) in result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    schemas = {
        name: json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        for name in ("compare-report.schema.json", "review-report.schema.json")
    }
    registry = referencing.Registry().with_resources(
        (s["$id"], referencing.Resource.from_contents(s)) for s in schemas.values()
    )
    jsonschema.Draft202012Validator(schemas["compare-report.schema.json"], registry=registry).validate(data)
    kinds = {c["kind"] for c in data["changes"]}
    assert {"inserted", "deleted", "changed", "moved", "formatting"} <= kinds
    assert sum(data["summary"].values()) == len(data["changes"])
    assert any(c["clause"] for c in data["changes"])  # changes are reported by clause
    assert (_digest(old), _digest(new)) == before


def test_a_fixed_date_gives_the_same_bytes(versions: tuple, tmp_path: Path) -> None:
    old, new = versions
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run(old, new, "-o", first, "--date", "2026-01-01T00:00:00Z").returncode == 0
    assert run(old, new, "-o", second, "--date", "2026-01-01T00:00:00Z").returncode == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        dates = {
            el.split('w:date="')[1][:20] for el in z.read("word/document.xml").decode().split("<w:ins ")[1:]
        }
    assert "2026-01-01T00:00:00Z" in dates


BAD: list[Callable[[Path], Path]] = [
    hostile.xxe_docx,
    hostile.ratio_bomb_docx,
    hostile.encrypted_docx,
    hostile.legacy_doc,
    hostile.pdf_renamed,
    hostile.truncated_docx,
    hostile.empty_file,
    hostile.malformed_xml_docx,
]


@pytest.mark.parametrize("side", ["old", "new"])
@pytest.mark.parametrize("build", BAD, ids=lambda f: f.__name__)
def test_bad_input_is_one_line_and_exit_2(
    build: Callable, side: str, versions: tuple, tmp_path: Path
) -> None:
    bad = build(tmp_path)
    before = _digest(bad)
    good = versions[0]
    out = tmp_path / "out.docx"
    result = run(*((bad, good) if side == "old" else (good, bad)), "-o", out, timeout=60)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr and bad.name in lines[0]
    assert _digest(bad) == before and not out.exists()


def test_refuses_to_overwrite_an_input(versions: tuple) -> None:
    old, new = versions
    before = _digest(new)
    result = run(old, new, "-o", new)
    assert result.returncode == 2 and "refusing to overwrite" in result.stderr
    assert _digest(new) == before


def test_review_comments_risky_insertions(tmp_path: Path) -> None:
    base = [
        "服务协议",
        "甲方：某科技有限公司",
        "乙方：张三",
        "第一条 乙方应按约定支付服务费用。",
        "第二条 本协议自双方签字之日起生效。",
    ]
    risky = list(base)
    risky[3] = "第一条 乙方应按约定支付服务费用，甲方应向乙方交付其微信账号的登录密码及支付密码。"
    old = write(Agreement("zh", [Para([Run(t)]) for t in base], "", "", []), tmp_path / "old.docx")
    new = write(Agreement("zh", [Para([Run(t)]) for t in risky], "", "", []), tmp_path / "new.docx")
    out, report = tmp_path / "out.docx", tmp_path / "r.json"
    result = run(old, new, "-o", out, "--review", "--report", report, "--date", "2026-01-01")
    assert result.returncode == 0, result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    changed = [c for c in data["changes"] if c["kind"] == "changed"]
    assert len(changed) == 1 and changed[0]["clause"] == "第一条" and changed[0]["newly_risky"]
    assert any(f["category"] == "credential-handover" for f in changed[0]["findings"])
    assert all(f["legal_basis"] for f in changed[0]["findings"])
    assert data["review"]["risky_changes"] == 1 and data["comments"] >= 1
    with zipfile.ZipFile(out) as z:
        comments = z.read("word/comments.xml").decode()
        body = z.read("word/document.xml").decode()
    assert "上一版本" in comments and body.count("<w:commentRangeStart") == data["comments"]
    # The unchanged clauses carry no comment: only the inserted text is reviewed.
    assert (
        "本协议自双方签字之日起生效"
        not in body.split("<w:commentRangeStart")[1].split("<w:commentRangeEnd")[0]
    )


def test_folders_pair_files_by_relative_path(tmp_path: Path) -> None:
    old_dir, new_dir, out_dir = tmp_path / "v1", tmp_path / "v2", tmp_path / "redlines"
    for folder in (old_dir / "deals", new_dir / "deals"):
        folder.mkdir(parents=True)
    a_old, a_new = pair(tmp_path, 30, "zh", seed=5)
    b_old, b_new = pair(tmp_path, 30, "en", seed=6)
    (old_dir / "deals" / "a.docx").write_bytes(a_old.read_bytes())
    (new_dir / "deals" / "a.docx").write_bytes(a_new.read_bytes())
    (old_dir / "b.docx").write_bytes(b_old.read_bytes())
    (new_dir / "b.docx").write_bytes(b_new.read_bytes())
    (new_dir / "only-new.docx").write_bytes(b_new.read_bytes())
    report = tmp_path / "batch.jsonl"
    result = run(old_dir, new_dir, "-o", out_dir, "--report", report, "--jobs", "2", "--date", "2026-01-01")
    assert result.returncode == 0, result.stderr
    lines = {line["file"]: line for line in map(json.loads, report.read_text(encoding="utf-8").splitlines())}
    assert lines["deals/a.docx"]["status"] == "compared" and lines["b.docx"]["status"] == "compared"
    assert lines["only-new.docx"] == {
        "file": "only-new.docx",
        "output": None,
        "status": "unpaired",
        "only_in": "new",
    }
    assert (out_dir / "deals" / "a.docx").exists() and (out_dir / "b.docx").exists()
    single = tmp_path / "single.docx"
    assert run(a_old, a_new, "-o", single, "--date", "2026-01-01").returncode == 0
    assert (out_dir / "deals" / "a.docx").read_bytes() == single.read_bytes()


def test_a_folder_and_a_file_do_not_mix(versions: tuple, tmp_path: Path) -> None:
    result = run(tmp_path, versions[1], "-o", tmp_path / "o")
    assert result.returncode == 2 and "folder" in result.stderr
