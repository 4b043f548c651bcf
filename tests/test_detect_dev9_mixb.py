"""A mix of deal kinds as a new user brings them (dev9, tag mixb).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev9 mixb files: a law firm's files kept by matter and its will register, giveaway entrants, past enquirers
and testators as holders, a broker's trail book, a lead as the record of a person (sold to several buyers,
reported back on, credited when dead), a price per client signed or per scheduled borrower lost, a count of
clients (一百三十六户客户), a leads contract as data sharing, leads pushed to several dealers and sent back (回传), an offshore services
agreement read as processing, a vendor's team abroad logging into the client's system; and the look-alikes
that must stay quiet (a vendor's delivery manager's own e-mail, a lead counsel, the staff retained).
"""

from __future__ import annotations

from pathlib import Path

from draft_agreement.deal import deal_of
from draft_agreement.model.document import load_document
from tests.test_deal import agreement
from tests.test_detect_generalise import on, reviewed

PIT = "personal-info-transfer"
PRICE = "pi-pricing"
CROSS = "cross-border-transfer"
EMBEDDED = "embedded-personal-data"
SAFEGUARD = "missing-safeguard"


def en(
    clauses: list[str], giver: str = "Seller", taker: str = "Buyer", title: str = "Asset Purchase Agreement"
) -> list[str]:
    return [
        title,
        f"This Agreement is made between Marrow Creek Partners LLC (the \u201c{giver}\u201d) and Stonebridge "
        f"Holdings LLC (the \u201c{taker}\u201d).",
        *clauses,
    ]


def zh(clauses: list[str], title: str = "业务转让协议") -> list[str]:
    return [
        title,
        "甲方（转让方）：东莞市某某咨询服务有限公司",
        "乙方（受让方）：深圳市某某企业服务有限公司",
        *clauses,
    ]


def test_a_law_firms_matter_files_and_will_register_are_its_clients(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "2.1 At Completion the Seller shall hand over to the Buyer the files of all closed matters since 2015.",
                "2.2 The Seller shall also deliver the will register to the Buyer with the original wills.",
                "2.3 The Seller shall deliver the office furniture to the Buyer.",
            ]
        ),
    )
    assert PIT in on(findings, "closed matters")
    assert PIT in on(findings, "will register")
    assert PIT not in on(findings, "office furniture")


def test_entrants_and_enquirers_are_holders_and_priced_per_head(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "3.1 After the contest the Promoter shall email the Sponsor a list of all entrants with their phone numbers.",
                "3.2 The Sponsor shall pay SGD 2 for each entrant on that list.",
                "3.3 The Promoter shall also export the record of past enquirers into the Sponsor's CRM.",
            ],
            giver="Promoter",
            taker="Sponsor",
            title="Promotion Agreement",
        ),
    )
    assert PIT in on(findings, "list of all entrants")
    assert PRICE in on(findings, "for each entrant")
    assert PIT in on(findings, "past enquirers")


def test_a_trail_book_and_a_scheduled_borrower_lost(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "The Vendor agrees to sell its trail book to the Purchaser.",
                "The retention sum is reduced by AUD 900 for each Annexure 3 borrower who refinances elsewhere within a year.",
            ],
            giver="Vendor",
            taker="Purchaser",
        ),
    )
    assert PIT in on(findings, "trail book")
    assert PRICE in on(findings, "Annexure 3 borrower")


def test_a_lead_is_a_record_sold_reported_back_and_credited(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "2.4 The same lead may be sold to the Client and to four other contractors.",
                "2.5 Every week the Client shall report back to the Supplier, for each lead, whether the customer bought.",
                "2.6 Any lead whose email address bounces shall be replaced at no charge.",
                "2.7 The lead counsel for the Client shall review the draft.",
            ],
            giver="Supplier",
            taker="Client",
            title="Lead Supply Agreement",
        ),
    )
    assert PIT in on(findings, "same lead may be sold")
    assert PIT in on(findings, "report back to the Supplier")
    assert PRICE in on(findings, "whose email address bounces")
    assert PIT not in on(findings, "lead counsel")


def test_an_offshore_services_agreement_is_processing_and_its_team_abroad_logs_in(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "Offshore Testing Services Agreement",
            "This Agreement is made between Hangzhou Foo Technology Co., Ltd., a company incorporated in the "
            "People\u2019s Republic of China (the \u201cClient\u201d), and Manila Byte Solutions Inc., a company "
            "incorporated in the Philippines (the \u201cVendor\u201d).",
            "1.1 The Vendor\u2019s analysts shall log into the Client\u2019s order system and may read each "
            "customer\u2019s name, phone number and address to answer complaints.",
            "1.2 The Vendor shall act only on the Client\u2019s documented instructions.",
            "1.3 The Vendor\u2019s delivery manager is Ms. Ana Cruz (ana.cruz@manilabyte.example).",
        ],
    )
    assert CROSS in on(findings, "log into the Client")
    assert EMBEDDED not in on(findings, "delivery manager")
    assert not any(f.category == SAFEGUARD for f in findings)


def test_a_count_of_clients_moved_and_a_price_per_client_signed(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "一、甲方将其名单内的二百一十户记账客户（详见附件）的后续服务转交乙方。",
                "二、乙方按每月续约户数向甲方结算转让款。",
                "三、甲方现有员工12名，由乙方择优录用。",
                "四、甲方将其5名客户经理转由乙方聘用。",
                "五、甲方将其全部客户经理转由乙方聘用。",
            ]
        ),
    )
    assert PIT in on(findings, "二百一十户记账客户")
    assert PRICE in on(findings, "续约户数")
    assert PIT not in on(findings, "现有员工")
    assert PIT not in on(findings, "5名客户经理")
    assert PIT not in on(findings, "全部客户经理")


def test_leads_pushed_to_several_dealers_sent_back_and_not_charged_when_dead(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "购车线索合作协议",
            "甲方：佛山市某某汽车销售服务有限公司",
            "乙方：佛山市某某信息科技有限公司",
            "一、每条线索乙方最多推送给两家经销商。",
            "二、甲方应每月向乙方回传每一条线索是否成交。",
            "三、经核实为停机号码的线索视为无效，不予计费。",
            "四、乙方应向经销商提供车型宣传资料。",
        ],
    )
    assert PIT in on(findings, "最多推送给两家经销商")
    assert PIT in on(findings, "回传每一条线索")
    assert PRICE in on(findings, "不予计费")
    assert PIT not in on(findings, "车型宣传资料")


def test_a_leads_contract_is_data_sharing(tmp_path: Path) -> None:
    lines = [
        "装修客户线索采购合同",
        "甲方：杭州某某装饰工程有限公司",
        "乙方：杭州某某网络科技有限公司",
        "一、乙方每日向甲方提供有装修意向的业主姓名、电话及小区名称。",
        "二、费用按有效线索结算，每条人民币四十元。",
    ]
    deal = deal_of(load_document(agreement(tmp_path / "leads.docx", lines)))
    assert deal.kind == "data-sharing"
