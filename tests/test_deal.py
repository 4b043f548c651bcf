"""The deal model: kinds, parties and their own details, governing law, signing date, price and subject.

Each agreement here is written for the test, modelled on the kinds of deal in legal-brief §5.1; the
expectations are what a lawyer reading it would say, not what the code happened to produce.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from docx import Document as Docx

from draft_agreement.deal import deal_of
from draft_agreement.deal.vocabulary import load_vocabulary
from draft_agreement.errors import RuleFileError
from draft_agreement.model.document import load_document
from draft_agreement.reviewing.run import review

SCHEMA = (
    Path(__file__).resolve().parents[1] / "src" / "draft_agreement" / "report" / "review-report.schema.json"
)


def agreement(path: Path, lines: list[str | list[list[str]]]) -> Path:
    """A .docx: "# " lines are headings, lists of rows are tables, the first line is the title."""
    doc = Docx()
    for k, line in enumerate(lines):
        if isinstance(line, list):
            table = doc.add_table(rows=len(line), cols=len(line[0]))
            for row, values in zip(table.rows, line, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
        elif k == 0:
            doc.add_paragraph(line, style="Title")
        elif line.startswith("# "):
            doc.add_paragraph(line[2:], style="Heading 1")
        else:
            doc.add_paragraph(line)
    doc.save(str(path))
    return path


ACCOUNT_SALE = [
    "微信号及客户资源转让协议",
    "转让方（甲方）：钱某某，身份证号码：320281199006123816，联系电话：13961170258",
    "受让方（乙方）：某某医疗美容门诊部，负责人：孙某某",
    "鉴于甲方以本人身份实名注册并运营3个微信号，积累了大量医美客户，乙方拟受让上述微信号及其中的客户资源。",
    "# 第一条 转让标的",
    "1.1 甲方同意将附件一所列3个微信号及其中全部好友、聊天记录转让给乙方。",
    "# 第二条 转让价款",
    "2.1 转让价款为人民币300,000元，按每个有效好友人民币十元计算。",
    "2.2 乙方应于本协议签订之日支付人民币200,000元，余款于交付后十日内付清。",
    "2.3 交付后核查，每缺少一名有效好友，乙方有权从尾款中扣减人民币十元。",
    "# 第三条 争议解决",
    "3.1 因本协议引起的争议，任何一方均可向江阴市人民法院提起诉讼。",
    "甲方（签字）：钱某某",
    "乙方（盖章）：某某医疗美容门诊部",
    "签订日期：2019年9月22日",
    "附件一：甲方微信号明细",
    [
        ["序号", "微信号", "昵称", "好友数"],
        ["1", "qian_yimei01", "钱顾问", "2300"],
        ["2", "qian_yimei02", "钱顾问2号", "2100"],
    ],
    "附件二：重点客户名单",
    [["序号", "客户姓名", "微信号", "手机号码"], ["1", "陈某", "chen_mm_88", "13800138001"]],
]


@pytest.fixture
def account_sale(tmp_path: Path) -> Path:
    return agreement(tmp_path / "account-sale.docx", ACCOUNT_SALE)


def test_an_account_sale_carrying_customers(account_sale: Path) -> None:
    deal = deal_of(load_document(account_sale))
    assert deal.kind == "account-sale" and "customer-data-sale" in deal.kinds
    seller, buyer = deal.party("transferor"), deal.party("transferee")
    assert seller is not None and buyer is not None
    # The clauses say 甲方 and 乙方; the party block's 转让方 / 受让方 are aliases.
    assert (seller.label, buyer.label) == ("甲方", "乙方")
    assert seller.aliases == ("转让方",) and seller.name == "钱某某"
    assert deal.signed == "2019-09-22"


def test_own_details_belong_to_their_party(account_sale: Path) -> None:
    doc = load_document(account_sale)
    deal = deal_of(doc)
    body = doc.story("body").paragraphs
    by_text = {p.text[:6]: (p.story, p.index) for p in body}
    seller_block = by_text["转让方（甲方"]
    assert deal.owner(seller_block).label == "甲方"
    assert deal.owner(by_text["乙方（盖章）"]).label == "乙方"
    clause = by_text["1.1 甲方"]
    assert deal.owner(clause) is None  # a clause that names the seller is not the seller's details
    # The seller's own accounts are its own; the customers' WeChat IDs are not.
    seller = deal.party("transferor")
    assert seller is not None
    assert set(seller.accounts) == {"qian_yimei01", "qian_yimei02"}
    assert not deal.is_own_account("chen_mm_88")
    assert len(deal.subject.account_tables) == 1


def test_the_price_is_per_head_with_its_schedule_and_deductions(account_sale: Path) -> None:
    deal = deal_of(load_document(account_sale))
    price = deal.consideration
    assert price is not None
    assert (price.clause, price.amount, price.currency, price.per_head) == ("2.1", "300000", "CNY", True)
    labels = {ref: deal.clause_labels[ref] for ref in price.refs}
    assert sorted(labels.values()) == ["2.1", "2.2", "2.3"]
    assert [deal.clause_labels[r] for r in price.adjustments] == ["2.3"]


def test_the_subject_and_its_annexes(account_sale: Path) -> None:
    deal = deal_of(load_document(account_sale))
    described = deal.to_dict()["subject"]
    assert "1.1" in described["clauses"] and "2.1" not in described["clauses"]
    assert described["annexes"] == ["附件一", "附件二"]


@pytest.mark.parametrize(
    ("clause", "jurisdiction", "phrase"),
    [
        ("本契約之準據法為中華民國法律，並以臺灣臺北地方法院為第一審管轄法院。", "TW", "中華民國法律"),
        (
            "本协议适用中华人民共和国法律（为本协议之目的，不包括香港、澳门特别行政区和台湾地区法律）。",
            "CN",
            "中华人民共和国法律",
        ),
        ("本协议受香港特别行政区法律管辖并依其解释。", "HK", "香港特别行政区法律"),
        (
            "This Agreement shall be governed by the laws of the State of California, without regard to its conflict of laws principles.",
            "US-CA",
            "laws of the State of California",
        ),
        (
            "This Agreement is governed by the laws of the Dubai International Financial Centre (DIFC).",
            "AE",
            None,
        ),
        (
            "This Agreement is governed by and construed in accordance with the laws of Singapore.",
            "SG",
            "laws of Singapore",
        ),
        ("This Agreement is governed by the laws of England and Wales.", "GB", "laws of England"),
        (
            "This Agreement shall be governed by and construed in accordance with the laws of the State of Minnesota.",
            "US-MN",
            "laws of the State of Minnesota",
        ),
        (
            "This Agreement is governed by the laws of the People's Republic of China, and disputes shall be "
            "submitted to the Shanghai International Arbitration Center.",
            "CN",
            None,
        ),
        ("This Agreement is governed by the laws of the Commonwealth of Virginia.", "US-VA", None),
        ("This Agreement is governed by the laws of the State of West Virginia.", "US-WV", None),
    ],
)
def test_governing_law(tmp_path: Path, clause: str, jurisdiction: str, phrase: str | None) -> None:
    path = agreement(tmp_path / "law.docx", ["Agreement", "甲方：甲公司", "乙方：乙公司", f"9.1 {clause}"])
    law = deal_of(load_document(path)).governing_law
    assert law is not None and law.jurisdiction == jurisdiction and law.clause == "9.1"
    if phrase is not None:
        assert law.text == phrase


def test_a_forum_abroad_without_a_chosen_law(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "forum.docx",
        [
            "帳號轉讓契約",
            "甲方：王小明",
            "乙方：李大華",
            "第五條 因本契約涉訟時，雙方同意以臺灣臺北地方法院為第一審管轄法院。",
        ],
    )
    law = deal_of(load_document(path)).governing_law
    assert law is not None and law.jurisdiction is None and law.forum_jurisdiction == "TW" and law.foreign


KINDS = {
    "business-transfer": [
        "美容院整体转让协议",
        "转让方（甲方）：周某某",
        "受让方（乙方）：吴某某",
        "一、甲方将其经营的“某某美容院”整体转让给乙方，包括装修、设备设施、房屋租赁合同及员工。",
        "二、店内全部顾客档案及会员储值余额一并移交乙方，由乙方继续提供未消耗的护理服务。",
        "三、转让费为人民币拾伍万元，乙方于签约当日一次性付清。",
    ],
    "data-sharing": [
        "用户数据共享合作协议",
        "数据提供方（甲方）：某某科技有限公司",
        "数据接收方（乙方）：某某营销有限公司",
        "第一条 甲方通过数据接口向乙方共享其平台用户的基本信息、手机号码及浏览行为数据。",
        "第二条 乙方按接口调用次数向甲方支付数据服务费。",
    ],
    "agency": [
        "新媒体账号代运营服务合同",
        "委托方（甲方）：某某餐饮管理有限公司",
        "受托方（乙方）：某某文化传播有限公司",
        "第一条 甲方委托乙方代运营其抖音账号及微信公众号，负责内容发布和粉丝互动。",
        "第二条 运营期间，乙方为账号购买的手机卡及账号的所有权归乙方。",
    ],
    "share-deal": [
        "股权转让协议",
        "转让方：刘某某",
        "受让方：某某投资有限公司",
        "第一条 转让方将其持有的目标公司100%股权以人民币叁佰万元转让给受让方。",
        "第二条 工商变更登记完成后，转让方移交目标公司公章、营业执照及公众号管理员权限，公众号注册主体仍为目标公司。",
    ],
    "processing": [
        "个人信息委托处理协议",
        "委托方（甲方）：某某保险经纪有限公司",
        "受托方（乙方）：某某信息技术有限公司",
        "第一条 乙方应当按照甲方的指示处理客户个人信息，不得超出约定的目的和方式。",
        "第二条 委托关系解除后，乙方应将个人信息返还甲方或者予以删除，不得保留。",
    ],
    "other": [
        "保密协议",
        "披露方：甲公司",
        "接收方：乙公司",
        "1. 接收方应对披露方提供的保密信息严格保密，不得向任何第三方披露。",
        "2. 协议终止后，接收方应归还或销毁全部保密资料，包括账号密码等访问凭证。",
    ],
    "referral": [
        "客户推荐服务协议",
        "甲方：某某诊所",
        "乙方：王某某",
        "一、乙方向甲方推荐有意向的客户，须事先取得客户的单独同意后方可提供其联系方式。",
        "二、甲方按实际完成的推荐服务向乙方支付推荐费。",
    ],
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_kind_of_deal(tmp_path: Path, kind: str) -> None:
    deal = deal_of(load_document(agreement(tmp_path / f"{kind}.docx", KINDS[kind])))
    assert deal.kind == kind, deal.kinds


def test_an_agency_gives_the_agent_its_role(tmp_path: Path) -> None:
    deal = deal_of(load_document(agreement(tmp_path / "agency.docx", KINDS["agency"])))
    assert {p.label: p.role for p in deal.parties} == {"甲方": "principal", "乙方": "agent"}


def test_review_reports_the_deal_and_validates_against_the_schema(account_sale: Path) -> None:
    report = review(account_sale).to_dict()
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))
    deal = report["deal"]
    assert deal["kind"] == "account-sale"
    assert deal["consideration"] == {"clause": "2.1", "amount": "300000", "currency": "CNY", "per_head": True}
    assert deal["signed"] == "2019-09-22"
    # Signed before the PIPL took effect: the report says so first, and each PIPL citation is dated.
    assert list(report)[0] == "notes" and "2021年11月1日" in report["notes"][0]
    cited = [f for f in report["findings"] if any(b["ref"].startswith("pipl:") for b in f["legal_basis"])]
    assert cited
    for finding in cited:
        assert finding["applies_from"] >= "2021-11-01"
        assert any(
            b.get("applies_from") == "2021-11-01"
            for b in finding["legal_basis"]
            if b["ref"].startswith("pipl:")
        )
        assert "2019年9月22日" in finding["explanation"]


def test_a_foreign_law_agreement_is_the_prc_law_view(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "sg.docx",
        [
            "Account Purchase Agreement",
            'Jane Tan (the "Seller") and Bright Media Pte. Ltd. (the "Buyer") agree as follows.',
            "1. The Seller sells and transfers to the Buyer the Instagram account @jane.tan and all its followers.",
            "2. The Seller shall give the Buyer the login password and the recovery e-mail.",
            "3. This Agreement is governed by the laws of Singapore.",
        ],
    )
    report = review(path, lang="en")
    assert report.notes and report.notes[0].startswith("This agreement is governed by the law of Singapore")
    assert report.findings
    for finding in report.findings:
        assert finding.explanation.startswith("[PRC-law view]")
        assert any(b.ref == "pipl:3" for b in finding.legal_basis)
        assert "governs this agreement" not in finding.explanation


def test_a_prc_law_agreement_has_no_governing_law_note(account_sale: Path) -> None:
    report = review(account_sale)
    assert not any("不适用中华人民共和国法律" in note for note in report.notes)
    assert not any(f.explanation.startswith("【中国法视角】") for f in report.findings)


def test_a_broken_vocabulary_is_a_rule_file_error(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "clauses" / "deal"
    for name in ("kinds.yaml", "law.yaml", "terms.yaml"):
        (tmp_path / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    kinds = tmp_path / "kinds.yaml"
    kinds.write_text(kinds.read_text(encoding="utf-8").replace("  other:\n", "  misc:\n"), encoding="utf-8")
    with pytest.raises(RuleFileError, match="misc"):
        load_vocabulary(str(tmp_path))


def test_an_added_annex_is_numbered_after_the_agreements_own(account_sale: Path, tmp_path: Path) -> None:
    assert deal_of(load_document(account_sale)).next_annex("zh") == "附件三"
    english = agreement(
        tmp_path / "en.docx",
        [
            "Asset Purchase Agreement",
            "1. The Seller sells the Assets listed in Schedule 1 to the Buyer.",
            "Schedule 1",
            "Schedule 2",
        ],
    )
    assert deal_of(load_document(english)).next_annex("en") == "Schedule 3"
    bare = agreement(tmp_path / "bare.docx", ["保密协议", "1. 双方应保密。"])
    assert deal_of(load_document(bare)).next_annex("zh") == "附件一"
    assert deal_of(load_document(bare)).next_annex("en") == "Annex 1"


def test_a_processing_title_over_a_transfer_is_not_processing(tmp_path: Path) -> None:
    """A title that calls the deal entrusted processing "and transfer" does not make it processing, and
    the hand-over of customers' details in its body is not capped as a processor's work."""
    path = agreement(
        tmp_path / "disguised.docx",
        [
            "会员资料委托处理及转移合同",
            "甲方：某某茶叶有限公司    乙方：某某茶行有限公司",
            "第一条 甲方将其网店会员之姓名、手机号码、收货地址及消费记录转让予乙方，由乙方自行开展会员营销。",
            "第二条 本合同自双方盖章之日起生效。",
        ],
    )
    doc = load_document(path)
    assert "processing" not in deal_of(doc).kinds
    found = [f.severity for f in review(path).findings if f.category == "personal-info-transfer"]
    assert "high" in found or "medium" in found, found
    # The genuine entrusted processing of the same facts stays processing.
    assert deal_of(load_document(agreement(tmp_path / "p.docx", KINDS["processing"]))).kind == "processing"


def test_a_taiwan_online_store_handed_over_is_an_account_sale(tmp_path: Path) -> None:
    """賣場 is Taiwan's word for an online store and 讓渡 its word for transferring it; 讓渡金 is the price."""
    path = agreement(
        tmp_path / "store.docx",
        [
            "蝦皮賣場讓渡契約書",
            "讓渡人：陳○○（以下簡稱甲方）　受讓人：青禾生活有限公司（以下簡稱乙方）",
            "第一條 甲方將其於蝦皮購物經營之「青禾小舖」賣場帳號讓渡予乙方經營。",
            "第二條 讓渡金為新臺幣捌萬元整，於簽約時一次給付。",
            "第三條 本契約以中華民國法律為準據法。",
        ],
    )
    deal = deal_of(load_document(path))
    assert deal.kind == "account-sale"
    assert deal.consideration is not None
    assert (deal.consideration.amount, deal.consideration.currency) == ("80000", "TWD")
    assert "Shopee" in load_document(path).context.platforms


