"""English detection beyond the phrasings the rules were written from (third round, issue 10).

Each case is modelled, in its own words, on a kind of clause met in the dev3 reading (pharmacy, clinic,
tutoring and app sales, data licences, intra-group sharing) and on its look-alikes. Expectations are
what a lawyer would say of the clause.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

SENSITIVE = "sensitive-personal-info"
PI = "personal-info-transfer"


def test_a_term_defined_in_passing_is_read_as_sensitive_later(tmp_path: Path) -> None:
    lines = [
        "Asset Purchase Agreement",
        "This Agreement is made between Lakeside Drug, Inc. (“Seller”) and Northwoods Rx LLC (“Buyer”).",
        "1. Seller shall sell to Buyer (a) the inventory and (b) the Pharmacy Records, meaning all patient "
        "profiles, refill histories and drug-interaction notes of the store.",
        "2. Before Closing Seller shall export the Pharmacy Records and load them into Buyer’s system.",
    ]
    assert {PI, SENSITIVE} <= on(reviewed(tmp_path, lines), "2. Before Closing")


def test_payment_cards_on_file_and_precise_location_are_sensitive(tmp_path: Path) -> None:
    lines = [
        "Asset Purchase Agreement",
        "This Agreement is made between Brandywine Vets LLC (“Seller”) and Keystone Vets LLC (“Purchaser”).",
        "1. Seller shall deliver to Purchaser the names and addresses of its clients and the payment cards "
        "they keep on file for wellness plans.",
        "2. Seller shall also deliver to Purchaser each client’s latitude and longitude recorded by the app.",
    ]
    findings = reviewed(tmp_path, lines)
    assert SENSITIVE in on(findings, "payment cards")
    assert SENSITIVE in on(findings, "latitude and longitude")


def test_mainland_members_uploaded_to_an_overseas_parent_cross_the_border(tmp_path: Path) -> None:
    lines = [
        "Data Sharing Agreement",
        "This Agreement is made between Lumen Beauty (Shanghai) Co., Ltd., a company established in the "
        "People’s Republic of China (the “Provider”), and Lumen Asia Pte. Ltd., a company incorporated in "
        "Singapore (the “Recipient”).",
        "1. Each week the Provider shall upload to the Recipient’s regional CRM the members’ names, mobile "
        "numbers and birthdays collected at its online store in mainland China.",
        "2. The Recipient’s regional CRM is hosted by its cloud provider in Frankfurt.",
        "3. This Agreement is governed by the laws of the People’s Republic of China.",
    ]
    findings = reviewed(tmp_path, lines)
    assert {PI, "cross-border-transfer"} <= on(findings, "Each week")
    assert "account-transfer" not in on(findings, "Each week")  # the store is where data was collected
    assert "cross-border-transfer" in on(findings, "hosted by")


def test_a_developer_handing_the_client_its_own_passwords_is_no_credential_sale(tmp_path: Path) -> None:
    lines = [
        "Website Handover Agreement",
        "This Agreement is made between Kopi Code Pte. Ltd. (the “Developer”) and Orchid Florist Pte. Ltd. "
        "(the “Client”).",
        "1. The Developer shall deliver to the Client the administrator usernames and passwords of the "
        "Client’s WordPress site and hosting account, and shall then reduce its own access to editor level.",
    ]
    assert "credential-handover" not in on(reviewed(tmp_path, lines), "administrator usernames")


def test_promising_never_to_say_the_account_was_sold_is_concealment(tmp_path: Path) -> None:
    lines = [
        "Account Sale Agreement",
        "This Agreement is made between Tan Wei (the “Vendor”) and Glowhaus Pte. Ltd. (the “Purchaser”).",
        "1. The Vendor sells the TikTok account @glowwithwei to the Purchaser for S$46,000.",
        "2. Neither party shall state on the Account or elsewhere that the Account has changed hands.",
        "3. The Vendor shall not afterwards ask TikTok to restore the Account to her.",
    ]
    findings = reviewed(tmp_path, lines)
    assert "impersonation" in on(findings, "changed hands")
    assert "credential-handover" in on(findings, "restore the Account")


def test_a_price_counted_by_subscribers_is_pricing_not_a_transfer(tmp_path: Path) -> None:
    lines = [
        "Newsletter Sale Agreement",
        "This Agreement is made between Oliver Penn (the “Transferor”) and Fellwalker Media Limited (the "
        "“Transferee”).",
        "1. The Transferor assigns to the Transferee the domain name and the Subscriber List.",
        "2. The price is £1.10 for each subscriber on the Subscriber List on the Transfer Date.",
    ]
    findings = reviewed(tmp_path, lines)
    assert on(findings, "The price is") == {"pi-pricing"}


def test_party_b_abroad_receives_in_a_data_sharing_deal_with_no_named_sides(tmp_path: Path) -> None:
    lines = [
        "Data Cooperation Agreement",
        "This Agreement is made between Hangzhou StrideFit Co., Ltd., a company established in the People’s "
        "Republic of China (“Party A”), and Harbour Life Assurance Limited, a company incorporated in Hong "
        "Kong (“Party B”).",
        "1. Party A shall provide Party B every month with the heart-rate records of the app users who have "
        "linked a policy number.",
        "2. This Agreement is governed by the laws of the People’s Republic of China.",
    ]
    findings = reviewed(tmp_path, lines)
    assert {"cross-border-transfer", SENSITIVE} <= on(findings, "heart-rate records")


def test_a_place_written_after_the_party_label_places_that_party(tmp_path: Path) -> None:
    lines = [
        "Customer List Purchase Agreement",
        "This Agreement is made between Shenzhen Bright Bay Co., Ltd. (the “Seller”), a company established "
        "in the People’s Republic of China, and Lumio Commerce Pte. Ltd. (the “Buyer”), a company "
        "incorporated in Singapore.",
        "1. The Seller shall deliver the customer list to the Buyer at Closing.",
        "2. This Agreement is governed by the laws of the People’s Republic of China.",
    ]
    assert "cross-border-transfer" in on(reviewed(tmp_path, lines), "deliver the customer list")


def test_sensitive_records_sent_to_a_processor_on_instructions_are_at_most_a_note(tmp_path: Path) -> None:
    lines = [
        "Payroll Services Agreement",
        "This Agreement is made between Harbour Freight Limited (the “Client”) and PayWise Limited (the "
        "“Provider”).",
        "1. The Provider shall run the Client’s payroll, acting only on the Client’s instructions.",
        "2. The Client shall upload to the Provider’s portal each employee’s name, HKID number and bank account "
        "number for each payroll run.",
    ]
    assert not on(reviewed(tmp_path, lines), "HKID number") & {SENSITIVE, PI}


def test_a_sale_between_two_parties_outside_the_mainland_is_no_export(tmp_path: Path) -> None:
    lines = [
        "Page Sale Agreement",
        "This Agreement is made between Paolo Reyes of Quezon City, Philippines (“Seller”) and ViralNest LLC "
        "of Austin, Texas (“Buyer”).",
        "1. Seller sells Buyer the Instagram page @dailylaughs.ph and its archive of direct messages.",
    ]
    findings = on(reviewed(tmp_path, lines), "archive of direct messages")
    assert "account-transfer" in findings and "cross-border-transfer" not in findings


def test_a_customer_exporting_its_own_data_moves_nothing(tmp_path: Path) -> None:
    lines = [
        "Software Subscription Terms",
        "These Terms are agreed between Pinecrest Realty, Inc. (“Customer”) and ListingLoop, Inc. (“Provider”).",
        "1. Customer may export its Customer Data at any time in CSV format.",
    ]
    assert PI not in on(reviewed(tmp_path, lines), "export its Customer Data")
