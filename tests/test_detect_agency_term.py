"""An agency that keeps the client's accounts when the agreement ends holds them as its own.

Modelled on Douyin agency contracts (代运营合作协议) whose last clause leaves the accounts and SIM cards
with the agency after the term; the same words with the client keeping them are its own keeping.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

ACCOUNT = "account-transfer"


def _agency(clause: str) -> list[str]:
    return [
        "小红书账号代运营服务协议",
        "甲方（委托方）：无锡某某食品有限公司",
        "乙方（代运营方）：无锡某某网络科技有限公司",
        "第一条 乙方为甲方运营小红书企业号，甲方每月支付服务费。",
        f"第二条 {clause}",
    ]


def test_accounts_kept_by_the_agency_after_the_term(tmp_path: Path) -> None:
    findings = reviewed(tmp_path, _agency("合作终止后，上述企业号及绑定手机卡由乙方继续持有和使用。"))
    assert ACCOUNT in on(findings, "由乙方继续持有")


def test_accounts_kept_by_the_client_are_its_own(tmp_path: Path) -> None:
    findings = reviewed(tmp_path, _agency("合作终止后，上述企业号及绑定手机卡由甲方继续持有，乙方交还权限。"))
    assert ACCOUNT not in on(findings, "由甲方继续持有")
