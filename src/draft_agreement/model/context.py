"""The deal facts of an agreement (parties and their roles, title, date, prices, accounts, platforms).

Drafting uses them to write a consent notice or a replacement clause "as if drafted for this agreement":
the seller becomes the provider, the buyer the recipient, named as the agreement names them. Extraction
must therefore prefer leaving a fact out to inventing one: a party exists only where the text designates
it, and a name found in the party block is never overridden by a later mention.

All matching runs on a folded copy of each paragraph (full-width forms, curly quotes, Traditional
characters) that keeps every offset, so what is returned is always a slice of the original text.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from draft_agreement import compiled
from draft_agreement.chinese import opencc_char_table
from draft_agreement.model.amounts import Amount, DateMention, find_amounts, find_dates

SELLER_ROLES = ("transferor", "provider", "licensor", "lessor")
BUYER_ROLES = ("transferee", "recipient", "licensee", "lessee")
_PARTY_FIELDS = ("id_number", "address", "contact", "representative")


class CellLike(Protocol):
    @property
    def table(self) -> int: ...
    @property
    def row(self) -> int: ...
    @property
    def col(self) -> int: ...


class ParagraphLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def story(self) -> str: ...
    @property
    def cell(self) -> CellLike | None: ...


@dataclass(frozen=True)
class Party:
    """One contracting party: its designation as written, normalised role and identification."""

    designation: str
    role: str
    aliases: tuple[str, ...]
    name: str | None
    id_number: str | None = None
    address: str | None = None
    contact: str | None = None
    representative: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "designation": self.designation,
            "role": self.role,
            "aliases": list(self.aliases),
            "name": self.name,
            "id_number": self.id_number,
            "address": self.address,
            "contact": self.contact,
            "representative": self.representative,
        }


@dataclass(frozen=True)
class Account:
    """A platform account named in the agreement; platform is a normalised name such as "WeChat"."""

    platform: str | None
    identifier: str

    def to_dict(self) -> dict[str, str | None]:
        return {"platform": self.platform, "identifier": self.identifier}


@dataclass(frozen=True)
class Context:
    """What drafting needs to know about an agreement."""

    language: str
    title: str | None
    parties: tuple[Party, ...]
    date: str | None
    date_text: str | None
    amounts: tuple[Amount, ...]
    accounts: tuple[Account, ...]
    platforms: tuple[str, ...]

    def party(self, role: str) -> Party | None:
        """The first party with this normalised role, e.g. party("transferee")."""
        return next((p for p in self.parties if p.role == role), None)

    @property
    def seller(self) -> Party | None:
        """The side that hands something over (transferor, provider, licensor or lessor)."""
        return next((p for p in self.parties if p.role in SELLER_ROLES), None)

    @property
    def buyer(self) -> Party | None:
        """The receiving side (transferee, recipient, licensee or lessee)."""
        return next((p for p in self.parties if p.role in BUYER_ROLES), None)

    def to_dict(self) -> dict[str, object]:
        return {
            "language": self.language,
            "title": self.title,
            "parties": [p.to_dict() for p in self.parties],
            "date": self.date,
            "date_text": self.date_text,
            "amounts": [a.to_dict() for a in self.amounts],
            "accounts": [a.to_dict() for a in self.accounts],
            "platforms": list(self.platforms),
        }


# --- folding -------------------------------------------------------------------------------------

# Full-width ASCII, typographic quotes and the 帐/账 variant; one character to one.
_FOLD_TABLE = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | str.maketrans(
    "\u3000\xa0“”„「」『』〝〞‘’帐", '  """""""""\'\'账'
)


@lru_cache(maxsize=1)
def _fold_table() -> array[int]:
    """_FOLD_TABLE plus Traditional -> Simplified, character for character (the shared OpenCC table).

    An array indexed by code point rather than a dict: str.translate looks it up in two thirds of the
    time, and whole agreements are folded (a character past its end raises IndexError and stays).
    """
    table = {ord(t): ord(s) for t, s in opencc_char_table("TSCharacters.txt").items()}
    # 帳 -> 帐 -> 账: a Traditional character whose Simplified form folds again is folded through.
    table = {t: _FOLD_TABLE.get(s, s) for t, s in table.items()}
    table.update(_FOLD_TABLE)
    indexed = array("I", range(max(table) + 1))
    for code, folded in table.items():
        indexed[code] = folded
    return indexed


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """Same length as `text`, so a span in the folded copy is the same span in the original.

    Cached: the deal, the deal-kind law and the restructuring fold the same paragraphs again and again.
    """
    return text.translate(_fold_table())


fold_chars = _fold  # the same folding for the stages that read deal facts after the model (deal/)


# --- vocabulary ----------------------------------------------------------------------------------


def _vocabulary(table: dict[str, str]) -> dict[str, str]:
    """{"transferor": "转让方|出让方"} -> {"转让方": "transferor", "出让方": "transferor"}."""
    return {word: kind for kind, words in table.items() for word in words.split("|")}


# Designations and the role each states. English keys are lower case; matching ignores case.
_ROLE_WORDS = _vocabulary(
    {
        # 顶让方 designates a party of a shop takeover, but agreements use it for either side.
        "party": "甲方|乙方|丙方|丁方|顶让方|party a|party b|party c|party d",
        "transferor": "转让方|转让人|出让方|出让人|卖方|出卖方|出卖人|出售方|销售方|让与人|让渡人|让渡方"
        "|转店方|原店主"
        "|seller|vendor|transferor|assignor",
        "transferee": "受让方|受让人|承接方|承接人|买方|买受方|买受人|购买方|收购方|接店方|新店主"
        "|承顶方|接手方"
        "|buyer|purchaser|transferee|assignee",
        "provider": "提供方|信息提供方|个人信息提供方|数据提供方|披露方"
        "|provider|data provider|disclosing party|data exporter",
        "recipient": "接收方|信息接收方|个人信息接收方|数据接收方"
        "|recipient|data recipient|receiving party|data importer",
        "principal": "委托方|委托人|controller|data controller|principal",
        "processor": "受托方|受托人|服务方|服务提供方|代运营方|运营方"
        "|processor|data processor|service provider",
        "licensor": "许可方|许可人|授权方|授权人|licensor",
        "licensee": "被许可方|被许可人|被授权方|被授权人|licensee",
        # Hong Kong and Taiwan leases name the sides 業主/租客 (房東): lessor and lessee of the party block.
        "lessor": "出租方|出租人|业主|房东|lessor|landlord",
        "lessee": "承租方|承租人|租客|lessee|tenant",
    }
)


def designations() -> tuple[str, ...]:
    """Every word an agreement may use to designate a party (甲方, 受让方, seller, transferee)."""
    return tuple(_ROLE_WORDS)


