"""Review one document: rule packs over every paragraph, identifier detectors, document-level rules.

This is the one place that turns engine hits into Findings; every front end (CLI, batch, HTTP) calls
it. Findings carry (story, paragraph, start, end) so the redline never searches text again.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from draft_agreement import compiled
from draft_agreement.deal.build import deal_of
from draft_agreement.deal.law import place_of
from draft_agreement.deal.model import Deal
from draft_agreement.deal.notes import deal_notes
from draft_agreement.deal.vocabulary import load_vocabulary
from draft_agreement.errors import RuleFileError
from draft_agreement.library import read_yaml
from draft_agreement.model.context import fold_chars
from draft_agreement.model.document import Document, Paragraph, is_heading, load_document
from draft_agreement.reviewing.deal_kind import by_kind, hands_over_personal_information
from draft_agreement.reviewing.detectors import Detection, detect, looks_like_customer_list
from draft_agreement.reviewing.engine import Engine, Hit
from draft_agreement.reviewing.findings import Finding, LegalBasis, Location, Report
from draft_agreement.reviewing.legal import LegalLibrary, legal_basis
from draft_agreement.reviewing.normalize import fold, join_normalized, normalize
from draft_agreement.reviewing.patterns import alternation
from draft_agreement.reviewing.perspective import in_perspective
from draft_agreement.reviewing.quoting import ParagraphQuote
from draft_agreement.reviewing.references import Antecedents, Carried, defined_records
from draft_agreement.reviewing.rules import Rule, default_clauses_dir, language_code

_PARTY_BLOCK = compiled.pattern(
    r"^\s*(?:甲方|乙方|丙方|转让方|受让方|出让方|轉讓方|受讓方|出讓方|买方|卖方|買方|賣方|委托方|受托方|委託方|受託方|"
    r"出租方|承租方|服务方|服務方|身份证|身份證|证件|證件|联系电话|聯繫電話|电话|電話|住址|地址|法定代表人|负责人|負責人|"
    r"邮箱|郵箱|开户|開戶|账户|帳戶|"
    r"Seller|Buyer|Purchaser|Vendor|Transferor|Transferee|Assignor|Assignee|Licensor|Licensee|Party\s+[AB]|"
    r"Name|Address|Tel|Phone|E-?mail|ID|Passport|Attention|Attn|By|Title|Signature|Signed)",
    re.IGNORECASE,
)
# An identifier introduced as a party's own payment account or contact point (甲方指定账户：…,
# "Seller's account No. …", a company mailbox) identifies the party, not a third person.
# The document's own party labels (出卖人, 买受人, "the Licensor") count as well as these.
_OWN_HOLDERS = (
    r"甲方|乙方|丙方|转让方|受让方|出让方|轉讓方|受讓方|出讓方|买方|卖方|出租方|承租方|委托方|受托方|本公司|我们|我司|"
    r"双方|雙方|各方|seller|buyer|purchaser|vendor|transferor|transferee|licensor|licensee|party|parties|company|"
    r"us\b|we\b"
)
_OWN_POINT = (
    r"[^。；;！!？?]{0,40}?(?:账户|帐户|账号|帐号|户名|开户|收款|银行|电话|手机|邮箱|信箱|联系方式|联系人|聯絡人|"
    r"account|bank|phone|telephone|e-?mail|mailbox|contact|"
    # a party's named contact person ("the Vendor's delivery manager is Mr. Rao (…@…)", "the Company's
    # mobility lead is Ms. Zhou (…)", 乙方项目经理为…, 对接人)
    r"manager|representative|coordinator|liaison|lead\b|director|officer|项目经理|联络人|負責人|负责人|对接人|對接人)"
)
_OWN_DETAIL = compiled.pattern(f"(?:{_OWN_HOLDERS}){_OWN_POINT}", re.IGNORECASE)
# The log-in or bound number of an account the deal names ("绑定手机号139…", "登入信箱：…", "registered to
# …@gmail.com", "the Account's recovery e-mail is …"): the holder's own contact point, which the detector
# rule counts as a party's detail, not a third person's.
_ACCOUNT_DETAIL = compiled.pattern(
    r"(?:账号|帐号|帳號|微信号|抖音号|快手号|小红书号|公众号|视频号|店铺|店鋪|account|channel|handle|page|profile|store)"
    r"[^。；;！!？?]{0,24}?(?:绑定|綁定|注册|註冊|登录|登入|找回|密保|恢复|recovery|registered|linked|log-?in|sign-?in)",
    re.IGNORECASE,
)
_CJK = compiled.pattern("[\u3400-\u9fff]")
_ROLE_MAILBOX = compiled.pattern(
    r"^(?:privacy|dpo|legal|service|support|info|contact|admin|hr|notices?|office|kefu|help|compliance|"
    r"noreply|no-reply|sales|business|bd|pr|media|hello)[._-]?\w*@",
    re.IGNORECASE,
)
_SIGNATURE_CUE = compiled.pattern(
    r"签字|签章|签名|盖章|簽字|簽章|簽名|蓋章|signature|signed by|in witness whereof", re.IGNORECASE
)


@dataclass(frozen=True)
class DetectorRule:
    """What an identifier detector's finding means; loaded from clauses/detectors.yaml."""

    id: str
    kinds: tuple[str, ...]
    category: str
    severity: str
    party_severity: str
    replacement: str | None
    title: dict[str, str]
    explanation: dict[str, str]
    suggestion: dict[str, str]
    legal_basis: tuple[str, ...]
    columns: tuple[str, ...] = ()  # for list findings: column headings that make the list sensitive
    # What a finding on a party's own details says (its party block, signature, notices, the accounts
    # it sells): never that they are third parties' information.
    own: dict[str, dict[str, str]] = field(default_factory=dict)

    def text(self, part: str, lang: str, own: bool) -> str:
        """The title, explanation or suggestion in `lang`, in its own-details form when `own`."""
        chosen = self.own.get(part) if own and part in self.own else getattr(self, part)
        return chosen.get(lang) or chosen["zh"]


