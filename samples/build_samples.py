"""Generate the bundled sample agreements, byte for byte reproducibly.

The samples are test fixtures and demo inputs, so they must exercise the Word features real agreements
use (automatic numbering, tables, headers and footers, fields, another author's tracked change and
comment, East-Asian fonts, runs split mid-sentence) and must never drift: every date, rsid, id and zip
timestamp is fixed, so running this script twice gives identical files.

Usage: python samples/build_samples.py [OUT_DIR]   (default: the folder holding this script)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import sys
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

SAMPLES_AUTHOR = "draft-agreement samples"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
A4_WIDTH, A4_HEIGHT = Twips(11906), Twips(16838)
RSID_SESSIONS = 5
RT_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


# --- fictional identifiers --------------------------------------------------------------------------

_GB11643_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def resident_id(body: str) -> str:
    """Append the GB 11643 check character, so the fake IDs look real to checksum detectors."""
    total = sum(int(digit) * weight for digit, weight in zip(body, _GB11643_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


# --- paragraph mark-up ------------------------------------------------------------------------------
# Clause text is written with a tiny mark-up so the prose stays readable:
#   **bold**  __underline__  | run split (a later edit session)  {+inserted+} {-deleted-} by the
#   reviewer  [[anchor]] of the reviewer's comment.

_MARK = re.compile(r"(\*\*|__|\||\{\+|\+\}|\{-|-\}|\[\[|\]\])")
_CHANGE_OPEN = {"{+": "ins", "{-": "del"}


@dataclass(frozen=True)
class Segment:
    """A stretch of text with uniform formatting, revision state and edit session."""

    text: str
    bold: bool
    underline: bool
    change: str | None
    anchored: bool
    session: int


def parse_markup(markup: str) -> Iterator[Segment]:
    """Split mark-up into segments; each segment becomes one run."""
    bold = underline = anchored = False
    change: str | None = None
    session = 0
    for token in _MARK.split(markup):
        if token == "**":
            bold = not bold
        elif token == "__":
            underline = not underline
        elif token == "|":
            session += 1
        elif token in _CHANGE_OPEN:
            change = _CHANGE_OPEN[token]
        elif token in ("+}", "-}"):
            change = None
        elif token in ("[[", "]]"):
            anchored = token == "[["
        elif token:
            yield Segment(token, bold, underline, change, anchored, session)


# --- document specification -------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """One level of the clause numbering (numbering.xml w:lvl)."""

    num_fmt: str
    text: str
    indent: dict[str, str]
    suffix: str = "tab"
    legal: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Reviewer:
    """The other author whose tracked change and comment are already in the draft."""

    author: str
    initials: str
    date: dt.datetime
    comment: str


@dataclass(frozen=True)
class Spec:
    """Everything about a sample that is not its prose."""

    title: str
    subject: str
    language: str
    created: dt.datetime
    latin_font: str
    east_asia_font: str | None
    heading_east_asia_font: str | None
    font_size: Pt
    levels: tuple[Level, Level]
    header: tuple[str, str]
    footer: str
    reviewer: Reviewer


def _el(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    """Make a w: element with w: attributes, optionally appended to parent."""
    element = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    if parent is not None:
        parent.append(element)
    return element


def _fixed_id(seed: str, index: int) -> str:
    """An 8-hex-digit value derived from the seed, so rsids and nsids are stable across runs."""
    return "00" + hashlib.sha256(f"{seed}/{index}".encode()).hexdigest()[:6].upper()


class AgreementWriter:
    """Builds one agreement: python-docx for the skeleton, lxml for what python-docx cannot write."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.doc: DocxDocument = Document()
        self._rsids = [_fixed_id(spec.title, i) for i in range(RSID_SESSIONS)]
        self._num_id = self._install_numbering()
        self._drop_styles_with_effects()
        self._set_up_styles()
        self._set_up_page()

    # -- public building blocks --

    def title(self, text: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(18)
        self._fill(paragraph, f"**{text}**", heading=True, size=Pt(18))

    def para(self, markup: str, *, align: WD_ALIGN_PARAGRAPH | None = None, keep_next: bool = False) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = align
        if keep_next:
            paragraph.paragraph_format.keep_with_next = True
        self._fill(paragraph, markup)

    def article(self, heading: str, clauses: Sequence[str]) -> None:
        """A level-0 numbered heading followed by its level-1 numbered clauses."""
        self._numbered(0, f"**{heading}**", heading=True)
        for clause in clauses:
            self._numbered(1, clause)

    def page_break(self) -> None:
        self.doc.add_page_break()

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], weights: Sequence[int]) -> None:
        """A schedule table; weights share the text width between the columns."""
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = [Emu(self._text_width() * weight // sum(weights)) for weight in weights]
        _el("tblHeader", table.rows[0]._tr.get_or_add_trPr())
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            self._cell(cell.paragraphs[0], text, bold=True)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                self._cell(cell.paragraphs[0], text, bold=False)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width

    def build(self) -> bytes:
        self._set_up_header_footer()
        self._number_revisions()
        self._write_settings()
        self._write_core_properties()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _freeze_zip(buffer.getvalue(), self.spec.created)

    # -- runs and paragraphs --

    def _numbered(self, level: int, markup: str, *, heading: bool = False) -> None:
        paragraph = self.doc.add_paragraph()
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = self._num_id
        if heading:
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_before = Pt(6)
        self._fill(paragraph, markup, heading=heading)

    def _cell(self, paragraph: Paragraph, text: str, *, bold: bool) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        self._fill(paragraph, f"**{text}**" if bold else text)

    def _fill(
        self, paragraph: Paragraph, markup: str, *, heading: bool = False, size: Pt | None = None
    ) -> None:
        """Write mark-up into a paragraph as runs, with rsids as Word would leave them after editing."""
        base = self._rsids[0]
        for attr in ("rsidR", "rsidRDefault", "rsidP"):
            paragraph._p.set(qn(f"w:{attr}"), base)
        anchor: list[Run] = []
        wrapper: etree._Element | None = None
        for segment in parse_markup(markup):
            run = paragraph.add_run(segment.text)
            self._format(run, bold=segment.bold, underline=segment.underline, heading=heading, size=size)
            if segment.session:
                run._r.set(qn("w:rsidR"), self._rsids[segment.session % RSID_SESSIONS])
            wrapper = self._track(run, segment.change, wrapper) if segment.change else None
            if segment.anchored:
                anchor.append(run)
        if anchor:
            self._comment(anchor)

    def _format(
        self,
        run: Run,
        *,
        bold: bool = False,
        underline: bool = False,
        heading: bool = False,
        size: Pt | None = None,
    ) -> None:
        """Direct run formatting with every font slot, as Chinese templates carry it."""
        run.font.name = self.spec.latin_font
        east_asia = self.spec.heading_east_asia_font if heading else self.spec.east_asia_font
        if east_asia:
            fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:eastAsia"), east_asia)
            if _CJK.search(run.text):
                fonts.set(qn("w:hint"), "eastAsia")
        if bold:
            run.bold = True
        if underline:
            run.underline = True
        if size is not None:
            run.font.size = size

    def _track(self, run: Run, kind: str, previous: etree._Element | None) -> etree._Element:
        """Wrap the run in the reviewer's w:ins or w:del, extending the previous wrapper if adjacent."""
        r = run._r
        if previous is not None and previous.tag == qn(f"w:{kind}") and r.getprevious() is previous:
            wrapper = previous
        else:
            reviewer = self.spec.reviewer
            wrapper = _el(kind, id="0", author=reviewer.author, date=_w3c(reviewer.date))
            r.addprevious(wrapper)
        wrapper.append(r)
        if kind == "del":
            for text in r.findall(qn("w:t")):
                text.tag = qn("w:delText")
        return wrapper

    def _comment(self, runs: list[Run]) -> None:
        reviewer = self.spec.reviewer
        comment = self.doc.add_comment(
            runs, text=reviewer.comment, author=reviewer.author, initials=reviewer.initials
        )
        comment._comment_elm.date = reviewer.date
        for paragraph in comment.paragraphs:
            for run in paragraph.runs:
                if run.text:
                    self._format(run)

    # -- package-level parts --

    def _install_numbering(self) -> int:
        """Add the clause numbering as a new abstractNum/num pair in numbering.xml."""
        numbering = self.doc.part.numbering_part.element
        used = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        abstract_id = max(used, default=-1) + 1
        abstract = _el("abstractNum", abstractNumId=str(abstract_id))
        _el("nsid", abstract, val=_fixed_id(self.spec.title, 99))
        _el("multiLevelType", abstract, val="multilevel")
        for index, level in enumerate(self.spec.levels):
            self._append_level(abstract, index, level)
        first_num = numbering.find(qn("w:num"))
        if first_num is None:
            numbering.append(abstract)
        else:
            first_num.addprevious(abstract)
        return numbering.add_num(abstract_id).numId

    def _append_level(self, abstract: etree._Element, index: int, level: Level) -> None:
        # Child order follows the schema (CT_Lvl): start, numFmt, isLgl, suff, lvlText, lvlJc, pPr, rPr.
        lvl = _el("lvl", abstract, ilvl=str(index))
        _el("start", lvl, val="1")
        _el("numFmt", lvl, val=level.num_fmt)
        if level.legal:
            _el("isLgl", lvl)
        _el("suff", lvl, val=level.suffix)
        _el("lvlText", lvl, val=level.text)
        _el("lvlJc", lvl, val="left")
        _el("ind", _el("pPr", lvl), **level.indent)
        r_pr = _el("rPr", lvl)
        fonts = _el("rFonts", r_pr, ascii=self.spec.latin_font, hAnsi=self.spec.latin_font)
        east_asia = self.spec.heading_east_asia_font if level.bold else self.spec.east_asia_font
        if east_asia:
            fonts.set(qn("w:eastAsia"), east_asia)
        if level.bold:
            _el("b", r_pr)

    def _drop_styles_with_effects(self) -> None:
        """Drop the template's Word 2010 copy of the styles: once styles.xml changes it is stale, and Word
        then repairs the file."""
        for r_id, rel in list(self.doc.part.rels.items()):
            if rel.reltype == RT_STYLES_WITH_EFFECTS:
                self.doc.part.drop_rel(r_id)

    def _set_up_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = self.spec.latin_font
        normal.font.size = self.spec.font_size
        r_pr = normal.element.get_or_add_rPr()
        if self.spec.east_asia_font:
            r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), self.spec.east_asia_font)
        _el("lang", r_pr, val="en-US", eastAsia=self.spec.language)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.25
        # python-docx's comments reference these two styles but its template does not define them.
        comment_text = styles.add_style("annotation text", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        comment_text.style_id = "CommentText"
        comment_text.base_style = normal
        comment_text.font.size = Pt(10)
        comment_ref = styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER, builtin=True)
        comment_ref.style_id = "CommentReference"
        comment_ref.font.size = Pt(8)

    def _set_up_page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
        section.top_margin = section.bottom_margin = Twips(1440)
        section.left_margin = section.right_margin = Twips(1800)

    def _text_width(self) -> Emu:
        section = self.doc.sections[0]
        return Emu(section.page_width - section.left_margin - section.right_margin)

    def _set_up_header_footer(self) -> None:
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        tab_stops = header.paragraph_format.tab_stops
        # The template's Header style has Letter-size tab stops; clear them so the right one sits at
        # A4's right margin.
        for inherited in header.style.paragraph_format.tab_stops:
            tab_stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
        tab_stops.add_tab_stop(self._text_width(), WD_TAB_ALIGNMENT.RIGHT)
        left, right = self.spec.header
        self._fill(header, f"{left}\t**{right}**")
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for index, piece in enumerate(re.split(r"\{(PAGE|NUMPAGES)\}", self.spec.footer)):
            if index % 2:
                self._field(footer, piece)
            elif piece:
                self._format(footer.add_run(piece))

    def _field(self, paragraph: Paragraph, instruction: str) -> None:
        """A complex field (begin/instr/separate/result/end), as Word writes page numbers."""
        for part in ("begin", "instr", "separate", "result", "end"):
            run = paragraph.add_run("1" if part == "result" else "")
            self._format(run)
            if part == "instr":
                instr = _el("instrText", run._r)
                instr.set(XML_SPACE, "preserve")
                instr.text = f" {instruction} "
            elif part != "result":
                _el("fldChar", run._r, fldCharType=part)

    def _number_revisions(self) -> None:
        """Give revisions ids above the comment ids: one id space for the whole package."""
        next_id = max((c.comment_id for c in self.doc.comments), default=-1) + 1
        body = self.doc.element.body
        for revision in body.iter(qn("w:ins"), qn("w:del")):
            revision.set(qn("w:id"), str(next_id))
            next_id += 1

    def _write_settings(self) -> None:
        """Declare our rsids beside the template's, which its section properties still carry."""
        settings = self.doc.settings.element
        rsids = settings.find(qn("w:rsids"))
        declared = rsids.findall(qn("w:rsid"))
        values = {rsid.get(qn("w:val")) for rsid in declared} | set(self._rsids)
        for rsid in declared:
            rsids.remove(rsid)
        for value in sorted(values):
            _el("rsid", rsids, val=value)
        settings.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), self.spec.language)

    def _write_core_properties(self) -> None:
        core = self.doc.core_properties
        core.title = self.spec.title
        core.subject = self.spec.subject
        core.author = core.last_modified_by = SAMPLES_AUTHOR
        core.comments = "Fictional sample agreement generated by samples/build_samples.py."
        core.category = "sample agreement"
        core.keywords = "draft-agreement; sample"
        core.language = self.spec.language
        core.created = core.modified = self.spec.created
        core.revision = 1


