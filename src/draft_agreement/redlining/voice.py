"""The document's own voice for inserted text: its party labels, its platforms, its script.

Replacement clauses are written once per language; what makes them read as this agreement's clauses
is drawn from its deal model here: the labels the parties carry as written ("甲方", "the Seller",
"the TRANSFEROR"), only the platforms the deal itself covers, and Traditional characters in a zh-Hant
agreement (the package's OpenCC conversion, drafting/script.py). Its own words (個人資料), the word
for its people (会员) and the sensitive kinds its deal holds come from deal/words.py, which the drafts
drawn from the same agreement read too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from draft_agreement.deal import Deal, deal_of
from draft_agreement.deal.model import DealParty
from draft_agreement.deal.words import OwnWords, body_text, joined, own_words_of, subject_text
from draft_agreement.drafting.script import written
from draft_agreement.model.context import platforms_in
from draft_agreement.model.document import Document
from draft_agreement.redlining.replacements import Replacement, ReplacementLibrary

_FALLBACK = {
    "zh": {
        "seller": "甲方",
        "buyer": "乙方",
        "platform": "相关平台",
    },
    "en": {
        "seller": "the Seller",
        "buyer": "the Buyer",
        "platform": "platform",
    },
}
_PLATFORM_KINDS = ("account-sale", "agency")  # deals about accounts: every platform named is theirs


@dataclass(frozen=True)
class Voice:
    """How inserted text speaks in one document."""

    lang: str  # zh | en
    script: str  # zh-Hans | zh-Hant | en
    variables: dict[str, Any]
    own: OwnWords  # its words (个人资料 for 个人信息), people and sensitive kinds: the drafts have them too

    def render(self, replacement: Replacement) -> str:
        return self.write(replacement.render(self.lang, self.variables))

    def write(self, text: str) -> str:
        """Text in the document's words and script."""
        return written(text, self.script, self.own)


def _label(side: tuple[DealParty, ...], lang: str, fallback: str, body: str) -> str:
    """The side as the agreement's clauses name it: "甲方"; "the Seller" where it writes "the"."""
    if not side:
        return fallback
    # The designation its clauses use most: "转让方（以下简称甲方）" is then 甲方 everywhere after.
    names = [name for party in side for name in party.labels]
    label = max(names, key=lambda name: (body.count(name), name == side[0].label))
    if lang == "zh":
        return label
    if re.search(rf"\bthe\s+{re.escape(label)}\b", body, re.IGNORECASE):
        return f"the {label}"
    return label


def _deal_platforms(doc: Document, deal: Deal) -> tuple[str, ...]:
    """The platforms the deal covers: named in its title, subject clauses or account schedules."""
    found = platforms_in(subject_text(doc, deal, deal.subject.account_tables))
    if deal.kind in _PLATFORM_KINDS:
        # A deal about accounts: every platform the agreement names is one of its accounts'.
        return tuple(dict.fromkeys((*doc.context.platforms, *found)))
    return found


def _platform_text(names: tuple[str, ...], lang: str, library: ReplacementLibrary) -> str:
    if not names:
        return _FALLBACK[lang]["platform"]
    if lang == "zh":
        return "、".join(library.platform_names_zh.get(p, p) for p in names)
    return joined(list(names), ", ", " and ")


# A party defined in the preamble: (the “Client”), （以下简称“委托方”）.
_DEFINED_PARTY = re.compile(
    r"[(（]\s*(?:the\s+|以下简称)?[“\"「]([A-Z][A-Za-z ]{1,20}|[\u4e00-\u9fff]{2,4})[”\"」]\s*[)）]"
)


def _preamble_labels(doc: Document, lang: str) -> list[str]:
    """The parties as the preamble defines them, in order: where the deal model found none."""
    texts = [p.text for p in doc.paragraphs() if p.story == "body" and p.cell is None][:12]
    found = list(dict.fromkeys(m.group(1) for t in texts for m in _DEFINED_PARTY.finditer(t)))
    words = {"Agreement", "Services", "Schedule", "Effective Date", "Account", "Accounts", "Platform"}
    return [f"the {w}" if lang == "en" else w for w in found if w not in words]


def voice_of(doc: Document, lang: str, library: ReplacementLibrary) -> Voice:
    """The variables every template of this document is rendered with, and its script."""
    deal = deal_of(doc)
    body = body_text(doc)
    giving, receiving = deal.side("giving"), deal.side("receiving")
    defined = _preamble_labels(doc, lang) if not giving or not receiving else []
    seller = _label(giving, lang, defined[0] if len(defined) > 1 else _FALLBACK[lang]["seller"], body)
    buyer = _label(receiving, lang, defined[1] if len(defined) > 1 else _FALLBACK[lang]["buyer"], body)
    script = doc.language if lang == "zh" and doc.language == "zh-Hant" else lang
    own = own_words_of(doc, lang, library.words)
    return Voice(
        lang,
        script,
        {
            "seller": seller,
            "buyer": buyer,
            "seller_name": (giving[0].name if giving and giving[0].name else seller),
            "buyer_name": (receiving[0].name if receiving and receiving[0].name else buyer),
            "platform": _platform_text(_deal_platforms(doc, deal), lang, library),
            "accounts": [a for p in deal.parties for a in p.accounts],
            "customer": own.customer,
            "customers": own.customers,
            "sensitive": own.sensitive,
        },
        own,
    )
