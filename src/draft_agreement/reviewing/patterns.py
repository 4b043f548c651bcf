"""Regular-expression terms: the literals one of which must occur, and {group} references.

A regex term is run only when one of its leading literals occurs (its gate), so a pattern costs a
C-speed substring test on ordinary paragraphs, and a group of gated patterns can index a rule as a
literal group does. A pattern may name another term group as {name}: the vocabulary is then one
line per synonym, and every pattern that names the group sees the new synonym.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from draft_agreement import compiled

_SPECIAL = set(".^$*+?{}[]()|\\")


def _leading_literal(alternative: str) -> str:
    """The literal text an alternative must start with ('' if it starts with anything else)."""
    out: list[str] = []
    i = 0
    while i < len(alternative):
        ch = alternative[i]
        if ch == "\\":
            if i + 1 < len(alternative) and not alternative[i + 1].isalnum():
                out.append(alternative[i + 1])
                i += 2
                continue
            break
        if ch in _SPECIAL:
            if ch in "?*{" and out:  # the last character is optional
                out.pop()
            break
        out.append(ch)
        i += 1
    return "".join(out)


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """(index, character) of every parenthesis and "|" from ``start`` on, outside escapes and classes."""
    i = start
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()|":
            yield i, ch
        i += 1


def _closing(pattern: str, open_index: int) -> int:
    """Index of the parenthesis closing the group that opens at ``open_index`` (-1 if unbalanced)."""
    depth = 0
    for i, ch in _structure(pattern, open_index):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _split_alternatives(body: str) -> list[str]:
    """The top-level alternatives of a pattern."""
    parts, depth, start = [], 0, 0
    for i, ch in _structure(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return parts


def literal_gate(pattern: str) -> tuple[str, ...] | None:
    """Literals of which one must occur for ``pattern`` to match, or None when that cannot be read off.

    Handles the shapes rule packs use: optional leading \\b or lookarounds, then a literal or a
    non-capturing group of alternatives that each start with a literal. Running a regex only when one
    of these occurs (a C-speed substring test) keeps regex terms cheap on ordinary paragraphs.
    """
    alternatives = _split_alternatives(pattern)
    if len(alternatives) > 1:
        gates = [literal_gate(alternative) for alternative in alternatives]
        return (
            None if any(gate is None for gate in gates) else tuple(x for gate in gates if gate for x in gate)
        )
    rest = pattern
    while True:
        if rest.startswith("\\b"):
            rest = rest[2:]
        elif rest.startswith(("(?<!", "(?<=", "(?=", "(?!")):
            close = _closing(rest, 0)
            if close < 0:
                return None
            rest = rest[close + 1 :]
        else:
            break
    if rest.startswith("(?:"):
        close = _closing(rest, 0)
        if close < 0 or rest[close + 1 : close + 2] in ("?", "*", "{"):
            return None
        found: list[str] = []
        for alternative in _split_alternatives(rest[3:close]):
            if alternative.startswith(("(", "\\b")):  # a nested group, as {group} references make
                nested = literal_gate(alternative)
                if nested is None:
                    return None
                found.extend(nested)
            else:
                found.append(_leading_literal(alternative))
        prefixes = tuple(found)
    else:
        prefixes = (_leading_literal(rest),)
    return prefixes if prefixes and all(prefixes) else None


# The term group whose terms stand for "the other side": its data lists generic labels, used when the
# document names no receiving party; a document's own labels (from the deal model) replace them.
COUNTERPARTY = "counterparty"
# The term group that occurs (as an empty span at the start) in the clauses that define what the deal
# transfers, and the items listed under them; its data holds a placeholder that never occurs in text.
SUBJECT = "deal_subject"
# The term group that occurs where a term the document defined as holding sensitive data is used later.
DEFINED = "defined_sensitive"
# The term group for others' personal information named in a clause; a reference back to records an
# earlier clause said hold it (上述档案, "those files") occurs in it too (see reviewing.references).
PERSONAL = "pi_object"
# The term group whose terms refer back to a system or server (上述系统, 该平台): they count only once the
# document has sited such a thing abroad (a cross-border rule at severity info matched), or as its
# placeholder in a rule example.
PLACED = "placed_abroad"
PLACED_PLACEHOLDER = "{placed-abroad}"
# Groups whose occurrences come from the document, not from their terms: they anchor no rule.
DYNAMIC_GROUPS = (COUNTERPARTY, SUBJECT, DEFINED)
_PLACEHOLDER = "{" + COUNTERPARTY + "}"
_REFERENCE = compiled.pattern(r"(?<!\\)\{([a-z][a-z0-9_]*)\}")
_EXPANSION_ROUNDS = 4  # a reference may name a group that itself holds references, this deep


def alternation(literals: Iterable[str], patterns: Iterable[str] = ()) -> str:
    """One regex alternation for literal terms (longest first) and pattern sources."""
    escaped = [re.escape(literal) for literal in sorted(set(literals), key=lambda t: (-len(t), t))]
    return "|".join([*escaped, *(f"(?:{p})" for p in patterns)])


def references(source: str) -> list[str]:
    """The group names a pattern source refers to as {name}."""
    return _REFERENCE.findall(source)


def expand_references(
    literals: Mapping[str, Sequence[str]], patterns: Mapping[str, Sequence[str]]
) -> dict[str, list[str]]:
    """Each group's pattern sources with {group} references replaced by that group's alternatives.

    {counterparty} stays in place: the engine fills it per document. A reference to an unknown group
    raises KeyError with its name; one nested deeper than a few levels is left unexpanded.
    """
    current = {name: list(sources) for name, sources in patterns.items()}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == COUNTERPARTY:
            return match.group(0)
        if name not in literals and name not in current:
            raise KeyError(name)
        return alternation(literals.get(name, ()), current.get(name, ()))

    for _ in range(_EXPANSION_ROUNDS):
        changed = False
        for name, sources in current.items():
            expanded = [_REFERENCE.sub(replace, source) for source in sources]
            if expanded != sources:
                current[name], changed = expanded, True
        if not changed:
            break
    return current


def has_counterparty(source: str) -> bool:
    return _PLACEHOLDER in source


def fill_counterparty(source: str, labels: Sequence[str]) -> str:
    """The source with {counterparty} replaced by the given labels (left as is when there are none)."""
    return source.replace(_PLACEHOLDER, alternation(labels)) if labels else source
