"""How a deleted clause goes: with its paragraph, or keeping its number as "第四条（本条删除）".

`renumber` (the default) deletes the paragraph mark as a tracked change, so automatic numbering
renumbers itself when the lawyer accepts. A clause keeps its number with the lawyers' convention
("第四条（本条删除）" / "4. [Intentionally deleted]") where taking the paragraph away would break the
numbering the text relies on: its number is typed and a later sibling follows, or a later clause is
cited by number elsewhere ("违反本协议第五条"). `keep-number` keeps every deleted number.
A heading whose clauses all go, goes (or keeps its number) with them.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from draft_agreement.chinese import parse_chinese_number
from draft_agreement.model.document import Document, Paragraph, is_heading
from draft_agreement.redlining.clauses import clause_span
from draft_agreement.redlining.restructure import Edits, Ref, is_deleted, whole_clause
from draft_agreement.redlining.writer import Edit


class DeletedClauses(StrEnum):
    renumber = "renumber"
    keep_number = "keep-number"


MARKERS = {"zh": "（本条删除）", "zh-Hant": "（本條刪除）", "en": "[Intentionally deleted]"}

_ZH_ARTICLE = re.compile(r"第([〇零一二三四五六七八九十百千两\d]+)(?:\.(\d+))?[条條]")
_EN_ARTICLE = re.compile(r"\b(?:Clauses?|Sections?|Articles?|Paragraphs?)\s+(\d+(?:\.\d+)*)", re.IGNORECASE)
_DECIMAL = re.compile(r"(\d+(?:\.\d+)*)\.?")
_LISTED = re.compile(r"[（(]?([〇零一二三四五六七八九十百两\d]+)[、)）.]")


def number_of(label: str | None) -> tuple[int, ...] | None:
    """第六条 -> (6,); 6.1 -> (6, 1); "1." or "１．" -> (1,); other labels ((一), (A)) -> None."""
    if not label:
        return None
    label = unicodedata.normalize("NFKC", label).strip()
    m = _ZH_ARTICLE.fullmatch(label)
    if m:
        head = m.group(1)
        first = (
            int(head)
            if head.isdigit()
            else parse_chinese_number(head.replace("两", "二").replace("〇", "零"))
        )
        return (first, int(m.group(2))) if m.group(2) else (first,)
    m = _DECIMAL.fullmatch(label)
    if m:
        return tuple(int(x) for x in m.group(1).split("."))
    m = _LISTED.fullmatch(label)
    if m:
        head = m.group(1)
        return (
            int(head)
            if head.isdigit()
            else parse_chinese_number(head.replace("两", "二").replace("〇", "零")),
        )
    return None


def cited_numbers(texts: list[str]) -> dict[str, set[tuple[int, ...]]]:
    """Clause numbers the text cites, by numbering style: "article" (第五条) and "decimal" (Clause 4,
    Section 2.1, 第3.2条), so a cited 第五条 is never taken for a "五、" list item."""
    found: dict[str, set[tuple[int, ...]]] = {"article": set(), "decimal": set()}
    for text in texts:
        for m in _ZH_ARTICLE.finditer(text):
            number = number_of(m.group())
            if number:
                found["decimal" if m.group(2) else "article"].add(number)
        for m in _EN_ARTICLE.finditer(text):
            found["decimal"].add(tuple(int(x) for x in m.group(1).split(".")))
    return found


def _style(label: str) -> str | None:
    label = unicodedata.normalize("NFKC", label).strip()
    if _ZH_ARTICLE.fullmatch(label):
        return "article"
    return "decimal" if _DECIMAL.fullmatch(label) else None


def _children(body: list[Paragraph], head: Paragraph) -> list[Paragraph]:
    path = head.clause_path
    out = []
    for i in range(head.index + 1, len(body)):  # no copy of a long body per heading
        p = body[i]
        if p.clause_path[: len(path)] == path and (len(p.clause_path) > len(path) or p.label is None):
            out.append(p)  # a sub-clause, or the heading's own unnumbered text ("第三条 交接" / 甲方应…)
        elif p.text.strip():
            break
    return out


def _cascade(body: list[Paragraph], edits: Edits, since: int) -> None:
    """A heading whose clauses all go, goes too (deepest headings first)."""
    heads = [p for p in body[since:] if p.cell is None and p.label and is_heading(p)]
    for head in sorted(heads, key=lambda p: -len(p.clause_path)):
        ref = (head.story, head.index)
        kids = [p for p in _children(body, head) if p.text.strip()]
        if kids and not is_deleted(edits, ref) and all(is_deleted(edits, (p.story, p.index)) for p in kids):
            note = [e.comment for e in edits.get(ref, ()) if e.comment]
            edits[ref] = [whole_clause(head, note[0] if note else None)]


def _keeps_number(
    p: Paragraph, body: list[Paragraph], edits: Edits, cited: dict[str, set[tuple[int, ...]]]
) -> bool:
    number = number_of(p.label)
    if number is None or p.label is None:
        return False
    style = _style(p.label)
    same_style = cited.get(style, set()) if style else set()
    if any(len(c) == len(number) and c[:-1] == number[:-1] and c[-1] > number[-1] for c in same_style):
        return True
    if p.literal is None or (p.list_label is not None and p.list_label.text):
        return False
    # A typed number: a later sibling that stays would be left with a gap before it.
    for i in range(p.index + 1, len(body)):
        q = body[i]
        if len(q.clause_path) < len(p.clause_path):
            break
        if len(q.clause_path) == len(p.clause_path) and q.label and not is_deleted(edits, (q.story, q.index)):
            return True
    return False


def settle(doc: Document, edits: Edits, script: str, mode: DeletedClauses, since: int) -> None:
    """Turn each planned clause deletion into a paragraph deletion or a kept number."""
    if not any(s.id == "body" for s in doc.stories):
        return
    body = list(doc.story("body").paragraphs)
    _cascade(body, edits, since)
    kept_texts = [p.text for p in body if p.cell is None and not is_deleted(edits, (p.story, p.index))]
    cited = cited_numbers(kept_texts)
    marker = MARKERS.get(script, MARKERS["zh"] if script.startswith("zh") else MARKERS["en"])
    kept: set[tuple[str, ...]] = set()
    for p in body:
        ref: Ref = (p.story, p.index)
        deleted = [e for e in edits.get(ref, ()) if e.delete_paragraph]
        if not deleted or p.cell is not None:
            continue
        path = p.clause_path
        inside_kept = bool(kept) and any(path[:length] in kept for length in range(len(path)))
        if inside_kept:
            continue
        if mode is DeletedClauses.keep_number and number_of(p.label) or _keeps_number(p, body, edits, cited):
            kept.add(p.clause_path)
            start, end = clause_span(p)
            if start == end:  # nothing after the number to replace: the paragraph simply goes
                continue
            edits[ref] = [Edit(p.story, p.index, start, end, marker, deleted[0].comment)]
