"""Write the aligned differences into NEW as tracked changes by one author.

NEW's own XML is the output: its runs are marked inserted (or moved here) in place, and what OLD had
instead is copied in as deleted (or moved away) runs, paragraphs, rows and tables. Nothing of NEW is
removed, so accepting every change gives NEW back; the copies are OLD's base view, so rejecting every
change gives OLD's (see the package docstring for what that means when either file already holds
tracked changes).
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from lxml import etree

from draft_agreement.comparing.adopt import Adopter
from draft_agreement.comparing.align import Op, align, text_similarity
from draft_agreement.comparing.blocks import (
    Block,
    Observed,
    PBlock,
    Row,
    TBlock,
    container_blocks,
    paragraphs_of,
    row_element,
    table_element,
)
from draft_agreement.comparing.equations import merge_equation_replacements
from draft_agreement.comparing.pieces import (
    BaseParagraph,
    base_mark_rpr,
    base_ppr,
    base_rpr,
    content_digest,
    content_runs,
    current_mark_rpr,
    current_ppr,
    element_key,
    read_base,
)
from draft_agreement.comparing.segment import OBJECT, tokens
from draft_agreement.model.document import Story
from draft_agreement.ooxml import (
    W_DEL,
    W_DELINSTRTEXT,
    W_DELTEXT,
    W_INS,
    W_INSTRTEXT,
    W_MOVEFROM,
    W_MOVETO,
    W_P,
    W_PPR,
    W_R,
    W_RPR,
    W_T,
    W_TC,
    W_TR,
    W_TXBXCONTENT,
    w,
)
from draft_agreement.redlining.revisions import reject_all
from draft_agreement.redlining.runs import isolate, set_text, split_at
from draft_agreement.redlining.tracked import (
    clear_mark,
    mark_row,
    mark_rpr,
    move_range,
    place_after,
    place_before,
    ppr_change,
    replace_base_ppr,
    rpr_change,
    run_rpr_change,
    set_mark,
    wrap_existing,
)
from draft_agreement.redlining.writer import RedlineWriter

_W_COMMENTREF = w("commentReference")
_PARAGRAPH_SIMILARITY = 0.4
_MOVE_MIN_CHARS = 12
_NOTE_TAGS = {"footnotes": "footnote", "endnotes": "endnote"}
_CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_REL_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_TABLE_PROPERTIES = (w("tblPr"), w("tblPrEx"), w("trPr"), w("tcPr"))


@dataclass(slots=True)
class Change:
    """One change a lawyer reviews: where it is, what kind, and the text on each side."""

    kind: str  # inserted | deleted | changed | moved | formatting
    story: str
    paragraph: int | None  # index in NEW's story (None for text only OLD has)
    old_paragraph: int | None
    label: str | None
    old_text: str
    new_text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # inserted spans in NEW's base text
    revised: bool = False  # the NEW paragraph holds other authors' changes (offsets may differ)


class _Cursor:
    """Where copies of OLD blocks go in one NEW container: after the last block placed."""

    def __init__(self, fallback: etree._Element | None = None) -> None:
        self.last: etree._Element | None = None
        self.pending: list[etree._Element] = []
        self.fallback = fallback

    def at(self, el: etree._Element) -> None:
        for copied in self.pending:
            el.addprevious(copied)
        self.pending = []
        self.last = el

    def put(self, el: etree._Element) -> None:
        if self.last is not None:
            self.last.addnext(el)
            self.last = el
        else:
            self.pending.append(el)

    def close(self) -> None:
        if self.pending and self.fallback is not None:
            for copied in self.pending:
                self.fallback.append(copied)
        self.pending = []


class Emitter:
    def __init__(self, old: Observed, new: Observed, writer: RedlineWriter, granularity: str) -> None:
        self.old = old
        self.new = new
        self.writer = writer
        self.granularity = granularity
        self.make = writer.revision
        self.next_id = writer.ids.next
        self.changes: list[Change] = []
        self.note_map: dict[tuple[str, str], str] = {}  # (kind, old note id) -> NEW note compared with it
        self._note_copies: dict[tuple[str, str], str] = {}  # (kind, old note id) -> id of its copy in NEW
        self._new_notes: dict[str, etree._Element] = {}  # kind -> NEW notes root, once touched
        self._old_notes: dict[tuple[str, str], etree._Element] = {}
        self.adopter = Adopter(old.doc, new.doc, writer.editor, self._note_ref)
        self._pinned: dict[tuple[int, int], object] = {}
        self._digests: dict[tuple[int, str, str], str] = {}
        self._moves = 0
        self._move_sources: dict[str, PBlock] = {}
        self._old_part = ""
        self._new_part = ""

    # -- element access ------------------------------------------------------------------------------
    def old_el(self, block: PBlock) -> etree._Element:
        return block.para.element

    def new_el(self, block: PBlock) -> etree._Element:
        para = block.para
        if para.source is None:
            return para.element
        ref = para.source
        self._pinned[(id(ref.store), ref.window)] = ref
        return ref.element(edit=True)

    def finish(self) -> None:
        """Put copied notes in reference order, then write back every streamed window edited."""
        for kind in {kind for kind, _ in self._note_copies}:
            self._order_notes(kind)
        for ref in sorted(self._pinned.values(), key=lambda r: r.window):
            ref.store.settle(ref.window)
        self._pinned.clear()

    # -- object keys ---------------------------------------------------------------------------------
    def _key_for(self, observed: Observed, part: str, is_old: bool) -> Callable[[etree._Element], str]:
        package = observed.doc.package
        rels = {r.id: r for r in package.rels(part)}

        def target_digest(rel_id: str) -> str:
            cache = (id(observed), part, rel_id)
            found = self._digests.get(cache)
            if found is None:
                rel = rels.get(rel_id)
                if rel is None:
                    found = rel_id
                elif rel.external:
                    found = "ext:" + rel.target
                else:
                    data = package.read(rel.target) if package.has(rel.target) else b""
                    found = hashlib.sha1(data).hexdigest()
                self._digests[cache] = found
            return found

        def key(node: etree._Element) -> str:
            local = etree.QName(node).localname
            if local in ("footnoteReference", "endnoteReference"):
                kind = local[: -len("Reference")]
                note = node.get(w("id"), "")
                if is_old:
                    return f"{kind}:" + self.note_map.get((kind, note), "old" + note)
                return f"{kind}:{note}"
            return content_digest(node, target_digest)

        return key

    def read_old(self, p: etree._Element) -> BaseParagraph:
        return read_base(p, self._key_for(self.old, self._old_part, True))

    def read_new(self, p: etree._Element) -> BaseParagraph:
        return read_base(p, self._key_for(self.new, self._new_part, False))

    # -- stories -------------------------------------------------------------------------------------
    def story(self, old: Story | None, new: Story) -> None:
        self._old_part = old.part if old is not None else ""
        self._new_part = new.part
        new_containers = self.new.blocks(new)
        if new.kind in _NOTE_TAGS:
            self._notes(old, new, new_containers)
            return
        if not new.paragraphs:
            return
        old_blocks = self.old.blocks(old)[0][1] if old is not None and old.paragraphs else []
        new_blocks = new_containers[0][1] if new_containers else []
        ops = self._align_blocks(old_blocks, new_blocks)
        self._find_moves(ops)
        self.container(ops, new.id, None)

    def _notes(self, old: Story | None, new: Story, new_containers: list) -> None:
        kind = _NOTE_TAGS[new.kind]
        new_notes = self._note_containers(self.new, new, new_containers, kind)
        old_notes = self._note_containers(self.old, old, self.old.blocks(old) if old else [], kind)

        def text(item: tuple[str, list[Block], etree._Element]) -> str:
            return "\n".join(b.facts.base for b in paragraphs_of(item[1]))

        def similarity(a: tuple, b: tuple) -> float:
            # Notes are told apart by what they say; an emptied note is still the note of that id.
            return max(text_similarity(text(a), text(b)), 0.5 if a[0] == b[0] else 0.0)

        ops = align(old_notes, new_notes, text, similarity, 0.3)
        for op in ops:
            if op.old is not None and op.new is not None:
                self.note_map[(kind, op.old[0])] = op.new[0]
        for op in ops:
            if op.new is None:
                continue
            if op.old is None:
                for block in paragraphs_of(op.new[1]):
                    self._insert_content(block, mark=False)
                continue
            self.writer.editor.touch(new.part)
            self.container(self._align_blocks(op.old[1], op.new[1]), new.id, op.new[2])

    @staticmethod
    def _note_containers(
        observed: Observed, story: Story | None, containers: list, kind: str
    ) -> list[tuple[str, list[Block], etree._Element]]:
        """Every ordinary note of the part, with its blocks (none for a note left empty)."""
        if story is None:
            return []
        blocks = {note_id: found for note_id, found in containers}
        out = []
        for note in observed.doc.package.xml(story.part).iter(w(kind)):
            if note.get(w("type")) in (None, "normal"):
                note_id = note.get(w("id"), "")
                out.append((note_id, blocks.get(note_id, []), note))
        return out

    # -- alignment -----------------------------------------------------------------------------------
    def _align_blocks(self, old: list[Block], new: list[Block]) -> list[Op[Block]]:
        return align(old, new, _block_key, _block_similarity, _PARAGRAPH_SIMILARITY)

    def _find_moves(self, ops: list[Op[Block]]) -> None:
        """Paragraphs deleted in one place and inserted unchanged in another become a move."""
        gone: dict[str, list[Op[Block]]] = {}
        for op in _paragraph_ops(ops, "del"):
            text = op.old.facts.base
            if len(text.strip()) >= _MOVE_MIN_CHARS:
                gone.setdefault(text, []).append(op)
        if not gone:
            return
        for op in _paragraph_ops(ops, "ins"):
            block = op.new
            if block.facts.revised:
                continue
            candidates = gone.get(block.facts.base)
            if candidates:
                source = candidates.pop(0)
                self._moves += 1
                name = f"move{self._moves}"
                self._move_sources[name] = source.old
                source.kind, source.move = "from", name
                op.kind, op.move = "to", name

    # -- containers ------------------------------------------------------------------------------------
    def container(self, ops: list[Op[Block]], story: str, fallback: etree._Element | None) -> None:
        cursor = _Cursor(fallback)
        marks: list[tuple[etree._Element, str] | None] = []  # paragraph and its mark state; None: a table
        for op in ops:
            old, new = op.old, op.new
            if isinstance(new, TBlock) or isinstance(old, TBlock):
                self._table_op(op, cursor, story)
                marks.append(None)
                continue
            if op.kind in ("same", "pair"):
                p = self.new_el(new)
                cursor.at(p)
                self._pair(old, new, story)
                marks.append((p, "keep"))
            elif op.kind == "ins":
                p = self.new_el(new)
                cursor.at(p)
                self._insert_content(new, mark=True)
                marks.append((p, "ins"))
                self._record("inserted", story, new, None, "", new.facts.base)
            elif op.kind == "del":
                copied = self._copy_paragraph(old, W_DEL)
                cursor.put(copied)
                marks.append((copied, "del"))
                self._record("deleted", story, None, old, old.facts.base, "")
            elif op.kind == "from":
                copied = self._copy_paragraph(old, W_MOVEFROM, name=op.move)
                cursor.put(copied)
                marks.append((copied, "del"))
            elif op.kind == "to":
                p = self.new_el(new)
                cursor.at(p)
                self._move_to(new, op.move, story)
                marks.append((p, "ins"))
        cursor.close()
        self._settle_marks(marks)

    def _settle_marks(self, marks: list[tuple[etree._Element, str] | None]) -> None:
        """A paragraph mark cannot merge into a table or past the end of its container, so a run of
        inserted (or deleted) paragraphs at the end of a stretch would leave an empty paragraph behind
        when rejected (or accepted). As Word does, the mark before the run carries the change instead,
        and the last paragraph of the run takes over that paragraph's properties."""
        stretch: list[tuple[etree._Element, str]] = []
        for item in [*marks, None]:
            if item is not None:
                stretch.append(item)
                continue
            if stretch:
                self._settle_stretch(stretch)
            stretch = []

    def _settle_stretch(self, stretch: list[tuple[etree._Element, str]]) -> None:
        last_state = stretch[-1][1]
        if last_state == "keep":
            return
        n = len(stretch)
        k = n - 1
        while k >= 0 and stretch[k][1] == last_state:
            k -= 1
        if k < 0:
            return
        keeper, keeper_state = stretch[k]
        tail = stretch[-1][0]
        if keeper.find(f"{W_PPR}/{w('sectPr')}") is not None:
            return
        if last_state == "del" and keeper_state in ("keep", "ins"):
            old_ppr, old_mark = base_ppr(tail), base_mark_rpr(tail)
            set_mark(keeper, W_DEL, self.make)
            for tag in (W_DEL, W_MOVEFROM):
                clear_mark(tail, tag)
            replace_base_ppr(tail, current_ppr(keeper))
            if element_key(old_ppr) != element_key(base_ppr(tail)):
                ppr_change(tail, old_ppr, self.make)
            _set_mark_rpr(tail, current_mark_rpr(keeper))
            if element_key(old_mark) != element_key(current_mark_rpr(keeper)):
                self._mark_rpr_change(tail, old_mark)
        elif last_state == "ins" and keeper_state in ("keep", "del"):
            old_ppr, old_mark = base_ppr(keeper), base_mark_rpr(keeper)
            set_mark(keeper, W_INS, self.make)
            for tag in (W_INS, W_MOVETO):
                clear_mark(tail, tag)
            if element_key(old_ppr) != element_key(base_ppr(tail)):
                ppr_change(tail, old_ppr, self.make)
            if element_key(old_mark) != element_key(base_mark_rpr(tail)):
                self._mark_rpr_change(tail, old_mark)

    # -- paragraphs ------------------------------------------------------------------------------------
    def _pair(self, old: PBlock, new: PBlock, story: str) -> None:
        if old.facts.fingerprint == new.facts.fingerprint and old.facts.base == new.facts.base:
            return
        op_el, np_el = self.old_el(old), self.new_el(new)
        ob, nb = self.read_old(op_el), self.read_new(np_el)
        text_changed, spans, formatted = self._diff_runs(ob, nb, np_el)
        formatted |= self._diff_ppr(op_el, np_el)
        if text_changed:
            self._record("changed", story, new, old, old.facts.base, new.facts.base, spans)
        elif formatted:
            self._record("formatting", story, new, old, old.facts.base, new.facts.base)

    def _diff_runs(
        self, ob: BaseParagraph, nb: BaseParagraph, p: etree._Element
    ) -> tuple[bool, list[tuple[int, int]], bool]:
        """Mark the word and run-formatting changes of one paragraph pair; returns whether text
        changed, NEW's inserted spans, and whether formatting changed."""
        old_tokens = _spans(ob, self.granularity)
        new_tokens = _spans(nb, self.granularity)
        matcher = SequenceMatcher(
            None, [t[2] for t in old_tokens], [t[2] for t in new_tokens], autojunk=False
        )
        actions: list[tuple[int, int, int, int, str]] = []  # (new lo, new hi, old lo, old hi, kind)
        boxes: list[tuple[etree._Element, etree._Element]] = []  # text boxes of objects that match
        opcodes = _absorb_gaps(matcher.get_opcodes(), old_tokens, new_tokens)
        for tag, i1, i2, j1, j2 in opcodes:
            olo = old_tokens[i1][0] if i1 < len(old_tokens) else len(ob.text)
            ohi = old_tokens[i2 - 1][1] if i2 > i1 else olo
            nlo = new_tokens[j1][0] if j1 < len(new_tokens) else len(nb.text)
            nhi = new_tokens[j2 - 1][1] if j2 > j1 else nlo
            if tag == "equal":
                actions.extend(_format_spans(ob, nb, olo, nlo, ohi - olo))
                boxes.extend(_text_boxes(ob, nb, olo, nlo, ohi - olo))
            else:
                actions.append((nlo, nhi, olo, ohi, "text"))
        changed = any(a[4] == "text" for a in actions)
        formatted = any(a[4] == "format" for a in actions)
        spans = [(a[0], a[1]) for a in actions if a[4] == "text" and a[1] > a[0]]
        reader = self._new_reader()
        for nlo, nhi, olo, ohi, kind in sorted(actions, key=lambda a: (a[0], a[1]), reverse=True):
            if kind == "format":
                old_run = ob.textmap.locate(olo)[0].run
                old_rpr = base_rpr(old_run) if old_run.tag == W_R else None
                if old_rpr is not None:
                    self.adopter.adopt(old_rpr, self._old_part, self._new_part)
                for run in isolate(p, nlo, nhi, reader):
                    if run.tag == W_R:
                        run_rpr_change(run, old_rpr, self.make)
                continue
            runs = isolate(p, nlo, nhi, reader) if nhi > nlo else []
            if ohi > olo:
                wrapper = self.make(W_DEL)
                for copied in self._copy_pieces(ob, olo, ohi, W_DEL):
                    wrapper.append(copied)
                if runs:
                    place_before(runs[0], [wrapper], self.next_id)
                else:
                    self._place_at(p, nlo, wrapper, reader)
            if runs:
                wrap_existing(runs, W_INS, self.make, self.next_id)
        merge_equation_replacements(p)
        for old_box, new_box in boxes:
            before = self.writer.revision_count
            ops = self._align_blocks(
                container_blocks(old_box, "textbox"), container_blocks(new_box, "textbox")
            )
            self.container(ops, "textbox", new_box)
            changed |= self.writer.revision_count != before
        return changed, spans, formatted

    def _new_reader(self) -> Callable[[etree._Element], object]:
        key = self._key_for(self.new, self._new_part, False)
        return lambda el: read_base(el, key).textmap

    def _place_at(self, p: etree._Element, offset: int, wrapper: etree._Element, reader: Callable) -> None:
        split_at(p, offset, reader)
        tm = reader(p)
        if offset < len(tm):
            place_before(tm.locate(offset)[0].run, [wrapper], self.next_id)
        elif tm.pieces:
            place_after(tm.pieces[-1].run, [wrapper], self.next_id)
        else:
            runs = content_runs(p)
            if runs:
                place_after(runs[-1], [wrapper], self.next_id)
            else:
                p.append(wrapper)

    def _diff_ppr(self, op_el: etree._Element, np_el: etree._Element) -> bool:
        """Paragraph and mark formatting: w:pPrChange and the mark's w:rPrChange."""
        changed = False
        old_ppr, new_ppr = base_ppr(op_el), base_ppr(np_el)
        if element_key(old_ppr) != element_key(new_ppr):
            self.adopter.adopt(old_ppr, self._old_part, self._new_part)
            if element_key(old_ppr) != element_key(new_ppr):
                changed |= ppr_change(np_el, old_ppr, self.make)
        old_mark, new_mark = base_mark_rpr(op_el), base_mark_rpr(np_el)
        if element_key(old_mark) != element_key(new_mark):
            if old_mark is not None:
                self.adopter.adopt(old_mark, self._old_part, self._new_part)
            if element_key(old_mark) != element_key(new_mark):
                changed |= self._mark_rpr_change(np_el, old_mark)
        return changed

    def _mark_rpr_change(self, p: etree._Element, old: etree._Element | None) -> bool:
        return rpr_change(mark_rpr(p), old, self.make)

    def _insert_content(self, block: PBlock, mark: bool) -> None:
        p = self.new_el(block)
        runs = [r for r in content_runs(p) if not _only_comment_reference(r)]
        wrap_existing(runs, W_INS, self.make, self.next_id)
        if mark:
            set_mark(p, W_INS, self.make)

    def _move_to(self, block: PBlock, name: str, story: str) -> None:
        p = self.new_el(block)
        old = self._move_sources.get(name)
        if old is not None:
            op_el = self.old_el(old)
            self._diff_runs(self.read_old(op_el), self.read_new(p), p)
            self._diff_ppr(op_el, p)
        runs = [r for r in content_runs(p) if not _only_comment_reference(r)]
        wrap_existing(runs, W_MOVETO, self.make, self.next_id)
        set_mark(p, W_MOVETO, self.make)
        range_id = self.next_id()
        author, date = self.writer.author, self.writer.date
        ppr = p.find(W_PPR)
        start = move_range("moveTo", "Start", range_id, name, author, date)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(move_range("moveTo", "End", range_id, name, author, date))
        self._record("moved", story, block, old, block.facts.base, block.facts.base)

    def _copy_paragraph(self, block: PBlock, tag: str, name: str | None = None) -> etree._Element:
        """OLD's paragraph, as deleted (or moved away) text with its own properties."""
        op_el = self.old_el(block)
        ob = self.read_old(op_el)
        p = etree.Element(W_P)
        ppr = base_ppr(op_el)
        mark = base_mark_rpr(op_el)
        if mark is not None and len(mark):
            ppr.append(mark)
        if len(ppr):
            p.append(self.adopter.adopt(ppr, self._old_part, self._new_part))
        set_mark(p, tag, self.make)
        wrapper = self.make(tag)
        for copied in self._copy_pieces(ob, 0, len(ob.text), tag):
            wrapper.append(copied)
        if name is not None:
            range_id = self.next_id()
            author, date = self.writer.author, self.writer.date
            p.append(move_range("moveFrom", "Start", range_id, name, author, date))
            if len(wrapper):
                p.append(wrapper)
            p.append(move_range("moveFrom", "End", range_id, name, author, date))
        elif len(wrapper):
            p.append(wrapper)
        return p

    def _copy_pieces(self, ob: BaseParagraph, start: int, end: int, tag: str) -> list[etree._Element]:
        """OLD's runs for [start, end) of its base text, rebuilt as deleted (or moved-away) runs."""
        deleting = tag == W_DEL
        out: list[etree._Element] = []
        current: etree._Element | None = None
        source: etree._Element | None = None
        for piece_slice in ob.textmap.slices(start, end):
            piece = piece_slice.piece
            holder = piece.run
            if holder.tag != W_R:  # a math object: copied whole
                adopted = self._adopt(_as_removed(copy.deepcopy(holder), self, deleting))
                if adopted is not None:
                    out.append(adopted)
                source = None
                continue
            if holder is not source:
                source = holder
                current = etree.Element(W_R)
                rpr = base_rpr(holder)
                if rpr is not None and len(rpr):
                    current.append(self.adopter.adopt(rpr, self._old_part, self._new_part))
                out.append(current)
            node = piece.node
            if node.tag in (W_T, W_DELTEXT):
                text_node = etree.SubElement(current, W_DELTEXT if deleting else W_T)
                set_text(text_node, piece_slice.text)
            elif node.tag in (W_INSTRTEXT, W_DELINSTRTEXT):
                instr = etree.SubElement(current, W_DELINSTRTEXT if deleting else W_INSTRTEXT)
                set_text(instr, node.text or "")
            else:
                adopted = self._adopt(_as_removed(copy.deepcopy(node), self, deleting))
                if adopted is not None:
                    current.append(adopted)
        return out

    def _adopt(self, el: etree._Element) -> etree._Element | None:
        return self.adopter.adopt(el, self._old_part, self._new_part)

    def _deleted_paragraph(self, p: etree._Element) -> None:
        """Rebuild a paragraph of a copied row, table or note (already in its base view) as deleted."""
        ob = self.read_old(p)
        ppr = p.find(W_PPR)
        wrapper = self.make(W_DEL)
        for copied in self._copy_pieces(ob, 0, len(ob.text), W_DEL):
            wrapper.append(copied)
        for child in list(p):
            if child is not ppr:
                p.remove(child)
        if ppr is not None:
            self.adopter.adopt(ppr, self._old_part, self._new_part)
        if len(wrapper):
            p.append(wrapper)

    def _deleted_copy(self, el: etree._Element) -> etree._Element:
        """A deep copy of an OLD row or table in its base view, every paragraph in it deleted."""
        clone = copy.deepcopy(el)
        reject_all(clone)
        for p in [p for p in clone.iter(W_P) if _direct_paragraph(p, clone)]:
            self._deleted_paragraph(p)
        for props in list(clone.iter(_TABLE_PROPERTIES)):  # table styles, in the table, rows and cells
            self._adopt(props)
        return clone

    # -- tables --------------------------------------------------------------------------------------
    def _table_op(self, op: Op[Block], cursor: _Cursor, story: str) -> None:
        old, new = op.old, op.new
        if isinstance(old, TBlock) and isinstance(new, TBlock):
            tbl = table_element(row_element(new.rows[0], self.new_el(new.rows[0].anchor)))
            cursor.at(tbl)
            self._rows(old, new, story)
            return
        if isinstance(new, TBlock):
            tbl = table_element(row_element(new.rows[0], self.new_el(new.rows[0].anchor)))
            cursor.at(tbl)
            for row in new.rows:
                self._insert_row(row, story)
            if old is not None:  # a paragraph paired with a table: the paragraph goes
                cursor.put(self._copy_paragraph(old, W_DEL))
            return
        if isinstance(old, TBlock):
            source = table_element(row_element(old.rows[0], self.old_el(old.rows[0].anchor)))
            copied = self._deleted_copy(source)
            for tr in copied.findall(W_TR):
                mark_row(tr, W_DEL, self.make)
            cursor.put(copied)
            self._record("deleted", story, None, old.rows[0].anchor, _table_text(old), "")
            if new is not None:
                p = self.new_el(new)
                cursor.at(p)
                self._insert_content(new, mark=True)

    def _rows(self, old: TBlock, new: TBlock, story: str) -> None:
        ops = align(old.rows, new.rows, lambda r: r.key, _row_similarity, 0.3)
        cursor = _Cursor()
        for op in ops:
            if op.old is not None and op.new is not None and len(op.old.cells) == len(op.new.cells):
                tr = row_element(op.new, self.new_el(op.new.anchor))
                cursor.at(tr)
                cells = tr.findall(W_TC)
                for k, (oc, nc) in enumerate(zip(op.old.cells, op.new.cells, strict=True)):
                    fallback = cells[k] if k < len(cells) else None
                    self.container(self._align_blocks(oc.blocks, nc.blocks), story, fallback)
                continue
            if op.old is not None:
                source = row_element(op.old, self.old_el(op.old.anchor))
                copied = self._deleted_copy(source)
                mark_row(copied, W_DEL, self.make)
                cursor.put(copied)
                self._record("deleted", story, None, op.old.anchor, _row_text(op.old), "")
            if op.new is not None:
                tr = row_element(op.new, self.new_el(op.new.anchor))
                cursor.at(tr)
                self._insert_row(op.new, story)
        cursor.close()

    def _insert_row(self, row: Row, story: str) -> None:
        tr = row_element(row, self.new_el(row.anchor))
        mark_row(tr, W_INS, self.make)
        for cell in row.cells:
            for block in paragraphs_of(cell.blocks):
                self._insert_content(block, mark=False)
        self._record("inserted", story, row.anchor, None, "", _row_text(row))

    # -- notes ---------------------------------------------------------------------------------------
    def _note_ref(self, kind: str, old_id: str) -> str | None:
        """The note a copied (deleted or moved-away) reference of OLD points to: a copy of OLD's note,
        its text deleted too. Never NEW's note, even when the two were compared in place: NEW's own
        reference to that note is in NEW, and a note has one reference."""
        made = self._note_copies.get((kind, old_id))
        if made is not None:
            return made
        old_names = self.old.doc.package.related(self.old.doc.main_part, kind + "s")
        if not old_names:
            return None
        old_part = old_names[0]
        old_root = self.old.doc.package.xml(old_part)
        note = next((n for n in old_root.iter(w(kind)) if n.get(w("id")) == old_id), None)
        if note is None:
            return None
        new_part, new_root = self._notes_part(kind, old_root)
        ids = [
            int(n.get(w("id"), "0"))
            for n in new_root.iter(w(kind))
            if n.get(w("id"), "").lstrip("-").isdigit()
        ]
        new_id = str(max(ids, default=0) + 1)
        self._note_copies[(kind, old_id)] = new_id
        saved = (self._old_part, self._new_part)
        self._old_part, self._new_part = old_part, new_part
        copied = self._deleted_copy(note)
        self._old_part, self._new_part = saved
        copied.set(w("id"), new_id)
        new_root.append(copied)
        return new_id

    def _order_notes(self, kind: str) -> None:
        """Notes in the order the body refers to them. Word finds a note by its id, but LibreOffice
        takes them in the order of the part, so a note copied from OLD goes where its reference is."""
        name = self.writer.editor.related(self.new.doc.main_part, kind + "s")
        if name is None:
            return
        main = self.new.doc.main_part
        store = self.new.doc.streamed.get(main)
        if store is not None:
            data = b"".join(bytes(chunk) for chunk in store.chunks())
        else:
            data = etree.tostring(self.writer.editor.xml(main))
        order = {}
        for found in re.finditer(rb"%sReference\b[^>]*?\bw:id=\"(-?\d+)\"" % kind.encode(), data):
            order.setdefault(found.group(1).decode(), len(order))
        root = self.writer.editor.xml(name)
        notes = [n for n in root if n.tag == w(kind)]
        fixed = [n for n in notes if n.get(w("type")) not in (None, "normal")]
        normal = sorted(
            (n for n in notes if n not in fixed), key=lambda n: order.get(n.get(w("id")), len(order))
        )
        for note in notes:
            root.remove(note)
        for note in [*fixed, *normal]:
            root.append(note)

    def _notes_part(self, kind: str, old_root: etree._Element) -> tuple[str, etree._Element]:
        """NEW's notes part for `kind`, created (with OLD's separator notes) when NEW has none."""
        editor, main = self.writer.editor, self.new.doc.main_part
        found = editor.related(main, kind + "s")
        if found is not None:
            return found, editor.touch(found) if self.new.doc.package.has(found) else editor.xml(found)
        root = etree.Element(old_root.tag, nsmap=old_root.nsmap)
        for note in old_root.iter(w(kind)):
            if note.get(w("type")) not in (None, "normal"):
                root.append(copy.deepcopy(note))
        name = f"word/{kind}s.xml"
        editor.add_part(name, root, _CT_WML + f"{kind}s+xml", main, _REL_OFFICE + f"{kind}s")
        return name, root

    # -- report --------------------------------------------------------------------------------------
    def _record(
        self,
        kind: str,
        story: str,
        new: PBlock | None,
        old: PBlock | None,
        old_text: str,
        new_text: str,
        spans: list[tuple[int, int]] | None = None,
    ) -> None:
        label = None
        for block in (new, old):
            if block is not None and block.para.label:
                label = block.para.label
                break
        self.changes.append(
            Change(
                kind,
                story,
                new.para.index if new is not None else None,
                old.para.index if old is not None else None,
                label,
                old_text,
                new_text,
                spans or [],
                bool(new is not None and new.facts.revised),
            )
        )


