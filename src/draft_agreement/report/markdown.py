"""Markdown: a review a lawyer can paste into an e-mail or a memo."""

from __future__ import annotations

from draft_agreement.reviewing.findings import LegalBasis, Report

_HEAD = {
    "zh": ("审查报告", "条款", "风险", "类别", "内容", "法律依据", "未发现风险条款。", "文档整体"),
    "en": (
        "Review report",
        "Clause",
        "Severity",
        "Category",
        "Text",
        "Legal basis",
        "No findings.",
        "Whole document",
    ),
}


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def basis_line(basis: LegalBasis) -> str:
    """A cited article as one block quote: the act and article in bold, then its text."""
    return f"> **{basis.law} {basis.article}** {basis.quote}".replace("\n", " ")


def render_markdown(report: Report, lang: str) -> str:
    title, clause, severity, category, text, basis, none, whole = _HEAD[lang]
    lines = [*(f"> {note}" for note in report.notes), *([""] if report.notes else [])]
    lines += [f"# {title}: {_cell(report.file)}", ""]
    summary = ", ".join(f"{k}: {v}" for k, v in report.summary.items())
    lines += [f"**{summary}**", ""]
    if not report.findings:
        return "\n".join([*lines, none, ""])
    lines += [f"| {clause} | {severity} | {category} | {text} | {basis} |", "|---|---|---|---|---|"]
    for f in report.findings:
        where = f.clause or (whole if f.location is None else "")
        cites = "; ".join(f"{b.law} {b.article}" for b in f.legal_basis)
        shown = f.text if f.text is not None else "; ".join(f.missing)
        lines.append(f"| {_cell(where)} | {f.severity} | {f.category} | {_cell(shown)} | {_cell(cites)} |")
    lines.append("")
    for i, f in enumerate(report.findings, 1):
        lines += [f"## {i}. {_cell(f.title)} ({f.severity})", "", f.explanation, "", f"*{f.suggestion}*", ""]
        for b in f.legal_basis:
            lines.append(basis_line(b))
        lines.append("")
    return "\n".join(lines)