def _load_detector_rules(path: Path, legal: LegalLibrary) -> dict[str, DetectorRule]:
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
        entries = data["detectors"]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise RuleFileError(str(path), None, "detectors", f"unreadable ({type(exc).__name__})") from None
    rules: dict[str, DetectorRule] = {}
    for entry in entries:
        try:
            rule = DetectorRule(
                entry["id"],
                tuple(entry["kinds"]),
                entry["category"],
                entry["severity"],
                entry["party_severity"],
                entry.get("replacement"),
                dict(entry["title"]),
                dict(entry["explanation"]),
                dict(entry["suggestion"]),
                tuple(entry["legal_basis"]),
                tuple(str(c).lower() for c in entry.get("columns", ())),
                {part: dict(entry["own"][part]) for part in entry.get("own", {})},
            )
        except (KeyError, TypeError) as exc:
            raise RuleFileError(
                str(path),
                entry.get("id") if isinstance(entry, dict) else None,
                str(exc),
                "missing or malformed",
            ) from None
        for ref in rule.legal_basis:
            legal.cite(ref)
        for kind in rule.kinds:
            rules[kind] = rule
    return rules


@dataclass(frozen=True)
class Reviewer:
    """Everything compiled for one language and set of extra packs; built once, reused per file."""

    engine: Engine
    detectors: dict[str, DetectorRule]

    @classmethod
    def build(cls, language: str, packs: Sequence[Path] = ()) -> Reviewer:
        return _reviewer(
            language_code(language), tuple(str(Path(p).resolve()) for p in packs), _clauses_key()
        )

    def rules(self) -> list[Rule]:
        return self.engine.rules()


def _clauses_key() -> str:
    return os.environ.get("DRAFT_AGREEMENT_CLAUSES", "")


@lru_cache(maxsize=8)
def _reviewer(code: str, packs: tuple[str, ...], _clauses: str) -> Reviewer:
    engine = Engine.from_packs([Path(p) for p in packs], code)
    assert engine.legal is not None
    detectors = _load_detector_rules(default_clauses_dir() / "detectors.yaml", engine.legal)
    return Reviewer(engine, detectors)


