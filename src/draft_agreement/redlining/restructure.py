"""The whole-document pass of a restructuring strategy: what goes beyond the flagged sentences.

After the flagged clauses are replaced, the old deal still stands around them: its title, the recital
saying what the buyer acquires, the price and its instalments, warranties on what no longer moves,
the annexes listing it, the references to those annexes. A strategy (redlining/strategies.py) says,
per kind of deal, what becomes of each; this module finds those paragraphs through the deal model and
writes the edits. Deleted clauses are marked here; redlining/deletions.py decides how they go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import jinja2

from draft_agreement.deal import Deal
from draft_agreement.deal.lines import is_signature_line
from draft_agreement.deal.terms import annex_key
from draft_agreement.deal.vocabulary import Vocabulary, load_vocabulary
from draft_agreement.errors import RuleFileError
from draft_agreement.model.document import Document, Paragraph, is_heading
from draft_agreement.redlining.clauses import clause_span
from draft_agreement.redlining.list_items import listed
from draft_agreement.redlining.replacements import ReplacementLibrary
from draft_agreement.redlining.strategies import Strategy
from draft_agreement.redlining.strategies import fold as fold_chars
from draft_agreement.redlining.voice import Voice
from draft_agreement.redlining.writer import Edit

Ref = tuple[str, int]
Edits = dict[Ref, list[Edit]]

FEE = "referral-fee"
FIXED = "fixed-price"
# A clause that states an amount of money, the void sale's price or an instalment of it.
_AMOUNT = re.compile(
    r"(?:人民币|RMB|CNY|USD|US\$|HKD|HK\$|NTD|NT\$|TWD|SGD|S\$|AED|EUR|GBP|\$|¥|￥)\s*[\d,，.]+\d"
    r"|[\d,，.]*\d\s*(?:元|万元|dollars|dirhams)|[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]{2,}元|(?:每|per\s+)[^，。；,;]{0,12}(?:好友|粉丝|客户|人|head|follower|customer)",
    re.IGNORECASE,
)
# The general clause on annexes ("本协议附件为本协议不可分割的组成部分"), which goes with the last annex.
_ANNEX_CLAUSE = re.compile(
    r"附件[^。；]{0,20}(?:组成部分|同等(?:的)?法律效力|組成部分|同等法律效力)"
    r"|(?:schedules?|annex(?:es)?|exhibits?|appendi(?:x|ces))[^.;]{0,40}(?:form|forms)\s+(?:an?\s+)?(?:integral\s+)?part",
    re.IGNORECASE,
)


def whole_clause(p: Paragraph, comment: str | None = None) -> Edit:
    """The whole clause goes (deletions.py decides whether its number stays)."""
    return Edit(p.story, p.index, 0, len(p.text), "", comment, delete_paragraph=True)


def is_deleted(edits: Edits, ref: Ref) -> bool:
    return any(e.delete_paragraph or e.delete_row for e in edits.get(ref, ()))


def _comment_of(edits: Edits, ref: Ref) -> str | None:
    notes = [e.comment for e in edits.get(ref, ()) if e.comment]
    return "\n\n".join(notes) if notes else None


def _set(edits: Edits, edit: Edit) -> None:
    """`edit` becomes the paragraph's only edit, keeping the comments already planned there."""
    ref = (edit.story, edit.paragraph)
    note = _comment_of(edits, ref)
    edits[ref] = [Edit(**{**edit.__dict__, "comment": edit.comment or note})]


def _body(doc: Document) -> list[Paragraph]:
    if not any(s.id == "body" for s in doc.stories):
        return []
    return list(doc.story("body").paragraphs)


# Where the deal model found no price clause, the first operative clause naming a price and an amount.
_PRICE_WORD = re.compile(
    r"price|consideration|purchase\s+money|价款|价金|转让费|顶让金|对价|售价", re.IGNORECASE
)


def price_clause(doc: Document, deal: Deal, operative_from: int) -> Ref | None:
    """The first operative clause of the price (the deal model's, else one naming a price and an amount)."""
    refs = deal.consideration.price if deal.consideration is not None else ()
    candidates = [doc.paragraph(*r) for r in refs] or [
        p for p in _body(doc) if _PRICE_WORD.search(fold_chars(p.text)) and _AMOUNT.search(fold_chars(p.text))
    ]
    for p in candidates:
        if p.cell is None and not is_heading(p) and (p.story != "body" or p.index >= operative_from):
            return (p.story, p.index)
    return None


