"""The review memo as a Word file, built with python-docx in the memo's language and script."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from draft_agreement.memo.content import Memo

_EAST_ASIAN = {"zh-Hant": ("PMingLiU", "zh-TW"), "zh": ("SimSun", "zh-CN")}
_STYLE = {"item": "List Bullet", "subitem": "List Bullet 2", "para": None, "note": None}


def render_memo_docx(memo: Memo) -> bytes:
    """The .docx bytes of `memo`: headings, bullet items, and each cited article as a quote."""
    document = Document()
    document.core_properties.title = memo.title
    document.core_properties.language = memo.script
    font, lang = _EAST_ASIAN.get(memo.script, _EAST_ASIAN["zh"] if memo.lang == "zh" else ("", ""))
    if font:
        rpr = document.styles["Normal"].element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), font)
        lang_el = rpr.find(qn("w:lang"))
        if lang_el is None:
            lang_el = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang_el)
        lang_el.set(qn("w:eastAsia"), lang)
    for block in memo.blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=1)
        elif block.kind == "subheading":
            document.add_heading(block.text, level=2)
        elif block.basis is not None:
            document.add_paragraph(style="List Bullet").add_run(block.text).bold = True
            for line in block.basis.quote.split("\n"):
                document.add_paragraph(line, style="Quote")
        else:
            paragraph = document.add_paragraph(block.text, style=_STYLE.get(block.kind))
            if block.kind == "note":
                for run in paragraph.runs:
                    run.italic = True
                    run.font.size = Pt(10)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
