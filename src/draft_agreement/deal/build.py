"""Build the Deal of a loaded document: the stage between the document model and review.

Linear in the document: each body paragraph is folded once, and only the paragraphs that can carry a
deal fact (the top of the agreement, the clauses, the closing) are matched against the vocabulary.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import replace

from draft_agreement import compiled
from draft_agreement.deal.kinds import choose_kinds, score_kinds
from draft_agreement.deal.law import governing_law
from draft_agreement.deal.lines import Body, Line, read_body
from draft_agreement.deal.model import Deal, Subject
from draft_agreement.deal.parties import deal_parties
from draft_agreement.deal.terms import consideration, subject
from draft_agreement.deal.vocabulary import Vocabulary, load_vocabulary
from draft_agreement.model.context import fold_chars
from draft_agreement.model.document import Document

_ACCOUNT_COLUMN = compiled.pattern(
    r"账号|微信号|抖音号|快手号|公众号|QQ号|店铺|用户名|昵称|平台|account|handle|username|user\s*name|platform|channel",
    re.IGNORECASE,
)
# Columns that describe a person (a customer, a patient, a parent), as against an account's own facts
# (its nickname, bound phone, follower count).
_PERSON_COLUMN = compiled.pattern(
    r"客户|顾客|会员|学员|学生|患者|病人|家长|联系人|姓名|身份证|住址|病历|消费|就诊|咨询项目|"
    r"customer|client|patient|member|student|parent|(?<!account\s)(?<!user\s)\bname\b|address|ssn|date\s+of\s+birth",
    re.IGNORECASE,
)


def _account_tables(body: Body) -> tuple[tuple[str, int], ...]:
    """Tables whose header names accounts and no person's details: a schedule of a party's own accounts."""
    headers: dict[tuple[str, int], list[Line]] = {}
    for line in body.lines:
        if line.table is not None:
            key = (line.ref[0], line.table)
            rows = headers.setdefault(key, [])
            if len(rows) < 8:
                rows.append(line)
    found = []
    for key, first_cells in headers.items():
        header = " ".join(line.fold for line in first_cells)
        if _ACCOUNT_COLUMN.search(header) and not _PERSON_COLUMN.search(header):
            found.append(key)
    return tuple(found)


def _defining_lines(body: Body, found: Subject) -> tuple[list[Line], list[Line]]:
    """The recitals and subject clauses (what defines the deal), and the other clauses."""
    chosen = set(found.clauses)
    recitals = {line.ref for line in body.lines[: body.first_clause + 6] if line.table is None}
    defining, others = [], []
    for line in body.lines[body.first_clause :]:
        (defining if line.ref in chosen or line.ref in recitals else others).append(line)
    return defining, others


def _own_accounts(
    body: Body, account_tables: tuple[tuple[str, int], ...], accounts: tuple[str, ...]
) -> set[str]:
    """Identifiers that appear in a table listing people (a customer's 微信号) are not a party's accounts."""
    theirs = {
        line.text.strip()
        for line in body.lines
        if line.table is not None and (line.ref[0], line.table) not in account_tables
    }
    return {a for a in accounts if a not in theirs}


_DEALS: weakref.WeakKeyDictionary[Document, Deal] = weakref.WeakKeyDictionary()


def deal_of(doc: Document) -> Deal:
    """The deal of `doc`, built once per document and shared by review, the redline plan and drafting.

    Cached here rather than on the Document, so the document model never imports the stage above it.
    """
    found = _DEALS.get(doc)
    if found is None:
        found = _DEALS[doc] = build_deal(doc)
    return found


def build_deal(doc: Document, vocab: Vocabulary | None = None) -> Deal:
    """The deal of `doc`: kinds, parties, governing law, signing date, consideration and subject."""
    vocab = vocab or load_vocabulary()
    body = read_body(doc, vocab.annex)
    context = doc.context
    title = context.title
    # The subject is what moves to the receiving side (a kind refines a role's name, never its side);
    # the recitals and the subject then say what kind of deal it is.
    parties, owners = deal_parties(vocab, context, body, ())
    receiving = tuple(label for p in parties if p.side == "receiving" for label in p.labels)
    found = subject(vocab, body, receiving)
    defining, others = _defining_lines(body, found)
    kinds = choose_kinds(vocab, score_kinds(vocab, fold_chars(title) if title else None, defining, others))
    parties, owners = deal_parties(vocab, context, body, kinds)
    account_tables = _account_tables(body)
    own_accounts = _own_accounts(body, account_tables, tuple(a for p in parties for a in p.accounts))
    parties = tuple(replace(p, accounts=tuple(a for a in p.accounts if a in own_accounts)) for p in parties)
    return Deal(
        kind=kinds[0],
        kinds=kinds,
        parties=parties,
        governing_law=governing_law(vocab, list(body.lines[body.first_clause :])),
        signed=context.date,
        consideration=consideration(vocab, body),
        subject=replace(found, account_tables=account_tables),
        title=title,
        clause_labels={line.ref: line.label for line in body.lines},
        _owners=owners,
    )
