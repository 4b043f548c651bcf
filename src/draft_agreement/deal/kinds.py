"""The kind or kinds of a deal, scored from the cues in clauses/deal/kinds.yaml.

The title says most ("微信号转让协议", "Asset Purchase Agreement"); the recitals and the clauses
that define what is transferred say the rest. A cue under a prohibition ("乙方不得转让账号") says
nothing about the deal, so it does not count.
"""

from __future__ import annotations

import re
from collections import Counter

from draft_agreement.deal.lines import Line
from draft_agreement.deal.vocabulary import Vocabulary

_TITLE, _SUBJECT, _BODY = 3.0, 2.0, 1.0
_BODY_SCAN = 600  # lines: the deal is defined at the top; a 20,000-paragraph schedule adds nothing


def _affirmed(pattern: re.Pattern[str] | None, text: str, prohibition: re.Pattern[str]) -> bool:
    """Whether `pattern` occurs in `text` other than under a prohibition."""
    if pattern is None:
        return False
    return any(
        not prohibition.search(text[max(0, m.start() - 40) : m.start()]) for m in pattern.finditer(text)
    )


def score_kinds(
    vocab: Vocabulary, title: str | None, subject: list[Line], others: list[Line]
) -> Counter[str]:
    """Each kind's score: title cues, subject cues in the defining clauses, body cues elsewhere."""
    scores: Counter[str] = Counter()
    no = vocab.prohibition
    folded_title = title or ""
    for kind, cues in vocab.kinds.items():
        if _affirmed(cues.title, folded_title, no):
            scores[kind] += _TITLE
        subject_hits = sum(1 for line in subject if _affirmed(cues.subject, line.fold, no))
        scores[kind] += _SUBJECT * min(subject_hits, vocab.body_cap)
        body_hits = 0
        for line in others[:_BODY_SCAN]:
            if _affirmed(cues.body, line.fold, no) or _affirmed(cues.subject, line.fold, no):
                body_hits += 1
                if body_hits >= vocab.body_cap:
                    break
        scores[kind] += _BODY * body_hits
    return scores


def choose_kinds(vocab: Vocabulary, scores: Counter[str]) -> tuple[str, ...]:
    """The main kind first, then every kind that scores enough beside it; ('other',) when none does."""
    ranked = [(kind, score) for kind, score in scores.most_common() if score >= vocab.min_score]
    if not ranked:
        return ("other",)
    top = ranked[0][1]
    if ranked[0][0] == "other":
        return ("other",)  # a lease, an NDA or a hand-over that mentions customers is still that
    chosen = [kind for kind, score in ranked if score >= top * vocab.share]
    if len(chosen) > 1 and "other" in chosen:
        chosen.remove("other")  # "other" is what a deal is when it is none of the kinds
    for leader, follower in vocab.leads:
        if leader in chosen and follower in chosen and chosen.index(leader) > chosen.index(follower):
            chosen.remove(leader)
            chosen.insert(chosen.index(follower), leader)
    return tuple(chosen)
