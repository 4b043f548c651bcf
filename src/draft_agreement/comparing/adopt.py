"""Make content copied from OLD valid inside NEW's package.

Deleted text comes from the old file, and what it refers to lives in the old package: styles, list
definitions, images and other related parts, note bodies. Rejecting the changes must show it as it was,
so each reference is carried over: a style or list missing from NEW is added (a list that differs gets
ids of its own, so no list of NEW is renumbered), a related part is copied unless NEW holds the same
bytes, drawing ids are made unique, and note references point at the note the copy needs.
"""

from __future__ import annotations

import copy
import posixpath
import re
from collections.abc import Callable

from lxml import etree

from draft_agreement.model.document import Document
from draft_agreement.ooxml import R_NS, W_NS, w
from draft_agreement.redlining.parts import PartEditor, rels_name

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_W_VAL = w("val")
_STYLE_REFS = (w("pStyle"), w("rStyle"), w("tblStyle"))
_W_NUMID = w("numId")
_W_STYLE = w("style")
_W_STYLEID = w("styleId")
_W_NUM = w("num")
_W_ABSTRACTNUM = w("abstractNum")
_W_ABSTRACTNUMID = w("abstractNumId")
_W_NUMID_ATTR = w("numId")
_NOTE_REFS = (w("footnoteReference"), w("endnoteReference"))
_DOCPR = f"{{{WP_NS}}}docPr"
_DROPPED = (
    w("commentRangeStart"),
    w("commentRangeEnd"),
    w("commentReference"),
    w("bookmarkStart"),
    w("bookmarkEnd"),
    w("permStart"),
    w("permEnd"),
    w("proofErr"),
)
_IDENTITY_ATTRS = (
    "{http://schemas.microsoft.com/office/word/2010/wordml}paraId",
    "{http://schemas.microsoft.com/office/word/2010/wordml}textId",
)
_STYLE_LINKS = (w("basedOn"), w("next"), w("link"))
_CT_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
_REL_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_DOCPR_ID = re.compile(rb"docPr\b[^>]*?\bid=\"(\d+)\"")

NoteRef = Callable[[str, str], str | None]  # (footnote|endnote, old id) -> the id in NEW, or None


