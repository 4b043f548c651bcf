"""Variable values as templates print them: money with its Chinese capitals, dates in a chosen style.

Values arrive as text from --set, as YAML/JSON scalars from --data, or already typed from the pre-fill;
`coerce` turns each into the one representation its manifest type promises, so a template can rely on
`{{ fee.capital }}` or `{{ categories|join("、") }}` whatever the source was.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from draft_agreement.model.amounts import Amount, DateStyle, format_date, parse_amount, parse_date
from draft_agreement.model.amounts import to_chinese_capital as _capital

_ZH_CURRENCY = {
    "CNY": "人民币",
    "USD": "美元",
    "HKD": "港币",
    "TWD": "新台币",
    "EUR": "欧元",
    "GBP": "英镑",
    "JPY": "日元",
    "MOP": "澳门元",
}
_EN_CURRENCY = {"CNY": "RMB"}
_TRUE = {"true", "yes", "y", "1", "on", "是", "真"}
_FALSE = {"false", "no", "n", "0", "off", "否", "假"}
_LIST_SPLIT = re.compile(r"\s*[,，;；、\n]\s*")
_BARE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?\Z")


@dataclass(frozen=True)
class Money:
    """An amount printed the way a contract in `lang` writes it; `.capital` gives 伍拾万元整."""

    value: Decimal
    currency: str
    lang: str

    @property
    def figure(self) -> str:
        whole = self.value == self.value.to_integral_value()
        return f"{self.value:,.0f}" if whole else f"{self.value:,.2f}"

    @property
    def capital(self) -> str:
        """Financial capitals with the currency named first, as 大写 lines on Chinese contracts read."""
        return _ZH_CURRENCY.get(self.currency, self.currency) + _capital(self.value)

    def __str__(self) -> str:
        if self.lang == "zh":
            if self.currency == "CNY":
                return f"人民币{self.figure}元"
            return f"{_ZH_CURRENCY.get(self.currency, self.currency)}{self.figure}元"
        return f"{_EN_CURRENCY.get(self.currency, self.currency)} {self.figure}"


@dataclass(frozen=True)
class DateValue:
    """A calendar date printed in one style (2019年9月22日, 二〇一九年九月二十二日, 22 September 2019...)."""

    iso: str
    style: DateStyle

    def __str__(self) -> str:
        return format_date(self.iso, self.style)


def default_date_style(lang: str) -> DateStyle:
    return "zh" if lang == "zh" else "en"


def detect_date_style(iso: str | None, written: str | None, lang: str) -> DateStyle:
    """The style the agreement wrote its date in, if it matches the output language; else the default."""
    if iso and written:
        target = _squash(written)
        for style in ("zh", "zh-numeral", "en", "en-US"):
            if style.startswith(lang) and _squash(format_date(iso, style)) == target:
                return style  # type: ignore[return-value]
    return default_date_style(lang)


def _squash(text: str) -> str:
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text.lower())
    return re.sub(r"[\s,.]+", "", text).replace("号", "日")


class ValueProblem(ValueError):
    """A value that cannot have its variable's type; the caller collects these into one error."""


def coerce(kind: str, value: Any, lang: str, date_style: DateStyle) -> Any:
    """`value` as the manifest type `kind` promises; None stays None (an absent optional value)."""
    if value is None:
        return None
    if kind == "string":
        return _string(value)
    if kind == "list":
        return _list(value)
    if kind == "bool":
        return _bool(value)
    if kind == "date":
        return _date(value, date_style)
    if kind == "amount":
        return _money(value, lang)
    raise ValueProblem(f"unknown type {kind}")


def _string(value: Any) -> str:
    if isinstance(value, (list, dict, bool)):
        raise ValueProblem(f"expected text, got {type(value).__name__}")
    return str(value).strip()


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        items = _LIST_SPLIT.split(value)
    elif isinstance(value, (list, tuple)):
        items = [_string(item) for item in value]
    else:
        raise ValueProblem(f"expected a list, got {type(value).__name__}")
    return [item.strip() for item in items if item.strip()]


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f"expected true or false, got {value!r}")


def _date(value: Any, style: DateStyle) -> DateValue:
    if isinstance(value, DateValue):
        return DateValue(value.iso, style)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return DateValue(value.isoformat(), style)
    iso = parse_date(str(value))
    if iso is None:
        raise ValueProblem(f"not a date: {value!r} (write it as 2024-05-01 or 2024年5月1日)")
    return DateValue(iso, style)


def _money(value: Any, lang: str) -> Money:
    if isinstance(value, Money):
        return Money(value.value, value.currency, lang)
    if isinstance(value, Amount):
        return Money(value.value, value.currency, lang)
    if isinstance(value, bool):
        raise ValueProblem("expected an amount, got true/false")
    if isinstance(value, (int, Decimal)):
        return _checked(Money(Decimal(value), "CNY", lang))
    text = str(value).strip()
    if _BARE_NUMBER.match(text):
        try:
            return _checked(Money(Decimal(text.replace(",", "")), "CNY", lang))
        except InvalidOperation:
            pass
    amount = parse_amount(text)
    if amount is None:
        raise ValueProblem(f"not an amount: {value!r} (write it as 500000, RMB 500,000 or 人民币伍拾万元)")
    return _checked(Money(amount.value, amount.currency, lang))


def _checked(money: Money) -> Money:
    """Refuse what could not be printed in capitals (negative, beyond 亿亿, fractions of 分)."""
    try:
        _capital(money.value)
    except ValueError as exc:
        raise ValueProblem(str(exc)) from None
    return money