# Labels of a party's details in Chinese party blocks; "other" labels only end the value before them.
_CN_FIELD_WORDS = _vocabulary(
    {
        "name": "姓名|名称|姓名/名称|名称/姓名|姓名或名称|公司名称|单位名称|企业名称",
        "id_number": "公民身份号码|身份证件号码|身份证件号|身份证号码|身份证号|身份证|证件号码|证件号"
        "|证件类型及号码|护照号码|护照号|统一社会信用代码|社会信用代码|营业执照注册号|营业执照号码"
        "|营业执照号|注册号|身分证字号|身分证号|身份证字号|统一编号",
        "address": "住所地|住所|住址|通讯地址|通信地址|联系地址|注册地址|经营地址|户籍地址|居住地址"
        "|办公地址|送达地址|地址",
        "contact": "联系电话|联系方式|联系邮箱|联络电话|联络方式|联络邮箱|电话号码|电话|手机号码|手机号|手机"
        "|电子邮箱|电子信箱|电子邮件|电邮|邮箱|传真",
        "representative": "法定代表人|法人代表|负责人|授权代表|委托代理人|代理人|经办人|代表人|代表",
        "signature": "签字盖章|签字或盖章|签字/盖章|签字|签章|盖章|签名|签署|手印|捺印",
        "other": "签订日期|签署日期|签约日期|签订时间|签署时间|日期|签订地点|签约地点|开户行|开户银行"
        "|开户名称|开户名|户名|银行账号|银行账户|账号|账户|邮编|邮政编码|性别|民族|出生日期|职务|职位"
        "|联系人|微信号|微信账号|微信|抖音号|抖音账号|QQ号码|QQ号|QQ",
    }
)
_EN_FIELD_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"full\s+name|company\s+name|legal\s+name|name", "name"),
    (
        r"(?:id(?:entity)?\s+card|id|passport|company(?:\s+registration)?|registration)\s+(?:no\.?|number)",
        "id_number",
    ),
    (
        r"registered\s+address|registered\s+office|principal\s+place\s+of\s+business|principal\s+office"
        r"|domicile|address",
        "address",
    ),
    (r"tel\.?|telephone|phone|mobile|e-?mail|contact|fax", "contact"),
    (
        r"legal\s+representative|authori[sz]ed\s+representative|represented\s+by|representative|by",
        "representative",
    ),
    (r"signature|signed", "signature"),
    (r"title|position|date|bank(?:\s+name)?|account\s+(?:no\.?|number|name)|attention|attn\.?", "other"),
)
_SIGNATURE_MARKS = compiled.pattern(r"签字|签章|盖章|签名|手印|捺印|公章|印章|(?i:signature|signed|seal)")
_CLAUSE_WORDS = compiled.pattern(
    r"应当|应于|应在|负责|不得|同意|承诺|保证|有权|必须|(?i:\b(?:shall|will|agrees?|must|may)\b)"
)
# What opens a defined term: （以下简称"甲方"）, (hereinafter "Seller"), (together the "Parties").
_CUE = (
    r"(?:以下|下文)?(?:简称|称为|合称|统称)(?:为)?|(?:以下|下文|下)称(?:为)?"
    r"|(?i:hereinafter(?:\s+(?:referred\s+to\s+as|called))?|referred\s+to\s+(?:herein\s+)?as|each\s+a"
    r"|together|collectively)"
)
_DEFINED_CUE = compiled.pattern(rf"\s*(?:{_CUE})")
_PIECE = compiled.pattern(r"[^/、,;或及和\"']+")
_LATE_CUE = compiled.pattern(rf"[,;]\s*(?:{_CUE})")  # 身份证号：…，以下简称"甲方"
_QUOTE_START = compiled.pattern(r"\s*(?:为)?\s*:?\s*(?i:the\s+)?[\"']")
_DEFINED_START = compiled.pattern(rf"\(\s*(?=(?:{_CUE})|(?i:the\s+)?[\"'])|[,;]\s*(?={_CUE})")
_COLLECTIVE = compiled.pattern(r"合称|统称|(?i:together|collectively|each\s+a)")
_NOT_A_PARTY = compiled.pattern(
    r"协议|合同|条款|日期|账号|价款|双方|各方|一方|(?i:agreement|contract|date|account|price|part(?:y|ies)$)"
)
_PREAMBLE = compiled.pattern(r"由|签订|订立|签署|(?i:\bbetween\b|\bamong\b|entered\s+into|made\s+by)")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_CN_DESIG = _alternation(w for w in _ROLE_WORDS if not w.isascii())
_EN_DESIG = _alternation(w for w in _ROLE_WORDS if w.isascii())
_CN_FIELD = _alternation(_CN_FIELD_WORDS)
_EN_FIELD = "|".join(f"(?P<en{i}>{pattern})" for i, (pattern, _) in enumerate(_EN_FIELD_PATTERNS))
_CN_FIELD_KIND = {word.lower(): kind for word, kind in _CN_FIELD_WORDS.items()}
_EN_FIELD_FIRST = "fclniprdatmebs"  # first letters of the _EN_FIELD_PATTERNS alternatives
_LABEL_FIRST = "".join(sorted({w[0] for w in (*_ROLE_WORDS, *_CN_FIELD_WORDS)} | set(_EN_FIELD_FIRST)))
_LABEL = compiled.pattern(
    rf"""(?=[{_LABEL_FIRST}])  # cheap first-character test before the long alternation
    (?:
        (?<![\u3400-\u9fff])(?P<cn>{_CN_DESIG})(?P<own>{_CN_FIELD})?
      | (?<![A-Za-z])(?P<en>{_EN_DESIG})(?![A-Za-z])
      | (?P<cnfield>{_CN_FIELD})
      | (?<![A-Za-z])(?P<enfield>{_EN_FIELD})(?![A-Za-z])
    )[ \t]*(?:\((?P<paren>[^()]{{0,60}})\)[ \t]*)?:""",
    re.VERBOSE | re.IGNORECASE,
)
_ANY_DESIG = compiled.pattern(rf"{_CN_DESIG}|(?<![A-Za-z])(?:{_EN_DESIG})(?![A-Za-z])", re.IGNORECASE)
_BARE_DESIG = compiled.pattern(
    rf"\s*(?:(?P<cn>{_CN_DESIG})|(?P<en>{_EN_DESIG}))\s*(?:\((?P<paren>[^()]{{0,60}})\))?\s*:?\s*",
    re.IGNORECASE,
)
_BARE_FIELD = compiled.pattern(
    rf"\s*(?:(?P<cnfield>{_CN_FIELD})|(?P<enfield>{_EN_FIELD}))\s*(?:\([^()]*\))?\s*:?\s*", re.IGNORECASE
)
_ROLE_HEADER = compiled.pattern(
    r"\s*(?:角色|身份|当事人|签约方|签约主体|合同主体|主体|类别|类型|协议方|"
    r"(?i:role|party|parties|capacity))\s*:?\s*"
)
_BRACKETED = compiled.pattern(r"\(([^()]{1,80})\)")


def _field_kind(match: re.Match[str], group: str) -> str | None:
    """Kind of the field label matched in `group` (name, id_number, address, ... or other)."""
    text = match.group(group)
    if text is None:
        return None
    if group in ("cnfield", "own"):
        return _CN_FIELD_KIND.get(text.lower())
    return next((kind for i, (_, kind) in enumerate(_EN_FIELD_PATTERNS) if match.group(f"en{i}")), None)


def _key(term: str) -> str:
    """Matching key of a designation: folded, lower case, without quotes or a leading 'the'."""
    key = re.sub(r"\s+", " ", _fold(term)).strip().strip("\"'").strip().lower()
    return key[4:] if key.startswith("the ") else key


# --- values --------------------------------------------------------------------------------------

