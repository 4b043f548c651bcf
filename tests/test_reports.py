"""Report formats against independent checks: the published JSON Schema, SARIF's required structure,
and a firm's own pack changing what is reported."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from rich.cells import cell_len
from rich.console import Console

from draft_agreement import review
from draft_agreement.report.markdown import render_markdown
from draft_agreement.report.sarif import render_sarif
from draft_agreement.report.table import render_table
from draft_agreement.reviewing.findings import SEVERITIES
from tests.corpus import SHARED, require
from tests.test_cli import run

BOX_DRAWING = re.compile("[\u2500-\u257f]")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.docx"))
WECHAT = ROOT / "samples" / "wechat-account-transfer.zh.docx"
LABELS = yaml.safe_load((ROOT / "clauses" / "labels.yaml").read_text(encoding="utf-8"))
SCHEMA = json.loads(
    (ROOT / "src" / "draft_agreement" / "report" / "review-report.schema.json").read_text(encoding="utf-8")
)


def test_every_sample_report_matches_the_published_schema() -> None:
    for sample in SAMPLES:
        report = review(sample).to_dict()
        jsonschema.validate(report, SCHEMA)
        assert report["summary"] == {
            s: sum(f["severity"] == s for f in report["findings"]) for s in SEVERITIES
        }


def test_findings_name_articles_quoted_from_the_law() -> None:
    report = review(WECHAT)
    assert report.findings
    for finding in report.findings:
        assert finding.legal_basis, finding.rule
        for basis in finding.legal_basis:
            assert basis.article.startswith("第") and basis.quote and basis.law


def test_document_level_findings_have_no_paragraph() -> None:
    report = review(WECHAT).to_dict()
    for finding in report["findings"]:
        if finding["category"] == "missing-safeguard":
            assert finding["paragraph_text"] is None and finding["location"] is None
        else:
            assert finding["location"] is not None


def test_review_is_deterministic_and_in_document_order() -> None:
    first, second = review(WECHAT).to_dict(), review(WECHAT).to_dict()
    assert first == second
    located = [f["location"] for f in first["findings"] if f["location"] and f["location"]["story"] == "body"]
    assert located == sorted(located, key=lambda loc: (loc["paragraph"], loc["start"]))


def test_sarif_has_the_required_structure() -> None:
    reports = [review(sample) for sample in SAMPLES]
    sarif = render_sarif(reports)
    assert sarif["version"] == "2.1.0"
    (run_,) = sarif["runs"]
    rule_ids = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    assert len(run_["results"]) == sum(len(r.findings) for r in reports)
    for result in run_["results"]:
        assert result["ruleId"] in rule_ids
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".docx")


def test_markdown_and_table_show_every_finding() -> None:
    report = review(WECHAT)
    text = render_markdown(report, "zh")
    assert text.count("\n## ") == len(report.findings)
    console = Console(record=True, width=200)
    render_table(report, console, "zh")
    shown = console.export_text()
    assert all(LABELS["categories"][f.category]["zh"] in shown for f in report.findings)
    assert all(f.clause in shown for f in report.findings if f.clause)


def test_a_firm_pack_can_disable_and_regrade_rules(tmp_path: Path) -> None:
    baseline = json.loads(run("review", WECHAT, "--format", "json").stdout)
    rules = {f["rule"] for f in baseline["findings"]}
    disabled, regraded = sorted(r for r in rules if r.startswith("zh."))[:2]
    pack = tmp_path / "firm.yaml"
    pack.write_text(
        "pack: firm\nlanguage: zh\nrules: []\noverrides:\n"
        f"  - {{id: {disabled}, disable: true}}\n  - {{id: {regraded}, severity: low}}\n",
        encoding="utf-8",
    )
    changed = json.loads(run("review", WECHAT, "--format", "json", "--rules", pack).stdout)
    assert disabled not in {f["rule"] for f in changed["findings"]}
    assert {f["severity"] for f in changed["findings"] if f["rule"] == regraded} == {"low"}


def test_a_broken_firm_pack_is_one_line_naming_file_rule_and_field(tmp_path: Path) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text(
        "pack: firm\nlanguage: zh\nrules:\n  - id: firm.bad\n    category: no-such-category\n",
        encoding="utf-8",
    )
    result = run("review", WECHAT, "--rules", pack)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "broken.yaml" in line and "firm.bad" in line and "category" in line


def test_explanations_follow_lang() -> None:
    zh = review(WECHAT)
    en = review(WECHAT, lang="en")
    assert zh.findings[0].explanation != en.findings[0].explanation
    assert en.findings[0].explanation.isascii() or "the" in en.findings[0].explanation.lower()


def _code(category: str) -> re.Pattern[str]:
    """The taxonomy code as a word of its own (not "personal-info" inside "personal-information")."""
    return re.compile(rf"(?<![\w-]){re.escape(category)}(?![\w-])")


def _table(*args: str, columns: int = 100) -> str:
    """`review` as a pipe sees it: no terminal, COLUMNS wide."""
    done = subprocess.run(
        [sys.executable, "-m", "draft_agreement", "review", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": str(columns), "TERM": "dumb"},
    )
    assert done.returncode == 1, done.stderr  # findings at medium or above
    return done.stdout


def test_review_table_fits_100_columns_with_chinese_labels_one_row_per_clause() -> None:
    report = review(WECHAT)
    out = _table(str(WECHAT))
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= 100
    assert not BOX_DRAWING.search(out) and "\x1b[" not in out  # piped: no borders, no colours
    assert lines[0].startswith("交易：") and LABELS["kinds"][report.deal.kind]["zh"] in lines[0]
    assert any(line.startswith("适用法律：") for line in lines[:4])
    head = next(line for line in lines if line.startswith("条款"))
    assert "风险" in head and "建议" in head
    table = "\n".join(lines[lines.index(head) :])
    for finding in report.findings:  # the lawyer's words, never the taxonomy's codes
        assert LABELS["categories"][finding.category]["zh"] in table
        assert not _code(finding.category).search(table)
    assert {LABELS["severities"][f.severity]["zh"] for f in report.findings} <= set(out)
    body = lines[lines.index(head) + 1 :]
    for clause in {f.clause for f in report.findings if f.clause}:  # one row per clause
        assert sum(1 for line in body if line.split(" ", 1)[0] == clause) == 1, clause
    rows = [line for line in body if line and not line.startswith(" ")]
    assert len(rows) == len({f.clause or ("全文" if f.location is None else "—") for f in report.findings})


def test_review_table_in_english_and_boxed_on_request() -> None:
    report = review(WECHAT)
    out = _table(str(WECHAT), "--lang", "en", "--box")
    assert max(cell_len(line) for line in out.splitlines()) <= 100
    assert BOX_DRAWING.search(out)
    assert out.startswith("Deal: ")
    assert LABELS["severities"]["high"]["en"] in out and "Suggested" in out
    assert "高" not in out.split("\n", 3)[3]  # the labels are English (the parties' names stay Chinese)
    table = out[out.index("Clause") :]
    for category in {f.category for f in report.findings}:
        label = LABELS["categories"][category]["en"]
        assert category == label or not _code(category).search(table), category


def test_every_code_a_report_can_carry_has_a_label_in_both_languages() -> None:
    """The taxonomy's categories and kinds (docs are the oracle), the severities, every replacement
    clause and every cited act: a new one without a label would show as a bare code."""
    taxonomy = require(SHARED / "docs" / "taxonomy.md").read_text(encoding="utf-8")
    categories = set(re.findall(r"^\| `([a-z-]+)` \| [A-Z]", taxonomy.split("## Minimum shape")[0], re.M))
    kinds = set(re.findall(r"^\| `([a-z-]+)` \|", taxonomy.split("## The deal")[1], re.M))
    replacements = yaml.safe_load((ROOT / "clauses" / "replacements" / "index.yaml").read_text("utf-8"))
    acts = {path.stem for path in (ROOT / "clauses" / "legal").glob("*.yaml")}
    assert categories and kinds
    for section, codes in (
        ("categories", categories),
        ("kinds", kinds),
        ("severities", set(SEVERITIES)),
        ("suggested", set(replacements["replacements"])),
        ("acts", acts),
    ):
        assert codes <= set(LABELS[section]), (section, codes - set(LABELS[section]))
        for code in codes:
            assert set(LABELS[section][code]) == {"zh", "en"}, (section, code)
