"""The literals a regular expression cannot match without: a conjunction of alternatives, read off its parse.

A pattern such as (?:客户|会员)(?:的)?(?:信息|资料) needs one of 客户/会员 AND one of 信息/资料 in the text.
Its leading literal alone (see patterns.literal_gate) is a weak gate where that literal is an everyday
word; requiring every such set lets one automaton pass over a paragraph rule out most regex runs.
Each set is a necessary condition only: a pattern whose sets all occur is still run.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

Required = tuple[frozenset[str], ...]
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def required_literals(pattern: re.Pattern[str]) -> Required:
    """Sets of literals of which ``pattern`` needs one each (empty when nothing can be read off)."""
    if pattern.flags & re.IGNORECASE:
        return ()
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except re.error:
        return ()
    if parsed.state.flags & re.IGNORECASE:  # an inline (?i) for the whole pattern
        return ()
    return tuple(dict.fromkeys(_sequence(list(parsed))))


def _sequence(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """The required sets of a sequence: each run of literal characters, and each item's own sets."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        flush()
        out.extend(_item(op, av))
    flush()
    return out


def _item(op: Any, av: Any) -> list[frozenset[str]]:
    """The required sets of one non-literal item."""
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        return [] if add_flags & re.IGNORECASE else _sequence(list(body))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is sre.ASSERT:  # a positive lookaround still reads text that is there
        return _sequence(list(av[1]))
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else []
    if op is sre.BRANCH:
        return _branch(av[1])
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in av):
        return [frozenset(chr(value) for _, value in av)]
    return []


def _branch(alternatives: list[Any]) -> list[frozenset[str]]:
    """One set for an alternation: from each alternative, its most selective set (longest shortest
    literal), all united; nothing when some alternative requires nothing."""
    united: set[str] = set()
    for alternative in alternatives:
        sets = _sequence(list(alternative))
        if not sets:
            return []
        united |= max(sets, key=lambda found: (min(len(x) for x in found), -len(found)))
    return [frozenset(united)]


__all__ = ["Required", "required_literals"]
