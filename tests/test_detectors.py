"""Detectors and masking, checked against oracles computed here (GB 11643 weights, Luhn), not by the code."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from draft_agreement.reviewing.detectors import detect, looks_like_customer_list
from draft_agreement.reviewing.masking import mask, mask_text

# GB/T 2260 province-level codes (facts, not taken from the code under test).
PROVINCES = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
]  # fmt: skip
GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
GB11643_MAP = "10X98765432"
MOBILE_PREFIXES = ["130", "135", "138", "139", "150", "158", "166", "177", "186", "189", "199"]
DIGITS = "0123456789"


def id_check_digit(first17: str) -> str:
    return GB11643_MAP[sum(int(d) * wgt for d, wgt in zip(first17, GB11643_WEIGHTS, strict=True)) % 11]


def is_valid_id_oracle(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit() or number[:2] not in PROVINCES:
        return False
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return born.year >= 1900 and id_check_digit(number[:17]) == number[17].upper()


def luhn_check_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(PROVINCES)) + draw(st.text(DIGITS, min_size=4, max_size=4))
    born = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2020, 12, 31)))
    first17 = region + born.strftime("%Y%m%d") + draw(st.text(DIGITS, min_size=3, max_size=3))
    return first17 + id_check_digit(first17)


@st.composite
def bank_cards(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["62", "4", "51", "53", "55"]))
    length = draw(st.sampled_from([16, 17, 18, 19]))
    payload = prefix + draw(
        st.text(DIGITS, min_size=length - 1 - len(prefix), max_size=length - 1 - len(prefix))
    )
    number = payload + luhn_check_digit(payload)
    assume(not is_valid_id_oracle(number))
    return number


@st.composite
def mobiles(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(MOBILE_PREFIXES)) + draw(st.text(DIGITS, min_size=8, max_size=8))


def grouped(number: str, sep: str, sizes: list[int]) -> str:
    parts, pos = [], 0
    for size in sizes:
        parts.append(number[pos : pos + size])
        pos += size
    if pos < len(number):
        parts.append(number[pos:])
    return sep.join(parts)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(found.kind, found.value) for found in detect(text)]


# --- resident IDs -------------------------------------------------------------------------------------


@given(resident_ids(), st.sampled_from(["身份证号：{}。", "ID No. {}, ", "{}", "（證件號碼{}）"]))
def test_valid_resident_id_is_detected(number: str, frame: str) -> None:
    text = frame.format(number)
    found = detect(text)
    assert [(d.kind, d.value) for d in found] == [("resident-id", number)]
    assert text[found[0].start : found[0].end] == number


@given(st.text(DIGITS, min_size=4, max_size=4), st.text(DIGITS, min_size=2, max_size=2))
def test_lower_case_x_is_accepted(county: str, sequence: str) -> None:
    first16 = "11" + county + "19900307" + sequence
    endings = [first16 + d for d in DIGITS if id_check_digit(first16 + d) == "X"]
    assume(endings)  # position 17 has weight 2, which reaches 10 of the 11 residues
    number = endings[0] + "x"
    assert kinds(f"证件号{number}") == [("resident-id", number)]


@given(resident_ids(), st.integers(0, 17), st.integers(1, 9))
def test_one_changed_digit_is_not_a_resident_id(number: str, position: int, delta: int) -> None:
    original = number[position]
    replacement = "0" if original == "X" else str((int(original) + delta) % 10)
    changed = number[:position] + replacement + number[position + 1 :]
    assert "resident-id" not in [kind for kind, _ in kinds(f"身份证号{changed}")]


@pytest.mark.parametrize("date", ["19900230", "19901301", "19900001", "18991231", "21000101"])
def test_impossible_birth_dates_are_rejected(date: str) -> None:
    first17 = "110101" + date + "123"
    assert kinds("身份证 " + first17 + id_check_digit(first17)) == []


def test_unknown_province_is_rejected() -> None:
    first17 = "990101" + "19900307" + "123"
    assert kinds(first17 + id_check_digit(first17)) == []


def test_ids_of_people_born_before_their_county_code_existed_are_accepted() -> None:
    first17 = "320281" + "19500101" + "123"  # Jiangyin became a county-level city (320281) in 1987
    number = first17 + id_check_digit(first17)
    assert kinds(number) == [("resident-id", number)]


@given(resident_ids())
def test_id_grouped_six_eight_four(number: str) -> None:
    text = f"{number[:6]} {number[6:14]} {number[14:]}"
    assert kinds(f"身份证号 {text}。") == [("resident-id", text)]


# --- mobiles ------------------------------------------------------------------------------------------


MOBILE_FORMATS = [
    "{n}",
    "{a} {b} {c}",
    "{a}-{b}-{c}",
    "+86 {n}",
    "+86{n}",
    "+86-{a}-{b}-{c}",
    "+86 {a} {b} {c}",
    "0086 {n}",
    "0086-{a}-{b}-{c}",
    "86{n}",
]


@given(
    mobiles(), st.sampled_from(MOBILE_FORMATS), st.sampled_from(["电话：{}，", "Tel: {}.", "联系{}", "{}"])
)
def test_mobile_in_all_formats(number: str, fmt: str, frame: str) -> None:
    written = fmt.format(n=number, a=number[:3], b=number[3:7], c=number[7:])
    assert kinds(frame.format(written)) == [("mobile", written)]


@pytest.mark.parametrize("number", ["12345678901", "10012345678", "14012345678"])
def test_numbers_that_are_not_mobiles(number: str) -> None:
    assert kinds(f"电话{number}") == []


def test_mixed_separators_are_not_a_grouped_mobile() -> None:
    assert kinds("138 1234-5678") == []


# --- bank cards ---------------------------------------------------------------------------------------


@given(bank_cards(), st.sampled_from(["", " ", "-"]))
def test_luhn_valid_card_is_detected(number: str, sep: str) -> None:
    written = grouped(number, sep, [4, 4, 4, 4]) if sep else number
    assert kinds(f"收款账号：{written}；") == [("bank-card", written)]


@given(bank_cards())
def test_off_by_one_card_is_not_detected(number: str) -> None:
    changed = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert "bank-card" not in [kind for kind, _ in kinds(f"卡号{changed}")]


@given(resident_ids())
def test_resident_id_is_never_reported_as_a_card(number: str) -> None:
    assert [kind for kind, _ in kinds(number)] == ["resident-id"]


def test_luhn_valid_order_number_starting_with_a_year_is_not_a_card() -> None:
    payload = "202103160000123"
    assert kinds("订单号" + payload + luhn_check_digit(payload)) == []


# --- e-mail -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("邮箱：zhang.san@example.com，", "zhang.san@example.com"),
        ("请发送至li_4@mail.example.cn。", "li_4@mail.example.cn"),
        ("（wang+crm@example.org）", "wang+crm@example.org"),
        ("E-mail: a.b@example.co.uk.", "a.b@example.co.uk"),
        ("電郵chen@example.com.tw；", "chen@example.com.tw"),
        ("<mailto:ops@example.net>", "ops@example.net"),
    ],
)
def test_email_next_to_punctuation(text: str, email: str) -> None:
    assert kinds(text) == [("email", email)]


@pytest.mark.parametrize("text", ["user@localhost", "@example.com", "a@b", "价格@100元"])
def test_not_email(text: str) -> None:
    assert kinds(text) == []


# --- longer digit runs and ordinary numbers -----------------------------------------------------------


@given(
    st.one_of(resident_ids(), mobiles(), bank_cards()), st.text(DIGITS, min_size=1, max_size=3), st.booleans()
)
def test_no_detection_inside_longer_digit_runs(number: str, extra: str, before: bool) -> None:
    run = extra + number if before else number + extra
    found = detect(f"编号{run}号")  # the whole run may itself be valid; a slice of it never is
    assert all(d.start == 2 and d.end == 2 + len(run) for d in found)


@pytest.mark.parametrize(
    "text",
    [
        "转让价款为人民币500000.00元",
        "13812345678.00元",
        "合同编号：HT2021031613812345678",
        "签订日期20210316",
        "No. 2021-0316-13812345678",
        "金额 1,381,234,567.00",
        "订单 202103161381234567890",
    ],
)
def test_ordinary_numbers_are_not_detected(text: str) -> None:
    assert detect(text) == []


@given(st.lists(st.one_of(resident_ids(), mobiles(), bank_cards(), st.text("甲乙方，。 ab@x.", max_size=6))))
def test_detections_are_sorted_and_disjoint(pieces: list[str]) -> None:
    found = detect("、".join(pieces))
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_text_without_digits_or_at_sign_is_skipped() -> None:
    assert detect("甲方同意将其微信账号转让给乙方。" * 1000) == []


# --- masking ------------------------------------------------------------------------------------------


def middle_digits(written: str, keep_head: int, keep_tail: int) -> list[int]:
    positions = [i for i, ch in enumerate(written) if ch.isdigit() or ch in "Xx"]
    return positions[keep_head : len(positions) - keep_tail]


@given(resident_ids())
def test_mask_resident_id(number: str) -> None:
    masked = mask(number, "resident-id")
    assert len(masked) == len(number)
    assert masked[:4] == number[:4] and masked[-4:] == number[-4:]
    assert masked[4:14] == "*" * 10


@given(mobiles(), st.sampled_from(MOBILE_FORMATS))
def test_mask_mobile_keeps_length_and_hides_the_middle(number: str, fmt: str) -> None:
    written = fmt.format(n=number, a=number[:3], b=number[3:7], c=number[7:])
    masked = mask(written, "mobile")
    assert len(masked) == len(written)
    national = [i for i, ch in enumerate(written) if ch.isdigit()][-11:]
    assert all(masked[i] == "*" for i in national[3:7])
    assert [masked[i] for i in national[:3] + national[7:]] == [
        written[i] for i in national[:3] + national[7:]
    ]
    assert [i for i, ch in enumerate(masked) if not ch.isdigit()] == [
        i for i, ch in enumerate(written) if not ch.isdigit() or i in national[3:7]
    ]


@given(bank_cards(), st.sampled_from(["", " ", "-"]))
def test_mask_bank_card_keeps_only_last_four(number: str, sep: str) -> None:
    written = grouped(number, sep, [4, 4, 4, 4]) if sep else number
    masked = mask(written, "bank-card")
    assert len(masked) == len(written)
    assert [ch for ch in masked if ch.isdigit()] == list(number[-4:])
    assert all(masked[i] == written[i] for i, ch in enumerate(written) if not ch.isdigit())


def test_mask_examples_from_the_spec() -> None:
    assert mask("320202199003071231", "resident-id") == "3202**********1231"
    assert mask("13812345678", "mobile") == "138****5678"
    assert mask("6222 0212 3456 1234", "bank-card") == "**** **** **** 1234"
    assert mask("zhang@example.com", "email") == "z***@example.com"


def test_mask_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError):
        mask("x", "passport")


@given(
    st.text(alphabet="甲方乙方同意转让账号，。：（） ", max_size=20),
    st.one_of(resident_ids(), mobiles(), bank_cards()),
    st.text(alphabet="甲方乙方同意转让账号，。：（） ", max_size=20),
)
def test_mask_text_touches_only_the_identifier(before: str, number: str, after: str) -> None:
    [found] = detect(before + number + after)
    assert mask_text(before + number + after) == before + mask(number, found.kind) + after


@given(st.text(max_size=80))
def test_mask_text_leaves_text_without_pii_identical(text: str) -> None:
    assume(not detect(text))
    assert mask_text(text) == text


def test_mask_text_masks_every_identifier() -> None:
    first17 = "11010119900307123"
    number = first17 + id_check_digit(first17)
    masked = mask_text(f"客户王某，身份证{number}，手机13812345678，邮箱wang@example.com。")
    assert detect(masked) == []
    assert "1990030712" not in masked and "1234" not in masked and "wang@" not in masked


# --- customer lists -----------------------------------------------------------------------------------


def test_customer_list_with_header_zh() -> None:
    assert looks_like_customer_list(
        [["序号", "客户姓名", "联系电话", "项目"], ["1", "王某某", "13812345678", "面部"]]
    )


def test_customer_list_with_header_en() -> None:
    assert looks_like_customer_list([["Name", "E-mail", "Phone"], ["Ann Lee", "ann@example.com", "555-0100"]])


def test_customer_list_with_header_in_second_row() -> None:
    rows = [["附件一 好友名单", "", ""], ["好友昵称", "微信号", "备注"], ["小林", "lin_2020", "老客户"]]
    assert looks_like_customer_list(rows)


def test_headerless_rows_with_identifiers() -> None:
    rows = [["王某", "13812345678"], ["李某", "13912345678"], ["赵某", "15012345678"]]
    assert looks_like_customer_list(rows)
    assert not looks_like_customer_list(rows[:2])


def test_parties_table_is_not_a_customer_list() -> None:
    two_rows = [
        ["甲方（转让方）：张三", "身份证号：110101199003071233", "电话：13812345678"],
        ["乙方（受让方）：李四", "身份证号：110101199003071233", "电话：13912345678"],
    ]
    assert not looks_like_customer_list(two_rows)
    with_header = [["角色", "姓名", "身份证号", "联系电话"]] + [
        [cell.split("：")[-1] for cell in row] for row in two_rows
    ]
    with_header[1][0], with_header[2][0] = "甲方", "乙方"
    assert not looks_like_customer_list(with_header)
    assert not looks_like_customer_list([["Party", "Name", "E-mail"], ["Seller", "Ann", "ann@example.com"],
                                         ["Buyer", "Bo", "bo@example.com"]])  # fmt: skip


def test_price_schedule_is_not_a_customer_list() -> None:
    rows = [["服务项目", "单价（元）", "数量", "合计"], ["账号代运营", "5000.00", "12", "60000.00"],
            ["Customer tier", "Price", "", ""]]  # fmt: skip
    assert not looks_like_customer_list(rows)


def test_account_list_without_people_is_not_a_customer_list() -> None:
    assert not looks_like_customer_list(
        [["平台", "账号", "昵称", "粉丝数"], ["抖音", "dy_001", "小美", "12,000"]]
    )
    assert not looks_like_customer_list(
        [["Handle", "Platform", "Followers"], ["@shop", "Instagram", "48000"]]
    )
