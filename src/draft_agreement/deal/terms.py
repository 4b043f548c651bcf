"""The deal's price and its subject: which clauses set the consideration and which define what moves.

The redline plan rewrites these as a whole (a void sale's price must not survive as the fee of a new
service), and review reads a per-head price as evidence that personal information is what is sold.
"""

from __future__ import annotations

import re

from draft_agreement.deal.lines import Body, Line
from draft_agreement.deal.model import Consideration, Ref, Subject
from draft_agreement.deal.vocabulary import Vocabulary
from draft_agreement.model.amounts import find_amounts
from draft_agreement.model.context import fold_chars


def consideration(vocab: Vocabulary, body: Body) -> Consideration | None:
    """The price clauses (a price word, or a sum for each one, and an amount), with the schedule and
    adjustment clauses near them.

    Near means in the same top-level clause as a price clause, or under a heading that is about the
    price: "第二条 转让价款及支付" holds 2.1 (price), 2.2 (instalments) and 2.3 (deductions).
    """
    clauses = body.clauses(body.signature)
    price: list[Line] = []
    amounts: list[tuple[Line, object]] = []
    for line in clauses:
        # (a sum for each one is a price though no price word names it: 每名宝宝人民币陆佰元)
        if line.heading or not (vocab.price.search(line.fold) or vocab.per_head.search(line.fold)):
            continue
        found = list(find_amounts(line.text))
        if found:
            price.append(line)
            amounts.extend((line, a) for a in found)
    if not price:
        return None
    roots = {line.section for line in price}
    price_headed = {line.section for line in clauses if line.heading and vocab.price.search(line.fold)}
    priced = {line.ref for line in price}
    sections = roots | price_headed
    near = [
        line for line in clauses if line.section is not None and line.section in sections and not line.heading
    ]
    schedule = [line for line in near if line.ref not in priced and vocab.schedule.search(line.fold)]
    adjustments = [line for line in near if vocab.adjustment.search(line.fold)]
    adjusted = {line.ref for line in adjustments}
    for line in clauses:
        # A deduction per missing contact may sit far from the price ("3.4 每缺少一名好友…扣减").
        if (
            line.ref not in adjusted
            and vocab.per_head.search(line.fold)
            and vocab.adjustment.search(line.fold)
        ):
            adjustments.append(line)
            adjusted.add(line.ref)
    main_line, main = max(amounts, key=lambda pair: pair[1].value)  # type: ignore[attr-defined]
    per_head = any(vocab.per_head.search(line.fold) for line in (*price, *schedule, *adjustments))
    return Consideration(
        clause=main_line.label,
        amount=format(main.value.normalize(), "f"),  # type: ignore[attr-defined]
        currency=main.currency,  # type: ignore[attr-defined]
        per_head=per_head,
        price=tuple(line.ref for line in price),
        schedule=tuple(line.ref for line in schedule if line.ref not in adjusted),
        adjustments=tuple(line.ref for line in adjustments),
    )


def moves_to(vocab: Vocabulary, receiving: tuple[str, ...]) -> re.Pattern[str]:
    """A transfer verb reaching a receiving label, or a receiving label taking the subject."""
    if not receiving:
        return re.compile(rf"(?:{vocab.transfer_verbs.pattern})[^。;.]{{0,20}}?(?:给|予|至)", re.IGNORECASE)
    labels = "|".join(re.escape(fold_chars(label)) for label in receiving)
    verb, take = vocab.transfer_verbs.pattern, vocab.receiving_verbs.pattern
    return re.compile(
        rf"(?:{verb})[^。;]{{0,24}}?(?:给|予|至|与)?\s*(?:the\s+)?(?:{labels})"
        rf"|(?:{verb})\w*\b[^.;]{{0,80}}?\bto\s+(?:the\s+)?(?:{labels})"
        rf"|(?:{labels})[^。;.]{{0,12}}?(?:shall\s+|will\s+|agrees?\s+to\s+|同意|有权|可)?(?:{take})"
        rf"|归\s*(?:{labels})\s*(?:所有|享有)",
        re.IGNORECASE,
    )


def subject(vocab: Vocabulary, body: Body, receiving: tuple[str, ...]) -> Subject:
    """The clauses that define what is transferred, and the annexes (with their tables) that list it.

    A clause defines the subject when it sits under a heading about it ("第一条 转让标的") or when a
    transfer verb reaches the receiving party (`receiving`: its labels); not a price clause, and not
    under a prohibition ("乙方不得将账号转让给第三方" moves nothing).
    """
    clauses = body.clauses(body.annexes or body.signature)
    moves = moves_to(vocab, receiving)
    subject_roots = {
        line.section for line in clauses if line.heading and vocab.subject_heading.search(line.fold)
    }
    defining: list[Ref] = []
    for line in clauses:
        if line.heading or line.table is not None:
            continue
        if line.section is not None and line.section in subject_roots:
            defining.append(line.ref)
            continue
        if vocab.price.search(line.fold) and find_amounts_present(line.text):
            continue
        m = moves.search(line.fold)
        if m and not vocab.prohibition.search(line.fold[max(0, m.start() - 40) : m.start()]):
            defining.append(line.ref)
    annexes: list[Ref] = []
    tables: list[tuple[str, int]] = []
    start = body.annexes if body.annexes is not None else len(body.lines)
    in_annex = False
    for line in body.lines[start:]:
        if line.table is None and line.heading and vocab.annex.match(line.fold):
            annexes.append(line.ref)
            in_annex = True
        elif in_annex and line.table is not None and (line.ref[0], line.table) not in tables:
            tables.append((line.ref[0], line.table))
    return Subject(tuple(defining), tuple(annexes), tuple(tables))


_NUMERALS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九十", start=0)}


def annex_key(vocab: Vocabulary, fold: str) -> str | None:
    """附件一, 附件1 and 附件 1 are one annex; so are "Schedule 2" and "schedule 2"."""
    m = vocab.annex_reference.search(fold)
    if m is None:
        return None
    key = re.sub(r"\s+", "", m.group()).lower()
    return "".join(_NUMERALS.get(c, c) for c in key)


def find_amounts_present(text: str) -> bool:
    return next(find_amounts(text), None) is not None