def _w3c(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _freeze_zip(data: bytes, moment: dt.datetime) -> bytes:
    """Rewrite the package with fixed entry dates and attributes; python-docx stamps 'now'."""
    stamp = moment.astimezone(dt.UTC).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


# --- shared facts -----------------------------------------------------------------------------------

SELLER_ZH = "程某某"
SELLER_ID = resident_id("32028119900612381")
SELLER_PHONE = "13961170258"
BUYER_ZH = "某某医疗美容门诊部"
BUYER_HEAD = "赵某某"
BUYER_HEAD_ID = resident_id("32028119891105051")
BUYER_PHONE = "13701526839"
BUYER_ADDRESS = "江苏省江阴市某某路88号"

ZH_LEVELS = (
    Level("chineseCounting", "第%1条", {"left": "0", "firstLine": "0"}, suffix="space", bold=True),
    Level("decimal", "%1.%2", {"left": "0", "firstLine": "420"}, suffix="space", legal=True),
)
EN_LEVELS = (
    Level("decimal", "%1.", {"left": "567", "hanging": "567"}, bold=True),
    Level("decimal", "%1.%2", {"left": "1134", "hanging": "567"}),
)


def _zh_spec(title: str, subject: str, created: dt.datetime, reviewer: Reviewer) -> Spec:
    return Spec(
        title=title,
        subject=subject,
        language="zh-CN",
        created=created,
        latin_font="Times New Roman",
        east_asia_font="宋体",
        heading_east_asia_font="黑体",
        font_size=Pt(10.5),
        levels=ZH_LEVELS,
        header=(title, "保密"),
        footer="第 {PAGE} 页 共 {NUMPAGES} 页",
        reviewer=reviewer,
    )


def _utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)


