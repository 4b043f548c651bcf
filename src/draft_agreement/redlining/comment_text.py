"""Short comments a partner would keep: what is wrong, what the change does, the articles relied on.

One comment per changed clause, about 250 characters. A point the agreement raises in several clauses
is explained once, where it first appears; later clauses refer to that comment in a sentence of their
own, so no sentence is repeated from comment to comment. The full explanation and the quoted statute
text go to the review memo. Wording, short act names and the reasons are data
(clauses/memo/comments.yaml); a Traditional-Chinese document gets its comments in Traditional.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from draft_agreement.chinese import chinese_number
from draft_agreement.drafting.script import to_traditional
from draft_agreement.library import read_yaml
from draft_agreement.model.document import Document
from draft_agreement.redlining.writer import Edit, Mode
from draft_agreement.reviewing.findings import SEVERITY_RANK, Finding, LegalBasis, at_least
from draft_agreement.reviewing.masking import mask_text
from draft_agreement.reviewing.rules import default_clauses_dir

MAX_CITES = 2  # per point; the memo quotes every article
_MISSING_SHOWN = 2  # safeguards named in a comment
_SUGGESTION_HEAD = {"zh": re.compile(r"[；;。]"), "en": re.compile(r"(?<=[a-z)])[.;](?:\s|$)")}
_SUGGESTION_MAX = {"zh": 40, "en": 90}  # characters of the suggestion a comment carries
_PHRASE_ENDS = ("，", "：", ", ", ": ")
_COMMAS = ("，", ", ")
_EXCERPT = {"zh": 14, "en": 40}
_NUMBERED = re.compile(r"[0-9]+(?:\.[0-9]+)*|[一二三四五六七八九十百零〇]+")
_REF = re.compile(r"^([a-z0-9][a-z0-9-]*):([0-9]+)(?:-([0-9]+))?$")
_PAGE_STORIES = ("header", "footer")


@lru_cache(maxsize=1)
def comment_data() -> dict[str, Any]:
    """clauses/memo/comments.yaml: short act names, reasons, templates."""
    path = default_clauses_dir() / "memo" / "comments.yaml"
    data: dict[str, Any] = read_yaml(path.read_text(encoding="utf-8"))
    return data


def _cite_parts(basis: LegalBasis, lang: str) -> tuple[str, str]:
    """The act's short name and the article in figures: ("《个人信息保护法》", "第23条")."""
    data = comment_data()
    t = data["templates"][lang]
    match = _REF.match(basis.ref)
    if match is None:  # a firm's own act: its name and article as the pack writes them
        return str(t["act"].format(act=basis.law.removeprefix("中华人民共和国"))), basis.article
    act, number, sub = match.groups()
    name = data["acts"].get(act, {}).get(lang) or basis.law.removeprefix("中华人民共和国")
    after = t["sub"].format(n=chinese_number(int(sub)) if lang == "zh" else sub) if sub else ""
    return str(t["act"].format(act=name)), str(t["article"].format(n=number, sub=after))


def short_cite(basis: LegalBasis, lang: str) -> str:
    """《个人信息保护法》第23条 / PIPL art. 23."""
    act, article = _cite_parts(basis, lang)
    return str(comment_data()["templates"][lang]["cite_group"].format(act=act, articles=article))


def _why(f: Finding, lang: str) -> str:
    why = comment_data()["why"]
    found = why["rules"].get(f.rule) or why["categories"].get(f.category)
    if found:
        return str(found[lang])
    return _SUGGESTION_HEAD[lang].split(f.explanation, maxsplit=1)[0].strip()


def suggestion_head(suggestion: str, lang: str, short: bool = False) -> str:
    """The first sentence of a rule's suggestion, cut at a comma if it runs long; `short`: its first
    phrase (for a second point, or safeguards the comment already lists)."""
    head = _SUGGESTION_HEAD[lang].split(suggestion.strip(), maxsplit=1)[0].strip().rstrip("。.")
    phrase = min((i for i in (head.find(m) for m in _PHRASE_ENDS) if i > 0), default=len(head))
    if short:
        return head[:phrase]
    if len(head) > _SUGGESTION_MAX[lang]:
        comma = max(head.rfind(m, 0, _SUGGESTION_MAX[lang]) for m in _COMMAS)
        return head[:comma] if comma > 0 else head[:phrase]
    return head


