"""The agreement's own words, for every text written into or beside it: the redline's inserted clauses
and the drafts (consent notice, referral agreement...) alike.

Three things are read from the agreement, against the lists in clauses/replacements/index.yaml:
- the pairs of words it writes its own way (`own_words`): a Taiwan agreement's 個人資料 and 聯絡方式 for
  our 个人信息 and 联系方式, outside the names of PRC laws (`keep`), which stay as PIPL writes them;
- the word it uses most for the people whose information it is (`people`): 会员 in a gym's sale, 患者
  in a clinic's, customer(s) by default;
- the kinds of sensitive information its deal's subject speaks of (`sensitive`): 宝宝月龄 -> minors'
  data, or the default list when it names none. Where another law governs, PRC's own lines in that
  list (the age of fourteen) give way to the general words of `other_law`: the agreement's law draws
  its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from draft_agreement.deal.build import deal_of
from draft_agreement.deal.model import Deal
from draft_agreement.errors import RuleFileError
from draft_agreement.library import read_yaml
from draft_agreement.model.context import fold_chars
from draft_agreement.model.document import Document

_INDEX = "replacements/index.yaml"
_SENSITIVE_FALLBACK = {
    "zh": "医疗健康、生物识别、金融账户、行踪轨迹",
    "en": "health, biometric, financial-account or location data",
}


@dataclass(frozen=True)
class OwnWord:
    """Our word and the agreement's, and the words that show which one the agreement writes."""

    ours: str
    theirs: str
    when: str
    unless: str
    traditional: bool  # the agreement's word in every zh-Hant agreement that never writes `unless`
    region: str | None = None  # TW or HK: the word of that place's zh-Hant agreements only (軟體, 網路)


@dataclass(frozen=True)
class SensitiveKinds:
    """The sensitive kinds one language's clause may list, and the list when the deal names none."""

    default: str
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    other_law: tuple[tuple[str, str], ...] = ()  # (PRC's words, the general ones) under another law


@dataclass(frozen=True)
class Words:
    """index.yaml's word lists: people words, own-word pairs with the law names kept, sensitive kinds."""

    # Per language, (singular, plural) words for the people whose information it is; first = default.
    people: dict[str, tuple[tuple[str, str], ...]]
    own_words: tuple[OwnWord, ...] = ()
    kept: tuple[str, ...] = ()  # law names the pairs never touch
    sensitive: dict[str, SensitiveKinds] = field(default_factory=dict)  # per language; {}: none listed

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Words:
        own_words, kept = _own_words(data.get("own_words"))
        return cls(
            _people(data.get("people")) or {"zh": (("客户", "客户"),), "en": (("customer", "customers"),)},
            own_words,
            kept,
            _sensitive(data.get("sensitive")),
        )


