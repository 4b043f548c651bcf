"""The package's module-level patterns are compiled once per interpreter, not once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_REVIEW_MODULES = "import draft_agreement.reviewing.run, draft_agreement.deal.build"

# Run in a fresh interpreter: the programs kept before, the patterns asked for, those not kept.
_COUNT = (
    "import draft_agreement.compiled as c\n"
    "before = len(c._load())\n"
    f"{_REVIEW_MODULES}\n"
    "print(before, len(c._used), sum(1 for k in c._used if k not in c._load()))\n"
)


def _fresh(cache: Path) -> list[int]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", _COUNT], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    return [int(n) for n in out.stdout.split()]


def test_a_second_process_rebuilds_every_module_pattern_from_the_kept_programs(tmp_path: Path) -> None:
    kept_before, used, new = _fresh(tmp_path)
    assert kept_before == 0 and used > 50 and new == used  # the first process compiles and keeps them
    assert len(list(tmp_path.rglob("patterns-*.pickle"))) == 1
    kept, used_again, new = _fresh(tmp_path)
    # Every pattern is rebuilt but the few whose program _sre cannot rebuild exactly (regexes.program).
    assert used_again == used and kept + new == used and new < used // 10


def test_a_kept_pattern_is_the_same_pattern(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Rebuilt from its program, a pattern compares equal to re.compile's (CPython compares the code)."""
    import re

    from draft_agreement import compiled

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(compiled, "_store", None)
    monkeypatch.setattr(compiled, "_new", {})
    source = r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?!份)"
    first = compiled.pattern(source, re.IGNORECASE)
    compiled._save()
    monkeypatch.setattr(compiled, "_store", None)
    again = compiled.pattern(source, re.IGNORECASE)
    assert (source, re.IGNORECASE) in compiled._load()
    assert again == first == re.compile(source, re.IGNORECASE)
    assert again.search("签于2023年 8月").groupdict() == {"y": "2023", "m": "8"}


def test_a_damaged_file_is_compiled_around(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from draft_agreement import compiled

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(compiled, "_store", None)
    Path(compiled._path()).parent.mkdir(parents=True)
    Path(compiled._path()).write_bytes(b"not a pickle")
    assert compiled.pattern("甲方|乙方").findall("甲方与乙方") == ["甲方", "乙方"]
