"""The compiled rule set is kept between processes, keyed by the content of every pack it comes from.

A process that finds its key in the cache does not parse or compile a single pack; a pack whose
content changed (same path) gets a fresh build; a damaged cache file is rebuilt, never trusted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from draft_agreement.errors import RuleFileError
from draft_agreement.reviewing import engine as engine_module
from draft_agreement.reviewing.engine import Engine

TEXT = "甲方将其微信号转让给乙方。"


@pytest.fixture
def builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A private cache folder, and a record of every real build of a rule set."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls: list[int] = []
    real = engine_module.load_rule_set

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine_module, "load_rule_set", counting)
    return calls


def firm_pack(folder: Path, severity: str) -> Path:
    path = folder / "firm.yaml"
    overrides = [{"id": "zh.account.transfer", "severity": severity}]
    path.write_text(yaml.safe_dump({"pack": "firm", "language": "zh", "rules": [], "overrides": overrides}))
    return path


def hits(engine: Engine) -> list[tuple[str, str, int, int]]:
    return [(h.rule.id, h.rule.severity, h.start, h.end) for h in engine.scan(TEXT)]


def test_a_second_build_comes_from_the_cache_and_scans_the_same(builds: list[int], tmp_path: Path) -> None:
    first = Engine.from_packs((), "zh")
    assert builds == [1]
    assert len(list((tmp_path / "cache" / "draft-agreement").glob("rules-*.pickle"))) == 1
    second = Engine.from_packs((), "zh")
    assert builds == [1]  # nothing parsed or compiled the second time
    assert second is not first and hits(second) == hits(first) and hits(first)
    assert [r.id for r in second.rules()] == [r.id for r in first.rules()]


def test_a_pack_whose_content_changes_is_built_again(builds: list[int], tmp_path: Path) -> None:
    low = Engine.from_packs([firm_pack(tmp_path, "low")], "zh")
    high = Engine.from_packs([firm_pack(tmp_path, "high")], "zh")  # same path, new content
    assert builds == [1, 1]
    assert ("zh.account.transfer", "low") in {(h[0], h[1]) for h in hits(low)}
    assert ("zh.account.transfer", "high") in {(h[0], h[1]) for h in hits(high)}


def test_a_damaged_cache_file_is_rebuilt(builds: list[int], tmp_path: Path) -> None:
    expected = hits(Engine.from_packs((), "zh"))
    (cached,) = (tmp_path / "cache" / "draft-agreement").glob("rules-*.pickle")
    cached.write_bytes(cached.read_bytes()[:1000])
    assert hits(Engine.from_packs((), "zh")) == expected
    assert builds == [1, 1]


def test_a_broken_pack_is_still_refused(builds: list[int], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: firm\nlanguage: zh\nrules: [", encoding="utf-8")
    for _ in range(2):  # never cached: the second process is refused the same way
        with pytest.raises(RuleFileError):
            Engine.from_packs([broken], "zh")
    with pytest.raises(RuleFileError):
        Engine.from_packs([tmp_path / "missing.yaml"], "zh")


def test_old_rule_sets_are_evicted_and_the_newest_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every edit of a pack makes a new cached rule set; only the newest KEPT of a kind stay."""
    from draft_agreement import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for n in range(cache.KEPT + 5):
        assert cache.cached("rules", f"key-{n}", lambda n=n: n) == n
    files = list((tmp_path / "draft-agreement").glob("rules-*.pickle"))
    assert len(files) == cache.KEPT
    assert cache.cached("rules", f"key-{cache.KEPT + 4}", lambda: "rebuilt") == cache.KEPT + 4  # newest kept
    assert cache.cached("rules", "key-0", lambda: "rebuilt") == "rebuilt"  # oldest gone
