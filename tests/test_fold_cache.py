"""The folding tables cached between runs equal the computed ones, and a bad cache is recomputed."""

from __future__ import annotations

from pathlib import Path

import pytest

from draft_agreement.reviewing import normalize


def test_cached_tables_equal_computed_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    computed = normalize._compute_table_sources()
    assert normalize._table_sources() == computed  # computes and writes the cache
    assert normalize._cache_file().exists()
    assert normalize._table_sources() == computed  # reads it back


def test_a_corrupt_cache_is_recomputed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = normalize._cache_file()
    cache.parent.mkdir(parents=True)
    cache.write_text("{not json", encoding="utf-8")
    assert normalize._table_sources() == normalize._compute_table_sources()
