"""The parties of the deal, each with the paragraphs that hold its own details.

A party's name, ID number, phone and address in its party block, its signature block and its notice
clause are its own (legal-brief §5.3), and so are the accounts it sells. Review must never call them
third parties' information, so the deal records whose each such paragraph is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from draft_agreement import compiled
from draft_agreement.deal.lines import Body, Line
from draft_agreement.deal.model import DealParty, Ref
from draft_agreement.deal.sides import sided
from draft_agreement.deal.vocabulary import Vocabulary
from draft_agreement.model.context import Context, fold_chars

# Roles a deal kind gives to the generic ones Context reads from designations.
_KIND_ROLES = {
    "agency": {"principal": "principal", "processor": "agent", "party": None},
    "referral": {"transferor": "referrer", "provider": "referrer"},
}
# In these kinds the one party facing a principal with a bare label (乙方 opposite 甲方（委托方）) holds
# the counterpart role: the agency that runs the client's accounts takes them, so it is the receiving side.
_COUNTERPART = {"agency": "agent"}


def _pattern(labels: list[str]) -> re.Pattern[str] | None:
    words = sorted({fold_chars(label) for label in labels if label}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def _owners(body: Body, parties: list[DealParty]) -> dict[Ref, int]:
    """Which party each paragraph of the party block, signature block and notices belongs to.

    A line names its party by one of its labels; a line that names none (身份证号：…, "Address: …")
    continues the party named last in its block. A line naming two parties (甲方（签字）： 乙方（签字）：)
    belongs to the first; both are parties, so neither is a third person.
    """
    patterns = [(i, _pattern(list(p.labels) + ([p.name] if p.name else []))) for i, p in enumerate(parties)]
    owners: dict[Ref, int] = {}

    def named(line: Line) -> int | None:
        best: tuple[int, int] | None = None
        for i, pattern in patterns:
            m = pattern.search(line.fold) if pattern else None
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), i)
        return best[1] if best else None

    for block, continues in (
        (body.party_block(), True),
        (body.signature_block(), True),
        (body.notices, False),
    ):
        current: int | None = None
        for line in block:
            who = named(line)
            if who is not None:
                current = who
            elif not continues:
                continue
            if current is not None:
                owners.setdefault(line.ref, current)
    return owners


_NOT_A_PARTY = compiled.pattern(
    r"账号|帐号|协议|合同|标的|平台|附件|附录|政策|"
    r"account|agreement|contract|platform|addendum|annex|schedule|exhibit|policy|\bdpa\b|\bnda\b",
    re.IGNORECASE,
)
_LABEL_SAMPLE = 400  # clause lines read to see which label the clauses use


def _clause_label(labels: tuple[str, ...], body: Body) -> str:
    """The label the clauses use most: 转让方（甲方） is 甲方 when the clauses say 甲方."""
    text = "\n".join(line.fold for line in body.lines[body.first_clause : body.first_clause + _LABEL_SAMPLE])
    counts = {label: len(re.findall(re.escape(fold_chars(label)), text, re.IGNORECASE)) for label in labels}
    best = max(labels, key=lambda label: counts[label])
    return best if counts[best] > counts[labels[0]] else labels[0]


# In entrusted processing a party labelled by the service it gives ("the Provider", "the Service Provider",
# 服务方) is the processor, and a party the clauses made its recipient is the client it works for.
_SERVICE_LABEL = compiled.pattern(
    r"(?:service\s+)?provider|supplier|vendor|contractor|服务方|服务商|供应商|受托方", re.IGNORECASE
)


def _service_provider(parties: list[DealParty], kinds: tuple[str, ...]) -> list[DealParty]:
    """In a processing deal the party labelled as serving (Provider, Vendor) processes for the other."""
    if not kinds or kinds[0] != "processing" or len(parties) != 2:
        return parties
    service = [
        i
        for i, p in enumerate(parties)
        if p.role in ("provider", "transferor", "party") and _SERVICE_LABEL.fullmatch(fold_chars(p.label))
    ]
    if len(service) != 1 or parties[1 - service[0]].role not in ("recipient", "transferee", "party"):
        return parties
    roles = {service[0]: "processor", 1 - service[0]: "principal"}
    return [replace(p, role=roles[i]) for i, p in enumerate(parties)]


def _counterparts(parties: list[DealParty], kinds: tuple[str, ...]) -> list[DealParty]:
    """The bare-labelled party facing a lone principal takes the kind's counterpart role."""
    role = next((_COUNTERPART[k] for k in kinds if k in _COUNTERPART), None)
    principals = [p for p in parties if p.role == "principal"]
    bare = [p for p in parties if p.role == "party"]
    if role is None or len(principals) != 1 or len(bare) != 1:
        return parties
    return [replace(p, role=role) if p is bare[0] else p for p in parties]


def deal_parties(
    vocab: Vocabulary, context: Context, body: Body, kinds: tuple[str, ...]
) -> tuple[tuple[DealParty, ...], dict[Ref, int]]:
    """The parties with their roles for this kind of deal, and the owner of each own-details paragraph."""
    remap: dict[str, str | None] = {}
    for kind in kinds:
        remap.update(_KIND_ROLES.get(kind, {}))
    parties = []
    for party in context.parties:
        if _NOT_A_PARTY.search(fold_chars(party.designation)):
            continue  # a defined term for the subject ("标的账号"), not a party
        role = remap.get(party.role, party.role) or party.role
        names = (party.designation, *(a for a in party.aliases if a != party.designation))
        label = _clause_label(names, body)
        parties.append(DealParty(role, label, party.name, tuple(a for a in names if a != label)))
    parties = _service_provider(_counterparts(parties, kinds), kinds)
    if kinds:  # (the first reading, for the subject, takes the sides the labels give)
        parties = sided(vocab, body, parties, kinds)
    owners = _owners(body, parties)
    own: dict[int, list[Ref]] = {}
    for ref, index in owners.items():
        own.setdefault(index, []).append(ref)
    giving = next((i for i, p in enumerate(parties) if p.side == "giving"), None)
    accounts = tuple(dict.fromkeys(a.identifier for a in context.accounts))
    out = []
    for i, p in enumerate(parties):
        out.append(
            DealParty(
                p.role,
                p.label,
                p.name,
                p.aliases,
                tuple(sorted(own.get(i, []), key=lambda r: r[1])),
                accounts if i == giving else (),
            )
        )
    return tuple(out), owners
