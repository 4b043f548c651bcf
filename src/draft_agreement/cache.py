"""Results that are costly to compute and depend only on files we can hash, kept between processes.

Every process that reviews would otherwise parse the rule packs and statute files, fold their terms
and build their automata again (about 0.1 s, in every CLI call and every batch worker). The cache is
keyed by the content of everything the result is derived from, code included, so an edited pack or
a new version of the package is never served a stale result; an unreadable or unwritable cache only
costs the computation.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from draft_agreement import regexes

T = TypeVar("T")


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/draft-agreement, by default ~/.cache/draft-agreement."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "draft-agreement"


def content_key(files: Iterable[Path], *extra: str) -> str:
    """A digest of the files' names and contents, in order, and of `extra`."""
    digest = hashlib.sha256()
    for part in extra:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for path in files:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class _Pickler(pickle.Pickler):
    """Pickles compiled patterns with their programs, so reading them back compiles nothing."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is re.Pattern:
            return regexes.reduce(obj)
        return NotImplemented


def _dumps(value: object) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


def cached(kind: str, key: str, build: Callable[[], T]) -> T:
    """The value stored under (kind, key) by an earlier process, or build() stored for the next ones.

    The file is private to the user (the folder is created 0700) and replaced atomically, so two
    workers building at once never leave a half-written cache.
    """
    # A pattern's program is the interpreter's own: another Python reads its own file.
    key = hashlib.sha256(f"{key}\0{regexes.SIGNATURE}".encode()).hexdigest()
    target = cache_dir() / f"{kind}-{key[:32]}.pickle"
    with contextlib.suppress(
        OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError
    ):
        return pickle.loads(target.read_bytes())  # noqa: S301 - our own file, in the user's private cache
    value = build()
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_dumps(value))
            os.replace(temp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        _evict(kind)
    return value


KEPT = 16  # files of one kind: every edit of a pack makes a new rule set, the old ones are not read again


def _evict(kind: str) -> None:
    """The oldest files of `kind` beyond KEPT go; a process still reading one has it open already."""
    files = sorted(cache_dir().glob(f"{kind}-*.pickle"), key=lambda f: f.stat().st_mtime, reverse=True)
    for old in files[KEPT:]:
        with contextlib.suppress(OSError):
            old.unlink()
