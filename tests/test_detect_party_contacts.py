"""A party's named staff contact is the party's own detail, not a third person's data.

Modelled on the contact clauses of the dev10 files (an insurer's lead supplier naming its account manager, a
relocation contract naming the company's mobility lead): the manager, lead or director a party names for
the other to deal with, with an e-mail or phone, is that party's contact point. A client named in the
customer file handed over is still someone else's.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_dev10_mixc import en
from tests.test_detect_generalise import on, reviewed

EMBEDDED = "embedded-personal-data"


def test_a_partys_named_lead_or_director_is_its_own_contact(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "7. Day-to-day matters. The Buyer's integration lead for the handover of the premises is "
                "Mr Oliver Grant (oliver.grant@eastwell.example).",
                "8. The Seller's finance director responsible for completion accounts is Ms Priya Nair "
                "(+44 20 7946 0321).",
                "9. The Seller shall deliver the enrolment file of its pupils, which lists Ms Hannah Lee "
                "(hannah.lee@example.com) and her parents.",
            ]
        ),
    )
    assert EMBEDDED not in on(findings, "The Buyer's integration lead")
    assert EMBEDDED not in on(findings, "The Seller's finance director")
    assert EMBEDDED in on(findings, "enrolment file of its pupils")
