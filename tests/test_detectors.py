"""Detectors and masking, checked against oracles computed here (GB 11643 weights, Luhn), not by the code."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from draft_agreement.reviewing.detectors import detect, looks_like_customer_list
from draft_agreement.reviewing.masking import MaskedText, mask, mask_text
from tests.identifiers import (
    DIGITS,
    INVISIBLE,
    SEPARATORS,
    TO_ASCII,
    bank_cards,
    grouped,
    hidden_digits,
    id_check_digit,
    luhn_check_digit,
    mobiles,
    old_resident_ids,
    resident_ids,
    spelled,
)


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


# --- spellings: separators, widths, invisible characters, the old ID, an ID glued to letters -------------


@given(spelled(), st.sampled_from(["身份证号：{}。", "手机{}，", "卡号 {} ", "Tel: {}.", "（{}）", "{}"]))
def test_every_spelling_is_detected_as_written(case: tuple[str, str, str], frame: str) -> None:
    kind, number, written = case
    text = frame.format(written)
    found = detect(text)
    assert [(d.kind, d.value) for d in found] == [(kind, written)]
    digits = "".join(ch for ch in written.translate(TO_ASCII) if ch.isalnum())
    assert digits.upper() == number.upper()  # the span is exactly the number, separators inside


@given(resident_ids(), st.sampled_from(SEPARATORS), st.sampled_from(SEPARATORS))
def test_an_id_grouped_with_two_different_separators_is_not_one_number(
    number: str, first: str, second: str
) -> None:
    assume(first != second)
    written = number[:6] + first + number[6:14] + second + number[14:]
    assert "resident-id" not in [kind for kind, _ in kinds(written)]


@given(
    resident_ids(),
    st.sampled_from(["ID", "No", "号码", "x", "ＩＤ"]),
    st.sampled_from(["号", "X", "abc", ""]),
)
def test_an_18_digit_id_may_run_into_letters(number: str, before: str, after: str) -> None:
    assume(not (after.upper().startswith("X") and number[-1] == "X"))
    assert kinds(f"{before}{number}{after}") == [("resident-id", number)]


@given(mobiles(), st.sampled_from(["HT", "No", "A"]))
def test_a_mobile_glued_to_letters_is_a_code_not_a_number(number: str, before: str) -> None:
    assert kinds(f"合同编号{before}{number}") == []


@given(old_resident_ids())
def test_old_15_digit_id(number: str) -> None:
    assert kinds(f"身份证号{number}，") == [("resident-id", number)]


@pytest.mark.parametrize(
    "number",
    [
        "110101901301123",  # month 13
        "110101900230123",  # 30 February
        "990101900307123",  # no such province
        "202103160012345",  # an order number that starts with a year
    ],
)
def test_15_digit_numbers_that_are_not_ids(number: str) -> None:
    assert kinds(f"编号{number}。") == []


@given(st.one_of(resident_ids(), mobiles(), bank_cards()), st.sampled_from(INVISIBLE), st.data())
def test_invisible_characters_anywhere_inside_are_skipped(
    number: str, invisible: str, data: st.DataObject
) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(1, len(number) - 1), min_size=1, max_size=4, unique=True)))
    written = (
        "".join(number[a:b] + invisible for a, b in zip([0, *cuts], cuts, strict=False)) + number[cuts[-1] :]
    )
    found = detect(f"号码：{written}。")
    assert [(d.start, d.value) for d in found] == [(3, written)]


def test_dotted_mobile_is_not_a_decimal_amount() -> None:
    assert kinds("13812345678.00元") == []
    assert kinds("电话138.1234.5678。") == [("mobile", "138.1234.5678")]
    assert kinds("138.1234.5678.9") == []


# --- masking slices and outputs -----------------------------------------------------------------------


@given(spelled(), st.text("甲方乙，。 ", max_size=5), st.integers(0, 60), st.integers(0, 60))
def test_a_slice_of_masked_text_never_shows_what_the_whole_hides(
    case: tuple[str, str, str], pad: str, a: int, b: int
) -> None:
    kind, number, written = case
    text = f"客户{pad}{written}{pad}、邮箱li.si@example.com。"
    masked = MaskedText(text)
    lo, hi = min(a, b, len(text)), min(max(a, b), len(text))
    part = masked.slice(lo, hi)
    assert detect(part) == []
    assert hidden_digits(kind, number) not in _digits_only(part)
    assert "li.si" not in part
    if hi <= text.index("li.si"):  # an e-mail mask changes length; before it, offsets line up
        assert part == masked.masked[lo:hi]
    assert masked.masked == mask_text(text)


def _digits_only(text: str) -> str:
    """The digits of `text` with separators and invisible characters between them removed."""
    drop = {ord(ch): None for ch in SEPARATORS + INVISIBLE}
    return text.translate(TO_ASCII).translate(drop)


def test_mask_of_the_old_id_hides_the_birth_date() -> None:
    assert mask("110101900307123", "resident-id") == "1101********123"


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
