"""The EditPlan: what the redline does for each finding, decided before any XML is touched.

One coherent edit per paragraph: when several findings hit one clause, the clause is replaced once
(their replacement clauses combined) and one comment explains them all; only the text after the
clause number is replaced. A clause left with nothing to say goes as a whole (redlining/deletions.py),
and the deal kind's strategy restructures the rest of the document (redlining/restructure.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from draft_agreement.deal import Deal, deal_of
from draft_agreement.model.context import fold_chars
from draft_agreement.model.document import Document, Paragraph, is_heading
from draft_agreement.redlining.clauses import (
    adjustment_tail,
    clause_span,
    first_operative,
    flagged_sentences,
    run_in_heading,
)
from draft_agreement.redlining.definitions import defined_term, defines_a_used_term, strike_unused
from draft_agreement.redlining.deletions import DeletedClauses, settle
from draft_agreement.redlining.list_items import Cut, list_item, listed
from draft_agreement.redlining.replacements import ReplacementLibrary
from draft_agreement.redlining.restructure import (
    FEE,
    FIXED,
    Edits,
    fee_anchor,
    flatten,
    price_clause,
    restructure,
    whole_clause,
)
from draft_agreement.redlining.strategies import Strategy
from draft_agreement.redlining.voice import voice_of
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
_RECORDS = ("personal-info-transfer", "sensitive-personal-info")
_PER_HEAD = "pi-pricing"
_ACCOUNT = "account-transfer"
_CARRIER = re.compile(
    r"档案|名单|名册|资料|信息|数据|记录|清单|records?|data(?:base)?|lists?|files|contacts", re.IGNORECASE
)


def _merge_spans(spans: list[tuple[int, int, Finding]]) -> list[tuple[int, int, list[Finding]]]:
    merged: list[tuple[int, int, list[Finding]]] = []
    for start, end, finding in sorted(spans, key=lambda s: (s[0], s[1])):
        if merged and start < merged[-1][1]:
            lo, hi, group = merged[-1]
            merged[-1] = (lo, max(hi, end), [*group, finding])
        else:
            merged.append((start, end, [finding]))
    return merged


def _adjustment(p: Paragraph, group: Sequence[Finding]) -> tuple[int, int] | None:
    start, end = clause_span(p)
    spans = _spans([f for f in group if f.category == _PER_HEAD])
    return next((tail for span in spans if (tail := adjustment_tail(p.text, start, end, span))), None)


def _cut(text: str, start: int, end: int, group: Sequence[Finding]) -> list[tuple[int, int]]:
    """The flagged sentences, read after the clause's run-in heading ("Sale. ") unless a finding is in it;
    a cut at the first sentence is taken back to the heading, which does not head new wording."""
    head = run_in_heading(text, start)
    spans = _spans(group)
    if any(a < head for a, _ in spans):
        head = start
    cut = flagged_sentences(text, head, end, spans)
    if cut and cut[0][0] != head:
        return cut
    return [(start, cut[0][1]), *cut[1:]] if cut else []


def _spans(group: Sequence[Finding]) -> list[tuple[int, int]]:
    return [(f.location.start, f.location.end) for f in group if f.location is not None]


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


def _sells_other_assets(
    doc: Document,
    deal: Deal,
    flagged: Mapping[tuple[str, int], Sequence[Finding]],
    strategy: Strategy,
    lang: str,
    operative_from: int,
) -> bool:
    """Whether a clause defining what moves sells something else too (equipment, samples, stock):
    the review left it alone, or what it flags is an account listed among those assets. That sale
    then stays beside the referral (Strategy.with_assets)."""
    if strategy.mixed is None:
        return False
    for ref in deal.subject.clauses:
        p = doc.paragraph(*ref)
        if ref[0] == "body" and ref[1] < operative_from or p.cell is not None or is_heading(p):
            continue
        if ref not in flagged and strategy.sells_assets(lang, p.text):
            return True
        if ref in flagged and _assets_stay(p.text, flagged[ref], deal, strategy, lang):
            return True
    return False


def _assets_stay(text: str, group: Sequence[Finding], deal: Deal, strategy: Strategy, lang: str) -> list[Cut]:
    """The cuts taking the accounts out of a flagged clause's list of what is sold, when the accounts
    are all it flags and what the list still sells is an asset of the deal (an app's code, the stock).
    A clause that also moves customer records is left to the rest of the plan."""
    items = (strategy.mixed.items if strategy.mixed is not None else strategy.items).get(lang, ())
    if not items or not group or any(f.category != _ACCOUNT for f in group):
        return []
    cuts = listed(text, items, deal.labels())
    rest = text
    for a, b, words in reversed(cuts):  # (sorted, apart)
        rest = rest[:a] + words + rest[b:]
    if not cuts or any(i.search(fold_chars(rest)) for i in items) or not strategy.sells_assets(lang, rest):
        return []
    return cuts


def _records(doc: Document, findings: Sequence[Finding]) -> set[str]:
    """Terms the agreement defines for the personal records: defined where a transfer or sensitive
    finding is, or named by one ("export the Customer Records")."""
    if not any(s.id == "body" for s in doc.stories):
        return set()
    spans = [
        doc.paragraph(f.location.story, f.location.paragraph).text[f.location.start : f.location.end]
        for f in findings
        if f.category in _RECORDS and f.location is not None
    ]
    defined = {term for p in doc.story("body").paragraphs if (term := defined_term(p))}
    return {term for term in defined if any(term in span for span in spans)}


def _records_leave_lists(
    doc: Document, edits: Edits, labels: Sequence[str], records: set[str], since: int
) -> None:
    """In a surviving deal, the records leave every list of what is sold, flagged or not: they pass
    only as the customer-notice clause says."""
    if not records or not any(s.id == "body" for s in doc.stories):
        return
    for p in doc.story("body").paragraphs[since:]:
        ref = (p.story, p.index)
        if p.cell is None and ref not in edits:
            for a, b, words in _asset_item(p.text, [], labels, records):
                edits[ref].append(Edit(p.story, p.index, a, b, words))


def _asset_item(
    text: str, group: Sequence[Finding], labels: Sequence[str], terms: Iterable[str]
) -> list[Cut]:
    """The list item of personal information, among the assets a surviving deal sells, to delete:
    what a finding matched, or a term the agreement defined as personal records ("Customer Data")."""
    found = {(f.location.start, f.location.end) for f in group if f.location}
    found |= {(m.start(), m.end()) for term in terms for m in re.finditer(re.escape(term), text)}
    spans = sorted(found, key=lambda span: span[1] - span[0])
    for a, b in spans:
        cuts = list_item(text, a, b, labels)
        # Only a whole body of records leaves the list; a field of them (过敏史) is not an asset.
        if cuts and any(_CARRIER.search(fold_chars(text[x:y])) for x, y, _ in cuts):
            return cuts
    return []


def plan_edits(
    doc: Document,
    findings: Sequence[Finding],
    library: ReplacementLibrary,
    lang: str,
    min_severity: str = "medium",
    strategy: Strategy | None = None,
    deleted: DeletedClauses | str = DeletedClauses.renumber,
) -> list[Edit]:
    """Edits for every finding at or above `min_severity`, one per paragraph (or span group), and the
    strategy's restructuring of the whole document."""
    voice = voice_of(doc, lang, library)
    deal = deal_of(doc)
    chosen = [f for f in findings if at_least(f.severity, min_severity)]
    by_paragraph: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    edits: Edits = defaultdict(list)
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
        for edit in _table_edits(doc, group, lang):
            edits[(edit.story, edit.paragraph)].append(edit)
    tables_done = set(edits)
    operative_from = first_operative(doc)
    # Only a deal the review found risky is restructured, its price included: a look-alike keeps every
    # word, and a missing safeguard alone (a document-level comment) asks for a notice, not a new deal.
    risky = any(f.replacement and library.get(f.replacement).edits_text for f in chosen)
    if (
        strategy is not None
        and risky
        and _sells_other_assets(doc, deal, by_paragraph, strategy, lang, operative_from)
    ):
        strategy = strategy.with_assets()
    fee_at = fee_anchor(doc, deal, strategy, operative_from) if risky else None
    # Terms the agreement defines as the personal records ("Student Records" means …).
    records = _records(doc, chosen)
    labels = [label for party in deal.parties for label in (party.label, *party.aliases)]
    written: set[str] = set()

    terms = deal.consideration
    # A price survives where a price clause is not itself priced per head ("GBP 60,000 for the stock"
    # beside "GBP 0.30 for each customer"); with none left, the per-head price becomes a sum to fill.
    per_head = {ref for ref, group in by_paragraph.items() if any(f.category == _PER_HEAD for f in group)}
    # Where the deal keeps its price, a sum adjusted per head keeps the sum and loses the adjustment.
    keeps_price = strategy is not None and strategy.consideration == "keep"
    tails = {
        ref: tail
        for ref in (per_head if keeps_price else ())
        if (tail := _adjustment(doc.paragraph(*ref), by_paragraph[ref]))
    }
    if terms and terms.price:
        priced = any(ref not in per_head or ref in tails for ref in terms.price)
    else:
        priced = (
            bool(terms.amount and not terms.per_head)
            if terms
            else bool(price_clause(doc, deal, operative_from))
        )

    def instead(rid: str) -> str | None:
        chosen_id = strategy.instead_of(rid) if strategy is not None else rid
        # A deal that keeps a fixed price needs no price to complete: the per-head term just goes.
        return None if chosen_id == FIXED and priced else chosen_id

    for story, index in sorted({*by_paragraph, *([fee_at] if fee_at else [])}):
        group = by_paragraph.get((story, index), [])
        if (story, index) in tables_done:
            continue
        p = doc.paragraph(story, index)
        # A definition the clauses still use stays a definition: the compliant clause goes where the
        # term is used (and a definition nothing uses any more is struck, redlining/definitions.py).
        comment_only = (
            is_heading(p) or (story == "body" and index < operative_from) or defines_a_used_term(doc, p)
        )
        if (story, index) in tails and not comment_only:
            a, b = tails[(story, index)]
            edits[(story, index)].append(Edit(story, index, a, b, "", comment_text(group, lang)))
            continue
        qualify = strategy is not None and strategy.subject == "qualify"
        group.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.location.start))  # type: ignore[union-attr]
        named = [instead(f.replacement) for f in group if f.replacement]
        if (story, index) == fee_at:
            named.insert(0, instead(FEE))
        replacements = [
            r for r in (library.get(i) for i in dict.fromkeys(n for n in named if n)) if r.edits_text
        ]
        dropped = any(f.replacement and instead(f.replacement) is None for f in group)
        clause_wide = [r for r in replacements if r.scope == "clause"]
        note = comment_text(group, lang) if group else None
        if (clause_wide or dropped) and not comment_only:
            start, end = clause_span(p)
            # Each compliant clause is written once, where the first risky clause stood; a later
            # clause of the same kind, with nothing new to say, goes as a whole.
            fresh = [r for r in clause_wide if r.id not in written]
            written.update(r.id for r in fresh)
            texts = list(dict.fromkeys(voice.render(r) for r in fresh))
            sep = " " if lang == "en" else ""
            joined = sep.join(t for t in texts if t)
            cuts = _asset_item(p.text, group, labels, records) if qualify else []
            if not cuts and strategy is not None and (story, index) in deal.subject.clauses:
                cuts = _assets_stay(p.text, group, deal, strategy, lang)
            if cuts:  # the deal survives: only the records leave its list of assets
                for n, (a, b, words) in enumerate(cuts):
                    edits[(story, index)].append(Edit(story, index, a, b, words, None if n else note))
                if joined and cuts[-1][1] < end:  # the writer inserts by replacing: the last mark
                    last = p.text[end - 1]
                    edits[(story, index)].append(Edit(story, index, end - 1, end, f"{last}{sep}{joined}"))
            elif cut := _cut(p.text, start, end, group):
                # Only the sentences that move the records change: the clause's date, place or costs stay.
                for n, (a, b) in enumerate(cut):
                    words = joined if joined and not n else ""
                    b = b if not words else a + len(p.text[a:b].rstrip())
                    edits[(story, index)].append(Edit(story, index, a, b, words, None if n else note))
            elif joined:
                edits[(story, index)].append(Edit(story, index, start, end, joined, note))
            else:
                edits[(story, index)].append(whole_clause(p, note))
            continue
        spans = [(f.location.start, f.location.end, f) for f in group]  # type: ignore[union-attr]
        for start, end, members in _merge_spans(spans):
            span_repl = [
                r
                for r in (
                    library.get(n) for n in (instead(f.replacement) for f in members if f.replacement) if n
                )
                if r.edits_text
            ]
            keep = comment_only or not span_repl or span_repl[0].scope != "span"
            replacement = None if keep else voice.render(span_repl[0])
            edits[(story, index)].append(
                Edit(story, index, start, end, replacement, comment_text(members, lang))
            )
    if strategy is not None and risky:
        # A clause the recitals call for (the seller keeps the accounts) goes into the operative part.
        carried = [
            rid
            for (story, index), group in by_paragraph.items()
            if story == "body" and index < operative_from
            for f in group
            if f.replacement
            and (rid := instead(f.replacement))
            and library.get(rid).scope == "clause"
            and library.get(rid).edits_text
        ]
        restructure(doc, deal, strategy, voice, library, edits, written, operative_from, fee_at, carried)
        if strategy.subject == "qualify":
            _records_leave_lists(doc, edits, labels, records, operative_from)
        strike_unused(doc, edits, operative_from)
    settle(doc, edits, voice.script, DeletedClauses(deleted), operative_from)
    planned = list(flatten(edits))
    if document_level:
        anchor = next((p for p in doc.paragraphs() if p.story == "body" and p.text.strip()), None)
        if anchor is not None:
            note = comment_text(document_level, lang)
            same = next(
                (i for i, e in enumerate(planned) if (e.story, e.paragraph) == (anchor.story, anchor.index)),
                None,
            )
            if same is None:
                start, end = clause_span(anchor)
                planned.append(Edit(anchor.story, anchor.index, start, end, None, note))
            else:
                edit = planned[same]
                planned[same] = replace(edit, comment=f"{edit.comment}\n\n{note}" if edit.comment else note)
    return planned