_PAD = " \t\r\n\u3000\xa0,，;；。:：、"


def _clean(raw: str) -> str | None:
    """A value as written, minus padding and stray brackets; None for a blank line of underscores."""
    value = raw.strip(_PAD)
    while value and value[-1] in "(（[【":
        value = value[:-1].rstrip(_PAD)
    while value and value[0] in ")）]】":
        value = value[1:].lstrip(_PAD)
    while value and value[-1] in ")）" and _count(value, "(（") < _count(value, ")）"):
        value = value[:-1].rstrip(_PAD)
    if not re.search(r"[0-9A-Za-z\u3400-\u9fff]", value):
        return None
    return value


def _count(text: str, chars: str) -> int:
    return sum(text.count(ch) for ch in chars)


def _trim_name(value: str) -> str:
    """Drop an appositive: "Bright Media LLC, a Delaware company" names Bright Media LLC."""
    cut = re.search(r",\s+(?:a|an|the)\s", value)
    return value[: cut.start()] if cut else value


def _bare_name(raw: str) -> bool:
    """A line that can be the name under "SELLER:": short, no clause punctuation, no designation."""
    value = _clean(raw)
    if value is None or len(value) > 60 or raw.rstrip().endswith((":", "：")):
        return False
    folded = _fold(value)
    return _name_like(value) and "," not in folded.replace(", ", "") and not _ANY_DESIG.search(folded)


def _name_like(value: str | None) -> bool:
    """A plausible party name, not a clause that happens to follow 甲方："""
    if not value or len(value) > 80:
        return False
    folded = _fold(value)
    if re.search(r"[。;!?]", folded) or _CLAUSE_WORDS.search(folded):
        return False
    if re.match(r"\d+[.、)]|\(", folded):
        return False
    return not _SIGNATURE_MARKS.fullmatch(folded.strip("() "))


def _only_a_date(value: str) -> bool:
    """A signature line's date after the blank left for the name (受讓人：　　中華民國…): no name."""
    return any(m.text.strip() == value.strip() for m in find_dates(value))


@dataclass(frozen=True)
class _Para:
    index: int
    raw: str
    fold: str
    story: str
    cell: tuple[int, int, int] | None


@dataclass(frozen=True)
class _Paren:
    aliases: tuple[str, ...]
    defined: tuple[str, ...]
    signature: bool
    collective: bool
    intro: int  # where the defining words start; what precedes them is description (身份证号：…)


def _read_paren(raw: str) -> _Paren:
    """Designations inside brackets: 甲方（转让方） aliases, （以下简称"甲方"） / (the "Seller") define,
    （签字） marks a signature line, (together the "Parties") is collective.

    A definition must open the bracket or follow a comma inside it, so （账号名称为"abc"） defines
    nothing."""
    folded = _fold(raw)
    cue = _DEFINED_CUE.match(folded) or _LATE_CUE.search(folded)
    intro = cue.start() if cue else 0
    after = cue.end() if cue else 0
    quoted = []
    if _QUOTE_START.match(folded, after):
        quoted = [(m.start(1), m.end(1)) for m in re.finditer(r"[\"']([^\"']{1,40})[\"']", folded[after:])]
        quoted = [(s + after, e + after) for s, e in quoted]
    # Unquoted, the term is what follows the cue: （以下简称甲方）, (hereinafter Seller).
    pieces = quoted or [(m.start(), m.end()) for m in _PIECE.finditer(folded, after)]
    terms = tuple(t for s, e in pieces if (t := raw[s:e].strip()))
    defining = bool(quoted or cue)
    return _Paren(
        aliases=() if defining else tuple(t for t in terms if _key(t) in _ROLE_WORDS),
        defined=terms if defining else (),
        signature=bool(_SIGNATURE_MARKS.search(folded)),
        collective=bool(cue and _COLLECTIVE.search(cue.group())),
        intro=intro if defining else len(raw),
    )


# --- parties -------------------------------------------------------------------------------------


@dataclass
class _Draft:
    designation: str
    aliases: list[str]
    keys: set[str]
    first: int
    defined: bool = False
    strong: bool = False
    role: str | None = None
    name: str | None = None
    fields: dict[str, str] = field(default_factory=dict)

    def fill(self, kind: str, value: str | None) -> None:
        """Set a field once; a later mention never overrides what the party block said."""
        if not value:
            return
        if kind == "name":
            if self.name is None and _name_like(value) and not _only_a_date(value):
                self.name = _trim_name(value)
        elif kind in _PARTY_FIELDS:
            self.fields.setdefault(kind, value)

    @property
    def listed_role(self) -> str:
        """The role its designations state (转让方 -> transferor); "party" for 甲方 or Party A alone."""
        roles = (_ROLE_WORDS.get(_key(a), "party") for a in self.aliases)
        return next((r for r in roles if r != "party"), "party")


