"""Pre-fill template variables from an agreement's deal model and its review: only what survives the law.

The giving side becomes the provider, the receiving side the recipient, named as the deal model names
its parties (never a sentence that happens to follow "entered into by"). What the void deal set is not
carried over:
- no fee: the sale's price, instalments and deductions are a price for personal information, so the
  fee of the new service is the lawyer's to state (a blank), payable per service performed;
- no data beyond the minimum: drafts name the categories a referral needs (PIPL art. 6); what else the
  agreement hands over is returned as `withheld`, for the lawyer and the impact assessment, and ID
  numbers, communication content and sensitive information are never pre-filled (arts. 28-30);
- no identity numbers of the parties;
- the governing law stays the agreement's, or is left blank; it is never switched to PRC law.
Children's data (PIPL art. 31) selects the guardian versions of the notice and the message.
The drafts speak the agreement's own words as its redline does (deal/words.py): the people are what
it calls them (`customer`: 会员, 患者), the sensitive kinds withheld are those its deal holds
(`sensitive_kinds`, when it names any), and `own` carries the word pairs its texts are written in
(個人資料, 聯絡).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from draft_agreement.deal.build import deal_of
from draft_agreement.deal.law import place_name
from draft_agreement.deal.model import Deal, DealParty
from draft_agreement.deal.vocabulary import load_vocabulary
from draft_agreement.deal.words import OwnWords, load_words, own_words_of
from draft_agreement.drafting.catalogue import catalogue
from draft_agreement.drafting.categories import FindingLike, concerns_children, platform_label, survey
from draft_agreement.drafting.values import DateValue, detect_date_style
from draft_agreement.library import default_clauses_dir
from draft_agreement.model.context import Context, Party, fold_chars
from draft_agreement.model.document import Document

# Findings that show the agreement sells what the referral agreement keeps with the seller.
_REPLACED = frozenset(
    {"account-transfer", "credential-handover", "personal-info-transfer", "impersonation", "pi-pricing"}
)
# A "name" that is really a sentence: the preamble's verbs, the agreement itself, clause punctuation.
_NOT_A_NAME = re.compile(
    r"协议|合同|契约|签订|订立|签署|鉴于|[。;；:：，,]"
    r"|\b(?:agreement|contract|entered|between|hereby|herein|this|made|dated)\b",
    re.IGNORECASE,
)
# What follows a name in a party block: a bracketed note at its end (签章, a nickname), or a field label.
_TRAILING_NOTE = re.compile(
    r"\s*[（(][^（）()]*[）)]\s*$|[\s\u3000]+(?:身份证|身分证|身分證|身份證|证件|ID\b).*$", re.IGNORECASE
)
_APPOSITIVE = re.compile(r"[，,；;]")
_CORPORATE_COMMA = re.compile(
    r",\s*(?:inc|ltd|llc|l\.l\.c|co|corp|limited|gmbh|plc|llp|lp|pte)\b\.?", re.IGNORECASE
)


class ReviewFinding(FindingLike, Protocol):
    @property
    def title(self) -> str: ...
    @property
    def missing(self) -> tuple[str, ...]: ...


class ReviewReport(Protocol):
    """What pre-fill reads of draft_agreement.api.review's Report."""

    @property
    def findings(self) -> Sequence[ReviewFinding]: ...


@dataclass(frozen=True)
class Prefill:
    """Values for every variable the agreement answers, and what the drafts deliberately leave out."""

    values: dict[str, Any]
    withheld: tuple[str, ...] = ()  # categories the agreement hands over that no draft passes on
    own: OwnWords | None = None  # the agreement's own words, which every draft's text is written in


def plain_name(name: str | None) -> str | None:
    """A party's name without what the party block wrote after it ("陈某，个人私域运营者", "周某（游戏
    昵称：夜雨听风）", "林美君　身分證"), or None when what was read is a clause rather than a name."""
    if not name:
        return None
    text, before = name.strip(), ""
    while text != before:
        before = text
        text = _TRAILING_NOTE.sub("", text).strip()
        comma = _APPOSITIVE.search(_CORPORATE_COMMA.sub(lambda m: "\0" * len(m.group()), text))
        if comma is not None:
            text = text[: comma.start()].strip()
    if not text or len(text) > 80 or _NOT_A_NAME.search(fold_chars(_CORPORATE_COMMA.sub("", text))):
        return None
    return text


def _sides(deal: Deal) -> tuple[DealParty | None, DealParty | None]:
    """(provider, recipient): the giving and the receiving side; with two parties of which only one has
    a side (接收方 and a bare 甲方), the other is on the other side."""
    giving, receiving = deal.side("giving"), deal.side("receiving")
    provider, recipient = (giving[0] if giving else None), (receiving[0] if receiving else None)
    if len(deal.parties) == 2 and (provider is None) != (recipient is None):
        other = next(p for p in deal.parties if p is not (provider or recipient))
        if other.side is None:
            provider, recipient = (provider, other) if recipient is None else (other, recipient)
    return provider, recipient


