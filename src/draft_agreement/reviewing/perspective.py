"""Findings read against the deal's law and time (legal-brief §5.3).

A Singapore-law agreement is reviewed from the PRC-law view, never as if the PIPL governed it: each
finding says so and cites PIPL art. 3 for the Law's reach. A 2019 agreement is measured against acts
in force from 2021: each finding names the acts that took effect after signing (`applies_from`).
"""

from __future__ import annotations

from dataclasses import replace

from draft_agreement.deal.model import Deal
from draft_agreement.deal.notes import note
from draft_agreement.deal.vocabulary import Vocabulary, load_vocabulary
from draft_agreement.model.amounts import format_date
from draft_agreement.reviewing.findings import Finding, LegalBasis
from draft_agreement.reviewing.legal import LegalLibrary, legal_basis

REACH = "pipl:3"  # the PIPL's territorial scope


def in_perspective(
    findings: tuple[Finding, ...], deal: Deal, legal: LegalLibrary, lang: str
) -> tuple[Finding, ...]:
    """The findings with dates of effect after signing, and the PRC-law view under another law."""
    vocab = load_vocabulary()
    signed, foreign = deal.signed, deal.foreign_law
    if signed is None and not foreign:
        return findings
    out = []
    for f in findings:
        basis = list(f.legal_basis)
        explanation = f.explanation
        applies_from = None
        if signed is not None:
            later = []
            for k, b in enumerate(basis):
                effective = legal.cite(b.ref).effective
                if effective is not None and effective > signed:
                    basis[k] = replace(b, applies_from=effective)
                    later.append(basis[k])
            if later:
                applies_from = max(b.applies_from for b in later if b.applies_from)
                acts = _acts(vocab, later, lang)
                when = format_date(signed, "zh") if lang == "zh" else signed
                explanation = f"{explanation} {note(vocab, 'applies_from', lang, signed=when, acts=acts)}"
        if foreign:
            explanation = note(vocab, "prc_view", lang) + explanation
            if all(b.ref != REACH for b in basis):
                basis.append(legal_basis(legal, REACH, lang))
        out.append(replace(f, legal_basis=tuple(basis), explanation=explanation, applies_from=applies_from))
    return tuple(out)


# The Civil Code's personal-information rules (art. 111 and the personality-rights book's 1034-1038)
# restate 民法总则 art. 111; its other articles had other predecessors.
_PI_RULES = {"civil-code:111", *(f"civil-code:{n}" for n in range(1034, 1039))}


def _has_predecessor(later: list[LegalBasis]) -> bool:
    return any(b.ref in _PI_RULES for b in later)


def _acts(vocab: Vocabulary, later: list[LegalBasis], lang: str) -> str:
    """ "《个人信息保护法》（2021-11-01施行）、…" / "Personal Information … (in force 2021-11-01), …"."""
    seen: dict[str, LegalBasis] = {}
    for b in later:
        seen.setdefault(b.law, b)
    parts = []
    for law, b in seen.items():
        extra = (
            note(vocab, "civil_code_before", lang)
            if _has_predecessor(later) and b.ref.startswith("civil-code:")
            else ""
        )
        parts.append(
            f"《{law}》（{b.applies_from}施行）{extra}"
            if lang == "zh"
            else f"{law} (in force {b.applies_from}){extra}"
        )
    return "、".join(parts) if lang == "zh" else ", ".join(parts)
