"""Write Word comments: comments.xml plus the parts modern Word reads beside it.

commentsExtended (paraId, done state), commentsIds (durable ids) and people (the author) are what Word
2013+ uses to thread and attribute comments; the styles the reference runs name are added when missing.
Existing comments keep their ids and anchors: we only append.
"""

from __future__ import annotations

import hashlib

from lxml import etree

from draft_agreement.ooxml import W14_NS, W15_NS, W16CID_NS, W_NS, w
from draft_agreement.redlining.parts import PartEditor

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_REL_MS = "http://schemas.microsoft.com/office/2011/relationships/"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_CT_MS = "application/vnd.ms-word."

_PARTS = {
    "comments": ("word/comments.xml", _CT + "comments+xml", _REL + "comments", "comments", W_NS, "w"),
    "commentsExtended": (
        "word/commentsExtended.xml",
        _CT + "commentsExtended+xml",
        _REL_MS + "commentsExtended",
        "commentsEx",
        W15_NS,
        "w15",
    ),
    "commentsIds": (
        "word/commentsIds.xml",
        _CT + "commentsIds+xml",
        "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
        "commentsIds",
        W16CID_NS,
        "w16cid",
    ),
    "people": ("word/people.xml", _CT + "people+xml", _REL_MS + "people", "people", W15_NS, "w15"),
}
_STYLES = {
    "CommentText": (
        "paragraph",
        "annotation text",
        '<w:pPr/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>',
    ),
    "CommentReference": (
        "character",
        "annotation reference",
        '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>',
    ),
}
_NSMAP = {"w": W_NS, "w14": W14_NS, "w15": W15_NS, "w16cid": W16CID_NS}


def _hex_id(seed: str, bits: int = 31) -> str:
    """A stable 8-hex-digit id below 0x80000000 (Word's limit for paraId), derived from `seed`."""
    value = int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:4], "big") & ((1 << bits) - 1)
    return f"{max(value, 1):08X}"


class CommentWriter:
    """Appends comments by one author; the body anchors are placed by the caller."""

    def __init__(self, editor: PartEditor, author: str, initials: str, date: str) -> None:
        self.editor = editor
        self.author = author
        self.initials = initials
        self.date = date
        self._roots: dict[str, etree._Element] = {}

    def _part(self, key: str) -> etree._Element:
        root = self._roots.get(key)
        if root is not None:
            return root
        name, content_type, rel_type, root_tag, ns, prefix = _PARTS[key]
        main = self.editor.package.main_part
        existing = self.editor.related(main, rel_type.rsplit("/", 1)[1])
        if existing is not None and self.editor.has(existing):
            root = self.editor.touch(existing)
        else:
            root = etree.Element(f"{{{ns}}}{root_tag}", nsmap={prefix: ns, "w": W_NS, "w14": W14_NS})
            self.editor.add_part(name, root, content_type, main, rel_type)
        self._roots[key] = root
        return root

    def add(self, comment_id: str, text: str) -> None:
        """Add comment `comment_id` with `text` (paragraphs separated by newlines)."""
        comments = self._part("comments")
        comment = etree.SubElement(comments, w("comment"))
        comment.set(w("id"), comment_id)
        comment.set(w("author"), self.author)
        comment.set(w("date"), self.date)
        comment.set(w("initials"), self.initials)
        para_id = ""
        lines = text.split("\n") or [""]
        for i, line in enumerate(lines):
            para_id = _hex_id(f"{comment_id}:{i}:{self.date}:{line}")
            p = etree.SubElement(comment, w("p"))
            p.set(f"{{{W14_NS}}}paraId", para_id)
            p.set(f"{{{W14_NS}}}textId", "77777777")
            ppr = etree.SubElement(p, w("pPr"))
            etree.SubElement(ppr, w("pStyle")).set(w("val"), "CommentText")
            if i == 0:
                ref = etree.SubElement(p, w("r"))
                rpr = etree.SubElement(ref, w("rPr"))
                etree.SubElement(rpr, w("rStyle")).set(w("val"), "CommentReference")
                etree.SubElement(ref, w("annotationRef"))
            run = etree.SubElement(p, w("r"))
            t = etree.SubElement(run, w("t"))
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        ex = etree.SubElement(self._part("commentsExtended"), f"{{{W15_NS}}}commentEx")
        ex.set(f"{{{W15_NS}}}paraId", para_id)
        ex.set(f"{{{W15_NS}}}done", "0")
        cid = etree.SubElement(self._part("commentsIds"), f"{{{W16CID_NS}}}commentId")
        cid.set(f"{{{W16CID_NS}}}paraId", para_id)
        cid.set(f"{{{W16CID_NS}}}durableId", _hex_id(f"durable:{para_id}"))
        self._ensure_person()

    def _ensure_person(self) -> None:
        people = self._part("people")
        for person in people.iter(f"{{{W15_NS}}}person"):
            if person.get(f"{{{W15_NS}}}author") == self.author:
                return
        person = etree.SubElement(people, f"{{{W15_NS}}}person")
        person.set(f"{{{W15_NS}}}author", self.author)
        presence = etree.SubElement(person, f"{{{W15_NS}}}presenceInfo")
        presence.set(f"{{{W15_NS}}}providerId", "None")
        presence.set(f"{{{W15_NS}}}userId", self.author)

    def ensure_styles(self) -> None:
        """Define the comment styles the reference runs name, if the document lacks them."""
        styles_name = self.editor.related(self.editor.package.main_part, "styles")
        if styles_name is None or not self.editor.has(styles_name):
            return
        styles = self.editor.xml(styles_name)
        have = {s.get(w("styleId")) for s in styles.iter(w("style"))}
        missing = [sid for sid in _STYLES if sid not in have]
        if not missing:
            return
        styles = self.editor.touch(styles_name)
        for sid in missing:
            kind, name, props = _STYLES[sid]
            style = etree.fromstring(
                f'<w:style xmlns:w="{W_NS}" w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>'
                f'<w:basedOn w:val="{"Normal" if kind == "paragraph" else "DefaultParagraphFont"}"/>'
                f'<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>{props}</w:style>'
            )
            styles.append(style)


def reference_run(comment_id: str) -> etree._Element:
    """The body run that shows the comment mark; it follows the range end."""
    run = etree.Element(w("r"))
    rpr = etree.SubElement(run, w("rPr"))
    etree.SubElement(rpr, w("rStyle")).set(w("val"), "CommentReference")
    etree.SubElement(run, w("commentReference")).set(w("id"), comment_id)
    return run


def range_marker(kind: str, comment_id: str) -> etree._Element:
    """w:commentRangeStart or w:commentRangeEnd for `comment_id`."""
    marker = etree.Element(w(f"commentRange{kind}"))
    marker.set(w("id"), comment_id)
    return marker
