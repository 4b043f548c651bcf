"""Compiled regular expressions that are not compiled again when a cached result is read back.

Pickle stores a pattern as its source, so every process that read the cached rule set compiled its
hundreds of expressions again: about 0.7 s of a 2 s review of an ordinary agreement. What `re`
compiles a source into (re._compiler) is kept instead and handed back to _sre, which skips the
parse and the compile. That program belongs to the interpreter that built it, so `SIGNATURE` (the
interpreter's version and _sre's magic number) is part of every cache key, a program is kept only
when _sre rebuilds from it a pattern equal to the original (CPython compares the compiled code),
and anything unexpected falls back to re.compile.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any

try:  # CPython's own engine; elsewhere patterns are pickled as their source
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = None

SIGNATURE = f"{sys.implementation.name}-{sys.version}-{getattr(_sre, 'MAGIC', 0)}"

Program = tuple[list[int], int, dict[str, int], tuple[str | None, ...]]


def program(pattern: re.Pattern[str]) -> Program | None:
    """What `pattern` is compiled into, or None when it cannot be rebuilt from it exactly."""
    if _sre is None or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        code = [int(op) for op in _compiler._code(parsed, pattern.flags)]  # (opcodes are int subclasses)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        return program if _rebuilt(pattern.pattern, pattern.flags, program) == pattern else None
    except Exception:  # noqa: BLE001 - a private interface: any surprise means "pickle the source"
        return None


def _rebuilt(source: str, flags: int, program: Program) -> re.Pattern[str]:
    code, groups, groupindex, indexgroup = program
    return _sre.compile(source, flags, code, groups, groupindex, indexgroup)


def restore(source: str, flags: int, program: Program | None) -> re.Pattern[str]:
    """The pattern a cache holds: rebuilt from its program, else compiled from its source."""
    if program is not None and _sre is not None:
        try:
            return _rebuilt(source, flags, program)
        except Exception:  # noqa: BLE001 - a program from another interpreter: compile instead
            pass
    return re.compile(source, flags)


def reduce(pattern: re.Pattern[str]) -> tuple[Any, tuple[Any, ...]]:
    """How a cache pickles `pattern` (pickle.Pickler.reducer_override)."""
    return restore, (pattern.pattern, pattern.flags, program(pattern))


_UNLOWERABLE = re.compile(r"\\[A-Z]|\(\?P")  # \S, \W, \B, \N{…}, (?P<name>…): lower() would change them


@lru_cache(maxsize=256)
def _lowered(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-insensitive cue as a case-sensitive one over lower-cased text, which Python's re scans
    many times faster: a body of 20,000 lines is searched for its law clause in a tenth of the time.
    None where the source cannot simply be lower-cased."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or _UNLOWERABLE.search(source):
        return None
    try:
        return re.compile(source.lower(), pattern.flags & ~re.IGNORECASE)
    except re.error:
        return None


def found_in(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` (case-insensitive) occurs in `text`, searched the fast way where it can be."""
    fast = _lowered(pattern)
    return bool(fast.search(text.lower()) if fast is not None else pattern.search(text))