@lru_cache(maxsize=4096)  # one rule's citations are the same in every finding it makes
def _citations(refs: tuple[str, ...], engine: Engine, lang: str) -> tuple[LegalBasis, ...]:
    assert engine.legal is not None
    return tuple(legal_basis(engine.legal, ref, lang) for ref in refs)


def _clause(p: Paragraph) -> str | None:
    return p.label or (p.clause_path[-1] if p.clause_path else None)


def _in_party_or_signature_block(
    doc: Document, p: Paragraph, first_clause: int | None, tail_from: int | None
) -> bool:
    """The parties' own details: before the first clause, after the signature cue, or a party line."""
    if p.story != "body":
        return True
    if first_clause is not None and p.index < first_clause:
        return True
    if tail_from is not None and p.index >= tail_from:
        return True
    return bool(_PARTY_BLOCK.match(p.text)) and p.cell is None


_PROHIBITION = compiled.pattern(
    r"不得|不能|禁止|严禁|不應|不应|不準|不准|shall not|must not|may not|prohibited|is not permitted", re.I
)


_HANDOVER = compiled.pattern(
    r"转让|出售|移交|交付|转交|交给|\b(?:sell|sells|convey|conveys|assign|assigns|transfer|transfers|deliver|delivers)\b",
    re.IGNORECASE,
)
_PARENTHETICAL = compiled.pattern(r"\s*[(（][^()（）]*[)）]")
_HANDOVER_REACH = 60  # the end of a hand-over lead-in is what each item continues


class _LeadIn:
    """The prohibition or hand-over that introduces a list ("乙方不得有下列行为：", "The Buyer shall
    not:", "Seller shall sell … the following:"), or, given `starts`, any lead-in it accepts.

    Its items are scanned with it in front, so the lead-in governs them. It lasts while the
    following paragraphs are items of that list: numbered, and numbered the same way as the first.
    """

    def __init__(self, starts: Callable[[Paragraph], bool] | None = None) -> None:
        self.text = ""
        self.kind: str | None = None
        self._starts = starts

    def governing(self, p: Paragraph) -> str:
        kind = _label_kind(p)
        if self.text and kind is not None and self.kind in (None, kind) and p.cell is None:
            self.kind = kind
            context = self.text
        else:
            self.text, self.kind, context = "", None, ""
        if not p.text.rstrip().endswith((":", "：")):
            return context
        if self._starts is not None:
            if self._starts(p):
                self.text, self.kind = p.text, None
        elif _PROHIBITION.search(p.text):
            self.text, self.kind = p.text, None
        elif _HANDOVER.search(p.text):
            # "Seller shall sell … all of its right, title and interest in and to the following:":
            # each item is what is handed over, read with the words that hand it over.
            bare = _PARENTHETICAL.sub("", p.text)
            self.text, self.kind = bare[-_HANDOVER_REACH:], None
        return context


def _label_kind(p: Paragraph) -> str | None:
    if p.list_label is not None and p.list_label.text:
        return f"auto-{p.list_label.num_id}-{p.list_label.level}"
    return p.literal.kind if p.literal is not None else None


_NAMES_REACH = 12  # characters after a span where the party it is handed to is named: 交由【乙方】
_RECIPIENT_REACH = 24  # ...and for the recipient of data: "deliver the customer list【 to the Purchaser】"
_CLAUSE_END = compiled.pattern(r"[,，;；。.!！?？]")  # ...but not past the end of its clause


