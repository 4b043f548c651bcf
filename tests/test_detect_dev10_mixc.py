"""Detection beyond the phrasings the rules were written from (dev10, tag mixc).

Each case is written for the test in its own words, two paraphrases per kind (other verbs, other party labels,
other word order), modelled on a kind of miss or false alarm met in the dev10 mixc files: the password that
opens an encrypted list, a list of residents named by their city, a list priced per entry, the illness,
diagnosis, drugs and disability grade on a care roster, records that pass only after the person or the family
signs, a notice naming the recipient, and what a recipient does with records already received.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"
CRED = "credential-handover"
XB = "cross-border-transfer"
PRICE = "pi-pricing"


def zh(clauses: list[str], giver: str = "甲方", taker: str = "乙方") -> list[str]:
    return [
        "合作协议",
        f"{giver}：台中某某资讯有限公司",
        f"{taker}：台中某某开发股份有限公司",
        *clauses,
    ]


def en(clauses: list[str], giver: str = "Seller", taker: str = "Buyer") -> list[str]:
    return [
        "Business Sale Agreement",
        f"This Agreement is made between Northgate Learning Ltd (the \u201c{giver}\u201d) and Eastwell Education Ltd "
        f"(the \u201c{taker}\u201d).",
        *clauses,
    ]


# --- the password of an encrypted file is no account credential ------------------------------------------------


def test_a_file_password_is_not_a_credential_zh(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "三、资料包以加密压缩文件寄送，解压密码由甲方另行电话告知乙方联系人。",
                "四、名册为加密档案，档案开启密码以短信发送乙方承办人。",
                "五、甲方应将其抖音号的登录密码告知乙方。",
            ]
        ),
    )
    assert CRED not in on(findings, "解压密码由甲方")
    assert CRED not in on(findings, "档案开启密码")
    assert CRED in on(findings, "抖音号的登录密码")


def test_a_file_password_is_not_a_credential_en(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "4. The list will travel as an encrypted spreadsheet, and the Seller will text the spreadsheet "
                "password to the Buyer's contact.",
                "5. Separately, the Buyer shall be e-mailed the password to open the encrypted file.",
                "6. The Seller shall give the Buyer the login password of the Instagram account.",
            ]
        ),
    )
    assert CRED not in on(findings, "spreadsheet password")
    assert CRED not in on(findings, "password to open the encrypted file")
    assert CRED in on(findings, "login password of the Instagram account")


# --- residents named by their city are not sent there --------------------------------------------------------


def test_residents_named_by_their_city_are_not_an_export(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "一、甲方向乙方提供台南市居民名单两万笔，包括姓名及手机号码。",
                "二、乙方自甲方取得高雄县民之联系电话三千笔，用于推广。",
                "三、甲方应将会员资料传输至乙方在东京的服务器。",
            ]
        ),
    )
    assert XB not in on(findings, "台南市居民名单")
    assert XB not in on(findings, "高雄县民")
    assert XB in on(findings, "东京的服务器")


# --- a list priced per entry ---------------------------------------------------------------------------------


def test_a_list_priced_per_entry(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "四、资料费按条计算，本批共八千条，每条人民币一元五角。",
                "五、本批名單計三萬筆，按筆收費，每筆新臺幣四元。",
                "六、设备货款分两笔支付，每笔人民币五万元。",
            ]
        ),
    )
    assert PRICE in on(findings, "本批共八千条")
    assert PRICE in on(findings, "本批名單計三萬筆")
    assert PRICE not in on(findings, "设备货款分两笔支付")


# --- what a care or clinic roster says of health -------------------------------------------------------------


def test_illness_diagnosis_drugs_and_disability_on_a_roster(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "一、甲方应将长者名册（载明姓名、慢性疾病及用药情况）交付乙方。",
                "二、轉讓方須向受讓方移交病患清單，列明病患姓名、電話、診斷及複診日期。",
                "三、甲方將個案之失能等級及巴氏量表分數提供乙方。",
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "慢性疾病")
    assert {PIT, SENS} <= on(findings, "病患清單")
    assert SENS in on(findings, "巴氏量表")


# --- records that pass only after the person, or the family, signs ----------------------------------------------


def test_records_pass_only_after_the_person_or_family_signs_zh(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "二、会员或其家属签署《资料转移同意书》后，甲方方可将其档案交付乙方。",
                "三、個案或監護人簽署「服務轉介同意書」之後，甲方才可將其照護紀錄移交乙方。",
            ]
        ),
    )
    assert not on(findings, "资料转移同意书") & {PIT, SENS}
    assert not on(findings, "服務轉介同意書") & {PIT, SENS}


def test_records_pass_only_if_the_person_opts_in_en(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "3. A client's file, including the client's treatment notes, passes to the Buyer only if the client "
                "signs the transfer form.",
                "4. The pupils' contact details and medical notes will be sent to the Buyer only once a parent has "
                "ticked the opt-in box.",
                "5. The Seller shall deliver the pupils' contact details and medical notes to the Buyer at Completion.",
            ]
        ),
    )
    assert not on(findings, "only if the client signs") & {PIT, SENS}
    assert not on(findings, "only once a parent has ticked") & {PIT, SENS}
    assert PIT in on(findings, "at Completion")


def test_a_notice_naming_the_recipient_is_not_a_transfer_en(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "4. The Seller shall post each family a notice which names the Buyer and lists what would pass, "
                "including each child's name and date of birth.",
                "5. Families will first receive a letter; the notice identifies the purchaser and says that the "
                "pupils' names and class levels would be shared.",
            ]
        ),
    )
    assert SENS not in on(findings, "names the Buyer")
    assert SENS not in on(findings, "identifies the purchaser")


# --- what the recipient does with records already received --------------------------------------------------


def test_keeping_and_guarding_records_already_received(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "五、乙方应将所移交的病历妥善保存十年。",
                "六、承接方對已接收之學員檔案予以保管，期限五年。",
                "七、受让方对从转让方获得的会员资料负有保密义务。",
                "八、乙方对因本协议知悉之客户信息承担保密责任。",
            ]
        ),
    )
    for fragment in ("所移交的病历", "已接收之學員檔案", "获得的会员资料", "知悉之客户信息"):
        assert PIT not in on(findings, fragment), fragment


def test_records_kept_by_their_owner_and_a_past_notice(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "四、记录仪内的客户资料均属甲方所有，乙方工程师不得查看或下载。",
                "五、設備中之療程紀錄仍歸承租人所有，出租人人員無權調閱、複製。",
                "六、出让方保证客户在登记时已被告知其信息可能提供给受让方。",
                "七、甲方聲明會員入會時已經通知其資料得移轉予合作廠商。",
            ]
        ),
    )
    for fragment in ("均属甲方所有", "仍歸承租人所有", "已被告知", "已經通知"):
        assert not on(findings, fragment) & {PIT, SENS}, fragment


# --- English: debts on customer accounts, files that hold people, roles, products, banks, insurers -------------


def test_debts_owed_on_accounts_are_no_platform_accounts(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "2. The Seller assigns to the Buyer all debts outstanding under the Accounts.",
                "3. The Seller shall deliver a data tape containing for each Account the borrower's name, address "
                "and balance.",
                "4. The Seller shall transfer the Instagram account @northgate to the Buyer.",
            ]
        ),
    )
    assert "account-transfer" not in on(findings, "debts outstanding under the Accounts")
    assert "account-transfer" not in on(findings, "data tape")
    assert PIT in on(findings, "data tape")
    assert "account-transfer" in on(findings, "Instagram account")


def test_a_file_listing_people_for_each_entry(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "5. On Completion the Seller shall hand over the ledger export, listing for every policy the "
                "policyholder's address and telephone number.",
                "6. The Seller will send the Buyer a spreadsheet showing, for each account, the debtor's name and "
                "mobile number.",
            ]
        ),
    )
    assert PIT in on(findings, "ledger export")
    assert PIT in on(findings, "spreadsheet showing")


def test_a_statement_of_who_is_controller_moves_nothing(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "7. From Completion the Buyer shall be the sole controller of the client data sold under clause 2.",
                "8. Each party is an independent controller in respect of the personal data it holds after the sale.",
            ]
        ),
    )
    assert PIT not in on(findings, "sole controller")
    assert PIT not in on(findings, "independent controller")


def test_an_insurance_product_is_nobodys_health(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "Background. Visitors to the Seller's site request quotes for critical-illness cover and "
                "hospitalisation plans, and the Buyer wishes to receive those requests.",
                "9. The Buyer markets hospital cash and critical illness policies to the customers the Seller "
                "introduces.",
            ]
        ),
    )
    assert SENS not in on(findings, "critical-illness cover")
    assert SENS not in on(findings, "hospital cash")


def test_bank_accounts_and_health_insurer_numbers_are_sensitive(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "4. The Seller shall send the Buyer the IBAN and sort code each member pays by.",
                "5. Each client's bank account number shall be delivered to the Buyer at Completion.",
                "6. The Seller shall deliver each patient's insurance carrier and member number to the Buyer.",
                "7. The Seller shall send the Buyer the patients' health insurance subscriber IDs.",
            ]
        ),
    )
    assert SENS in on(findings, "IBAN and sort code")
    assert SENS in on(findings, "bank account number")
    assert SENS in on(findings, "carrier and member number")
    assert SENS in on(findings, "subscriber IDs")


def test_a_delivered_file_said_to_show_more(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "5. Where a member pays by standing order, the membership schedule shall also show the member's bank "
                "account number.",
                "6. The export must also contain the sort code of each subscriber.",
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "membership schedule")
    assert SENS in on(findings, "export must also contain")


def test_writing_to_patients_on_the_sellers_letterhead(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "6. The Buyer may write to the clients on the Seller's letterhead to announce new opening hours.",
                "7. Buyer may mail letters to the patients on the practice's letterhead, signed by Dr. Lee.",
            ]
        ),
    )
    assert "impersonation" in on(findings, "Seller's letterhead")
    assert "impersonation" in on(findings, "practice's letterhead")


def test_lead_credits_and_minimum_purchases_count_heads(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "3. Any lead bearing a disconnected phone number, an address outside the territory or a duplicate "
                "from the prior month will be replaced by the Seller at no cost.",
                "4. Leads with an invalid e-mail, a fake name or a duplicate within thirty days and sent after the "
                "cut-off time shall be credited on the next invoice.",
                "5. The Buyer shall purchase at least 250 leads in each month of the term.",
                "6. The Buyer buys no fewer than 1,000 leads per quarter from the Seller.",
            ]
        ),
    )
    assert PRICE in on(findings, "disconnected phone number")
    assert PRICE in on(findings, "fake name")
    assert PRICE in on(findings, "at least 250 leads")
    assert PRICE in on(findings, "no fewer than 1,000 leads")


# --- Chinese: an account listed as an item, a list supplied by the entry ------------------------------------


def test_an_account_listed_under_what_is_transferred(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "第一条 转让标的",
                "（一）店内设备及装修。",
                "（二）甲方名下抖音号“小鹿日记”的运营权。",
                "（三）本店微信公众号及其全部关注者。",
            ]
        ),
    )
    assert "account-transfer" in on(findings, "小鹿日记")
    assert "account-transfer" in on(findings, "全部关注者")
    assert PIT in on(findings, "全部关注者")
    assert "account-transfer" not in on(findings, "店内设备")


def test_a_list_supplied_by_the_entry(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "一、甲方提供会员名单两万条，含姓名及电话。",
                "二、乙方同意购买，甲方提供客户资料8,000笔，每笔附联系电话。",
            ]
        ),
    )
    assert PIT in on(findings, "会员名单两万条")
    assert PIT in on(findings, "客户资料8,000笔")
