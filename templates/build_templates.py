# ruff: noqa: E501 - the legal prose is long literal strings (pyproject exempts samples/** for the same reason)
"""Generate the drafting templates (.docx with jinja2 tags, and the .txt message), byte for byte reproducibly.

The templates are ordinary Word files a lawyer can open and edit: jinja2 tags in docxtpl syntax sit in
the text (`{{ provider_name }}`), whole paragraphs are kept or dropped with `{%p if sensitive %}`, and
table rows repeat with `{%tr for c in categories %}`. This script is their source: edit the prose here
and rerun it, and commit the script with its outputs. Every date, id and zip timestamp is fixed, so two
runs give identical files. The manifests (variables, types, descriptions) are written by hand beside
each template; tests check that both agree.

Usage: python templates/build_templates.py [OUT_DIR]   (default: the folder holding this script)
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

FIXED_MOMENT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
AUTHOR = "draft-agreement templates"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
RT_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
BOX = "☐"  # an empty ballot box: consent is always ticked by the individual, never pre-ticked
LINE = "＿＿＿＿＿＿＿＿"
ZH_DATE_LINE = "＿＿＿＿年＿＿月＿＿日"
EN_DATE_LINE = "＿＿＿＿＿＿＿＿"
_BOLD = re.compile(r"(\*\*)")

# Abstract numbering ids well away from the ones python-docx's default template defines.
ARTICLE_LIST = 90
SECTION_LIST = 91
FONTS = {"zh": ("Times New Roman", "宋体", "黑体"), "en": ("Times New Roman", "宋体", "宋体")}
NUMBERING = {
    # (format, text) for level 0 and level 1; zh level 1 is legal style (1.1, not 一.1)
    ("zh", ARTICLE_LIST): (("chineseCounting", "第%1条"), ("decimal", "%1.%2")),
    ("en", ARTICLE_LIST): (("decimal", "%1."), ("decimal", "%1.%2")),
    ("zh", SECTION_LIST): (("chineseCounting", "%1、"), ("decimal", "（%2）")),
    ("en", SECTION_LIST): (("decimal", "%1."), ("lowerLetter", "(%2)")),
}


class Draft:
    """One template document: fixed styles, automatic numbering, and a small vocabulary of blocks."""

    def __init__(self, lang: str, title: str) -> None:
        self.lang = lang
        self.doc: DocxDocument = Document()
        self._drop_default_extras()
        self._set_up_page()
        self._set_up_styles()
        self._install_numbering()
        self._set_up_footer()
        self._core(title)
        self._first = True

    # -- blocks ------------------------------------------------------------------------------------
    def title(self, text: str) -> None:
        self._para(text, "DA Title")

    def para(self, text: str, *, center: bool = False, bold: bool = False) -> None:
        p = self._para(f"**{text}**" if bold else text, "DA Body")
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def tag(self, tag: str) -> None:
        """A paragraph that holds only a docxtpl paragraph tag ({%p if x %}); it vanishes on render."""
        self._para(tag, "DA Body")

    def section(self, text: str) -> None:
        self._numbered(text, "DA Heading", SECTION_LIST, 0)

    def item(self, text: str) -> None:
        self._numbered(text, "DA Body", SECTION_LIST, 1)

    def article(self, text: str) -> None:
        self._numbered(text, "DA Heading", ARTICLE_LIST, 0)

    def clause(self, text: str) -> None:
        self._numbered(text, "DA Body", ARTICLE_LIST, 1)

    def box(self, text: str) -> None:
        self._para(f"{BOX} {text}", "DA Box")

    def line(self, text: str) -> None:
        """A fill-in line (signature, date): kept together with the line before it."""
        self._para(text, "DA Line")

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]] = (),
        *,
        loops: Sequence[tuple[str, Sequence[str]]] = (),
        widths: Sequence[float] = (),
    ) -> None:
        """A bordered table: a header row, fixed rows, then rows repeated by {%tr for ... %} loops."""
        plan: list[tuple[Sequence[str], bool]] = [(header, True), *((r, False) for r in rows)]
        for loop, cells in loops:
            plan += [([f"{{%tr {loop} %}}"], False), (cells, False), (["{%tr endfor %}"], False)]
        table = self.doc.add_table(rows=0, cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cells, is_header in plan:
            row = table.add_row()
            if is_header:
                _repeat_header(row._tr)
            for index, cell in enumerate(row.cells):
                text = cells[index] if index < len(cells) else ""
                paragraph = cell.paragraphs[0]
                paragraph.style = self.doc.styles["DA Cell"]
                self._runs(paragraph, f"**{text}**" if is_header and text else text)
        for column, width in zip(table.columns, widths, strict=False):
            for cell in column.cells:
                cell.width = Cm(width)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _freeze(buffer.getvalue())

    # -- internals ---------------------------------------------------------------------------------
    def _para(self, markup: str, style: str) -> Paragraph:
        if self._first:
            paragraph = self.doc.paragraphs[0] if self.doc.paragraphs else self.doc.add_paragraph()
            self._first = False
        else:
            paragraph = self.doc.add_paragraph()
        paragraph.style = self.doc.styles[style]
        self._runs(paragraph, markup)
        return paragraph

    def _runs(self, paragraph: Paragraph, markup: str) -> None:
        bold = False
        for piece in _BOLD.split(markup):
            if piece == "**":
                bold = not bold
            elif piece:
                run = paragraph.add_run(piece)
                run.bold = bold or None

    def _numbered(self, text: str, style: str, num_id: int, level: int) -> None:
        paragraph = self._para(text, style)
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(level))
        num = OxmlElement("w:numId")
        num.set(qn("w:val"), str(num_id))
        num_pr.append(ilvl)
        num_pr.append(num)
        p_pr = paragraph._p.get_or_add_pPr()
        style_el = p_pr.find(qn("w:pStyle"))
        if style_el is not None:
            style_el.addnext(num_pr)
        else:
            p_pr.insert(0, num_pr)

    def _drop_default_extras(self) -> None:
        """stylesWithEffects upsets validators and the thumbnail shows python-docx's sample page."""
        part = self.doc.part
        for rid, rel in list(part.rels.items()):
            if rel.reltype == RT_STYLES_WITH_EFFECTS:
                part.drop_rel(rid)
        package = part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype == RT_THUMBNAIL:
                package.rels.pop(rid)

    def _set_up_page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.54)
        section.left_margin = section.right_margin = Cm(3.0)

    def _set_up_styles(self) -> None:
        latin, east_asian, heading_east_asian = FONTS[self.lang]
        styles = self.doc.styles
        normal = styles["Normal"]
        _fonts(normal.element, latin, east_asian)
        normal.font.size = Pt(11)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "zh-CN" if self.lang == "zh" else "en-GB")
        lang.set(qn("w:eastAsia"), "zh-CN")
        normal.element.get_or_add_rPr().append(lang)
        specs = {
            # name: (size, bold, alignment, space before, space after, east-asian font)
            "DA Title": (16, True, WD_ALIGN_PARAGRAPH.CENTER, 6, 18, heading_east_asian),
            "DA Heading": (12, True, None, 12, 6, heading_east_asian),
            "DA Body": (11, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, 6, east_asian),
            "DA Box": (11, False, None, 6, 6, east_asian),
            "DA Line": (11, False, None, 18, 6, east_asian),
            "DA Cell": (10.5, False, None, 0, 0, east_asian),
        }
        for name, (size, bold, align, before, after, east) in specs.items():
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = None
            style.quick_style = True
            _fonts(style.element, latin, east)
            style.font.size = Pt(size)
            style.font.bold = bold
            fmt = style.paragraph_format
            fmt.space_before, fmt.space_after = Pt(before), Pt(after)
            fmt.line_spacing = 1.25
            if align is not None:
                fmt.alignment = align
            if name in ("DA Title", "DA Heading"):
                fmt.keep_with_next = True
            if name == "DA Line":
                fmt.keep_together = True

    def _install_numbering(self) -> None:
        numbering = self.doc.part.numbering_part.element
        first_num = numbering.find(qn("w:num"))
        for list_id in (ARTICLE_LIST, SECTION_LIST):
            abstract = etree.SubElement(numbering, qn("w:abstractNum"))
            abstract.set(qn("w:abstractNumId"), str(list_id))
            nsid = etree.SubElement(abstract, qn("w:nsid"))
            nsid.set(qn("w:val"), f"{0x2D4A0000 + list_id:08X}")
            multi = etree.SubElement(abstract, qn("w:multiLevelType"))
            multi.set(qn("w:val"), "multilevel")
            for level, (fmt, text) in enumerate(NUMBERING[(self.lang, list_id)]):
                _level(abstract, level, fmt, text, legal=self.lang == "zh" and level == 1)
            if first_num is not None:
                first_num.addprevious(abstract)
        for list_id in (ARTICLE_LIST, SECTION_LIST):
            num = etree.SubElement(numbering, qn("w:num"))
            num.set(qn("w:numId"), str(list_id))
            ref = etree.SubElement(num, qn("w:abstractNumId"))
            ref.set(qn("w:val"), str(list_id))

    def _set_up_footer(self) -> None:
        footer = self.doc.sections[0].footer
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        before, after = ("第 ", " 页") if self.lang == "zh" else ("Page ", "")
        paragraph.add_run(before)
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), " PAGE ")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)
        if after:
            paragraph.add_run(after)

    def _core(self, title: str) -> None:
        """Core properties written with explicit namespaces: importing docxcompose rebinds python-docx's
        `cp` prefix to the custom-properties namespace, so its property setters cannot be trusted here."""
        element = self.doc.core_properties._element
        for child in list(element):
            element.remove(child)
        moment = FIXED_MOMENT.strftime("%Y-%m-%dT%H:%M:%SZ")
        for tag, value in (
            (f"{{{DC}}}title", title),
            (f"{{{DC}}}creator", AUTHOR),
            (f"{{{CP}}}lastModifiedBy", AUTHOR),
            (f"{{{CP}}}revision", "1"),
            (f"{{{DCTERMS}}}created", moment),
            (f"{{{DCTERMS}}}modified", moment),
            (f"{{{DC}}}language", "zh-CN" if self.lang == "zh" else "en-GB"),
        ):
            child = etree.SubElement(element, tag)
            child.text = value
            if tag.startswith(f"{{{DCTERMS}}}"):
                child.set(f"{{{XSI}}}type", "dcterms:W3CDTF")