class _Parties:
    """Collects parties paragraph by paragraph, merging every designation that names the same party."""

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self.current: dict[tuple, _Draft] = {}  # per lane: the party a bare field line belongs to
        self.signing: dict[tuple, bool] = {}  # per lane: inside a signature block (By:, 签字)
        self.pending: _Draft | None = None  # a "Seller:" line with its name on the next line

    # -- registry --
    def upsert(
        self, terms: list[str], index: int, *, create: bool, strong: bool, defined: str | None = None
    ) -> _Draft | None:
        keys = [_key(t) for t in terms]
        found = [d for d in self.drafts if d.keys.intersection(keys)]
        if not found and not create:
            return None
        draft = found[0] if found else _Draft(defined or terms[0], [], set(), index)
        if not found:
            self.drafts.append(draft)
        for other in found[1:]:
            self._absorb(draft, other)
        for term, key in zip(terms, keys, strict=True):
            if key not in draft.keys:
                draft.keys.add(key)
                draft.aliases.append(term)
        if defined and not draft.defined:
            draft.designation, draft.defined = defined, True
        draft.strong = draft.strong or strong
        return draft

    def _absorb(self, into: _Draft, other: _Draft) -> None:
        for term in other.aliases:
            if _key(term) not in into.keys:
                into.keys.add(_key(term))
                into.aliases.append(term)
        into.fill("name", other.name)
        for kind, value in other.fields.items():
            into.fill(kind, value)
        into.strong = into.strong or other.strong
        into.first = min(into.first, other.first)
        self.drafts.remove(other)
        for lane, draft in self.current.items():
            if draft is other:
                self.current[lane] = into

    # -- paragraphs --
    def read(self, paragraphs: list[_Para]) -> None:
        tables: dict[tuple[str, int], dict[tuple[int, int], list[_Para]]] = {}
        for p in paragraphs:
            if p.cell is not None:
                tables.setdefault((p.story, p.cell[0]), {}).setdefault(p.cell[1:], []).append(p)
        seen: set[tuple[str, int]] = set()
        for p in paragraphs:
            if p.cell is not None and (p.story, p.cell[0]) not in seen:
                seen.add((p.story, p.cell[0]))
                _Table(self, tables[(p.story, p.cell[0])]).read()
            self.paragraph(p)

    def paragraph(self, p: _Para) -> None:
        if not p.fold.strip():
            return
        lane = ("body",) if p.cell is None else ("cell", p.cell[0], p.cell[2])
        labels = [m for m in _LABEL.finditer(p.fold) if _proper_label(m)]
        pending, self.pending = self.pending, None
        designated = any(m.group("cn") or m.group("en") for m in labels)
        if not designated and self._defined_terms(p):
            return
        # 立契約書人：讓與人晶妍美學診所（統一編號：…）: the field labels inside are the parties' details.
        if not designated and p.cell is None and self._signatories(p):
            return
        if labels:
            for k, m in enumerate(labels):
                end = labels[k + 1].start() if k + 1 < len(labels) else len(p.raw)
                self._label(p, m, p.raw[m.end() : end], lane)
            return
        bare = _bare_designation(p.fold) if p.cell is None else None
        if bare:
            self._heading(p, bare, lane)
        elif pending is not None and p.cell is None and _bare_name(p.raw):
            pending.fill("name", _clean(p.raw))
        else:
            self.current.pop(lane, None)  # a clause: the party block is over

    def _heading(self, p: _Para, bare: re.Match[str], lane: tuple) -> None:
        """A line that is only a designation ("SELLER", "甲方（转让方）"): details follow on later lines."""
        group = "cn" if bare.group("cn") else "en"
        paren = _read_paren(p.raw[bare.start("paren") : bare.end("paren")] if bare.group("paren") else "")
        terms = [p.raw[bare.start(group) : bare.end(group)], *paren.aliases, *paren.defined]
        draft = self.upsert(
            terms,
            p.index,
            create=not paren.signature,
            strong=False,
            defined=paren.defined[0] if paren.defined else None,
        )
        if draft is not None:
            self.current[lane] = draft
            self.signing[lane] = paren.signature
            self.pending = None if paren.signature else draft

    def _label(self, p: _Para, m: re.Match[str], raw_value: str, lane: tuple) -> None:
        """One "label: value" of a party block: a designation line or a field of the current party."""
        value_raw, defined = _strip_defined(raw_value)
        value = _clean(value_raw)
        group = "cn" if m.group("cn") else "en" if m.group("en") else None
        if group is None:
            field_group = "cnfield" if m.group("cnfield") else "enfield"
            self._field(lane, _field_kind(m, field_group), value, m.group(field_group))
            current = self.current.get(lane)
            # 甲方：程某某，身份证号：…（以下简称"转让方"）; but "抖音号：abc（以下简称"标的账号"）" defines
            # the account, not another name of the party.
            defined = [t for t in defined if _key(t) in _ROLE_WORDS or _plausible_term(t)]
            if defined and current is not None:
                self.upsert(
                    [current.aliases[0], *defined], p.index, create=False, strong=True, defined=defined[0]
                )
            return
        own = _field_kind(m, "own") if m.group("own") else None
        paren = _read_paren(p.raw[m.start("paren") : m.end("paren")] if m.group("paren") else "")
        signature = paren.signature or own == "signature"
        if own is None and value is not None and not _name_like(value):
            return  # "甲方：应于……" is a clause, not a party line
        terms = [p.raw[m.start(group) : m.end(group)], *paren.aliases, *paren.defined, *defined]
        create = value is not None or (own in (None, "name") and not signature)
        draft = self.upsert(
            terms, p.index, create=create, strong=create, defined=next(iter(paren.defined or defined), None)
        )
        if draft is None:
            return
        self.current[lane] = draft
        self.signing[lane] = signature
        if own not in (None, "signature"):
            draft.fill(own, value)
        elif signature and draft.name is not None:
            if value != draft.name:
                draft.fill("representative", value)  # the person who signs for a named company
        elif value is not None:
            draft.fill("name", value)
        elif not signature and p.cell is None:
            self.pending = draft

    def _field(self, lane: tuple, kind: str | None, value: str | None, label: str) -> None:
        if kind == "signature" or label.lower() == "by":
            self.signing[lane] = True  # "By:" opens an English signature block
        draft = self.current.get(lane)
        if draft is None or kind is None:
            return
        if kind == "name" and (self.signing.get(lane) or draft.name is not None):
            kind = "representative"  # "Name:" under "By:" is the signatory
        draft.fill(kind, value)

    def _defined_terms(self, p: _Para) -> bool:
        """Parties introduced in running text: 程某某（以下简称"甲方"）, ABC Ltd. (the "Seller")."""
        found = False
        boundary = 0
        preamble = bool(_PREAMBLE.search(p.fold))
        for m in _BRACKETED.finditer(p.fold):
            paren = _read_paren(p.raw[m.start(1) : m.end(1)])
            terms = [t for t in paren.defined if _key(t) in _ROLE_WORDS]
            if not terms and preamble:
                terms = [t for t in paren.defined if _plausible_term(t)]
            if paren.collective or not terms:
                if paren.defined:
                    boundary = m.end()
                continue
            start = _segment_start(p.fold, boundary, m.start())
            name, rest = _segment_name(p.fold, p.raw, start, m.start())
            defined = terms[0]
            alias = _designation_in(name) if name is not None else None
            if alias is not None:
                terms.insert(0, alias)  # 转让方（以下简称"甲方"） in running text
                name = None
            elif name is not None and (lead := _leading_designation(name)) is not None:
                terms.insert(0, lead[0])  # 立契約書人：讓與人晶妍美學診所（以下簡稱甲方）
                name = lead[1]
            draft = self.upsert(terms, p.index, create=True, strong=True, defined=defined)
            if draft is not None:
                draft.fill("name", name)
                self._segment_fields(draft, p, rest, m.start(1) + paren.intro)
            boundary = m.end()
            found = True
        return found

    def _signatories(self, p: _Para) -> bool:
        """立契約書人：讓與人 力行健身工作室（負責人…），受讓人 動能運動事業股份有限公司: each party named."""
        cue = _SIGNATORIES.match(p.fold)
        if cue is None:
            return False
        found = False
        for m in _SIGNATORY.finditer(p.fold, cue.end()):
            name = _clean(p.raw[m.start("name") : m.end("name")])
            if name is None or not _name_like(name) or _ANY_DESIG.search(_fold(name)):
                continue
            draft = self.upsert([p.raw[m.start("d") : m.end("d")]], p.index, create=True, strong=True)
            if draft is not None:
                draft.fill("name", name)
                found = True
        return found

    def _segment_fields(self, draft: _Draft, p: _Para, start: int, end: int) -> None:
        """Identification written between a party's name and its defined term."""
        labels = [
            m
            for m in _LABEL.finditer(p.fold, start, end)
            if _proper_label(m) and (m.group("cnfield") or m.group("enfield"))
        ]
        for k, m in enumerate(labels):
            stop = labels[k + 1].start() if k + 1 < len(labels) else end
            kind = _field_kind(m, "cnfield" if m.group("cnfield") else "enfield")
            if kind:
                draft.fill(kind, _clean(p.raw[m.end() : stop]))
        address = _EN_ADDRESS.search(p.fold, start, end)
        if address:
            draft.fill("address", _clean(p.raw[address.start(1) : end]))

    # -- result --
    def infer_roles(self, paragraphs: list[_Para]) -> None:
        """Give 甲方/乙方 a role from the operative clause: 甲方将……转让给乙方 makes 甲方 the transferor."""
        unroled = [d for d in self.drafts if d.listed_role == "party"]
        if len(unroled) < 2:
            return
        by_key = {k: d for d in unroled for k in d.keys}
        names = _alternation(by_key)
        cn_verbs = "转让|出让|出售|卖|过户|提供|同步|推送|上传|许可|授权|出租|委托"
        patterns = (
            re.compile(rf"(?P<x>{names})[^。;,]{{0,40}}?(?P<verb>{cn_verbs})(?:给|予|与|至)(?P<y>{names})"),
            re.compile(rf"(?P<x>{names})[^。;,]{{0,40}}?(?P<verb>发送)(?:给|予|与|至)?(?P<y>{names})"),
            re.compile(rf"(?P<x>{names})[^。;,]{{0,6}}?向(?P<y>{names})(?P<verb>{cn_verbs})"),
            re.compile(rf"(?P<x>{names})[^。;,]{{0,6}}?(?P<verb>委托|授权|许可)(?P<y>{names})"),
            # "Party A operates a tea shop and wishes to sell the Assets to Party B": words between the
            # party and its verb may not name the other party.
            re.compile(
                rf"(?P<x>{names})\s+(?:(?:(?!{names})[^.;]){{0,80}}?\s)?(?:hereby\s+)?"
                rf"(?:shall\s+|will\s+|agrees?\s+to\s+|wish(?:es)?\s+to\s+|intends?\s+to\s+)?"
                rf"(?P<verb>sell|transfer|assign|license|licence|lease|provide|disclose)s?\b[^.;]{{0,120}}?"
                rf"\bto\s+(?:the\s+)?(?P<y>{names})\b",
                re.IGNORECASE,
            ),
        )
        # Each direction's votes, and its first verb: where things move both ways (members' records to
        # the airline, its flyers' card numbers back to the hotel) the direction most clauses take wins.
        counts: dict[tuple[int, int], int] = {}
        first: dict[tuple[int, int], tuple[_Draft, _Draft, str]] = {}
        for p in paragraphs:
            for pattern in patterns:
                for m in pattern.finditer(p.fold):
                    x, y = by_key.get(_key(m.group("x"))), by_key.get(_key(m.group("y")))
                    if (
                        x is None
                        or y is None
                        or x is y
                        or _NEGATION.search(p.fold[m.start() : m.start("verb")])
                    ):
                        continue
                    direction = (id(x), id(y))
                    counts[direction] = counts.get(direction, 0) + 1
                    first.setdefault(direction, (x, y, m.group("verb").lower()))
        if counts:
            x, y, verb = first[max(counts, key=counts.__getitem__)]
            x.role, y.role = _VERB_ROLES[verb]

    def parties(self) -> tuple[Party, ...]:
        kept = [d for d in self.drafts if d.strong or d.name or d.fields]
        return tuple(
            Party(
                designation=d.designation,
                role=d.role or d.listed_role,
                aliases=tuple(d.aliases),
                name=d.name,
                **{kind: d.fields.get(kind) for kind in _PARTY_FIELDS},
            )
            for d in kept
        )

    @property
    def first_index(self) -> int | None:
        return min((d.first for d in self.drafts), default=None)


