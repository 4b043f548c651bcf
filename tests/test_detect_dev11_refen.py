"""Records named by a defined term and handed over by that term alone (dev11, tag refen).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev11 refen files: a term defined in a definitions clause (quoted, or unquoted as Australian drafts set it)
and later sold, assigned, uploaded or made available by the term only; a term defined through another term
defined after it ("the Book" includes "the Borrower Files"); and the look-alikes that must stay quiet: a
term defined as holding nobody, a recital using a term before anyone says what it holds, and the
boilerplate on when title and risk pass.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"


def en(clauses: list[str], giver: str = "Vendor", taker: str = "Purchaser") -> list[str]:
    return [
        "Business Sale Agreement",
        f"This Agreement is made between Redgum Services Pty Ltd (the \u201c{giver}\u201d) and Bluewater Group "
        f"Pty Ltd (the \u201c{taker}\u201d).",
        *clauses,
    ]


def test_a_term_defined_unquoted_carries_its_people_to_the_clause_that_assigns_it(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1.1 Service Register means the register recording each cardholder's name, mobile number and "
                "points balance.",
                "4.2 At Settlement the Vendor assigns the Service Register to the Purchaser absolutely.",
            ]
        ),
    )
    assert PIT in on(findings, "assigns the Service Register")


def test_a_quoted_term_in_a_list_of_definitions_is_carried_too(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. Definitions. \u201cFleet Assets\u201d means the two tow trucks; \u201cOwner Ledger\u201d means the "
                "records of each vehicle owner's name, address and mobile number.",
                "7. Within three days after Completion the Purchaser shall receive the Owner Ledger from the Vendor "
                "by secure upload.",
            ],
            giver="Vendor",
            taker="Purchaser",
        ),
    )
    assert PIT in on(findings, "receive the Owner Ledger")


def test_a_term_defined_through_a_later_sensitive_term_is_sensitive(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1.1 \u201cBook\u201d means the mortgages listed in Annexure A and, for each, the Borrower Dossier.",
                "1.2 \u201cBorrower Dossier\u201d means the borrower's payslips, bank statements and credit report.",
                "5.1 On the Transfer Date the Vendor shall convey the Book to the Purchaser.",
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "convey the Book")


def test_a_term_defined_through_a_later_health_term_is_sensitive_paraphrase(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "2. Clinic Assets means the couches, the goodwill and the Treatment Files.",
                "3. Treatment Files means the patients' diagnoses, treatment notes and medical histories.",
                "9. The Practice Buyer takes over the Clinic Assets from the Practice Seller on 1 July.",
            ],
            giver="Practice Seller",
            taker="Practice Buyer",
        ),
    )
    assert {PIT, SENS} <= on(findings, "takes over the Clinic Assets")


def test_a_term_defined_as_holding_nobody_stays_quiet(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1.3 \u201cCost Ledgers\u201d means the Vendor's supplier invoices and costings, which contain no "
                "customer names or contact details.",
                "6. The Vendor shall hand the Cost Ledgers to the Purchaser at Completion.",
            ]
        ),
    )
    assert PIT not in on(findings, "hand the Cost Ledgers")


def test_a_term_defined_as_excluding_people_stays_quiet_paraphrase(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "Trading Records means the purchase day-books and stock counts, excluding any list of customers "
                "or members.",
                "3.4 The Purchaser will be given the Trading Records on a drive when the keys are handed over.",
            ]
        ),
    )
    assert PIT not in on(findings, "given the Trading Records")


def test_a_recital_before_the_definitions_carries_nothing(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "WHEREAS the Vendor wishes to sell the Business Property to the Purchaser.",
                "1.1 \u201cBusiness Property\u201d means the vans, the tools and the contact details of the "
                "customers.",
            ]
        ),
    )
    assert PIT not in on(findings, "wishes to sell the Business Property")


def test_title_and_risk_passing_is_not_a_hand_over(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1.1 \u201cSale Assets\u201d means the fit-out, the goodwill and the customer database.",
                "2.1 The Vendor shall sell the Sale Assets to the Purchaser.",
                "2.4 Title to and risk in the Sale Assets passes to the Purchaser at Completion.",
                "2.5 Ownership of and risk in the Sale Assets remain with the Vendor until the price is paid.",
            ]
        ),
    )
    assert PIT in on(findings, "shall sell the Sale Assets")
    assert PIT not in on(findings, "Title to and risk in")
    assert PIT not in on(findings, "Ownership of and risk in")


def test_a_credit_score_band_is_sensitive_financial_data(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "4. The Vendor shall transmit to the Purchaser each homeowner's name, postcode and credit score band.",
                "5. The Purchaser will receive from the Vendor a weekly file grouping the prospects by credit tier, "
                "with each prospect's telephone number.",
            ]
        ),
    )
    assert SENS in on(findings, "credit score band")
    assert SENS in on(findings, "credit tier")
