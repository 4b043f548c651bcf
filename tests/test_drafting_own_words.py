"""Drafts speak the agreement's own words, as its redline does (issue 11).

OpenCC gives Traditional characters, not Taiwan's words: the consent notice drafted from a Taiwan
agreement said 聯繫方式 and 個人信息 where its lawyer writes 聯絡方式 and 個人資料; the referral agreement
drafted from a gym's sale of its 会员 said 客户 throughout; its clause on the sensitive information
never provided listed a clinic's kinds whatever the deal held. The agreements are written here (the
drafting tests' Case); expectations are the words these agreements themselves use.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import etree

from draft_agreement.drafting import draft, prefill
from draft_agreement.library import default_clauses_dir
from draft_agreement.model import load_document
from draft_agreement.redlining.replacements import ReplacementLibrary
from draft_agreement.redlining.voice import voice_of
from tests.drafting_cases import Case

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LAW_NAMES = re.compile(r"个人信息保护法|個人信息保護法")

TW_CLINIC = Case(
    name="tw-clinic",
    lang="zh",
    lines=[
        "醫美診所顧客資料讓與契約書",
        "讓與人（甲方）：晶美診所，聯絡電話：02-2345-6789",
        "受讓人（乙方）：柏悅醫美股份有限公司，聯絡電話：02-8765-4321",
        "第一條 甲方同意將其全部顧客之姓名、手機號碼及療程紀錄讓與乙方。",
        "第二條 讓與價金為新臺幣伍拾萬元整，乙方應於簽約時一次付清。",
        "第三條 本契約以中華民國法律為準據法。",
        "甲方（簽章）：晶美診所",
        "乙方（簽章）：柏悅醫美股份有限公司",
    ],
)
GYM = Case(
    name="gym",
    lang="zh",
    lines=[
        "健身会员资料转让协议",
        "转让方（甲方）：上海某某健身有限公司，联系电话：021-12345678",
        "受让方（乙方）：上海某某体育发展有限公司，联系电话：021-87654321",
        "鉴于甲方经营健身房，拥有会员约2,000名，乙方拟受让甲方的会员资料。",
        "第一条 甲方将全部会员的姓名、手机号码及会员卡号转让给乙方。",
        "第二条 转让价款为人民币100,000元，按每名会员人民币50元计算。",
        "第三条 甲方保证会员资料真实有效。",
        "甲方（盖章）：上海某某健身有限公司",
        "乙方（盖章）：上海某某体育发展有限公司",
    ],
)
CLINIC = Case(
    name="clinic",
    lang="zh",
    lines=[
        "诊所患者档案转让协议",
        "转让方（甲方）：某某口腔诊所，联系电话：0571-12345678",
        "受让方（乙方）：某某齿科有限公司",
        "第一条 甲方将诊所全部患者档案转让给乙方，档案包括患者的姓名、手机号码、就诊记录及治疗前后照片。",
        "第二条 转让价款为人民币200,000元，按每名患者人民币40元计算。",
        "第三条 甲方应于本协议签订后三日内向乙方交付患者档案。",
        "甲方（盖章）：某某口腔诊所",
        "乙方（盖章）：某某齿科有限公司",
    ],
)
MOTHERS = Case(
    name="mothers-group",
    lang="zh",
    lines=[
        "微信群转让协议",
        "转让方（甲方）：吴某，联系电话：13900001111",
        "受让方（乙方）：南京某某母婴有限公司",
        "第一条 甲方将宝妈群及群成员资料转让给乙方，资料包括群成员昵称、手机号及宝宝出生月份。",
        "第二条 转让价款为人民币30,000元。",
        "甲方（签字）：吴某",
        "乙方（盖章）：南京某某母婴有限公司",
    ],
)
EN_CLINIC = Case(
    name="en-clinic",
    lang="en",
    lines=[
        "Patient Database Purchase Agreement",
        "This Agreement is made between Harbour Dental Clinic Limited (the “Seller”) and Bright Smile Ltd "
        "(the “Buyer”).",
        "1. The Seller sells to the Buyer its database of patients, including each patient's name, phone "
        "number and treatment history.",
        "2. The Buyer will pay the Seller HKD 80,000 for the database, at HKD 20 per patient.",
    ],
)


def text_of(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"), etree.XMLParser(resolve_entities=False))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


def _draft(case: Case, template: str, tmp_path: Path, suffix: str = ".docx") -> str:
    source = case.build(tmp_path)
    out = tmp_path / f"{case.name}.{template}{suffix}"
    draft(template, out, lang=case.lang, source=source)
    return out.read_text(encoding="utf-8") if suffix == ".txt" else text_of(out)


def test_a_taiwan_notice_says_personal_data_and_liaison(tmp_path: Path) -> None:
    text = _draft(TW_CLINIC, "consent-notice", tmp_path)
    outside_law = LAW_NAMES.sub("", text)
    assert "個人資料" in text and "聯絡方式" in text
    assert "信息" not in outside_law and "聯繫" not in outside_law  # 資料提供方, 資訊 for any other 信息
    assert "尊敬的顧客" in text  # its own word for its people, not 客戶


def test_the_redline_and_the_drafts_read_the_same_own_words(tmp_path: Path) -> None:
    doc = load_document(TW_CLINIC.build(tmp_path))
    library = ReplacementLibrary.load(default_clauses_dir() / "replacements")
    voice, drafted = voice_of(doc, "zh", library), prefill(doc, SimpleNamespace(findings=()), "zh")
    assert drafted.own == voice.own and drafted.values["customer"] == voice.variables["customer"] == "顾客"


def test_a_taiwan_referral_speaks_taiwan_words(tmp_path: Path) -> None:
    text = _draft(TW_CLINIC, "referral-agreement", tmp_path)
    assert text.startswith("顧客推薦合作協議") and "每位顧客" in text
    assert "群發" in text and "羣" not in text  # OpenCC's old form of 群
    assert "資訊" in text and "信息" not in LAW_NAMES.sub("", text)


def test_a_taiwan_message_and_its_blanks_say_liaison(tmp_path: Path) -> None:
    source = TW_CLINIC.build(tmp_path)
    out = tmp_path / "message.txt"
    result = draft("customer-message", out, lang="zh", source=source)
    text = out.read_text(encoding="utf-8")
    assert "聯絡方式" in text and "聯繫" not in text and "個人信息" not in text
    assert not [b.label for b in result.blanks if "聯繫" in b.label or "個人信息" in b.label]


def test_a_mainland_gym_notice_keeps_pipl_words_and_greets_its_members(tmp_path: Path) -> None:
    text = _draft(GYM, "consent-notice", tmp_path)
    assert "个人信息" in text and "联系方式" in text and "个人资料" not in text
    assert "尊敬的会员" in text and "尊敬的客户" not in text


def test_a_gyms_referral_names_its_members(tmp_path: Path) -> None:
    text = _draft(GYM, "referral-agreement", tmp_path)
    assert text.startswith("会员推荐合作协议")
    assert "每位会员" in text and "客户" not in text


def test_a_clinics_referral_names_its_patients(tmp_path: Path) -> None:
    text = _draft(CLINIC, "referral-agreement", tmp_path)
    assert "每位患者" in text and "客户" not in text


def test_a_clinics_english_referral_names_its_patients(tmp_path: Path) -> None:
    text = _draft(EN_CLINIC, "referral-agreement", tmp_path)
    assert text.startswith("Patient Referral Agreement")
    assert "each patient" in text and "customer" not in text.lower()


@pytest.mark.parametrize(
    ("case", "named", "not_named"),
    [
        (MOTHERS, "不满十四周岁未成年人的个人信息", ("生物识别", "金融账户", "病历")),
        (CLINIC, "病历、就诊记录", ("生物识别", "金融账户", "未成年人")),
    ],
    ids=["children", "clinic"],
)
def test_the_sensitive_list_follows_the_deal(
    case: Case, named: str, not_named: tuple[str, ...], tmp_path: Path
) -> None:
    text = _draft(case, "referral-agreement", tmp_path)
    (listed,) = re.findall(r"敏感个人信息（包括([^）]*)）", text)
    assert named in listed
    assert not [word for word in not_named if word in listed], listed


HK_SHOP = Case(
    name="hk-shop",
    lang="zh",
    lines=[
        "網店顧客資料轉讓協議",
        "轉讓方（甲方）：香港某某網店有限公司，地址：香港九龍旺角某街1號",
        "受讓方（乙方）：某某貿易有限公司",
        "第一條 甲方將網店全部顧客之姓名、手機號碼及購物紀錄轉讓予乙方。",
        "第二條 本協議受香港特別行政區法律管轄。",
    ],
)
TW_OWN_SOFTWARE = Case(
    name="tw-own-software",
    lang="zh",
    lines=[
        "會員資料讓與契約書",
        "讓與人（甲方）：台北某某科技有限公司",
        "受讓人（乙方）：某某資訊股份有限公司",
        "第一條 甲方將其會員管理軟件中全部會員之姓名及手機號碼讓與乙方。",
        "第二條 本契約以中華民國法律為準據法。",
    ],
)
MAINLAND_WORDS = "根据《网络安全法》，数据存储于服务器，软件默认登录电子邮箱，打印质量"


def _voice_writes(case: Case, tmp_path: Path, text: str) -> str:
    library = ReplacementLibrary.load(default_clauses_dir() / "replacements")
    return voice_of(load_document(case.build(tmp_path)), "zh", library).write(text)


def test_a_taiwan_agreement_gets_taiwans_words_and_the_law_keeps_its_name(tmp_path: Path) -> None:
    text = _voice_writes(TW_CLINIC, tmp_path, MAINLAND_WORDS)
    assert "《網絡安全法》" in text  # the PRC statute's name as it is written
    rest = text.replace("網絡安全法", "")
    for word in ("資料", "儲存", "伺服器", "軟體", "預設", "登入", "電子郵件信箱", "列印", "品質"):
        assert word in rest, (word, text)
    for word in ("數據", "存儲", "服務器", "軟件", "默認", "登錄", "郵箱", "網絡"):
        assert word not in rest, (word, text)


def test_a_hong_kong_agreement_keeps_its_own_words(tmp_path: Path) -> None:
    text = _voice_writes(HK_SHOP, tmp_path, MAINLAND_WORDS)
    assert (
        "軟件" in text and "數據" in text and "軟體" not in text
    )  # Hong Kong writes these as the mainland does
    assert "伺服器" in text and "登入" in text  # and these as Taiwan does


def test_a_taiwan_agreement_that_writes_the_mainland_word_keeps_it(tmp_path: Path) -> None:
    text = _voice_writes(TW_OWN_SOFTWARE, tmp_path, MAINLAND_WORDS)
    assert "軟件" in text and "軟體" not in text
    assert "預設" in text  # the words it never writes itself are still Taiwan's


def test_a_mainland_agreement_gets_no_taiwan_words(tmp_path: Path) -> None:
    assert _voice_writes(GYM, tmp_path, MAINLAND_WORDS) == MAINLAND_WORDS