_NEGATION = compiled.pattern(r"不得|不能|不可|不会|不应|禁止|严禁|无权|未经|(?i:\bnot\b|\bnever\b|\bno\b)")
_VERB_ROLES = {
    **dict.fromkeys(
        ("转让", "出让", "出售", "卖", "过户", "sell", "transfer", "assign"), ("transferor", "transferee")
    ),
    **dict.fromkeys(
        ("提供", "发送", "同步", "推送", "上传", "provide", "disclose"), ("provider", "recipient")
    ),
    **dict.fromkeys(("许可", "授权", "license", "licence"), ("licensor", "licensee")),
    **dict.fromkeys(("出租", "lease"), ("lessor", "lessee")),
    "委托": ("principal", "processor"),
}
_EN_ADDRESS = compiled.pattern(
    r"(?i:(?:registered\s+office|place\s+of\s+business|principal\s+office|office|residing|resident)"
    r"\s+(?:is\s+)?(?:located\s+|situated\s+)?at|\bof(?=\s+\d))\s+(.+)$"
)


def _proper_label(m: re.Match[str]) -> bool:
    """English labels are capitalised ("Address:"); "the following address:" is running text."""
    groups = m.groupdict()
    english = groups.get("en") or groups.get("enfield")
    return not english or english[0].isupper()


def _strip_defined(raw: str) -> tuple[str, list[str]]:
    """Split 程某某（以下简称"甲方"） into the value before the definition and the defined terms. The
    bracket may have opened in an earlier value: 身份证号：…，以下简称"甲方"）."""
    folded = _fold(raw)
    for m in _DEFINED_START.finditer(folded):
        close = folded.find(")", m.end())
        paren = _read_paren(raw[m.end() : close if close >= 0 else len(raw)])
        if paren.defined and not paren.collective:
            before = raw[: m.start()]
            after = raw[close + 1 :] if close >= 0 else ""
            return (before if before.strip(_PAD) else after), list(paren.defined)
    return raw, []


def _plausible_term(term: str) -> bool:
    """An unknown defined term in a preamble may still be a party ("the Company"), but not "Agreement"."""
    key = _key(term)
    return 0 < len(key) <= 20 and not re.search(r"\d", key) and not _NOT_A_PARTY.search(key)


def _segment_start(folded: str, boundary: int, end: int) -> int:
    """Where the text naming a party begins: after the previous party, a sentence end or a colon."""
    stops = [
        m.end()
        for m in re.finditer(r"[。;:]", folded[boundary:end])
        if m.group() != ":" or not _FIELD_BEFORE.search(folded, boundary, boundary + m.start())
    ]
    start = boundary + (stops[-1] if stops else 0)
    cue = re.search(
        r"由|(?i:\b(?:by\s+and\s+)?between\b|\bamong\b|\b(?:entered\s+into|made|executed)\b[^:;]{0,60}?\bby\b(?!\s+and\b))",
        folded[start:end],
    )
    return start + cue.end() if cue else start


_NAME_STOP = compiled.pattern(
    rf"\(|(?:{_CN_FIELD})\s*:|\s+of\s+(?=\d)"
    r"|,(?!\s*(?i:inc|ltd|llc|l\.l\.c|co|corp|limited|gmbh|s\.a|b\.v|n\.v|plc|llp|lp)\b)",
    re.IGNORECASE,
)
_FIELD_BEFORE = compiled.pattern(rf"(?:{_CN_FIELD})\s*$", re.IGNORECASE)
_NAME_LEAD = compiled.pattern(r"(?:[\s,、:]|与|和|及|同|跟|以及|(?i:and\b)|&|\(\d+\)|\d+[.)]|\([a-z]\))*")


def _segment_name(folded: str, raw: str, start: int, end: int) -> tuple[str | None, int]:
    """The party name at the head of a segment, and where the description after it starts."""
    lead = _NAME_LEAD.match(folded, start, end)
    head = lead.end() if lead else start
    stop = _NAME_STOP.search(folded, head, end)
    tail = stop.start() if stop else end
    name = _clean(raw[head:tail])
    return (name if _name_like(name) else None), tail