# --- sample 1: the Jiangyin-style WeChat account sale ------------------------------------------------

WECHAT_ACCOUNTS = [
    ("chenggw_2016", "程顾问·医美", "13961170258", 2486),
    ("cheng-meiyan88", "程程医美分享", "13606163592", 2731),
    ("cgw_yimei", "程顾问2号", "13775248036", 2215),
    ("chengyimei_vip", "小程变美日记", "19826041837", 2968),
    ("cmy_beauty01", "程顾问·轻医美", "16673805214", 2354),
    ("chenggw-jy", "医美小程", "17351928406", 2807),
    ("cheng_skin520", "程顾问3号", "13921574630", 2143),
    ("chengmei_club", "程某某美学顾问", "15152816094", 2659),
    ("cgw_newface", "程顾问VIP", "18861507329", 2592),
]

CUSTOMERS = [
    ("张三", "32028119920314271", "13861530472", "双眼皮成形术"),
    ("李四", "32028219940722158", "15061827394", "玻尿酸填充"),
    ("王五", "32058319950912246", "18762915038", "隆鼻术"),
    ("赵六", "32010219920118462", "17715203846", "光子嫩肤"),
    ("钱七", "32048119970405083", "19951730628", "水光针注射"),
    ("孙八", "32021119930221184", "13584026719", "吸脂塑形"),
    ("周九", "32028119890627346", "18206153947", "自体脂肪填充"),
    ("吴十", "32128119980910125", "15952867013", "热玛吉紧致"),
]


