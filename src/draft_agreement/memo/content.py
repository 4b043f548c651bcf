"""What the review memo says, as blocks any renderer lays out: the deal, the governing-law notes,
each finding with the quoted statutes, and what the lawyer must still decide.

Built once in the explanation language and the document's script (a zh-Hant agreement gets a
Traditional memo), with ID, phone and card numbers masked unless asked. Statute quotes are kept as
the statute writes them. Headings and labels are data (clauses/memo/memo.yaml).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from draft_agreement.drafting.script import to_traditional
from draft_agreement.library import read_yaml
from draft_agreement.reviewing.findings import SEVERITY_RANK, Finding, LegalBasis, Report
from draft_agreement.reviewing.masking import mask_text
from draft_agreement.reviewing.rules import default_clauses_dir


@dataclass(frozen=True)
class Block:
    """One memo paragraph: kind is title, note, heading, subheading, para, item or basis."""

    kind: str
    text: str
    basis: LegalBasis | None = None  # for a basis block: the cited article, quoted as written


@dataclass(frozen=True)
class Memo:
    lang: str  # the explanation language, zh or en
    script: str  # the document's language: zh-Hant memos are written in Traditional characters
    blocks: tuple[Block, ...]

    @property
    def title(self) -> str:
        return self.blocks[0].text


@lru_cache(maxsize=1)
def memo_data() -> dict[str, Any]:
    """clauses/memo/memo.yaml: kind and role names, headings and labels."""
    path = default_clauses_dir() / "memo" / "memo.yaml"
    data: dict[str, Any] = read_yaml(path.read_text(encoding="utf-8"))
    return data


def _deal_blocks(report: Report, lang: str) -> list[Block]:
    data, t = memo_data(), memo_data()["labels"][lang]
    deal = report.deal
    if deal is None:
        return [Block("para", t["none"])]

    def named(table: str, key: str) -> str:
        return str(data[table].get(key, {}).get(lang, key))

    sep = t["sep"]
    out = [Block("item", f"{t['title_of']}{sep}{deal.title}")] if deal.title else []
    out.append(Block("item", f"{t['kind']}{sep}{t['list_join'].join(named('kinds', k) for k in deal.kinds)}"))
    out.append(Block("item", f"{t['parties']}{sep}"))
    for party in deal.parties:
        role = named("roles", party.role)
        out.append(
            Block("subitem", t["party"].format(label=party.label, role=role, name=party.name or t["unnamed"]))
        )
    law = deal.governing_law
    out.append(Block("item", f"{t['law']}{sep}{law.text if law and law.text else t['none']}"))
    if law is not None and law.forum:
        out.append(Block("item", f"{t['forum']}{sep}{law.forum}"))
    out.append(Block("item", f"{t['signed']}{sep}{deal.signed or t['none']}"))
    price = deal.consideration
    if price is not None and price.amount:
        amount = f"{price.currency or ''} {price.amount}".strip()
        if price.per_head:
            amount += t["per_head"]
        out.append(Block("item", f"{t['price']}{sep}{amount}"))
    else:
        out.append(Block("item", f"{t['price']}{sep}{t['none']}"))
    subject = deal.subject.to_dict(deal.clause_labels)
    if subject["clauses"]:
        out.append(Block("item", f"{t['subject']}{sep}{t['list_join'].join(subject['clauses'])}"))
    if subject["annexes"]:
        out.append(Block("item", f"{t['annexes']}{sep}{t['list_join'].join(subject['annexes'])}"))
    return out


def _place(f: Finding, lang: str) -> str:
    """Where a finding sits: its clause number, else its paragraph, else the agreement as a whole."""
    t = memo_data()["labels"][lang]
    if f.location is None:
        return str(t["whole"])
    where = (f.clause or "").rstrip("、.．:：") or t["paragraph"].format(n=f.location.paragraph + 1)
    return f"{where}{t['sep']}{f.text}" if f.text else str(where)


def _point_blocks(n: int, group: Sequence[Finding], lang: str) -> list[Block]:
    """One rule's findings: every place it was found, then the analysis and the statutes, once."""
    t = memo_data()["labels"][lang]
    sep, f = t["sep"], group[0]
    severity = t["severity"][max(group, key=lambda g: SEVERITY_RANK[g.severity]).severity]
    out = [Block("subheading", t["finding"].format(n=n, title=f.title, severity=severity))]
    out.append(Block("para", f"{t['where']}{sep}"))
    out += [Block("item", _place(g, lang)) for g in group]
    explanation = " ".join(f.explanation.split()) if lang == "en" else "".join(f.explanation.split())
    out.append(Block("para", f"{t['analysis']}{sep}{explanation}"))
    if f.missing:
        out.append(Block("item", f"{t['missing']}{sep}{t['list_join'].join(f.missing)}"))
    out.append(Block("para", f"{t['suggestion']}{sep}{f.suggestion}"))
    out.append(Block("para", f"{t['basis']}{sep}"))
    for basis in f.legal_basis:
        label = f"{basis.law} {basis.article}"
        if basis.applies_from:
            label += t["applies_from"].format(date=basis.applies_from)
        out.append(Block("basis", label, basis))
    return out


def _points(findings: Sequence[Finding]) -> list[list[Finding]]:
    """The findings grouped by rule, the gravest first, then in the order the agreement raises them."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.rule, []).append(f)
    ranked = sorted(
        enumerate(groups.values()), key=lambda g: (-max(SEVERITY_RANK[f.severity] for f in g[1]), g[0])
    )
    return [group for _, group in ranked]


def _decide_blocks(report: Report, annexes: Sequence[Any], lang: str) -> list[Block]:
    t = memo_data()["labels"][lang]
    out = [Block("item", d.message) for d in report.to_decide]
    for annex in annexes:
        if annex.blanks:
            blanks = t["list_join"].join(dict.fromkeys(b.label for b in annex.blanks))
            out.append(
                Block(
                    "item",
                    t["annex_blanks"].format(label=annex.label, template=annex.template, blanks=blanks),
                )
            )
    return out or [Block("para", t["no_decide"])]


def build_memo(report: Report, lang: str, annexes: Sequence[Any] = (), show_pii: bool = False) -> Memo:
    """The memo for one redline: `annexes` are the drafted annexes (drafting.api.Annex)."""
    t = memo_data()["labels"][lang]
    blocks = [Block("title", t["title"].format(file=Path(report.file).name)), Block("note", t["draft"])]
    blocks += [Block("heading", t["deal"]), *_deal_blocks(report, lang)]
    blocks += [Block("heading", t["notes"]), *(Block("para", n) for n in report.notes or [t["no_notes"]])]
    blocks.append(Block("heading", t["findings"]))
    for n, group in enumerate(_points(report.findings), 1):
        blocks += _point_blocks(n, group, lang)
    if not report.findings:
        blocks.append(Block("para", t["no_findings"]))
    blocks += [Block("heading", t["decide"]), *_decide_blocks(report, annexes, lang)]
    traditional = lang == "zh" and report.language == "zh-Hant"

    def finish(block: Block) -> Block:
        if block.basis is not None:
            return block  # the statute as written
        text = block.text if show_pii else mask_text(block.text)
        return Block(block.kind, to_traditional(text) if traditional else text)

    return Memo(lang, report.language, tuple(finish(b) for b in blocks))