def _designation_in(name: str) -> str | None:
    """The designation a would-be name is or ends with: "Party A", "鉴于甲方" -> 甲方."""
    if _key(name) in _ROLE_WORDS:
        return name
    m = re.search(rf"(?:{_CN_DESIG})$", _fold(name))
    return name[m.start() :] if m else None


# The line that lists who signs, Taiwan style: 立契約書人 / 立约人 / 立合同人, then designation and name.
_SIGNATORIES = compiled.pattern(r"\s*立(?:契约书|契约|合同书|合同|协议书|协议|约|据)人\s*:?")
_SIGNATORY = compiled.pattern(
    rf"(?:^|(?<=[,;、:]))[ \u3000]*(?P<d>{_CN_DESIG})[ \u3000]*:?[ \u3000]*"
    r"(?P<name>[^,;、:()]{2,40}?)[ \u3000]*(?:\([^()]{0,60}\))?[ \u3000]*(?=[,;、。]|$)"
)


def _leading_designation(name: str) -> tuple[str, str] | None:
    """A designation written before the name without a colon ("讓與人晶妍美學診所"): (it, the name)."""
    m = re.match(rf"(?:{_CN_DESIG})[ \u3000]*", _fold(name))
    rest = _clean(name[m.end() :]) if m else None
    if m is None or rest is None or len(rest) < 2 or not _name_like(rest) or _ANY_DESIG.match(rest):
        return None
    return name[: m.end()].strip(), rest


class _Table:
    """Parties written as a table: label | value rows, a header row with one row per party, or one
    column per party."""

    def __init__(self, parties: _Parties, cells: dict[tuple[int, int], list[_Para]]) -> None:
        self.parties = parties
        self.grid: dict[int, dict[int, _Para]] = {}
        for (row, col), paras in sorted(cells.items()):
            text = next((p for p in paras if p.fold.strip()), None)
            if text is not None:
                self.grid.setdefault(row, {})[col] = text

    def read(self) -> None:
        rows = sorted(self.grid)
        for row in rows[:3]:
            kinds = {col: _header_kind(p.fold) for col, p in self.grid[row].items()}
            if len(kinds) >= 2 and all(kinds.values()) and "name" in kinds.values():
                self._rows_per_party(row, kinds)
                return
            desigs = {col: m for col, p in self.grid[row].items() if (m := _bare_designation(p.fold))}
            if len(desigs) >= 2 and len(desigs) >= len(self.grid[row]) - 1:
                self._columns_per_party(row, desigs)
                return
        self._label_value_pairs()

    def _party(self, p: _Para, m: re.Match[str], value: str | None) -> _Draft | None:
        group = "cn" if m.group("cn") else "en"
        paren = _read_paren(p.raw[m.start("paren") : m.end("paren")] if m.group("paren") else "")
        terms = [p.raw[m.start(group) : m.end(group)], *paren.aliases, *paren.defined]
        name = value if _name_like(value) else None
        if paren.signature and name is None:
            return self.parties.upsert(terms, p.index, create=False, strong=False)
        draft = self.parties.upsert(
            terms,
            p.index,
            create=True,
            strong=name is not None,
            defined=paren.defined[0] if paren.defined else None,
        )
        if draft is not None and name is not None:
            draft.fill("representative" if paren.signature and draft.name else "name", name)
        return draft

    def _label_value_pairs(self) -> None:
        owners: dict[int, _Draft] = {}
        last: _Draft | None = None
        for row in sorted(self.grid):
            cols = sorted(self.grid[row])
            for i, col in enumerate(cols):
                p = self.grid[row][col]
                nxt = self.grid[row][cols[i + 1]] if i + 1 < len(cols) else None
                value = None if nxt is None or _is_label_cell(nxt.fold) else _clean(nxt.raw)
                desig = _bare_designation(p.fold)
                if desig:
                    draft = self._party(p, desig, value)
                    if draft is not None:
                        owners[col] = last = draft
                    continue
                label = _BARE_FIELD.fullmatch(p.fold)
                owner = owners.get(col, last)
                if label and owner is not None:
                    kind = _field_kind(label, "cnfield" if label.group("cnfield") else "enfield")
                    if kind:
                        owner.fill(kind, value)

    def _rows_per_party(self, header: int, kinds: dict[int, str | None]) -> None:
        for row in sorted(r for r in self.grid if r > header):
            cells = self.grid[row]
            role_cols = [c for c, k in kinds.items() if k == "role"] or sorted(cells)
            found = next(
                ((c, m) for c in role_cols if c in cells and (m := _bare_designation(cells[c].fold))),
                None,
            )
            if found is None:
                continue
            name_col = next((c for c, k in kinds.items() if k == "name"), None)
            name = _clean(cells[name_col].raw) if name_col in cells else None
            draft = self._party(cells[found[0]], found[1], name)
            if draft is None:
                continue
            for col, kind in kinds.items():
                if kind in _PARTY_FIELDS and col in cells:
                    draft.fill(kind, _clean(cells[col].raw))

    def _columns_per_party(self, header: int, desigs: dict[int, re.Match[str]]) -> None:
        owners = {col: self._party(self.grid[header][col], m, None) for col, m in desigs.items()}
        for row in sorted(r for r in self.grid if r > header):
            cells = self.grid[row]
            label_col = min(cells)
            label = _BARE_FIELD.fullmatch(cells[label_col].fold)
            if label is None:
                continue
            kind = _field_kind(label, "cnfield" if label.group("cnfield") else "enfield")
            for col, draft in owners.items():
                if kind and draft is not None and col in cells and col != label_col:
                    value = _clean(cells[col].raw)
                    draft.fill(kind, value)
                    if kind == "name" and value is not None:
                        draft.strong = True


def _header_kind(folded: str) -> str | None:
    if _ROLE_HEADER.fullmatch(folded):
        return "role"
    label = _BARE_FIELD.fullmatch(folded)
    if label is None:
        return None
    return _field_kind(label, "cnfield" if label.group("cnfield") else "enfield")


def _bare_designation(folded: str) -> re.Match[str] | None:
    """A cell or line that is only a designation: 甲方, 乙方（受让方）, SELLER:."""
    m = _BARE_DESIG.fullmatch(folded)
    return m if m and _proper_label(m) else None


def _is_label_cell(folded: str) -> bool:
    return bool(_bare_designation(folded) or _BARE_FIELD.fullmatch(folded) or _LABEL.match(folded.strip()))


# --- title and date ------------------------------------------------------------------------------

_TITLE_WORD = compiled.pattern(
    r"协议|合同|合约|契约|确认书|承诺书|交接书|(?i:agreement|contract|deed|addendum|bill\s+of\s+sale)"
)
_CLAUSE_START = compiled.pattern(
    r"\s*(?:第[一二三四五六七八九十百零〇\d]+[条章节款]|\d+(?:\.\d+)*[.、)\s]|[(]?[一二三四五六七八九十]+[、)]"
    r"|\([a-z0-9]+\)|(?i:article|section|clause|schedule|annex|appendix|exhibit)\s+\w|附件|附表)"
)
_TITLE_SKIP = compiled.pattern(r"\s*(?:本|该|此|(?i:this|the)\b)|.*(?:甲方|乙方)")
_TITLE_SCAN = 15  # a title sits among the first paragraphs of the body


