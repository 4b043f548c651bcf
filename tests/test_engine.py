"""The generic engine: negation scope, proximity, order, exceptions, masks, document rules, overrides.

Small test packs are combined with the real base grammars (clauses/zh/base.yaml, clauses/en/base.yaml)
so these tests pin the engine's semantics, not the wording of the shipped rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from draft_agreement.errors import RuleFileError
from draft_agreement.reviewing.engine import Engine, Hit
from draft_agreement.reviewing.normalize import normalize
from draft_agreement.reviewing.rules import default_clauses_dir, language_code

CLAUSES = default_clauses_dir()


def _rule(rule_id: str, match: dict[str, Any], **extra: Any) -> dict[str, Any]:
    language = rule_id.split(".")[0]
    positive = (
        ["账号转让。", "账号转让给乙方。", "转让账号。"] if language == "zh" else ["sell the account"] * 3
    )
    negative = ["设备转让。", "无关。", "其他。"] if language == "zh" else ["nothing here"] * 3
    rule = {
        "id": rule_id,
        "category": extra.pop("category", "account-transfer"),
        "title": {"zh": "标题", "en": "Title"},
        "explanation": {"zh": "说明", "en": "Explanation"},
        "suggestion": {"zh": "建议", "en": "Suggestion"},
        "legal_basis": ["anti-fraud:31"],
        "match": match,
        "examples": {"positive": positive, "negative": negative},
    }
    rule.update(extra)
    return rule


def engine(tmp_path: Path, language: str, rules: list[dict[str, Any]], terms: dict[str, list[Any]]) -> Engine:
    pack = {"pack": f"test-{language}", "language": language, "terms": terms, "rules": rules}
    path = tmp_path / f"test-{language}.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    return Engine.from_packs([CLAUSES / language / "base.yaml", path], language, include_defaults=False)


ZH_TERMS = {
    "obj": ["账号"],
    "verb": ["转让", "出售"],
    "ok": ["单独同意"],
    "pi": ["客户信息"],
    "sg_consent": ["单独同意"],
    "sg_delete": ["删除个人信息"],
}


@pytest.fixture
def zh(tmp_path: Path) -> Engine:
    return engine(
        tmp_path,
        "zh",
        [
            _rule("zh.t.transfer", {"all": ["obj", "verb"], "within": 30, "negate": ["verb"], "not": ["ok"]}),
            _rule("zh.t.near", {"all": ["obj", "verb"], "within": 4}),
            _rule("zh.t.ordered", {"all": ["obj", "verb"], "ordered": True}),
            _rule(
                "zh.t.paragraph-exception", {"all": ["obj", "verb"], "not": ["ok"], "not_scope": "paragraph"}
            ),
        ],
        ZH_TERMS,
    )


def ids(hits: list[Hit], rule_id: str) -> list[tuple[int, int]]:
    return [(hit.start, hit.end) for hit in hits if hit.rule.id == rule_id]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("甲方将账号转让给乙方。", True),
        ("甲方不得转让账号。", False),
        ("甲方不得以任何方式将账号转让给第三方。", False),
        ("禁止甲方在本协议期间，将账号转让给第三方。", False),  # a prohibition reaches across a comma
        ("甲方未收到价款，仍将账号转让给乙方。", True),  # a plain negator stops at the comma
        ("甲方不得拖延，应将账号转让给乙方。", True),  # 应 starts a new predicate
        ("甲方不得违约；账号转让给乙方。", True),  # ；ends the clause
        ("乙方不得泄露信息。甲方将账号转让给乙方。", True),  # a negation elsewhere in the paragraph
        ("乙方不得有下列行为：出售账号；转让账号。", False),  # a colon extends a prohibition over a list
        ("乙方将账号转让给第三方的，视为违约。", False),  # post-negator
        ("账号转让无效。", False),
        ("甲方将账号转让给乙方，乙方不得再转让。", True),  # the first transfer is not negated
        ("未经甲方书面同意，乙方不得将账号转让。", False),
        ("未经甲方同意，乙方擅自将账号转让的，应承担责任。", False),  # consent of a party: a prohibition
        ("未经客户同意，甲方将账号转让给乙方。", True),  # consent of customers is not a party's consent
        ("甲方承诺不可撤销地将账号转让给乙方。", True),  # 不可撤销 is masked, not a negator
        ("乙方将转让款汇入甲方指定的收款账号。", False),  # 转让款 and 收款账号 are masked
    ],
)
def test_negation_scope_and_masks_zh(zh: Engine, text: str, fires: bool) -> None:
    assert bool(ids(zh.scan(text), "zh.t.transfer")) is fires


def test_list_item_under_a_prohibitive_lead_in(zh: Engine) -> None:
    item = "（二）将账号转让给第三方；"
    assert ids(zh.scan(item), "zh.t.transfer")  # alone, the item reads as an obligation
    assert not ids(zh.scan(item, context="乙方不得有下列行为："), "zh.t.transfer")
    hits = ids(zh.scan(item, context="乙方应当完成下列事项："), "zh.t.transfer")
    assert [item[s:e] for s, e in hits] == ["账号转让"]  # offsets are the item's own


def test_exceptions_and_waivers(zh: Engine) -> None:
    assert not ids(zh.scan("经客户单独同意后，甲方将账号转让给乙方。"), "zh.t.transfer")
    assert ids(zh.scan("无需客户单独同意，甲方即将账号转让给乙方。"), "zh.t.transfer")  # waived exception
    text = "客户已单独同意。甲方将账号转让给乙方。"
    assert ids(zh.scan(text), "zh.t.transfer")  # unit scope: the exception is in another sentence
    assert not ids(zh.scan(text), "zh.t.paragraph-exception")


def test_proximity_and_order(zh: Engine) -> None:
    assert ids(zh.scan("账号转让。"), "zh.t.near")
    assert not ids(zh.scan("账号及其全部附属权益一并转让。"), "zh.t.near")
    assert ids(zh.scan("甲方将账号转让给乙方。"), "zh.t.ordered")
    assert not ids(zh.scan("甲方转让其账号。"), "zh.t.ordered")


@pytest.mark.parametrize("opening", ["（", "("])
def test_a_parenthesis_does_not_count_towards_the_window(zh: Engine, opening: str) -> None:
    closing = "）" if opening == "（" else ")"
    listed = "、".join(["姓名", "手机号码", "微信号", "家庭住址", "消费记录", "储值余额", "到店时间"] * 2)
    text = f"甲方将全部账号{opening}含{listed}{opening}附件一{closing}{closing}一并转让给乙方。"
    spans = ids(zh.scan(text), "zh.t.transfer")
    assert [text[s:e] for s, e in spans] == [text[text.index("账号") : text.index("转让") + 2]]
    bare = f"甲方将全部账号，含{listed}，一并转让给乙方。"  # the same list outside brackets still counts
    assert not ids(zh.scan(bare), "zh.t.transfer")
    unclosed = f"甲方将全部账号{opening}含{listed}一并转让给乙方。"
    assert not ids(zh.scan(unclosed), "zh.t.transfer")


def test_one_hit_per_sentence_and_spans(zh: Engine) -> None:
    text = "甲方将账号转让给乙方。丙方将账号转让给丁方。"
    spans = ids(zh.scan(text), "zh.t.transfer")
    assert [text[s:e] for s, e in spans] == ["账号转让", "账号转让"]
    assert spans[0][0] < spans[1][0]


@pytest.mark.parametrize(
    "text",
    [
        "甲方將帳號轉讓給乙方。",
        "甲 方 将 帐 号 转 让 给 乙 方 。",
        "1.1 甲方將其帳　號轉讓給乙方。",
        "甲方将账号\u200b转让给乙方。",
    ],
)
def test_variant_input_maps_back_to_original(zh: Engine, text: str) -> None:
    spans = ids(zh.scan(text), "zh.t.transfer")
    assert len(spans) == 1
    start, end = spans[0]
    assert normalize(text[start:end]).text == "账号转让"
    assert not text[start].isspace() and not text[end - 1].isspace()


def test_traditional_negation(zh: Engine) -> None:
    assert not ids(zh.scan("甲方不得轉讓帳號。"), "zh.t.transfer")


@pytest.fixture
def en(tmp_path: Path) -> Engine:
    terms = {
        "obj": ["the account"],
        "verb": ["sell", "sells", "sold", "transfer"],
        "ok": ["separate consent"],
    }
    rule = _rule("en.t.sale", {"all": ["obj", "verb"], "within": 60, "negate": ["verb"], "not": ["ok"]})
    return engine(tmp_path, "en", [rule], terms)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("Seller shall sell the Account to Buyer.", True),
        ("Buyer shall not sell the Account.", False),
        ("Buyer shall not, directly or indirectly, sell or transfer the Account.", False),
        ("Buyer shall not delay and shall sell the Account on Closing.", True),
        ("Buyer is not in breach. Seller sells the Account to Buyer.", True),
        ("Any sale of the Account is prohibited; Seller sold the Account anyway.", True),
        (
            "Without the prior written consent of the other party, Buyer shall not transfer the Account.",
            False,
        ),
        ("The Seller's account manager shall assist.", False),  # "sell" is not a word inside "Seller's"
        ("No later than 5 days after Closing, Seller shall transfer the Account.", True),  # masked "no"
        ("Seller shall transfer the Account only with the separate consent of each customer.", False),
        ("Seller shall transfer the Account without the separate consent of each customer.", True),
    ],
)
def test_negation_scope_en(en: Engine, text: str, fires: bool) -> None:
    assert bool(ids(en.scan(text), "en.t.sale")) is fires


def test_curly_quotes_and_case(en: Engine) -> None:
    text = "Seller’s agent shall SELL THE ACCOUNT."
    ((start, end),) = ids(en.scan(text), "en.t.sale")
    assert text[start:end] == "SELL THE ACCOUNT"


def _doc_engine(tmp_path: Path, min_missing: int) -> Engine:
    doc = _rule(
        "zh.t.safeguard",
        None,
        category="missing-safeguard",
        examples={"positive": ["a", "b", "c"], "negative": ["d", "e", "f"]},
        document={
            "after": ["personal-info-transfer"],
            "min_missing": min_missing,
            "safeguards": [
                {"group": "sg_consent", "label": {"zh": "单独同意", "en": "separate consent"}},
                {"group": "sg_delete", "label": {"zh": "删除", "en": "deletion"}},
            ],
        },
    )
    doc.pop("match")
    pi = _rule("zh.t.pi", {"all": ["pi", "verb"], "negate": ["verb"]}, category="personal-info-transfer")
    low = _rule("zh.t.low", {"all": ["obj", "verb"]}, category="personal-info-transfer", severity="low")
    return engine(tmp_path, "zh", [doc, pi, low], ZH_TERMS)


def _document(eng: Engine, text: str) -> list:
    hits = [hit for line in text.splitlines() for hit in eng.scan(line)]
    return eng.document_hits(hits, text)


def test_document_rule_lists_missing_safeguards(tmp_path: Path) -> None:
    eng = _doc_engine(tmp_path, min_missing=1)
    (doc,) = _document(eng, "甲方将客户信息转让给乙方。\n客户已单独同意。")
    assert doc.rule.id == "zh.t.safeguard"
    assert [sg.group for sg in doc.missing] == ["sg_delete"]
    assert [sg.label["en"] for sg in doc.missing] == ["deletion"]
    assert [hit.rule.id for hit in doc.triggers] == ["zh.t.pi"]
    assert not _document(eng, "甲方将客户信息转让给乙方。\n客户已单独同意。\n乙方应删除个人信息。")


def test_document_rule_thresholds_and_triggers(tmp_path: Path) -> None:
    eng = _doc_engine(tmp_path, min_missing=2)
    assert not _document(eng, "甲方将客户信息转让给乙方。\n客户已单独同意。")  # only one missing
    assert _document(eng, "甲方将客户信息转让给乙方。")
    assert _document(eng, "甲方将客户信息转让给乙方。\n无需单独同意。")  # a waived safeguard is absent
    assert not _document(eng, "甲方不得将客户信息转让给乙方。")  # no transfer found
    assert not _document(eng, "甲方将账号转让给乙方。")  # only a low-severity trigger


def _override_pack(tmp_path: Path, overrides: list[dict[str, Any]]) -> Path:
    path = tmp_path / "firm.yaml"
    path.write_text(yaml.safe_dump({"pack": "firm", "language": "zh", "rules": [], "overrides": overrides}))
    return path


def test_overrides_disable_and_regrade(tmp_path: Path) -> None:
    text = "甲方将其微信号转让给乙方。"
    default = Engine.from_packs((), "zh")
    assert any(
        hit.rule.id == "zh.account.transfer" and hit.rule.severity == "high" for hit in default.scan(text)
    )
    regraded = Engine.from_packs(
        [_override_pack(tmp_path, [{"id": "zh.account.transfer", "severity": "low"}])], "zh"
    )
    assert [hit.rule.severity for hit in regraded.scan(text) if hit.rule.id == "zh.account.transfer"] == [
        "low"
    ]
    disabled = Engine.from_packs(
        [_override_pack(tmp_path, [{"id": "zh.account.transfer", "disable": True}])], "zh"
    )
    assert "zh.account.transfer" not in {rule.id for rule in disabled.rules()}
    assert not any(hit.rule.id == "zh.account.transfer" for hit in disabled.scan(text))


def test_override_of_unknown_rule(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError):
        Engine.from_packs([_override_pack(tmp_path, [{"id": "zh.no.such-rule", "disable": True}])], "zh")


def test_extra_pack_extends_default_terms(tmp_path: Path) -> None:
    path = tmp_path / "platforms.yaml"
    path.write_text(
        yaml.safe_dump(
            {"pack": "platforms", "language": "zh", "extend_terms": {"account": ["蓝星号"]}, "rules": []},
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    text = "甲方将其蓝星号转让给乙方。"
    assert not any(hit.rule.id == "zh.account.transfer" for hit in Engine.from_packs((), "zh").scan(text))
    assert any(hit.rule.id == "zh.account.transfer" for hit in Engine.from_packs([path], "zh").scan(text))


def _all_examples(eng: Engine) -> list[str]:
    return [
        ex.text
        for rule in eng.rules()
        if not rule.is_document_rule
        for ex in (*rule.positive, *rule.negative)
    ]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_deterministic_ordered_and_in_bounds(language: str) -> None:
    first, second = Engine.from_packs((), language), Engine.from_packs((), language)
    for text in _all_examples(first):
        hits = first.scan(text)
        again = [(h.rule.id, h.start, h.end) for h in second.scan(text)]
        assert [(h.rule.id, h.start, h.end) for h in hits] == again
        assert [(h.start, h.rule.id) for h in hits] == sorted((h.start, h.rule.id) for h in hits)
        for hit in hits:
            assert 0 <= hit.start < hit.end <= len(text)


def test_rules_are_sorted_and_unique() -> None:
    rules = Engine.from_packs((), "zh").rules()
    assert [r.id for r in rules] == sorted({r.id for r in rules})


def test_languages_and_clauses_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert language_code("zh-Hant") == language_code("zh-Hans") == "zh"
    assert language_code("en-GB") == "en"
    with pytest.raises(ValueError):
        language_code("fr")
    assert {r.id for r in Engine.from_packs((), "zh-Hant").rules()} == {
        r.id for r in Engine.from_packs((), "zh").rules()
    }
    monkeypatch.setenv("DRAFT_AGREEMENT_CLAUSES", str(tmp_path))
    assert default_clauses_dir() == tmp_path
    monkeypatch.delenv("DRAFT_AGREEMENT_CLAUSES")
    assert (default_clauses_dir() / "zh").is_dir()


def test_paragraph_without_triggers_is_cheap_and_empty() -> None:
    eng = Engine.from_packs((), "zh")
    assert eng.scan("本协议自双方签字盖章之日起生效。") == []
    assert eng.scan("") == []


_MIXED = [
    "乙方应将全部会员的姓名、手机号码移交给甲方。",
    "本协议一式两份，双方各执一份。",
    "受让方不得向任何第三方提供客户资料。",
    "甲方应在交割日将微信账号及登录密码交付乙方。",
    "乙方应将全部会员的姓名、手机号码移交给甲方。",  # the same clause again: answered from the memo
    "接收方可随时查阅出让方顾客的消费记录。",
]


@pytest.mark.parametrize("parties", [(), ("甲方",), ("接收方",)])
def test_scanning_in_sequence_equals_scanning_each_clause_afresh(parties: tuple[str, ...]) -> None:
    """The engine keeps which rules a combination of terms calls for; that must never change a hit,
    whatever was scanned before and whichever labels the document gave."""
    warm = Engine.from_packs([], "zh")
    for other in ((), ("乙方",), parties):  # other documents' labels first
        for text in _MIXED:
            warm.scan(text, parties=other)

    def spans(eng: Engine, text: str) -> list[tuple[str, int, int]]:
        return [(h.rule.id, h.start, h.end) for h in eng.scan(text, parties=parties)]

    found = [spans(warm, text) for text in _MIXED]
    assert found == [spans(Engine.from_packs([], "zh"), text) for text in _MIXED]
    assert any(found)  # the clauses are risky enough to test something
