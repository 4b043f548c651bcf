"""Cached patterns come back compiled, equal to the originals, without being compiled again.

The oracle is re itself: CPython's Pattern equality compares the compiled code, and each pattern is
searched over the same texts before and after the round trip through the cache's pickler.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from draft_agreement import cache, regexes
from draft_agreement.reviewing.engine import Engine

PATTERNS = sorted(
    {
        p
        for language in ("zh", "en")
        for group in Engine.from_packs(language=language)._groups.values()
        for p in group.patterns
    },
    key=lambda p: p.pattern,
)


def test_every_rule_pattern_survives_the_cache_as_itself() -> None:
    assert len(PATTERNS) > 100
    back = pickle.loads(cache._dumps(PATTERNS))
    assert back == PATTERNS and all(type(p) is re.Pattern for p in back)


def test_reading_the_cache_back_compiles_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    stored = cache._dumps(PATTERNS)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(re, "compile", refuse)
    monkeypatch.setattr(re, "_compile", refuse)
    assert pickle.loads(stored) == PATTERNS


def test_a_program_from_another_interpreter_is_compiled_from_its_source() -> None:
    pattern = re.compile(r"(?P<deal>转让|transfer)\s*给?", re.IGNORECASE)
    broken = ([1, 2, 3], 0, {}, (None,))
    assert regexes.restore(pattern.pattern, pattern.flags, broken) == pattern
    assert regexes.restore(pattern.pattern, pattern.flags, None) == pattern


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(range(len(PATTERNS))),
    st.text(
        alphabet="甲方乙方将账号密码客户资料转让给提供移交 the seller shall transfer accounts,;。",
        max_size=40,
    ),
)
def test_a_restored_pattern_finds_what_the_original_finds(which: int, text: str) -> None:
    original = PATTERNS[which]
    restored = regexes.restore(*regexes.reduce(original)[1])
    found = [m.span() for m in original.finditer(text)]
    assert [m.span() for m in restored.finditer(text)] == found


def test_a_documents_own_party_labels_are_compiled_once_for_every_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counterparty patterns filled with an agreement's labels (接收方) are cached with the rules:
    a later process reads them back and compiles nothing."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    labels = ("接收方", "丙方")
    first = Engine.from_packs(language="zh")._filled(labels)
    assert any(labels[0] in p.pattern for ps in first.values() for p in ps)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(re, "compile", refuse)
    monkeypatch.setattr(re, "_compile", refuse)
    assert Engine.from_packs(language="zh")._filled(labels) == first


def test_a_party_named_by_its_own_short_name_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Labels only one agreement uses ("apex") are compiled for it, not kept: a batch of contracts
    each naming its parties would otherwise leave a cache file per contract."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    engine = Engine.from_packs(language="en")
    engine._filled(("apex",))
    assert not list(tmp_path.rglob("labels-*"))
    engine._filled(("buyer",))
    assert len(list(tmp_path.rglob("labels-*"))) == 1
