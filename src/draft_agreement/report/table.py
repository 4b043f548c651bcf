"""The default terminal view: a rich table grouped by clause, severities coloured, matches highlighted."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from draft_agreement.reviewing.findings import LegalBasis, Report

_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}
_HEAD = {
    "zh": ("条款", "风险", "类别", "内容（匹配处高亮）", "依据"),
    "en": ("Clause", "Severity", "Category", "Text (match highlighted)", "Legal basis"),
}


def _highlighted(paragraph: str | None, match: str | None, width: int = 90) -> Text:
    if paragraph is None:
        return Text(match or "")
    start = paragraph.find(match) if match else -1
    if start < 0:
        return Text(paragraph[:width])
    lo = max(0, start - 20)
    hi = min(len(paragraph), start + len(match or "") + 20)
    text = Text(("…" if lo else "") + paragraph[lo:hi] + ("…" if hi < len(paragraph) else ""))
    offset = start - lo + (1 if lo else 0)
    text.stylize("bold reverse", offset, offset + len(match or ""))
    return text


def _cites(basis: tuple[LegalBasis, ...]) -> str:
    """Articles grouped by act, one line per act, without the "中华人民共和国" prefix."""
    grouped: dict[str, list[str]] = {}
    for b in basis:
        grouped.setdefault(b.law.removeprefix("中华人民共和国"), []).append(b.article)
    return "\n".join(f"{law} {'、'.join(articles)}" for law, articles in grouped.items())


def render_table(report: Report, console: Console, lang: str) -> None:
    for note in report.notes:  # the governing law first: the findings below are read in its light
        console.print(Text(note, style="bold"))
    console.print(
        f"[bold]{escape(report.file)}[/bold]  "
        + "  ".join(f"[{_STYLE[k]}]{k}: {v}[/{_STYLE[k]}]" for k, v in report.summary.items())
    )
    if not report.findings:
        return
    table = Table(show_lines=True)
    for column in _HEAD[lang]:
        table.add_column(column, overflow="fold")
    last_clause = object()
    for f in report.findings:
        clause = f.clause or ("—" if f.location is None else "")
        shown = clause if clause != last_clause else ""
        last_clause = clause
        body = _highlighted(f.paragraph_text, f.text) if f.location else Text("; ".join(f.missing) or f.title)
        cites = _cites(f.legal_basis)
        table.add_row(
            escape(shown), Text(f.severity, style=_STYLE[f.severity]), f.category, body, escape(cites)
        )
    console.print(table)
