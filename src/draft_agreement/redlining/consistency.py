"""The accepted redline, checked as one contract before it is written.

The plan is applied to the text (not the XML) to get what the lawyer sees after accepting every change
of ours; that view is checked for what makes an agreement unsendable: bare clause numbers, a sentence
said twice, references to what was deleted, party labels the agreement never uses, Simplified
characters in a Traditional agreement, platforms it never names, blanks left. What can be fixed is
fixed in the plan; the rest is returned as `ToDecide` items for the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from draft_agreement.deal import deal_of
from draft_agreement.drafting.script import to_traditional
from draft_agreement.model.context import designations, platform_reader, platforms_in
from draft_agreement.model.document import Document, Paragraph
from draft_agreement.model.language import simplified_only
from draft_agreement.redlining.deletions import MARKERS
from draft_agreement.redlining.writer import Edit
from draft_agreement.reviewing.findings import Location, ToDecide

_SENTENCE = re.compile(r"[^。；;！!？?]+[。；;！!？?]?|[^.]+\.(?=\s|$)")
_MIN_SENTENCE = 10
_CLOSED = re.compile(r"[。；;！!？?]|\.(?=\s|$)")
_BARE_NUMBER = re.compile(
    r"\s*(?:\d+(?:\.\d+)*\.?|第[〇零一二三四五六七八九十百千\d]+条|[（(][一二三四五六七八九十\d]+[)）])\s*"
)
_BLANK = re.compile(r"【待填[写寫]：([^】]*)】|\[To be completed: ([^\]]*)\]")
_ANNEX_WORD = re.compile(
    r"(附件|附表|Annex|Schedule|Exhibit|Appendix)\s*([一二三四五六七八九十\dA-Z]+)", re.IGNORECASE
)

# A defined term: “Handover Date” means…, (the “Account”), （以下简称“标的账号”）.
_DEFINITION = re.compile(
    r"[“\"「]([^”\"」]{2,40})[”\"」]\s*(?:means|shall\s+mean|has\s+the\s+meaning|指|是指|系指)"
    r"|[(（]\s*(?:the\s+|以下简称|以下稱)?[“\"「]([^”\"」]{2,40})[”\"」]\s*[)）]"
)

_MESSAGES = {
    "zh": {
        "blank": "需填写：{0}",
        "orphan-number": "条款编号没有正文：{0}",
        "dangling-reference": "仍引用已删除的内容：{0}",
        "unknown-term": "插入的文字使用了协议未使用的称谓：{0}",
        "duplicate-sentence": "同一句话重复出现：{0}",
        "wrong-script": "繁体协议中插入了简体字：{0}",
        "unknown-platform": "插入的文字提到协议未提及的平台：{0}",
    },
    "en": {
        "blank": "To complete: {0}",
        "orphan-number": "A clause number with no text: {0}",
        "dangling-reference": "Still refers to deleted text: {0}",
        "unknown-term": "Inserted text uses a designation the agreement does not: {0}",
        "duplicate-sentence": "The same sentence appears twice: {0}",
        "wrong-script": "Simplified characters inserted into a Traditional agreement: {0}",
        "unknown-platform": "Inserted text names a platform the agreement does not: {0}",
    },
}


@dataclass(frozen=True)
class Accepted:
    """One paragraph as it reads once our changes are accepted."""

    paragraph: Paragraph
    text: str
    inserted: tuple[str, ...]  # our replacement texts in it


def accepted_view(doc: Document, edits: Sequence[Edit]) -> list[Accepted]:
    """Every body paragraph that remains, with our edits applied, in document order."""
    by_ref: dict[tuple[str, int], list[Edit]] = {}
    for e in edits:
        by_ref.setdefault((e.story, e.paragraph), []).append(e)
    out = []
    if not any(s.id == "body" for s in doc.stories):
        return out
    for p in doc.story("body").paragraphs:
        group = by_ref.get((p.story, p.index), [])
        if any(e.delete_paragraph or (e.delete_row and e.replacement is not None) for e in group):
            continue
        text = p.text
        for e in sorted(group, key=lambda e: e.start, reverse=True):
            if e.replacement is not None:
                text = text[: e.start] + e.replacement + text[e.end :]
        out.append(Accepted(p, text, tuple(e.replacement for e in group if e.replacement)))
    return out


_MARKERS = {m.strip("（）[]") for m in MARKERS.values()}


def sentences(text: str) -> list[str]:
    """The sentences of `text` long enough to count, without their closing punctuation (the
    "[Intentionally deleted]" of each deleted clause is not a sentence said twice)."""
    found = (m.group().strip().rstrip("。；;！!？?.").strip() for m in _SENTENCE.finditer(text))
    return [s for s in found if len(s) >= _MIN_SENTENCE and s.strip("（）[]") not in _MARKERS]


def _drop_sentence(text: str, sentence: str) -> str:
    for m in _SENTENCE.finditer(text):
        if m.group().strip().rstrip("。；;！!？?.").strip() == sentence:
            return (text[: m.start()] + text[m.end() :]).strip()
    return text


class _Check:
    def __init__(self, doc: Document, edits: list[Edit], script: str, lang: str) -> None:
        self.doc = doc
        self.edits = edits
        self.script = script
        self.messages = _MESSAGES[lang]
        self.found: list[ToDecide] = []
        self.original = " ".join(p.text for p in doc.paragraphs())

    def note(self, kind: str, detail: str, p: Paragraph | None = None) -> None:
        where = Location(p.story, p.index, 0, len(p.text)) if p is not None else None
        item = ToDecide(kind, self.messages[kind].format(detail), where)
        if item not in self.found:
            self.found.append(item)

    def _map(self, fix: Callable[[Edit], Edit]) -> None:
        self.edits = [fix(e) if e.replacement else e for e in self.edits]

    def script_of_insertions(self) -> None:
        if self.script != "zh-Hant":
            return
        self._map(lambda e: replace(e, replacement=to_traditional(e.replacement or "")))
        for e in self.edits:
            left = simplified_only(e.replacement or "")
            if left:
                self.note("wrong-script", left, self.doc.paragraph(e.story, e.paragraph))

    def duplicates(self) -> None:
        """A sentence we insert that the accepted text already says is dropped from the later place."""
        seen: set[str] = set()
        fixed: list[Edit] = []
        ours = {id(e) for e in self.edits if e.replacement}
        order = sorted(self.edits, key=lambda e: (e.story != "body", e.story, e.paragraph, e.start))
        untouched = [a.text for a in accepted_view(self.doc, self.edits) if not a.inserted]
        joined = "\n".join(untouched)

        def said(sentence: str) -> bool:
            # A substring search over the whole text first: only the few paragraphs holding it are split.
            return sentence in joined and any(sentence in sentences(t) for t in untouched if sentence in t)

        for e in order:
            text = e.replacement or ""
            # Words put in place inside a sentence (a title, a renamed deal) are not sentences.
            if id(e) not in ours or not _CLOSED.search(text):
                fixed.append(e)
                continue
            for s in sentences(text):
                if s in seen or said(s):
                    text = _drop_sentence(text, s)
                seen.add(s)
            if text != e.replacement:
                p = self.doc.paragraph(e.story, e.paragraph)
                if text:
                    e = replace(e, replacement=text)
                elif p.cell is None:
                    e = replace(e, start=0, end=len(p.text), replacement="", delete_paragraph=True)
            fixed.append(e)
        self.edits = fixed

    def orphans(self, view: list[Accepted]) -> set[tuple[str, int]]:
        """A numbered paragraph left with no text: it goes, so no bare number remains. Returns the
        paragraphs that go."""
        bare = {
            (a.paragraph.story, a.paragraph.index)
            for a in view
            if a.paragraph.cell is None
            and a.paragraph.text.strip()
            and not _BARE_NUMBER.fullmatch(a.paragraph.text)
            and (
                _BARE_NUMBER.fullmatch(a.text)
                or not a.text.strip()
                and a.paragraph.list_label is not None
                and a.paragraph.list_label.text
            )
        }
        for ref in bare:
            p = self.doc.paragraph(*ref)
            note = next((e.comment for e in self.edits if (e.story, e.paragraph) == ref and e.comment), None)
            self.edits = [e for e in self.edits if (e.story, e.paragraph) != ref]
            self.edits.append(Edit(p.story, p.index, 0, len(p.text), "", note, delete_paragraph=True))
        return bare

    def references(self, view: list[Accepted]) -> None:
        """Annexes cited in the accepted text that no longer exist."""
        deal = deal_of(self.doc)
        remaining = {a.paragraph.index for a in view if a.paragraph.story == "body"}
        labels = [
            (index in remaining, label)
            for (story, index), label in deal.clause_labels.items()
            if label and story == "body" and _ANNEX_WORD.fullmatch(label)
        ]
        gone = {label for kept, label in labels if not kept} - {label for kept, label in labels if kept}
        gone_bare = {g.replace(" ", "") for g in gone}
        for a in view:
            for m in _ANNEX_WORD.finditer(a.text) if gone_bare else ():
                if m.group().replace(" ", "") in gone_bare:
                    self.note("dangling-reference", m.group(), a.paragraph)
        # A defined term whose definition went, still used in what stays.
        accepted = " ".join(a.text for a in view)
        defined_now = {m.group(1) or m.group(2) for m in _DEFINITION.finditer(accepted)}
        for p in self.doc.paragraphs():
            if p.story != "body":
                continue
            for m in _DEFINITION.finditer(p.text):
                term = m.group(1) or m.group(2)
                if term not in defined_now and term in accepted:
                    user = next((a.paragraph for a in view if term in a.text), None)
                    self.note("dangling-reference", term, user)

    @cached_property
    def _known(self) -> str:
        return self.original.casefold()

    @cached_property
    def _names_platform(self) -> Callable[[str], bool]:
        return platform_reader([p.text for p in self.doc.paragraphs()])

    def insertions(self, view: list[Accepted]) -> None:
        """What our insertions name that the agreement never does; the agreement's own words are read
        only when an insertion names something (most redlines insert no platform)."""
        words = [(w, w.casefold()) for w in designations() if len(w) > 1]
        for a in view:
            for text in a.inserted:
                for name in platforms_in(text):
                    if not self._names_platform(name):
                        self.note("unknown-platform", name, a.paragraph)
                folded = text.casefold()
                for word, folded_word in words:
                    if folded_word not in folded:  # a substring test first: most words are absent
                        continue
                    # A role named as what a party acts as (乙方作为受托人) is the law's word, not a label.
                    hit = (
                        re.search(rf"\bthe\s+{re.escape(word)}\b", text, re.IGNORECASE)
                        if word.isascii()
                        else re.search(rf"(?<!作为)(?<!作為){re.escape(word)}", text)
                    )
                    # An insertion that is the word alone is a role renamed (转让方 -> 推荐方).
                    if hit and folded_word not in self._known and text.strip() != word:
                        self.note("unknown-term", word, a.paragraph)
                for m in _BLANK.finditer(text):
                    self.note("blank", m.group(1) or m.group(2), a.paragraph)


def check(
    doc: Document, edits: Sequence[Edit], script: str, lang: str
) -> tuple[list[Edit], tuple[ToDecide, ...]]:
    """The plan with what could be fixed fixed, and what the lawyer must still decide."""
    c = _Check(doc, list(edits), script, lang)
    c.script_of_insertions()
    c.duplicates()
    view = accepted_view(doc, c.edits)
    gone = c.orphans(view)
    view = [a for a in view if (a.paragraph.story, a.paragraph.index) not in gone]  # as read again
    c.references(view)
    c.insertions(view)
    for a in view:
        if (
            _BARE_NUMBER.fullmatch(a.text)
            and a.paragraph.text.strip()
            and not _BARE_NUMBER.fullmatch(a.paragraph.text)
        ):
            c.note("orphan-number", a.text.strip(), a.paragraph)
    return c.edits, tuple(c.found)
