"""The kind of a deal from the ways real agreements title it, and a processor that stops acting on instructions.

Titles in other words than our first examples: 讓與/讓渡/頂手/承接/移轉/交接 of a business, "Sale of a
Salon Business", a block of fees or a kindergarten transferred, an account rented (租用), a student
roster taken in (转入), SaaS subscriptions and 运维服务 as processing, an SDK connected (接入) as
data sharing, 轉診 as referral. The look-alike: one member's card passed to a friend is no sale of
customers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from draft_agreement.deal import deal_of
from draft_agreement.model.document import load_document
from draft_agreement.reviewing.run import review
from tests.test_deal import agreement
from tests.test_deal_law import ACTIONABLE

TITLED = [
    (
        "business-transfer",
        [
            "補習班讓渡契約書",
            "讓渡人（甲方）：林某某",
            "受讓人（乙方）：黃某某",
            "第一條 甲方將其經營之補習班連同教室設備、招牌及租約讓渡予乙方。",
            "第二條 讓渡價金為新臺幣捌拾萬元，於點交日一次付清。",
        ],
    ),
    (
        "business-transfer",
        [
            "美甲店承接协议",
            "出让方（甲方）：钱某某",
            "承接方（乙方）：郑某某",
            "一、甲方将其美甲店的装修、设备及门面租赁合同交由乙方承接经营。",
            "二、承接价款为人民币叁万元。",
        ],
    ),
    (
        "business-transfer",
        [
            "Agreement for the Sale of a Florist Business",
            "Seller: Ms A",
            "Buyer: Bloom Ltd",
            "1. The Seller sells the florist business carried on at 12 High Street as a going concern,"
            " with its goodwill, fixtures and fittings.",
            "2. The price is GBP 40,000.",
        ],
    ),
    (
        "business-transfer",
        [
            "Nursery Practice Transfer Agreement",
            "Outgoing Operator: Little Steps LLP",
            "Incoming Operator: Acorn Care Ltd",
            "1. The Outgoing Operator transfers the nursery with its equipment and the lease of the premises.",
        ],
    ),
    (
        "account-sale",
        [
            "游戏账号租用协议",
            "出租方（甲方）：冯某某",
            "承租方（乙方）：陈某某",
            "第一条 乙方向甲方租用其名下的游戏账号一个，租期三个月。",
            "第二条 租金每月人民币伍佰元。",
        ],
    ),
    (
        "processing",
        [
            "Payroll Software Subscription Agreement",
            "Customer: Harbour Foods Ltd",
            "Provider: Ledgerly Inc.",
            "1. The Provider hosts the Customer's payroll records and processes them only on the"
            " Customer's documented instructions.",
            "2. The Customer pays a monthly subscription fee per employee seat.",
        ],
    ),
    (
        "processing",
        [
            "门店收银系统运维服务合同",
            "甲方：某某连锁超市有限公司",
            "乙方：某某软件有限公司",
            "第一条 乙方负责甲方收银系统的日常运维，按照甲方的指示处理系统中的会员信息。",
            "第二条 运维服务费每年人民币贰万元。",
        ],
    ),
    (
        "data-sharing",
        [
            "营销SDK接入协议",
            "甲方：某某出行科技有限公司",
            "乙方：某某广告有限公司",
            "第一条 甲方在其应用中接入乙方SDK，SDK采集设备信息和用户行为数据并传送至乙方服务器。",
        ],
    ),
    (
        "referral",
        [
            "牙科轉診合作契約書",
            "甲方：某某牙醫診所",
            "乙方：某某齒顎矯正診所",
            "第一條 甲方得將有矯正需求之病人轉介乙方，惟應事先取得病人之書面同意。",
        ],
    ),
    (
        "business-transfer",
        [
            "花店转让协议",
            "转让方（甲方）：邓某某",
            "受让方（乙方）：罗某某",
            "一、甲方将花店的冷柜、花架、装修及门面租赁合同转让给乙方。",
            "二、转让费人民币伍万元。",
        ],
    ),
    (
        "business-transfer",
        [
            "康復理療中心業務買賣協議",
            "賣方：某某理療有限公司",
            "買方：某某健康管理有限公司",
            "第一條 賣方將其理療中心之設備、裝修及租約出售予買方。",
        ],
    ),
    (
        "processing",
        [
            "HR and Benefits Services Agreement",
            "Company: Riverside Logistics Ltd",
            "Provider: Peopleworks Pte Ltd",
            "1. The Provider administers the Company's benefits enrolment and processes the staff data"
            " only on the Company's documented instructions.",
        ],
    ),
    (
        "processing",
        [
            "跨境仓储服务合同",
            "甲方：某某电子商务有限公司",
            "乙方：某某供应链有限公司",
            "第一条 乙方为甲方提供海外仓储及发货服务，按照甲方的指示处理收件人信息。",
        ],
    ),
    (
        "data-sharing",
        [
            "会员权益互通协议",
            "甲方：某某影城有限公司",
            "乙方：某某餐饮有限公司",
            "第一条 双方会员可凭会员身份在对方门店享受折扣，双方每月交换会员的手机号码和消费记录。",
        ],
    ),
    # Data passed between two organisations that also speaks of their customers' records is data sharing first,
    # whether titled a collaboration or a co-branded card's promotion.
    (
        "data-sharing",
        [
            "Data Collaboration Agreement",
            "Parties: Fernway Boxes Inc. (the “Retailer”) and Lumen Insights LLC (the “Analyst”)",
            "1. The Retailer shall provide the Analyst each month with its customer records, including names,"
            " e-mail addresses and purchase histories, for the Analyst's audience models.",
            "2. The Analyst shall return segment reports and may use the customer records for its other clients.",
        ],
    ),
    (
        "data-sharing",
        [
            "联名会员卡合作推广协议",
            "甲方：某某银行股份有限公司某某分行",
            "乙方：某某健身管理有限公司",
            "第一条 乙方应将其会员名单（含会员姓名、手机号码）提供给甲方，用于联名卡的营销推广。",
            "第二条 甲方每发卡一张，向乙方支付推广费人民币30元。",
        ],
    ),
    # A list licensed out for a term is people's records sold, however the title words it.
    (
        "customer-data-sale",
        [
            "電話名單使用授權契約書",
            "授權人（甲方）：某某行銷顧問有限公司",
            "被授權人（乙方）：某某保險經紀人股份有限公司",
            "第一條 甲方授權乙方於六個月內使用甲方整理之名單，名單載有受訪者姓名、手機號碼及年齡。",
            "第二條 授權費按每筆名單新臺幣五元計算。",
        ],
    ),
    (
        "customer-data-sale",
        [
            "Marketing List Licence Agreement",
            "Licensor: Pinecrest Data Ltd",
            "Licensee: Harbor Home Improvements LLC",
            "1. The Licensor grants the Licensee a licence to use, for twelve months, its list of 40,000 homeowners"
            " with their names, postal addresses and telephone numbers.",
            "2. The Licensee shall pay USD 0.15 for each record.",
        ],
    ),
]


@pytest.mark.parametrize(("expected", "lines"), TITLED, ids=[lines[0] for _, lines in TITLED])
def test_the_kind_from_a_real_title(tmp_path: Path, expected: str, lines: list[str]) -> None:
    deal = deal_of(load_document(agreement(tmp_path / "deal.docx", lines)))
    assert deal.kind == expected, deal.kinds


def test_a_member_passing_on_a_card_is_no_sale_of_customers(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "card.docx",
        [
            "瑜伽会员权益转让协议",
            "转让人（甲方）：许某某",
            "受让人（乙方）：何某某",
            "丙方：某某瑜伽馆",
            "第一条 甲方将其名下剩余二十次课的会员卡转让给乙方，丙方同意为乙方办理会员信息变更。",
        ],
    )
    assert "customer-data-sale" not in deal_of(load_document(path)).kinds


PROCESSOR = [
    "会员管理系统服务合同",
    "甲方：某某连锁药房有限公司",
    "乙方：某某云软件有限公司",
    "第一条 乙方为甲方托管会员管理系统，按照甲方的指示处理会员的姓名、手机号码和购药记录，不得用于其他目的。",
]


def _actionable(path: Path, category: str) -> list[str]:
    return [
        f.paragraph_text or ""
        for f in review(path).findings
        if f.category == category and f.severity in ACTIONABLE
    ]


def test_a_processor_on_instructions_is_at_most_low(tmp_path: Path) -> None:
    path = agreement(tmp_path / "on-instructions.docx", PROCESSOR)
    assert deal_of(load_document(path)).kind == "processing"
    assert not _actionable(path, "personal-info-transfer")


def test_a_processor_passing_data_to_its_partner_keeps_the_severity(tmp_path: Path) -> None:
    clause = "第二条 乙方可将会员的姓名、手机号码及消费记录按月提供给与乙方合作的保健品商家。"
    path = agreement(tmp_path / "to-partner.docx", [*PROCESSOR, clause])
    assert deal_of(load_document(path)).kind == "processing"
    assert clause in _actionable(path, "personal-info-transfer")