def wechat_account_transfer_zh() -> bytes:
    """The deal the Jiangyin court voided, written out as the parties might have signed it."""
    title = "微信账号及客户资源转让协议"
    writer = AgreementWriter(
        _zh_spec(
            title,
            "微信账号及客户资源转让（示例，虚构）",
            _utc(2019, 9, 18, 1, 30),
            Reviewer(
                "王律师",
                "王",
                _utc(2019, 9, 20, 7, 42),
                "依微信软件许可及服务协议，账号使用权仅属于初始申请注册人，不得转让。请评估本条效力风险。",
            ),
        )
    )
    writer.title(title)
    writer.para("合同编号：JY-WX-20190922", align=WD_ALIGN_PARAGRAPH.RIGHT)
    writer.para(f"**转让方（甲方）：**{SELLER_ZH}")
    writer.para(f"身份证号码：{SELLER_ID}　　联系电话：{SELLER_PHONE}")
    writer.para("住址：江苏省江阴市澄江街道某某花园某幢某室")
    writer.para(f"**受让方（乙方）：**{BUYER_ZH}")
    writer.para(f"负责人：{BUYER_HEAD}　　身份证号码：{BUYER_HEAD_ID}　　联系电话：{BUYER_PHONE}")
    writer.para(f"地址：{BUYER_ADDRESS}")
    writer.para("鉴于：", keep_next=True)
    writer.para(
        "（一）甲方系从事医疗美容咨询工作多年的医美顾问，以本人身份实名注册并长期使用9个微信号，"
        "通过上述微信号积累了大量医美客户资源；"
    )
    writer.para("（二）乙方系依法设立的医疗美容机构，因业务拓展需要，拟受让上述微信号及其承载的客户资源。")
    writer.para(
        "甲乙双方本着平等自愿、诚实信用的原则，经友好协商，就微信账号及客户资源转让事宜达成如下协议，"
        "以资共同遵守。"
    )
    writer.article(
        "转让标的",
        [
            "甲方同意将其实名注册并使用的[[9个微信号（明细见附件一）的全部使用权转让给乙方]]，转让完成后，"
            "上述微信号由乙方独占使用、管理和收益。",
            "转让范围包括上述微信号内的全部微信好友、|客户资源、聊天记录、朋友圈内容及微信群，"
            "甲方不得另行保留、备份或转移。",
        ],
    )
    writer.article(
        "转让价款及支付方式",
        [
            "本协议项下转让价款总额为人民币**500,000元（大写：伍拾万元整）**。",
            "转让价款按有效好友数量计算，**每个有效好友按人民币25元计**，以20,000个有效好友为计价基数。",
            "乙方应按下列方式支付转让价款：本协议签订当日支付人民币300,000元；2020年3月22日前支付人民币"
            "100,000元；2020年9月22日前支付人民币100,000元。",
            "乙方以银行转账方式向甲方另行书面指定的账户付款。",
        ],
    )
    writer.article(
        "账号交付",
        [
            "甲方应于本协议签订当日向乙方交付全部微信号的登录密码{+、支付密码+}，并在乙方登录、|修改设置时"
            "及时提供手机验证码。",
            "甲方应配合解除各微信号与甲方本人手机号码的绑定，并将其改绑至乙方指定的__乙方亲属手机号码__。",
            "甲方应配合乙方以乙方负责人或其亲属的身份重新完成实名认证及人脸识别验证。",
            "交付完成后，甲方不得以任何方式找回、申诉或冻结上述微信号，亦不得以遗失密码、|账号被盗等理由"
            "向平台申请恢复。",
        ],
    )
    writer.article(
        "客户资源移交",
        [
            "甲方应将各微信号中的全部好友及客户资源完整移交乙方；与客户的聊天记录（含客户发送的身份证号码、"
            "出生日期、家庭住址等信息）应完整保留于账号内，供乙方查阅使用。",
            "甲方应另行向乙方提供客户的就诊病历、术前照片等医疗资料，并整理客户名单一份（见附件二）。",
        ],
    )
    writer.article(
        "账号使用",
        [
            "乙方受让后可继续使用各微信号原有的昵称和头像，并有权以甲方名义发布朋友圈、与客户沟通及推介"
            "乙方服务。",
            "双方均不得告知客户上述微信号已经转让的事实；客户询问时，甲方应配合乙方作出解释，|维持客户对"
            "原账号的信任。",
        ],
    )
    writer.article(
        "甲方保证",
        [
            "甲方保证9个微信号合计**有效好友不少于20,000个**。本协议所称有效好友，是指真实、活跃且近六个月内"
            "与账号有过互动的自然人用户。",
            "经乙方核查有效好友不足20,000个的，每缺少一个有效好友，转让价款相应减少人民币25元，乙方有权从"
            "未付款项中直接扣除。",
            "甲方保证上述微信号不存在被平台封禁、限制登录或限制功能等情形。",
        ],
    )
    writer.article(
        "保密",
        [
            "双方对本协议内容及履行过程中知悉的对方经营信息负有保密义务，未经对方书面同意不得向第三方披露。",
            "甲方不得将乙方的商业秘密泄露给第三方。",
        ],
    )
    writer.article(
        "违约责任",
        [
            "乙方逾期付款的，每逾期一日，应按逾期金额的万分之五向甲方支付违约金。",
            "甲方违反本协议第三条、第四条约定的，应退还乙方已付款项，并赔偿乙方由此遭受的损失。",
        ],
    )
    writer.article(
        "争议解决",
        [
            "因本协议引起的或与本协议有关的争议，双方应友好协商解决；协商不成的，任何一方均可向乙方所在地"
            "人民法院提起诉讼。",
        ],
    )
    writer.article(
        "其他",
        [
            "本协议自双方签字（盖章）之日起生效。",
            "本协议附件为本协议不可分割的组成部分，与本协议正文具有同等法律效力。",
            "本协议一式两份，甲乙双方各执一份，具有同等法律效力。",
        ],
    )
    writer.para("（以下无正文）", align=WD_ALIGN_PARAGRAPH.CENTER)
    writer.para(f"甲方（签字）：{SELLER_ZH}")
    writer.para(f"身份证号码：{SELLER_ID}")
    writer.para(f"联系电话：{SELLER_PHONE}")
    writer.para(f"乙方（盖章）：{BUYER_ZH}")
    writer.para(f"负责人（签字）：{BUYER_HEAD}")
    writer.para(f"身份证号码：{BUYER_HEAD_ID}")
    writer.para(f"联系电话：{BUYER_PHONE}")
    writer.para("签订日期：2019年9月22日　　签订地点：江苏省江阴市")
    writer.page_break()
    writer.para("**附件一：微信号明细**", keep_next=True)
    rows = [
        [str(i), wxid, nickname, phone, str(friends)]
        for i, (wxid, nickname, phone, friends) in enumerate(WECHAT_ACCOUNTS, start=1)
    ]
    rows.append(["合计", "", "", "", str(sum(account[3] for account in WECHAT_ACCOUNTS))])
    writer.table(["序号", "微信号", "昵称", "绑定手机", "好友数"], rows, [6, 20, 20, 16, 10])
    writer.para("")
    writer.para("**附件二：客户名单**", keep_next=True)
    writer.table(
        ["序号", "姓名", "身份证号", "手机号", "就诊项目"],
        [
            [str(i), name, resident_id(body), phone, treatment]
            for i, (name, body, phone, treatment) in enumerate(CUSTOMERS, start=1)
        ],
        [6, 10, 24, 16, 16],
    )
    writer.para("注：以上客户资料由甲方根据聊天记录整理，乙方应以原微信号与上述客户继续联系。")
    return writer.build()


