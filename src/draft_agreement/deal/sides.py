"""Which side a party is on when its label does not say: from what the clauses move to whom.

Most Chinese agreements call the parties 甲方 and 乙方 (Party A, Party B), which name no role. Who
hands the accounts or the customers over is then said only by the clauses: "甲方将……转让给乙方",
"乙方受让", "the Seller shall deliver … to Party B". Review reads "the other side" from the deal's
sides, the redline plan keeps the accounts with the giving side and drafting fills the referral's
referrer from it, so a side read from the clauses is worth more than none.
"""

from __future__ import annotations

from dataclasses import replace

from draft_agreement.deal.lines import Body
from draft_agreement.deal.model import DealParty
from draft_agreement.deal.terms import moves_to
from draft_agreement.deal.vocabulary import Vocabulary
from draft_agreement.model.context import fold_chars

# The role names a kind of deal gives its two sides (docs/taxonomy.md); a transfer's otherwise.
_ROLES = {
    "data-sharing": ("provider", "recipient"),
    "referral": ("referrer", "recipient"),
}
_DEFAULT = ("transferor", "transferee")
# Kinds whose clauses move things both ways: services to the client, its data and accounts to the
# processor or agency and back again on termination. What moves does not say who owns it.
_BOTH_WAYS = {"processing", "agency"}
# A role that does not fix the other party's: a "Provider" may provide data or a service.
_OPEN_ROLES = {"provider"}


def sided(vocab: Vocabulary, body: Body, parties: list[DealParty], kinds: tuple[str, ...]) -> list[DealParty]:
    """`parties` with a side for a two-party deal's unsided parties, when the clauses settle it.

    One party with a side: the other takes the opposite one. Neither: the party more clauses move
    something to (not under a prohibition, and with the other party named in the same clause) receives.
    A tie, nothing moving, or a kind where things move both ways leaves them as they are.
    """
    if len(parties) != 2 or all(p.side is not None for p in parties) or _BOTH_WAYS.intersection(kinds):
        return parties
    giving_role, receiving_role = next((_ROLES[k] for k in kinds if k in _ROLES), _DEFAULT)
    known = [p.side for p in parties]
    if known.count(None) == 1:
        if any(p.role in _OPEN_ROLES for p in parties):
            return parties
        other = "giving" if "receiving" in known else "receiving"
        role = giving_role if other == "giving" else receiving_role
        return [replace(p, role=role) if p.side is None else p for p in parties]
    votes = [_received(vocab, body, p, parties[1 - i]) for i, p in enumerate(parties)]
    if votes[0] == votes[1]:
        return parties
    receiver = 0 if votes[0] > votes[1] else 1
    return [replace(p, role=receiving_role if i == receiver else giving_role) for i, p in enumerate(parties)]


def _received(vocab: Vocabulary, body: Body, party: DealParty, other: DealParty) -> int:
    """How many clauses move something to `party` from a clause that also names `other`."""
    moves = moves_to(vocab, party.labels)
    others = [fold_chars(label).lower() for label in other.labels]
    count = 0
    for line in body.clauses(body.annexes or body.signature):
        if line.heading or line.table is not None:
            continue
        m = moves.search(line.fold)
        # (归甲方所有 says who owns, and the owner may be the side that keeps: no vote)
        if (
            m is None
            or m.group().startswith("归")
            or vocab.prohibition.search(line.fold[max(0, m.start() - 40) : m.start()])
        ):
            continue
        text = line.fold.lower()
        count += any(label in text for label in others)
    return count