def _fonts(style_element: etree._Element, latin: str, east_asian: str) -> None:
    r_pr = style_element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _level(abstract: etree._Element, level: int, fmt: str, text: str, *, legal: bool) -> None:
    lvl = etree.SubElement(abstract, qn("w:lvl"))
    lvl.set(qn("w:ilvl"), str(level))
    for tag, value in (("w:start", "1"), ("w:numFmt", fmt)):
        etree.SubElement(lvl, qn(tag)).set(qn("w:val"), value)
    if legal:
        etree.SubElement(lvl, qn("w:isLgl"))
    etree.SubElement(lvl, qn("w:suff")).set(qn("w:val"), "space")
    etree.SubElement(lvl, qn("w:lvlText")).set(qn("w:val"), text)
    etree.SubElement(lvl, qn("w:lvlJc")).set(qn("w:val"), "left")
    p_pr = etree.SubElement(lvl, qn("w:pPr"))
    ind = etree.SubElement(p_pr, qn("w:ind"))
    ind.set(qn("w:left"), "0")
    ind.set(qn("w:firstLine"), "0")


def _repeat_header(tr: etree._Element) -> None:
    tr_pr = tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def _freeze(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry dates so rebuilding gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()


# --- consent-notice ---------------------------------------------------------------------------------


def consent_notice_zh(guardian: bool = False) -> Draft:
    """The notice each individual reads; the guardian version addresses the parents of a child under 14
    (PIPL arts. 28, 31; 未成年人保护法 art. 72): the child's information is sensitive, so its
    necessity, impact and the guardian's separate consent are always there."""
    title = "个人信息提供告知同意书（监护人版）" if guardian else "个人信息提供告知同意书"
    you = "您孩子" if guardian else "您"
    d = Draft("zh", title)
    d.title(title)
    d.para("尊敬的家长（监护人）：" if guardian else "尊敬的{{ customer }}：")
    if guardian:
        d.para(
            "{{ provider_name }}（以下简称“信息提供方”）拟在取得您作为监护人的单独同意后，将您孩子（不满十四周岁）"
            "及您本人的部分个人信息提供给{{ recipient_name }}（以下简称“接收方”）。{% if prc_law %}根据《中华人民共和国个人信息保护法》"
            "第三十一条和《中华人民共和国未成年人保护法》第七十二条，处理不满十四周岁未成年人的个人信息，应当取得其父母"
            "或者其他监护人的同意。{% else %}信息提供方将依照{{ privacy_law }}取得您作为监护人的同意。{% endif %}信息提供方在提供前以本告知书向您说明以下事项，请您仔细阅读。**是否同意完全由您自主决定；"
            "您不同意或者日后撤回同意的，信息提供方不会因此拒绝或者停止为您的孩子提供服务。**"
        )
    else:
        d.para(
            "{{ provider_name }}（以下简称“信息提供方”）拟在取得您的单独同意后，将您的部分个人信息提供给"
            "{{ recipient_name }}（以下简称“接收方”）。根据{% if prc_law %}《中华人民共和国个人信息保护法》{% else %}{{ privacy_law }}{% endif %}，信息提供方在提供前"
            "以本告知书向您说明以下事项，请您仔细阅读。**是否同意完全由您自主决定；您不同意或者日后撤回同意的，"
            "信息提供方不会因此拒绝或者停止为您提供服务。**"
        )
    d.section("信息提供方")
    d.item("名称或者姓名：{{ provider_name }}")
    d.item("联系方式：{{ provider_contact }}")
    d.section("接收方")
    d.item("名称或者姓名：{{ recipient_name }}")
    d.item("联系方式：{{ recipient_contact }}")
    d.section("处理目的和处理方式")
    d.item("处理目的：{{ purpose }}")
    d.item("提供和处理方式：{{ method }}")
    d.item(
        f"接收方只能在上述处理目的、处理方式和个人信息种类范围内处理{you}的个人信息；接收方变更原先的处理目的或者"
        "处理方式的，应当重新取得您的同意。"
    )
    d.section("个人信息的种类")
    d.item("拟提供的个人信息种类：{{ categories|join('、') }}。")
    d.tag("{%p if categories|restricted %}")
    d.item("提供{{ categories|restricted|join('、') }}的必要性：{{ necessity }}")
    d.tag("{%p endif %}")
    d.item(
        f"除上述种类外，信息提供方不会向接收方提供{you}的其他个人信息，不会转让、出租或者出借任何账号，也不会交付"
        "账号密码或者验证码。"
    )
    d.section("保存期限")
    d.item(
        f"接收方保存{you}的个人信息的期限：{{{{ retention }}}}。期限届满、处理目的已实现或者您撤回同意的，接收方应当"
        f"删除{you}的个人信息。"
    )
    d.section("您的权利及行使方式")
    d.item(
        f"您有权查阅、复制、更正、补充、删除{you}的个人信息，有权要求对个人信息处理规则进行解释说明，并有权撤回同意。"
    )
    d.item(
        "您可以通过{{ rights_channel or recipient_contact }}向接收方行使上述权利，也可以通过{{ provider_contact }}"
        "联系信息提供方；接收方和信息提供方应当及时受理并答复。"
    )
    d.section("撤回同意")
    d.item("您可以随时撤回本同意，撤回方式：{{ withdrawal_method }}。")
    d.item(
        "**您撤回同意，不影响撤回前基于您的同意已进行的个人信息处理活动的效力。**您撤回同意后，接收方应当停止"
        f"处理并删除{you}的个人信息。"
    )
    if guardian:
        d.section("未成年人的个人信息（敏感个人信息，须监护人单独同意）")
        d.item("不满十四周岁未成年人的个人信息属于敏感个人信息。")
        d.tag("{%p if sensitive %}")
        d.item("拟提供的其他敏感个人信息：{{ sensitive_categories|join('、') }}。")
        d.tag("{%p endif %}")
        d.item("提供上述个人信息的必要性：{{ sensitive_necessity }}")
        d.item("对您孩子个人权益的影响：{{ sensitive_impact }}")
        d.item(
            "接收方应当为不满十四周岁未成年人的个人信息制定专门的个人信息处理规则，并采取严格保护措施。"
            "信息提供方仅在您作出单独的书面同意后方可提供；您不作出该项同意的，信息提供方不会提供您孩子的个人信息。"
        )
    else:
        d.tag("{%p if sensitive %}")
        d.section("敏感个人信息（须单独同意）")
        d.item("拟提供的信息包括敏感个人信息：{{ sensitive_categories|join('、') }}。")
        d.item("提供敏感个人信息的必要性：{{ sensitive_necessity }}")
        d.item("对您个人权益的影响：{{ sensitive_impact }}")
        d.item(
            "信息提供方仅在您对提供敏感个人信息作出单独的书面同意后方可提供；您不作出该项同意的，信息提供方不会提供"
            "上述敏感个人信息，也不影响您就本告知书其他事项作出的选择。"
        )
        d.tag("{%p endif %}")
    d.tag("{%p if cross_border %}")
    d.section("向境外提供（须单独同意）")
    d.item(
        "接收方位于中华人民共和国境外（{{ overseas_country }}），"
        f"{you}的个人信息将被提供至境外。境外接收方的名称或者"
        "姓名：{{ overseas_recipient_name }}；联系方式：{{ overseas_recipient_contact }}。处理目的、处理方式和"
        "个人信息种类如本告知书所述。"
    )
    d.item(
        "您可以通过{{ overseas_recipient_contact }}向境外接收方行使查阅、复制、更正、补充、删除和撤回同意等权利。"
        "向境外提供须另行取得您的单独同意。"
    )
    d.tag("{%p endif %}")
    if not guardian:
        d.section("未成年人")
        d.item(
            "您如{% if prc_law %}不满十四周岁{% else %}未成年{% endif %}，本告知书应当由您的父母或者其他监护人阅读，"
            "并由其决定是否同意。"
        )
    d.section("同意记录")
    d.item("信息提供方和接收方将保存您作出或者撤回同意的记录（时间、方式和内容），保存期限不少于三年。")
    d.section("您的选择")
    d.para(
        "请在您同意的事项前的方框内亲自勾选或者签字。方框未勾选的，视为不同意；沉默、不回复或者未作选择，均不视为"
        "同意。各项同意相互独立，您可以只同意其中一项。"
    )
    if guardian:
        d.box(
            "我是该未成年人的父母或者其他监护人，已阅读并理解本告知书，单独同意信息提供方将上述个人信息提供给接收方。"
        )
        d.box("我作为监护人，单独同意信息提供方向接收方提供我孩子的上述敏感个人信息。")
    else:
        d.box("我已阅读并理解本告知书，单独同意信息提供方将上述个人信息提供给接收方。")
        d.tag("{%p if sensitive %}")
        d.box("我单独同意信息提供方向接收方提供上述敏感个人信息：{{ sensitive_categories|join('、') }}。")
        d.tag("{%p endif %}")
    d.tag("{%p if cross_border %}")
    d.box("我单独同意将上述个人信息提供至中华人民共和国境外的接收方。")
    d.tag("{%p endif %}")
    if guardian:
        d.line(f"监护人签名：{LINE}　　与未成年人的关系：{LINE}")
        d.line(f"未成年人姓名：{LINE}　　日期：{ZH_DATE_LINE}")
    else:
        d.line(f"个人签名：{LINE}　　日期：{ZH_DATE_LINE}")
        d.line(
            f"监护人签名（适用于{{% if prc_law %}}不满十四周岁者{{% else %}}未成年人{{% endif %}}）：{LINE}　　与本人关系：{LINE}"
        )
    return d


def consent_notice_en(guardian: bool = False) -> Draft:
    """The English notice; the guardian version as in Chinese."""
    title = (
        "Notice and Consent to the Provision of a Child’s Personal Information (for parents and guardians)"
        if guardian
        else "Notice and Consent to the Provision of Personal Information"
    )
    your = "your child’s" if guardian else "your"
    d = Draft("en", title)
    d.title(title)
    d.para("Dear parent or guardian," if guardian else "Dear {{ customer }},")
    if guardian:
        d.para(
            "{{ provider_name }} (the “Provider”) intends, only with your separate consent as parent or guardian, to "
            "provide some personal information about your child (under 14) and about you to {{ recipient_name }} (the "
            "“Recipient”). {% if prc_law %}Under Article 31 of the Personal Information Protection Law and Article 72 of the Law on the "
            "Protection of Minors of the People’s Republic of China, a child’s personal information may be processed "
            "only with the consent of a parent or other guardian.{% else %}The Provider will obtain your consent as "
            "parent or guardian as {{ privacy_law }} requires.{% endif %} The Provider explains the following in this notice. "
            "Please read it carefully. **Whether to consent is entirely your choice. If you do not consent, or later "
            "withdraw your consent, the Provider will not refuse or stop its services to your child for that reason.**"
        )
    else:
        d.para(
            "{{ provider_name }} (the “Provider”) intends, only with your separate consent, to provide some of your "
            "personal information to {{ recipient_name }} (the “Recipient”). Before doing so, and as {% if prc_law %}the Personal "
            "Information Protection Law of the People’s Republic of China{% else %}{{ privacy_law }}{% endif %} requires, the Provider explains the "
            "following in this notice. Please read it carefully. **Whether to consent is entirely your choice. If "
            "you do not consent, or later withdraw your consent, the Provider will not refuse or stop its services "
            "to you for that reason.**"
        )
    d.section("The Provider")
    d.item("Name: {{ provider_name }}")
    d.item("Contact: {{ provider_contact }}")
    d.section("The Recipient")
    d.item("Name: {{ recipient_name }}")
    d.item("Contact: {{ recipient_contact }}")
    d.section("Purpose and method")
    d.item("Purpose of processing: {{ purpose }}")
    d.item("How the information is provided and processed: {{ method }}")
    d.item(
        f"The Recipient may process {your} personal information only within this purpose, method and these "
        "categories. If the Recipient changes the purpose or method, it must obtain your consent again."
    )
    d.section("Categories of personal information")
    d.item("Categories to be provided: {{ categories|join(', ') }}.")
    d.tag("{%p if categories|restricted %}")
    d.item("Why providing {{ categories|restricted|join(', ') }} is necessary: {{ necessity }}")
    d.tag("{%p endif %}")
    d.item(
        f"Apart from these categories, the Provider will not provide any other personal information about {'your child' if guardian else 'you'}, "
        "will not transfer, rent or lend any account, and will not hand over any password or verification code."
    )
    d.section("Retention period")
    d.item(
        f"The Recipient will keep {your} personal information for: {{{{ retention }}}}. When this period ends, the "
        "purpose has been achieved or you withdraw your consent, the Recipient must delete it."
    )
    d.section("Your rights and how to exercise them")
    d.item(
        f"You have the right to access, copy, correct, complete and delete {your} personal information, to ask for "
        "an explanation of the processing rules, and to withdraw your consent."
    )
    d.item(
        "You can exercise these rights with the Recipient through {{ rights_channel or recipient_contact }}, or "
        "contact the Provider through {{ provider_contact }}. Both will deal with your request promptly."
    )
    d.section("Withdrawing your consent")
    d.item("You can withdraw this consent at any time, as follows: {{ withdrawal_method }}.")
    d.item(
        "**Withdrawing your consent does not affect the validity of processing carried out on the basis of your "
        f"consent before you withdrew it.** After you withdraw, the Recipient must stop processing and delete {your} "
        "personal information."
    )
    if guardian:
        d.section("Your child’s information (sensitive; the guardian’s separate consent is required)")
        d.item("The personal information of a child under 14 is sensitive personal information.")
        d.tag("{%p if sensitive %}")
        d.item("Other sensitive personal information to be provided: {{ sensitive_categories|join(', ') }}.")
        d.tag("{%p endif %}")
        d.item("Why providing it is necessary: {{ sensitive_necessity }}")
        d.item("Impact on your child’s rights and interests: {{ sensitive_impact }}")
        d.item(
            "The Recipient must adopt special rules for processing the personal information of children under 14 and "
            "protect it with strict measures. The Provider will provide your child’s information only after your "
            "separate written consent; without it, nothing about your child is provided."
        )
    else:
        d.tag("{%p if sensitive %}")
        d.section("Sensitive personal information (separate consent required)")
        d.item(
            "The information to be provided includes sensitive personal information: "
            "{{ sensitive_categories|join(', ') }}."
        )
        d.item("Why providing it is necessary: {{ sensitive_necessity }}")
        d.item("Impact on your rights and interests: {{ sensitive_impact }}")
        d.item(
            "The Provider will provide sensitive personal information only after your separate written consent to "
            "it. If you do not give that consent, the Provider will not provide it, and your other choices in this "
            "notice are not affected."
        )
        d.tag("{%p endif %}")
    d.tag("{%p if cross_border %}")
    d.section("Provision outside mainland China (separate consent required)")
    d.item(
        "The Recipient is outside the People’s Republic of China ({{ overseas_country }}), so "
        f"{your} personal information will be provided abroad. Overseas recipient: {{{{ overseas_recipient_name }}}}; "
        "contact: {{ overseas_recipient_contact }}. The purpose, method and categories are as set out in this notice."
    )
    d.item(
        "You can exercise your rights to access, copy, correct, complete, delete and withdraw consent against the "
        "overseas recipient through {{ overseas_recipient_contact }}. Provision abroad requires your separate "
        "consent."
    )
    d.tag("{%p endif %}")
    if not guardian:
        d.section("Children")
        d.item(
            "If you are {% if prc_law %}under 14{% else %}a minor{% endif %}, a parent or other guardian must read this "
            "notice and decide whether to consent."
        )
    d.section("Record of consent")
    d.item(
        "The Provider and the Recipient keep a record of your consent or withdrawal (when, how and what) for at "
        "least three years."
    )
    d.section("Your choice")
    d.para(
        "Please tick the box before each statement you agree to, yourself, or sign. An unticked box means no "
        "consent; silence, no reply or no choice is never consent. Each consent is separate: you may agree to "
        "one and not another."
    )
    if guardian:
        d.box(
            "I am the child’s parent or other guardian, I have read and understood this notice, and I separately "
            "consent to the Provider providing the personal information described above to the Recipient."
        )
        d.box(
            "As the child’s guardian, I separately consent to the Provider providing my child’s sensitive personal "
            "information described above to the Recipient."
        )
    else:
        d.box(
            "I have read and understood this notice and separately consent to the Provider providing the personal "
            "information described above to the Recipient."
        )
        d.tag("{%p if sensitive %}")
        d.box(
            "I separately consent to the Provider providing the sensitive personal information described above "
            "({{ sensitive_categories|join(', ') }}) to the Recipient."
        )
        d.tag("{%p endif %}")
    d.tag("{%p if cross_border %}")
    d.box(
        "I separately consent to my personal information being provided to the Recipient outside the People’s "
        "Republic of China."
    )
    d.tag("{%p endif %}")
    if guardian:
        d.line(f"Signature of the parent or guardian: {LINE}    Relationship to the child: {LINE}")
        d.line(f"Name of the child: {LINE}    Date: {EN_DATE_LINE}")
    else:
        d.line(f"Signature of the individual: {LINE}    Date: {EN_DATE_LINE}")
        d.line(
            f"Signature of parent or guardian (if {{% if prc_law %}}under 14{{% else %}}a minor{{% endif %}}): {LINE}    "
            f"Relationship: {LINE}"
        )
    return d


# --- customer-message -------------------------------------------------------------------------------

MESSAGE = {
    ("zh", False): (
        "{% if customer_name %}{{ customer_name }}，{% endif %}您好！我是{{ provider_name }}。"
        "{{ recipient_name }}（联系方式：{{ recipient_contact }}）希望{{ purpose }}。"
        "征得您同意后，我才会把您的{{ categories|join('、') }}提供给对方"
        "{% if sensitive %}；您的{{ sensitive_categories|join('、') }}不会提供，除非您另行书面单独同意{% endif %}。"
        "是否同意由您决定：同意请回复“同意”或自行添加对方；不回复视为不同意，也不影响我继续为您服务。"
        "您可随时回复“撤回”撤回同意，撤回不影响撤回前已进行的处理。"
        "{% if notice_reference %}完整告知书：{{ notice_reference }}{% endif %}"
    ),
    ("en", False): (
        "{% if customer_name %}Hi {{ customer_name }}, {% else %}Hi, {% endif %}this is {{ provider_name }}. "
        "{{ recipient_name }} ({{ recipient_contact }}) would like {{ purpose }}. "
        "Only if you agree will I pass your {{ categories|join(', ') }} to them"
        "{% if sensitive %}; your {{ sensitive_categories|join(', ') }} will not be passed on unless you give "
        "separate written consent{% endif %}. "
        "It is your choice: to agree, reply “I agree” or add them yourself. No reply means no, and changes nothing "
        "in how I serve you. You can withdraw at any time by replying “withdraw”; this does not affect what was "
        "done before."
        "{% if notice_reference %} Full notice: {{ notice_reference }}{% endif %}"
    ),
    # To the parents of a child under 14: only they can consent (PIPL art. 31).
    ("zh", True): (
        "{% if customer_name %}{{ customer_name }}，{% else %}家长{% endif %}您好！我是{{ provider_name }}。"
        "{{ recipient_name }}（联系方式：{{ recipient_contact }}）希望{{ purpose }}。"
        "您的孩子不满十四周岁，须经您作为父母或者其他监护人同意，我才会把{{ categories|join('、') }}提供给对方。"
        "是否同意由您决定：同意请回复“同意”；不回复视为不同意，也不影响我们继续为孩子服务。"
        "您可随时回复“撤回”撤回同意，撤回不影响撤回前已进行的处理。"
        "{% if notice_reference %}完整告知书：{{ notice_reference }}{% endif %}"
    ),
    ("en", True): (
        "{% if customer_name %}Dear {{ customer_name }}, {% else %}Dear parent, {% endif %}this is "
        "{{ provider_name }}. {{ recipient_name }} ({{ recipient_contact }}) would like {{ purpose }}. "
        "As your child is under 14, I will pass on {{ categories|join(', ') }} only if you, as parent or guardian, "
        "agree. It is your choice: to agree, reply “I agree”. No reply means no, and changes nothing in how we look "
        "after your child. You can withdraw at any time by replying “withdraw”; this does not affect what was done "
        "before."
        "{% if notice_reference %} Full notice: {{ notice_reference }}{% endif %}"
    ),
}


def customer_message(lang: str, guardian: bool = False) -> Draft:
    if guardian:
        title = "致家长的同意征询消息" if lang == "zh" else "Consent request message to a parent or guardian"
    else:
        title = "致客户的同意征询消息" if lang == "zh" else "Consent request message to a customer"
    d = Draft(lang, title)
    d.title(title.replace("客户", "{{ customer }}").replace("a customer", "a {{ customer }}"))
    if lang == "zh":
        whom = "每位孩子的父母或者其他监护人" if guardian else "每位{{ customer }}"
        d.para(f"（请逐一单独发送给{whom}，不得群发；请保存对方的回复，作为同意记录。）")
    else:
        whom = "each child’s parent or guardian" if guardian else "each {{ customer }}"
        d.para(f"(Send to {whom} individually, never in bulk; keep each reply as the record of consent.)")
    d.para(MESSAGE[lang, guardian])
    return d


# --- referral-agreement -----------------------------------------------------------------------------


def _party_block_zh(d: Draft, label: str, prefix: str, extra: Sequence[tuple[str, str]]) -> None:
    d.para(f"**{label}：{{{{ {prefix}_name }}}}**")
    for field, caption in extra:
        d.tag(f"{{%p if {prefix}_{field} %}}")
        d.para(f"{caption}：{{{{ {prefix}_{field} }}}}")
        d.tag("{%p endif %}")
    d.para(f"联系方式：{{{{ {prefix}_contact }}}}")


def _party_block_en(d: Draft, label: str, prefix: str, extra: Sequence[tuple[str, str]]) -> None:
    d.para(f"**{label}: {{{{ {prefix}_name }}}}**")
    for field, caption in extra:
        d.tag(f"{{%p if {prefix}_{field} %}}")
        d.para(f"{caption}: {{{{ {prefix}_{field} }}}}")
        d.tag("{%p endif %}")
    d.para(f"Contact: {{{{ {prefix}_contact }}}}")


def _signatures_zh(d: Draft, left: str, right: str) -> None:
    d.line(f"{left}（签字或者盖章）：{LINE}　　{right}（盖章）：{LINE}")
    d.line("签订日期：{% if signing_date %}{{ signing_date }}{% else %}" + ZH_DATE_LINE + "{% endif %}")


def _signatures_en(d: Draft, left: str, right: str) -> None:
    d.line(f"Signed by the {left}: {LINE}    Signed for the {right}: {LINE}")
    d.line("Date: {% if signing_date %}{{ signing_date }}{% else %}" + EN_DATE_LINE + "{% endif %}")


def referral_agreement_zh() -> Draft:
    d = Draft("zh", "客户推荐合作协议")
    d.title("{{ customer }}推荐合作协议")
    _party_block_zh(
        d, "甲方（推荐方、个人信息提供方）", "provider", [("id_number", "身份证件号码"), ("address", "住所")]
    )
    _party_block_zh(
        d, "乙方（接收方）", "recipient", [("representative", "法定代表人或者负责人"), ("address", "住所")]
    )
    d.para(
        "甲方在经营活动中与其{{ customer }}建立了业务关系，乙方希望经甲方推荐，向有意向的{{ customer }}提供其产品或者服务。为依法保护"
        "{{ customer }}的个人信息，双方根据{% if prc_law %}《中华人民共和国民法典》《中华人民共和国个人信息保护法》等法律法规{% else %}{{ governing_law }}{% endif %}，经平等协商，"
        "订立本协议。"
    )
    d.tag("{%p if replaces_source %}")
    d.para(
        "双方确认：双方{% if source_date %}于{{ source_date }}{% endif %}签订的《{{ source_title }}》中关于转让、"
        "出租或者交付账号、账号密码及验证码，以及移交{{ customer }}个人信息的约定，自本协议生效之日起不再履行，由本协议取代。"
    )
    d.tag("{%p endif %}")
    d.article("合作内容")
    d.clause(
        "甲方向其{{ customer }}介绍乙方（以下简称“推荐服务”）。乙方在取得{{ customer }}同意后，为以下目的处理{{ customer }}个人信息："
        "{{ purpose }}。"
    )
    d.clause(
        "本协议不涉及任何账号、账号使用权、好友关系或者{{ customer }}个人信息的转让、出售、出租或者出借。"
    )
    d.article("账号归属")
    d.clause(
        "甲方{% if platforms %}在{{ platforms|join('、') }}等平台{% endif %}注册的账号"
        "{% if accounts %}（{{ accounts|join('、') }}）{% endif %}始终由甲方以本人身份持有和使用。甲方不向乙方"
        "转让、出租或者出借上述账号，不交付登录密码、支付密码或者验证码，不将账号换绑至乙方或者其指定人员的手机号码，"
        "也不以乙方或者其指定人员的身份重新进行实名认证。"
    )
    d.clause("乙方以自己的实名账号与{{ customer }}联系。")
    d.article("{{ customer }}的单独同意")
    d.clause(
        "甲方应当逐一、单独告知每位{{ customer }}乙方的名称、联系方式、处理目的、处理方式和个人信息的种类（告知文本见附件"
        "《个人信息提供告知同意书》），仅在该{{ customer }}作出单独同意后，方可向乙方推荐该{{ customer }}或者提供该{{ customer }}的个人信息。"
    )
    d.clause(
        "{{ customer }}未作回复、保持沉默或者未作选择的，不视为同意。甲方不得群发推荐信息，不得向乙方批量转发通讯录、名片"
        "或者聊天记录。"
    )
    d.clause(
        "经{{ customer }}同意向乙方提供的个人信息限于：{{ categories|join('、') }}。甲方不向乙方提供{{ customer }}的敏感个人信息"
        "（包括{{ sensitive_kinds }}）；确需提供的，应当"
        "事先进行个人信息保护影响评估，向{{ customer }}告知必要性以及对其个人权益的影响，并取得{{ customer }}的单独书面同意。"
    )
    d.tag("{%p if categories|restricted %}")
    d.clause("提供{{ categories|restricted|join('、') }}的必要性：{{ necessity }}")
    d.tag("{%p endif %}")
    d.tag("{%p if guardian %}")
    d.clause(
        "{{ customer }}为不满十四周岁的未成年人的，上述告知应当向其父母或者其他监护人作出，并取得其父母或者其他监护人的"
        "单独同意（《中华人民共和国个人信息保护法》第三十一条、《中华人民共和国未成年人保护法》第七十二条）；"
        "乙方应当为未成年人的个人信息制定专门的个人信息处理规则。"
    )
    d.tag("{%p endif %}")
    d.clause("甲方应当保存每位{{ customer }}的告知和同意记录，保存期限不少于三年。")
    d.article("服务费")
    d.clause(
        "乙方按甲方实际完成的推荐服务向甲方支付服务费，每次推荐服务的服务费为{{ service_fee }}"
        "{% if service_fee %}（大写：{{ service_fee.capital }}）{% endif %}。支付方式：{{ payment_terms }}。"
    )
    d.clause(
        "服务费是甲方推荐服务的报酬，不按{{ customer }}、好友或者粉丝的人数或者个人信息的条数计算、调整或者扣减，"
        "也不以任何账号、好友关系或者{{ customer }}个人信息作为对价。{{ customer }}是否同意被推荐、是否与乙方成交，由{{ customer }}自主决定。"
    )
    d.article("乙方的个人信息保护义务")
    d.clause(
        "乙方仅得在{{ customer }}同意的处理目的、处理方式和个人信息种类范围内处理{{ customer }}个人信息；变更处理目的或者处理方式的，"
        "应当重新取得{{ customer }}同意。"
    )
    d.clause(
        "{{ customer }}撤回同意、处理目的已实现或者本协议终止的，乙方应当在十五个工作日内删除{{ customer }}个人信息或者将其返还{{ customer }}，"
        "并向甲方书面确认。"
    )
    d.clause(
        "乙方应当采取加密、访问控制、操作记录等必要措施保障{{ customer }}个人信息的安全；发生或者可能发生个人信息泄露、篡改、"
        "丢失的，应当立即采取补救措施，并通知甲方和受影响的{{ customer }}。"
    )
    d.clause(
        "甲方有权对乙方处理{{ customer }}个人信息的情况进行审计，或者委托专业机构审计，乙方应当配合并提供必要的资料。"
    )
    d.clause("乙方应当记录其处理{{ customer }}个人信息的情况，相关记录至少保存三年。")
    d.clause(
        "乙方不得将{{ customer }}个人信息转让、出售或者提供给任何第三方，不得向{{ customer }}进行超出其同意范围的营销。"
    )
    d.article("禁止冒用身份")
    d.clause(
        "乙方不得使用甲方的姓名、昵称、头像或者账号与{{ customer }}联系，不得以甲方名义发布信息，不得使{{ customer }}误以为其正在与"
        "甲方沟通。"
    )
    d.clause("双方不得向{{ customer }}隐瞒本协议项下的推荐关系。")
    d.article("期限和解除")
    d.clause("本协议期限：{{ term }}。")
    d.clause(
        "任何一方违反本协议关于账号归属、{{ customer }}单独同意、个人信息保护或者禁止冒用身份的约定的，守约方有权解除本协议，"
        "违约方应当赔偿守约方因此遭受的损失。"
    )
    d.article("争议解决")
    d.clause(
        "本协议适用{{ governing_law }}。因本协议发生的争议，双方应当协商解决；协商不成的，任何一方可以向有管辖权的"
        "法院提起诉讼。"
    )
    d.article("其他")
    d.clause("本协议一式两份，双方各执一份，自双方签字或者盖章之日起生效。")
    d.clause("附件《个人信息提供告知同意书》是本协议的组成部分。")
    _signatures_zh(d, "甲方", "乙方")
    return d


def referral_agreement_en() -> Draft:
    d = Draft("en", "Customer Referral Agreement")
    d.title("{{ customer|capitalize }} Referral Agreement")
    _party_block_en(
        d,
        "Referrer and provider of personal information (the “Referrer”)",
        "provider",
        [("id_number", "Identity or registration number"), ("address", "Address")],
    )
    _party_block_en(
        d,
        "Recipient (the “Recipient”)",
        "recipient",
        [("representative", "Represented by"), ("address", "Address")],
    )
    d.para(
        "The Referrer has business relationships with its {{ customers }}. The Recipient wishes to be introduced by the "
        "Referrer to {{ customers }} who are interested in its products or services. To protect the {{ customers }}’ personal "
        "information as the applicable law requires (including, where it applies, the Personal Information "
        "Protection Law of the People’s Republic of China), the parties agree as follows."
    )
    d.tag("{%p if replaces_source %}")
    d.para(
        "The parties confirm that, from the date this Agreement takes effect, the provisions of the "
        "“{{ source_title }}”{% if source_date %} dated {{ source_date }}{% endif %} on transferring, renting or "
        "handing over accounts, passwords or verification codes, and on handing over {{ customers }}’ personal "
        "information, will not be performed and are replaced by this Agreement."
    )
    d.tag("{%p endif %}")
    d.article("The referral service")
    d.clause(
        "The Referrer introduces the Recipient to its {{ customers }} (the “Referral Service”). With each {{ customer }}’s "
        "consent, the Recipient processes that {{ customer }}’s personal information for this purpose: {{ purpose }}."
    )
    d.clause(
        "This Agreement does not sell, transfer, rent or lend any account, account usage right, follower or friend "
        "relationship, or any {{ customer }}’s personal information."
    )
    d.article("The accounts stay with the Referrer")
    d.clause(
        "The Referrer’s accounts{% if platforms %} on {{ platforms|join(', ') }}{% endif %}"
        "{% if accounts %} ({{ accounts|join(', ') }}){% endif %} remain held and used by the Referrer in its own "
        "name. The Referrer will not transfer, rent or lend them to the Recipient, will not hand over any login or "
        "payment password or verification code, will not re-bind any account to a phone number of the Recipient "
        "or its nominee, and will not redo real-name verification in the identity of the Recipient or its nominee."
    )
    d.clause("The Recipient contacts {{ customers }} only through its own accounts in its own name.")
    d.article("Each {{ customer }}’s separate consent")
    d.clause(
        "The Referrer will inform each {{ customer }} individually of the Recipient’s name and contact details and of "
        "the purpose, method and categories of personal information (using the attached Notice and Consent to the "
        "Provision of Personal Information), and will refer a {{ customer }}, or provide that {{ customer }}’s personal "
        "information, only after that {{ customer }}’s separate consent."
    )
    d.clause(
        "Silence, no reply or no choice is not consent. The Referrer will not send referrals in bulk and will not "
        "forward contact lists, contact cards or chat logs to the Recipient."
    )
    d.clause(
        "The personal information provided with consent is limited to: {{ categories|join(', ') }}. The Referrer "
        "will not provide {{ customers }}’ sensitive personal information ({{ sensitive_kinds }}). If that is truly necessary, the "
        "Referrer will first carry out a personal information protection impact assessment, explain the necessity "
        "and the impact to the {{ customer }}, and obtain the {{ customer }}’s separate written consent."
    )
    d.tag("{%p if categories|restricted %}")
    d.clause("Why providing {{ categories|restricted|join(', ') }} is necessary: {{ necessity }}")
    d.tag("{%p endif %}")
    d.tag("{%p if guardian %}")
    d.clause(
        "Where a {{ customer }} is a child under 14, the notice is given to, and the separate consent obtained from, "
        "the child’s parent or other guardian (Article 31 of the Personal Information Protection Law and "
        "Article 72 of the Law on the Protection of Minors of the People’s Republic of China); the Recipient "
        "adopts special rules for processing children’s personal information."
    )
    d.tag("{%p endif %}")
    d.clause("The Referrer will keep a record of each notice and consent for at least three years.")
    d.article("Service fee")
    d.clause(
        "The Recipient will pay the Referrer a service fee of {{ service_fee }} for each Referral Service actually "
        "performed. Payment: {{ payment_terms }}."
    )
    d.clause(
        "The fee pays for the Referral Service. It is not calculated, adjusted or reduced by the number of "
        "{{ customers }}, friends or followers or of personal information records, and no account, follower "
        "relationship or {{ customer }}’s personal information is given for it. Whether a {{ customer }} agrees to be "
        "referred, and whether any sale results, is the {{ customer }}’s own choice."
    )
    d.article("The Recipient’s data protection obligations")
    d.clause(
        "The Recipient will process {{ customers }}’ personal information only within the purpose, method and categories "
        "each {{ customer }} consented to, and will obtain new consent before changing the purpose or method."
    )
    d.clause(
        "When a {{ customer }} withdraws consent, the purpose has been achieved or this Agreement ends, the Recipient "
        "will delete that {{ customer }}’s personal information or return it to the {{ customer }} within fifteen working "
        "days, and confirm this to the Referrer in writing."
    )
    d.clause(
        "The Recipient will keep {{ customers }}’ personal information secure with encryption, access control, logging "
        "and other necessary measures, and if personal information is or may be leaked, altered or lost, will take "
        "remedial action at once and notify the Referrer and the {{ customers }} affected."
    )
    d.clause(
        "The Referrer may audit, or have a professional firm audit, the Recipient’s processing of {{ customers }}’ "
        "personal information; the Recipient will cooperate and provide the records needed."
    )
    d.clause(
        "The Recipient will keep records of its processing of {{ customers }}’ personal information for at least "
        "three years."
    )
    d.clause(
        "The Recipient will not sell, transfer or provide {{ customers }}’ personal information to any third party and "
        "will not market to {{ customers }} beyond what they consented to."
    )
    d.article("No impersonation")
    d.clause(
        "The Recipient will not use the Referrer’s name, nickname, avatar or accounts to contact {{ customers }}, will "
        "not post in the Referrer’s name, and will not lead {{ customers }} to believe they are dealing with the Referrer."
    )
    d.clause("Neither party will conceal the referral relationship from {{ customers }}.")
    d.article("Term and termination")
    d.clause("Term: {{ term }}.")
    d.clause(
        "If a party breaches its obligations on the accounts, on {{ customers }}’ separate consent, on data protection or "
        "on impersonation, the other party may terminate this Agreement and the party in breach will compensate "
        "the other for its resulting loss."
    )
    d.article("Governing law and disputes")
    d.clause(
        "This Agreement is governed by {{ governing_law }}. The parties will try to settle any dispute by "
        "negotiation; failing that, either party may bring proceedings in a court of competent jurisdiction."
    )
    d.article("General")
    d.clause(
        "This Agreement is made in two counterparts, one for each party, and takes effect when both parties "
        "have signed or sealed it."
    )
    d.clause(
        "The attached Notice and Consent to the Provision of Personal Information forms part of this "
        "Agreement."
    )
    _signatures_en(d, "Referrer", "Recipient")
    return d


# --- data-processing-agreement ----------------------------------------------------------------------


def dpa_zh() -> Draft:
    d = Draft("zh", "个人信息委托处理协议")
    d.title("个人信息委托处理协议")
    _party_block_zh(d, "委托方（个人信息处理者）", "provider", [("address", "住所")])
    _party_block_zh(
        d, "受托方", "recipient", [("representative", "法定代表人或者负责人"), ("address", "住所")]
    )
    d.para(
        "委托方拟委托受托方处理个人信息。为依照《中华人民共和国个人信息保护法》第二十一条明确委托处理的目的、期限、"
        "处理方式、个人信息的种类、保护措施以及双方的权利和义务，双方订立本协议。"
    )
    d.article("委托处理事项")
    d.clause("委托处理的目的：{{ purpose }}。")
    d.clause("委托处理的期限：{{ duration }}。")
    d.clause("处理方式：{{ processing_method }}。")
    d.clause(
        "个人信息的种类：{{ categories|join('、') }}"
        "{% if sensitive %}；其中敏感个人信息：{{ sensitive_categories|join('、') }}{% endif %}。"
    )
    d.clause("个人信息所涉及的个人：{{ data_subjects }}。")
    d.article("保护措施")
    d.clause("受托方应当采取下列保护措施：{{ security_measures }}。")
    d.clause("受托方应当确保其有权接触个人信息的人员仅限于履行本协议所必需的人员，并已承担保密义务。")
    d.tag("{%p if sensitive %}")
    d.clause(
        "对敏感个人信息，受托方应当采取加密存储和传输、单独授权访问等严格保护措施，并仅在委托方书面确认已取得"
        "个人单独同意的范围内处理。"
    )
    d.tag("{%p endif %}")
    d.article("受托方的义务")
    d.clause(
        "受托方应当按照本协议约定和委托方的书面指示处理个人信息，不得超出约定的处理目的、处理方式等处理个人信息，"
        "不得为自身目的处理个人信息。受托方认为委托方的指示违反法律、行政法规的，应当立即告知委托方。"
    )
    d.clause(
        "未经委托方事先书面同意，受托方不得转委托他人处理个人信息。经同意转委托的，受托方应当与转受托方书面约定"
        "不低于本协议的义务，并对转受托方的处理活动承担责任。"
    )
    d.clause("受托方应当协助委托方响应个人查阅、复制、更正、补充、删除个人信息以及撤回同意等请求。")
    d.tag("{%p if guardian %}")
    d.clause(
        "委托处理的个人信息涉及不满十四周岁未成年人的，委托方应当确保已取得其父母或者其他监护人的同意；受托方应当"
        "遵守委托方为未成年人个人信息制定的专门处理规则，并采取严格保护措施。"
    )
    d.tag("{%p endif %}")
    d.clause(
        "发生或者可能发生个人信息泄露、篡改、丢失的，受托方应当立即采取补救措施，并在知悉后二十四小时内书面通知委托方，"
        "配合委托方履行通知个人和报告主管部门的义务。"
    )
    d.clause("未经委托方书面同意，受托方不得向中华人民共和国境外提供个人信息。")
    d.clause("受托方应当记录其处理个人信息的情况，相关记录至少保存三年。")
    d.article("委托方的权利和义务")
    d.clause("委托方应当确保委托处理的个人信息来源合法，并已具备处理的合法性基础（包括依法取得个人同意）。")
    d.clause(
        "委托方有权对受托方的个人信息处理活动进行监督，包括要求受托方报告处理情况，以及进行现场或者书面审计；"
        "受托方应当予以配合。"
    )
    d.article("返还和删除")
    d.clause(
        "本协议不生效、无效、被撤销或者终止的，受托方应当将个人信息返还委托方或者予以删除，不得保留，并向委托方"
        "书面确认。"
    )
    d.article("违约责任")
    d.clause(
        "受托方违反本协议处理个人信息的，应当赔偿委托方因此遭受的全部损失，包括委托方因此向个人承担的赔偿。"
    )
    d.article("适用法律和其他")
    d.clause("本协议适用{{ governing_law }}。本协议自双方签字或者盖章之日起生效。")
    _signatures_zh(d, "委托方", "受托方")
    return d


def dpa_en() -> Draft:
    d = Draft("en", "Data Processing Agreement")
    d.title("Data Processing Agreement")
    _party_block_en(d, "Controller", "provider", [("address", "Address")])
    _party_block_en(
        d, "Processor", "recipient", [("representative", "Represented by"), ("address", "Address")]
    )
    d.para(
        "The Controller engages the Processor to process personal data on its behalf. This Agreement sets out the "
        "terms required by Article 28(3) of the General Data Protection Regulation (EU) 2016/679 (the “GDPR”) and "
        "by Article 21 of the Personal Information Protection Law of the People’s Republic of China."
    )
    d.article("Subject matter, duration, nature and purpose")
    d.clause("Subject matter and purpose of the processing: {{ purpose }}.")
    d.clause("Duration of the processing: {{ duration }}.")
    d.clause("Nature of the processing: {{ processing_method }}.")
    d.article("Personal data and data subjects")
    d.clause(
        "Types of personal data: {{ categories|join(', ') }}"
        "{% if sensitive %}; special categories or sensitive data: {{ sensitive_categories|join(', ') }}{% endif %}."
    )
    d.clause("Categories of data subjects: {{ data_subjects }}.")
    d.article("Obligations of the Processor")
    d.clause(
        "Instructions. The Processor processes the personal data only on documented instructions from the "
        "Controller, including with regard to transfers to a third country or an international organisation, "
        "unless required to do so by law, in which case it informs the Controller of that legal requirement first. "
        "It immediately informs the Controller if, in its opinion, an instruction infringes data protection law."
    )
    d.clause(
        "Confidentiality. The Processor ensures that persons authorised to process the personal data have committed "
        "themselves to confidentiality or are under an appropriate statutory obligation of confidentiality."
    )
    d.clause(
        "Security. The Processor takes the measures required by Article 32 GDPR, including: "
        "{{ security_measures }}."
    )
    d.tag("{%p if sensitive %}")
    d.clause(
        "Sensitive data. Special categories and sensitive personal data are encrypted at rest and in transit, "
        "accessible only to individually authorised staff, and processed only within the scope of the data "
        "subjects’ separate consent as confirmed by the Controller in writing."
    )
    d.tag("{%p endif %}")
    d.clause(
        "Sub-processors. The Processor does not engage another processor without the Controller’s prior specific or "
        "general written authorisation. It imposes the same data protection obligations on any sub-processor by "
        "contract and remains fully liable to the Controller for the sub-processor’s performance."
    )
    d.clause(
        "Data subjects’ rights. Taking into account the nature of the processing, the Processor assists the "
        "Controller by appropriate technical and organisational measures in responding to requests to exercise data "
        "subjects’ rights."
    )
    d.tag("{%p if guardian %}")
    d.clause(
        "Children. Where the personal data concern children under 14, the Controller ensures that a parent’s or "
        "other guardian’s consent has been obtained, and the Processor follows the Controller’s special rules for "
        "children’s personal information and protects it with strict measures."
    )
    d.tag("{%p endif %}")
    d.clause(
        "Assistance. The Processor assists the Controller in ensuring compliance with Articles 32 to 36 GDPR "
        "(security, notification of personal data breaches, data protection impact assessments and prior "
        "consultation), and notifies the Controller of a personal data breach without undue delay and in any event "
        "within 24 hours of becoming aware of it."
    )
    d.clause(
        "Deletion or return. At the choice of the Controller, the Processor deletes or returns all the personal "
        "data after the end of the provision of services relating to processing, and deletes existing copies "
        "unless law requires their storage."
    )
    d.clause(
        "Audits. The Processor makes available to the Controller all information necessary to demonstrate "
        "compliance with this Agreement and Article 28 GDPR, and allows for and contributes to audits, including "
        "inspections, conducted by the Controller or an auditor it mandates."
    )
    d.clause(
        "Records. The Processor keeps records of its processing activities and keeps them for at least three "
        "years."
    )
    d.article("Obligations and rights of the Controller")
    d.clause(
        "The Controller is responsible for the lawfulness of the processing, including a valid legal basis and, "
        "where required, the data subjects’ consent, and gives its instructions in writing."
    )
    d.clause(
        "The Controller may supervise the Processor’s processing, including by the audits described above."
    )
    d.article("Transfers")
    d.clause(
        "The Processor does not transfer the personal data outside the country where it was collected, or outside "
        "mainland China for personal information collected there, except on the Controller’s documented "
        "instructions and with the safeguards the applicable law requires."
    )
    d.article("Liability and governing law")
    d.clause(
        "The Processor is liable for loss caused by processing that breaches this Agreement, including amounts the "
        "Controller pays to data subjects as a result. This Agreement is governed by {{ governing_law }}."
    )
    _signatures_en(d, "Controller", "Processor")
    return d


# --- pia-report -------------------------------------------------------------------------------------


def pia_zh() -> Draft:
    d = Draft("zh", "个人信息保护影响评估报告")
    d.title("个人信息保护影响评估报告")
    d.para(
        "本报告依照《中华人民共和国个人信息保护法》第五十五条、第五十六条，在向其他个人信息处理者提供个人信息"
        "和处理敏感个人信息之前编制。已预填的内容来自对相关协议的审查，评估人应当逐项核实并完成评估意见。"
    )
    d.section("评估概况")
    d.tag("{%p if source_title %}")
    d.item(
        "评估对象：《{{ source_title }}》{% if source_date %}（{{ source_date }}）{% endif %}所涉个人信息提供活动。"
    )
    d.tag("{%p endif %}")
    d.item("个人信息处理者（提供方）：{{ provider_name }}")
    d.item("接收方：{{ recipients|join('；') }}")
    d.item(
        "评估人：{% if assessor %}{{ assessor }}{% else %}" + LINE + "{% endif %}　　评估日期："
        "{% if assessment_date %}{{ assessment_date }}{% else %}" + ZH_DATE_LINE + "{% endif %}"
    )
    d.section("处理活动描述")
    d.item("处理目的：{{ purpose }}")
    d.item("处理方式：{{ method }}")
    d.item("保存期限：{{ retention }}")
    d.item("经评估拟提供的个人信息（限于实现处理目的的最小范围）：{{ categories|join('、') }}。")
    d.tag("{%p if source_categories %}")
    d.item("原协议约定提供的个人信息种类及其风险等级：")
    d.tag("{%p else %}")
    d.item("拟提供的个人信息种类及其风险等级：")
    d.tag("{%p endif %}")
    d.table(
        [
            "个人信息种类",
            "性质（个人信息保护法第二十八条）",
            "情节严重的数量标准（两高解释第五条）",
            "风险等级",
        ],
        loops=[
            (
                "for c in (source_categories or categories)",
                ["{{ c }}", "{{ c|nature }}", "{{ c|tier }}", "{{ c|risk }}"],
            )
        ],
        widths=[6.0, 3.5, 3.5, 2.0],
    )
    d.para(
        "风险等级：敏感个人信息，以及非法提供五十条以上即属情节严重的行踪轨迹、通信内容、征信和财产信息，为高；"
        "五百条以上即属情节严重的住宿、通信记录、健康生理和交易信息，为较高；其他为一般。在提供服务过程中获得的"
        "个人信息，数量达到上述标准一半以上即属情节严重（两高解释第五条第一款第八项）。"
    )
    d.item("涉及的数量：")
    d.tag("{%p if volumes %}")
    d.tag("{%p for v in volumes %}")
    d.para("· {{ v }}")
    d.tag("{%p endfor %}")
    d.tag("{%p else %}")
    d.para("协议未载明涉及的人数或者条数，评估人应当向提供方核实。")
    d.tag("{%p endif %}")
    d.tag("{%p if source_categories|any_sensitive %}")
    d.item(
        "敏感个人信息：原协议涉及敏感个人信息，不得提供；确有必要的，须单独评估其特定目的和充分必要性，并取得个人的单独书面同意。"
    )
    d.tag("{%p endif %}")
    d.tag("{%p if cross_border %}")
    d.item(
        "向境外提供：接收方位于{{ overseas_country }}，须另行满足个人信息出境的法定条件并取得个人单独同意。"
    )
    d.tag("{%p endif %}")
    d.section("审查发现的问题")
    d.tag("{%p if findings %}")
    d.table(
        ["序号", "问题"], loops=[("for f in findings", ["{{ loop.index }}", "{{ f }}"])], widths=[2.0, 13.0]
    )
    d.tag("{%p else %}")
    d.para("审查未发现中等及以上风险。")
    d.tag("{%p endif %}")
    d.section("处理目的、处理方式等是否合法、正当、必要")
    d.item(
        "是否具有合法性基础（个人的单独同意），且告知了接收方的名称、联系方式、处理目的、处理方式和个人信息种类？"
    )
    d.item("提供的个人信息是否限于实现处理目的的最小范围？能否只提供匿名化的统计数据？")
    d.item("是否存在转让账号、交付密码、冒用身份或者按人头计价等不正当安排？")
    d.tag("{%p if source_categories|any_sensitive %}")
    d.item(
        "处理敏感个人信息是否具有特定的目的和充分的必要性，是否已告知必要性和对个人权益的影响并取得单独书面同意？"
    )
    d.tag("{%p endif %}")
    d.para(f"评估意见：{BOX} 合法、正当、必要　{BOX} 整改后方可进行　{BOX} 不得进行")
    d.section("对个人权益的影响及安全风险")
    d.item("个人信息被泄露、滥用或者用于诈骗、骚扰的可能性和后果。")
    d.item("个人是否知情，是否存在隐瞒账号易主、以原持有人名义联系个人等侵害知情权和信赖的情形。")
    d.tag("{%p if source_categories|any_sensitive %}")
    d.item("敏感个人信息泄露或者非法使用对人格尊严、人身和财产安全的影响。")
    d.tag("{%p endif %}")
    d.para(f"风险等级：{BOX} 低　{BOX} 中　{BOX} 高")
    d.section("保护措施是否合法、有效并与风险程度相适应")
    d.item("单独同意的取得方式和同意记录的保存。")
    d.item("对接收方的约束：限定处理范围、删除或者返还、安全措施、审计权、处理记录至少保存三年。")
    d.item("敏感个人信息不予提供，或者经评估确有必要时取得单独书面同意。")
    d.para(f"评估意见：{BOX} 措施充分　{BOX} 须补充措施")
    d.section("评估结论")
    d.para(f"{BOX} 可以进行　{BOX} 采取补充措施后可以进行　{BOX} 不得进行")
    d.para("本报告和处理情况记录应当至少保存三年。")
    d.line(f"评估人签字：{LINE}　　日期：{ZH_DATE_LINE}")
    return d


def pia_en() -> Draft:
    d = Draft("en", "Personal Information Protection Impact Assessment")
    d.title("Personal Information Protection Impact Assessment")
    d.para(
        "This report is prepared under Articles 55 and 56 of the Personal Information Protection Law of the People’s "
        "Republic of China before personal information is provided to another processor or sensitive personal "
        "information is processed. Pre-filled entries come from the review of the agreement concerned; the assessor "
        "must verify each of them and complete the assessment."
    )
    d.section("Overview")
    d.tag("{%p if source_title %}")
    d.item(
        "Subject of the assessment: the provision of personal information under “{{ source_title }}”"
        "{% if source_date %} dated {{ source_date }}{% endif %}."
    )
    d.tag("{%p endif %}")
    d.item("Personal information processor (provider): {{ provider_name }}")
    d.item("Recipients: {{ recipients|join('; ') }}")
    d.item(
        "Assessor: {% if assessor %}{{ assessor }}{% else %}" + LINE + "{% endif %}    Date of assessment: "
        "{% if assessment_date %}{{ assessment_date }}{% else %}" + EN_DATE_LINE + "{% endif %}"
    )
    d.section("Description of the processing")
    d.item("Purpose: {{ purpose }}")
    d.item("Method: {{ method }}")
    d.item("Retention: {{ retention }}")
    d.item(
        "Personal information to be provided after this assessment (the minimum the purpose needs): "
        "{{ categories|join(', ') }}."
    )
    d.tag("{%p if source_categories %}")
    d.item("Categories the agreement provides, and their risk levels:")
    d.tag("{%p else %}")
    d.item("Categories to be provided, and their risk levels:")
    d.tag("{%p endif %}")
    d.table(
        [
            "Category",
            "Nature (PIPL art. 28)",
            "Items that make it a serious case (2017 Interpretation art. 5)",
            "Risk",
        ],
        loops=[
            (
                "for c in (source_categories or categories)",
                ["{{ c }}", "{{ c|nature }}", "{{ c|tier }}", "{{ c|risk }}"],
            )
        ],
        widths=[6.0, 3.5, 3.5, 2.0],
    )
    d.para(
        "Risk: sensitive personal information, and whereabouts, content of communications, credit and property "
        "information, of which providing 50 items is a serious case, are high; accommodation, communication "
        "records, health and transaction information (500 items) are elevated; others are ordinary. For "
        "information obtained while providing services, half of these numbers is a serious case (2017 "
        "Interpretation art. 5 ¶1 item 8)."
    )
    d.item("Volumes:")
    d.tag("{%p if volumes %}")
    d.tag("{%p for v in volumes %}")
    d.para("· {{ v }}")
    d.tag("{%p endfor %}")
    d.tag("{%p else %}")
    d.para("The agreement states no number of individuals or records; the assessor must ask the provider.")
    d.tag("{%p endif %}")
    d.tag("{%p if source_categories|any_sensitive %}")
    d.item(
        "Sensitive personal information: the agreement provides sensitive personal information, which must not "
        "be provided; if truly necessary, its specific purpose and sufficient necessity must be assessed "
        "separately and each individual’s separate written consent obtained."
    )
    d.tag("{%p endif %}")
    d.tag("{%p if cross_border %}")
    d.item(
        "Provision abroad: the recipient is in {{ overseas_country }}; the legal conditions for providing "
        "personal information outside mainland China and the individuals’ separate consent are required."
    )
    d.tag("{%p endif %}")
    d.section("Issues found by the review")
    d.tag("{%p if findings %}")
    d.table(
        ["No.", "Issue"], loops=[("for f in findings", ["{{ loop.index }}", "{{ f }}"])], widths=[2.0, 13.0]
    )
    d.tag("{%p else %}")
    d.para("The review found no medium or high risk.")
    d.tag("{%p endif %}")
    d.section("Are the purpose and method lawful, proper and necessary?")
    d.item(
        "Is there a legal basis (each individual’s separate consent), and were the recipient’s name, contact, "
        "purpose, method and categories disclosed?"
    )
    d.item(
        "Is the information limited to the minimum needed for the purpose? Would anonymised statistics do?"
    )
    d.item(
        "Are there improper arrangements: account transfer, password handover, impersonation, per-head pricing?"
    )
    d.tag("{%p if source_categories|any_sensitive %}")
    d.item(
        "Does processing sensitive information have a specific purpose and sufficient necessity, and were the "
        "necessity and impact explained and separate written consent obtained?"
    )
    d.tag("{%p endif %}")
    d.para(
        f"Assessment: {BOX} lawful, proper and necessary   {BOX} only after remediation   {BOX} must not proceed"
    )
    d.section("Impact on individuals’ rights and security risks")
    d.item("Likelihood and consequences of leaks, misuse, fraud or harassment.")
    d.item(
        "Whether individuals know who holds their information, or are misled by an account changing hands or by "
        "contact in the original holder’s name."
    )
    d.tag("{%p if source_categories|any_sensitive %}")
    d.item(
        "Impact of a leak or misuse of sensitive information on dignity and on personal and property safety."
    )
    d.tag("{%p endif %}")
    d.para(f"Risk level: {BOX} low   {BOX} medium   {BOX} high")
    d.section("Are the safeguards lawful, effective and proportionate to the risk?")
    d.item("How separate consent is obtained and how records of consent are kept.")
    d.item(
        "The recipient’s contractual limits: scope, deletion or return, security, audit, records kept at least "
        "three years."
    )
    d.item(
        "Sensitive information not provided, or provided only with separate written consent where necessary."
    )
    d.para(f"Assessment: {BOX} adequate   {BOX} further safeguards needed")
    d.section("Conclusion")
    d.para(f"{BOX} may proceed   {BOX} may proceed after further safeguards   {BOX} must not proceed")
    d.para("This report and the records of processing must be kept for at least three years.")
    d.line(f"Signature of the assessor: {LINE}    Date: {EN_DATE_LINE}")
    return d


# --- build ------------------------------------------------------------------------------------------

BUILDERS: dict[str, dict[str, Callable[[], Draft]]] = {
    "consent-notice": {
        "zh": consent_notice_zh,
        "en": consent_notice_en,
        "zh.guardian": lambda: consent_notice_zh(guardian=True),
        "en.guardian": lambda: consent_notice_en(guardian=True),
    },
    "customer-message": {
        "zh": lambda: customer_message("zh"),
        "en": lambda: customer_message("en"),
        "zh.guardian": lambda: customer_message("zh", guardian=True),
        "en.guardian": lambda: customer_message("en", guardian=True),
    },
    "referral-agreement": {"zh": referral_agreement_zh, "en": referral_agreement_en},
    "data-processing-agreement": {"zh": dpa_zh, "en": dpa_en},
    "pia-report": {"zh": pia_zh, "en": pia_en},
}
TEXTS = {
    "customer-message": {
        f"{lang}.guardian" if guardian else lang: text for (lang, guardian), text in MESSAGE.items()
    }
}


def build_all(out_dir: Path) -> list[Path]:
    """Write every template's .docx (and .txt) files under out_dir/<name>/; return the paths."""
    written: list[Path] = []
    for name, languages in BUILDERS.items():
        folder = out_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        for lang, build in languages.items():
            path = folder / f"{lang}.docx"
            path.write_bytes(build().save())
            written.append(path)
        for lang, text in TEXTS.get(name, {}).items():
            path = folder / f"{lang}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            written.append(path)
    return written


def main(argv: Sequence[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    for path in build_all(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
