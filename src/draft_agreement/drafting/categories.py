"""What personal information an agreement hands over, read from the review's findings.

The impact assessment names the categories an agreement hands over with their risk levels, and its
volumes; a transfer abroad needs the overseas recipient's country (PIPL art. 39). Findings already say
*where* personal information moves; this module reads only those paragraphs (and the header row of a
flagged customer-list table) and names what they mention, with the kinds of the catalogue
(clauses/drafting/categories.yaml). Anything not mentioned there is left out rather than guessed. What
the agreement hands over is a fact to assess, never what a draft may pass on: drafts name the minimum.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from draft_agreement.drafting.catalogue import Kind, catalogue
from draft_agreement.model.context import fold_chars
from draft_agreement.model.document import Document

PI_FINDINGS = frozenset(
    {
        "personal-info-transfer",
        "sensitive-personal-info",
        "embedded-personal-data",
        "cross-border-transfer",
        "pi-pricing",
    }
)
_ACTIONABLE = frozenset({"high", "medium"})


class FindingLike(Protocol):
    @property
    def category(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def paragraph_text(self) -> str | None: ...
    @property
    def location(self) -> object: ...


_COUNTRIES: tuple[tuple[str, str, str], ...] = (
    ("新加坡", "Singapore", r"新加坡|singapore"),
    ("中国香港特别行政区", "Hong Kong SAR, China", r"香港|hong\s+kong"),
    ("中国澳门特别行政区", "Macao SAR, China", r"澳门|maca[uo]"),
    ("中国台湾地区", "Taiwan, China", r"台湾|taiwan"),
    ("美国", "the United States", r"美国|united\s+states|\bU\.?S\.?A?\.?\b"),
    ("英国", "the United Kingdom", r"英国|united\s+kingdom|\bUK\b|britain"),
    ("欧盟", "the European Union", r"欧盟|european\s+union|\bEU\b"),
    ("日本", "Japan", r"日本|japan"),
    ("韩国", "the Republic of Korea", r"韩国|korea"),
    ("马来西亚", "Malaysia", r"马来西亚|malaysia"),
    ("泰国", "Thailand", r"泰国|thailand"),
    ("越南", "Viet Nam", r"越南|viet\s*nam"),
    ("印度尼西亚", "Indonesia", r"印度尼西亚|印尼|indonesia"),
    ("菲律宾", "the Philippines", r"菲律宾|philippines"),
    ("印度", "India", r"印度(?!尼)|\bindia\b"),
    ("澳大利亚", "Australia", r"澳大利亚|australia"),
    ("加拿大", "Canada", r"加拿大|canada"),
    ("德国", "Germany", r"德国|germany"),
    ("法国", "France", r"法国|france"),
    ("爱尔兰", "Ireland", r"爱尔兰|ireland"),
    ("荷兰", "the Netherlands", r"荷兰|netherlands"),
    ("阿联酋", "the United Arab Emirates", r"阿联酋|阿拉伯联合酋长国|united\s+arab\s+emirates|\bUAE\b"),
    ("俄罗斯", "Russia", r"俄罗斯|russia"),
)
_COUNTRY_PATTERNS = tuple((zh, en, re.compile(p, re.IGNORECASE)) for zh, en, p in _COUNTRIES)

_HOLDERS = r"好友|粉丝|关注者|客户|联系人|用户|会员"
_ZH_VOLUME = re.compile(
    rf"(?:有效|真实|活跃|全部)*(?:{_HOLDERS})[^，。；;：:\d]{{0,6}}?(?P<n>\d[\d,]*(?:\.\d+)?)\s*万?\s*(?:个|人|名|位|条)"
    rf"|(?P<m>\d[\d,]*(?:\.\d+)?)\s*万?\s*(?:个|名|位|条)(?:有效|真实|活跃)*(?:{_HOLDERS})"
)
_EN_VOLUME = re.compile(
    r"(?:(?:at\s+least|a\s+minimum\s+of|minimum\s+of|more\s+than|over|approximately|about)\s+)?"
    r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?:k|thousand|million)?\s+(?:(?:real|active|genuine|verified)\s+)*"
    r"(?:followers|fans|friends|contacts|customers|subscribers|records|users)\b",
    re.IGNORECASE,
)
_PERSON_COLUMN = re.compile(
    r"(?:客户|患者|会员|好友)?(?:姓名|名字)|身份证(?:件)?(?:号码|号)|(?i:(?:full|customer|client|patient|member)?\s*name)"
)
_TOTAL = re.compile(r"\s*(?:合计|总计|小计|共计|(?i:total|subtotal))")
_PLATFORM_ZH = {
    "WeChat": "微信",
    "WeCom": "企业微信",
    "Douyin": "抖音",
    "Kuaishou": "快手",
    "Xiaohongshu": "小红书",
    "Weibo": "微博",
    "Taobao": "淘宝",
    "Alipay": "支付宝",
}


@dataclass(frozen=True)
class Found:
    """What the review shows about the personal information in an agreement."""

    kinds: tuple[Kind, ...]
    countries: tuple[str, ...]  # in the output language
    volumes: tuple[str, ...]
    cross_border: bool

    def labels(self, lang: str, *, sensitive: bool) -> list[str]:
        return [k.label(lang) for k in self.kinds if k.sensitive is sensitive]


_STATES_CATEGORIES = re.compile(
    r"个人信息的?种类|個人資料的?種類|個人信息的?種類|categories of personal (?:information|data)",
    re.IGNORECASE,
)


def survey(doc: Document, findings: Iterable[FindingLike], lang: str) -> Found:
    """Categories, countries and volumes mentioned where medium-or-higher findings sit."""
    relevant = [f for f in findings if f.category in PI_FINDINGS and f.severity in _ACTIONABLE]
    texts = [f.paragraph_text for f in relevant if f.paragraph_text]
    if not relevant:
        # A compliant agreement has no transfer findings; it states the categories it allows instead.
        texts = [p.text for p in doc.paragraphs() if _STATES_CATEGORIES.search(p.text)]
    tables = sorted({t for f in relevant if (t := _table_of(f)) is not None})
    headers = [" ".join(_table_row(doc, story, table, 0)) for story, table in tables]
    folded = [fold_chars(text) for text in texts + headers]
    kinds = tuple(k for k in catalogue().kinds if any(k.pattern.search(text) for text in folded))
    border = [
        f.paragraph_text for f in relevant if f.category == "cross-border-transfer" and f.paragraph_text
    ]
    countries = tuple(
        zh if lang == "zh" else en
        for zh, en, pattern in _COUNTRY_PATTERNS
        if any(pattern.search(fold_chars(t)) for t in border)
    )
    volumes = list(_volumes([fold_chars(t) for t in texts], lang))
    volumes += [_listed(lang, n) for story, table in tables if (n := _people_listed(doc, story, table))]
    volumes += _account_counts(doc, lang)
    return Found(kinds, countries, tuple(volumes), bool(border))


def concerns_children(doc: Document, found: Found) -> bool:
    """Whether the individuals are children under 14, so their guardians decide (PIPL arts. 28, 31):
    the review found their information, or the agreement says so anywhere (托管班, 不满十四周岁)."""
    if any(k.key == "minors" for k in found.kinds):
        return True
    cue = catalogue().children
    return any(cue.search(fold_chars(p.text)) for p in doc.story("body").paragraphs)


def _table_of(finding: FindingLike) -> tuple[str, int] | None:
    location = finding.location
    table = getattr(location, "table", None)
    return (getattr(location, "story", "body"), table) if table is not None else None


def _table_row(doc: Document, story: str, table: int, row: int) -> list[str]:
    return [
        p.text
        for p in doc.story(story).paragraphs
        if p.cell is not None and p.cell.depth == 1 and p.cell.table == table and p.cell.row == row
    ]


def _people_listed(doc: Document, story: str, table: int) -> int:
    """Rows after the header of a table whose header names people (a name or ID column), totals aside."""
    if not any(_PERSON_COLUMN.fullmatch(cell.strip()) for cell in _table_row(doc, story, table, 0)):
        return 0
    rows: dict[int, list[str]] = {}
    for p in doc.story(story).paragraphs:
        if p.cell is not None and p.cell.depth == 1 and p.cell.table == table and p.cell.row > 0:
            rows.setdefault(p.cell.row, []).append(p.text.strip())
    return sum(1 for cells in rows.values() if any(cells) and not _TOTAL.match(" ".join(cells)))


def _listed(lang: str, count: int) -> str:
    return f"附表列明的个人{count}条" if lang == "zh" else f"{count} individuals listed in a schedule"


def _volumes(texts: list[str], lang: str) -> Iterator[str]:
    """Stated head counts ("有效好友不少于20,000个", "100,000 real followers"), one per distinct number."""
    seen: set[str] = set()
    for text in texts:
        for pattern in (_ZH_VOLUME, _EN_VOLUME):
            for match in pattern.finditer(text):
                number = (match.group("n") or match.groupdict().get("m") or "").replace(",", "")
                if number and number not in seen:
                    seen.add(number)
                    yield match.group().strip()


def platform_label(name: str, lang: str) -> str:
    """A platform as the output language calls it (WeChat -> 微信 in Chinese)."""
    return _PLATFORM_ZH.get(name, name) if lang == "zh" else name


def _account_counts(doc: Document, lang: str) -> list[str]:
    counts: dict[str, int] = {}
    for account in doc.context.accounts:
        name = account.platform or ("平台" if lang == "zh" else "platform")
        counts[name] = counts.get(name, 0) + 1
    if lang == "zh":
        return [f"{platform_label(name, lang)}账号{n}个" for name, n in counts.items()]
    return [f"{n} {name} account{'s' if n > 1 else ''}" for name, n in counts.items()]
