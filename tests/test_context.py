"""Context extraction: parties, roles, title, date, amounts and accounts from paragraph lists.

Every document here is built by hand, and every expectation is read off the document text, not off
the extractor's output. A shared invariant runs over all of them: whatever the Context reports must be
found verbatim in the paragraphs (nothing invented), and the Context must survive a JSON round trip.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from draft_agreement.model.context import Context, extract_context


@dataclass(frozen=True)
class Cell:
    table: int
    row: int
    col: int


@dataclass(frozen=True)
class Para:
    text: str
    story: str = "body"
    cell: Cell | None = None


def table(index: int, rows: list[list[str]]) -> list[Para]:
    return [Para(text, cell=Cell(index, r, c)) for r, row in enumerate(rows) for c, text in enumerate(row)]


def extract(items: Sequence[str | Para], language: str = "zh-Hans") -> Context:
    paragraphs = [p if isinstance(p, Para) else Para(p) for p in items]
    context = extract_context(paragraphs, language)
    assert_nothing_invented(context, paragraphs)
    return context


def assert_nothing_invented(context: Context, paragraphs: list[Para]) -> None:
    """Every string the Context reports is a slice of some paragraph, and it serialises to JSON."""
    texts = [p.text for p in paragraphs]

    def found(value: str | None) -> bool:
        return value is None or any(value in t for t in texts)

    for party in context.parties:
        assert party.designation in party.aliases
        for value in (
            *party.aliases,
            party.name,
            party.id_number,
            party.address,
            party.contact,
            party.representative,
        ):
            assert found(value), value
    for amount in context.amounts:
        assert found(amount.text)
    for account in context.accounts:
        assert found(account.identifier)
    if context.title is not None:
        assert any(context.title.replace(" ", "") in t.replace(" ", "") for t in texts)
    assert found(context.date_text)
    assert json.loads(json.dumps(context.to_dict(), ensure_ascii=False)) == context.to_dict()


def names(context: Context) -> dict[str, str | None]:
    return {p.designation: p.name for p in context.parties}


# --- Chinese ---------------------------------------------------------------------------------------

JIANGYIN = [
    "微 信 号 转 让 协 议",
    "甲方（转让方）：程某某",
    "身份证号码：320281198501011234",
    "联系电话：13800138000",
    "乙方（受让方）：某某医疗美容门诊部",
    "法定代表人：赵某",
    "住所：江阴市某某路1号",
    "甲乙双方经友好协商，于2019年9月22日在江阴签订本协议，以资共同遵守。",
    "第一条 甲方同意将其名下9个微信号（微信号：wxid_abc123、cheng_2019）转让给乙方。",
    "第二条 转让价款为人民币伍拾万元整（¥500,000.00），乙方于签订当日支付30万元，余款20万元分两期支付。",
    "第三条 甲方应将微信号的密码、绑定手机号变更为乙方指定的号码。",
    "甲方（签字）：程某某",
    "乙方（盖章）：________",
    "法定代表人（签字）：",
    "日期：2019年9月22日",
]


def test_chinese_transfer_agreement_with_signature_block() -> None:
    ctx = extract(JIANGYIN)
    assert ctx.title == "微信号转让协议"
    assert [p.designation for p in ctx.parties] == ["甲方", "乙方"]  # the signature block adds nobody
    seller, buyer = ctx.seller, ctx.buyer
    assert seller is not None and buyer is not None
    assert (seller.name, seller.role, seller.aliases) == ("程某某", "transferor", ("甲方", "转让方"))
    assert (seller.id_number, seller.contact) == ("320281198501011234", "13800138000")
    assert (buyer.name, buyer.role, buyer.aliases) == ("某某医疗美容门诊部", "transferee", ("乙方", "受让方"))
    assert (buyer.representative, buyer.address) == ("赵某", "江阴市某某路1号")
    assert ctx.party("transferee") is buyer
    assert (ctx.date, ctx.date_text) == ("2019-09-22", "2019年9月22日")
    assert [(a.value, a.currency) for a in ctx.amounts] == [
        (Decimal(500000), "CNY"),
        (Decimal(300000), "CNY"),
        (Decimal(200000), "CNY"),
    ]
    assert [(a.platform, a.identifier) for a in ctx.accounts] == [
        ("WeChat", "wxid_abc123"),
        ("WeChat", "cheng_2019"),
    ]
    assert ctx.platforms == ("WeChat",)


def test_later_mentions_fill_blanks_but_never_override() -> None:
    ctx = extract(
        [
            "甲方：________",
            "乙方：李四",
            "第一条 甲方将其抖音号转让给乙方。",
            "甲方（签字）：张三",
            "乙方（签字）：王五",
        ]
    )
    assert names(ctx) == {"甲方": "张三", "乙方": "李四"}
    assert ctx.parties[1].representative == "王五"


def test_transferor_transferee_designations() -> None:
    ctx = extract(
        [
            "抖音账号转让合同",
            "出让方：张三    身份证号：110101199003071234",
            "受让方：北京某某文化传媒有限公司",
            "统一社会信用代码：91110105MA01ABCD2X",
            "一、出让方将抖音号 zhangsan888 转让给受让方，转让费50万元。",
        ]
    )
    seller, buyer = ctx.seller, ctx.buyer
    assert seller is not None and buyer is not None
    assert (seller.designation, seller.name, seller.id_number) == ("出让方", "张三", "110101199003071234")
    assert (buyer.designation, buyer.name, buyer.id_number) == (
        "受让方",
        "北京某某文化传媒有限公司",
        "91110105MA01ABCD2X",
    )
    assert ctx.title == "抖音账号转让合同"
    assert [(a.platform, a.identifier) for a in ctx.accounts] == [("Douyin", "zhangsan888")]
    assert ctx.amounts[0].value == Decimal(500000)


def test_defined_term_in_label_links_aliases() -> None:
    ctx = extract(
        [
            "转让方（以下简称“甲方”）：程某某",
            "受让方：赵某（以下简称“乙方”）",
        ]
    )
    assert [(p.designation, p.name, set(p.aliases), p.role) for p in ctx.parties] == [
        ("甲方", "程某某", {"转让方", "甲方"}, "transferor"),
        ("乙方", "赵某", {"受让方", "乙方"}, "transferee"),
    ]


def test_an_unquoted_defined_term_links_aliases_too() -> None:
    ctx = extract(
        [
            "转让方（以下简称甲方）：周某某",
            "受让方（以下简称为乙方）：成都麦香餐饮管理有限公司",
        ]
    )
    assert [(p.designation, p.name, set(p.aliases)) for p in ctx.parties] == [
        ("甲方", "周某某", {"转让方", "甲方"}),
        ("乙方", "成都麦香餐饮管理有限公司", {"受让方", "乙方"}),
    ]


def test_defined_term_after_the_identification() -> None:
    ctx = extract(
        [
            "转让方：程某某，身份证号：320281198501011234，以下简称“甲方”",
            "本协议由赵某（身份证号：320281198002021234，以下简称“乙方”）签署。",
            "甲方：程某某（账号名称为“abc”）",  # a quoted word inside a bracket is not a definition
        ]
    )
    assert [(p.designation, p.name, p.id_number, p.aliases) for p in ctx.parties] == [
        ("甲方", "程某某", "320281198501011234", ("转让方", "甲方")),
        ("乙方", "赵某", "320281198002021234", ("乙方",)),
    ]


def test_defined_terms_in_a_preamble_sentence() -> None:
    ctx = extract(
        [
            "本协议由程某某，女，身份证号：320281198501011234，（以下简称“甲方”或“转让方”）与某某医疗美容门诊部"
            "（以下简称“乙方”或“受让方”）于2019年9月22日在江阴市签订。",
            "第一条 甲方将其微信号转让给乙方。",
        ]
    )
    seller, buyer = ctx.seller, ctx.buyer
    assert seller is not None and buyer is not None
    assert (seller.designation, seller.name, seller.id_number) == ("甲方", "程某某", "320281198501011234")
    assert set(seller.aliases) == {"甲方", "转让方"}
    assert (buyer.designation, buyer.name) == ("乙方", "某某医疗美容门诊部")
    assert ctx.date == "2019-09-22"


def test_parties_in_a_label_value_table() -> None:
    ctx = extract(
        [
            "客户资源转让协议",
            *table(
                0,
                [
                    ["甲方（转让方）", "程某某"],
                    ["身份证号", "320281198501011234"],
                    ["联系电话", "13800138000"],
                    ["乙方（受让方）", "赵某"],
                    ["身份证号", "320281198002021234"],
                ],
            ),
            "第一条 甲方将其客户资源转让给乙方。",
        ]
    )
    assert [(p.designation, p.name, p.id_number, p.role) for p in ctx.parties] == [
        ("甲方", "程某某", "320281198501011234", "transferor"),
        ("乙方", "赵某", "320281198002021234", "transferee"),
    ]
    assert ctx.parties[0].contact == "13800138000"
    assert ctx.title == "客户资源转让协议"


def test_parties_side_by_side_in_one_row() -> None:
    ctx = extract(
        table(
            0,
            [
                ["甲方", "程某某", "乙方", "赵某"],
                ["电话", "13800138000", "电话", "13900139000"],
            ],
        )
    )
    assert [(p.name, p.contact) for p in ctx.parties] == [("程某某", "13800138000"), ("赵某", "13900139000")]


def test_parties_in_a_header_table() -> None:
    ctx = extract(
        [
            "数据提供协议",
            *table(
                0,
                [
                    ["角色", "名称", "证件号码", "联系电话"],
                    ["甲方（提供方）", "某某科技有限公司", "91320200MA1XXXXX0Q", "0510-12345678"],
                    ["乙方（接收方）", "某某数据服务有限公司", "91110000MA0YYYYY1R", "010-87654321"],
                ],
            ),
        ]
    )
    assert [(p.designation, p.role, p.name, p.id_number, p.contact) for p in ctx.parties] == [
        ("甲方", "provider", "某某科技有限公司", "91320200MA1XXXXX0Q", "0510-12345678"),
        ("乙方", "recipient", "某某数据服务有限公司", "91110000MA0YYYYY1R", "010-87654321"),
    ]


def test_parties_one_column_each() -> None:
    ctx = extract(
        table(
            0,
            [
                ["", "甲方（出租方）", "乙方（承租方）"],
                ["姓名", "王五", "赵六"],
                ["住址", "上海市某路2号", "上海市某路3号"],
            ],
        )
    )
    assert [(p.role, p.name, p.address) for p in ctx.parties] == [
        ("lessor", "王五", "上海市某路2号"),
        ("lessee", "赵六", "上海市某路3号"),
    ]


def test_signature_table_adds_no_blank_parties() -> None:
    ctx = extract(
        [
            "甲方：程某某",
            "乙方：赵某",
            *table(0, [["甲方（签字）：", "乙方（盖章）："], ["日期：", "日期："]]),
        ]
    )
    assert names(ctx) == {"甲方": "程某某", "乙方": "赵某"}
    ctx = extract(table(0, [["甲方（签字）：", "乙方（盖章）："], ["日期：", "日期："]]))
    assert ctx.parties == ()


def test_account_table() -> None:
    ctx = extract(
        [
            "附件一：转让账号清单",
            *table(
                0,
                [
                    ["序号", "微信号", "好友数量"],
                    ["1", "wxid_abc123", "2500"],
                    ["2", "meiyan_2019", "3000"],
                    ["3", "", ""],
                ],
            ),
            *table(1, [["平台", "账号"], ["抖音", "dy_shop01"], ["小红书", "xhs-beauty"]]),
        ]
    )
    assert [(a.platform, a.identifier) for a in ctx.accounts] == [
        ("WeChat", "wxid_abc123"),
        ("WeChat", "meiyan_2019"),
        ("Douyin", "dy_shop01"),
        ("Xiaohongshu", "xhs-beauty"),
    ]


def test_traditional_chinese() -> None:
    ctx = extract(
        [
            "帳號轉讓契約書",
            "甲方（轉讓方）：陳大文",
            "身分證字號：A123456789",
            "乙方（受讓方）：林小明",
            "本契約於中華民國108年9月22日簽訂。",
            "甲方同意將其LINE帳號及Instagram帳號 @chen_daiwen 轉讓予乙方，價金新臺幣伍拾萬元整。",
        ],
        "zh-Hant",
    )
    seller, buyer = ctx.seller, ctx.buyer
    assert seller is not None and buyer is not None
    assert (seller.designation, seller.name, seller.aliases) == ("甲方", "陳大文", ("甲方", "轉讓方"))
    assert (buyer.name, buyer.role) == ("林小明", "transferee")
    assert ctx.title == "帳號轉讓契約書"
    assert (ctx.date, ctx.date_text) == ("2019-09-22", "中華民國108年9月22日")
    assert [(a.value, a.currency) for a in ctx.amounts] == [(Decimal(500000), "TWD")]
    assert [(a.platform, a.identifier) for a in ctx.accounts] == [("Instagram", "@chen_daiwen")]
    assert ctx.platforms == ("LINE", "Instagram")  # 帳號 folds to 账号, so "LINE帳號" names LINE


def test_dpa_principal_and_processor() -> None:
    ctx = extract(
        [
            "个人信息委托处理协议",
            "委托方：某某医疗美容门诊部",
            "受托方：某某信息技术有限公司",
            "授权代表：钱七",
            "受托方应仅按照委托方的指示处理个人信息，委托关系终止后删除或返还个人信息。",
            "签订日期：二〇二四年三月一日",
        ]
    )
    principal, processor = ctx.party("principal"), ctx.party("processor")
    assert principal is not None and processor is not None
    assert (principal.name, processor.name, processor.representative) == (
        "某某医疗美容门诊部",
        "某某信息技术有限公司",
        "钱七",
    )
    assert ctx.seller is None and ctx.buyer is None  # entrusted processing is not a transfer
    assert (ctx.date, ctx.date_text) == ("2024-03-01", "二〇二四年三月一日")


def test_lease() -> None:
    ctx = extract(
        [
            "房屋租赁合同",
            "出租方（甲方）：王五",
            "承租方（乙方）：赵六",
            "第一条 甲方将位于上海市某路2号的房屋出租给乙方使用，月租金为人民币3,000元（大写：叁仟元整）。",
            "第二条 门锁密码由甲方在交房时告知乙方。",
        ]
    )
    assert ctx.seller is not None and ctx.buyer is not None
    assert (ctx.seller.name, ctx.seller.role, ctx.seller.designation) == ("王五", "lessor", "出租方")
    assert (ctx.buyer.name, ctx.buyer.role, set(ctx.buyer.aliases)) == ("赵六", "lessee", {"承租方", "乙方"})
    assert [(a.value, a.currency) for a in ctx.amounts] == [(Decimal(3000), "CNY")]


def test_roles_inferred_from_the_operative_clause() -> None:
    ctx = extract(
        [
            "甲方：张三",
            "乙方：李四",
            "第一条 未经乙方同意，甲方不得将账号出借给乙方以外的人。",
            "第二条 甲方同意将其快手账号及全部粉丝转让给乙方。",
        ]
    )
    assert (ctx.parties[0].role, ctx.parties[1].role) == ("transferor", "transferee")
    assert ctx.seller is not None and ctx.seller.name == "张三"


def test_the_direction_most_clauses_take_gives_the_roles() -> None:
    # A swap of a bookshop's readers for a café's: the café's card numbers go back once, but the
    # bookshop's reader records go to the café in two clauses, so the bookshop is the provider.
    ctx = extract(
        [
            "甲方：某某书店",
            "乙方：某某咖啡馆",
            "第一条 乙方会员在甲方消费的，由乙方向甲方提供其会员卡号以便核对。",
            "第二条 甲方每月将读者会员的姓名和手机号码发送乙方，用于乙方的新品推广。",
            "第三条 甲方新增读者的借阅偏好上传至乙方的营销系统。",
        ]
    )
    assert [p.role for p in ctx.parties] == ["provider", "recipient"]


def test_prohibition_alone_gives_no_roles() -> None:
    ctx = extract(["甲方：张三", "乙方：李四", "甲方不得将其账号转让给乙方。"])
    assert [p.role for p in ctx.parties] == ["party", "party"]
    assert ctx.seller is None


def test_entrustment_clause_gives_principal_and_processor() -> None:
    ctx = extract(["甲方：某某门诊部", "乙方：某某软件公司", "甲方委托乙方按照本协议处理客户个人信息。"])
    assert [p.role for p in ctx.parties] == ["principal", "processor"]


def test_blank_party_lines_do_not_take_the_next_clause_as_name() -> None:
    ctx = extract(["甲方：", "乙方：", "鉴于甲方拥有微信号 abc_12345，双方约定如下："])
    assert names(ctx) == {"甲方": None, "乙方": None}


def test_clause_after_designation_is_not_a_party_name() -> None:
    ctx = extract(["甲方：应于本协议签订之日起三日内交付账号。", "乙方：负责支付价款。"])
    assert ctx.parties == ()


# --- English ---------------------------------------------------------------------------------------


def test_english_by_and_between() -> None:
    ctx = extract(
        [
            "ACCOUNT PURCHASE AGREEMENT",
            'This Account Purchase Agreement (the "Agreement") is entered into as of March 1, 2024 by and between '
            "Bright Media, LLC, a Delaware limited liability company with its principal office at 1 Main Street, "
            'Dover (the "Seller"), and John Doe ("Buyer") (each a "Party" and together the "Parties").',
            "1. Seller agrees to sell the Instagram account @brightmedia to Buyer for USD 40,000 (the \u201cPrice\u201d).",
            "2. Buyer shall pay $40,000.00 within five days.",
            "SELLER:",
            "Bright Media, LLC",
            "By: ____________",
            "Name: Jane Roe",
            "Title: CEO",
            "BUYER:",
            "By: ____________",
        ],
        "en",
    )
    seller, buyer = ctx.seller, ctx.buyer
    assert seller is not None and buyer is not None
    assert (seller.designation, seller.name, seller.role) == ("Seller", "Bright Media, LLC", "transferor")
    assert seller.address == "1 Main Street, Dover"
    assert seller.representative == "Jane Roe"
    assert (buyer.designation, buyer.name, buyer.role) == ("Buyer", "John Doe", "transferee")
    assert len(ctx.parties) == 2
    assert ctx.title == "ACCOUNT PURCHASE AGREEMENT"
    assert (ctx.date, ctx.date_text) == ("2024-03-01", "March 1, 2024")
    assert [(a.value, a.currency) for a in ctx.amounts] == [(Decimal(40000), "USD")]
    assert [(a.platform, a.identifier) for a in ctx.accounts] == [("Instagram", "@brightmedia")]


def test_english_header_table() -> None:
    ctx = extract(
        table(
            0,
            [
                ["Party", "Name", "Address"],
                ["Seller", "Bright Media LLC", "1 Main St"],
                ["Buyer", "John Doe", ""],
            ],
        ),
        "en",
    )
    assert [(p.designation, p.role, p.name, p.address) for p in ctx.parties] == [
        ("Seller", "transferor", "Bright Media LLC", "1 Main St"),
        ("Buyer", "transferee", "John Doe", None),
    ]


def test_english_label_form_and_party_a() -> None:
    ctx = extract(
        [
            "Data Transfer Agreement",
            "Party A (Provider): Bright Media LLC",
            "Address: 1 Main Street, Dover",
            "Party B (Recipient): Acme Analytics Inc.",
            "Email: legal@acme.example",
            "This Agreement is dated 22 September 2019.",
            "Provider will provide the customer list to Recipient via the TikTok and X (formerly Twitter) accounts.",
        ],
        "en",
    )
    provider, recipient = ctx.party("provider"), ctx.party("recipient")
    assert provider is not None and recipient is not None
    assert (provider.designation, provider.name, provider.address) == (
        "Party A",
        "Bright Media LLC",
        "1 Main Street, Dover",
    )
    assert set(provider.aliases) == {"Party A", "Provider"}
    assert (recipient.name, recipient.contact) == ("Acme Analytics Inc.", "legal@acme.example")
    assert ctx.seller is provider and ctx.buyer is recipient
    assert ctx.date == "2019-09-22"
    assert ctx.platforms == ("TikTok", "X")


def test_english_seller_buyer_lines() -> None:
    ctx = extract(
        [
            "Seller: Bright Media LLC",
            "Buyer: John Doe, an individual residing in Texas",
            "The Seller shall transfer the WeChat ID: bright_media01 to the Buyer.",
        ],
        "en",
    )
    assert names(ctx) == {"Seller": "Bright Media LLC", "Buyer": "John Doe"}
    assert [(a.platform, a.identifier) for a in ctx.accounts] == [("WeChat", "bright_media01")]


def test_licence_defined_terms_without_preamble_words() -> None:
    ctx = extract(
        [
            '(1) ACME CONTENT LIMITED, a company incorporated in England (the "Licensor"); and',
            '(2) JOHN SMITH of 12 High Street, Leeds (the "Licensee").',
        ],
        "en",
    )
    assert [(p.role, p.name) for p in ctx.parties] == [
        ("licensor", "ACME CONTENT LIMITED"),
        ("licensee", "JOHN SMITH"),
    ]
    assert ctx.parties[1].address == "12 High Street, Leeds"


# --- nothing invented ------------------------------------------------------------------------------


def test_document_without_parties() -> None:
    ctx = extract(
        [
            "会议纪要",
            "各方就市场推广方案进行了讨论，并同意下周再议。",
            "The meeting agreed to review the budget next week.",
            "Address: see the attached list.",
        ]
    )
    assert ctx.parties == ()
    assert ctx.seller is None and ctx.buyer is None
    assert (ctx.date, ctx.amounts, ctx.accounts, ctx.platforms) == (None, (), (), ())


def test_headers_and_footers_do_not_create_parties() -> None:
    ctx = extract([Para("甲方：页眉中的公司", story="header1"), Para("正文")])
    assert ctx.parties == ()


FRAGMENTS = [
    "甲方",
    "乙方",
    "（转让方）",
    "（以下简称“甲方”）",
    "：",
    "签字",
    "程某某",
    "身份证号：",
    "320281198501011234",
    "Seller",
    ": ",
    "By: ",
    '(the "Buyer")',
    "between ",
    "ABC Ltd.",
    ", and ",
    "微信号 ",
    "wxid_abc",
    "@x_y",
    "人民币",
    "伍拾万元整",
    "50万元",
    "$40,000",
    "2019年9月22日",
    "March 1, 2024",
    "于",
    "签订",
    "\t",
    " ",
    "。",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join), max_size=8))
def test_anything_reported_is_in_the_text(lines: list[str]) -> None:
    extract(lines)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=6))
def test_arbitrary_text_never_breaks_extraction(lines: list[str]) -> None:
    extract(lines)


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant", "en"])
def test_empty_document(language: str) -> None:
    ctx = extract([], language)
    assert ctx == Context(language, None, (), None, None, (), (), ())


def test_a_preamble_entered_into_by_names_the_party_not_the_sentence() -> None:
    ctx = extract(
        [
            "ACCOUNT PURCHASE AGREEMENT",
            'This Agreement is entered into by Jennifer Lowe ("Seller") and Brightline Media LLC ("Buyer").',
            "1. Seller sells the Instagram account @jen.lowe to Buyer.",
        ],
        "en",
    )
    assert ctx.seller is not None and ctx.seller.name == "Jennifer Lowe"
    assert ctx.buyer is not None and ctx.buyer.name == "Brightline Media LLC"


def test_traditional_liaison_phone_is_a_contact_not_part_of_the_name() -> None:
    ctx = extract(
        [
            "帳號轉讓契約",
            "出讓人（甲方）：王小明，聯絡電話：0912-345-678",
            "受讓人（乙方）：美麗佳人有限公司",
        ],
        "zh-Hant",
    )
    assert ctx.seller is not None
    assert (ctx.seller.name, ctx.seller.contact) == ("王小明", "0912-345-678")


def test_a_shop_takeover_designation_is_not_the_partys_name() -> None:
    """顶让方 names a party of a takeover (either side, as agreements use it); 承顶方 is the one taking over."""
    ctx = extract(
        [
            "店铺顶让协议",
            "转让方（以下简称甲方）：钱某某，联系电话：13951716208",
            "顶让方（以下简称乙方）：孙某某，联系电话：18652031477",
            "承顶方（丙方）：周某某",
            "一、甲方将店面转让给乙方。",
        ]
    )
    found = {p.name: (p.role, set(p.aliases)) for p in ctx.parties}
    assert found["孙某某"] == ("party", {"顶让方", "乙方"})
    assert found["周某某"] == ("transferee", {"承顶方", "丙方"})


def test_a_signature_lines_date_is_no_partys_name() -> None:
    """受讓人：(blank for the signature) then the date: the date is the signing date, not the buyer's name."""
    ctx = extract(
        [
            "診所業務讓與契約書",
            "讓與人：陳某某",
            "第一條 讓與人將診所設備讓與受讓人。",
            "讓與人：陳某某　　　　受讓人：　　　　　　中華民國一一二年七月十日",
        ],
        language="zh-Hant",
    )
    assert all(p.name is None or "民國" not in p.name for p in ctx.parties)
