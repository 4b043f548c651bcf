"""Two independent validators find nothing new in a comparison's output: ooxml-integrity (structure,
and with --against, nothing of NEW lost: comments, revisions, content controls, hyperlinks) and
openxml-audit (the schema). Inputs are not always clean, so each output is held to NEW's own findings."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from draft_agreement.api import compare
from tests.agreements import pair
from tests.corpus import CORPUS, require, wc_pairs

openxml_audit = pytest.importorskip(
    "openxml_audit", reason="openxml-audit not installed (pip install -e .[test])"
)
from tests.test_redline_validators import _is_revision_only_row  # noqa: E402

DATE = "2026-01-01T00:00:00Z"


def _integrity(paths: list[Path], against: Path | None = None) -> dict[str, Counter]:
    tool = shutil.which("ooxml-integrity")
    if tool is None:
        pytest.skip("ooxml-integrity not installed (pip install -e .[test])")
    args = [
        tool,
        "check",
        "--no-config",
        "--json",
        *(["--against", str(against)] if against else []),
        *map(str, paths),
    ]
    run = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert run.returncode in (0, 1), run.stderr
    return {
        report["path"]: Counter(
            (f["code"], f["message"]) for f in report["findings"] if f["severity"] == "error"
        )
        for report in json.loads(run.stdout)["files"]
    }


def _schema(validator: object, path: Path) -> Counter:
    return Counter(
        (str(e.error_type), e.description, e.part_uri)
        for e in validator.validate(path).errors
        if str(e.severity).endswith("error") and not _is_revision_only_row(path, e.part_uri, e.path)
    )


def _outputs(tmp_path: Path) -> list[tuple[Path, Path]]:
    """(NEW, redline) for one direction of every WC pair."""
    seen: set[frozenset[str]] = set()
    out = []
    for i, (old, new) in enumerate(wc_pairs()):
        if frozenset((old.name, new.name)) in seen:
            continue
        seen.add(frozenset((old.name, new.name)))
        redline = tmp_path / f"{i:03d}.docx"
        compare(old, new, redline, date=DATE)
        out.append((new, redline))
    return out


def test_wc_outputs_have_no_new_integrity_errors(tmp_path: Path) -> None:
    require(CORPUS / "WC")
    outputs = _outputs(tmp_path)
    found = _integrity(sorted({p for pair in outputs for p in pair}))
    new_errors = {str(r): found[str(r)] - found[str(n)] for n, r in outputs if found[str(r)] - found[str(n)]}
    assert new_errors == {}


def test_wc_outputs_have_no_new_schema_errors(tmp_path: Path) -> None:
    require(CORPUS / "WC")
    validator = openxml_audit.OpenXmlValidator()
    baseline: dict[Path, Counter] = {}
    new_errors = {}
    for new, redline in _outputs(tmp_path):
        if new not in baseline:
            baseline[new] = _schema(validator, new)
        extra = _schema(validator, redline) - baseline[new]
        if extra:
            new_errors[new.name] = extra
    assert new_errors == {}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_agreement_outputs_lose_nothing_of_new_and_stay_valid(lang: str, tmp_path: Path) -> None:
    old, new = pair(tmp_path, 300, lang, seed=9)
    redline = tmp_path / "redline.docx"
    compare(old, new, redline, date=DATE)
    found = _integrity([new, redline], against=new)
    assert found[str(redline)] - found[str(new)] == Counter()
    validator = openxml_audit.OpenXmlValidator()
    assert _schema(validator, redline) - _schema(validator, new) == Counter()