def _names_side(deal: Deal, hit: Hit, text: str, abroad: tuple[str, ...] = ()) -> bool:
    """Whether a hit meets its rule's `names` condition: the span names a party of that deal side.

    The party may follow the span closely ("手机卡交由乙方"). A deal whose parties have no side
    (neither giving nor receiving is known) cannot tell, so the hit stands; a span naming the other
    side only ("销售收入归甲方所有" for the client) does not. A cross-border rule's party must be one
    established outside mainland China (`abroad`, from the party block), whichever side the deal gives
    it: handing data to it is the export; when every party is abroad, nothing leaves the mainland.
    """
    side = hit.rule.names
    if side is None:
        return True
    labels = deal.labels(side)
    reach = _NAMES_REACH
    if hit.rule.category == _CROSS_BORDER:
        if all(label in abroad for party in deal.parties for label in party.labels):
            return False  # every party is outside mainland China: no export from it is in view
        # The clause says who receives: the party abroad named with the move ("上传至乙方", "to the
        # Supplier"). The deal's sides are not asked: they come from the first verb of the agreement, and
        # a foreign group company that "provides services" to its mainland subsidiary still receives its data.
        labels = abroad
        reach = _RECIPIENT_REACH
    elif not (deal.side("giving") or deal.side("receiving")):
        return True
    after = _CLAUSE_END.split(text[hit.end : hit.end + reach], maxsplit=1)[0]
    span = fold_chars(text[hit.start : hit.end] + after).lower()
    return any(fold_chars(label).lower() in span for label in labels)


_CROSS_BORDER = "cross-border-transfer"
_MAINLAND = "CN"


_FOUNDED_EN = r"incorporated|established|organi[sz]ed|registered|formed"  # how a company came to be
_DESCRIPTOR = compiled.pattern(
    r"[\"'”’」)）\s]*[,，]\s*((?:a|an|the)\s+[^,;()]{0,80}?" rf"(?:{_FOUNDED_EN})\b[^,;()]{{0,60}})"
)


# After a leading label, a party line gives its details ("乙方（受让方）：…"); a sentence that opens with
# the label ("甲方在亚马逊美国站向美国消费者销售……") says where the party does business, which places it
# only when it says where the party was established.
_DETAILS_AFTER = compiled.pattern(r"\s*(?:[（(][^）)]{0,12}[）)])?\s*[:：]")
_ESTABLISHED = compiled.pattern(rf"设立|注册|成立|组建|{_FOUNDED_EN}")


def _abroad_labels(doc: Document, deal: Deal) -> tuple[str, ...]:
    """The labels of the parties whose party-block lines place them outside mainland China.

    "乙方：悦己（香港）控股有限公司", "NoteNest Inc.，一家依美国特拉华州法律设立的公司", "a company
    incorporated in the Hong Kong Special Administrative Region": the place is read with the
    governing-law places (clauses/deal/law.yaml). A line naming several parties is cut at their labels:
    after the label where the label leads ("甲方：… 乙方：…"), before it where it trails the name
    ("X Ltd (the "Buyer")").
    """
    vocab = load_vocabulary()
    patterns = [
        (p, re.compile("|".join(re.escape(fold_chars(label).lower()) for label in p.labels)))
        for p in deal.parties
        if p.labels
    ]
    abroad: set[str] = set()
    for para in doc.paragraphs():
        owner = deal.owner((para.story, para.index))
        if owner is None or not para.text:
            continue
        text = fold_chars(para.text).lower()
        marks = sorted((m.start(), m.end(), p) for p, pattern in patterns for m in pattern.finditer(text))
        if not marks:
            segments = [(owner, text)]
        elif marks[0][0] <= 4:  # the label leads: "乙方：name…"
            ends = [m[0] for m in marks[1:]] + [len(text)]
            segments = [
                (m[2], text[m[0] : end])
                for m, end in zip(marks, ends, strict=True)
                if _DETAILS_AFTER.match(text, m[1]) or _ESTABLISHED.search(text, m[1], end)
            ]
        else:  # the label trails the name: "name … (the "Buyer")"
            starts = [0] + [m[1] for m in marks[:-1]]
            segments = [(m[2], text[start : m[1]]) for m, start in zip(marks, starts, strict=True)]
        if marks and marks[0][0] > 4:
            # "Lumio AI Pte. Ltd. ("Party B"), a company incorporated in Singapore": the descriptor after a
            # trailing label is that party's, and says more than the name before it.
            segments = [
                (party, described.group(1) if described else segment)
                for (party, segment), mark in zip(segments, marks, strict=True)
                for described in [_DESCRIPTOR.match(text, mark[1])]
            ]
        for party, segment in segments:
            place = place_of(vocab, segment)
            if place is not None and place != _MAINLAND:
                abroad.update(party.labels)
    return tuple(sorted(abroad))


