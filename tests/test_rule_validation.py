"""Each kind of broken rule pack fails on load with a RuleFileError naming the file, the rule and the field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from draft_agreement.errors import RuleFileError
from draft_agreement.reviewing.legal import LegalLibrary
from draft_agreement.reviewing.rules import default_clauses_dir, load_rule_set

LEGAL = LegalLibrary.load(default_clauses_dir() / "legal")


def valid_pack() -> dict[str, Any]:
    return {
        "pack": "test-pack",
        "language": "zh",
        "terms": {"account": ["账号"], "verb": ["转让", {"re": "卖给(?:乙方|他人)"}]},
        "rules": [
            {
                "id": "zh.test.rule",
                "category": "account-transfer",
                "title": {"zh": "标题", "en": "Title"},
                "explanation": {"zh": "说明", "en": "Explanation"},
                "suggestion": {"zh": "建议", "en": "Suggestion"},
                "legal_basis": ["anti-fraud:31"],
                "replacement": "account-retained",
                "match": {"all": ["account", "verb"], "within": 20},
                "examples": {
                    "positive": ["甲方将【账号转让】给乙方。", "账号转让给乙方。", "甲方把账号卖给乙方。"],
                    "negative": ["甲方不得转让账号。", "设备转让。", "账号归甲方。"],
                },
            }
        ],
    }


def load(tmp_path: Path, pack: dict[str, Any] | str, name: str = "pack.yaml") -> None:
    path = tmp_path / name
    path.write_text(
        pack if isinstance(pack, str) else yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8"
    )
    load_rule_set([path], "zh", LEGAL)


def rule(pack: dict[str, Any]) -> dict[str, Any]:
    return pack["rules"][0]


def test_the_valid_pack_loads(tmp_path: Path) -> None:
    load(tmp_path, valid_pack())


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str | None, str]] = [
    ("unknown category", lambda p: rule(p).update(category="account-sale"), "zh.test.rule", "category"),
    ("bad severity", lambda p: rule(p).update(severity="critical"), "zh.test.rule", "severity"),
    (
        "unknown term group",
        lambda p: rule(p)["match"].update(all=["account", "verbs"]),
        "zh.test.rule",
        "match.all",
    ),
    ("bad regex", lambda p: p["terms"]["verb"].append({"re": "卖给(乙方"}), None, "terms.verb"),
    ("regex on unfolded text", lambda p: p["terms"]["verb"].append({"re": "轉讓"}), None, "terms.verb"),
    (
        "full-width punctuation in regex",
        lambda p: p["terms"]["verb"].append({"re": "转让，"}),
        None,
        "terms.verb",
    ),
    ("regex matching nothing", lambda p: p["terms"]["verb"].append({"re": "x?"}), None, "terms.verb"),
    ("missing example", lambda p: rule(p)["examples"]["negative"].pop(), "zh.test.rule", "examples.negative"),
    ("no examples", lambda p: rule(p).pop("examples"), "zh.test.rule", "examples"),
    (
        "two marked spans",
        lambda p: rule(p)["examples"]["positive"].__setitem__(1, "【账号】【转让】"),
        "zh.test.rule",
        "examples.positive[1]",
    ),
    (
        "marked negative",
        lambda p: rule(p)["examples"]["negative"].__setitem__(0, "【甲方】不得转让账号。"),
        "zh.test.rule",
        "examples.negative[0]",
    ),
    ("missing English title", lambda p: rule(p)["title"].pop("en"), "zh.test.rule", "title.en"),
    ("unknown rule key", lambda p: rule(p).update(severty="high"), "zh.test.rule", "severty"),
    ("unknown match key", lambda p: rule(p)["match"].update(near=5), "zh.test.rule", "match.near"),
    ("bad window", lambda p: rule(p)["match"].update(within=-3), "zh.test.rule", "match.within"),
    (
        "negate outside the pattern",
        lambda p: rule(p)["match"].update(negate=["verb", "account2"]),
        "zh.test.rule",
        "match.negate",
    ),
    (
        "unknown legal reference",
        lambda p: rule(p).update(legal_basis=["pipl:999"]),
        "zh.test.rule",
        "legal_basis",
    ),
    ("no legal basis", lambda p: rule(p).update(legal_basis=[]), "zh.test.rule", "legal_basis"),
    ("bad scope", lambda p: rule(p).update(scope="clause"), "zh.test.rule", "scope"),
    (
        "bad replacement id",
        lambda p: rule(p).update(replacement="Account Retained!"),
        "zh.test.rule",
        "replacement",
    ),
    ("bad rule id", lambda p: rule(p).update(id="Test Rule"), "Test Rule", "id"),
    ("duplicate rule id", lambda p: p["rules"].append(copy.deepcopy(rule(p))), "zh.test.rule", "id"),
    (
        "match and document",
        lambda p: rule(p).update(document={"after": ["account-transfer"]}),
        "zh.test.rule",
        "match",
    ),
    (
        "document rule outside missing-safeguard",
        lambda p: rule(p).update(document={"after": ["account-transfer"]}) or rule(p).pop("match"),
        "zh.test.rule",
        "document",
    ),
    (
        "unanchored pattern",
        lambda p: p["terms"].update(account=[{"re": "[账户]号"}], verb=[{"re": "[转出]让"}]),
        "zh.test.rule",
        "match.all",
    ),
    ("language mismatch", lambda p: p.update(language="en"), None, "language"),
    ("unknown top-level key", lambda p: p.update(rule=[]), None, "rule"),
    ("unknown grammar key", lambda p: p.update(grammar={"negations": ["不"]}), None, "grammar.negations"),
    (
        "extend unknown group",
        lambda p: p.update(extend_terms={"platform": ["抖音"]}),
        None,
        "extend_terms.platform",
    ),
    ("empty term group", lambda p: p["terms"].update(verb=[]), None, "terms.verb"),
    (
        "override of an unknown rule",
        lambda p: p.update(overrides=[{"id": "zh.nope", "disable": True}]),
        "zh.nope",
        "overrides",
    ),
    (
        "override with a bad severity",
        lambda p: p.update(overrides=[{"id": "zh.test.rule", "severity": "urgent"}]),
        "zh.test.rule",
        "overrides.severity",
    ),
]


@pytest.mark.parametrize(("mutate", "rule_id", "field"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_pack(
    tmp_path: Path, mutate: Callable[[dict[str, Any]], None], rule_id: str | None, field: str
) -> None:
    pack = valid_pack()
    mutate(pack)
    with pytest.raises(RuleFileError) as info:
        load(tmp_path, pack)
    error = info.value
    assert error.path == str(tmp_path / "pack.yaml")
    assert error.rule == rule_id
    assert error.field == field
    assert str(tmp_path / "pack.yaml") in str(error) and field in str(error)


def test_yaml_boolean_word_is_explained(tmp_path: Path) -> None:
    pack = valid_pack()
    pack["terms"]["verb"].append(False)  # what an unquoted `no` becomes
    with pytest.raises(RuleFileError, match="quote it"):
        load(tmp_path, pack)


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    text = yaml.safe_dump(valid_pack(), allow_unicode=True).replace(
        "pack: test-pack", "pack: test-pack\npack: again"
    )
    with pytest.raises(RuleFileError, match="duplicate key"):
        load(tmp_path, text)


def test_invalid_yaml(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="not valid YAML"):
        load(tmp_path, "pack: [unclosed")


def test_group_defined_twice_across_packs(tmp_path: Path) -> None:
    first, second = valid_pack(), valid_pack()
    second["pack"] = "second-pack"
    second["rules"] = []
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(first, allow_unicode=True), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(second, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rule_set([tmp_path / "a.yaml", tmp_path / "b.yaml"], "zh", LEGAL)
    assert info.value.path == str(tmp_path / "b.yaml") and info.value.field == "terms.account"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="cannot read"):
        load_rule_set([tmp_path / "absent.yaml"], "zh", LEGAL)