def _excerpt(text: str | None, lang: str) -> str:
    text = mask_text(" ".join((text or "").split()))
    size = _EXCERPT[lang]
    return text if len(text) <= size else text[:size].rstrip() + "…"


def _where(f: Finding, doc: Document, lang: str, own: bool = False) -> str:
    """How a comment names a clause: 第3.1条 / clause 3.1, or a few of its words."""
    t = comment_data()["templates"][lang]
    label = (f.clause or "").strip().rstrip("、.．:：")
    if label.startswith("第") or re.match(r"(?i)(clause|article|section|schedule|annex)\b", label):
        return label
    if _NUMBERED.fullmatch(label):
        return str(t["label_number"].format(label=label))
    return str(t["excerpt_own" if own else "excerpt"].format(text=_excerpt(f.text, lang)))


def _topic(f: Finding, lang: str) -> str:
    topic = comment_data()["topics"].get(f.category)
    return str(topic[lang]) if topic else _lower_first(f.title, lang)


def _lower_first(text: str, lang: str) -> str:
    return text[:1].lower() + text[1:] if lang == "en" and text[1:2].islower() else text


def _action(edits: Sequence[Edit], mode: Mode) -> str:
    """keep, delete or replace (propose_… in comments mode): what the clause's edits do."""
    if all(e.replacement is None for e in edits):
        return "keep"
    # "本条已删除" only when the clause goes: striking one sentence or list item of it is a change.
    struck = all(e.replacement == "" for e in edits if e.replacement is not None)
    kind = "delete" if struck and any(e.delete_paragraph for e in edits) else "replace"
    return f"propose_{kind}" if mode is Mode.comments else kind


def _action_text(action: str, head: str, lang: str) -> str:
    """What the change does, in the rule's own words: 已删除该约定, or 已修改：… when they do not fit."""
    t = comment_data()["templates"][lang]
    if not action.startswith("propose") and action != "keep" and head.startswith(tuple(t["done_verbs"])):
        return str(t["done"].format(s=head))
    return str(t["actions"][action].format(s=head))


def _cites(f: Finding, lang: str, used: set[str], most: int = MAX_CITES) -> str:
    """The finding's first articles not cited yet in this comment, grouped by act."""
    t = comment_data()["templates"][lang]
    by_act: dict[str, list[str]] = {}
    for basis in f.legal_basis[:most]:
        if basis.ref not in used:
            used.add(basis.ref)
            act, article = _cite_parts(basis, lang)
            by_act.setdefault(act, []).append(article)
    if not by_act:
        return ""
    groups = [
        t["cite_group"].format(act=act, articles=t["article_join"].join(arts)) for act, arts in by_act.items()
    ]
    return str(t["cites"].format(cites=t["cite_join"].join(groups)))


def _wording(doc: Document, edits: Sequence[Edit], lang: str) -> list[str]:
    """The proposed wording, for a comment that stands in for tracked changes."""
    t = comment_data()["templates"][lang]
    changed = [e for e in edits if e.replacement]
    if len(changed) == 1:
        return [t["wording"].format(text=changed[0].replacement)]
    out = []
    for e in changed:
        old = _excerpt(doc.paragraph(e.story, e.paragraph).text[e.start : e.end], lang)
        out.append(t["wording_span"].format(old=old, text=e.replacement))
    return out


def _issue(doc: Document, f: Finding, lang: str, first_seen: dict[str, str]) -> str:
    """What is wrong: the title and the reason (or where the reason was given, or what is missing)."""
    t = comment_data()["templates"][lang]
    values = {"title": f.title, "why": _why(f, lang)}
    if f"category:{f.category}" in first_seen:
        return str(t["issue_seen"].format(title=f.title, first=first_seen[f"category:{f.category}"]))
    if f.missing:
        # The first two safeguards named, the rest counted: the memo lists them all.
        shown = t["list_join"].join(f.missing[:_MISSING_SHOWN])
        if len(f.missing) > _MISSING_SHOWN:
            shown += t["missing_more"].format(n=len(f.missing), rest=len(f.missing) - _MISSING_SHOWN)
        return str(t["issue_missing"].format(**values, missing=shown))
    if f.location is not None and doc.story(f.location.story).kind in _PAGE_STORIES:
        where = f"{t[doc.story(f.location.story).kind]}{_where(f, doc, lang)}"
        return str(t["issue_where"].format(**values, where=where))
    return str(t["issue"].format(**values))