def _party_rows(doc: Document, deal: Deal) -> set[tuple[str, int, int]]:
    """The table rows that belong to a party: a cell of the row is that party's label.

    A contact table ("甲方 | 王某 | 项目经理 | 139…", "Party A | John Smith | …") lists the parties' own
    contact persons, not third parties'; their numbers are the parties' details (at most `low`).
    """
    labels = [fold_chars(label).lower() for label in deal.labels()]
    if not labels:
        return set()
    own = re.compile(
        r"^(?:"
        + "|".join(re.escape(label) for label in labels)
        + r")(?:\s*(?:[(（:：]|联系人|代表|contact)|$)"
    )
    return {
        (p.story, p.cell.table, p.cell.row)
        for p in doc.paragraphs()
        if p.cell is not None and own.match(fold_chars(p.text).strip().lower())
    }


def _said_otherwise(hit: Hit, hits: Sequence[Hit]) -> bool:
    """Whether another rule of the hit's category already matched the same paragraph.

    An info-level hit (a system sited abroad) is a note, not the finding: it says nothing was found."""
    return any(
        h is not hit
        and h.rule.category == hit.rule.category
        and not h.rule.names
        and h.rule.severity != "info"
        for h in hits
    )


def _own_detail(text: str, found: Detection, own: re.Pattern[str]) -> bool:
    """Whether an identifier is a party's own account or contact point rather than a third person's.

    ``own`` is _OWN_DETAIL widened to the document's own party labels (see _own_detail_pattern).
    """
    if found.kind == "email" and _ROLE_MAILBOX.match(found.value):
        return True
    # A holder, its contact word, a name and a title: some 60 characters of Chinese, more of English.
    before = text[max(0, found.start - 80) : found.start]
    if _CJK.search(before):
        before = before[-60:]
    return bool(own.search(before) or _ACCOUNT_DETAIL.search(before))


# Only separators and a contact word between two identifiers: "liang@x.example, +86 139…", "邮箱…，手机…".
_CONTINUATION = compiled.pattern(
    r"[\s,，;；/、()（）:：]*(?:(?:tel|phone|mobile|cell|or|and|手机|电话|邮箱|或)[\s.:：]*)?[\s,，/、()（）:：]*",
    re.IGNORECASE,
)


def _continues(text: str, previous: Detection | None, found: Detection) -> bool:
    """Whether `found` follows a party's own identifier directly: the same person's next contact point."""
    return previous is not None and _CONTINUATION.fullmatch(text[previous.end : found.start]) is not None


def _own_detail_pattern(deal: Deal) -> re.Pattern[str]:
    """_OWN_DETAIL for a document: its parties' own labels (出卖人, 买受人) name a holder too."""
    labels = {label for party in deal.parties for label in party.labels if label}
    if not labels:
        return _OWN_DETAIL
    return re.compile(f"(?:{_OWN_HOLDERS}|{alternation(labels)}){_OWN_POINT}", re.IGNORECASE)


def _block_bounds(doc: Document) -> tuple[int | None, int | None]:
    body = doc.story("body").paragraphs if any(s.id == "body" for s in doc.stories) else []
    first = next((p.index for p in body if p.label and p.cell is None), None)
    tail = next((p.index for p in reversed(body) if _SIGNATURE_CUE.search(p.text)), None)
    return first, tail


