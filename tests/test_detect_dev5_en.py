"""English personal-information transfers, sensitive data and per-head prices beyond the phrasings the rules
were written from (dev5, tag en).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev5-en files: practice and agency sales whose assets are named by the trade (practice assets, a fee block of
counted clients, a recruitment firm's candidates, a list owner's house file, a lab's test reports, an
adviser's fact-finds, job sheets), systems that hold the people, lists rented out, e-mailed files, Medicare
and health-fund details, stored cards re-issued to the buyer, and prices counted per thousand names, per
policy, per homeowner, per person short of a number, per client who leaves or per bad lead credited back; and
the look-alikes that must stay quiet (a copy kept to answer claims, a payment processor that is no data
processor's exception, a caption over a sample table, excluded assets, a multiple of fees, counts in a price
clause, people counted but not moved).
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"
PRICE = "pi-pricing"


def en(clauses: list[str], giver: str = "Vendor", taker: str = "Purchaser") -> list[str]:
    return [
        "Business Sale Agreement",
        f"This Agreement is made between Harrow Fields Ltd (the \u201c{giver}\u201d) and Quayside Group Ltd (the "
        f"\u201c{taker}\u201d).",
        *clauses,
    ]


def test_assets_named_by_the_trade_and_counted_people_are_what_moves(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. The Clinic Assets comprise the treatment couches, the booking line and the patient base.",
                "2. The Vendor sells its bookkeeping round, being the 340 clients named in the Client Schedule, "
                "to the Purchaser.",
                "3. The Vendor shall transfer the newsletter audience of 12,500 email subscribers on Completion.",
                "4. The Vendor shall deliver the records of its candidates and job seekers to the Purchaser.",
            ]
        ),
    )
    assert PIT in on(findings, "Clinic Assets comprise")
    assert PIT in on(findings, "340 clients")
    assert PIT in on(findings, "12,500 email subscribers")
    assert PIT in on(findings, "candidates and job seekers")


def test_trade_records_and_the_systems_holding_people(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. The Vendor shall give the Purchaser owner access to the practice software holding each "
                "patient's appointment history.",
                "2. The Vendor shall upload the service sheets of its boiler customers to the Purchaser's portal.",
                "3. The laboratory shall post the patient test reports for March to the Purchaser.",
                "4. The Vendor shall forward every client's fact-find to the Purchaser before the first review.",
            ]
        ),
    )
    assert PIT in on(findings, "practice software holding")
    assert PIT in on(findings, "service sheets")
    assert PIT in on(findings, "patient test reports")
    assert PIT in on(findings, "fact-find")


def test_lists_rented_out_and_files_emailed_across(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. The List Owner rents to the Mailer the house list of its mail-order buyers for a single drop.",
                "2. The office shall e-mail the scanned policyholder files to the Mailer within a week.",
            ],
            giver="List Owner",
            taker="Mailer",
        ),
    )
    assert PIT in on(findings, "rents to the Mailer")
    assert PIT in on(findings, "policyholder files")


def test_health_cover_details_and_stored_cards_are_sensitive(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. The Vendor shall hand over to the Purchaser the Medicare numbers and health fund memberships "
                "of the clinic's patients.",
                "2. The tokens for the members' cards on file shall be re-issued to the Purchaser's merchant "
                "account.",
            ]
        ),
    )
    assert SENS in on(findings, "Medicare numbers")
    assert SENS in on(findings, "cards on file")


def test_prices_per_thousand_names_per_policy_per_homeowner_and_per_bad_lead(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. The Purchaser shall pay \u00a370 per thousand names supplied, with a 3,000-name minimum.",
                "2. The Purchaser shall pay HK$900 for each policy still in force at the review date.",
                "3. The Purchaser shall pay $30 for each homeowner passed to it.",
                "4. Leads with an invalid e-mail address shall be refunded on the monthly statement.",
            ]
        ),
    )
    assert PRICE in on(findings, "per thousand names")
    assert PRICE in on(findings, "for each policy")
    assert PRICE in on(findings, "for each homeowner")
    assert PRICE in on(findings, "invalid e-mail")


def test_prices_reduced_per_person_short_or_per_client_who_leaves(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. For each Active Member fewer than 900 at Completion, the goodwill sum is reduced by \u00a340.",
                "2. If any client on the Schedule moves to another adviser within a year, the deferred "
                "consideration is reduced by that client's annual fee.",
                "3. For each client who cancels in the first quarter, the Vendor shall repay \u00a3100.",
            ]
        ),
    )
    assert PRICE in on(findings, "fewer than 900")
    assert PRICE in on(findings, "moves to another adviser")
    assert PRICE in on(findings, "who cancels")


def test_look_alikes_stay_quiet(tmp_path: Path) -> None:
    clauses = [
        "1. The Vendor's director may keep a copy of the treatment notes of patients she saw, only to defend "
        "a claim.",
        "2. The Excluded Assets include the Vendor's own payroll and the files of the retained clients.",
        "3. The price is 0.9 times the annual fees of the 340 clients on the Client Schedule.",
        "4. The Vendor warrants that the practice had about 2,000 patients in its last financial year.",
        "5. Sample of the client list provided at signing:",
        "6. The Vendor shall keep delivering hampers to its 450 customers until Completion.",
        "7. The Vendor shall provide catering for 200 guests at the handover party.",
        "8. The adviser shall send the candidate list of target companies to the Purchaser.",
    ]
    findings = reviewed(tmp_path, en(clauses))
    for clause in clauses:
        assert PIT not in on(findings, clause[3:30]), clause
        assert SENS not in on(findings, clause[3:30]), clause
    assert PRICE not in on(findings, "0.9 times")


def test_a_customer_cancelling_an_order_is_no_head_count(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. If a customer cancels an order, the Vendor shall refund the price of that order.",
                "2. For each customer who cancels an order the Purchaser shall keep a note in the log.",
            ]
        ),
    )
    assert PRICE not in on(findings, "refund the price of that order")
    assert PRICE not in on(findings, "keep a note")


def test_a_fee_per_insurance_policy_placed_is_no_head_count(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(["1. The Purchaser shall pay HK$250 for each policy of insurance it arranges on the premises."]),
    )
    assert PRICE not in on(findings, "policy of insurance")


def test_a_payment_processor_is_not_a_processors_exception(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. The stored payment cards held by the Vendor's payment processor shall be re-issued to the "
                "Purchaser.",
                "2. The Vendor's processor shall keep the stored payment cards on the Vendor's documented "
                "instructions.",
            ]
        ),
    )
    assert SENS in on(findings, "re-issued to the Purchaser")
    assert SENS not in on(findings, "documented instructions")