def _title(body: list[_Para], stop: int | None) -> str | None:
    """The first short non-clause paragraph naming the instrument, before the parties are introduced."""
    seen = 0
    for p in body:
        if (stop is not None and p.index >= stop) or seen >= _TITLE_SCAN:
            return None
        if not p.fold.strip():
            continue
        seen += 1
        text = " ".join(p.raw.split())
        if (
            p.cell is None
            and _TITLE_WORD.search(re.sub(r"\s+", "", p.fold))
            and len(text) <= 80
            and not re.search(r"[。;:,]", p.fold)
            and not p.fold.rstrip().endswith(".")
            and not _CLAUSE_START.match(p.fold)
            and not _TITLE_SKIP.match(p.fold)
        ):
            text = re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", text)
            return text.strip('《》"“”「」 ')
    return None


_DATE_LABEL = compiled.pattern(r"(?:签订|签署|签约|订立|签字)(?:日期|时间)\s*:?\s*$")
_DATE_EN = compiled.pattern(
    r"(?:date\s+of\s+(?:this\s+)?agreement|execution\s+date|signing\s+date|date\s+of\s+(?:signing|execution)"
    r"|dated(?:\s+as\s+of)?|made(?:\s+and\s+entered\s+into)?(?:\s+(?:as\s+of|on))?"
    r"|(?:entered\s+into|agreed)\s+(?:as\s+of|on)|(?:signed|executed)\s+on|as\s+of)\s*:?\s*(?:(?:this|the)\s+)?$",
    re.IGNORECASE,
)
# 本协议于D在X签订, 本協議於D由下列各方訂立; not 双方于D签署的《门店资产转让协议》, another agreement's date.
_DATE_SIGNED_AFTER = compiled.pattern(
    r"\s*(?:(?:在|由)[^。,;]{0,20})?(?:正式)?(?:签订|签署|订立|签约|签字)(?!的|之)"
)
_DATE_WEAK = compiled.pattern(r"(?:日期|生效日期|(?i:date|effective\s+date))\s*:\s*$")
# A signature line: 甲方（盖章）：　　乙方（盖章）：　　2023年8月12日, "Signature: … Date …".
_SIGNATURE_LINE = compiled.pattern(r"签字|签章|盖章|签名|(?i:signature|signed\s+by|\bby:)")
_SENTENCE = compiled.pattern(r"[。,;]|[.;,]\s")  # what a clause has and a signature line does not


def _signing_rank(p: _Para, mention: DateMention) -> int | None:
    """How surely a date is the signing date: 0 for 签订日期：D, "made on D" or 本协议于D签订;
    1 for a bare 日期：D; 2 for a date that ends a paragraph (not a table cell) holding no sentence, such as a
    signature line (甲方：　乙方：　中華民國一一二年七月十日) or the date alone; None otherwise."""
    before = p.fold[max(0, mention.start - 40) : mention.start]
    after = p.fold[mention.end : mention.end + 30]
    if (
        _DATE_LABEL.search(before)
        or _DATE_EN.search(before)
        or re.search(r"(?:签订|签署|订立|签约)于\s*$", before)
        or (re.search(r"于\s*$", before) and _DATE_SIGNED_AFTER.match(after))
    ):
        return 0
    if _DATE_WEAK.search(before):
        return 1
    if p.cell is not None or p.raw[mention.end :].strip(" \t\u3000。."):
        return None  # (a table's dates are its rows': birthdays, visits)
    lead = p.fold[: mention.start]
    if not _SENTENCE.search(lead) or _SIGNATURE_LINE.search(lead):
        return 2
    return None


def _signing_date(body: list[_Para]) -> tuple[str | None, str | None]:
    """The date the agreement is made: the surest mention (see _signing_rank), the first among equals.

    A date the signature block gives alone counts only when no clause says more: the clauses' own
    dates (交接日为2023年9月1日) are never alone in their paragraph.
    """
    best: tuple[int, str, str] | None = None
    for p in body:
        for mention in find_dates(p.raw):
            rank = _signing_rank(p, mention)
            if rank == 0:
                return mention.iso, mention.text
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, mention.iso, mention.text)
    return (best[1], best[2]) if best else (None, None)


# --- platforms and accounts ----------------------------------------------------------------------

