"""The generic rule engine: compile a RuleSet once, then scan paragraphs cheaply and deterministically.

The engine knows no rule. It finds term-group occurrences in normalised text, drops those that a longer
mask phrase contains (转让款 is not 转让), drops occurrences of risky terms that a negator governs
(不得转让, shall not sell), requires the rule's groups to co-occur in one sentence (or paragraph, or
window), and gives up when an exception group (单独同意, with the consent of each customer) appears
un-waived. Offsets are mapped back to the original paragraph text.

Cost: each paragraph is normalised and run through one Aho-Corasick automaton (over its UTF-8 bytes)
holding each rule's index terms; most paragraphs stop there. Otherwise one more pass finds every term
group and one the literals that regex terms need (their gates); only the rules each of whose slots can
occur (a literal of a group, or a pattern of one whose gate is open) are evaluated, and the grammar
(masks, sentence ends, negators) is computed lazily, only as far as those rules need it. No step is
paragraphs x rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache, reduce
from operator import itemgetter, or_
from pathlib import Path

import ahocorasick

from draft_agreement import __version__
from draft_agreement.cache import cached, content_key
from draft_agreement.model.context import designations
from draft_agreement.reviewing.gates import Required, required_literals
from draft_agreement.reviewing.legal import LegalLibrary
from draft_agreement.reviewing.normalize import Normalized, normalize
from draft_agreement.reviewing.patterns import (
    COUNTERPARTY,
    DEFINED,
    DYNAMIC_GROUPS,
    PERSONAL,
    PLACED,
    PLACED_PLACEHOLDER,
    SUBJECT,
    alternation,
    fill_counterparty,
    has_counterparty,
    literal_gate,
)
from draft_agreement.reviewing.rules import (
    Rule,
    RuleSet,
    Safeguard,
    TermGroup,
    default_clauses_dir,
    default_pack_paths,
    load_rule_set,
)

Span = tuple[int, int]
_STRUCTURE = ("masks", "sentence_ends")  # grammar every evaluated paragraph needs
_ACTIONABLE = ("high", "medium")
_LABEL_SETS_KEPT = 64  # documents' label sets whose compiled patterns are kept
_CANDIDATE_SETS_KEPT = 8192  # paragraphs' combinations of index groups, literal groups and gates
_GROUP_MASKS_KEPT = 4096  # term groups (generic or filled with a document's labels) whose gate masks are kept
_PARENTHESES = re.compile(r"[()]")  # normalised text: （） are ( )

# The code a compiled engine is made by: a change to any of it must not be served an old engine.
_CODE = tuple(
    Path(__file__).with_name(name)
    for name in ("engine.py", "gates.py", "rules.py", "legal.py", "normalize.py", "patterns.py")
) + (Path(__file__).parents[1] / "chinese.py",)


@dataclass(frozen=True, slots=True)
class Hit:
    """One rule matched in one paragraph; offsets are into the ORIGINAL paragraph text."""

    rule: Rule
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DocHit:
    """A document-level rule fired: which safeguards are missing, and the findings that triggered it."""

    rule: Rule
    missing: tuple[Safeguard, ...]
    triggers: tuple[Hit, ...]


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _is_word_char(ch: str) -> bool:
    return ch in _WORD_CHARS


@dataclass(frozen=True, slots=True)
class _Literal:
    """An automaton entry: the groups a literal belongs to and whether it needs word boundaries."""

    length: int
    groups: tuple[str, ...]
    left_boundary: bool
    right_boundary: bool


def _as_bytes(text: str) -> str:
    """UTF-8 bytes as a one-char-per-byte string.

    pyahocorasick walks the trie with a per-node search over the children; at the root of a Chinese
    vocabulary that is hundreds of distinct characters and makes each step slow. Over UTF-8 bytes a node
    has at most 256 children and Chinese text costs a few times less. Latin boundaries still work: an
    ASCII letter or digit is the same byte, and no byte of a multi-byte character is ASCII.
    """
    return text.encode("utf-8").decode("latin-1")


def _automaton(
    groups: Iterable[TermGroup], over_bytes: bool = False, loose: frozenset[str] = frozenset()
) -> ahocorasick.Automaton | None:
    """One automaton for every literal of ``groups``; literals of a ``loose`` group ignore word
    boundaries."""
    owners: dict[str, list[str]] = {}
    for group in groups:
        for literal in group.literals:
            owners.setdefault(literal, [])
            if group.name not in owners[literal]:
                owners[literal].append(group.name)
    if not owners:
        return None
    automaton = ahocorasick.Automaton()
    for literal, names in owners.items():
        key = _as_bytes(literal) if over_bytes else literal
        bounded = loose.isdisjoint(names)
        entry = _Literal(
            len(key),
            tuple(names),
            bounded and _is_word_char(literal[0]),
            bounded and _is_word_char(literal[-1]),
        )
        automaton.add_word(key, entry)
    automaton.make_automaton()
    return automaton


def _byte_hits(automaton: ahocorasick.Automaton | None, raw: str) -> dict[str, list[Span]]:
    """Group name -> literal occurrences as byte offsets into ``raw`` (see _as_bytes), word boundaries
    honoured for Latin terms."""
    found: dict[str, list[Span]] = {}
    if automaton is None:
        return found
    last = len(raw)
    for end_index, entry in automaton.iter(raw):
        end = end_index + 1
        start = end - entry.length
        if entry.left_boundary and start > 0 and raw[start - 1] in _WORD_CHARS:
            continue
        if entry.right_boundary and end < last and raw[end] in _WORD_CHARS:
            continue
        for name in entry.groups:
            found.setdefault(name, []).append((start, end))
    return found


# 1 for a byte that starts a UTF-8 character, 0 for a continuation byte.
_LEAD_BYTES = bytes(0 if 0x80 <= value < 0xC0 else 1 for value in range(256))


class _Offsets:
    """Turns byte offsets of the UTF-8 text into character offsets (counting the lead bytes before)."""

    def __init__(self, text: str, raw: str) -> None:
        self._lead = None if len(raw) == len(text) else raw.encode("latin-1").translate(_LEAD_BYTES)

    def convert(self, hits: dict[str, list[Span]]) -> dict[str, list[Span]]:
        """The same hits in character offsets: one sorted walk over every offset that occurs."""
        lead = self._lead
        if lead is None:
            return hits
        to_char: dict[int, int] = {}
        previous = chars = 0
        for offset in sorted({offset for spans in hits.values() for span in spans for offset in span}):
            chars += lead.count(1, previous, offset)  # counted once between neighbours: linear overall
            to_char[offset] = chars
            previous = offset
        return {name: [(to_char[s], to_char[e]) for s, e in spans] for name, spans in hits.items()}


def _groups_present(automaton: ahocorasick.Automaton | None, text: str) -> set[str]:
    """Names of the groups with at least one literal occurrence (word boundaries honoured).

    ``automaton`` and ``text`` are both over characters or both over bytes (see _as_bytes).
    """
    found: set[str] = set()
    if automaton is None:
        return found
    last = len(text)
    for end_index, entry in automaton.iter(text):
        start = end_index + 1 - entry.length
        if entry.left_boundary and start > 0 and _is_word_char(text[start - 1]):
            continue
        if entry.right_boundary and end_index + 1 < last and _is_word_char(text[end_index + 1]):
            continue
        found.update(entry.groups)
    return found


def _gate(pattern: re.Pattern[str]) -> Required:
    """The literal sets ``pattern`` needs one each of: its leading literals, then what its parse requires."""
    leading = literal_gate(pattern.pattern)
    return tuple(dict.fromkeys(((frozenset(leading),) if leading else ()) + required_literals(pattern)))


class _GateTable:
    """Every pattern's gate as a bit mask over numbered literal sets, and one automaton that tells which
    sets a text meets: a pattern may match only where (mask & met) == mask."""

    def __init__(
        self, patterns: Iterable[re.Pattern[str]], sets: Mapping[str, frozenset[str]] | None = None
    ) -> None:
        """``sets``: further named literal sets, each given a bit of its own (see bits)."""
        self._ids: dict[frozenset[str], int] = {}
        self.masks: dict[re.Pattern[str], int] = {}
        # by id(group): its patterns with their masks (see gated)
        self._groups: dict[int, tuple[TermGroup, tuple[tuple[re.Pattern[str], int, bool], ...]]] = {}
        for pattern in patterns:
            mask = 0
            for found in _gate(pattern):
                mask |= 1 << self._ids.setdefault(found, len(self._ids))
            self.masks[pattern] = mask
        self.bits = {
            name: 1 << self._ids.setdefault(found, len(self._ids)) for name, found in (sets or {}).items()
        }
        bits: dict[str, int] = {}
        for found, number in self._ids.items():
            for literal in found:
                bits[literal] = bits.get(literal, 0) | 1 << number
        self._automaton: ahocorasick.Automaton | None = None
        if bits:
            self._automaton = ahocorasick.Automaton()
            for literal, mask in sorted(bits.items()):
                self._automaton.add_word(_as_bytes(literal), mask)
            self._automaton.make_automaton()

    def add(self, pattern: re.Pattern[str]) -> None:
        """Gate a pattern made after the table (a document's party labels filled in) by the sets of
        its gate the table already numbers; the others are not looked for, so they gate nothing."""
        if pattern not in self.masks:
            mask = 0
            for found in _gate(pattern):
                if found in self._ids:
                    mask |= 1 << self._ids[found]
            self.masks[pattern] = mask

    def met(self, raw: str) -> int:
        """The sets one of whose literals occurs in ``raw`` (UTF-8 bytes, see _as_bytes), as bits."""
        if self._automaton is None:
            return 0
        return reduce(or_, map(itemgetter(1), self._automaton.iter(raw)), 0)

    def met_in(self, text: str, patterns: Iterable[re.Pattern[str]]) -> int:
        """The sets ``patterns`` need that ``text`` meets, by substring tests: for a whole agreement,
        where an automaton pass would stop at every common character for the few patterns asked about."""
        needed = 0
        for pattern in patterns:
            needed |= self.masks.get(pattern, 0)
        met = 0
        for found, number in self._ids.items():
            if needed >> number & 1 and any(literal in text for literal in found):
                met |= 1 << number
        return met

    def gated(self, group: TermGroup) -> tuple[tuple[re.Pattern[str], int, bool], ...]:
        """The group's patterns, each with its gate mask and whether it is anchored at the start.

        Kept per group: a pattern's hash is computed over its compiled code, so looking its mask up
        for every paragraph would cost more than the test it serves.
        """
        found = self._groups.get(id(group))
        if found is None or found[0] is not group:  # (a group is kept with its masks: ids stay unique)
            if len(self._groups) >= _GROUP_MASKS_KEPT:
                self._groups.clear()
            gated = tuple((p, self.masks.get(p, 0), p.pattern.startswith("^")) for p in group.patterns)
            found = self._groups[id(group)] = (group, gated)
        return found[1]

    def opens(self, group: TermGroup, met: int) -> bool:
        """Could one of the group's patterns match a text that meets ``met``?"""
        return any(mask & met == mask for _, mask, _ in self.gated(group))


def _starting_in(spans: Sequence[Span], starts: Sequence[int], low: int, high: int) -> bool:
    """True if some span starts in [low, high)."""
    index = bisect_left(starts, low)
    return index < len(spans) and spans[index][0] < high


class _Grammar:
    """Sorted grammar occurrences of one text, with the negation and waiver tests built on them.

    Each kind is looked up on first use: many candidate paragraphs never need the waivers or the
    post-negators.
    """

    def __init__(self, spans: Callable[[str], list[Span]], window: int) -> None:
        self._spans = spans
        self.window = window

    def _kind(self, *names: str) -> tuple[list[Span], list[int]]:
        spans = sorted({span for name in names for span in self._spans(name)})
        return spans, [s for s, _ in spans]

    @cached_property
    def weak(self) -> list[Span]:
        return sorted(self._spans("negators"))

    @cached_property
    def strong(self) -> list[Span]:
        return sorted(self._spans("strong_negators"))

    @cached_property
    def post(self) -> list[Span]:
        return sorted(self._spans("post_negators"))

    @cached_property
    def waivers(self) -> list[Span]:
        return sorted(self._spans("waivers"))

    @cached_property
    def hard(self) -> tuple[list[Span], list[int]]:
        return self._kind("breaks", "sentence_ends")

    @cached_property
    def sentence(self) -> tuple[list[Span], list[int]]:
        return self._kind("sentence_ends")

    @cached_property
    def soft(self) -> tuple[list[Span], list[int]]:
        return self._kind("soft_breaks")

    @cached_property
    def resets(self) -> tuple[list[Span], list[int]]:
        return self._kind("resets")

    @cached_property
    def lists(self) -> tuple[list[Span], list[int]]:
        return self._kind("list_intro")

    def _has(self, kind: tuple[list[Span], list[int]], low: int, high: int) -> bool:
        return _starting_in(kind[0], kind[1], low, high)

    def _governs_forward(self, negator: Span, target: int, crosses_commas: bool) -> bool:
        end = negator[1]
        if end > target or self._has(self.resets, end, target):
            return False
        index = bisect_left(self.lists[1], end)
        if index < len(self.lists[0]) and self.lists[0][index][0] < target:
            colon = self.lists[0][index][0]
            if not self._has(self.hard, end, colon):  # "不得有下列行为：…；…" covers the whole list
                return not self._has(self.sentence, end, target)
        if target - end > self.window or self._has(self.hard, end, target):
            return False
        return crosses_commas or not self._has(self.soft, end, target)

    def negated(self, span: Span) -> bool:
        """Is the term at ``span`` governed by a negator before it or a post-negator after it?"""
        start, end = span
        for negators, strong in ((self.strong, True), (self.weak, False)):
            for negator in negators:
                if negator[0] >= start:
                    break
                if self._governs_forward(negator, start, strong):
                    return True
        for post in self.post:
            if post[0] < end:
                continue
            if post[0] - end > self.window:
                break
            blocked = (self.hard, self.soft, self.resets)
            if not any(self._has(kind, end, post[0]) for kind in blocked):
                return True
        return False

    def breaks(self, start: int, end: int) -> int:
        """How many clause breaks (commas included) lie inside [start, end)."""
        count = 0
        for kind in (self.soft, self.hard):
            count += bisect_left(kind[1], end) - bisect_left(kind[1], start)
        return count

    def waived(self, span: Span) -> bool:
        """Is the exception term at ``span`` dispensed with (无需取得…同意, without the consent of…)?"""
        start = span[0]
        for waiver in self.waivers:
            if waiver[0] >= start:
                break
            if (
                waiver[1] <= start
                and start - waiver[1] <= self.window
                and not self._has(self.hard, waiver[1], start)
                and not self._has(self.resets, waiver[1], start)
            ):
                return True
        return False


class _Text:
    """One normalised text being evaluated: term occurrences (masked), regex hits and grammar, lazily."""

    def __init__(
        self,
        engine: Engine,
        text: str,
        raw: str,
        byte_hits: dict[str, list[Span]],
        groups: Mapping[str, TermGroup] | None = None,
        labelled: list[Span] | None = None,
        subject: bool = False,
        defined: list[Span] | None = None,
        placed: bool = False,
        met: int | None = None,
        carried: list[Span] | None = None,
    ) -> None:
        """``met``: the gate sets ``raw`` meets (see _GateTable), when the caller has found them."""
        self.engine = engine
        self._given_met = met
        self.groups = engine._groups if groups is None else groups
        self._labelled = labelled  # the document's own counterparty labels, when it gave them
        self._subject = subject
        self._defined = defined  # where the document's sensitive defined terms occur, when it has them
        self._placed = placed  # the document sited a system abroad before this paragraph
        self._carried = carried  # references back to records holding others' personal information
        self.text = text
        self._raw = raw
        self._offsets = _Offsets(text, raw)
        self._byte_hits = byte_hits
        self._cache: dict[str, list[Span]] = {}
        self._regex_cache: dict[str, list[Span]] = {}
        self._grammar_cache: dict[str, list[Span]] = {}
        self._units: dict[str, list[Span]] = {}
        self.grammar = _Grammar(self._grammar_spans, engine._window)

    @cached_property
    def _literal(self) -> dict[str, list[Span]]:
        hits = self._offsets.convert(self._byte_hits)
        if self._labelled:
            hits = {**hits, COUNTERPARTY: self._labelled}
        if self._subject:  # (the group's placeholder written in a rule example counts too)
            hits = {**hits, SUBJECT: [(0, 0), *hits.get(SUBJECT, ())]}
        if self._defined:
            hits = {**hits, DEFINED: self._defined}
        if self._carried:
            hits = {**hits, PERSONAL: sorted({*hits.get(PERSONAL, ()), *self._carried})}
        return hits

    @cached_property
    def _asides(self) -> tuple[list[int], list[int], list[int]]:
        """Starts and ends of the outermost parentheses, and the running total of their lengths."""
        starts: list[int] = []
        ends: list[int] = []
        totals = [0]
        depth = 0
        for match in _PARENTHESES.finditer(self.text):
            if match.group() == "(":
                if depth == 0:
                    opened = match.start()
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    starts.append(opened)
                    ends.append(match.end())
                    totals.append(totals[-1] + match.end() - opened)
        return starts, ends, totals

    def window_length(self, start: int, end: int) -> int:
        """The stretch's length without the parentheses wholly inside it.

        A field list in brackets (客户资料（姓名、电话、消费记录……）移交乙方) is one thing the clause moves,
        not distance between the carrier and the verb.
        """
        if "(" not in self.text:
            return end - start
        starts, ends, totals = self._asides
        first = bisect_left(starts, start)
        last = bisect_right(ends, end)
        return end - start - (totals[last] - totals[first] if last > first else 0)

    @cached_property
    def _met(self) -> int:
        return self.engine._gates.met(self._raw) if self._given_met is None else self._given_met

    @cached_property
    def _clause_literal(self) -> dict[str, list[Span]]:
        """Negators, breaks, resets, waivers: found only once a negation or waiver test is asked."""
        return self._offsets.convert(_byte_hits(self.engine._clause_automaton, self._raw))

    @cached_property
    def _masks(self) -> list[Span]:
        masks = self.engine._grammar_groups["masks"]
        return sorted(
            [
                *self._literal.get("@masks", ()),
                *_regex_spans(masks, self.text, self.engine._gates, self._met),
            ]
        )

    def _grammar_spans(self, name: str) -> list[Span]:
        spans = self._grammar_cache.get(name)
        if spans is None:
            if name in _STRUCTURE:
                literal = self._literal.get("@" + name, ())
            else:
                literal = self._clause_literal.get(name, ())
            spans = _unmasked(literal, self._masks)
            spans.extend(
                _regex_spans(self.engine._grammar_groups[name], self.text, self.engine._gates, self._met)
            )
            self._grammar_cache[name] = spans
        return spans

    def _regex(self, name: str) -> list[Span]:
        spans = self._regex_cache.get(name)
        if spans is None:
            spans = _regex_spans(self.groups[name], self.text, self.engine._gates, self._met)
            self._regex_cache[name] = spans
        return spans

    def possible(self, name: str) -> bool:
        """Cheap test before any grammar is computed: does the group occur at all (masks aside)?"""
        if name == COUNTERPARTY and self._labelled is not None:
            return bool(self._labelled)
        if name == SUBJECT:
            return self._subject or name in self._byte_hits
        if name == DEFINED and self._defined:
            return True
        if name == PERSONAL and self._carried:
            return True
        return name in self._byte_hits or bool(self._regex(name))

    def occurrences(self, name: str) -> list[Span]:
        spans = self._cache.get(name)
        if spans is None:
            spans = sorted(_unmasked({*self._literal.get(name, ()), *self._regex(name)}, self._masks))
            if name == PLACED and not self._placed:
                spans = [(a, b) for a, b in spans if self.text[a:b] == PLACED_PLACEHOLDER]
            self._cache[name] = spans
        return spans

    def units(self, scope: str) -> list[Span]:
        units = self._units.get(scope)
        if units is None:
            if scope == "paragraph":
                units = [(0, len(self.text))]
            else:
                cuts = sorted({end for _, end in self.grammar.sentence[0]} | {len(self.text)})
                units, begin = [], 0
                for cut in cuts:
                    if cut > begin:
                        units.append((begin, cut))
                        begin = cut
            self._units[scope] = units
        return units


def _unmasked(spans: Iterable[Span], masks: Sequence[Span]) -> list[Span]:
    """Drop literal occurrences that lie strictly inside a longer mask phrase."""
    if not masks:
        return list(spans)
    kept = []
    for start, end in spans:
        if not any(m0 <= start and end <= m1 and m1 - m0 > end - start for m0, m1 in masks):
            kept.append((start, end))
    return kept


def _regex_spans(group: TermGroup, text: str, gates: _GateTable, met: int) -> list[Span]:
    """Matches of the group's patterns; a pattern runs only when ``text`` meets its gate (see _GateTable)."""
    spans: list[Span] = []
    for pattern, mask, anchored in gates.gated(group):
        if mask & met != mask:
            continue
        if anchored:  # one attempt, not one per character
            found = pattern.match(text)
            if found and found.end() > found.start():
                spans.append(found.span())
            continue
        spans.extend(match.span() for match in pattern.finditer(text) if match.end() > match.start())
    return spans


def _outermost(spans: list[Span]) -> list[Span]:
    """Drop spans inside a longer one of the same slot, so 微信账号 is reported rather than 账号 within it."""
    kept: list[Span] = []
    reach = -1
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if end <= reach:
            continue
        kept.append((start, end))
        reach = end
    return kept


def _best_window(
    slots: Sequence[Sequence[Span]],
    ordered: int,
    within: int | None,
    breaks: Callable[[int, int], int],
    length: Callable[[int, int], int],
) -> Span | None:
    """The best stretch holding one occurrence per slot (the first ``ordered`` slots in order).

    Best means fewest clause breaks inside, then shortest, then earliest: 微信号（明细见附件一）的全部使用权
    转让 is preferred to a shorter stretch that reaches across a comma into the next clause. ``within`` is
    held against ``length``, which leaves out the parentheses inside the stretch.
    """
    candidates: list[Span] = []
    if ordered >= 2:
        chain_slots, free_slots = slots[:ordered], slots[ordered:]
        for first in chain_slots[0]:
            chain = [first]
            for slot in chain_slots[1:]:
                index = bisect_left(slot, (chain[-1][1], -1))
                if index == len(slot):
                    break
                chain.append(slot[index])
            else:
                chosen = list(chain)
                for slot in free_slots:
                    chosen.append(min(slot, key=lambda span: _hull_growth(chain, span)))
                candidates.append((min(s for s, _ in chosen), max(e for _, e in chosen)))
    else:
        starts = [[start for start, _ in slot] for slot in slots]
        suffix = [_suffix_min_end(slot) for slot in slots]
        for start in sorted({s for slot_starts in starts for s in slot_starts}):
            low, high = -1, 0
            for slot_starts, mins in zip(starts, suffix, strict=True):
                index = bisect_left(slot_starts, start)
                if index == len(slot_starts):
                    break
                chosen_start, chosen_end = mins[index]
                low = chosen_start if low < 0 else min(low, chosen_start)
                high = max(high, chosen_end)
            else:
                candidates.append((low, high))
    fitting = [span for span in candidates if within is None or length(span[0], span[1]) <= within]
    if not fitting:
        return None
    return min(fitting, key=lambda span: (breaks(span[0], span[1]), span[1] - span[0], span[0]))


def _hull_growth(chain: Sequence[Span], span: Span) -> tuple[int, int]:
    start = min(span[0], *(s for s, _ in chain))
    end = max(span[1], *(e for _, e in chain))
    return end - start, start


def _suffix_min_end(slot: Sequence[Span]) -> list[Span]:
    """For each index, the span with the smallest end among slot[index:] (slot sorted by start)."""
    result: list[Span] = [slot[-1]] * len(slot)
    for index in range(len(slot) - 2, -1, -1):
        following = result[index + 1]
        result[index] = slot[index] if slot[index][1] <= following[1] else following
    return result


@lru_cache(maxsize=1)
def _generic_labels() -> frozenset[str]:
    """The party designations of the model's vocabulary, as the engine sees labels (normalised)."""
    return frozenset(normalize(word).text for word in designations())


class Engine:
    """Compiled rules of one language. Build once (from_packs), then call scan() per paragraph."""

    def __init__(self, rule_set: RuleSet, legal: LegalLibrary | None = None) -> None:
        self.rule_set = rule_set
        self.legal = legal
        self._window = rule_set.settings["negation_window"]
        self._groups = dict(rule_set.groups)
        self._grammar_groups = dict(rule_set.grammar)
        self._templates = self._fill(rule_set.groups)
        self._per_labels: dict[tuple[str, ...], tuple[dict[str, TermGroup], re.Pattern[str]]] = {}
        self._finders: dict[tuple[str, ...], re.Pattern[str]] = {}
        self._candidate_memo: dict[tuple[object, ...], tuple[Mapping[str, TermGroup], list[Rule]]] = {}
        self._key: str | None = None  # the packs' content key, once from_packs has it
        self._rules = sorted(rule_set.rules, key=lambda r: r.id)
        self._paragraph_rules = [r for r in self._rules if r.match is not None]
        self._document_rules = [r for r in self._rules if r.document is not None]
        # Anchors: for each paragraph rule, the slots made only of literal terms (each a set of groups);
        # a rule is evaluated only when every anchor slot has an occurrence. The first anchor slot (rule
        # authors list the most specific group first) indexes the rule: a paragraph with no index term
        # at all is done after one automaton pass that usually finds nothing.
        anchors: dict[str, list[frozenset[str]]] = {}
        by_index: dict[str, list[Rule]] = {}
        for rule in self._paragraph_rules:
            match = rule.match
            assert match is not None
            slots = [frozenset([g]) for g in match.all if self._anchor_terms(g) is not None]
            if match.any and all(self._anchor_terms(g) is not None for g in match.any):
                slots.append(frozenset(match.any))
            anchors[rule.id] = slots
            # A rule that needs the deal's subject or a defined term can fire only where the document
            # supplies them: it is indexed by that group, not by its (possibly common) verbs.
            dynamic = sorted(g for g in match.all if g in (SUBJECT, DEFINED))
            for group in dynamic[:1] or sorted(slots[0]):
                by_index.setdefault(group, []).append(rule)
        self._rules_by_index = by_index
        gated = sorted(
            {g for slots in anchors.values() for slot in slots for g in slot} - self._literal_groups()
        )
        self._index_automaton = _automaton(
            (TermGroup(g, self._anchor_terms(g) or self._groups[g].literals, ()) for g in sorted(by_index)),
            over_bytes=True,
            loose=frozenset(gated),
        )
        # A gated group anchors a rule where one of its anchor terms occurs (no word boundaries: a gate
        # is a prefix, "transfer" gates "transferred"); those terms are read from the generic groups.
        self._anchors = anchors
        self._gates = _GateTable(
            (
                pattern
                for group in (*self._groups.values(), *self._grammar_groups.values())
                for pattern in group.patterns
            ),
            {g: frozenset(self._anchor_terms(g) or ()) for g in gated},
        )
        # What a paragraph must hold for a rule to be evaluated: for every slot of the rule (each group
        # of `all`, the `any` groups together) a literal occurrence of one of its groups, or a pattern of
        # one whose gate is open. Slots naming a group the document supplies are not checked.
        self._slots: dict[str, list[frozenset[str]]] = {}
        for rule in self._paragraph_rules:
            match = rule.match
            assert match is not None
            slots = [frozenset([g]) for g in match.all] + ([frozenset(match.any)] if match.any else [])
            self._slots[rule.id] = [slot for slot in slots if slot.isdisjoint(DYNAMIC_GROUPS)]
        patterned = {name for name, group in self._groups.items() if group.patterns}
        self._patterned = {  # the groups of a rule's slots whose patterns may need their gates read
            rule_id: frozenset(g for slot in slots for g in slot) & patterned
            for rule_id, slots in self._slots.items()
        }
        # One pass finds every term group plus the grammar each evaluated paragraph needs (masks and
        # sentence ends, under "@" names that cannot clash with group names).
        structure = [
            TermGroup("@" + name, group.literals, ())
            for name, group in self._grammar_groups.items()
            if name in _STRUCTURE
        ]
        self._group_automaton = _automaton([*self._groups.values(), *structure], over_bytes=True)
        self._safeguard_groups = {
            sg.group for rule in self._document_rules if rule.document for sg in rule.document.safeguards
        }
        self._safeguard_automaton = _automaton(
            (self._groups[g] for g in sorted(self._safeguard_groups)), over_bytes=True
        )
        self._clause_automaton = _automaton(
            (group for name, group in self._grammar_groups.items() if name not in _STRUCTURE), over_bytes=True
        )

    def _anchor_terms(self, name: str) -> tuple[str, ...] | None:
        """Literals one of which must occur for the group to (see TermGroup.anchors); the document's
        labels stand in for the counterparty group, so it anchors nothing."""
        if name in DYNAMIC_GROUPS:
            return None
        return self._groups[name].anchors

    def _literal_groups(self) -> set[str]:
        return {name for name, group in self._groups.items() if group.literal_only}

    def _fill(self, groups: Mapping[str, TermGroup]) -> dict[str, tuple[str, ...]]:
        """Fill {counterparty} with the counterparty group's generic labels; keep the sources naming it.

        The kept sources are recompiled for each document's own party labels (see _for_parties).
        """
        defaults = groups[COUNTERPARTY].literals if COUNTERPARTY in groups else ()
        templates: dict[str, tuple[str, ...]] = {}
        for name, group in groups.items():
            sources = tuple(p.pattern for p in group.patterns)
            if any(has_counterparty(source) for source in sources):
                templates[name] = sources
                filled = tuple(re.compile(fill_counterparty(source, defaults)) for source in sources)
                self._groups[name] = TermGroup(name, group.literals, filled)
        return templates

    def _for_parties(self, labels: tuple[str, ...]) -> tuple[dict[str, TermGroup], re.Pattern[str]]:
        """The term groups with {counterparty} filled by one document's labels, and a label finder."""
        found = self._per_labels.get(labels)
        if found is None:
            groups = dict(self._groups)
            for name, patterns in self._filled(labels).items():
                groups[name] = TermGroup(name, self._groups[name].literals, patterns)
                for pattern in patterns:
                    self._gates.add(pattern)
            if len(self._per_labels) >= _LABEL_SETS_KEPT:
                self._per_labels.clear()
            found = (groups, re.compile(alternation(labels)))
            self._per_labels[labels] = found
        return found

    def _filled(self, labels: tuple[str, ...]) -> dict[str, tuple[re.Pattern[str], ...]]:
        """The patterns naming the counterparty, filled with `labels`: compiled once per set of labels
        and kept between processes with the rule set (a CLI review would otherwise compile some 80)."""

        def build() -> dict[str, tuple[re.Pattern[str], ...]]:
            return {
                name: tuple(re.compile(fill_counterparty(source, labels)) for source in sources)
                for name, sources in self._templates.items()
            }

        # Only the designations every agreement uses (甲方, 受让方, the Buyer) are kept: a set naming a
        # party by its own short name ("Apex") is one agreement's, and would leave a file per agreement.
        if self._key is None or not set(labels) <= _generic_labels():
            return build()
        return cached("labels", content_key((), self._key, *labels), build)

    def _finder(self, terms: tuple[str, ...]) -> re.Pattern[str]:
        """One pattern finding any of a document's own terms (cached per set of terms)."""
        found = self._finders.get(terms)
        if found is None:
            if len(self._finders) >= _LABEL_SETS_KEPT:
                self._finders.clear()
            found = self._finders[terms] = re.compile(alternation(terms))
        return found

    @classmethod
    def from_packs(
        cls,
        paths: Sequence[Path] = (),
        language: str = "zh",
        *,
        clauses_dir: Path | None = None,
        include_defaults: bool = True,
    ) -> Engine:
        """The default packs of ``language`` (zh serves zh-Hans and zh-Hant), then ``paths`` in order."""
        base = Path(clauses_dir) if clauses_dir else default_clauses_dir()
        pack_paths = default_pack_paths(language, base) if include_defaults else []
        pack_paths.extend(Path(p) for p in paths)

        def build() -> Engine:
            legal = LegalLibrary.load(base / "legal")
            return cls(load_rule_set(pack_paths, language, legal), legal)

        try:
            sources = [*_CODE, *sorted(Path(base / "legal").glob("*.yaml")), *pack_paths]
            key = content_key(sources, language, __version__)
        except OSError:
            return build()  # a pack that cannot be read is refused by the build, in its own words
        engine = cached("rules", key, build)
        engine._key = key
        return engine

    def rules(self) -> list[Rule]:
        return list(self._rules)

    def scan(
        self,
        text: str,
        context: str = "",
        normalized: Normalized | None = None,
        parties: Sequence[str] = (),
        *,
        subject: bool = False,
        defined: Sequence[str] = (),
        placed: bool = False,
        carried: Sequence[str] = (),
    ) -> list[Hit]:
        """Hits of every paragraph rule in one paragraph, ordered by (start, rule id).

        ``context`` is the clause that introduces this paragraph when it is a list item, such as
        乙方不得有下列行为： or "Buyer shall not:". It is read as if it preceded the paragraph in the same
        sentence, so its prohibition governs the item; hits only ever cover the paragraph itself.
        ``normalized`` is normalize(text) when the caller already has it. ``parties`` are the labels
        the document gives the receiving side (normalised, from the deal model): they take the place of
        the counterparty group's generic labels, so 接收方 works where a rule was written with 受让方.
        ``subject`` says the paragraph defines what the deal transfers (deal model): the deal_subject
        group then occurs, as an empty span at the paragraph's start. ``defined`` are terms the document
        defined earlier as holding sensitive data ("Student Records" means … parents or guardians):
        the defined_sensitive group occurs where they do. ``placed`` says an earlier paragraph sited a
        system or server abroad: the placed_abroad group's references back (上述系统) then count.
        ``carried`` are references back to records an earlier clause said hold others' personal
        information (上述档案, "those files"): the pi_object group occurs where they do.
        """
        if context:
            shift = len(context)
            return [
                Hit(hit.rule, max(hit.start, shift) - shift, hit.end - shift)
                for hit in self.scan(
                    context + text,
                    parties=parties,
                    subject=subject,
                    defined=defined,
                    placed=placed,
                    carried=carried,
                )
                if hit.end > shift
            ]
        norm = normalized if normalized is not None else normalize(text)
        raw = _as_bytes(norm.text)
        indexed = _groups_present(self._index_automaton, raw)
        found_defined: list[Span] = []
        if defined:
            found_defined = [m.span() for m in self._finder(tuple(defined)).finditer(norm.text)]
        found_carried: list[Span] = []
        if carried:
            found_carried = [m.span() for m in self._finder(tuple(carried)).finditer(norm.text)]
        supplied = {PERSONAL} if found_carried else set()  # (occurs though no term of it does)
        indexed |= ({SUBJECT} if subject else set()) | ({DEFINED} if found_defined else set()) | supplied
        indexed &= self._rules_by_index.keys()
        if not indexed:
            return []
        literal = _byte_hits(self._group_automaton, raw)
        groups, labelled = self._groups, None
        if parties:
            groups, finder = self._for_parties(tuple(parties))
            labelled = [m.span() for m in finder.finditer(norm.text)]
            literal.pop(COUNTERPARTY, None)
        met = self._gates.met(raw)
        candidates = self._candidates(frozenset(indexed), frozenset(literal), met, bool(supplied), groups)
        if not candidates:
            return []
        evaluated = _Text(
            self,
            norm.text,
            raw,
            literal,
            groups,
            labelled,
            subject,
            found_defined,
            placed=placed,
            met=met,
            carried=found_carried,
        )
        hits = []
        for rule in candidates:
            for start, end in self._evaluate(rule, evaluated):
                original = norm.span(start, end)
                hits.append(Hit(rule, original[0], original[1]))
        hits.sort(key=lambda hit: (hit.start, hit.rule.id, hit.end))
        return hits

    def _candidates(
        self,
        indexed: frozenset[str],
        literal: frozenset[str],
        met: int,
        supplied: bool,
        groups: Mapping[str, TermGroup],
    ) -> list[Rule]:
        """The rules worth evaluating on a paragraph with these index groups, literal groups and gates.

        A pure function of its arguments, and paragraphs repeat the same few combinations, so it is
        worked out once per combination (per set of term groups: a document's labels fill their own).
        """
        key = (indexed, literal, met, supplied, id(groups))
        memo = self._candidate_memo
        found = memo.get(key)
        if found is not None and found[0] is groups:
            return found[1]
        rules = {rule.id: rule for group in indexed for rule in self._rules_by_index[group]}
        extra = {PERSONAL} if supplied else set()
        anchored = {g for g, bit in self._gates.bits.items() if met & bit}
        anchored.update(literal, extra)
        anchored_rules = [
            rule_id
            for rule_id in sorted(rules)
            if all(not slot.isdisjoint(anchored) for slot in self._anchors[rule_id][1:])
        ]
        wanted = set().union(*(self._patterned[rule_id] for rule_id in anchored_rules)).difference(literal)
        present = {g for g in wanted if self._gates.opens(groups[g], met)}  # (a literal one is present)
        present.update(literal, extra)
        candidates = [
            rules[rule_id]
            for rule_id in anchored_rules
            if all(not slot.isdisjoint(present) for slot in self._slots[rule_id])
        ]
        if len(memo) >= _CANDIDATE_SETS_KEPT:
            memo.clear()
        memo[key] = (groups, candidates)
        return candidates

    def mentions(self, text: str, groups: Iterable[str]) -> set[str]:
        """Which of ``groups`` occur (masks aside) in a normalised paragraph.

        Review asks this of an earlier clause only when a later one refers back to it (上述档案): what the
        clause held is what the reference carries.
        """
        raw = _as_bytes(text)
        found = _Text(self, text, raw, _byte_hits(self._group_automaton, raw))
        return {group for group in groups if group in self._groups and found.occurrences(group)}

    def _evaluate(self, rule: Rule, text: _Text) -> list[Span]:
        match = rule.match
        assert match is not None
        slot_groups = [(g,) for g in match.all] + ([match.any] if match.any else [])
        if not all(any(text.possible(group) for group in groups) for groups in slot_groups):
            return []
        spans: list[Span] = []
        for unit_start, unit_end in text.units(rule.scope):
            candidates: list[list[tuple[Span, str]]] = []
            for groups in slot_groups:
                found = [
                    (span, group)
                    for group in groups
                    for span in text.occurrences(group)
                    if unit_start <= span[0] and span[1] <= unit_end
                ]
                if not found:
                    break
                candidates.append(found)
            else:
                # Negation is tested only once every slot has something in this unit.
                slots: list[list[Span]] = []
                for found in candidates:
                    kept = sorted(
                        span
                        for span, group in found
                        if not (group in match.negate and text.grammar.negated(span))
                    )
                    if not kept:
                        break
                    slots.append(_outermost(kept))
                else:
                    # An empty occurrence (the deal's subject) marks the unit, not a place in it.
                    placed = [slot for slot in slots if any(start < end for start, end in slot)]
                    window = _best_window(
                        placed or slots,
                        len(match.all) if match.ordered and len(placed) == len(slots) else 0,
                        match.within,
                        text.grammar.breaks,
                        text.window_length,
                    )
                    if window is not None and not self._excepted(
                        match.not_, match.not_scope, text, (unit_start, unit_end)
                    ):
                        spans.append(window)
        return spans

    @staticmethod
    def _excepted(groups: Sequence[str], scope: str, text: _Text, unit: Span) -> bool:
        low, high = (0, len(text.text)) if scope == "paragraph" else unit
        return any(
            low <= span[0] and span[1] <= high and not text.grammar.waived(span)
            for group in groups
            for span in text.occurrences(group)
        )

    def document_hits(
        self, hits: Sequence[Hit], full_text: str, *, normalized: bool = False, transfer: bool = False
    ) -> list[DocHit]:
        """Document-level rules: a high/medium transfer finding exists and safeguards are absent.

        ``normalized`` says ``full_text`` is already normalize()d (review joins its paragraphs' forms).
        ``transfer`` says the deal itself hands personal information over (the deal model's kind), so
        the safeguards are checked even when no single clause was flagged.
        """
        results: list[DocHit] = []
        present: set[str] | None = None
        for rule in self._document_rules:
            document = rule.document
            assert document is not None
            triggers = tuple(
                h for h in hits if h.rule.category in document.after and h.rule.severity in _ACTIONABLE
            )
            if not triggers and not transfer:
                continue
            if present is None:
                text = full_text if normalized else normalize(full_text).text
                present = self._present_groups(text, self._safeguard_groups)
            missing = tuple(sg for sg in document.safeguards if sg.group not in present)
            if len(missing) >= document.min_missing:
                results.append(DocHit(rule, missing, triggers))
        return results

    def _present_groups(self, text: str, wanted: set[str]) -> set[str]:
        """Which of ``wanted`` occur un-waived anywhere in the document.

        The document is searched once for the safeguard terms; only around each occurrence is the
        grammar consulted (a waiver must precede it within the negation window), so a long agreement
        costs one automaton pass, not a paragraph-by-paragraph evaluation.
        """
        raw = _as_bytes(text)
        literal = _Offsets(text, raw).convert(_byte_hits(self._safeguard_automaton, raw))
        met = self._gates.met_in(text, (p for group in wanted for p in self._groups[group].patterns))
        found: set[str] = set()
        for group in sorted(wanted):
            candidates = sorted(
                {
                    *literal.get(group, ()),
                    *_regex_spans(self._groups[group], text, self._gates, met),
                }
            )
            for start, end in candidates:
                begin = max(0, start - 2 * self._window)
                piece = text[begin:end]
                piece_raw = _as_bytes(piece)
                local = _Text(self, piece, piece_raw, _byte_hits(self._safeguard_automaton, piece_raw))
                span = (start - begin, end - begin)
                if span in local.occurrences(group) and not local.grammar.waived(span):
                    found.add(group)
                    break
        return found


__all__ = ["DocHit", "Engine", "Hit"]
