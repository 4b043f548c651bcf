"""Align two sequences: paragraphs and tables of a container, rows of a table, notes of a story.

Equal keys are matched first, patience-style: keys that occur once on each side anchor the alignment
(their longest increasing run) and the gaps between anchors are aligned again; a gap without unique
keys (boilerplate, empty paragraphs) is aligned by Myers' algorithm, whose cost grows with the number
of differences rather than with the square of the length. Two drafts that share most of their
paragraphs are so aligned in close to linear time. Inside each remaining gap, similar items are
paired in order (a rewritten clause is diffed word by word, not deleted and inserted whole). Moves are
found afterwards, over the whole story, among what is still unmatched.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Generic, TypeVar

T = TypeVar("T")

_FALLBACK_CELLS = 250_000  # largest gap (old x new items) difflib aligns; beyond it, nothing is matched
_PAIR_CELLS = 4_000  # largest gap paired by similarity with the full dynamic programme
_MAX_DEPTH = 40
_MAX_EDITS = 3_000  # Myers' bound: beyond it a gap is aligned by difflib if small enough


@dataclass(slots=True)
class Op(Generic[T]):
    """same: equal keys; pair: similar items, diffed inside; ins / del: one side only; from / to: the
    two ends of a move, named by `move`."""

    kind: str
    old: T | None
    new: T | None
    move: str | None = None


def matches(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Index pairs (i, j) with a[i] == b[j], increasing in both, covering most equal items."""
    ids: dict[str, int] = {}
    ia = [ids.setdefault(x, len(ids)) for x in a]
    ib = [ids.setdefault(y, len(ids)) for y in b]
    out: list[tuple[int, int]] = []
    _match(ia, ib, 0, len(ia), 0, len(ib), out, 0)
    return out


def _match(
    a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int, out: list, depth: int
) -> None:
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        out.append((alo, blo))
        alo += 1
        blo += 1
    tail: list[tuple[int, int]] = []
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
        ahi -= 1
        bhi -= 1
        tail.append((ahi, bhi))
    if alo < ahi and blo < bhi:
        anchors = _unique_anchors(a, b, alo, ahi, blo, bhi) if depth < _MAX_DEPTH else []
        if anchors:
            i0, j0 = alo, blo
            for i, j in anchors:
                _match(a, b, i0, i, j0, j, out, depth + 1)
                out.append((i, j))
                i0, j0 = i + 1, j + 1
            _match(a, b, i0, ahi, j0, bhi, out, depth + 1)
        else:
            found = _myers(a, b, alo, ahi, blo, bhi)
            if found is not None:
                out.extend(found)
            elif (ahi - alo) * (bhi - blo) <= _FALLBACK_CELLS:
                matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
                for block in matcher.get_matching_blocks():
                    out.extend((alo + block.a + k, blo + block.b + k) for k in range(block.size))
    out.extend(reversed(tail))


def _myers(
    a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]] | None:
    """A longest common subsequence by Myers' O((N+M)D) algorithm, for gaps where every key repeats
    (empty paragraphs, boilerplate); None when more than _MAX_EDITS insertions and deletions separate
    the two sides."""
    n, m = ahi - alo, bhi - blo
    limit = min(_MAX_EDITS, n + m)
    v: dict[int, int] = {1: 0}
    trace: list[dict[int, int]] = []
    for d in range(limit + 1):
        trace.append(dict(v))
        for k in range(-d, d + 1, 2):
            x = v[k + 1] if k == -d or k != d and v[k - 1] < v[k + 1] else v[k - 1] + 1
            y = x - k
            while x < n and y < m and a[alo + x] == b[blo + y]:
                x += 1
                y += 1
            v[k] = x
            if x >= n and y >= m:
                return _backtrack(trace, d, n, m, alo, blo)
    return None


