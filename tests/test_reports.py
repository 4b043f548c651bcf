"""Report formats against independent checks: the published JSON Schema, SARIF's required structure,
and a firm's own pack changing what is reported."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from rich.console import Console

from draft_agreement import review
from draft_agreement.report.markdown import render_markdown
from draft_agreement.report.sarif import render_sarif
from draft_agreement.report.table import render_table
from draft_agreement.reviewing.findings import SEVERITIES
from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.docx"))
WECHAT = ROOT / "samples" / "wechat-account-transfer.zh.docx"
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
    assert all(f.category in shown for f in report.findings)


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