@lru_cache(maxsize=4)
def load_words(folder: str) -> Words:
    """The word lists of a replacements folder's index.yaml."""
    index = Path(folder) / "index.yaml"
    try:
        return Words.parse(read_yaml(index.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, TypeError, AttributeError) as exc:
        raise RuleFileError(str(index), None, "replacements", f"unreadable ({type(exc).__name__})") from None


@dataclass(frozen=True)
class OwnWords:
    """How one agreement speaks: what any text written for it says in its words."""

    pairs: tuple[tuple[str, str], ...]  # (ours, the agreement's): 个人信息 -> 个人资料
    kept: tuple[str, ...]  # law names the pairs never touch
    customer: str  # the people whose information it is: 会员, patient
    customers: str  # their plural (the same word in Chinese)
    sensitive: str  # the sensitive kinds its deal holds: 不满十四周岁未成年人的个人信息 (or the default list)
    sensitive_named: bool = False  # whether its deal names any (False: `sensitive` is the default list)
    other_law: tuple[tuple[str, str], ...] = ()  # when another law governs: PRC's words, the general ones

    def in_its_law(self, text: str) -> str:
        """`text` with PRC's own lines (不满十四周岁) in the general words, when another law governs."""
        for prc, general in self.other_law:
            text = text.replace(prc, general)
        return text

    def rewrite(self, text: str) -> str:
        """`text` (Simplified Chinese or English) with our words in the agreement's, law names as written."""
        if not self.pairs or not text:
            return text
        theirs = dict(self.pairs)
        return _words_pattern(self.pairs, self.kept).sub(lambda m: theirs.get(m.group(), m.group()), text)


def own_words_of(doc: Document, lang: str, words: Words) -> OwnWords:
    """The agreement's own words for texts in `lang` (zh or en) written for it."""
    body = body_text(doc)
    customer, customers = _people_word(body, lang, words)
    traditional = lang == "zh" and doc.language == "zh-Hant"
    deal = deal_of(doc)
    folded = fold_chars(body)
    pairs = _agreement_words(folded, traditional, words, _region(deal, folded)) if lang == "zh" else ()
    sensitive, named = _sensitive_text(doc, deal, lang, words)
    spec = words.sensitive.get(lang)
    chosen = deal.governing_law.jurisdiction if deal.governing_law else None
    other_law = spec.other_law if spec is not None and chosen not in (None, "CN") else ()
    own = OwnWords(pairs, words.kept, customer, customers, sensitive, named, other_law)
    return replace(own, sensitive=own.in_its_law(sensitive))


def body_text(doc: Document) -> str:
    """The agreement's body paragraphs outside tables, joined."""
    return " ".join(p.text for p in doc.paragraphs() if p.story == "body" and p.cell is None)


def subject_text(doc: Document, deal: Deal, tables: tuple[tuple[str, int], ...]) -> str:
    """The deal's title, subject clauses and annexes, and the cells of the given schedules."""
    refs = [*deal.subject.clauses, *deal.subject.annexes]
    texts = [deal.title or ""] + [doc.paragraph(s, i).text for s, i in refs]
    wanted = set(tables)
    texts += [p.text for p in doc.paragraphs() if p.cell is not None and (p.story, p.cell.table) in wanted]
    return " ".join(texts)


def joined(items: list[str], sep: str, last: str) -> str:
    """The items with `sep` between them and `last` before the final one: "a, b or c"."""
    return items[0] if len(items) == 1 else sep.join(items[:-1]) + last + items[-1]


@lru_cache(maxsize=16)
def _words_pattern(words: tuple[tuple[str, str], ...], kept: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, law names before everything: 个人信息保护法 is matched whole and left as it is.
    ours = sorted((o for o, _ in words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, (*sorted(kept, key=len, reverse=True), *ours))))


def _agreement_words(
    folded: str, traditional: bool, words: Words, region: str | None
) -> tuple[tuple[str, str], ...]:
    """The pairs the agreement shows it writes its own way, and never ours."""
    return tuple(
        (w.ours, w.theirs)
        for w in words.own_words
        if w.unless not in folded
        and (
            (traditional and w.region == region)
            if w.region is not None
            else (w.when in folded or (traditional and w.traditional))
        )
    )


# Where an agreement is from when its law does not say: the places it names (folded to Simplified).
_PLACES = {
    "TW": re.compile("台湾|中华民国|台北|新北|桃园|台中|台南|高雄|新竹|基隆|嘉义|彰化|屏东|宜兰|花莲|台东"),
    "HK": re.compile("香港|九龙|新界"),
}


def _region(deal: Deal, folded: str) -> str | None:
    """TW or HK: the place of the agreement's law or forum, else the one place among them it names."""
    law = deal.governing_law
    chosen = law and (law.jurisdiction or law.forum_jurisdiction)
    if chosen:
        return chosen if chosen in _PLACES else None
    named = [code for code, places in _PLACES.items() if places.search(folded)]
    return named[0] if len(named) == 1 else None


def _people_word(body: str, lang: str, words: Words) -> tuple[str, str]:
    """The word the agreement uses most for the people whose information it is (顾客, patients)."""
    pairs = words.people[lang]
    if lang == "zh":
        folded = fold_chars(body)
        return max(pairs, key=lambda pair: (folded.count(pair[0]), pair == pairs[0]))
    lowered = body.lower()
    return max(
        pairs,
        key=lambda pair: (len(re.findall(rf"\b{pair[0]}s?\b", lowered)), pair == pairs[0]),
    )


def _sensitive_text(doc: Document, deal: Deal, lang: str, words: Words) -> tuple[str, bool]:
    """The sensitive kinds the deal's subject speaks of (宝宝月龄 -> minors' data), or the default list;
    and whether the deal named any."""
    spec = words.sensitive.get(lang)
    if spec is None:  # a firm's index.yaml without the list
        return _SENSITIVE_FALLBACK[lang], False
    subject = subject_text(doc, deal, deal.subject.tables)  # (not the seller's own account tables)
    folded = fold_chars(subject) if lang == "zh" else subject
    named = [listed for listed, pattern in spec.kinds if pattern.search(folded)]
    if not named:
        return spec.default, False
    if lang == "en":
        return joined(named, ", ", " or "), True
    # 以及 before a kind with its own 及 (a firm's 证件号码及影像): 病历以及证件号码及影像.
    return joined(named, "、", "以及" if "及" in named[-1] else "及"), True


def _people(data: object) -> dict[str, tuple[tuple[str, str], ...]] | None:
    """index.yaml's `people`: Chinese words, English [singular, plural] pairs; None when absent."""
    if data is None:
        return None
    if not isinstance(data, dict) or not all(
        isinstance(data.get(lang), list) and data[lang] for lang in ("zh", "en")
    ):
        raise RuleFileError(_INDEX, None, "people", "needs zh and en word lists")
    zh = tuple((str(w), str(w)) for w in data["zh"])
    en = tuple(
        (str(pair[0]), str(pair[1])) for pair in data["en"] if isinstance(pair, list) and len(pair) == 2
    )
    if len(en) != len(data["en"]):
        raise RuleFileError(_INDEX, None, "people.en", "each entry is [singular, plural]")
    return {"zh": zh, "en": en}


def _sensitive(data: object) -> dict[str, SensitiveKinds]:
    """index.yaml's `sensitive`: per language, a `default` text, `kinds` of [words, regex] and the
    `other_law` pairs [PRC's words, general words]."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RuleFileError(_INDEX, None, "sensitive", "must map languages to a default and kinds")
    found = {}
    for lang, spec in data.items():
        kinds = spec.get("kinds") if isinstance(spec, dict) else None
        default = spec.get("default") if isinstance(spec, dict) else None
        if not isinstance(default, str) or not isinstance(kinds, list):
            raise RuleFileError(_INDEX, None, f"sensitive.{lang}", "needs a default text and a kinds list")
        compiled = []
        for kind in kinds:
            if not (
                isinstance(kind, list) and len(kind) == 2 and all(isinstance(k, str) and k for k in kind)
            ):
                raise RuleFileError(_INDEX, None, f"sensitive.{lang}", "each kind is [words, regex]")
            try:
                compiled.append((kind[0], re.compile(kind[1], re.IGNORECASE)))
            except re.error as exc:
                raise RuleFileError(
                    _INDEX, None, f"sensitive.{lang}", f"bad regex for {kind[0]}: {exc}"
                ) from None
        other = spec.get("other_law", [])
        if not isinstance(other, list) or not all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(w, str) and w for w in pair)
            for pair in other
        ):
            raise RuleFileError(
                _INDEX, None, f"sensitive.{lang}.other_law", "each entry is [PRC words, general words]"
            )
        found[str(lang)] = SensitiveKinds(default, tuple(compiled), tuple((a, b) for a, b in other))
    return found


def _own_words(data: object) -> tuple[tuple[OwnWord, ...], tuple[str, ...]]:
    """index.yaml's `own_words`: its `pairs` and the `keep` law names."""
    if data is None:
        return (), ()
    pairs, keep = (data.get("pairs"), data.get("keep", [])) if isinstance(data, dict) else (None, None)
    fields = ("ours", "theirs", "when", "unless", "traditional", "region")
    if not isinstance(pairs, list) or not all(
        isinstance(p, dict)
        and set(p) <= set(fields)
        and all(isinstance(p.get(f), str) and p[f] for f in ("ours", "theirs"))
        and all(isinstance(p.get(f, "-"), str) and p.get(f, "-") for f in ("when", "unless"))
        and isinstance(p.get("traditional", False), bool)
        and p.get("region") in (None, *_PLACES)
        for p in pairs
    ):
        raise RuleFileError(_INDEX, None, "own_words.pairs", "each entry needs ours and theirs words")
    if not isinstance(keep, list) or not all(isinstance(w, str) and w for w in keep):
        raise RuleFileError(_INDEX, None, "own_words.keep", "must be a list of words")
    found = tuple(
        OwnWord(
            p["ours"],
            p["theirs"],
            p.get("when", p["theirs"]),
            p.get("unless", p["ours"]),
            p.get("traditional", False),
            p.get("region"),
        )
        for p in pairs
    )
    return found, tuple(keep)