def _backtrack(
    trace: list[dict[int, int]], d: int, x: int, y: int, alo: int, blo: int
) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for step in range(d, 0, -1):
        v = trace[step]
        k = x - y
        prev_k = k + 1 if k == -step or (k != step and v[k - 1] < v[k + 1]) else k - 1
        prev_x = v[prev_k]
        prev_y = prev_x - prev_k
        while x > prev_x and y > prev_y:
            x -= 1
            y -= 1
            found.append((alo + x, blo + y))
        x, y = prev_x, prev_y
    while x > 0 and y > 0:
        x -= 1
        y -= 1
        found.append((alo + x, blo + y))
    return found[::-1]


def _unique_anchors(
    a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    where = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
    pairs = [(i, where[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and a[i] in where]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs increasing in j (they already increase in i)."""
    if not pairs:
        return []
    tails: list[int] = []  # smallest j ending a run of each length
    tail_at: list[int] = []  # index in pairs of that run's last pair
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        n = bisect_left(tails, j)
        if n == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[n] = j
            tail_at[n] = k
        back[k] = tail_at[n - 1] if n > 0 else -1
    out = []
    k = tail_at[-1]
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def align(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], str],
    similarity: Callable[[T, T], float],
    threshold: float,
) -> list[Op[T]]:
    """Every item of both sides once, in an order that follows both: NEW order, with the old items
    that have no partner placed where they stood."""
    a = [key(x) for x in old]
    b = [key(y) for y in new]
    ops: list[Op[T]] = []
    i0 = j0 = 0
    for i, j in [*matches(a, b), (len(a), len(b))]:
        if i > i0 or j > j0:
            ops.extend(_pair_gap(old[i0:i], new[j0:j], similarity, threshold))
        if i < len(a):
            ops.append(Op("same", old[i], new[j]))
        i0, j0 = i + 1, j + 1
    return ops


def _pair_gap(
    old: Sequence[T], new: Sequence[T], similarity: Callable[[T, T], float], threshold: float
) -> list[Op[T]]:
    """A gap's items, similar ones paired in order (maximum total similarity), the rest one-sided."""
    n, m = len(old), len(new)
    if not n or not m:
        return [Op("del", x, None) for x in old] + [Op("ins", None, y) for y in new]
    pairs: list[tuple[int, int]] = []
    if n * m <= _PAIR_CELLS:
        score = [[0.0] * (m + 1) for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            for j in range(m - 1, -1, -1):
                best = max(score[i + 1][j], score[i][j + 1])
                s = similarity(old[i], new[j])
                if s >= threshold:
                    best = max(best, s + score[i + 1][j + 1])
                score[i][j] = best
        i = j = 0
        while i < n and j < m:
            s = similarity(old[i], new[j])
            if s >= threshold and score[i][j] == s + score[i + 1][j + 1]:
                pairs.append((i, j))
                i += 1
                j += 1
            elif score[i][j] == score[i + 1][j]:
                i += 1
            else:
                j += 1
    else:
        # A long gap: pair along the diagonal where neighbours are similar enough.
        for k in range(min(n, m)):
            if similarity(old[k], new[k]) >= threshold:
                pairs.append((k, k))
    ops: list[Op[T]] = []
    i0 = j0 = 0
    for i, j in [*pairs, (n, m)]:
        ops.extend(Op("del", x, None) for x in old[i0:i])
        ops.extend(Op("ins", None, y) for y in new[j0:j])
        if i < n:
            ops.append(Op("pair", old[i], new[j]))
        i0, j0 = i + 1, j + 1
    return ops


def text_similarity(a: str, b: str) -> float:
    """difflib's ratio, with its cheap upper bounds tried first."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.quick_ratio() < 0.2:
        return 0.0
    ratio = matcher.ratio()
    shorter = min(len(a), len(b))
    if shorter >= 8 and ratio * (len(a) + len(b)) / 2 >= 0.8 * shorter:
        return max(ratio, 0.6)  # one is the other with much added: still the same clause
    return ratio
