"""The document's own voice for inserted text: its party labels, its platforms, its script.

Replacement clauses are written once per language; what makes them read as this agreement's clauses
is drawn from its deal model here: the labels the parties carry as written ("甲方", "the Seller",
"the TRANSFEROR"), only the platforms the deal itself covers, and Traditional characters in a zh-Hant
agreement (the package's OpenCC conversion, drafting/script.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from draft_agreement.deal import Deal, deal_of
from draft_agreement.deal.model import DealParty
from draft_agreement.drafting.script import to_traditional
from draft_agreement.model.context import fold_chars, platforms_in
from draft_agreement.model.document import Document
from draft_agreement.redlining.replacements import Replacement, ReplacementLibrary

_FALLBACK = {
    "zh": {
        "seller": "甲方",
        "buyer": "乙方",
        "platform": "相关平台",
        "sensitive": "医疗健康、生物识别、金融账户、行踪轨迹",
    },
    "en": {
        "seller": "the Seller",
        "buyer": "the Buyer",
        "platform": "platform",
        "sensitive": "health, biometric, financial-account or location data",
    },
}
_PLATFORM_KINDS = ("account-sale", "agency")  # deals about accounts: every platform named is theirs


@dataclass(frozen=True)
class Voice:
    """How inserted text speaks in one document."""

    lang: str  # zh | en
    script: str  # zh-Hans | zh-Hant | en
    variables: dict[str, Any]
    words: tuple[tuple[str, str], ...] = ()  # (ours, the agreement's): 个人信息 -> 个人资料
    kept: tuple[str, ...] = ()  # law names the words never touch

    def render(self, replacement: Replacement) -> str:
        return self.write(replacement.render(self.lang, self.variables))

    def write(self, text: str) -> str:
        """Text in the document's words and script."""
        if self.words and text:
            text = _own_words(text, self.words, self.kept)
        return to_traditional(text) if self.script == "zh-Hant" and text else text


@lru_cache(maxsize=16)
def _words_pattern(words: tuple[tuple[str, str], ...], kept: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, law names before everything: 个人信息保护法 is matched whole and left as it is.
    ours = sorted((o for o, _ in words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, (*sorted(kept, key=len, reverse=True), *ours))))


def _own_words(text: str, words: tuple[tuple[str, str], ...], kept: tuple[str, ...]) -> str:
    """`text` with our words in the agreement's, outside the law names in `kept`."""
    theirs = dict(words)
    return _words_pattern(words, kept).sub(lambda m: theirs.get(m.group(), m.group()), text)


def _agreement_words(
    folded: str, traditional: bool, library: ReplacementLibrary
) -> tuple[tuple[str, str], ...]:
    """The pairs the agreement shows it writes its own way, and never ours."""
    return tuple(
        (w.ours, w.theirs)
        for w in library.own_words
        if (w.when in folded or (traditional and w.traditional)) and w.unless not in folded
    )


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
    found = platforms_in(_subject_text(doc, deal, deal.subject.account_tables))
    if deal.kind in _PLATFORM_KINDS:
        # A deal about accounts: every platform the agreement names is one of its accounts'.
        return tuple(dict.fromkeys((*doc.context.platforms, *found)))
    return found


def _sensitive_text(doc: Document, deal: Deal, lang: str, library: ReplacementLibrary) -> str:
    """The sensitive kinds the deal's subject speaks of (宝宝月龄 -> minors' data), or the default list."""
    spec = library.sensitive.get(lang)
    if spec is None:  # a firm's index.yaml without the list
        return _FALLBACK[lang]["sensitive"]
    subject = _subject_text(doc, deal, deal.subject.tables)  # (not the seller's own account tables)
    folded = fold_chars(subject) if lang == "zh" else subject
    named = [words for words, pattern in spec.kinds if pattern.search(folded)]
    if not named:
        return spec.default
    return _joined(named, "、", "及") if lang == "zh" else _joined(named, ", ", " or ")


def _subject_text(doc: Document, deal: Deal, tables: tuple[tuple[str, int], ...]) -> str:
    """The deal's title, subject clauses and annexes, and the cells of the given schedules."""
    refs = [*deal.subject.clauses, *deal.subject.annexes]
    texts = [deal.title or ""] + [doc.paragraph(s, i).text for s, i in refs]
    wanted = set(tables)
    texts += [p.text for p in doc.paragraphs() if p.cell is not None and (p.story, p.cell.table) in wanted]
    return " ".join(texts)


def _joined(items: list[str], sep: str, last: str) -> str:
    """The items with `sep` between them and `last` before the final one: "a, b or c"."""
    return items[0] if len(items) == 1 else sep.join(items[:-1]) + last + items[-1]


def _platform_text(names: tuple[str, ...], lang: str, library: ReplacementLibrary) -> str:
    if not names:
        return _FALLBACK[lang]["platform"]
    if lang == "zh":
        return "、".join(library.platform_names_zh.get(p, p) for p in names)
    return _joined(list(names), ", ", " and ")


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


def _people_word(body: str, lang: str, library: ReplacementLibrary) -> tuple[str, str]:
    """The word the agreement uses most for the people whose information it is (顾客, patients)."""
    words = library.people[lang]
    if lang == "zh":
        folded = fold_chars(body)
        return max(words, key=lambda pair: (folded.count(pair[0]), pair == words[0]))
    lowered = body.lower()
    return max(
        words,
        key=lambda pair: (len(re.findall(rf"\b{pair[0]}s?\b", lowered)), pair == words[0]),
    )


def voice_of(doc: Document, lang: str, library: ReplacementLibrary) -> Voice:
    """The variables every template of this document is rendered with, and its script."""
    deal = deal_of(doc)
    body = " ".join(p.text for p in doc.paragraphs() if p.story == "body" and p.cell is None)
    giving, receiving = deal.side("giving"), deal.side("receiving")
    defined = _preamble_labels(doc, lang) if not giving or not receiving else []
    seller = _label(giving, lang, defined[0] if len(defined) > 1 else _FALLBACK[lang]["seller"], body)
    buyer = _label(receiving, lang, defined[1] if len(defined) > 1 else _FALLBACK[lang]["buyer"], body)
    script = doc.language if lang == "zh" and doc.language == "zh-Hant" else lang
    customer, customers = _people_word(body, lang, library)
    words = _agreement_words(fold_chars(body), script == "zh-Hant", library) if lang == "zh" else ()
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
            "customer": customer,
            "customers": customers,
            "sensitive": _sensitive_text(doc, deal, lang, library),
        },
        words,
        library.kept_words,
    )