# --- sample 2: an English influencer-account sale ----------------------------------------------------

EN_ACCOUNTS = [
    ("Instagram", "@mia.glowdiary", "Mia Glow Diary", 71480, "mia.lin@example.com"),
    ("TikTok", "@miaglowdiary", "Mia · Glow Diary", 56930, "mia.lin@example.com"),
]


def social_media_account_sale_en() -> bytes:
    """The same risks in an English contract, plus a cross-border element (Singapore servers)."""
    title = "Social Media Account Purchase Agreement"
    writer = AgreementWriter(
        Spec(
            title=title,
            subject="Sale of Instagram and TikTok accounts (fictional sample)",
            language="en-US",
            created=_utc(2024, 2, 26, 8, 0),
            latin_font="Times New Roman",
            east_asia_font=None,
            heading_east_asia_font=None,
            font_size=Pt(11),
            levels=EN_LEVELS,
            header=(title, "CONFIDENTIAL"),
            footer="Page {PAGE} of {NUMPAGES}",
            reviewer=Reviewer(
                "Jane Counsel",
                "JC",
                _utc(2024, 2, 27, 14, 5),
                "Instagram's terms forbid buying, selling or transferring any aspect of an "
                "account. Please confirm the client accepts this risk.",
            ),
        )
    )
    writer.title(title.upper())
    writer.para(
        "This Social Media Account Purchase Agreement (the “Agreement”) is made on 3 March 2024 between:"
    )
    writer.para(
        f"(1) **Mia Lin** (the “Seller”), holder of PRC Resident Identity Card No. "
        f"{resident_id('44030519930618204')}, of Nanshan District, Shenzhen, People’s Republic of "
        "China, telephone +86 138 6153 0472, e-mail mia.lin@example.com; and"
    )
    writer.para(
        "(2) **Lumen Brand Studio Pte. Ltd.** (the “Buyer”), a company incorporated in Singapore, "
        "e-mail legal@lumen-brand.example."
    )
    writer.para("**Background**", keep_next=True)
    writer.para(
        "(A) The Seller operates the Instagram account @mia.glowdiary and the TikTok account "
        "@miaglowdiary, through which she has built a skincare and beauty audience."
    )
    writer.para(
        "(B) The Buyer wishes to acquire the Accounts and their audience to promote its clients’ "
        "beauty products."
    )
    writer.para("It is agreed as follows:")
    writer.article(
        "Sale of the Accounts",
        [
            "The Seller agrees to sell, and the Buyer agrees to buy, [[all of the Seller’s rights in the "
            "Instagram account @mia.glowdiary and the TikTok account @miaglowdiary]] (together, the "
            "“Accounts”), as described in Schedule 1.",
            "The sale includes all followers, posts, stories, saved content and direct messages (“DMs”) of "
            "the Accounts, and |all audience data that the Seller can export from them.",
            "“Handover Date” means the third Business Day after the date of this Agreement, and “Business "
            "Day” means a day on which banks are open for general business in Singapore.",
        ],
    )
    writer.article(
        "Purchase Price",
        [
            "The purchase price is **USD 40,000** (forty thousand United States dollars), calculated at "
            "USD 0.40 per real follower on the basis of 100,000 followers.",
            "The Buyer shall pay USD 20,000 on signing and USD 20,000 within five Business Days after the "
            "Handover Date.",
        ],
    )
    writer.article(
        "Handover",
        [
            "On the Handover Date the Seller shall deliver to the Buyer the login credentials (username and "
            "password) of each Account and the two-factor authentication (2FA) codes{+ and backup codes+} "
            "needed to sign in.",
            "The Seller shall replace the recovery e-mail address and phone number of each Account with "
            "those designated by the Buyer, and shall not later attempt to recover or reclaim any Account.",
        ],
    )
    writer.article(
        "Followers and Messages",
        [
            "Within three days after the Handover Date the Seller shall export the complete follower list "
            "and all DMs of each Account and deliver them to the Buyer in CSV format.",
            "The Buyer will store the exported follower list and DMs on its servers located in Singapore "
            "and may use them to contact the followers.",
        ],
    )
    writer.article(
        "Use of the Accounts",
        [
            "After handover the Buyer may keep the handle, name and profile photo of each Account and may "
            "post as the Seller.",
            "Neither party shall announce the change of ownership to the followers, and the Seller shall "
            "not tell any follower |that the Accounts have been sold.",
        ],
    )
    writer.article(
        "Seller’s Warranties",
        [
            "The Seller warrants that the Accounts together have a __minimum of 100,000 real followers__, "
            "meaning genuine and active human users who are not bots or purchased followers.",
            "If the Buyer’s audit shows fewer than 100,000 real followers, the purchase price shall be "
            "reduced by USD 0.40 for each missing follower.",
            "No Account is suspended, restricted or subject to an unresolved copyright or community "
            "guidelines strike.",
        ],
    )
    writer.article(
        "Confidentiality",
        [
            "The Seller shall not disclose the Buyer’s confidential information to any third party.",
            "Each party shall keep the terms of this Agreement confidential, except as required by law.",
        ],
    )
    writer.article(
        "Notices",
        [
            "Notices under this Agreement shall be in writing and sent by e-mail to the addresses set out "
            "above, and take effect on the next Business Day after sending.",
        ],
    )
    writer.article(
        "Governing Law and Jurisdiction",
        [
            "This Agreement is governed by the laws of Singapore.",
            "The courts of Singapore have exclusive jurisdiction over any dispute arising out of or in "
            "connection with this Agreement.",
        ],
    )
    writer.article(
        "General",
        [
            "This Agreement is the entire agreement between the parties about its subject matter.",
            "This Agreement may be signed in counterparts, each of which is an original.",
        ],
    )
    writer.para("Signed by the Seller: ______________________  Mia Lin")
    writer.para("Signed for and on behalf of the Buyer: ______________________  Daniel Tan, Director")
    writer.page_break()
    writer.para("**Schedule 1 — The Accounts**", keep_next=True)
    rows = [
        [platform, handle, name, f"{followers:,}", email]
        for platform, handle, name, followers, email in EN_ACCOUNTS
    ]
    rows.append(["Total", "", "", f"{sum(account[3] for account in EN_ACCOUNTS):,}", ""])
    header = ["Platform", "Handle", "Display name", "Followers", "Recovery e-mail (before handover)"]
    writer.table(header, rows, [12, 18, 18, 12, 26])
    return writer.build()


