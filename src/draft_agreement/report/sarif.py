"""SARIF 2.1.0, so code-review and document-pipeline tools can show findings."""

from __future__ import annotations

from typing import Any

from draft_agreement import __version__
from draft_agreement.reviewing.findings import Report

_LEVEL = {"high": "error", "medium": "warning", "low": "note", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render_sarif(reports: list[Report]) -> dict[str, Any]:
    """One SARIF run covering every reviewed file; each finding is a result located in its file."""
    rules: dict[str, dict[str, Any]] = {}
    results = []
    notifications = [
        {
            "level": "note",
            "message": {"text": note},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": report.file}}}],
        }
        for report in reports
        for note in report.notes
    ]
    for report in reports:
        for f in report.findings:
            rules.setdefault(
                f.rule,
                {
                    "id": f.rule,
                    "name": f.category,
                    "shortDescription": {"text": f.title},
                    "fullDescription": {"text": f.explanation},
                    "help": {"text": f.suggestion},
                    "properties": {
                        "category": f.category,
                        "severity": f.severity,
                        "legal_basis": [f"{b.law} {b.article}" for b in f.legal_basis],
                    },
                },
            )
            location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": report.file}}}
            if f.location is not None:
                loc = f.location
                location["logicalLocations"] = [
                    {
                        "name": f.clause or f"{loc.story}:{loc.paragraph}",
                        "fullyQualifiedName": f"{loc.story}/paragraph[{loc.paragraph}]/{loc.start}-{loc.end}",
                        "kind": "clause",
                    }
                ]
                if f.text:
                    location["physicalLocation"]["region"] = {"snippet": {"text": f.text}}
            results.append(
                {
                    "ruleId": f.rule,
                    "level": _LEVEL[f.severity],
                    "message": {"text": f"{f.title}: {f.explanation}"},
                    "locations": [location],
                    "properties": {
                        "severity": f.severity,
                        "category": f.category,
                        "location": f.location.to_dict() if f.location else None,
                    },
                }
            )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "draft-agreement",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/draft-agreement/",
                        "rules": [rules[k] for k in sorted(rules)],
                    }
                },
                # The governing-law line comes before the findings it qualifies.
                "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
                "results": results,
            }
        ],
    }