# -- helpers ------------------------------------------------------------------------------------------


def _block_key(block: Block) -> str:
    return block.key


def _block_similarity(a: Block, b: Block) -> float:
    if isinstance(a, PBlock) and isinstance(b, PBlock):
        if not a.facts.base.strip() or not b.facts.base.strip():
            # An empty paragraph opposite one with text is the same paragraph emptied or filled:
            # pairing them keeps its mark, which cannot always be inserted or deleted cleanly.
            return _PARAGRAPH_SIMILARITY
        return text_similarity(a.facts.base, b.facts.base)
    if isinstance(a, TBlock) and isinstance(b, TBlock):
        return max(0.5, text_similarity(a.key[:2000], b.key[:2000]))
    return 0.0


def _row_similarity(a: Row, b: Row) -> float:
    if len(a.cells) != len(b.cells):
        return 0.0
    return text_similarity(a.key, b.key)


def _row_text(row: Row) -> str:
    return " | ".join(b.facts.base for c in row.cells for b in paragraphs_of(c.blocks))


def _table_text(table: TBlock) -> str:
    return "\n".join(_row_text(r) for r in table.rows)


def _paragraph_ops(ops: list[Op[Block]], kind: str):
    for op in ops:
        block = op.old if kind == "del" else op.new
        if op.kind == kind and isinstance(block, PBlock):
            yield op