class _Collector:
    """Builds findings for one document in one explanation language."""

    def __init__(self, doc: Document, reviewer: Reviewer, lang: str, show_pii: bool) -> None:
        self.doc = doc
        self.reviewer = reviewer
        self.lang = lang
        self.show_pii = show_pii
        self.findings: list[Finding] = []
        self.hits: list[Hit] = []
        self._paragraph: Paragraph | None = None  # the paragraph detected and quoted last
        self._found: list[Detection] = []
        self._quote: ParagraphQuote | None = None

    def detections(self, p: Paragraph) -> list[Detection]:
        """The identifiers in `p`, detected once however many findings the paragraph gets."""
        if p is not self._paragraph:
            self._paragraph, self._found, self._quote = p, detect(p.text), None
        return self._found

    def quote(self, p: Paragraph) -> ParagraphQuote:
        """`p` masked once, for every finding in it."""
        found = self.detections(p)
        if self._quote is None:
            self._quote = ParagraphQuote(p, found, self.show_pii)
        return self._quote

    def rule_finding(self, p: Paragraph, hit: Hit) -> None:
        rule = hit.rule
        self.hits.append(hit)
        quote = self.quote(p)
        self.findings.append(
            Finding(
                rule=rule.id,
                category=rule.category,
                severity=rule.severity,
                title=rule.title.get(self.lang) or rule.title["zh"],
                text=quote.span(hit.start, hit.end),
                paragraph_text=quote.paragraph(hit.start, hit.end),
                clause=_clause(p),
                location=Location(p.story, p.index, hit.start, hit.end),
                legal_basis=_citations(rule.legal_basis, self.reviewer.engine, self.lang),
                explanation=rule.explanation.get(self.lang) or rule.explanation["zh"],
                suggestion=rule.suggestion.get(self.lang) or rule.suggestion["zh"],
                replacement=rule.replacement,
                clause_path=p.clause_path,
            )
        )

    def detector_finding(
        self,
        p: Paragraph,
        found: Detection | None,
        party: bool,
        table: int | None = None,
        kind: str = "customer-list",
    ) -> None:
        kind = kind if found is None else found.kind
        rule = self.reviewer.detectors.get(kind)
        if rule is None:
            return  # a kind detected only to be masked (foreign IDs and phones)
        start, end = (found.start, found.end) if found else (0, len(p.text))
        quote = self.quote(p)
        self.findings.append(
            Finding(
                rule=rule.id,
                category=rule.category,
                severity=rule.party_severity if party else rule.severity,
                title=rule.text("title", self.lang, party),
                text=quote.span(start, end),
                paragraph_text=quote.paragraph(start, end),
                clause=_clause(p),
                location=Location(p.story, p.index, start, end, table),
                legal_basis=_citations(rule.legal_basis, self.reviewer.engine, self.lang),
                explanation=rule.text("explanation", self.lang, party),
                suggestion=rule.text("suggestion", self.lang, party),
                replacement=None if party else rule.replacement,
                clause_path=p.clause_path,
            )
        )

    def document_findings(self, normalized_text: str, transfer: bool) -> None:
        """`normalized_text`: the whole document's text, normalized (join_normalized of its paragraphs).

        `transfer`: the deal is one that hands personal information over by its kind.
        """
        engine = self.reviewer.engine
        for doc_hit in engine.document_hits(self.hits, normalized_text, normalized=True, transfer=transfer):
            rule = doc_hit.rule
            missing = tuple(sg.label.get(self.lang) or sg.label.get("zh", sg.group) for sg in doc_hit.missing)
            self.findings.append(
                Finding(
                    rule=rule.id,
                    category=rule.category,
                    severity=rule.severity,
                    title=rule.title.get(self.lang) or rule.title["zh"],
                    text=None,
                    paragraph_text=None,
                    clause=None,
                    location=None,
                    legal_basis=_citations(rule.legal_basis, self.reviewer.engine, self.lang),
                    explanation=rule.explanation.get(self.lang) or rule.explanation["zh"],
                    suggestion=rule.suggestion.get(self.lang) or rule.suggestion["zh"],
                    replacement=rule.replacement,
                    missing=missing,
                )
            )


def _customer_tables(doc: Document, deal: Deal) -> dict[tuple[str, int], list[Paragraph]]:
    """Tables (by story and table number) whose rows list third parties, with their paragraphs.

    A schedule of a party's own accounts (the deal's account tables) lists no third party.
    """
    own = set(deal.subject.account_tables)
    tables: dict[tuple[str, int], list[Paragraph]] = {}
    for p in doc.paragraphs():
        if p.cell is not None and (p.story, p.cell.table) not in own:
            tables.setdefault((p.story, p.cell.table), []).append(p)
    found = {}
    for key, paragraphs in tables.items():
        rows: dict[int, dict[int, list[str]]] = {}
        for p in paragraphs:
            rows.setdefault(p.cell.row, {}).setdefault(p.cell.col, []).append(p.text)  # type: ignore[union-attr]
        grid = [["\n".join(cells[c]) for c in sorted(cells)] for _, cells in sorted(rows.items())]
        if looks_like_customer_list(grid):
            found[key] = paragraphs
    return found


