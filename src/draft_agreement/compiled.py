"""The package's own module-level patterns, kept compiled between processes.

A review compiled some two hundred expressions of our own modules at start-up (party lines, amounts,
dates, identifiers), about 0.3 s of a 1 s review of a short agreement. Their programs are kept in one
file of the user's cache, as the rule set's are (see regexes), and rebuilt from it without a parse.
The file is keyed by the interpreter (regexes.SIGNATURE) and read once per process; patterns it does
not hold yet are compiled and added when the process ends. Only sources written in our code or packs go
here, never text taken from a document.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import pickle
import re
from pathlib import Path

from draft_agreement import regexes
from draft_agreement.atomicio import atomic_write_bytes
from draft_agreement.cache import cache_dir

Key = tuple[str, int]

_KEPT = 4000  # programs: beyond this the file is rewritten with this process's patterns only
_store: dict[Key, tuple[int, regexes.Program]] | None = None  # the compiled flags (re.U added) and program
_new: dict[Key, re.Pattern[str]] = {}
_used: set[Key] = set()


def _path() -> Path:
    digest = hashlib.sha256(regexes.SIGNATURE.encode()).hexdigest()[:32]
    return cache_dir() / f"patterns-{digest}.pickle"


def _load() -> dict[Key, tuple[int, regexes.Program]]:
    global _store
    if _store is None:
        _store = {}
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
            with open(_path(), "rb") as handle:
                loaded = pickle.load(handle)  # noqa: S301 - our own file, in the user's private cache
            if isinstance(loaded, dict):
                _store = loaded
    return _store


def pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(source, flags), rebuilt from the kept program when an earlier process made it."""
    key = (source, int(flags))
    _used.add(key)
    kept = _load().get(key)
    if kept is not None:
        return regexes.restore(source, *kept)
    compiled = re.compile(source, flags)
    if not _new:
        atexit.register(_save)
    _new[key] = compiled
    return compiled


def _save() -> None:
    """Add this process's new programs to the file, atomically (two processes may both write)."""
    store = dict(_load())
    if len(store) + len(_new) > _KEPT:
        store = {key: program for key, program in store.items() if key in _used}
    for key, compiled in _new.items():
        program = regexes.program(compiled)
        if program is not None:
            store[key] = (compiled.flags, program)
    _new.clear()
    with contextlib.suppress(OSError, pickle.PicklingError):
        cache_dir().mkdir(mode=0o700, parents=True, exist_ok=True)  # (private: the folder is the user's)
        atomic_write_bytes(_path(), pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL))