def _spans(bp: BaseParagraph, granularity: str) -> list[tuple[int, int, str]]:
    """Tokens of a paragraph as (start, end, comparison key); an object's key says what it is."""
    out = []
    pos = 0
    for token in tokens(bp.text, granularity):
        end = pos + len(token)
        if token == OBJECT:
            out.append((pos, end, OBJECT + bp.keys[pos]))
        else:
            out.append((pos, end, token))
        pos = end
    return out


def _absorb_gaps(opcodes: list, old_tokens: list, new_tokens: list) -> list:
    """A single white-space token left equal between two changes joins them (one change reads better
    than two separated by a space), and changes that then touch become one."""
    out: list = []
    last = len(opcodes) - 1
    for k, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        gap = (
            tag == "equal"
            and 0 < k < last
            and i2 - i1 == 1
            and old_tokens[i1][2].isspace()
            and opcodes[k + 1][0] != "equal"
        )
        if out and out[-1][0] != "equal" and (gap or tag != "equal"):
            prev = out.pop()
            out.append(("replace", prev[1], i2, prev[3], j2))
            continue
        out.append((tag, i1, i2, j1, j2))
    return out


def _format_spans(
    ob: BaseParagraph, nb: BaseParagraph, olo: int, nlo: int, length: int
) -> list[tuple[int, int, int, int, str]]:
    """Stretches of equal text whose run formatting differs, split where either side's formatting
    changes, as (new lo, new hi, old lo, old hi, "format")."""
    out = []
    k = 0
    while k < length:
        if ob.formats[olo + k] == nb.formats[nlo + k]:
            k += 1
            continue
        start = k
        old_fmt, new_fmt = ob.formats[olo + k], nb.formats[nlo + k]
        while k < length and ob.formats[olo + k] == old_fmt and nb.formats[nlo + k] == new_fmt:
            k += 1
        out.append((nlo + start, nlo + k, olo + start, olo + k, "format"))
    return out