_PLATFORMS: tuple[tuple[str, str], ...] = (
    ("WeCom", r"企业微信|(?i:wecom|wechat\s+work)"),
    ("WeChat", r"微信|(?i:wechat|weixin)"),
    ("Douyin", r"抖音|(?i:douyin)"),
    ("TikTok", r"(?i:tiktok)"),
    ("Kuaishou", r"快手|(?i:kuaishou|kwai)"),
    ("Xiaohongshu", r"小红书|(?i:xiaohongshu|rednote)"),
    ("Weibo", r"微博|(?i:weibo)"),
    ("QQ", r"(?<![A-Za-z])QQ(?![A-Za-z])"),
    ("Taobao", r"淘宝|(?i:taobao)"),
    ("Tmall", r"天猫|(?i:tmall)"),
    ("JD", r"京东|(?i:jd\.com)"),
    ("Pinduoduo", r"拼多多|(?i:pinduoduo)"),
    ("Bilibili", r"哔哩哔哩|B站|(?i:bilibili)"),
    ("Alipay", r"支付宝|(?i:alipay)"),
    ("Instagram", r"(?i:instagram)"),
    ("Facebook", r"(?i:facebook)"),
    ("X", r"(?i:twitter)|(?<![A-Za-z])X(?:\.com|(?=\s+(?:account|handle|profile|\(formerly)))"),
    ("YouTube", r"(?i:youtube)"),
    ("LinkedIn", r"(?i:linkedin)"),
    ("WhatsApp", r"(?i:whatsapp)"),
    ("Telegram", r"(?i:telegram)"),
    ("LINE", r"(?<![A-Za-z])LINE(?=\s*(?:ID|account|账号|官方))"),
    ("Shopee", r"虾皮|(?i:shopee)"),
    ("Meituan", r"美团|(?i:meituan)"),
    ("Dianping", r"大众点评|(?i:dianping)"),
    ("Youzan", r"有赞(?![助誉扬])|(?i:youzan)"),
    ("Shopify", r"(?i:shopify)"),
    ("Discord", r"(?i:discord)"),
)
_PLATFORM = compiled.pattern(
    # The first characters of the names below, a cheap test before the alternation.
    "(?=[企微抖快小淘天京拼哔B支虾美大有wWdDtTkKxXrRqQjJpPbBaAiIfFyYlLsS])(?:"
    + "|".join(f"(?P<p{i}>{pattern})" for i, (_, pattern) in enumerate(_PLATFORMS))
    + ")"
)
_IDENT = r"@?[A-Za-z0-9][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*"
_ACCOUNT_LABEL = compiled.pattern(
    rf"""(?P<plat>微信|抖音|快手|小红书|微博|QQ|淘宝|视频号|(?<![A-Za-z])(?i:wechat|weixin|douyin|tiktok|instagram
          |facebook|twitter|youtube|kuaishou|xiaohongshu|weibo|telegram))
        (?P<kind>号码|号|账号|账户|ID|用户名|会员名|(?i:\s*(?:id|account|handle|username|user\s*name)))?
        (?P<conn>\s*:\s*|\s*为\s*|\s*是\s*|\s+)
        (?P<ids>{_IDENT}(?:\s*[、,/;]\s*{_IDENT})*)(?![A-Za-z0-9_@])""",
    re.VERBOSE,
)
_HANDLE_CUE = compiled.pattern(r"账号|账户|用户名|(?i:account|handle|username|profile)")
_HANDLE = compiled.pattern(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
_ACCOUNT_HEADER = compiled.pattern(
    r"\s*(?:(?:微信|抖音|快手|小红书|微博|QQ|淘宝|视频号|(?i:wechat|douyin|tiktok|instagram|facebook|twitter|x))?"
    r"\s*(?:号码|号|账号|账户|ID|(?i:\s*(?:id|account|handle|username|user\s*name)))|账号名称|(?i:account\s+name))"
    r"\s*:?\s*"
)
_PLATFORM_HEADER = compiled.pattern(r"\s*(?:平台|(?i:platform))\s*:?\s*")


def _platform_name(m: re.Match[str] | None) -> str | None:
    """Normalised name of the platform a _PLATFORM match found (each alternative is group p<i>)."""
    return _PLATFORMS[int(m.lastgroup[1:])][0] if m is not None and m.lastgroup else None


def _platform_of(text: str) -> str | None:
    return _platform_name(_PLATFORM.search(text))


def _platforms(paragraphs: list[_Para]) -> tuple[str, ...]:
    """Every platform mentioned, in order of first mention."""
    found: dict[str, None] = {}
    for p in paragraphs:
        for m in _PLATFORM.finditer(p.fold):
            found.setdefault(_platform_name(m) or "", None)
    return tuple(name for name in found if name)


def platforms_in(text: str) -> tuple[str, ...]:
    """Every platform `text` names, normalised ("WeChat", "LINE"), in order of first mention."""
    found = dict.fromkeys(_platform_name(m) or "" for m in _PLATFORM.finditer(_fold(text)))
    return tuple(name for name in found if name)


def platform_reader(paragraphs: Sequence[str]) -> Callable[[str], bool]:
    """Whether any of `paragraphs` names a platform, asked name by name, as `platforms_in` reads each
    paragraph: that name's own pattern finds the candidates and the full alternation confirms them,
    stopping at the first. Scanning a 20,000-paragraph agreement with every pattern costs 0.3 s;
    a redline asks for the one or two names it inserts."""
    folded = [_fold(text) for text in paragraphs]
    answers: dict[str, bool] = {}

    def names(name: str) -> bool:
        if name not in answers:
            alone = re.compile("|".join(f"(?:{p})" for n, p in _PLATFORMS if n == name) or "(?!)")
            answers[name] = any(
                alone.search(text) and any(_platform_name(m) == name for m in _PLATFORM.finditer(text))
                for text in folded
            )
        return answers[name]

    return names


def _plausible_id(ident: str) -> bool:
    bare = ident.lstrip("@")
    return 4 <= len(bare) <= 40 and not re.fullmatch(r"[xX*]+|\d{1,3}", bare)


def _text_accounts(p: _Para) -> list[Account]:
    out: list[Account] = []
    taken: list[tuple[int, int]] = []
    for m in _ACCOUNT_LABEL.finditer(p.fold):
        kind = (m.group("kind") or "").strip().lower()
        if m.group("conn").isspace() and kind in ("", "account"):
            continue  # "WeChat account shall…": only 微信号 abc123 / WeChat ID abc123 may skip the colon
        platform = _platform_of(m.group("plat"))
        for ident in re.finditer(_IDENT, p.fold[m.start("ids") : m.end("ids")]):
            raw = p.raw[m.start("ids") + ident.start() : m.start("ids") + ident.end()]
            if _plausible_id(raw):
                out.append(Account(platform, raw))
        taken.append(m.span("ids"))
    for m in _HANDLE.finditer(p.fold):
        if any(s <= m.start() < e for s, e in taken) or not _plausible_id(m.group()):
            continue
        before = list(_PLATFORM.finditer(p.fold, 0, m.start()))
        near = before[-1] if before else _PLATFORM.search(p.fold, m.end())  # "@x on Instagram"
        if near is None and not _HANDLE_CUE.search(p.fold):
            continue  # an @ with no platform or account in sight is a template field, not a handle
        out.append(Account(_platform_name(near), p.raw[m.start() : m.end()]))
    return out


def _table_accounts(cells: dict[tuple[int, int], _Para]) -> list[Account]:
    """Rows of an account table: one identifier per row under 微信号 / Account / Handle."""
    rows = sorted({r for r, _ in cells})
    for header in rows[:3]:
        heads = {c: p for (r, c), p in cells.items() if r == header}
        id_cols = [
            c
            for c, p in heads.items()
            if _ACCOUNT_HEADER.fullmatch(p.fold) and not re.search(r"银行|开户|(?i:bank)", p.fold)
        ]
        if not id_cols:
            continue
        platform_col = next((c for c, p in heads.items() if _PLATFORM_HEADER.fullmatch(p.fold)), None)
        out = []
        for row in (r for r in rows if r > header):
            for col in id_cols:
                cell = cells.get((row, col))
                ident = cell.raw.strip() if cell else ""
                if not (re.fullmatch(_IDENT, _fold(ident)) and _plausible_id(ident)):
                    continue
                platform = _platform_of(heads[col].fold)
                if platform is None and (row, platform_col) in cells:
                    platform = _platform_of(cells[(row, platform_col)].fold)
                out.append(Account(platform, ident))
        return out
    return []


def _accounts(paragraphs: list[_Para]) -> tuple[Account, ...]:
    found: dict[tuple[str | None, str], Account] = {}
    tables: dict[tuple[str, int], dict[tuple[int, int], _Para]] = {}
    for p in paragraphs:
        if p.cell is not None and p.fold.strip():
            tables.setdefault((p.story, p.cell[0]), {}).setdefault(p.cell[1:], p)
        for account in _text_accounts(p):
            found.setdefault((account.platform, account.identifier), account)
    for cells in tables.values():
        for account in _table_accounts(cells):
            found.setdefault((account.platform, account.identifier), account)
    # An id seen once with a platform and once without is one account.
    known = {ident for platform, ident in found if platform}
    return tuple(a for (platform, ident), a in found.items() if platform or ident not in known)


# --- entry point ---------------------------------------------------------------------------------


def extract_context(paragraphs: Iterable[ParagraphLike], language: str) -> Context:
    """Read the deal facts of an agreement from its paragraphs in reading order (body first)."""
    items = [
        _Para(i, p.text, _fold(p.text), p.story, (p.cell.table, p.cell.row, p.cell.col) if p.cell else None)
        for i, p in enumerate(paragraphs)
    ]
    body = [p for p in items if p.story == "body"]
    parties = _Parties()
    parties.read(body)
    parties.infer_roles(body)
    date_iso, date_text = _signing_date(body)
    amounts: dict[tuple, Amount] = {}
    for p in items:
        for amount in find_amounts(p.raw):
            amounts.setdefault((amount.value, amount.currency), amount)
    return Context(
        language=language,
        title=_title(body, parties.first_index),
        parties=parties.parties(),
        date=date_iso,
        date_text=date_text,
        amounts=tuple(amounts.values()),
        accounts=_accounts(items),
        platforms=_platforms(items),
    )
