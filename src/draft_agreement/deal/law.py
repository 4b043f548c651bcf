"""The governing law and the dispute forum, from the clauses that state them (legal-brief §5.3).

A Taipei contract governed by Taiwan law is not analysed as if the PIPL governed it: the report says
which law governs, and the findings are the PRC-law view. Places are data (clauses/deal/law.yaml).
"""

from __future__ import annotations

import re

from draft_agreement import compiled
from draft_agreement.deal.lines import Line
from draft_agreement.deal.model import GoverningLaw
from draft_agreement.deal.vocabulary import Vocabulary

# "适用中华人民共和国法律（不包括香港、澳门和台湾地区法律）", "excluding its conflict-of-laws rules":
# what is excluded is not the chosen law.
_EXCLUDED = compiled.pattern(
    r"(?:不包括|不含|除外|排除|excluding|exclusive\s+of|other\s+than|without\s+(?:regard|reference)\s+to"
    r"|notwithstanding)[^()。;.]*",
    re.IGNORECASE,
)
_LAW_WORD = compiled.pattern(r"法律|法规|法|laws?\b", re.IGNORECASE)


def place_of(vocab: Vocabulary, text: str) -> str | None:
    """The first place whose cue occurs in `text` (entries are ordered specific before general)."""
    cleaned = _EXCLUDED.sub("", text)
    for place in vocab.places:
        if place.cue.search(cleaned):
            return place.code
    return None


_ZH_LAW_AFTER = compiled.pattern(r"[^。;,，]{0,16}?(?:法律|法规|法)")
_EN_LAW_BEFORE = compiled.pattern(
    r"\blaws?\s+(?:in\s+force\s+in\s+|of\s+)(?:the\s+)?[^.;]{0,40}$", re.IGNORECASE
)


def nearest_place(vocab: Vocabulary, text: str) -> str | None:
    """The place named first in `text`; where two cues match at once, the earlier (more specific) entry.

    A law clause may name a second law for one purpose ("本協議適用香港特別行政區法律；就……而言，亦須遵守
    中華人民共和國法律"): the law chosen is the one named first after the cue.
    """
    cleaned = _EXCLUDED.sub(lambda m: " " * len(m.group()), text)
    best: tuple[int, int, str] | None = None
    for order, place in enumerate(vocab.places):
        m = place.cue.search(cleaned)
        if m and (best is None or (m.start(), order) < best[:2]):
            best = (m.start(), order, place.code)
    return best[2] if best else None


def law_phrase(vocab: Vocabulary, line: Line, code: str | None) -> str:
    """The words that name the chosen law ("中华人民共和国法律", "the laws of Singapore"), else the clause."""
    place = next((p for p in vocab.places if p.code == code), None)
    cleaned = _EXCLUDED.sub(lambda m: " " * len(m.group()), line.fold)
    m = place.cue.search(cleaned) if place else None
    if m is None:
        return line.text
    after = _ZH_LAW_AFTER.match(cleaned, m.end())
    if after and not cleaned[m.start() : after.end()].isascii():
        return line.text[m.start() : after.end()]
    before = _EN_LAW_BEFORE.search(cleaned, 0, m.start())
    if before:
        return line.text[before.start() : m.end()]
    return line.text


def place_name(vocab: Vocabulary, code: str, lang: str) -> str:
    for place in vocab.places:
        if place.code == code:
            return place.name.get(lang) or place.name.get("en") or code
    return code


def _chosen_law(vocab: Vocabulary, lines: list[Line]) -> tuple[Line, str | None] | None:
    """The governing-law paragraph and its place; a heading's place may be in the next paragraph.

    A law clause naming no place ("6. Governing Law and Disputes" typed as a clause, "适用法律") gives
    way to a later one that names it; it is the answer only when none does.
    """
    unplaced: tuple[Line, str | None] | None = None
    for k, line in enumerate(lines):
        if not line.has(vocab.law_clause):
            continue
        if line.heading and k + 1 < len(lines):
            following = lines[k + 1]
            if _LAW_WORD.search(following.fold):
                place = nearest_place(vocab, following.fold)
                if place is not None:
                    return following, place
            continue
        if not _LAW_WORD.search(line.fold):
            continue
        # The place named nearest after the cue: "governed by the laws of Singapore".
        cue = vocab.law_clause.search(line.fold)
        assert cue is not None
        place = nearest_place(vocab, line.fold[cue.start() :]) or place_of(vocab, line.fold)
        if place is not None:
            return line, place
        unplaced = unplaced or (line, None)
    return unplaced


def _forum(vocab: Vocabulary, lines: list[Line]) -> tuple[Line, str | None] | None:
    for line in lines:
        if line.heading or not line.has(vocab.forum):
            continue
        place = place_of(vocab, line.fold)
        if place is not None:
            return line, place
    return None


def governing_law(vocab: Vocabulary, lines: list[Line]) -> GoverningLaw | None:
    """What the agreement says about its law and forum, or None when it says nothing."""
    chosen = _chosen_law(vocab, lines)
    forum = _forum(vocab, lines)
    if chosen is None and forum is None:
        return None
    law_line, place = chosen if chosen else (None, None)
    forum_line, forum_place = forum if forum else (None, None)
    return GoverningLaw(
        text=law_phrase(vocab, law_line, place) if law_line else None,
        jurisdiction=place,
        clause=law_line.label if law_line else None,
        ref=law_line.ref if law_line else None,
        forum=forum_line.text if forum_line and forum_line is not law_line else None,
        forum_jurisdiction=forum_place if forum_line and forum_line is not law_line else None,
    )