def _details(ctx: Context, party: DealParty | None) -> Party | None:
    """The Context party the deal party was read from (it holds the contact details)."""
    if party is None:
        return None
    labels = {fold_chars(label).lower() for label in party.labels}
    return next((p for p in ctx.parties if fold_chars(p.designation).lower() in labels), None)


def _governing_law(deal: Deal, lang: str) -> str | None:
    """The agreement's own law, in the draft's language: as written when the languages match."""
    law = deal.governing_law
    if law is None or (law.text is None and law.jurisdiction is None):
        return None
    text = law.text
    if text and text.isascii() == (lang == "en") and len(text) <= 80:
        return f"the {text}" if lang == "en" and text.lower().startswith("laws") else text
    if law.jurisdiction is None:
        return None
    place = place_name(load_vocabulary(), law.jurisdiction, lang)
    return f"{place}法律" if lang == "zh" else f"the laws of {place}"


def prefill(doc: Document, report: ReviewReport, lang: str) -> Prefill:
    """What the agreement and its review answer, for every template at once (a superset).

    `report` is the review of `doc` (draft_agreement.api.review), with explanations in `lang`.
    """
    ctx, deal = doc.context, deal_of(doc)
    values: dict[str, Any] = {}
    provider, recipient = _sides(deal)
    for prefix, party in (("provider", provider), ("recipient", recipient)):
        name = plain_name(party.name) if party is not None else None
        if name is None:
            continue
        values[f"{prefix}_name"] = name
        details = _details(ctx, party)
        for item in ("contact", "address", "representative"):
            value = getattr(details, item, None) if details is not None else None
            if value:
                values[f"{prefix}_{item}"] = value
    found = survey(doc, report.findings, lang)
    children = concerns_children(doc, found)
    cat = catalogue()
    minimal = cat.minimal(lang, children=children)
    values["categories"] = minimal
    values["guardian"] = children
    assessed = [k.label(lang) for k in found.kinds]
    if assessed:
        values["source_categories"] = assessed
    minimum_keys = set(cat.minimum)
    withheld = tuple(k.label(lang) for k in found.kinds if k.key not in minimum_keys)
    values["cross_border"] = found.cross_border
    recipient_name = values.get("recipient_name")
    if found.cross_border and recipient_name:
        values["overseas_recipient_name"] = recipient_name
        if values.get("recipient_contact"):
            values["overseas_recipient_contact"] = values["recipient_contact"]
    if found.countries:
        values["overseas_country"] = ("、" if lang == "zh" else ", ").join(found.countries)
    if found.volumes:
        values["volumes"] = list(found.volumes)
    if recipient_name:
        where = values.get("overseas_country")
        values["recipients"] = [
            f"{recipient_name}（{where}）"
            if where and lang == "zh"
            else f"{recipient_name} ({where})"
            if where
            else recipient_name
        ]
    summary = _finding_summary(report.findings, lang)
    if summary:
        values["findings"] = summary
    if ctx.title:
        values["source_title"] = ctx.title
    values["replaces_source"] = bool(ctx.title) and any(
        f.category in _REPLACED and f.severity in ("high", "medium") for f in report.findings
    )
    if ctx.date:
        values["source_date"] = DateValue(ctx.date, detect_date_style(ctx.date, ctx.date_text, lang))
    law = _governing_law(deal, lang)
    if law:
        values["governing_law"] = law
    # Another law chosen: the drafts cite no PRC statute and leave the applicable law to the lawyer
    # (the review says nothing about a law it has no pack for).
    chosen = deal.governing_law.jurisdiction if deal.governing_law else None
    values["prc_law"] = chosen in (None, "CN")
    if ctx.platforms:
        values["platforms"] = [platform_label(name, lang) for name in ctx.platforms]
    accounts = [a for p in deal.side("giving") for a in p.accounts]
    if accounts:
        values["accounts"] = accounts
    own = own_words_of(doc, lang, load_words(str(default_clauses_dir() / "replacements")))
    values.update(customer=own.customer, customers=own.customers)
    if own.sensitive_named:  # else the template's own general list, not the redline's clinic default
        values["sensitive_kinds"] = own.sensitive
    controller = "委托方的" if lang == "zh" else "the Controller's "
    values["data_subjects"] = controller + own.customers
    return Prefill(values, withheld, own)


def _finding_summary(findings: Iterable[ReviewFinding], lang: str) -> list[str]:
    """One line per kind of medium-or-higher finding, in document order, with how often it occurs."""
    counts: dict[str, int] = {}
    missing: dict[str, tuple[str, ...]] = {}
    for f in findings:
        if f.severity not in ("high", "medium"):
            continue
        counts[f.title] = counts.get(f.title, 0) + 1
        if f.missing:
            missing[f.title] = f.missing
    lines = []
    for title, n in counts.items():
        if title in missing:
            sep = "：" if lang == "zh" else ": "
            lines.append(title + sep + ("、" if lang == "zh" else ", ").join(missing[title]))
        elif lang == "zh":
            lines.append(f"{title}（{n}处）")
        else:
            lines.append(f"{title} ({n} place{'s' if n > 1 else ''})")
    return lines
