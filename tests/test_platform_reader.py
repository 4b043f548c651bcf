"""platform_reader answers name by name what platforms_in reads from each paragraph: the same names,
including where one platform's name holds another's (企业微信, WeChat Work) and where a name needs
its context (LINE ID, X account)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from draft_agreement.model.context import _PLATFORMS, platform_reader, platforms_in

_PIECES = [
    "企业微信",
    "微信",
    "微信号",
    "WeChat Work",
    "wechat",
    "WeCom",
    "抖音",
    "TikTok",
    "QQ",
    "QQ群",
    "LINE ID",
    "LINE",
    "X account",
    "X",
    "Xbox",
    "twitter",
    "B站",
    "淘宝",
    "天猫店",
    "jd.com",
    "WhatsApp",
    "LinkedIn",
    "甲方",
    "the Seller",
    " ",
    "，",
    "账号",
    "account",
    "ID",
    "平台",
    "Line",
    "officially",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join), max_size=4))
def test_reader_agrees_with_scanning_every_paragraph(paragraphs: list[str]) -> None:
    named = {name for text in paragraphs for name in platforms_in(text)}
    reader = platform_reader(paragraphs)
    for name, _ in _PLATFORMS:
        assert reader(name) == (name in named), (name, paragraphs)


def test_a_name_inside_another_is_not_named() -> None:
    reader = platform_reader(["乙方应通过企业微信联系客户"])
    assert reader("WeCom") and not reader("WeChat")
    assert not platform_reader([])("WeChat")