def fee_anchor(doc: Document, deal: Deal, strategy: Strategy | None, operative_from: int) -> Ref | None:
    """Where a restructured deal's fee is written: the first operative clause of the price."""
    if strategy is None or strategy.consideration != "fee":
        return None
    return price_clause(doc, deal, operative_from)


def _rewrite(
    doc: Document,
    strategy: Strategy,
    voice: Voice,
    library: ReplacementLibrary,
    edits: Edits,
    written: set[str],
    since: int,
) -> None:
    """Clauses the rules left alone but the new deal cannot keep: each becomes the strategy's clause
    (written once; a later clause of the same kind goes)."""
    for p in _body(doc)[since:]:
        ref = (p.story, p.index)
        if p.cell is not None or is_heading(p) or any(e.replacement is not None for e in edits.get(ref, ())):
            continue
        folded = fold_chars(p.text)
        rid = next((r for pattern, r in strategy.rewrite.get(voice.lang, ()) if pattern.search(folded)), None)
        if rid is None or strategy.matches("protect", voice.lang, p.text):
            continue
        if rid in written:
            _set(edits, whole_clause(p))
            continue
        written.add(rid)
        start, end = clause_span(p)
        _set(edits, Edit(p.story, p.index, start, end, voice.render(library.get(rid))))


def _title_paragraph(doc: Document, deal: Deal) -> Paragraph | None:
    """The body paragraph that is the deal's title, if the deal model found one."""
    if not deal.title:
        return None
    return next((q for q in _body(doc) if q.cell is None and q.text.strip() == deal.title.strip()), None)


_SELF_WORD = re.compile(r"(?:协议书|协议|合同书|合同|契约书|契约)$")


def _title(doc: Document, deal: Deal, strategy: Strategy, voice: Voice, edits: Edits) -> None:
    new = strategy.title.get(voice.lang)
    if not new or not deal.title:
        return
    items = strategy.items.get(voice.lang, ())
    if items and (
        not any(i.search(fold_chars(deal.title)) for i in items) or listed(deal.title, items, deal.labels())
    ):
        return  # the title names nothing that stops moving, or it only loses that item (_items)
    p = _title_paragraph(doc, deal)
    if p is None or (p.story, p.index) in edits and any(e.replacement for e in edits[(p.story, p.index)]):
        return
    # The agreement's own word for itself stays: a 合同 or 契约书 is not retitled a 协议.
    own, ours = _SELF_WORD.search(fold_chars(deal.title.strip())), _SELF_WORD.search(new)
    if own and ours:
        new = new[: ours.start()] + own.group()
    text = voice.write(_cased(new, deal.title.strip()))
    start = len(p.text) - len(p.text.lstrip())
    _set(edits, Edit(p.story, p.index, start, len(p.text.rstrip()), text))
    # The preamble often names the agreement again ("This Account Purchase Agreement (the Agreement)"),
    # and so do the running headers and footers.
    named = re.compile(re.escape(fold_chars(deal.title.strip())), re.IGNORECASE)
    running = [q for s in doc.stories if s.kind in ("header", "footer") for q in s.paragraphs]
    for q in [*_body(doc)[p.index + 1 : p.index + 12], *running]:
        ref = (q.story, q.index)
        if q.cell is None and ref not in edits:
            spans = [
                Edit(q.story, q.index, m.start(), m.end(), voice.write(_cased(new, m.group())))
                for m in named.finditer(fold_chars(q.text))
            ]
            if spans:
                edits[ref] = spans


def _preamble(doc: Document, strategy: Strategy, voice: Voice, edits: Edits, until: int) -> None:
    """The recital saying what the receiving party acquires, and the phrase naming the deal."""
    lang = voice.lang
    phrase = strategy.deal_phrase.get(lang)
    recital = strategy.recital.get(lang)
    written = False
    for p in _body(doc)[:until]:
        ref = (p.story, p.index)
        if p.cell is not None or is_heading(p) or any(e.replacement for e in edits.get(ref, ())):
            continue
        planned: list[Edit] = []
        if recital and not written and strategy.matches("recital_cues", lang, p.text):
            start, end = _cue_clause(p, strategy, lang)
            text = _render_text(recital, voice).rstrip("。.;；")
            planned.append(Edit(p.story, p.index, start, end, text))
            written = True
        m = phrase.pattern.search(fold_chars(p.text)) if phrase else None
        if m and phrase and not any(e.start < m.end("deal") and m.start("deal") < e.end for e in planned):
            planned.append(Edit(p.story, p.index, m.start("deal"), m.end("deal"), voice.write(phrase.text)))
        if planned:
            note = _comment_of(edits, ref)
            planned[0] = Edit(**{**planned[0].__dict__, "comment": note})
            edits[ref] = planned