# --- sample 3: the compliant restructuring -----------------------------------------------------------


def customer_referral_zh() -> bytes:
    """The lawful way to do the Jiangyin deal: referral with individual notice and separate consent."""
    title = "客户推荐合作协议"
    writer = AgreementWriter(
        _zh_spec(
            title,
            "医美客户推荐合作（示例，虚构）",
            _utc(2021, 5, 28, 2, 0),
            Reviewer(
                "王律师",
                "王",
                _utc(2021, 5, 31, 6, 20),
                "保存期限请与乙方合规负责人确认，并与个人信息保护影响评估报告的保存期限保持一致。",
            ),
        )
    )
    writer.title(title)
    writer.para(f"**推荐方（甲方）：**{SELLER_ZH}")
    writer.para(f"身份证号码：{SELLER_ID}　　联系电话：{SELLER_PHONE}")
    writer.para(f"**接收方（乙方）：**{BUYER_ZH}")
    writer.para(f"负责人：{BUYER_HEAD}　　联系电话：{BUYER_PHONE}")
    writer.para(f"地址：{BUYER_ADDRESS}")
    writer.para("鉴于：", keep_next=True)
    writer.para("（一）甲方系独立执业的医美顾问，以本人身份实名注册并使用微信号，为客户提供医美咨询服务；")
    writer.para(
        "（二）乙方系依法设立的医疗美容机构，希望甲方在客户知情并同意的前提下，向乙方推荐有就医意向的客户。"
    )
    writer.para(
        "双方依据《中华人民共和国民法典》《中华人民共和国个人信息保护法》等法律法规，经协商一致，订立本协议。"
    )
    writer.article(
        "合作内容",
        [
            "甲方在提供医美咨询服务过程中，向有就医意向的客户介绍乙方的资质、服务项目及联系方式；客户自愿"
            "选择是否前往乙方就诊。",
            "甲方的全部微信号始终由甲方本人持有和使用，乙方使用其自有的实名账号与客户联系。",
        ],
    )
    writer.article(
        "客户告知与同意",
        [
            "甲方应以一对一的方式逐一告知客户：乙方的名称和联系方式、推荐的目的、乙方处理个人信息的方式、"
            "拟向乙方提供的个人信息种类（仅限姓名、联系电话及咨询意向），以及客户撤回同意的方式。",
            "仅在客户**单独、明确**表示同意后，甲方方可向乙方推荐该客户；客户未回复或表示拒绝的，视为不同意，"
            "甲方不得向乙方提供其任何信息。",
            "乙方仅通过客户主动添加乙方工作人员账号的方式与客户建立联系{-，甲方亦可将客户微信名片批量推送给"
            "乙方-}。",
            "甲方不向乙方提供客户的病历、术前照片等医疗健康信息；确需此类信息的，由客户本人在就诊时直接向乙方"
            "提供，并由乙方依法另行取得客户的书面同意。",
            "甲方应保存每位客户的告知与同意记录，包括告知内容、|同意的时间和方式。",
        ],
    )
    writer.article(
        "服务费",
        [
            "乙方按甲方实际完成的推荐咨询服务次数向甲方支付服务费，收费标准见附件一。",
            "服务费不以客户人数、好友数量或个人信息条数计算。",
            "乙方应于每月10日前结清上月服务费。",
        ],
    )
    writer.article(
        "乙方的个人信息保护义务",
        [
            "乙方仅可在客户同意的目的、方式和范围内处理客户个人信息；超出该范围的，应重新取得客户同意。",
            "客户撤回同意或要求删除的，乙方应在十五个工作日内删除其个人信息，并书面告知甲方。",
            "乙方应采取加密存储、访问权限控制、操作日志等必要的安全措施，防止客户个人信息泄露、篡改或丢失。",
            "甲方有权每年对乙方履行本条义务的情况进行一次审计，乙方应提供必要的资料和协助。",
            "双方应妥善保存告知同意记录及推荐记录，[[保存期限不少于三年]]。",
        ],
    )
    writer.article(
        "账号与身份",
        [
            "双方各自以本人或本单位实名注册的账号开展工作，乙方不得冒用甲方身份，不得使用甲方的昵称、头像"
            "与客户联系。",
            "任何一方不得转让、出租、出借其账号，或向对方提供账号密码、验证码。",
        ],
    )
    writer.article("保密", ["乙方不得将甲方的商业秘密泄露给第三方。"])
    writer.article(
        "违约责任",
        [
            "任何一方违反本协议约定的，应赔偿对方因此遭受的损失；乙方违反本协议第四条约定的，甲方有权"
            "__立即解除__本协议。",
        ],
    )
    writer.article(
        "争议解决",
        [
            "因本协议引起的争议，双方应协商解决；协商不成的，任何一方均可向江阴市人民法院提起诉讼。",
        ],
    )
    writer.article(
        "其他",
        [
            "本协议自双方签字（盖章）之日起生效，有效期一年。",
            "本协议一式两份，甲乙双方各执一份，具有同等法律效力。",
        ],
    )
    writer.para("（以下无正文）", align=WD_ALIGN_PARAGRAPH.CENTER)
    writer.para(f"甲方（签字）：{SELLER_ZH}　　联系电话：{SELLER_PHONE}")
    writer.para(f"乙方（盖章）：{BUYER_ZH}　　负责人（签字）：{BUYER_HEAD}")
    writer.para("签订日期：2021年6月1日　　签订地点：江苏省江阴市")
    writer.page_break()
    writer.para("**附件一：服务费标准**", keep_next=True)
    writer.table(
        ["序号", "服务项目", "计费方式", "标准（元/次）"],
        [
            ["1", "首次就医咨询陪同", "按次", "300"],
            ["2", "治疗方案讲解", "按次", "200"],
            ["3", "就诊后满意度回访", "按次", "150"],
        ],
        [8, 30, 14, 16],
    )
    return writer.build()


SAMPLES: dict[str, Callable[[], bytes]] = {
    "wechat-account-transfer.zh.docx": wechat_account_transfer_zh,
    "social-media-account-sale.en.docx": social_media_account_sale_en,
    "customer-referral-agreement.zh.docx": customer_referral_zh,
}


def build_all(out_dir: Path) -> list[Path]:
    """Write every sample into out_dir and return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in SAMPLES.items():
        path = out_dir / name
        path.write_bytes(build())
        written.append(path)
    return written


def main(argv: Sequence[str]) -> int:
    out_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent
    for path in build_all(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