def compose(
    doc: Document,
    edits: Sequence[Edit],
    findings: Sequence[Finding],
    lang: str,
    mode: Mode,
    first_seen: dict[str, str],
) -> str:
    """The comment for one clause's edits.

    `first_seen` says where each rule (and "category:…") was first explained; it is updated.
    """
    data = comment_data()
    t = data["templates"][lang]
    action = _action(edits, mode)
    by_rule = {f.rule: f for f in sorted(findings, key=lambda f: -SEVERITY_RANK[f.severity])}
    worst = max(findings, key=lambda f: SEVERITY_RANK[f.severity]).severity
    sentences = []
    used: set[str] = set()
    fresh = [f for rule, f in by_rule.items() if rule not in first_seen]
    if fresh:
        f = fresh[0]
        issue_full = f"category:{f.category}" not in first_seen
        head = suggestion_head(f.suggestion, lang, short=bool(f.missing))
    said = first_seen.get(f"said:{head}") if fresh and not issue_full else None
    if fresh and said is not None:
        # Another rule of a point explained elsewhere, with the same advice (a deal's own advice is
        # one per category): the clause refers to that comment instead of repeating its sentence.
        own = _where(f, doc, lang, own=True)
        if own == said:
            own = t["excerpt_own"].format(text=_excerpt(f.text, lang))
        sentence = t["repeat"].format(
            own=own, title=_topic(f, lang), first=said, action=t["repeat_actions"][action]
        )
        sentences.append(sentence[:1].upper() + sentence[1:])
    elif fresh:
        most = MAX_CITES if issue_full else MAX_CITES - 1
        # Articles an earlier comment cited are left to it, but every comment cites at least one.
        earlier = {ref for ref in (b.ref for b in f.legal_basis[:most]) if f"cite:{ref}" in first_seen}
        if len(earlier) < len(f.legal_basis[:most]):
            used |= earlier
        else:
            most = 1
        cites = _cites(f, lang, used, most)
        sentences += [_issue(doc, f, lang, first_seen), _action_text(action, head, lang) + cites + t["end"]]
        first_seen.setdefault(f"said:{head}", _where(f, doc, lang))
    # Further points on the same clause: named by topic in one sentence, each with its first article;
    # a point an earlier comment already explained is left to it (said once per document).
    topics = {
        _topic(f, lang): f
        for f in fresh[1:]
        if f.category != fresh[0].category and f"category:{f.category}" not in first_seen
    }
    if topics:
        cites = "".join(_cites(f, lang, used, 1) for f in topics.values())
        sentences.append(t["also"].format(topics=t["list_join"].join(topics)) + cites + t["end"])
    # Points explained elsewhere are referred to only when the clause raises nothing new.
    seen = [f for rule, f in by_rule.items() if rule in first_seen] if not fresh else []
    if seen:
        firsts = list(dict.fromkeys(first_seen[f.rule] for f in seen))[:1]  # where the reason was given
        own = _where(seen[0], doc, lang, own=True)
        if own in firsts:
            own = t["excerpt_own"].format(text=_excerpt(seen[0].text, lang))
        sentence = t["repeat"].format(
            own=own,
            title=t["list_join"].join(dict.fromkeys(_topic(f, lang) for f in seen)),
            first=t["list_join"].join(firsts),
            action=t["repeat_actions"][action],
        )
        sentences.append(sentence[:1].upper() + sentence[1:])
    for ref in used:
        first_seen.setdefault(f"cite:{ref}", "")
    for f in fresh:
        first_seen[f.rule] = _where(f, doc, lang)
        first_seen.setdefault(f"category:{f.category}", first_seen[f.rule])
    if said is not None:
        first_seen[fresh[0].rule] = said  # later clauses are sent to the comment that explains it
    text = t["head"].format(severity=data["severity"][lang][worst]) + t["sentence_join"].join(sentences)
    if mode is Mode.comments:
        text = "\n".join([text, *_wording(doc, edits, lang)])
    return text.strip()


def _document_level(doc: Document, f: Finding) -> bool:
    return f.location is None or doc.story(f.location.story).kind in _PAGE_STORIES


def _gap(edit: Edit, lo: int, hi: int) -> int:
    """How far `edit` lies from the span [lo, hi): 0 when they overlap."""
    if edit.start < hi and lo < edit.end or edit.start == lo:
        return 0
    return min(abs(edit.start - hi), abs(lo - edit.end))