class Adopter:
    def __init__(self, old: Document, new: Document, editor: PartEditor, note_ref: NoteRef) -> None:
        self.old = old
        self.new = new
        self.editor = editor
        self.note_ref = note_ref
        self._styles: dict[str, str] = {}
        self._nums: dict[str, str] = {}
        self._rels: dict[tuple[str, str, str], str] = {}
        self._parts: dict[str, str] = {}  # old part name -> its name in NEW
        self._next_docpr: int | None = None

    # -- entry point ---------------------------------------------------------------------------------
    def adopt(self, el: etree._Element, old_part: str, new_part: str) -> etree._Element | None:
        """Rewrite `el` (a copy of old content) in place so its references hold in NEW's `new_part`;
        None when `el` itself cannot be kept (a reference to a note NEW cannot hold)."""
        for node in list(el.iter()):
            tag = node.tag
            if not isinstance(tag, str):
                continue
            if tag in _DROPPED:
                if node is el:
                    return None
                node.getparent().remove(node)
                continue
            for attr in _IDENTITY_ATTRS:
                node.attrib.pop(attr, None)
            if tag in _STYLE_REFS:
                value = node.get(_W_VAL)
                if value:
                    node.set(_W_VAL, self._style(value))
            elif tag == _W_NUMID:
                value = node.get(_W_VAL)
                if value and value != "0":
                    node.set(_W_VAL, self._num(value))
            elif tag in _NOTE_REFS:
                kind = "footnote" if tag == _NOTE_REFS[0] else "endnote"
                mapped = self.note_ref(kind, node.get(w("id"), ""))
                if mapped is None:
                    if node is el:
                        return None
                    node.getparent().remove(node)
                    continue
                node.set(w("id"), mapped)
            elif tag == _DOCPR:
                node.set("id", str(self._docpr_id()))
            for name, value in list(node.attrib.items()):
                if name.startswith(f"{{{R_NS}}}"):
                    node.set(name, self._relationship(value, old_part, new_part))
        return el

    # -- styles ----------------------------------------------------------------------------------------
    def _styles_root(self, doc: Document, editor: PartEditor | None) -> etree._Element | None:
        names = doc.package.related(doc.main_part, "styles")
        if not names:
            return None
        return editor.xml(names[0]) if editor is not None else doc.package.xml(names[0])

    def _style(self, style_id: str) -> str:
        if style_id in self._styles:
            return self._styles[style_id]
        self._styles[style_id] = style_id
        new_root = self._styles_root(self.new, self.editor)
        old_root = self._styles_root(self.old, None)
        if new_root is None or old_root is None:
            return style_id
        if any(s.get(_W_STYLEID) == style_id for s in new_root.iter(_W_STYLE)):
            return style_id
        found = next((s for s in old_root.iter(_W_STYLE) if s.get(_W_STYLEID) == style_id), None)
        if found is None:
            return style_id
        self.editor.touch(self.new.package.related(self.new.main_part, "styles")[0]).append(
            copy.deepcopy(found)
        )
        for link in _STYLE_LINKS:
            target = found.find(link)
            if target is not None and target.get(_W_VAL):
                self._style(target.get(_W_VAL))
        return style_id

    # -- numbering -------------------------------------------------------------------------------------
    def _numbering(self, doc: Document) -> etree._Element | None:
        names = doc.package.related(doc.main_part, "numbering")
        return doc.package.xml(names[0]) if names else None

    def _new_numbering(self) -> etree._Element:
        names = self.new.package.related(self.new.main_part, "numbering")
        if names:
            return self.editor.touch(names[0])
        existing = self.editor.related(self.new.main_part, "numbering")
        if existing is not None:
            return self.editor.xml(existing)
        root = etree.Element(w("numbering"), nsmap={"w": W_NS})
        self.editor.add_part("word/numbering.xml", root, _CT_NUMBERING, self.new.main_part, _REL_NUMBERING)
        return root

    @staticmethod
    def _definition(root: etree._Element, num_id: str) -> tuple[str, etree._Element | None] | None:
        num = next((n for n in root.iter(_W_NUM) if n.get(_W_NUMID_ATTR) == num_id), None)
        if num is None:
            return None
        abstract_ref = num.find(_W_ABSTRACTNUMID)
        abstract_id = abstract_ref.get(_W_VAL) if abstract_ref is not None else None
        abstract = next(
            (a for a in root.iter(_W_ABSTRACTNUM) if a.get(_W_ABSTRACTNUMID) == abstract_id), None
        )
        parts = []
        if abstract is not None:
            clone = copy.deepcopy(abstract)
            clone.attrib.pop(_W_ABSTRACTNUMID, None)
            parts.append(etree.tostring(clone, method="c14n"))
        for child in num:
            if child.tag != _W_ABSTRACTNUMID:
                parts.append(etree.tostring(child, method="c14n"))
        return b"".join(parts).decode(), abstract

    def _num(self, num_id: str) -> str:
        if num_id in self._nums:
            return self._nums[num_id]
        self._nums[num_id] = num_id
        old_root = self._numbering(self.old)
        if old_root is None:
            return num_id
        old_def = self._definition(old_root, num_id)
        if old_def is None:
            return num_id
        new_root = self._numbering(self.new)
        new_def = self._definition(new_root, num_id) if new_root is not None else None
        if new_def is not None and new_def[0] == old_def[0]:
            return num_id
        target = self._new_numbering()
        used_nums = [
            int(n.get(_W_NUMID_ATTR, "0")) for n in target.iter(_W_NUM) if n.get(_W_NUMID_ATTR, "").isdigit()
        ]
        used_abs = [
            int(a.get(_W_ABSTRACTNUMID, "0"))
            for a in target.iter(_W_ABSTRACTNUM)
            if a.get(_W_ABSTRACTNUMID, "").isdigit()
        ]
        new_num = str(max(used_nums, default=0) + 1)
        new_abs = str(max(used_abs, default=-1) + 1)
        old_num = next(n for n in old_root.iter(_W_NUM) if n.get(_W_NUMID_ATTR) == num_id)
        if old_def[1] is not None:
            abstract = copy.deepcopy(old_def[1])
            abstract.set(_W_ABSTRACTNUMID, new_abs)
            last_abstract = None
            for a in target.iter(_W_ABSTRACTNUM):
                last_abstract = a
            if last_abstract is not None:
                last_abstract.addnext(abstract)
            else:
                target.insert(0, abstract)
        num = copy.deepcopy(old_num)
        num.set(_W_NUMID_ATTR, new_num)
        ref = num.find(_W_ABSTRACTNUMID)
        if ref is not None:
            ref.set(_W_VAL, new_abs)
        last_num = None
        for n in target.iter(_W_NUM):
            last_num = n
        if last_num is not None:
            last_num.addnext(num)
        else:
            target.append(num)
        self._nums[num_id] = new_num
        return new_num

    # -- related parts ---------------------------------------------------------------------------------
    def _relationship(self, rel_id: str, old_part: str, new_part: str) -> str:
        key = (rel_id, old_part, new_part)
        if key in self._rels:
            return self._rels[key]
        rel = next((r for r in self.old.package.rels(old_part) if r.id == rel_id), None)
        if rel is None:
            return rel_id
        if rel.external:
            made = self._relate(new_part, rel.type, rel.target, external=True)
        else:
            made = self._relate(new_part, rel.type, self._part(rel.target))
        self._rels[key] = made
        return made

    def _relate(self, source: str, rel_type: str, target: str, external: bool = False) -> str:
        for rel in self.new.package.rels(source):
            if rel.type == rel_type and rel.target == target and rel.external == external:
                return rel.id
        cache_key = ("", source, f"{rel_type}|{target}|{external}")
        if cache_key in self._rels:
            return self._rels[cache_key]
        made = self.editor.add_relationship(source, rel_type, target, external)
        self._rels[cache_key] = made
        return made

    def _part(self, name: str) -> str:
        """The name in NEW of old part `name`: NEW's own part if it holds the same bytes, else a copy."""
        if name in self._parts:
            return self._parts[name]
        data = self.old.package.read(name) if self.old.package.has(name) else b""
        target = name
        if self.new.package.has(name):
            if self.new.package.read(name) == data:
                self._parts[name] = name
                return name
            folder, leaf = posixpath.split(name)
            stem, ext = posixpath.splitext(leaf)
            n = 1
            while self.editor.has(posixpath.join(folder, f"{stem}-compared{n}{ext}")):
                n += 1
            target = posixpath.join(folder, f"{stem}-compared{n}{ext}")
        elif self.editor.has(name):
            self._parts[name] = name
            return name
        self._parts[name] = target
        self.editor.add_raw(target, data, self.old.package.content_type(name))
        # The copy's own relationships keep their relative targets; parts they need follow it.
        if self.old.package.has(rels_name(name)):
            self.editor.add_raw(rels_name(target), self.old.package.read(rels_name(name)), None)
            for rel in self.old.package.rels(name):
                if (
                    not rel.external
                    and not self.new.package.has(rel.target)
                    and not self.editor.has(rel.target)
                ):
                    self._part(rel.target)
        return target

    def _docpr_id(self) -> int:
        if self._next_docpr is None:
            highest = 0
            for name in self.new.package.names():
                if name.startswith("word/") and name.endswith(".xml"):
                    found = [int(v) for v in _DOCPR_ID.findall(self.new.package.read(name))]
                    highest = max([highest, *found])
            self._next_docpr = highest + 1
        value = self._next_docpr
        self._next_docpr += 1
        return value
