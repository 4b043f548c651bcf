"""The accepted redline reads as one contract: each deal kind restructured as legal-brief §5 says.

The agreements are written here, one per deal kind; each test redlines one, accepts our changes
(``--mode clean``) and reads the result back as a lawyer would: title, recitals, subject, price,
warranties and annexes consistent, no clause of the old deal left without its subject. Rejecting our
changes gives the input back.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from draft_agreement.api import accept
from draft_agreement.deal import deal_of
from draft_agreement.errors import RuleFileError
from draft_agreement.model import load_document
from draft_agreement.model.language import simplified_only
from draft_agreement.redlining.consistency import check
from draft_agreement.redlining.pipeline import redline
from draft_agreement.redlining.replacements import load_replacements
from draft_agreement.redlining.revisions import accept_all
from draft_agreement.redlining.strategies import load_strategies, parse_strategy
from draft_agreement.redlining.writer import Edit, Mode, RedlineWriter
from draft_agreement.reviewing.rules import default_clauses_dir
from tests.docgen import paragraph_xml, write_docx
from tests.eval.build import build_docx
from tests.oracle import part_signature, read_part, rejected_ours

US = "draft-agreement"
DATE = "2026-01-01"
LIBRARY_IDS = tuple(load_replacements(str(default_clauses_dir() / "replacements")).ids())

ACCOUNT_SALE_ZH: dict[str, Any] = {
    "id": "account-sale-zh",
    "language": "zh-Hans",
    "title": "抖音账号及粉丝资源转让合同",
    "paragraphs": [
        {"text": "转让方（甲方）：林某某"},
        {"text": "受让方（乙方）：某某电子商务有限公司"},
        {
            "text": "鉴于甲方实名注册并运营抖音账号“小林美妆”，乙方拟受让该账号及其粉丝资源，双方就抖音账号及粉丝资源转让事宜达成如下协议。"
        },
        {"text": "第一条 转让标的"},
        {
            "text": "1.1 甲方将抖音账号“小林美妆”（明细见附件一）的全部使用权及账号内全部粉丝、私信记录转让给乙方。"
        },
        {"text": "1.2 甲方应将账号内全部粉丝的昵称、手机号码整理成客户名单交付乙方（见附件一）。"},
        {"text": "第二条 转让价款"},
        {"text": "2.1 转让价款为人民币300,000元，按每个粉丝人民币1元计算。"},
        {"text": "2.2 乙方于本合同签订当日支付人民币100,000元，账号交付后十日内支付人民币200,000元。"},
        {"text": "2.3 乙方以银行转账方式向甲方指定账户支付转让价款。"},
        {"text": "第三条 账号交付"},
        {"text": "3.1 甲方应于签订当日向乙方交付账号的登录密码，并将绑定手机号码改绑至乙方指定的号码。"},
        {"text": "3.2 甲方应配合乙方以乙方员工身份重新完成实名认证。"},
        {"text": "第四条 甲方保证"},
        {"text": "4.1 甲方保证上述粉丝信息真实、完整、可用。"},
        {"text": "4.2 甲方保证粉丝数量不少于300,000个，每少一个扣减转让价款人民币1元。"},
        {"text": "第五条 保密"},
        {"text": "5.1 双方对本合同内容负有保密义务，未经对方书面同意不得向第三方披露。"},
        {"text": "5.2 甲方保证其个人信息系合法收集。"},
        {"text": "第六条 违约责任"},
        {"text": "6.1 甲方违反本合同第三条约定的，应退还乙方已付款项。"},
        {"text": "第七条 其他"},
        {"text": "7.1 本合同附件为本合同不可分割的组成部分。"},
        {"text": "附件一：粉丝名单"},
        {"table": [["序号", "昵称", "手机号"], ["1", "小红", "13800000001"], ["2", "阿明", "13800000002"]]},
        {"text": "注：以上粉丝资料由甲方整理，乙方应以原账号继续与粉丝联系。"},
    ],
}

BUSINESS_TRANSFER_ZH: dict[str, Any] = {
    "id": "salon-zh",
    "language": "zh-Hans",
    "title": "美容院整体转让协议",
    "paragraphs": [
        {"text": "转让方（甲方）：王某某"},
        {"text": "受让方（乙方）：李某某"},
        {"text": "甲方将其经营的“丽人美容院”整体转让给乙方，双方达成如下协议。"},
        {"text": "第一条 转让范围"},
        {"text": "1.1 甲方将美容院的全部设备设施、装修、房屋租赁合同及经营权转让给乙方。"},
        {"text": "1.2 甲方应将全部顾客档案及会员信息移交乙方，会员卡储值余额由乙方继续提供服务。"},
        {"text": "第二条 转让价款"},
        {"text": "2.1 转让价款为人民币200,000元，乙方于交接当日一次性支付。"},
        {"text": "第三条 其他"},
        {"text": "3.1 双方对本协议内容负有保密义务。"},
    ],
}

AGENCY_ZH: dict[str, Any] = {
    "id": "agency-zh",
    "language": "zh-Hans",
    "title": "抖音账号代运营合同",
    "paragraphs": [
        {"text": "委托方（甲方）：某某食品有限公司"},
        {"text": "受托方（乙方）：某某传媒有限公司"},
        {"text": "第一条 甲方委托乙方代运营其抖音账号，负责内容发布及粉丝互动。"},
        {
            "text": "第二条 为便于运营，乙方以其员工身份注册账号并购买手机卡绑定，账号及手机号码的所有权归乙方。"
        },
        {"text": "第三条 甲方应向乙方提供账号的登录密码及验证码。"},
        {"text": "第四条 运营服务费为每月人民币20,000元。"},
    ],
}

DATA_SHARING_EN: dict[str, Any] = {
    "id": "data-sharing-en",
    "language": "en",
    "title": "Data Sharing Agreement",
    "paragraphs": [
        {
            "text": "This Data Sharing Agreement is made between Alpha Apps Ltd (the “Provider”) and Beta Ads Ltd (the “Recipient”)."
        },
        {
            "text": "1. The Provider shall share with the Recipient through its API the user data of its app users, including device identifiers, phone numbers and behavioural data."
        },
        {"text": "2. The Recipient shall pay the Provider USD 10,000 per month."},
        {"text": "3. Each party shall keep this Agreement confidential."},
    ],
}

HANT_ACCOUNTS: dict[str, Any] = {
    "id": "hant-accounts",
    "language": "zh-Hant",
    "title": "LINE及Facebook帳號讓與契約",
    "paragraphs": [
        {"text": "讓與人（甲方）：陳小美"},
        {"text": "受讓人（乙方）：好生活有限公司"},
        {
            "text": "一、甲方將其LINE官方帳號及Facebook粉絲專頁之管理權，連同全部好友名單及聊天紀錄，讓與乙方。"
        },
        {"text": "二、讓與價金以好友人數計算，每一好友新臺幣十元。"},
        {"text": "三、甲方應將帳號密碼交付乙方，並將綁定手機號碼變更為乙方指定之號碼。"},
        {"text": "四、雙方對本契約內容負保密義務。"},
    ],
}

TRANSFEROR_EN: dict[str, Any] = {
    "id": "transferor-en",
    "language": "en",
    "title": "Instagram Account Transfer Agreement",
    "paragraphs": [
        {
            "text": "This Agreement is made between Jo Tan (the “Transferor”) and Bloom Pte Ltd (the “Transferee”)."
        },
        {
            "text": "The Transferor transfers to the Transferee the Instagram account @jo.bloom together with its followers and direct messages.",
            "numbered": True,
        },
        {
            "text": "The Transferor shall disclose the password and the two-factor codes of the account to the Transferee.",
            "numbered": True,
        },
        {"text": "The price is SGD 0.10 for every follower of the account.", "numbered": True},
        {
            "text": "Neither party shall tell the followers that the account has been sold or transferred.",
            "numbered": True,
        },
        {"text": "Each party shall keep the terms of this Agreement confidential.", "numbered": True},
    ],
}

CLINIC_RECORDS_ZH: dict[str, Any] = {
    "id": "clinic-records-zh",
    "language": "zh-Hans",
    "title": "客户资料转让协议",
    "paragraphs": [
        {"text": "转让方（甲方）：某某口腔诊所"},
        {"text": "受让方（乙方）：某某齿科门诊部"},
        {"text": "第一条 甲方将其全部患者资料转让给乙方，包括患者姓名、手机号码、微信号及就诊记录。"},
        {"text": "第二条 转让价款按每名患者人民币50元计算。"},
        {"text": "第三条 双方对本协议内容负有保密义务。"},
    ],
}


def _redline(tmp: Path, agreement: dict[str, Any], **options: Any) -> tuple[Path, Path, Any]:
    source = tmp / f"{agreement['id']}.docx"
    build_docx(agreement, source)
    clean = tmp / f"{agreement['id']}.clean.docx"
    outcome = redline(source, clean, mode="clean", date=DATE, **options)
    return source, clean, outcome


def _texts(path: Path) -> list[str]:
    return [p.text for p in load_document(path).story("body").paragraphs if p.cell is None]


def _cells(path: Path) -> list[str]:
    return [p.text for p in load_document(path).story("body").paragraphs if p.cell is not None]


def _sentences(texts: list[str]) -> Counter[str]:
    found = (s.strip() for t in texts for s in re.split(r"[。；;]|\.(?=\s|$)", t))
    return Counter(s for s in found if len(s) >= 10)


def _bare_numbers(texts: list[str]) -> list[str]:
    bare = re.compile(r"\s*(?:\d+(?:\.\d+)*\.?|第[一二三四五六七八九十]+条|[一二三四五六七八九十]+、)\s*")
    return [t for t in texts if bare.fullmatch(t)]


def _reject_gives_input(tmp: Path, agreement: dict[str, Any]) -> None:
    source = tmp / f"{agreement['id']}.docx"
    tracked = tmp / f"{agreement['id']}.tracked.docx"
    redline(source, tracked, date=DATE)
    rejected = rejected_ours(tracked, US)
    assert part_signature(rejected) == part_signature(read_part(source))


def test_an_account_sale_becomes_a_referral_whose_fee_is_a_marked_blank(tmp_path: Path) -> None:
    source, clean, outcome = _redline(tmp_path, ACCOUNT_SALE_ZH)
    texts = _texts(clean)
    body = "\n".join(texts)
    # Title and recital describe the new arrangement.
    assert "转让" not in texts[0] and "推荐" in texts[0]
    recital = next(t for t in texts if t.startswith("鉴于"))
    assert "拟受让" not in recital and "推荐" in recital and "转让事宜" not in recital
    # The fee is a blank, never per head; no amount of the void sale survives.
    fee = [t for t in texts if "服务费" in t and "【待填写" in t]
    assert len(fee) == 1
    for amount in ("300,000", "100,000", "200,000", "每个粉丝", "每少一个"):
        assert amount not in body
    assert "转让价款" not in body
    # No clause of the old deal is left without its subject.
    assert "上述粉丝信息真实" not in body
    assert "原账号" not in body
    assert "附件一" not in body and "组成部分" not in body
    assert not [c for c in _cells(clean) if re.search(r"1380000000\d", c)]
    # Protective clauses stay.
    assert "保密义务" in body and "合法收集" in body
    # The agreement reads as one contract: no bare numbers, no sentence said twice.
    assert _bare_numbers(texts) == []
    assert [s for s, n in _sentences(texts).items() if n > 1] == []
    # The seller keeps the account, the consent rule is said once.
    assert body.count("单独同意") >= 1 and "甲方保留抖音账号" in body
    assert any(t.kind == "blank" for t in outcome.report.to_decide)
    _reject_gives_input(tmp_path, ACCOUNT_SALE_ZH)


def test_a_cited_article_keeps_its_number_and_keep_number_marks_every_deletion(tmp_path: Path) -> None:
    _, clean, _ = _redline(tmp_path, ACCOUNT_SALE_ZH)
    texts = _texts(clean)
    # Typed numbers with a later sibling, and 第三条 cited in 6.1: the numbering stays as typed (the
    # last article, whose only clause was about the deleted annex, goes without leaving a gap).
    labels = [m.group() for t in texts if (m := re.match(r"第[一二三四五六七八九十]+条", t))]
    assert labels == ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条"]
    assert any("（本条删除）" in t for t in texts)
    assert any("第三条约定" in t for t in texts)
    _, kept, _ = _redline(tmp_path, ACCOUNT_SALE_ZH, deleted_clauses="keep-number")
    kept_texts = _texts(kept)
    assert sum("（本条删除）" in t for t in kept_texts) >= sum("（本条删除）" in t for t in texts)


def test_automatic_numbering_renumbers_when_a_clause_goes(tmp_path: Path) -> None:
    source, clean, _ = _redline(tmp_path, TRANSFEROR_EN)
    before = load_document(source).story("body").paragraphs
    after = load_document(clean).story("body").paragraphs
    numbered_before = [p for p in before if p.list_label is not None and p.list_label.text]
    numbered_after = [p for p in after if p.list_label is not None and p.list_label.text]
    assert len(numbered_after) < len(numbered_before)
    assert all(p.text.strip() for p in numbered_after)
    assert "[Intentionally deleted]" not in " ".join(p.text for p in after)
    _reject_gives_input(tmp_path, TRANSFEROR_EN)


def test_replacement_text_uses_the_documents_own_defined_terms(tmp_path: Path) -> None:
    _, clean, outcome = _redline(tmp_path, TRANSFEROR_EN)
    body = " ".join(_texts(clean))
    assert "the Transferor" in body and "the Transferee" in body
    assert not re.search(r"\b(?:Seller|Buyer|TRANSFEROR)\b", body)
    assert "[To be completed:" in body
    assert not re.search(r"SGD 0\.10|every follower", body)
    assert not [t for t in outcome.report.to_decide if t.kind == "unknown-term"]


def test_a_business_transfer_keeps_its_price_and_gains_customer_notices(tmp_path: Path) -> None:
    _, clean, _ = _redline(tmp_path, BUSINESS_TRANSFER_ZH)
    texts = _texts(clean)
    body = "\n".join(texts)
    assert texts[0] == BUSINESS_TRANSFER_ZH["title"]
    assert "人民币200,000元" in body
    assert "设备设施" in body  # the deal itself stays
    assert "逐一书面通知" in body and "预付" in body and "退款" in body
    assert "全部顾客档案及会员信息移交乙方" not in body
    assert "【待填写" not in body
    assert _bare_numbers(texts) == []
    _reject_gives_input(tmp_path, BUSINESS_TRANSFER_ZH)


def test_an_agency_leaves_ownership_and_real_name_with_the_client(tmp_path: Path) -> None:
    _, clean, _ = _redline(tmp_path, AGENCY_ZH)
    body = "\n".join(_texts(clean))
    assert "所有权归乙方" not in body and "登录密码及验证码" not in body
    assert "始终归甲方" in body and "书面指示" in body
    assert "人民币20,000元" in body  # the agency's fee is not the void price of a sale
    _reject_gives_input(tmp_path, AGENCY_ZH)


def test_data_sharing_gets_consent_an_assessment_and_a_dpa_in_the_parties_labels(tmp_path: Path) -> None:
    _, clean, _ = _redline(tmp_path, DATA_SHARING_EN)
    body = " ".join(_texts(clean))
    assert "separate consent" in body and "impact assessment" in body and "data processing agreement" in body
    assert "the Provider" in body and "the Recipient" in body
    assert not re.search(r"\b(?:Seller|Buyer)\b", body)
    assert "USD 10,000 per month" in body
    _reject_gives_input(tmp_path, DATA_SHARING_EN)


def test_a_traditional_contract_gets_traditional_text_about_every_platform(tmp_path: Path) -> None:
    source, clean, _ = _redline(tmp_path, HANT_ACCOUNTS)
    before, after = " ".join(_texts(source)), " ".join(_texts(clean))
    assert len(simplified_only(after)) <= len(simplified_only(before))
    kept = next(t for t in _texts(clean) if "保留" in t)
    assert "LINE" in kept and "Facebook" in kept
    assert "新臺幣十元" not in after
    _reject_gives_input(tmp_path, HANT_ACCOUNTS)


def test_no_account_sentence_in_a_records_sale_without_accounts(tmp_path: Path) -> None:
    _, clean, outcome = _redline(tmp_path, CLINIC_RECORDS_ZH)
    body = "\n".join(_texts(clean))
    assert "微信账号" not in body and "保留微信" not in body
    assert "单独同意" in body
    assert "每名患者" not in body
    assert not [t for t in outcome.report.to_decide if t.kind == "unknown-platform"]


def test_strategies_are_validated_and_a_firm_pack_overrides_one(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("kinds: [account-sale]\nconsideration: sometimes\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="consideration"):
        parse_strategy(broken, LIBRARY_IDS)
    broken.write_text(
        "kinds: [account-sale]\nsubstitute: {account-retained: no-such-clause}\n", encoding="utf-8"
    )
    with pytest.raises(RuleFileError, match="no-such-clause"):
        parse_strategy(broken, LIBRARY_IDS)
    broken.write_text("kinds: [business-transfer]\nsubject: sometimes\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="subject"):
        parse_strategy(broken, LIBRARY_IDS)
    broken.write_text("kinds: [account-sale]\nroles: [推荐方]\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="roles"):
        parse_strategy(broken, LIBRARY_IDS)
    broken.write_text("kinds: [account-sale]\nrecital: {zh: '{{ buyer '}\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="recital"):
        parse_strategy(broken, LIBRARY_IDS)
    broken.write_text("kinds: [account-sale]\nmixed: {assets: {zh: ['(设备']}}\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="mixed"):
        parse_strategy(broken, LIBRARY_IDS)
    broken.write_text(
        "kinds: [account-sale]\nmixed: {substitute: {referral-fee: nowhere}}\n", encoding="utf-8"
    )
    with pytest.raises(RuleFileError, match="mixed"):
        parse_strategy(broken, LIBRARY_IDS)
    bundled = load_strategies((str(default_clauses_dir() / "strategies"),), LIBRARY_IDS)
    assert {"account-sale", "customer-data-sale", "business-transfer", "agency", "data-sharing"} <= set(
        bundled
    )
    # A firm that keeps the price of an account sale says so in its own pack.
    pack = tmp_path / "firm"
    (pack / "strategies").mkdir(parents=True)
    (pack / "strategies" / "account-sale.yaml").write_text(
        "kinds: [account-sale]\nconsideration: keep\n", encoding="utf-8"
    )
    _, clean, _ = _redline(tmp_path, ACCOUNT_SALE_ZH, rules=[pack])
    body = "\n".join(_texts(clean))
    assert "抖音账号及粉丝资源转让合同" in body  # its strategy keeps the title
    assert "人民币100,000元" in body


def test_the_check_drops_a_repeated_sentence_and_lists_blanks(tmp_path: Path) -> None:
    source, _, _ = _redline(tmp_path, BUSINESS_TRANSFER_ZH)
    doc = load_document(source)
    paragraphs = doc.story("body").paragraphs
    said = "乙方应当逐一通知每位顾客并取得其同意。"
    first = next(p for p in paragraphs if p.text.startswith("1.1"))
    second = next(p for p in paragraphs if p.text.startswith("1.2"))
    edits = [
        Edit("body", first.index, 4, len(first.text), said),
        Edit("body", second.index, 4, len(second.text), said + "价款为【待填写：价款】。"),
    ]
    fixed, to_decide = check(doc, edits, "zh", "zh")
    assert [e.replacement for e in fixed] == [said, "价款为【待填写：价款】。"]
    assert [t.kind for t in to_decide] == ["blank"]


@pytest.mark.parametrize(
    ("inserted", "reported"),
    [
        ("受托方应当按照甲方的指示处理个人信息。", True),  # a label this agreement never uses
        ("乙方作为受托人，仅按甲方的指示处理个人信息。", False),  # the role a party acts as
        ("推荐方", False),  # a role word renamed in the party block
    ],
)
def test_the_check_reports_only_labels_the_agreement_does_not_use(
    tmp_path: Path, inserted: str, reported: bool
) -> None:
    source, _, _ = _redline(tmp_path, BUSINESS_TRANSFER_ZH)
    doc = load_document(source)
    clause = next(p for p in doc.story("body").paragraphs if p.text.startswith("1.1"))
    _, to_decide = check(doc, [Edit("body", clause.index, 4, len(clause.text), inserted)], "zh", "zh")
    assert any(t.kind == "unknown-term" for t in to_decide) is reported


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph_xml(), min_size=2, max_size=5), st.data())
def test_deleted_paragraph_marks_are_lossless(paragraphs: list, data: st.DataObject) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        src = write_docx(Path(tmp) / "in.docx", paragraphs)
        doc = load_document(src)
        texts = [p.text for p in doc.story("body").paragraphs]
        gone = data.draw(st.sets(st.sampled_from(range(len(texts))), min_size=1))
        edits = [Edit("body", i, 0, len(texts[i]), "", None, delete_paragraph=True) for i in sorted(gone)]
        writer = RedlineWriter(doc, US, "2026-01-01T00:00:00Z", Mode.track)
        writer.apply(edits)
        out = Path(tmp) / "out.docx"
        writer.save(out)
        assert part_signature(rejected_ours(out, US)) == part_signature(read_part(src))
        accepted = read_part(out)
        accept_all(accepted, [US])
        remaining = accepted.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
        # Every deleted paragraph joined the next one, except those whose mark properties are empty
        # (an author's empty w:pPr or w:rPr cannot be told from ours after a reject); the last
        # paragraph of the body cannot go.
        ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

        def empty(el: Any) -> bool:
            return el is not None and len(el) == 0 and not el.attrib

        kept_marks = {
            i
            for i, p in enumerate(paragraphs)
            if empty(p.find(ns + "pPr")) or empty(p.find(f"{ns}pPr/{ns}rPr"))
        }
        expected = len(texts) - len(gone - kept_marks - {len(texts) - 1})
        assert len(remaining) == expected


def test_the_check_reports_a_defined_term_whose_definition_went(tmp_path: Path) -> None:
    source, _, _ = _redline(tmp_path, TRANSFEROR_EN)
    doc = load_document(source)
    preamble = next(p for p in doc.story("body").paragraphs if "(the “Transferor”)" in p.text)
    edits = [Edit("body", preamble.index, 0, len(preamble.text), "", None, delete_paragraph=True)]
    _, to_decide = check(doc, edits, "en", "en")
    assert {(t.kind, t.message.rsplit(": ", 1)[-1]) for t in to_decide} >= {
        ("dangling-reference", "Transferor"),
        ("dangling-reference", "Transferee"),
    }


def _break_after_last_text(path: Path) -> bool:
    """Whether a page break is followed by nothing but empty paragraphs: a blank last page."""
    texts = _texts(path)
    while texts and not texts[-1].strip("\n"):
        if "\n" in texts.pop():
            return True
    return bool(texts) and texts[-1].endswith("\n")


@pytest.mark.parametrize("mode", ["track", "clean"])
def test_the_page_break_before_a_removed_annex_goes_with_it(tmp_path: Path, mode: str) -> None:
    sample = Path(__file__).resolve().parent.parent / "samples" / "wechat-account-transfer.zh.docx"
    assert _break_after_last_text(sample) is False and "\n" in _texts(sample)  # the annex's own page
    out = tmp_path / f"out.{mode}.docx"
    redline(sample, out, mode=mode, date=DATE)
    if mode == "track":
        accept(out, tmp_path / "accepted.docx")
        out = tmp_path / "accepted.docx"
    assert "附件一" not in "\n".join(_texts(out))
    assert _break_after_last_text(out) is False


DEFINED_EN: dict[str, Any] = {
    "id": "defined-en",
    "language": "en",
    "title": "Account Purchase Agreement",
    "paragraphs": [
        {
            "text": "This Agreement is made between Ana Ruiz (the “Seller”) and Kite Media Pte Ltd (the “Buyer”)."
        },
        {
            "text": "“Completion Date” means the fifth Business Day after signing, and “Business Day” means a day on which banks in Singapore are open.",
            "numbered": True,
        },
        {"text": "“Territory” means the Republic of Singapore.", "numbered": True},
        {"text": "“Account Data” means the followers' names and direct messages.", "numbered": True},
        {
            "text": "On the Completion Date the Seller shall transfer the Instagram account @ana.kite to the Buyer and disclose its password.",
            "numbered": True,
        },
        {
            "text": "The Seller shall deliver the Account Data to the Buyer by e-mail on the Completion Date.",
            "numbered": True,
        },
        {"text": "Notices take effect on the next Business Day after sending.", "numbered": True},
        {"text": "Each party shall keep the terms of this Agreement confidential.", "numbered": True},
    ],
}


def test_a_definition_the_new_deal_no_longer_uses_is_struck_and_only_it(tmp_path: Path) -> None:
    source, clean, _ = _redline(tmp_path, DEFINED_EN)
    before, texts = _texts(source), _texts(clean)
    body = "\n".join(texts)
    for gone in ("Completion Date", "Account Data"):
        assert gone in "\n".join(before) and gone not in body
    # Still used, or the author's own (never used, but not made unused by us): they stay.
    assert "“Business Day” means a day on which banks in Singapore are open." in texts
    assert "“Territory” means the Republic of Singapore." in texts
    assert _bare_numbers(texts) == []
    _reject_gives_input(tmp_path, DEFINED_EN)


def test_the_party_block_names_the_parties_roles_in_the_new_deal(tmp_path: Path) -> None:
    _, clean, outcome = _redline(tmp_path, ACCOUNT_SALE_ZH)
    texts = _texts(clean)
    assert texts[1].startswith("推荐方（甲方）") and texts[2].startswith("委托方（乙方）")
    assert not [t for t in outcome.report.to_decide if t.kind == "unknown-term"]
    _, clean, _ = _redline(tmp_path, HANT_ACCOUNTS)
    texts = _texts(clean)
    assert texts[1].startswith("推薦方（甲方）") and texts[2].startswith("委託方（乙方）")
    # Where the clauses call a party by its role word, the role word is its label: it stays.
    labelled = {
        **ACCOUNT_SALE_ZH,
        "id": "account-sale-role-labels",
        "paragraphs": [
            {"text": p["text"].replace("甲方", "转让方").replace("乙方", "受让方")} if "text" in p else p
            for p in ACCOUNT_SALE_ZH["paragraphs"]
        ],
    }
    _, clean, _ = _redline(tmp_path, labelled)
    texts = _texts(clean)
    assert texts[1].startswith("转让方") and texts[2].startswith("受让方")
    assert not any("推荐方" in t or "委托方" in t for t in texts[1:3])


GOING_CONCERN_EN: dict[str, Any] = {
    "id": "going-concern-en",
    "language": "en",
    "title": "Business Sale Agreement",
    "paragraphs": [
        {
            "text": "This Agreement is made between Maple Tutors Ltd (the “Vendor”) and Cedar Learning Ltd (the “Purchaser”)."
        },
        {
            "text": "“Pupil Records” means the names, ages and schools of the pupils and their parents' mobile numbers.",
            "numbered": True,
        },
        {
            "text": "The Vendor shall sell and the Purchaser shall buy as a going concern: the Goodwill, the Equipment, the Pupil Records and the Lease.",
            "numbered": True,
        },
        {"text": "The price is GBP 250,000, payable on completion.", "numbered": True},
        {"text": "The Purchaser shall keep the Pupil Records confidential.", "numbered": True},
    ],
}


def test_a_going_concern_keeps_its_assets_and_only_the_records_leave_the_list(tmp_path: Path) -> None:
    _, clean, _ = _redline(tmp_path, GOING_CONCERN_EN)
    texts = _texts(clean)
    sale = next(t for t in texts if "going concern" in t)
    assert sale.startswith(
        "The Vendor shall sell and the Purchaser shall buy as a going concern: the Goodwill, the Equipment and the Lease."
    )
    assert "notify each customer" in sale  # the compliant clause follows the kept sale
    assert "GBP 250,000" in "\n".join(texts)
    # The definition the clauses still use stays a definition; the comment carries the advice.
    assert any(t.startswith("“Pupil Records” means the names") for t in texts)
    _reject_gives_input(tmp_path, GOING_CONCERN_EN)


def test_a_per_record_price_that_is_the_only_price_becomes_a_fixed_sum_to_complete(tmp_path: Path) -> None:
    per_record = {
        **DATA_SHARING_EN,
        "id": "data-sharing-per-record",
        "paragraphs": [
            *DATA_SHARING_EN["paragraphs"][:2],
            {
                "text": "2. The Recipient shall pay USD 0.50 per user record delivered, with a minimum monthly fee of USD 5,000."
            },
            DATA_SHARING_EN["paragraphs"][3],
        ],
    }
    _, clean, outcome = _redline(tmp_path, per_record)
    texts = _texts(clean)
    price = next(t for t in texts if t.startswith("2."))
    assert "[To be completed: the price]" in price and "per user record" not in price
    assert not any("referral" in t for t in texts)  # no fee for a service the agreement never defines
    assert any(t.kind == "blank" for t in outcome.report.to_decide)
    _reject_gives_input(tmp_path, per_record)


def test_the_preamble_naming_the_agreement_is_renamed_not_dropped(tmp_path: Path) -> None:
    named = {
        **TRANSFEROR_EN,
        "id": "transferor-named",
        "paragraphs": [
            {"text": "This Instagram Account Transfer Agreement (the “Agreement”) is made on 2 May 2025."},
            *TRANSFEROR_EN["paragraphs"],
        ],
    }
    _, clean, outcome = _redline(tmp_path, named)
    texts = _texts(clean)
    assert texts[0] == "Referral Services Agreement"
    assert texts[1] == "This Referral Services Agreement (the “Agreement”) is made on 2 May 2025."
    assert not [t for t in outcome.report.to_decide if t.kind == "dangling-reference"]
    _reject_gives_input(tmp_path, named)


ONLINE_SHOP_EN: dict[str, Any] = {
    "id": "online-shop-en",
    "language": "en",
    "title": "Asset Purchase Agreement",
    "paragraphs": [
        {
            "text": "This Agreement is made between Fern & Finch Ltd (the Seller) and Larch Retail Ltd (the Buyer)."
        },
        {"text": "1. Definitions"},
        {
            "text": "Customer Data: the names, delivery addresses, e-mail addresses and order histories of the Seller's online customers."
        },
        {"text": "2. Sale"},
        {
            "text": "2.1 The Seller shall sell and the Buyer shall buy the Stock, the Domain Names, the Intellectual Property and the Customer Data."
        },
        {"text": "3. Consideration"},
        {
            "text": "3.1 The consideration for the Stock, the Domain Names and the Intellectual Property is GBP 60,000."
        },
        {"text": "3.2 The consideration for the Customer Data is GBP 0.30 for each customer."},
        {"text": "Schedule 1 — Customers"},
        {"table": [["Name", "E-mail"], ["Ann Lee", "ann@example.com"], ["Bo Chen", "bo@example.com"]]},
        {"text": "Signed by the Seller: ____________    Signed by the Buyer: ____________"},
    ],
}


def test_an_asset_purchase_keeps_its_assets_price_and_signatures(tmp_path: Path) -> None:
    source, clean, _ = _redline(tmp_path, ONLINE_SHOP_EN)
    assert deal_of(load_document(source)).kind == "business-transfer"
    texts = _texts(clean)
    sale = next(t for t in texts if t.startswith("2.1"))
    assert sale.startswith(
        "2.1 The Seller shall sell and the Buyer shall buy the Stock, the Domain Names and the Intellectual Property."
    )
    body = "\n".join(texts)
    assert "GBP 60,000" in body and "GBP 0.30" not in body and "[To be completed" not in body
    assert "Customer Data: the names" in body  # still the subject of the notice clause's wording
    assert "Signed by the Seller" in body
    assert "Ann Lee" not in " ".join(_cells(clean))
    _reject_gives_input(tmp_path, ONLINE_SHOP_EN)


def test_an_enumerated_asset_list_loses_only_its_records_and_party_a_is_the_seller(tmp_path: Path) -> None:
    agreement = {
        "id": "enumerated-assets-en",
        "language": "en",
        "title": "Asset Purchase Agreement",
        "paragraphs": [
            {"text": "1. Harbour Noodles Co., Ltd. (hereinafter “Party A”); and"},
            {"text": "2. Lotus Foods Limited (hereinafter “Party B”)."},
            {"text": "WHEREAS Party A runs two noodle bars and wishes to sell the Assets to Party B."},
            {
                "text": "2.1 The Assets comprise: (a) the kitchen equipment; (b) the trade names; (c) the domain name harbournoodles.cn; and (d) the Member Files."
            },
            {
                "text": "2.2 “Member Files” means the names, mobile numbers and order histories of the members."
            },
            {"text": "2.3 Party A shall send the Member Files to Party B by e-mail on completion."},
            {"text": "3.1 The price is RMB 800,000."},
        ],
    }
    _, clean, outcome = _redline(tmp_path, agreement)
    texts = _texts(clean)
    assets = next(t for t in texts if t.startswith("2.1"))
    assert assets.startswith(
        "2.1 The Assets comprise: (a) the kitchen equipment; (b) the trade names; (c) the domain name harbournoodles.cn."
    )
    body = "\n".join(texts)
    # The notice speaks of the people as the agreement does: its members.
    assert "Party A shall notify each member" in body and "Party B's name" in body
    assert "customer" not in body
    assert not [t for t in outcome.report.to_decide if t.kind == "unknown-term"]
    assert "RMB 800,000" in "\n".join(texts)
    _reject_gives_input(tmp_path, agreement)


def test_the_new_title_keeps_the_agreements_word_for_itself(tmp_path: Path) -> None:
    _, clean, _ = _redline(tmp_path, ACCOUNT_SALE_ZH)  # 抖音账号及粉丝资源转让合同, whose clauses say 本合同
    assert _texts(clean)[0] == "客户推荐服务合同"
    _, clean, _ = _redline(tmp_path, HANT_ACCOUNTS)  # LINE及Facebook帳號讓與契約
    assert _texts(clean)[0] == "客戶推薦服務契約"


HANDOVER_ZH: dict[str, Any] = {
    "id": "bakery-handover-zh",
    "language": "zh-Hans",
    "title": "烘焙门店转让协议",
    "paragraphs": [
        {"text": "转让方（以下简称甲方）：周某某"},
        {"text": "受让方（以下简称乙方）：成都麦香餐饮管理有限公司"},
        {"text": "甲方经营的“麦香坊”烘焙店因甲方移居外地不再经营，乙方愿意接手继续经营，双方订立本协议。"},
        {"text": "一、转让范围"},
        {"text": "1．甲方将店面承租权、烤箱、冷柜等全部设备及现有原料库存转让给乙方。"},
        {"text": "2．甲方将门店会员名册（含会员姓名、手机号码、生日及储值余额）一并转让给乙方。"},
        {"text": "二、交接"},
        {
            "text": "1．双方定于2025年3月1日在店内交接。交接时甲方应将会员登记本原件交给乙方，"
            "并从收银系统导出全部会员消费明细交乙方留存。"
        },
        {"text": "2．交接前的房租、水电费由甲方结清；交接后的费用和收益归乙方。"},
        {"text": "3．甲方应协助乙方与房东另行签订租赁合同。"},
        {"text": "三、转让费"},
        {"text": "1．转让费为人民币壹拾贰万元整（¥120,000），于交接当日一次付清。"},
    ],
}


def _comment_texts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        if "word/comments.xml" not in package.namelist():
            return []
        root = etree.fromstring(package.read("word/comments.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return ["".join(c.itertext()) for c in root.iter(w + "comment")]


def _typed_gaps(path: Path) -> list[str]:
    """Typed sibling numbers that skip one under their heading (二、 then 2． with no 1．)."""
    last: dict[tuple[str, ...], int] = {}
    gaps = []
    for p in load_document(path).story("body").paragraphs:
        m = re.match(r"\s*(\d+)[.．]", p.text)
        if p.literal is None or not m:
            continue
        parent, number = p.clause_path[:-1], int(m.group(1))
        if number != last.get(parent, 0) + 1:
            gaps.append(p.text[:12])
        last[parent] = number
    return gaps


def test_a_clause_keeps_its_other_sentences_and_typed_numbers_keep_their_order(tmp_path: Path) -> None:
    source, clean, _ = _redline(tmp_path, HANDOVER_ZH)
    body = "\n".join(_texts(clean))
    # The hand-over date and place stay; only the sentence that moves the members' records goes.
    assert "双方定于2025年3月1日在店内交接。" in body
    assert "会员登记本原件" not in body and "导出全部会员消费明细" not in body
    # The clauses after it keep their full-width typed numbers in order, as the input had them.
    assert _typed_gaps(source) == []
    assert _typed_gaps(clean) == []
    # The business-transfer deal keeps its price.
    assert "壹拾贰万元" in body
    tracked = tmp_path / "bakery.tracked.docx"
    redline(source, tracked, date=DATE)
    comments = [c for c in _comment_texts(tracked) if "交接" in c or "同涉" in c]
    assert not any("本条已删除" in c for c in comments if "同涉" in c)
    _reject_gives_input(tmp_path, HANDOVER_ZH)


SOCIAL_SERVICES_EN: dict[str, Any] = {
    "id": "social-services-en",
    "language": "en",
    "title": "Social Media Services Agreement",
    "paragraphs": [
        {
            "text": "This Agreement is made on 3 March 2025 between Harbour Florist Pte. Ltd. (the “Client”) "
            "and Brightline Digital Pte. Ltd. (the “Agency”)."
        },
        {
            "text": "1. The Client owns its Instagram page and its TikTok account, and all followers and data in them."
        },
        {
            "text": "2. The Client shall give the Agency editor roles through Meta Business Suite; the Agency shall "
            "not ask for the Client’s passwords."
        },
        {
            "text": "3. On termination the Agency shall delete any working files that contain customer information."
        },
        {"text": "4. Fees. The Client shall pay S$3,000 a month."},
        {"text": "5. This Agreement is governed by the laws of Singapore."},
    ],
}


def test_an_agency_working_through_page_roles_is_left_as_written(tmp_path: Path) -> None:
    source, clean, _ = _redline(tmp_path, SOCIAL_SERVICES_EN)
    deal = deal_of(load_document(source))
    assert deal.kind == "agency"
    assert deal.consideration is not None and deal.consideration.currency == "SGD"
    assert _texts(clean) == _texts(source)


OPT_IN_LIST_EN: dict[str, Any] = {
    "id": "opt-in-list-en",
    "language": "en",
    "title": "Customer List Purchase Agreement",
    "paragraphs": [
        {
            "text": "This Agreement is made on 3 March 2025 between Harbour Florist Pte. Ltd. (the “Seller”) "
            "and Brightline Flowers Pte. Ltd. (the “Buyer”)."
        },
        {
            "text": "1. The Seller shall write to each of its customers, name the Buyer and its contact "
            "details, and ask whether the customer agrees to hear from the Buyer."
        },
        {
            "text": "2. The Seller shall pass to the Buyer only the names and e-mail addresses of customers "
            "who have agreed in writing, together with a copy of their consent."
        },
        {"text": "3. Price. The Buyer shall pay S$5,000 on signing."},
        {"text": "4. This Agreement is governed by the laws of Singapore."},
    ],
}


def test_a_deal_with_no_risky_clause_keeps_its_price(tmp_path: Path) -> None:
    """A customer-list sale that moves only opted-in customers' details: whatever the document-level
    check says, no clause is risky, so the price is not rewritten into a fee to complete."""
    source, clean, _ = _redline(tmp_path, OPT_IN_LIST_EN)
    assert deal_of(load_document(source)).kind == "customer-data-sale"
    assert _texts(clean) == _texts(source)


TWO_ANNEXES_ZH: dict[str, Any] = {
    "id": "two-annexes-zh",
    "language": "zh-Hans",
    "title": "微信号及好友资源转让协议",
    "paragraphs": [
        {"text": "转让方（甲方）：林某某"},
        {"text": "受让方（乙方）：某某贸易有限公司"},
        {"text": "第一条 甲方将其微信号转让给乙方，转让价款为人民币伍万元。"},
        {"text": "第二条 甲方应将微信号内全部好友的昵称、手机号码整理成名单（见附件一）交付乙方。"},
        {"text": "第三条 甲方另将其办公电脑及直播设备（清单见附件二）一并交付乙方。"},
        {"text": "第四条 本协议附件为本协议不可分割的组成部分。"},
        {"text": "附件一：好友名单"},
        {"table": [["序号", "昵称", "手机号"], ["1", "小红", "13800000001"]]},
        {"text": "附件二：设备清单"},
        {"table": [["序号", "名称", "数量"], ["1", "笔记本电脑", "1台"]]},
    ],
}


def test_an_annex_listing_something_else_stays_with_the_clause_on_annexes(tmp_path: Path) -> None:
    """Only the annex the subject clauses cite goes; the equipment list a delivery clause cites stays,
    and so does the clause that makes the annexes part of the agreement."""
    source, clean, outcome = _redline(tmp_path, TWO_ANNEXES_ZH)
    deal = deal_of(load_document(source))
    assert len(deal.subject.annexes) == 2
    assert deal.next_annex("zh") == "附件三"
    body = "\n".join(_texts(clean))
    assert "附件一" not in body and "好友名单" not in body
    assert "附件二：设备清单" in body and "组成部分" in body
    assert "笔记本电脑" in _cells(clean) and not [c for c in _cells(clean) if "1380000000" in c]
    assert not [t for t in outcome.report.to_decide if t.kind == "dangling-reference"]
    _reject_gives_input(tmp_path, TWO_ANNEXES_ZH)


RUN_IN_EN: dict[str, Any] = {
    "id": "run-in-en",
    "language": "en",
    "title": "Instagram Account Purchase Agreement",
    "paragraphs": [
        {
            "text": "This Agreement is made on 2 May 2025 between Aisha Rahman, of Jurong West, Singapore "
            "(the “Seller”), and Petalbox Pte. Ltd., a company incorporated in Singapore (the “Buyer”)."
        },
        {"text": "1. The Seller holds the Instagram account @petal.diaries (the “Account”)."},
        {
            "text": "2. Sale. The Seller agrees to sell the Account and its 80,000 followers to the Buyer for S$30,000."
        },
        {
            "text": "3. Completion. The parties shall meet on 9 May 2025 at the Buyer's office. The Seller "
            "shall then give the Buyer the Account password and its recovery codes."
        },
        {"text": "4. Payment. The Buyer shall pay the balance of S$25,000 to the Seller on completion."},
        {"text": "5. This Agreement is governed by the laws of Singapore."},
    ],
}


def test_a_run_in_heading_goes_with_the_old_wording_and_no_old_price_survives(tmp_path: Path) -> None:
    _, clean, _ = _redline(tmp_path, RUN_IN_EN)
    texts = _texts(clean)
    body = "\n".join(texts)
    assert "[To be completed:" in body
    # Neither the price "for S$30,000" nor its balance is left beside the fee to be completed.
    assert "30,000" not in body and "25,000" not in body
    assert not any(t.startswith("2. Sale.") for t in texts)
    # The meeting date stays; the password sentence goes.
    assert "The parties shall meet on 9 May 2025" in body and "recovery codes" not in body
    _reject_gives_input(tmp_path, RUN_IN_EN)


@pytest.mark.parametrize(
    ("language", "lines", "kept", "gone"),
    [
        (
            "en",
            [
                "This Agreement is made on 1 June 2025 between Riverside Pilates Ltd (the “Transferor”) and "
                "Corewell Studios Ltd (the “Transferee”).",
                "1. The Transferor transfers to the Transferee its studio business as a going concern, "
                "including the equipment, the goodwill and the member database with each member's name, "
                "phone number and e-mail address.",
                "2. The consideration is £80,000, less £50 for every member who leaves within two months.",
                "3. This Agreement is governed by the law of England and Wales.",
            ],
            "The consideration is £80,000.",
            "£50 for every member",
        ),
        (
            "zh-Hans",
            [
                "转让方（甲方）：杭州悦动健身有限公司",
                "受让方（乙方）：杭州力行体育发展有限公司",
                "第一条 甲方将其健身房整体转让给乙方，包括全部器材、装修及会员资料（含会员姓名、手机号码）。",
                "第二条 转让价款为人民币30万元，每流失一名会员扣减100元。",
            ],
            "第二条 转让价款为人民币30万元。",
            "每流失一名会员",
        ),
    ],
)
def test_a_kept_price_loses_only_its_per_head_adjustment(
    tmp_path: Path, language: str, lines: list[str], kept: str, gone: str
) -> None:
    title = "Business Transfer Agreement" if language == "en" else "健身房转让协议"
    agreement = {
        "id": f"adjusted-{language}",
        "language": language,
        "title": title,
        "paragraphs": [{"text": t} for t in lines],
    }
    source, clean, _ = _redline(tmp_path, agreement)
    assert "business-transfer" in deal_of(load_document(source)).kinds
    body = "\n".join(_texts(clean))
    assert kept in body and gone not in body
    assert "[To be completed" not in body and "【待填写" not in body
    _reject_gives_input(tmp_path, agreement)
    # Its comment says what was done to this deal's price: no referral fee is proposed.
    notes = "\n".join(_comment_texts(tmp_path / f"adjusted-{language}.tracked.docx"))
    assert ("fixed sum" in notes or "固定金额" in notes) and "推荐" not in notes and "referral" not in notes


@pytest.mark.parametrize(
    ("language", "title", "retitled", "lines", "stays", "gone"),
    [
        (
            "zh-Hans",
            "门店设备及微信号转让协议",
            "门店设备转让协议",
            [
                "出让方（甲方）：成都市锦江区某某茶叶经营部",
                "受让方（乙方）：成都市某某茶业有限公司",
                "第一条 甲方将其茶叶门店的茶具、展柜、库存茶叶及下列微信号转让给乙方。",
                "第二条 微信号是指甲方店员以个人名义注册的三个微信号，甲方应将登录密码交付乙方，"
                "号内全部好友及聊天记录归乙方使用。",
                "第三条 转让总价为人民币八万元，含茶具、展柜、库存及微信号，乙方于签约当日一次付清。",
                "第四条 甲方保证上述微信号未被封禁，好友不少于三千人。",
                "第五条 茶具及展柜于签约后三日内在门店点交。",
            ],
            ["茶具、展柜、库存茶叶转让给乙方", "茶具及展柜于签约后三日内在门店点交", "【待填写：转让价款"],
            ["八万元", "下列微信号", "未被封禁", "好友不少于"],
        ),
        (
            "en",
            "Account Purchase Agreement",
            "Asset Purchase Agreement",
            [
                "This Account Purchase Agreement is made on 3 March 2025 between Mia Tan (the “Seller”) and "
                "Brightlane Media Pte Ltd (the “Buyer”).",
                "1. The Seller sells to the Buyer the studio lighting equipment, the camera equipment and the "
                "TikTok account @miabakes.",
                "2. The Seller shall give the Buyer the password of the TikTok account and its followers shall "
                "continue to see the account as the Seller's.",
                "3. The purchase price is S$30,000, payable on signing.",
                "4. The Seller warrants that the Account has never been suspended.",
                "5. The equipment is collected from the Seller's studio within seven days of signing.",
            ],
            ["the studio lighting equipment and the camera equipment.", "collected from the Seller's studio"],
            ["S$30,000", "@miabakes", "never been suspended", "Referral Services Agreement"],
        ),
    ],
)
def test_an_account_sale_that_also_sells_equipment_keeps_that_sale_and_prices_it_apart(
    tmp_path: Path,
    language: str,
    title: str,
    retitled: str,
    lines: list[str],
    stays: list[str],
    gone: list[str],
) -> None:
    agreement = {
        "id": f"mixed-{language}",
        "language": language,
        "title": title,
        "paragraphs": [{"text": t} for t in lines],
    }
    source, clean, _ = _redline(tmp_path, agreement)
    assert deal_of(load_document(source)).kind == "account-sale"
    texts = _texts(clean)
    body = "\n".join(texts)
    # The deal still sells the equipment: its title names only that, and the clause handing it over stays.
    assert texts[0] == retitled
    for words in stays:
        assert words in body, words
    for words in gone:
        assert words not in body, words
    # One clause prices the assets and the referral apart, each a blank to complete.
    blank = "[To be completed" if language == "en" else "【待填写"
    price = [t for t in texts if ("服务费" in t or "service fee" in t) and t.count(blank) == 2]
    assert len(price) == 1
    _reject_gives_input(tmp_path, agreement)


def test_a_business_transfer_keeps_its_list_of_assets_less_the_account(tmp_path: Path) -> None:
    agreement = {
        "id": "bike-shop",
        "language": "en",
        "title": "Asset Purchase Agreement",
        "paragraphs": [
            {
                "text": "This Agreement is made on 3 March 2025 between Harbour Bikes Ltd (the “Seller”) and "
                "Quayside Cycles Ltd (the “Buyer”)."
            },
            {
                "text": "1. The Seller sells to the Buyer the workshop equipment, the stock of spare parts and the "
                "Instagram account @harbourbikes."
            },
            {"text": "2. The Seller shall give the Buyer the password of the Instagram account."},
            {"text": "3. The purchase price is £24,000, payable on signing."},
        ],
    }
    source, clean, _ = _redline(tmp_path, agreement)
    assert deal_of(load_document(source)).kind == "business-transfer"
    texts = _texts(clean)
    sale = next(t for t in texts if t.startswith("1."))
    # The shop is still sold, without its account; customers are told and choose, after that list.
    assert sale.startswith(
        "1. The Seller sells to the Buyer the workshop equipment and the stock of spare parts. "
    )
    assert "@harbourbikes" not in "\n".join(texts) and "notify each customer" in sale
    assert "3. The purchase price is £24,000, payable on signing." in texts
    _reject_gives_input(tmp_path, agreement)


def test_clauses_numbered_only_in_parentheses_are_the_operative_part(tmp_path: Path) -> None:
    """（一）…（四） number the clauses of an agreement numbered by nothing else: the recital before them
    stays a recital, and what it raises (the seller keeps the account) is written in the clauses."""
    recital = (
        "鉴于转让方实名注册并使用微信号“美颜小王”，受让方拟受让该微信号及其好友资源，"
        "双方就微信号转让事宜达成如下协议："
    )
    agreement = {
        "id": "paren-numbered",
        "language": "zh-Hans",
        "title": "微信号转让协议",
        "paragraphs": [
            {"text": "转让方：王某某"},
            {"text": "受让方：无锡某某美容有限公司"},
            {"text": recital},
            {"text": "（一）转让方将微信号“美颜小王”及号内全部好友转让给受让方。"},
            {"text": "（二）转让方应于签约当日将登录密码交付受让方。"},
            {"text": "（三）转让价款为人民币五万元，受让方于签约当日付清。"},
            {"text": "（四）本协议自双方签字之日起生效。"},
        ],
    }
    _, clean, _ = _redline(tmp_path, agreement)
    texts = _texts(clean)
    first = next(t for t in texts if t.startswith("鉴于"))
    assert "拟受让" not in first and "推荐" in first and first.endswith("达成如下协议：")
    clause_one = next(t for t in texts if t.startswith("（一）"))
    assert "（本条删除）" not in clause_one and "单独同意" in clause_one and "保留微信账号" in clause_one
    assert "五万元" not in "\n".join(texts) and "（四）本协议自双方签字之日起生效。" in texts
    _reject_gives_input(tmp_path, agreement)


def test_a_deals_own_advice_is_given_once_and_later_clauses_refer_to_it(tmp_path: Path) -> None:
    """A business transfer's own advice on handing over customer data is the same whichever rule
    finds the hand-over: said in the first comment, referred to in the others, never repeated."""
    agreement = {
        "id": "salon-handover",
        "language": "zh-Hans",
        "title": "美容院转让协议",
        "paragraphs": [
            {"text": "转让方（甲方）：杭州某某美容有限公司"},
            {"text": "受让方（乙方）：杭州某某健康管理有限公司"},
            {"text": "第一条 甲方将其美容院整体转让给乙方，包括设备、装修及全部顾客档案。"},
            {"text": "第二条 甲方应于交接日将顾客名单（含姓名、手机号码、消费记录）交付乙方。"},
            {"text": "第三条 甲方应将会员系统的管理员权限开放给乙方，乙方可导出全部会员资料。"},
            {"text": "第四条 甲方应向乙方提供储值卡客户的联系方式及余额明细。"},
            {"text": "第五条 转让价款为人民币四十万元。"},
        ],
    }
    _redline(tmp_path, agreement)
    _reject_gives_input(tmp_path, agreement)  # (writes the tracked redline)
    comments = _comment_texts(tmp_path / "salon-handover.tracked.docx")
    advice = "经营者变更"
    assert sum(advice in c for c in comments) == 1
    referring = [c for c in comments if "见第一条批注" in c]
    assert len(referring) >= 2 and all(advice not in c for c in referring)
    sentences = Counter(s for c in comments for s in set(re.split(r"(?<=[。；])", c)) if len(s) >= 8)
    assert max(sentences.values()) == 1


@pytest.mark.parametrize(
    ("language", "lines", "announcement"),
    [
        (
            "zh-Hans",
            [
                "转让方（甲方）：王某某",
                "受让方（乙方）：无锡某某美容有限公司",
                "第一条 甲方将微信号“美颜小王”及号内全部好友转让给乙方。",
                "第二条 转让价款为人民币五万元，乙方于签约当日付清。",
                "第三条 交接完成后，甲方应在朋友圈发布该微信号已转让的声明。",
            ],
            "已转让的声明",
        ),
        (
            "en",
            [
                "This Agreement is made between Mia Tan (the “Seller”) and Brightlane Ltd (the “Buyer”).",
                "1. The Seller sells to the Buyer the Instagram account @miabakes.",
                "2. The price is S$9,000, payable on signing.",
                "3. On completion the Seller shall post a notice on the account that it has been sold to the Buyer.",
            ],
            "has been sold",
        ),
    ],
)
def test_announcing_the_sale_is_no_transfer_and_goes_with_the_sale(
    tmp_path: Path, language: str, lines: list[str], announcement: str
) -> None:
    """Telling the followers the account changed hands is the opposite of concealment: no transfer
    finding of its own; once the seller keeps the account, the announcement goes with the sale."""
    agreement = {
        "id": f"announced-{language}",
        "language": language,
        "title": "微信号转让协议" if language != "en" else "Account Sale Agreement",
        "paragraphs": [{"text": t} for t in lines],
    }
    _, clean, outcome = _redline(tmp_path, agreement)
    flagged = {f.paragraph_text or "" for f in outcome.report.findings if f.category == "account-transfer"}
    assert flagged and not any(announcement in text for text in flagged)
    assert announcement not in "\n".join(_texts(clean))
    _reject_gives_input(tmp_path, agreement)


TUTORING_HANDOVER_ZH: dict[str, Any] = {
    "id": "tutoring-handover-zh",
    "language": "zh-Hans",
    "title": "托管班整体转让协议",
    "paragraphs": [
        {"text": "甲方（转让方）：某某托管服务部"},
        {"text": "乙方（受让方）：某某教育咨询有限公司"},
        {"text": "第一条　转让范围"},
        {"text": "1.1 托管班内的桌椅、图书及空调设备。"},
        {"text": "1.2 在读学生的花名册，载明学生姓名、就读学校、年级、过敏史以及家长的姓名和手机号码。"},
        {"text": "第二条　移交"},
        {"text": "甲方应于开学前将上述花名册的纸质件和电子版一并交给乙方。"},
        {"text": "第三条　争议解决"},
        {"text": "本协议适用中华人民共和国法律。"},
    ],
}


def test_a_heading_whose_unnumbered_clause_goes_leaves_no_bare_heading(tmp_path: Path) -> None:
    _, clean, _ = _redline(tmp_path, TUTORING_HANDOVER_ZH)
    texts = _texts(clean)
    assert not any("上述花名册" in t for t in texts)
    # The heading went with its only clause; its typed number stays for 第三条 after it.
    assert "第二条　移交" not in texts
    assert any(t.startswith("第二条") and "（本条删除）" in t for t in texts)
    assert "第三条　争议解决" in texts


def test_inserted_clauses_call_the_people_what_the_agreement_calls_them(tmp_path: Path) -> None:
    agreement = {
        "id": "clinic-patients-zh",
        "language": "zh-Hans",
        "title": "口腔诊所整体转让协议",
        "paragraphs": [
            {"text": "转让方（甲方）：某某口腔诊所"},
            {"text": "受让方（乙方）：某某齿科有限公司"},
            {"text": "第一条 甲方将诊所的牙椅、消毒设备、装修及租赁合同整体转让给乙方。"},
            {"text": "第二条 甲方应于交接日将全部患者的姓名、手机号码及就诊记录交给乙方。"},
            {"text": "第三条 转让价款为人民币贰拾万元。"},
        ],
    }
    _, clean, _ = _redline(tmp_path, agreement)
    inserted = [t for t in _texts(clean) if "单独同意" in t or "书面通知" in t]
    assert inserted and all("患者" in t and "客户" not in t for t in inserted)


def test_a_group_sold_with_its_members_becomes_a_referral_of_the_members(tmp_path: Path) -> None:
    """A seller-framed recital (甲方拟将…转让给乙方) is rewritten too; the group-owner hand-over goes
    with the sale, and the members are called what the agreement calls them."""
    agreement = {
        "id": "group-owner-zh",
        "language": "zh-Hans",
        "title": "微信群转让协议",
        "paragraphs": [
            {"text": "转让方（甲方）：赵某某"},
            {"text": "受让方（乙方）：杭州某某母婴用品有限公司"},
            {
                "text": "鉴于甲方系“宝妈互助群”的群主，甲方拟将该群及全部群成员资源转让给乙方，双方订立本协议。"
            },
            {"text": "第一条 甲方将宝妈互助群连同全部群成员资源转让给乙方，群成员约一千二百人。"},
            {"text": "第二条 甲方应将全部群成员的昵称、微信号及手机号码整理成表交付乙方。"},
            {"text": "第三条 乙方付清转让款后，甲方在微信中将群主身份转让给乙方指定的微信号。"},
            {"text": "第四条 转让款按群成员人数计算，每名群成员人民币二元。"},
        ],
    }
    _, clean, _ = _redline(tmp_path, agreement)
    texts = _texts(clean)
    recital = next(t for t in texts if t.startswith("鉴于"))
    assert "转让给乙方" not in recital and "推荐" in recital
    assert not any("群主身份转让给乙方" in t for t in texts)
    inserted = [t for t in texts if "单独同意" in t]
    assert inserted and all("群成员" in t and "客户" not in t.split("服务费不以")[0] for t in inserted)
