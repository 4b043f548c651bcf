"""The EditPlan: what the redline does for each finding, decided before any XML is touched.

One coherent edit per paragraph: when several findings hit one clause, the clause is replaced once
(their replacement clauses combined) and one comment explains them all. The clause number, literal or
automatic, always stays: only the text after it is replaced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from draft_agreement.model.document import Document, Paragraph, is_heading
from draft_agreement.redlining.replacements import ReplacementLibrary, clause_variables
from draft_agreement.redlining.writer import Edit
from draft_agreement.reviewing.findings import SEVERITY_RANK, Finding, at_least

_SEVERITY_WORD = {
    "zh": {"high": "高风险", "medium": "中风险", "low": "提示", "info": "信息"},
    "en": {"high": "High risk", "medium": "Medium risk", "low": "Note", "info": "Info"},
}
_LABELS = {
    "zh": {
        "basis": "法律依据",
        "suggestion": "修改建议",
        "missing": "缺少的保障措施",
        "sep": "；",
        "where": "位置",
    },
    "en": {
        "basis": "Legal basis",
        "suggestion": "Suggestion",
        "missing": "Missing safeguards",
        "sep": "; ",
        "where": "Where",
    },
}


def comment_text(findings: Sequence[Finding], lang: str) -> str:
    """The comment a lawyer reads: risk, why, the articles relied on, and what to do."""
    words, labels = _SEVERITY_WORD[lang], _LABELS[lang]
    blocks = []
    seen: set[str] = set()
    for f in findings:
        if f.rule in seen:
            continue
        seen.add(f.rule)
        if lang == "zh":
            basis = labels["sep"].join(f"《{b.law}》{b.article}" for b in f.legal_basis)
        else:
            basis = labels["sep"].join(f"{b.law}, {b.article}" for b in f.legal_basis)
        lines = [f"[{words[f.severity]} | {f.title}]", f.explanation]
        if f.location is not None and f.location.story.startswith(("header", "footer")):
            lines.insert(1, f"{labels['where']}: {f.location.story} “{f.text}”")
        if f.missing:
            lines.append(f"{labels['missing']}: {labels['sep'].join(f.missing)}")
        lines.append(f"{labels['basis']}: {basis}")
        lines.append(f"{labels['suggestion']}: {f.suggestion}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


_NO_COMMENT_STORIES = ("header", "footer")
_OPERATIVE_KINDS = ("article", "chapter", "part", "section", "decimal-1", "decimal-2", "decimal-3", "cn-dun")


def first_operative(doc: Document) -> int:
    """Index of the first numbered clause of the body; what comes before is title, parties, recitals.

    Preambles and recitals describe the deal; they are commented on, and the compliant wording goes
    into the operative clauses that follow.
    """
    if not any(s.id == "body" for s in doc.stories):
        return 0
    for p in doc.story("body").paragraphs:
        if p.cell is not None:
            continue
        if (p.list_label is not None and p.list_label.text) or (
            p.literal and p.literal.kind in _OPERATIVE_KINDS
        ):
            return p.index
    return 0


def clause_span(p: Paragraph) -> tuple[int, int]:
    """The clause text after its number, without surrounding blanks."""
    text = p.text
    start = p.literal.end if (p.literal is not None and not (p.list_label and p.list_label.text)) else 0
    end = len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _merge_spans(spans: list[tuple[int, int, Finding]]) -> list[tuple[int, int, list[Finding]]]:
    merged: list[tuple[int, int, list[Finding]]] = []
    for start, end, finding in sorted(spans, key=lambda s: (s[0], s[1])):
        if merged and start < merged[-1][1]:
            lo, hi, group = merged[-1]
            merged[-1] = (lo, max(hi, end), [*group, finding])
        else:
            merged.append((start, end, [finding]))
    return merged


def _table_edits(doc: Document, findings: list[Finding], lang: str) -> list[Edit]:
    """A customer list schedule: every data row struck as a whole; one comment sits on the header."""
    loc = findings[0].location
    assert loc is not None and loc.table is not None
    cells = [p for p in doc.story(loc.story).paragraphs if p.cell is not None and p.cell.table == loc.table]
    header_row = min(p.cell.row for p in cells)  # type: ignore[union-attr]
    edits = [Edit(loc.story, loc.paragraph, loc.start, loc.end, None, comment_text(findings, lang))]
    for p in cells:
        if p.cell.row != header_row:  # type: ignore[union-attr]
            edits.append(Edit(p.story, p.index, 0, len(p.text), "", None, delete_row=True))
    return edits


def plan_edits(
    doc: Document,
    findings: Sequence[Finding],
    library: ReplacementLibrary,
    lang: str,
    min_severity: str = "medium",
) -> list[Edit]:
    """Edits for every finding at or above `min_severity`, one per paragraph (or span group)."""
    variables = clause_variables(doc.context, lang, library)
    chosen = [f for f in findings if at_least(f.severity, min_severity)]
    by_paragraph: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    edits: list[Edit] = []
    document_level: list[Finding] = []
    tables: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for f in chosen:
        if f.location is None or doc.story(f.location.story).kind in _NO_COMMENT_STORIES:
            # Word and LibreOffice take no comments in headers and footers: the note goes on the
            # document's first paragraph instead, and the header text is left for the lawyer.
            document_level.append(f)
        elif f.location.table is not None:
            tables[(f.location.story, f.location.table)].append(f)
        else:
            by_paragraph[(f.location.story, f.location.paragraph)].append(f)
    for group in tables.values():
        edits.extend(_table_edits(doc, group, lang))
    tables_done = {(e.story, e.paragraph) for e in edits}
    operative_from = first_operative(doc)
    written: set[str] = set()
    for (story, index), group in sorted(by_paragraph.items()):
        if (story, index) in tables_done:
            continue
        p = doc.paragraph(story, index)
        comment_only = is_heading(p) or (story == "body" and index < operative_from)
        group.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.location.start))  # type: ignore[union-attr]
        replacements = [
            r
            for r in (library.get(i) for i in dict.fromkeys(f.replacement for f in group if f.replacement))
            if r.edits_text
        ]
        clause_wide = [r for r in replacements if r.scope == "clause"]
        if clause_wide and not comment_only:
            start, end = clause_span(p)
            # Each compliant clause is written once, where the first risky clause stood; later clauses
            # of the same kind are struck, so the agreement does not repeat itself.
            fresh = [r for r in clause_wide if r.id not in written]
            written.update(r.id for r in fresh)
            texts = list(dict.fromkeys(r.render(lang, variables) for r in fresh))
            joined = (" " if lang == "en" else "").join(t for t in texts if t)
            edits.append(Edit(story, index, start, end, joined, comment_text(group, lang)))
            continue
        spans = [(f.location.start, f.location.end, f) for f in group]  # type: ignore[union-attr]
        for start, end, members in _merge_spans(spans):
            span_repl = [
                r for r in (library.get(f.replacement) for f in members if f.replacement) if r.edits_text
            ]
            keep = comment_only or not span_repl or span_repl[0].scope != "span"
            replacement = None if keep else span_repl[0].render(lang, variables)
            edits.append(Edit(story, index, start, end, replacement, comment_text(members, lang)))
    if document_level:
        anchor = next((p for p in doc.paragraphs() if p.story == "body" and p.text.strip()), None)
        if anchor is not None:
            note = comment_text(document_level, lang)
            same = next(
                (i for i, e in enumerate(edits) if (e.story, e.paragraph) == (anchor.story, anchor.index)),
                None,
            )
            if same is None:
                start, end = clause_span(anchor)
                edits.append(Edit(anchor.story, anchor.index, start, end, None, note))
            else:
                edit = edits[same]
                edits[same] = replace(edit, comment=f"{edit.comment}\n\n{note}" if edit.comment else note)
    return edits
