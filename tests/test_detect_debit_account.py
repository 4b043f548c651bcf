"""A customer's bank debit account is a financial account (PIPL art. 28), however the record names it.

The field 银行扣款账号 is also a mask phrase (a record's field, not an account handed over), and a mask hid
the shorter sensitive term 扣款账号 inside it: an insurance agent's client table with each client's debit
account went to the buyer with no sensitive finding.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_dev10_mixc import zh
from tests.test_detect_generalise import on, reviewed

SENS = "sensitive-personal-info"


def test_a_clients_bank_debit_account_is_sensitive(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "三、甲方应将投保客户的银行扣款账号随保单资料一并交付乙方。",
                "四、出让方应向乙方提供每位会员的银行扣款账号及开户行。",
                "五、乙方应将本协议价款支付至甲方指定的银行账号。",
            ]
        ),
    )
    assert SENS in on(findings, "投保客户的银行扣款账号")
    assert SENS in on(findings, "每位会员的银行扣款账号")
    assert SENS not in on(findings, "甲方指定的银行账号")