def _text_boxes(
    ob: BaseParagraph, nb: BaseParagraph, olo: int, nlo: int, length: int
) -> list[tuple[etree._Element, etree._Element]]:
    """The text boxes of objects matched in an equal stretch, paired in order: the DrawingML box and
    its VML fallback copy alike, so every reader sees the same change."""
    pairs = []
    for k in range(length):
        if nb.keys[nlo + k] and ob.text[olo + k] == OBJECT:
            old_node = ob.textmap.locate(olo + k)[0].node
            new_node = nb.textmap.locate(nlo + k)[0].node
            pairs.extend(zip(old_node.iter(W_TXBXCONTENT), new_node.iter(W_TXBXCONTENT), strict=False))
    return pairs


def _only_comment_reference(run: etree._Element) -> bool:
    children = [c for c in run if c.tag != W_RPR]
    return bool(children) and all(c.tag == _W_COMMENTREF for c in children)


def _as_removed(el: etree._Element, emitter: Emitter, deleting: bool) -> etree._Element:
    """Text inside a copied object (a text box's paragraphs) is deleted too, so no w:t sits under w:del."""
    if not deleting:
        return el
    for run in list(el.iter(W_R)):
        if run.getparent() is not None and run.getparent().tag not in (W_DEL,):
            for node in run.iter(W_T, W_INSTRTEXT):
                node.tag = W_DELTEXT if node.tag == W_T else W_DELINSTRTEXT
            wrapper = emitter.make(W_DEL)
            run.addprevious(wrapper)
            wrapper.append(run)
    return el


def _direct_paragraph(p: etree._Element, root: etree._Element) -> bool:
    """A paragraph of the copied block itself, not one inside a text box of it."""
    anc = p.getparent()
    while anc is not None and anc is not root:
        if anc.tag in (w("txbxContent"), W_P):
            return False
        anc = anc.getparent()
    return True


def _set_mark_rpr(p: etree._Element, rpr: etree._Element | None) -> None:
    target = mark_rpr(p)
    markers = [c for c in target if c.tag in (W_INS, W_DEL, W_MOVEFROM, W_MOVETO)]
    for child in list(target):
        target.remove(child)
    for marker in markers:
        target.append(marker)
    for child in rpr if rpr is not None else ():
        target.append(copy.deepcopy(child))
    if len(target) == 0:
        target.getparent().remove(target)
