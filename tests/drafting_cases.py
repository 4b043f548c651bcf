"""Agreements written for the drafting tests, one per kind of deal in legal-brief §5.1 (zh, zh-Hant, en).

Each is what a lawyer brings: a void sale with its price, instalments, per-head deductions and customer
schedule, a header marked 保密, party blocks that give some contact details and not others. The facts a
test checks (the seller's name, every amount, the governing law) are written here, so expectations
come from the agreement, never from the drafting code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as Docx

Row = list[str]


@dataclass(frozen=True)
class Case:
    """One agreement: its lines ("# " a heading, a list of rows a table), header, footer and facts."""

    name: str
    lang: str  # the draft language: zh or en
    lines: list[str | list[Row]]
    header: str = ""
    footer: str = ""
    provider: str | None = None  # the seller's name as the party block writes it
    recipient: str | None = None
    children: bool = False  # the data concern under-14s
    law: str | None = None  # the governing law as the agreement writes it
    own_annexes: int = 0
    secrets: tuple[str, ...] = field(default=())  # third parties' data written into the agreement

    def build(self, folder: Path) -> Path:
        doc = Docx()
        for k, line in enumerate(self.lines):
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
        section = doc.sections[0]
        if self.header:
            section.header.paragraphs[0].text = self.header
        if self.footer:
            section.footer.paragraphs[0].text = self.footer
        path = folder / f"{self.name}.docx"
        doc.save(str(path))
        return path


WECHAT_SALE = Case(
    name="wechat-sale",
    lang="zh",
    header="微信账号及客户资源转让协议　保密",
    footer="保密文件 请勿外传",
    provider="钱某某",
    recipient="某某医疗美容门诊部",
    law=None,
    own_annexes=2,
    secrets=("320281199006123816", "陈某", "13800138001", "chen_mm_88"),
    lines=[
        "微信账号及客户资源转让协议",
        "转让方（甲方）：钱某某，身份证号码：320281199006123816，联系电话：13961170258",
        "受让方（乙方）：某某医疗美容门诊部，负责人：孙某某",
        "鉴于甲方以本人身份实名注册并运营3个微信号，积累了大量医美客户，乙方拟受让上述微信号及其中的客户资源。",
        "# 第一条 转让标的",
        "1.1 甲方同意将附件一所列3个微信号的全部使用权转让给乙方，包括其中全部好友、聊天记录及客户的身份证号码、出生日期、家庭住址和病历资料。",
        "1.2 甲方应于本协议签订后三日内将登录密码、支付密码交付乙方，并将绑定手机号码换绑至乙方指定的号码。",
        "# 第二条 转让价款及支付",
        "2.1 转让价款为人民币500,000元（大写：伍拾万元整），按每个有效好友人民币二十五元计算。",
        "2.2 乙方应于本协议签订之日支付人民币300,000元，余款人民币200,000元于交付完成后十五日内一次性支付。",
        "2.3 交付后核查，每缺少一名有效好友，乙方有权从尾款中扣减人民币二十五元。",
        "2.4 甲方不对客户的数量、质量作任何保证，客户流失与甲方无关。",
        "# 第三条 保密",
        "3.1 乙方接收微信号后继续以甲方名义与客户沟通，双方不得向客户透露微信号已转让的事实。",
        "# 第四条 争议解决",
        "4.1 本协议适用中华人民共和国法律。因本协议引起的争议，任何一方均可向江阴市人民法院提起诉讼。",
        "甲方（签字）：钱某某",
        "乙方（盖章）：某某医疗美容门诊部",
        "签订日期：2021年3月16日",
        "附件一：甲方微信号明细",
        [
            ["序号", "微信号", "昵称", "好友数"],
            ["1", "qian_yimei01", "钱顾问", "7300"],
            ["2", "qian_yimei02", "钱顾问2号", "6800"],
            ["3", "qian_yimei03", "钱顾问3号", "5900"],
        ],
        "附件二：重点客户名单",
        [
            ["序号", "客户姓名", "微信号", "手机号码", "咨询项目"],
            ["1", "陈某", "chen_mm_88", "13800138001", "眼综合"],
        ],
    ],
)

TAIWAN_LINE = Case(
    name="line-sale-hant",
    lang="zh",
    header="LINE官方帳號轉讓契約",
    provider="王小明",
    recipient="美麗佳人有限公司",
    law="中華民國法律",
    own_annexes=1,
    lines=[
        "LINE官方帳號及會員資料轉讓契約",
        "出讓人（甲方）：王小明，聯絡電話：0912-345-678",
        "受讓人（乙方）：美麗佳人有限公司，代表人：林美華",
        "緣甲方經營LINE官方帳號及Facebook粉絲專頁，累積好友約12,000人，乙方有意受讓。",
        "第一條 甲方同意將其LINE官方帳號及Facebook粉絲專頁之管理權限，連同全部好友、會員名單及聊天紀錄轉讓予乙方。",
        "第二條 轉讓價金為新臺幣參拾萬元整（NT$300,000），每位有效好友以新臺幣25元計算，乙方應於簽約時一次付清。",
        "第三條 甲方應於簽約後三日內交付帳號密碼及驗證碼。",
        "第四條 本契約之準據法為中華民國法律，並以臺灣臺北地方法院為第一審管轄法院。",
        "甲方（簽章）：王小明",
        "乙方（簽章）：美麗佳人有限公司",
        "中華民國一一二年五月一日",
        "附件一：帳號清單",
        [["平台", "帳號", "好友數"], ["LINE", "@beautyshop", "9000"], ["Facebook", "beautyshop.tw", "3000"]],
    ],
)

INSTAGRAM_SALE = Case(
    name="instagram-sale",
    lang="en",
    header="Account Purchase Agreement - Confidential",
    footer="Confidential",
    provider="Jennifer Lowe",
    recipient="Brightline Media LLC",
    law="the laws of the State of California",
    own_annexes=1,
    lines=[
        "ACCOUNT PURCHASE AGREEMENT",
        'This Agreement is entered into by Jennifer Lowe ("Seller") and Brightline Media LLC, a California limited liability company ("Buyer"), on March 3, 2024.',
        "Seller: Jennifer Lowe",
        "Buyer: Brightline Media LLC",
        "# 1. Sale of the Account",
        "1.1 Seller sells and transfers to Buyer the Instagram account @jen.lowe.fitness listed in Schedule 1, with its 90,000 followers and all direct messages.",
        "1.2 Seller shall deliver the login password, the recovery e-mail and any two-factor codes within two days.",
        "# 2. Purchase Price",
        "2.1 The purchase price is USD 0.50 per follower, being USD 45,000 in total.",
        "2.2 Buyer pays USD 15,000 on signing and the balance of USD 30,000 within ten days after delivery.",
        "2.3 If fewer than 90,000 real followers remain on delivery, the price is reduced by USD 0.50 for each missing follower.",
        "# 3. Governing Law",
        "3.1 This Agreement shall be governed by the laws of the State of California, without regard to its conflict of laws principles.",
        "Signed by Seller: Jennifer Lowe",
        "Signed for Buyer: Brightline Media LLC",
        "Schedule 1 - Account",
        [["Platform", "Handle", "Followers"], ["Instagram", "@jen.lowe.fitness", "90,000"]],
    ],
)

DAYCARE_TRANSFER = Case(
    name="daycare-transfer",
    lang="zh",
    header="托管班转让协议",
    provider="周某某",
    recipient="某某教育咨询有限公司",
    children=True,
    own_annexes=1,
    lines=[
        "托管班整体转让协议",
        "转让方（甲方）：周某某，联系电话：13812345678",
        "受让方（乙方）：某某教育咨询有限公司，法定代表人：吴某",
        "鉴于甲方经营“小太阳”课后托管班，现有在读学员45名，均为小学一至三年级学生（不满十四周岁）。",
        "第一条 甲方将托管班整体转让给乙方，包括教室租赁合同、教学设备及全部生源。",
        "第二条 甲方应于交接日将学员名单（含学生姓名、出生日期、就读学校、家长姓名及联系电话、接送人信息）移交乙方。",
        "第三条 转让费为人民币80,000元，乙方于交接日一次性付清。",
        "第四条 本协议自双方签字之日起生效。",
        "甲方（签字）：周某某",
        "乙方（盖章）：某某教育咨询有限公司",
        "2023年8月20日",
        "附件一：学员名单",
        [["序号", "学生姓名", "年级", "家长电话"], ["1", "李小明", "二年级", "13900139000"]],
    ],
)

CLINIC_RECORDS = Case(
    name="clinic-records",
    lang="en",
    provider="Harbour Dental Clinic Pte. Ltd.",
    recipient="SmileCo Holdings Pte. Ltd.",
    law="the laws of Singapore",
    lines=[
        "PATIENT DATABASE PURCHASE AGREEMENT",
        'Harbour Dental Clinic Pte. Ltd. (the "Seller") and SmileCo Holdings Pte. Ltd. (the "Buyer") agree as follows.',
        "1. The Seller sells to the Buyer its database of 3,200 patients, including names, phone numbers, NRIC numbers, treatment histories and X-ray images.",
        "2. The Buyer shall pay SGD 64,000 on signing, being SGD 20 per patient record.",
        "3. The Buyer may contact the patients for marketing of its own clinics.",
        "4. This Agreement is governed by the laws of Singapore.",
        "Signed for the Seller: Harbour Dental Clinic Pte. Ltd.",
        "Signed for the Buyer: SmileCo Holdings Pte. Ltd.",
    ],
)

DATA_SHARING = Case(
    name="data-sharing",
    lang="zh",
    provider="某某科技有限公司",
    recipient="某某营销有限公司",
    law="中华人民共和国法律",
    lines=[
        "用户数据共享合作协议",
        "数据提供方（甲方）：某某科技有限公司，联系邮箱：legal@tech.example.cn",
        "数据接收方（乙方）：某某营销有限公司，联系邮箱：dpo@mkt.example.cn",
        "第一条 甲方通过数据接口向乙方共享其平台50万名用户的姓名、手机号码、消费记录及位置信息。",
        "第二条 乙方按每条用户数据人民币0.5元向甲方支付数据服务费，每月结算。",
        "第三条 本协议适用中华人民共和国法律。",
        "甲方（盖章）：某某科技有限公司",
        "乙方（盖章）：某某营销有限公司",
        "2024年6月1日",
    ],
)

CASES = (WECHAT_SALE, TAIWAN_LINE, INSTAGRAM_SALE, DAYCARE_TRANSFER, CLINIC_RECORDS, DATA_SHARING)