def _sensitive_definition(text: str, hits: Sequence[Hit], definition: re.Pattern[str] | None) -> str | None:
    """The term a clause defines (normalised), when the definition holds sensitive data."""
    if definition is None or not any(
        hit.rule.category == "sensitive-personal-info" and hit.rule.severity in ("high", "medium")
        for hit in hits
    ):
        return None
    found = definition.search(text)
    term = next((group for group in found.groups() if group), None) if found else None  # one group per cue
    return fold(term) if term else None


def _counterparty_labels(deal: Deal) -> tuple[str, ...]:
    """What this document calls the receiving side, normalised.

    The parties on the receiving side if the deal names one; otherwise every party not on the giving
    side, and when no side is known at all, every party but the first (甲方, Party A: in a transfer the
    side that hands over). Empty when that leaves none: the rules' generic labels then apply.
    """
    chosen = deal.side("receiving")
    if not chosen:
        chosen = tuple(p for p in deal.parties if p.side != "giving")
        if not deal.side("giving") and len(chosen) > 1:
            chosen = chosen[1:]
    return tuple(dict.fromkeys(fold(label) for p in chosen for label in p.labels))


def review_document(
    doc: Document, *, rules: Sequence[Path] = (), lang: str | None = None, show_pii: bool = False
) -> Report:
    """Findings for a loaded document, in document order, then the document-level ones."""
    reviewer = Reviewer.build(doc.language, rules)
    explain = language_code(lang) if lang else language_code(doc.language)
    collect = _Collector(doc, reviewer, explain, show_pii)
    first_clause, tail_from = _block_bounds(doc)
    deal = deal_of(doc)
    customer_tables = _customer_tables(doc, deal)
    own_tables = set(deal.subject.account_tables)
    listed = {id(p) for ps in customer_tables.values() for p in ps}
    lead = _LeadIn()
    party_rows = _party_rows(doc, deal)
    own_detail = _own_detail_pattern(deal)
    parties = _counterparty_labels(deal)
    abroad = _abroad_labels(doc, deal)
    vocabulary = load_vocabulary()
    definition = vocabulary.definition
    antecedents = Antecedents(reviewer.engine, vocabulary.reference)
    defined: list[str] = []  # terms defined as holding sensitive data, read as sensitive from then on
    placed = False  # a system or server sited abroad (a cross-border note), referred back to from then on
    subject_refs = set(deal.subject.clauses)
    subject_lead = _LeadIn(lambda p: (p.story, p.index) in subject_refs)  # "Seller shall sell the following:"
    normalized: list[str] = []  # every paragraph's normal form, for the document-level checks
    # Terms defined as holding others' personal data, wherever the definitions clause sits.
    records = defined_records(
        reviewer.engine,
        definition,
        [p.text for p in doc.paragraphs() if p.text and (p.cell is not None or not is_heading(p))],
    )
    scanned = 0  # paragraphs scanned so far: the index of the next one among those `records` read
    for p in doc.paragraphs():
        if not p.text:
            continue
        norm = normalize(p.text)
        normalized.append(norm.text)
        context = lead.governing(p)
        # The clauses that say what is sold, and the items listed under them, are the deal's subject.
        subject = bool(subject_refs) and (
            bool(subject_lead.governing(p)) or (p.story, p.index) in subject_refs
        )
        if p.cell is not None or not is_heading(p):
            # A heading names a topic; the clauses under it are what a finding should point at.
            carried = antecedents.carried(norm.text)
            terms = records.used(p.text, norm.text, scanned, definition)
            scanned += 1
            if terms.personal:
                carried = Carried(
                    (*carried.personal, *terms.personal), (*carried.sensitive, *terms.sensitive)
                )
            hits = reviewer.engine.scan(
                p.text,
                context,
                norm,
                parties,
                subject=subject,
                defined=(*defined, *carried.sensitive),
                placed=placed,
                carried=carried.personal,
            )
            placed = placed or any(
                h.rule.category == _CROSS_BORDER and h.rule.severity == "info" for h in hits
            )
            kept = [hit for hit in hits if _names_side(deal, hit, p.text, abroad)]
            for hit in kept:
                if hit.rule.category == _CROSS_BORDER and hit.rule.names and _said_otherwise(hit, kept):
                    continue  # the paragraph's transfer abroad is already found by where it goes
                collect.rule_finding(p, hit)
            term = _sensitive_definition(p.text, hits, definition)
            if term and term not in defined:
                defined.append(term)
            # A clause naming a term defined as holding sensitive data ("the Customer Data") holds that
            # data, so a later "such data" pointing back to it carries it too.
            uses = tuple(t for t in defined if t in norm.text)
            if uses:
                carried = Carried((*carried.personal, *uses), (*carried.sensitive, *uses))
            antecedents.read(norm.text, carried)
        if p.cell is not None and (p.story, p.cell.table) in customer_tables:
            paragraphs = customer_tables[(p.story, p.cell.table)]
            first_filled = next(q for q in paragraphs if q.text.strip())
            if p is first_filled:
                collect.detector_finding(p, None, False, p.cell.table)
                header = " ".join(q.text for q in paragraphs if q.cell.row == p.cell.row).lower()  # type: ignore[union-attr]
                sensitive = reviewer.detectors["sensitive-columns"]
                if any(column in normalize(header).text for column in sensitive.columns):
                    collect.detector_finding(p, None, False, p.cell.table, kind="sensitive-columns")
            continue
        if id(p) in listed:
            continue
        party = (
            _in_party_or_signature_block(doc, p, first_clause, tail_from)
            or deal.owner((p.story, p.index)) is not None
            or (p.cell is not None and (p.story, p.cell.table) in own_tables)
            or (p.cell is not None and (p.story, p.cell.table, p.cell.row) in party_rows)
        )
        previous: Detection | None = None  # the identifier before, when it was a party's own
        for found in collect.detections(p):  # (sorted by start, as detect() returns them)
            own = party or _own_detail(p.text, found, own_detail) or _continues(p.text, previous, found)
            collect.detector_finding(p, found, own)
            previous = found if own else None
    if customer_tables:
        # The schedule itself is flagged; a rule hit on its heading or reference would say it twice.
        collect.findings = [
            f
            for f in collect.findings
            if not (f.category == "embedded-personal-data" and not f.rule.startswith("detect."))
        ]
    whole = join_normalized(normalized)
    collect.document_findings(whole, hands_over_personal_information(deal))
    order = {id(s): i for i, s in enumerate(doc.stories)}
    story_rank = {s.id: order[id(s)] for s in doc.stories}

    def position(f: Finding) -> tuple[Any, ...]:
        if f.location is None:
            return (1, 0, 0, 0, f.rule)
        loc = f.location
        return (0, story_rank[loc.story], loc.paragraph, loc.start, f.rule)

    findings = tuple(sorted(collect.findings, key=position))
    assert reviewer.engine.legal is not None
    findings = by_kind(findings, deal, reviewer.engine.legal, explain, whole)
    findings = in_perspective(findings, deal, reviewer.engine.legal, explain)
    return Report(
        str(doc.package.path),
        doc.language,
        findings,
        tuple(doc.package.warnings),
        deal=deal,
        notes=deal_notes(deal, explain),
        show_pii=show_pii,
    )


def review(
    path: str | os.PathLike[str],
    *,
    rules: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
    show_pii: bool = False,
    convert_doc: bool = False,
) -> Report:
    """Review a Word agreement (a legacy .doc too, with `convert_doc` and LibreOffice installed).

    >>> report = review("samples/wechat-account-transfer.zh.docx")   # doctest: +SKIP
    >>> report.summary["high"] > 0                                   # doctest: +SKIP
    True
    """
    return review_document(
        load_document(path, convert_legacy=convert_doc),
        rules=[Path(r) for r in rules],
        lang=lang,
        show_pii=show_pii,
    )
