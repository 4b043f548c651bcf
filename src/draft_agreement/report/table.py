"""The default terminal view: one row per clause, the strongest finding first with the rest folded in.

Severities, categories and the short remedy are labels in the report's language (clauses/labels.yaml).
The text column is the one that wraps, so the table fits a 100-column terminal; piped, it has no
box-drawing unless asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from draft_agreement.report.deal_line import deal_lines
from draft_agreement.report.labels import Labels, labels
from draft_agreement.reviewing.findings import SEVERITY_RANK, Finding, LegalBasis, Report

_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}
_COLUMNS = ("clause", "risk", "category", "text", "suggested", "basis")


@dataclass(frozen=True)
class ClauseRow:
    """The findings of one clause, strongest first."""

    clause: str
    findings: tuple[Finding, ...]

    @property
    def strongest(self) -> Finding:
        return self.findings[0]


def clause_rows(report: Report, whole: str) -> list[ClauseRow]:
    """One row per clause (document-level findings share one, titled `whole`), strongest clause first,
    else in order."""
    groups: dict[str, list[Finding]] = {}
    for f in report.findings:
        key = f.clause or (whole if f.location is None else "—")
        groups.setdefault(key, []).append(f)
    rows = [
        ClauseRow(key, tuple(sorted(found, key=lambda f: -SEVERITY_RANK[f.severity])))
        for key, found in groups.items()
    ]
    return sorted(rows, key=lambda row: -SEVERITY_RANK[row.strongest.severity])


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


def _cites(basis: tuple[LegalBasis, ...], words: Labels) -> str:
    """The articles by act, short: "个保法 23、13" (the page and the markdown report quote them)."""
    grouped: dict[str, list[str]] = {}
    for b in basis:
        act, _, article = b.ref.partition(":")
        articles = grouped.setdefault(words.act(act), [])
        if article not in articles:
            articles.append(article)
    joiner = "、" if words.lang == "zh" else ", "
    return "\n".join(f"{act} {joiner.join(articles)}" for act, articles in grouped.items())


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _row(row: ClauseRow, words: Labels) -> tuple[Text, Text, Text, Text, Text, Text]:
    top = row.strongest
    severity = Text(words.severity(top.severity), style=_STYLE[top.severity])
    if len(row.findings) > 1:
        severity.append(f" ×{len(row.findings)}", style="dim")
    categories = Text("\n".join(_unique([words.category(f.category) for f in row.findings])))
    body = (
        _highlighted(top.paragraph_text, top.text)
        if top.location
        else Text("; ".join(top.missing) or top.title)
    )
    others = _unique([f.title for f in row.findings[1:] if f.title != top.title])
    if others:
        body.append("\n+ " + "\n+ ".join(others), style="dim")
    suggested = Text("\n".join(_unique([words.suggested(f.replacement, f.category) for f in row.findings])))
    cites = Text(_cites(top.legal_basis, words))
    return Text(row.clause), severity, categories, body, suggested, cites


def render_table(report: Report, console: Console, lang: str, boxed: bool | None = None) -> None:
    """Print the deal, the notes, the counts and the clause table; `boxed` None: boxes on a terminal."""
    words = labels(lang)
    shown = report.to_dict()  # masked as the JSON report is
    for heading, line in deal_lines(shown.get("deal"), words):
        console.print(Text.assemble((f"{heading}：" if lang == "zh" else f"{heading}: ", "bold"), line))
    for note in shown["notes"]:  # the governing law first: the findings below are read in its light
        console.print(Text(note, style="bold"))
    counts = Text.assemble((report.file, "bold"))
    for severity, count in report.summary.items():
        counts.append(f"  {words.severity(severity)} {count}", style=_STYLE[severity])
    console.print(counts)
    if not report.findings:
        return
    boxed = console.is_terminal if boxed is None else boxed
    table = Table(
        box=box.ROUNDED if boxed else None,
        show_lines=boxed,
        padding=(0, 1) if boxed else (0, 1, 1, 0),
        expand=False,
    )
    head = [words.word(f"column_{column}") for column in _COLUMNS]
    table.add_column(head[0], no_wrap=True, max_width=10)
    table.add_column(head[1], no_wrap=True)
    table.add_column(head[2], max_width=16, overflow="fold")
    table.add_column(head[3], ratio=1, min_width=20, overflow="fold")
    table.add_column(head[4], max_width=16, overflow="fold")
    table.add_column(head[5], max_width=16, overflow="fold")
    for row in clause_rows(report, words.word("whole")):
        table.add_row(*_row(row, words))
    console.print(table)