@pytest.mark.parametrize(
    ("lines", "roles"),
    [
        (
            [
                "美甲店转让协议",
                "转店方：李某某",
                "接店方：赵某某",
                "第一条 转店方将其美甲店整体转让给接店方。",
            ],
            {"转店方": "transferor", "接店方": "transferee"},
        ),
        (
            [
                "診所讓與契約",
                "讓與人：晶妍美學診所",
                "受讓人：柏悅醫美股份有限公司",
                "第一條 讓與人將診所設備讓與受讓人。",
            ],
            {"讓與人": "transferor", "受讓人": "transferee"},
        ),
    ],
)
def test_shop_and_assignment_role_words_name_the_parties(
    tmp_path: Path, lines: list[str], roles: dict[str, str]
) -> None:
    """转店方/接店方 and 讓與人 are parties of their own, so what is inserted calls them so, not 甲方."""
    deal = deal_of(load_document(agreement(tmp_path / "shop.docx", lines)))
    assert {p.label: p.role for p in deal.parties} == roles


@pytest.mark.parametrize(
    ("line", "named"),
    [
        (  # designation, then the name without a colon, then the defined term
            "立契約書人：讓與人晶妍美學診所（負責醫師王美玲，以下簡稱甲方），"
            "受讓人柏悅醫美股份有限公司（代表人陳志明，以下簡稱乙方）",
            {"transferor": "晶妍美學診所", "transferee": "柏悅醫美股份有限公司"},
        ),
        (  # no defined term at all: the designations are the labels
            "立契約書人：讓與人　松柏牙醫診所（負責醫師　周某某），受讓人　杏林醫療管理股份有限公司，"
            "茲就診所營業讓與事宜，訂立本契約。",
            {"transferor": "松柏牙醫診所", "transferee": "杏林醫療管理股份有限公司"},
        ),
        (  # details with their own labels inside the brackets (統一編號：…), no defined term
            "立契約書人：讓與人松柏牙醫診所（負責醫師：周某某），受讓人杏林醫療管理股份有限公司"
            "（統一編號：24536806），茲就診所營業讓與事宜，訂立本契約。",
            {"transferor": "松柏牙醫診所", "transferee": "杏林醫療管理股份有限公司"},
        ),
    ],
)
def test_a_signatories_line_names_each_party(tmp_path: Path, line: str, named: dict[str, str]) -> None:
    """立契約書人 lines name the parties after their designations; the name is not "讓與人晶妍…"."""
    lines = [
        "診所讓與契約",
        line,
        "第一條 讓與人將診所設備及全部顧客資料讓與受讓人。",
        "第二條 價金新臺幣伍佰萬元整。",
    ]
    deal = deal_of(load_document(agreement(tmp_path / "tw.docx", lines)))
    assert {p.role: p.name for p in deal.parties} == named


def test_a_signatories_line_that_is_a_clause_names_nobody(tmp_path: Path) -> None:
    lines = [
        "合作契約",
        "甲方：晨曦photo工作室",
        "乙方：青禾文創有限公司",
        "立約人同意，甲方應於簽約後七日內交付乙方，乙方應於收受後付款。",
    ]
    deal = deal_of(load_document(agreement(tmp_path / "tw.docx", lines)))
    assert {p.label: p.name for p in deal.parties} == {"甲方": "晨曦photo工作室", "乙方": "青禾文創有限公司"}
