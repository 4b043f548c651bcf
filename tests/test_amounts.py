"""Money and dates: Chinese financial capitals both ways, currency-marked figures, date styles.

The capital examples marked "PBOC" are the worked examples of 《正确填写票据和结算凭证的基本规定》
(the annex on filling in amounts of the PBOC 支付结算办法); the others were checked by hand.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from draft_agreement.model.amounts import (
    find_amounts,
    find_dates,
    format_date,
    parse_amount,
    parse_chinese_capital,
    parse_date,
    to_chinese_capital,
)

CAPITALS = [
    ("500000", "伍拾万元整"),
    ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
    ("100000000", "壹亿元整"),
    ("10005", "壹万零伍元整"),
    ("1409.50", "壹仟肆佰零玖元伍角"),  # PBOC
    ("6007.14", "陆仟零柒元壹角肆分"),  # PBOC
    ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),  # PBOC
    ("107000.53", "壹拾万柒仟元零伍角叁分"),  # PBOC
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),  # PBOC
    ("325.04", "叁佰贰拾伍元零肆分"),  # PBOC
    ("10", "壹拾元整"),
    ("0.5", "伍角"),
    ("0.05", "伍分"),
    ("100010000", "壹亿零壹万元整"),
    ("110000000", "壹亿壹仟万元整"),
    ("1000100000000", "壹万零壹亿元整"),
]

CENTS = st.integers(min_value=1, max_value=99_999_999_999_999)  # 0.01 .. 999,999,999,999.99


@pytest.mark.parametrize(("figure", "capital"), CAPITALS)
def test_known_capitals(figure: str, capital: str) -> None:
    assert to_chinese_capital(Decimal(figure)) == capital
    assert parse_chinese_capital(capital) == Decimal(figure)


@given(CENTS)
def test_capital_round_trip(cents: int) -> None:
    amount = Decimal(cents).scaleb(-2)
    assert parse_chinese_capital(to_chinese_capital(amount)) == amount


@given(CENTS)
def test_capital_form(cents: int) -> None:
    """Invariants of the written form: one 零 per gap, 整 exactly when there are no 角 or 分."""
    text = to_chinese_capital(Decimal(cents).scaleb(-2))
    assert "零零" not in text and not text.startswith("零")
    assert text.endswith("整") == (cents % 100 == 0)
    assert ("元" in text) == (cents >= 100)
    assert not re.search(r"零[元万亿角]", text)
    assert set(text) <= set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("五十万元", "500000"),
        ("伍拾萬元整", "500000"),  # Traditional 萬
        ("壹拾元零伍分", "10.05"),
        ("两千元", "2000"),
        ("拾万元正", "100000"),
        ("零元整", "0"),
        ("伍拾万", "500000"),
    ],
)
def test_parse_capital_variants(text: str, value: str) -> None:
    assert parse_chinese_capital(text) == Decimal(value)


@pytest.mark.parametrize(
    "text", ["", "元整", "伍伍元", "壹佰伍元", "壹万伍元", "万元", "壹亿壹亿元", "abc", "伍拾万美元"]
)
def test_parse_capital_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese_capital(text)


@pytest.mark.parametrize("bad", [Decimal("-1"), Decimal("0.001"), Decimal(10) ** 16, Decimal("NaN")])
def test_to_capital_rejects(bad: Decimal) -> None:
    with pytest.raises(ValueError):
        to_chinese_capital(bad)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("人民币500,000元", "500000", "CNY"),
        ("50万元", "500000", "CNY"),
        ("伍拾万元整", "500000", "CNY"),
        ("人民币伍拾万元整", "500000", "CNY"),
        ("RMB 500,000", "500000", "CNY"),
        ("USD 40,000", "40000", "USD"),
        ("$40,000.00", "40000", "USD"),
        ("¥3,000", "3000", "CNY"),
        ("￥3,000.50", "3000.5", "CNY"),
        ("50万美元", "500000", "USD"),
        ("1.2亿元", "120000000", "CNY"),
        ("USD 1.5 million", "1500000", "USD"),
        ("HK$1,000", "1000", "HKD"),
        ("新臺幣伍拾萬元整", "500000", "TWD"),
        ("€ 2,500", "2500", "EUR"),
        ("１０万元", "100000", "CNY"),  # full-width digits
        ("S$4,500", "4500", "SGD"),  # not US dollars because of the $
        ("5,000 Singapore dollars", "5000", "SGD"),
        ("A$1,200", "1200", "AUD"),
        ("澳元800元", "800", "AUD"),
        ("澳门元500元", "500", "MOP"),
        ("AED 10,000", "10000", "AED"),
    ],
)
def test_parse_amount(text: str, value: str, currency: str) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.value, amount.currency, amount.text) == (Decimal(value), currency, text)


@pytest.mark.parametrize(
    "text", ["30万", "2019年9月22日", "第3条", "500,000", "9个微信号", "5%", "人民币", "万元"]
)
def test_parse_amount_needs_a_currency_and_a_number(text: str) -> None:
    assert parse_amount(text) is None


def test_find_amounts_in_a_clause() -> None:
    clause = "转让价款为人民币伍拾万元整（¥500,000.00），当天付款30万元，余款20万元于2020年3月22日前付清，共9个账号。"
    found = list(find_amounts(clause))
    assert [(a.value, a.currency) for a in found] == [
        (Decimal(500000), "CNY"),
        (Decimal(500000), "CNY"),
        (Decimal(300000), "CNY"),
        (Decimal(200000), "CNY"),
    ]
    assert all(a.text in clause for a in found)


@given(CENTS)
def test_capitals_found_in_running_text(cents: int) -> None:
    amount = Decimal(cents).scaleb(-2)
    [found] = find_amounts(f"价款为人民币{to_chinese_capital(amount)}，于签订当日支付。")
    assert (found.value, found.currency) == (amount, "CNY")


@pytest.mark.parametrize(
    ("iso", "style", "text"),
    [
        ("2019-09-22", "zh", "2019年9月22日"),
        ("2019-09-22", "zh-numeral", "二〇一九年九月二十二日"),
        ("2019-09-22", "en", "22 September 2019"),
        ("2019-09-22", "en-US", "September 22, 2019"),
        ("2024-03-01", "zh-numeral", "二〇二四年三月一日"),
        ("2020-10-10", "zh-numeral", "二〇二〇年十月十日"),
        ("2000-12-31", "zh-numeral", "二〇〇〇年十二月三十一日"),
    ],
)
def test_format_date(iso: str, style: str, text: str) -> None:
    assert format_date(iso, style) == text  # type: ignore[arg-type]


@given(st.dates(min_value=date(1000, 1, 1)), st.sampled_from(["zh", "zh-numeral", "en", "en-US"]))
def test_date_round_trip(day: date, style: str) -> None:
    assert parse_date(format_date(day.isoformat(), style)) == day.isoformat()  # type: ignore[arg-type]


def test_format_date_rejects_unknown_style() -> None:
    with pytest.raises(ValueError):
        format_date("2019-09-22", "fr")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2019 年 9 月 22 日", "2019-09-22"),
        ("２０１９年９月２２日", "2019-09-22"),
        ("二零一九年九月二十二日", "2019-09-22"),
        ("二○一九年九月廿二日", "2019-09-22"),
        ("民國108年9月22日", "2019-09-22"),
        ("中华民国一百零八年九月二十二日", "2019-09-22"),
        ("2024-03-01", "2024-03-01"),
        ("2024/3/1", "2024-03-01"),
        ("March 1st, 2024", "2024-03-01"),
        ("Mar. 1, 2024", "2024-03-01"),
        ("1st day of March, 2024", "2024-03-01"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text", ["2019-02-30", "19年9月22日", "____年__月__日", "2019年13月1日", "March 32, 2024"]
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_keeps_positions() -> None:
    text = "本协议于2019年9月22日签订，2020年3月22日、9月22日各付款10万元。"
    found = find_dates(text)
    assert [d.iso for d in found] == ["2019-09-22", "2020-03-22"]
    assert all(text[d.start : d.end] == d.text for d in found)