def assign(doc: Document, edits: Sequence[Edit], findings: Sequence[Finding]) -> dict[int, list[Finding]]:
    """Which findings each commented edit explains: those on its span, else nearest in its paragraph.

    Document-level findings (and those in headers and footers, which take no comments) go to the
    edit on the document's first paragraph, where the plan puts their note.
    """
    commented: dict[tuple[str, int], list[int]] = {}  # each paragraph's commented edits, in plan order
    for i, e in enumerate(edits):
        if e.comment:
            commented.setdefault((e.story, e.paragraph), []).append(i)
    first = next((p for p in doc.paragraphs() if p.story == "body" and p.text.strip()), None)
    out: dict[int, list[Finding]] = {}
    for f in findings:
        if _document_level(doc, f):
            if first is None:
                continue
            story, index, lo, hi = first.story, first.index, 0, len(first.text)
        else:
            assert f.location is not None
            loc = f.location
            story, index, lo, hi = loc.story, loc.paragraph, loc.start, loc.end
        here = commented.get((story, index))
        if here:
            out.setdefault(min(here, key=lambda i: _gap(edits[i], lo, hi)), []).append(f)
    return out


def annotate(
    doc: Document,
    edits: Sequence[Edit],
    findings: Sequence[Finding],
    lang: str,
    mode: Mode | str = Mode.track,
    min_severity: str = "medium",
) -> list[Edit]:
    """The plan's edits with one short comment per clause; comments no finding explains are kept.

    Several commented edits in one paragraph (each identifier of a clause, say) become one comment, on
    the first of them.
    """
    mode = Mode(mode)
    chosen = [f for f in findings if at_least(f.severity, min_severity)]
    groups = assign(doc, edits, chosen)
    clauses: dict[tuple[str, int], list[int]] = {}
    for i in groups:
        clauses.setdefault((edits[i].story, edits[i].paragraph), []).append(i)
    order = {s.id: n for n, s in enumerate(doc.stories)}
    first_seen: dict[str, str] = {}
    traditional = lang == "zh" and doc.language == "zh-Hant"
    out = list(edits)
    for key in sorted(clauses, key=lambda c: (order.get(c[0], 0), c[1])):
        members = clauses[key]
        members.sort(key=lambda i: edits[i].start)
        found = [f for i in members for f in groups[i]]
        text = compose(doc, [edits[i] for i in members], found, lang, mode, first_seen)
        out[members[0]] = replace(edits[members[0]], comment=to_traditional(text) if traditional else text)
        for i in members[1:]:
            out[i] = replace(edits[i], comment=None)
    # A planned comment no finding was assigned to, in a clause that has its composed comment, is
    # said there already: one comment per clause.
    for i, edit in enumerate(edits):
        if edit.comment and i not in groups and (edit.story, edit.paragraph) in clauses:
            out[i] = replace(edit, comment=None)
    if mode is Mode.comments:
        out = _propose_the_rest(doc, out, lang, traditional)
    return out


def _propose_the_rest(doc: Document, edits: list[Edit], lang: str, traditional: bool) -> list[Edit]:
    """Comments mode writes no tracked change: a clause the restructuring rewrites or deletes with no
    finding on it (the price, the title, a stale warranty) gets a comment proposing its new wording."""
    t = comment_data()["templates"][lang]
    by_clause: dict[tuple[str, int], list[int]] = {}
    for i, edit in enumerate(edits):
        by_clause.setdefault((edit.story, edit.paragraph), []).append(i)
    out = list(edits)
    for members in by_clause.values():
        changed = [edits[i] for i in members if edits[i].replacement is not None]
        if not changed or any(edits[i].comment for i in members):
            continue
        story = doc.story(changed[0].story)
        if story.kind in _PAGE_STORIES:  # Word takes no comments there
            continue
        if not story.paragraphs[changed[0].paragraph].text.strip():  # a page break before an annex
            continue
        deletion = t["repeat_actions"]["propose_delete"]
        wording = _wording(doc, changed, lang) or [deletion[:1].upper() + deletion[1:] + t["end"]]
        text = "\n".join(wording)
        out[members[0]] = replace(edits[members[0]], comment=to_traditional(text) if traditional else text)
    return out