_CLAUSE_END = {"zh": "，,；;。", "en": ";."}


def _cue_clause(p: Paragraph, strategy: Strategy, lang: str) -> tuple[int, int]:
    """The part of a recital that says what the receiving party acquires: between its delimiters."""
    low, high = clause_span(p)
    folded = fold_chars(p.text)
    m = next((m for c in strategy.recital_cues.get(lang, ()) if (m := c.search(folded, low))), None)
    if m is None:
        return low, high
    ends = _CLAUSE_END[lang]
    start = max([low, *(i + 1 for i in range(low, m.start()) if p.text[i] in ends)])
    end = next((i for i in range(m.end(), high) if p.text[i] in ends), high)
    while start < end and p.text[start].isspace():
        start += 1
    return start, end


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["capfirst"] = lambda text: text[:1].upper() + text[1:]
    return env


def _render_text(template: str, voice: Voice) -> str:
    """A strategy's own template (a recital), rendered like the replacement clauses."""
    try:
        text = _templates().from_string(template).render(**voice.variables)
    except jinja2.UndefinedError as exc:
        raise RuleFileError("strategies", None, "recital", str(exc)) from None
    return voice.write(" ".join(text.split()) if voice.lang == "en" else "".join(text.split()))


def _consideration(doc: Document, deal: Deal, strategy: Strategy, edits: Edits, anchor: Ref | None) -> None:
    """A fee replaces the price: the void sale's amounts, instalments and adjustments go."""
    if strategy.consideration != "fee" or deal.consideration is None or anchor is None:
        return
    for ref in deal.consideration.refs:
        if ref == anchor or is_deleted(edits, ref):
            continue
        p = doc.paragraph(*ref)
        if p.cell is not None or is_heading(p):
            continue
        planned = [e for e in edits.get(ref, ()) if e.replacement]
        if (
            _AMOUNT.search(fold_chars(p.text))
            or ref in deal.consideration.adjustments
            or not planned
            and ref in edits
        ):
            _set(edits, whole_clause(p))


def _stale(doc: Document, strategy: Strategy, voice: Voice, edits: Edits, since: int) -> None:
    """Clauses about what no longer moves (warranties on the customer data, the old accounts) go."""
    for p in _body(doc)[since:]:
        ref = (p.story, p.index)
        if p.cell is not None or is_heading(p) or is_deleted(edits, ref):
            continue
        if any(e.replacement for e in edits.get(ref, ())):
            continue
        # Stale first: few clauses are, and a protective clause (lawful collection) is never deleted.
        stale = strategy.matches("stale", voice.lang, p.text)
        if stale and not strategy.matches("protect", voice.lang, p.text):
            _set(edits, whole_clause(p))


def _items(doc: Document, deal: Deal, strategy: Strategy, voice: Voice, edits: Edits) -> None:
    """In a deal that also sells other assets, the accounts and customers leave the lists of what is
    sold, in the title and in the subject clauses that stay ("办公设备、展厅样品及下列通讯资源")."""
    patterns = strategy.items.get(voice.lang, ())
    if not patterns:
        return
    heading = _title_paragraph(doc, deal)
    title = [(heading.story, heading.index)] if heading is not None else []
    for ref in [*title, *deal.subject.clauses]:
        p = doc.paragraph(*ref)
        if p.cell is not None or ref in edits or ref not in title and is_heading(p):
            continue
        cuts = listed(p.text, patterns, deal.labels())
        if cuts:
            edits[ref] = [Edit(p.story, p.index, a, b, words) for a, b, words in cuts]


