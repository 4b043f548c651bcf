"""Pre-fill template variables from an agreement and its review.

The seller becomes the provider, the buyer the recipient: the compliant documents are written between
the same people, named as the agreement names them. Facts the agreement does not state are left out,
so the missing-value error asks the lawyer for them instead of the draft inventing them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from draft_agreement.drafting.categories import FindingLike, platform_label, survey
from draft_agreement.drafting.values import DateValue, Money, detect_date_style
from draft_agreement.model.context import BUYER_ROLES, SELLER_ROLES, Context, Party
from draft_agreement.model.document import Document

_PROVIDER_ROLES = (*SELLER_ROLES, "principal")
_RECIPIENT_ROLES = (*BUYER_ROLES, "processor")
# Findings that show the agreement sells what the referral agreement keeps with the seller.
_REPLACED = frozenset(
    {"account-transfer", "credential-handover", "personal-info-transfer", "impersonation", "pi-pricing"}
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


def parties(ctx: Context) -> tuple[Party | None, Party | None]:
    """(provider, recipient): by role, else the one other party when only one side has a role."""
    provider = next((p for p in ctx.parties if p.role in _PROVIDER_ROLES), None)
    recipient = next((p for p in ctx.parties if p.role in _RECIPIENT_ROLES), None)
    if len(ctx.parties) == 2 and (provider is None) != (recipient is None):
        other = next(p for p in ctx.parties if p is not (provider or recipient))
        if other.role == "party":
            provider, recipient = (provider, other) if recipient is None else (other, recipient)
    return provider, recipient


def prefill(doc: Document, report: ReviewReport, lang: str) -> dict[str, Any]:
    """Values for every variable the agreement and its review answer; a superset of any one template.

    `report` is the review of `doc` (draft_agreement.api.review), with explanations in `lang`.
    """
    ctx = doc.context
    values: dict[str, Any] = {}
    provider, recipient = parties(ctx)
    for prefix, party in (("provider", provider), ("recipient", recipient)):
        if party is None:
            continue
        for field in ("name", "contact", "address", "id_number", "representative"):
            value = getattr(party, field)
            if value:
                values[f"{prefix}_{field}"] = value
    found = survey(doc, report.findings, lang)
    ordinary = found.labels(lang, sensitive=False)
    sensitive = found.labels(lang, sensitive=True)
    if ordinary:
        values["categories"] = ordinary
    values["sensitive"] = bool(sensitive)
    if sensitive:
        values["sensitive_categories"] = sensitive
    values["cross_border"] = found.cross_border
    if found.cross_border and recipient is not None:
        if recipient.name:
            values["overseas_recipient_name"] = recipient.name
        if recipient.contact:
            values["overseas_recipient_contact"] = recipient.contact
    if found.countries:
        values["overseas_country"] = ("、" if lang == "zh" else ", ").join(found.countries)
    if found.volumes:
        values["volumes"] = list(found.volumes)
    if recipient is not None and recipient.name:
        where = values.get("overseas_country")
        values["recipients"] = [
            f"{recipient.name}（{where}）"
            if where and lang == "zh"
            else f"{recipient.name} ({where})"
            if where
            else recipient.name
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
    fee = _principal_amount(ctx)
    if fee is not None:
        values["service_fee"] = fee
    if ctx.platforms:
        values["platforms"] = [platform_label(name, lang) for name in ctx.platforms]
    if ctx.accounts:
        values["accounts"] = [a.identifier for a in ctx.accounts]
    return values


def _principal_amount(ctx: Context) -> Money | None:
    """The largest sum in the currency the agreement names first: the total price, not an instalment."""
    if not ctx.amounts:
        return None
    currency = ctx.amounts[0].currency
    top = max((a for a in ctx.amounts if a.currency == currency), key=lambda a: a.value)
    return Money(top.value, top.currency, "zh" if ctx.language.startswith("zh") else "en")


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