def _annex_sections(doc: Document, deal: Deal) -> list[tuple[Paragraph, list[Paragraph]]]:
    """Each subject annex's heading, and its section: the blank or break paragraphs before the heading,
    the heading and everything up to the next annex heading or the end."""
    body = _body(doc)
    starts = {i for s, i in deal.subject.annexes if s == "body"}
    others = {p.index for p in body if p.literal is not None and p.literal.kind == "schedule"} - starts
    sections = []
    for start in sorted(starts):
        # The page break that starts the annex on a new page goes with it, or a blank page stays.
        lead = start
        while lead > 0 and body[lead - 1].cell is None and not body[lead - 1].text.strip():
            lead -= 1
        section = body[lead:start]
        for p in body[start:]:
            if p.index != start and (p.index in starts or p.index in others):
                break
            if p.cell is None and is_signature_line(fold_chars(p.text)):
                break  # the signature block after an annex is the agreement's, not the annex's
            section.append(p)
        sections.append((body[start], section))
    return sections


def _citing(doc: Document, deal: Deal, since: int, vocab: Vocabulary) -> dict[str, list[Ref]]:
    """The clauses citing each annex by number (附件二, 附件2, Schedule 2); the annexes' own lines aside."""
    roots = {doc.paragraph(story, index).clause_path[:1] for story, index in deal.subject.annexes}
    found: dict[str, list[Ref]] = {}
    for p in _body(doc)[since:]:
        if p.cell is not None or p.clause_path[:1] in roots:
            continue
        for m in vocab.annex_reference.finditer(fold_chars(p.text)):
            key = annex_key(vocab, m.group())
            if key is not None:
                found.setdefault(key, []).append((p.story, p.index))
    return found


def _annexes(doc: Document, deal: Deal, strategy: Strategy, edits: Edits, since: int) -> None:
    """The annexes listing the old subject go, with the references to them."""
    if strategy.annexes != "remove" or not deal.subject.annexes:
        return
    removed: list[str] = []
    vocab = load_vocabulary()
    citing = _citing(doc, deal, since, vocab)
    for heading, section in _annex_sections(doc, deal):
        cited_by = citing.get(annex_key(vocab, fold_chars(heading.text)) or "", [])
        if cited_by and not any(ref in edits for ref in cited_by):
            continue  # only clauses that stay cite it: 设备清单见附件二 keeps its list
        label = deal.clause_labels.get((heading.story, heading.index))
        if label:
            removed.append(label)
        for p in section:
            ref = (p.story, p.index)
            if p.cell is not None:
                _set(edits, Edit(p.story, p.index, 0, len(p.text), "", None, delete_row=True))
            else:
                _set(edits, whole_clause(p))
    all_gone = len(removed) == len(deal.subject.annexes)  # a list that stays keeps the general clause
    pattern = "|".join(re.escape(label) for label in removed)
    if not pattern:
        return
    aside = re.compile(rf"[（(][^（()）]{{0,20}}(?:{pattern})[^（()）]{{0,20}}[)）]")
    for p in _body(doc)[since:]:
        ref = (p.story, p.index)
        if p.cell is not None or is_deleted(edits, ref):
            continue
        if all_gone and _ANNEX_CLAUSE.search(p.text) and not any(e.replacement for e in edits.get(ref, ())):
            _set(edits, whole_clause(p))
            continue
        if ref in edits:
            continue
        spans = [Edit(p.story, p.index, m.start(), m.end(), "") for m in aside.finditer(p.text)]
        if spans:
            edits[ref] = spans


def _cased(new: str, old: str) -> str:
    """`new` in the letter case of the heading it replaces: SALE -> SERVICE, Sale Of -> Service Fee."""
    if old.isupper():
        return new.upper()
    if old[:1].isupper() and " " in old and all(w[:1].isupper() for w in old.split() if len(w) > 3):
        return " ".join(w if len(w) <= 3 and i else w[:1].upper() + w[1:] for i, w in enumerate(new.split()))
    return new


def _headings(doc: Document, strategy: Strategy, voice: Voice, edits: Edits, since: int) -> None:
    names = {
        voice.write(k).casefold(): voice.write(v) for k, v in strategy.headings.get(voice.lang, {}).items()
    }
    if not names:
        return
    for p in _body(doc)[since:]:
        ref = (p.story, p.index)
        if p.cell is not None or not is_heading(p) or ref in edits:
            continue
        start, end = clause_span(p)
        old = p.text[start:end]
        new = names.get(fold_chars(old).casefold().rstrip(":："))
        if new is not None:
            edits[ref] = [Edit(p.story, p.index, start, end, _cased(new, old))]


def _terms(doc: Document, strategy: Strategy, voice: Voice, edits: Edits, since: int) -> None:
    """The old deal's defined terms become the new deal's in the clauses that stay."""
    terms = {fold_chars(k): voice.write(v) for k, v in strategy.terms.get(voice.lang, {}).items()}
    if not terms:
        return
    pattern = re.compile("|".join(re.escape(k) for k in sorted(terms, key=len, reverse=True)))
    for p in _body(doc)[since:]:
        ref = (p.story, p.index)
        if p.cell is not None or ref in edits:
            continue
        spans = [
            Edit(p.story, p.index, m.start(), m.end(), terms[m.group()]) for m in pattern.finditer(p.text)
        ]
        if spans:
            edits[ref] = spans


def _roles(doc: Document, strategy: Strategy, voice: Voice, edits: Edits, since: int) -> None:
    """The parties' role words before the clauses (转让方（甲方）) become their roles in the new deal;
    a role word the clauses themselves use as a label stays, or the agreement would name a party
    two ways."""
    roles = {fold_chars(k): voice.write(v) for k, v in strategy.roles.get(voice.lang, {}).items()}
    body = _body(doc)
    if not roles or not body:
        return
    used = "".join(fold_chars(p.text) for p in body[since:] if not is_deleted(edits, (p.story, p.index)))
    roles = {k: v for k, v in roles.items() if k not in used}
    if not roles:
        return
    pattern = re.compile("|".join(re.escape(k) for k in sorted(roles, key=len, reverse=True)))
    for p in body[:since]:
        ref = (p.story, p.index)
        if p.cell is not None or is_deleted(edits, ref):
            continue
        planned = edits.get(ref, [])
        spans = [
            Edit(p.story, p.index, m.start(), m.end(), roles[m.group()])
            for m in pattern.finditer(fold_chars(p.text))
            if not any(e.start < m.end() and m.start() < e.end for e in planned)
        ]
        if spans:
            edits[ref] = [*planned, *spans]


def _require(
    doc: Document,
    deal: Deal,
    strategy: Strategy,
    voice: Voice,
    library: ReplacementLibrary,
    edits: Edits,
    written: set[str],
    since: int,
    carried: Iterable[str] = (),
) -> None:
    """What the new deal needs though no rule asked (customer notices), and what the recitals raised
    but cannot hold (`carried`: the seller keeps the accounts): after the first subject clause."""
    missing = [rid for rid in dict.fromkeys([*strategy.require, *carried]) if rid not in written]
    if not missing:
        return
    target = next(
        (r for r in deal.subject.clauses if r[0] != "body" or r[1] >= since and not is_deleted(edits, r)),
        None,
    )
    if target is None:
        return
    p = doc.paragraph(*target)
    sep = " " if voice.lang == "en" else ""
    extra = sep.join(voice.render(library.get(rid)) for rid in missing)
    written.update(missing)
    current = [e for e in edits.get(target, ()) if e.replacement]
    if current:
        edit = current[-1]
        others = [e for e in edits[target] if e is not edit]
        edits[target] = [*others, Edit(**{**edit.__dict__, "replacement": f"{edit.replacement}{sep}{extra}"})]
        return
    start, end = clause_span(p)
    tail = p.text[start:end]
    _set(edits, Edit(p.story, p.index, start, end, f"{tail}{sep}{extra}"))


def restructure(
    doc: Document,
    deal: Deal,
    strategy: Strategy,
    voice: Voice,
    library: ReplacementLibrary,
    edits: Edits,
    written: set[str],
    operative_from: int,
    fee_at: Ref | None,
    carried: Iterable[str] = (),
) -> None:
    """Apply `strategy` to the whole document, adding to (and overriding) the planned `edits`;
    `carried` are the compliant clauses the recitals' findings call for."""
    _title(doc, deal, strategy, voice, edits)
    _preamble(doc, strategy, voice, edits, operative_from)
    _consideration(doc, deal, strategy, edits, fee_at)
    _annexes(doc, deal, strategy, edits, operative_from)
    _items(doc, deal, strategy, voice, edits)
    _rewrite(doc, strategy, voice, library, edits, written, operative_from)
    _stale(doc, strategy, voice, edits, operative_from)
    _require(doc, deal, strategy, voice, library, edits, written, operative_from, carried)
    _headings(doc, strategy, voice, edits, operative_from)
    _terms(doc, strategy, voice, edits, operative_from)
    _roles(doc, strategy, voice, edits, operative_from)


def flatten(edits: Edits) -> Iterable[Edit]:
    for ref in sorted(edits):
        yield from sorted(edits[ref], key=lambda e: (e.start, e.end))
