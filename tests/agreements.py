"""Generated agreement pairs for compare: an OLD version, and a NEW one made from it by edits of every
kind a negotiation produces, in Chinese or English, from a few clauses to thousands.

An agreement has a title, the parties, automatically numbered articles (第一条 / 1.) with sub-clauses,
amounts, dates and party labels, a schedule table, a header, a footer and footnotes. The other side's
counsel ("Counterparty Counsel") has already left tracked insertions and deletions and comments in the
original; NEW keeps them, as a file that went back and forth does. The edits are applied to a small
abstract model, and both versions are written from it, so each test knows exactly what changed.
"""

from __future__ import annotations

import copy
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OTHER = "Counterparty Counsel"
OTHER_DATE = "2025-06-01T09:00:00Z"
EDIT_KINDS = (
    "replace",
    "insert-words",
    "delete-words",
    "insert-paragraph",
    "delete-paragraph",
    "move-paragraph",
    "bold",
    "alignment",
    "insert-row",
    "delete-row",
    "cell",
    "header",
    "footer",
    "footnote",
)

ZH = {
    "title": "微信账号转让协议",
    "parties": ["甲方（转让方）：张三", "乙方（受让方）：李四"],
    "signatures": ["甲方（签字）：", "乙方（签字）："],
    "headings": [
        "转让标的",
        "转让价款",
        "交付方式",
        "双方权利义务",
        "保密条款",
        "违约责任",
        "争议解决",
        "其他",
    ],
    "sentences": [
        "甲方同意将其实名注册的微信账号的使用权转让给乙方。",
        "转让价款为人民币50万元（¥500,000.00），大写伍拾万元整。",
        "乙方应于2021年3月1日前向甲方支付全部转让价款。",
        "甲方应在收到价款后三日内向乙方交付登录密码。",
        "任何一方违反本协议约定的，应向守约方支付违约金10万元。",
        "因本协议引起的争议，双方应友好协商解决；协商不成的，提交甲方所在地人民法院诉讼解决。",
        "本协议自双方签字之日起生效，一式两份，甲乙双方各执一份。",
        "转让方保证对该账号享有合法的处分权，且该账号不存在任何权利瑕疵。",
        "受让方承诺不以转让方名义从事任何违法活动。",
        "双方应对本协议内容及履行过程中知悉的对方商业秘密承担保密义务。",
    ],
    "replacements": [
        ("50万元", "60万元"),
        ("甲方", "乙方"),
        ("2021年3月1日", "2021年4月15日"),
        ("三日", "五日"),
        ("10万元", "20万元"),
        ("伍拾万元整", "陆拾万元整"),
        ("转让方", "受让方"),
        ("¥500,000.00", "¥600,000.00"),
    ],
    "insertions": ["并经乙方书面确认", "（含税）", "且不得转授权第三方", "按月"],
    "table": [["序号", "账号", "价款"], ["1", "wx_zhangsan", "30万元"], ["2", "wx_shop", "20万元"]],
    "header": "保密文件",
    "footer": "账号转让协议 第一稿",
    "footnotes": ["价款含全部税费。", "以银行到账时间为准。"],
    "comment": "请确认价款是否含税。",
    "numbering": ("chineseCounting", "第%1条", "%1.%2"),
}
EN = {
    "title": "Account Transfer Agreement",
    "parties": ["Party A (Seller): John Smith", "Party B (Buyer): Jane Doe"],
    "signatures": ["Signed for Party A:", "Signed for Party B:"],
    "headings": [
        "Subject",
        "Price",
        "Delivery",
        "Obligations",
        "Confidentiality",
        "Breach",
        "Disputes",
        "Miscellaneous",
    ],
    "sentences": [
        "The Seller agrees to transfer the right to use the account to the Buyer.",
        "The price is USD 500,000.00, payable in two instalments.",
        "The Buyer shall pay the price in full before 2021-03-01.",
        "The Seller shall deliver the login credentials within three days after payment.",
        "A party in breach shall pay liquidated damages of USD 100,000 to the other party.",
        "Any dispute shall be settled amicably; failing that, it shall be submitted to the courts of the Seller's domicile.",
        "This Agreement takes effect on signature and is made in two counterparts.",
        "The Seller warrants that it is entitled to dispose of the account free of any encumbrance.",
        "The Buyer undertakes not to act in the Seller's name for any unlawful purpose.",
        "Each party shall keep confidential the other party's trade secrets learnt under this Agreement.",
    ],
    "replacements": [
        ("USD 500,000.00", "USD 600,000.00"),
        ("Seller", "Buyer"),
        ("2021-03-01", "2021-04-15"),
        ("three days", "five days"),
        ("two", "three"),
        ("Party A", "Party B"),
    ],
    "insertions": [
        "with the Buyer's written consent",
        "(tax included)",
        "and shall not sublicense it",
        "monthly",
    ],
    "table": [["No.", "Account", "Price"], ["1", "wx_john", "USD 300,000"], ["2", "wx_shop", "USD 200,000"]],
    "header": "Confidential",
    "footer": "Account Transfer Agreement, first draft",
    "footnotes": ["The price includes all taxes.", "As received by the bank."],
    "comment": "Please confirm whether the price includes tax.",
    "numbering": ("decimal", "%1.", "%1.%2"),
}


@dataclass
class Run:
    text: str
    bold: bool = False
    rev: str | None = None  # "ins" / "del": a tracked change by OTHER
    footnote: int | None = None  # a footnote reference run (text unused)


@dataclass
class Para:
    runs: list[Run]
    level: int | None = None  # automatic numbering level (0 article, 1 sub-clause)
    jc: str | None = None
    style: str | None = None
    comment: bool = False  # OTHER commented the paragraph

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs if r.footnote is None)


@dataclass
class Table:
    rows: list[list[str]]


@dataclass
class Agreement:
    lang: str
    blocks: list[Para | Table]
    header: str
    footer: str
    footnotes: list[str]
    log: list[str] = field(default_factory=list)  # the edits applied, for a failing test's message


def agreement(paragraphs: int, lang: str = "zh", seed: int = 1, prior: bool = True) -> Agreement:
    """An original of about `paragraphs` paragraphs; with `prior`, OTHER's mark-up is already in it."""
    words = ZH if lang == "zh" else EN
    rng = random.Random(seed)
    blocks: list[Para | Table] = [Para([Run(words["title"], bold=True)], jc="center")]
    blocks += [Para([Run(p)]) for p in words["parties"]]
    heading = 0
    footnotes_left = len(words["footnotes"])
    while len(blocks) < paragraphs:
        blocks.append(Para([Run(words["headings"][heading % len(words["headings"])])], level=0))
        heading += 1
        for _ in range(rng.randint(2, 4)):
            sentence = rng.choice(words["sentences"])
            runs = _split_runs(sentence, rng)
            if footnotes_left and rng.random() < 0.2:
                footnotes_left -= 1
                runs.append(Run("", footnote=len(words["footnotes"]) - footnotes_left))
            blocks.append(Para(runs, level=1))
        if heading == 2:
            blocks.append(Table([list(r) for r in words["table"]]))
    blocks += [Para([Run(p)]) for p in words["signatures"]]  # Word never ends a body with a table
    doc = Agreement(lang, blocks, words["header"], words["footer"], list(words["footnotes"]))
    if prior:
        _prior_markup(doc, rng)
    return doc


def _split_runs(text: str, rng: random.Random) -> list[Run]:
    if len(text) < 8:
        return [Run(text)]
    cut = rng.randrange(3, len(text) - 3)
    return [Run(text[:cut]), Run(text[cut:])]


def _prior_markup(doc: Agreement, rng: random.Random) -> None:
    """OTHER's tracked insertions and deletions and comments in a few clauses."""
    words = ZH if doc.lang == "zh" else EN
    clauses = [b for b in doc.blocks if isinstance(b, Para) and b.level == 1]
    for para in rng.sample(clauses, min(len(clauses), max(2, len(clauses) // 15))):
        choice = rng.random()
        if choice < 0.4:
            para.runs.append(Run(rng.choice(words["insertions"]), rev="ins"))
        elif choice < 0.8:
            last = para.runs[-1]
            if last.footnote is None and len(last.text) > 4:
                para.runs[-1:] = [Run(last.text[:-3]), Run(last.text[-3:], rev="del")]
        else:
            para.comment = True
    for para in rng.sample(clauses, min(len(clauses), 2)):
        para.comment = True


# -- edits ---------------------------------------------------------------------------------------------


def _plain(doc: Agreement) -> list[int]:
    """Indexes of clauses without OTHER's mark-up, comments or notes: where our edits go."""
    return [
        i
        for i, b in enumerate(doc.blocks)
        if isinstance(b, Para)
        and b.level == 1
        and not b.comment
        and all(r.rev is None and r.footnote is None for r in b.runs)
    ]


def edited(doc: Agreement, kinds: list[str], seed: int = 2) -> Agreement:
    """A copy of `doc` with one edit of each kind in `kinds` (repeats allowed), in different clauses."""
    new = copy.deepcopy(doc)
    new.log = []
    rng = random.Random(seed)
    words = ZH if doc.lang == "zh" else EN
    used: set[int] = set()

    def pick() -> Para | None:
        free = [i for i in _plain(new) if i not in used]
        if not free:
            return None
        i = rng.choice(free)
        used.add(i)
        return new.blocks[i]  # type: ignore[return-value]

    for kind in kinds:
        para = (
            pick()
            if kind
            in (
                "replace",
                "insert-words",
                "delete-words",
                "bold",
                "alignment",
                "move-paragraph",
                "delete-paragraph",
            )
            else None
        )
        if kind == "replace" and para is not None:
            text = para.text
            options = [(a, b) for a, b in words["replacements"] if a in text]
            if options:
                a, b = rng.choice(options)
                para.runs = _split_runs(text.replace(a, b, 1), rng)
        elif kind == "insert-words" and para is not None:
            text = para.text
            at = _word_boundary(text, rng, doc.lang)
            gap = "" if doc.lang == "zh" else " "
            para.runs = _split_runs(text[:at] + rng.choice(words["insertions"]) + gap + text[at:], rng)
        elif kind == "delete-words" and para is not None:
            text = para.text
            for a, _ in words["replacements"]:
                if a in text and len(text) > len(a) + 2:
                    para.runs = _split_runs(text.replace(a, "", 1), rng)
                    break
        elif kind == "bold" and para is not None:
            para.runs[0].bold = not para.runs[0].bold
        elif kind == "alignment" and para is not None:
            para.jc = "right" if para.jc != "right" else None
        elif kind == "delete-paragraph" and para is not None:
            new.blocks.remove(para)
            used.clear()
        elif kind == "move-paragraph" and para is not None:
            new.blocks.remove(para)
            free = _plain(new)
            new.blocks.insert(rng.choice(free) + 1 if free else 3, para)
            used.clear()
        elif kind == "insert-paragraph":
            free = _plain(new)
            at = rng.choice(free) + 1 if free else len(new.blocks)
            new.blocks.insert(
                at,
                Para(
                    [
                        Run(
                            rng.choice(words["sentences"]).replace("。", "，另行约定。")
                            if doc.lang == "zh"
                            else "The parties may agree otherwise in writing."
                        )
                    ],
                    level=1,
                ),
            )
            used.clear()
        elif kind in ("insert-row", "delete-row", "cell"):
            table = next((b for b in new.blocks if isinstance(b, Table)), None)
            if table is None:
                continue
            if kind == "insert-row":
                table.rows.insert(len(table.rows), [str(len(table.rows)), "wx_new", words["table"][1][2]])
            elif kind == "delete-row" and len(table.rows) > 2:
                del table.rows[1]
            elif kind == "cell":
                table.rows[-1][2] = table.rows[-1][2].replace("20", "25")
        elif kind == "header":
            new.header += "（修订）" if doc.lang == "zh" else " (revised)"
        elif kind == "footer":
            new.footer = new.footer.replace("第一稿", "第二稿").replace("first", "second")
        elif kind == "footnote":
            new.footnotes[0] = new.footnotes[0].replace("全部", "").replace("all ", "")
        new.log.append(kind)
    return new


def _word_boundary(text: str, rng: random.Random, lang: str) -> int:
    if lang == "zh":
        spots = [i + 1 for i, ch in enumerate(text[:-1]) if ch in "，；："] or [len(text) - 1]
    else:
        spots = [i for i, ch in enumerate(text) if ch == " "] or [len(text) - 1]
    return rng.choice(spots)


# -- writing -------------------------------------------------------------------------------------------

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}header" Target="header1.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}footer" Target="footer1.xml"/>'
    f'<Relationship Id="rId5" Type="{_REL}footnotes" Target="footnotes.xml"/>'
    f'<Relationship Id="rId6" Type="{_REL}comments" Target="comments.xml"/>'
    "</Relationships>"
)
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/></w:rPr></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/></w:style>'
    '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    "</w:styles>"
)


def _numbering(lang: str) -> str:
    fmt, top, sub = (ZH if lang == "zh" else EN)["numbering"]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}">'
        '<w:abstractNum w:abstractNumId="0">'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{top}"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="{sub}"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


class _Writer:
    def __init__(self) -> None:
        self.next_id = 100
        self.comments: list[str] = []

    def rev_id(self) -> int:
        self.next_id += 1
        return self.next_id


def _run_xml(run: Run, writer: _Writer) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if run.bold else ""
    if run.footnote is not None:
        return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{run.footnote}"/></w:r>'
    space = ' xml:space="preserve"' if run.text != run.text.strip() else ""
    if run.rev == "del":
        body = f"<w:r>{rpr}<w:delText{space}>{escape(run.text)}</w:delText></w:r>"
        return f'<w:del w:id="{writer.rev_id()}" w:author="{OTHER}" w:date="{OTHER_DATE}">{body}</w:del>'
    body = f"<w:r>{rpr}<w:t{space}>{escape(run.text)}</w:t></w:r>"
    if run.rev == "ins":
        return f'<w:ins w:id="{writer.rev_id()}" w:author="{OTHER}" w:date="{OTHER_DATE}">{body}</w:ins>'
    return body


def _para_xml(para: Para, writer: _Writer) -> str:
    props = ""
    if para.style:
        props += f'<w:pStyle w:val="{para.style}"/>'
    if para.level is not None:
        props += f'<w:numPr><w:ilvl w:val="{para.level}"/><w:numId w:val="1"/></w:numPr>'
    if para.jc:
        props += f'<w:jc w:val="{para.jc}"/>'
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    runs = "".join(_run_xml(r, writer) for r in para.runs)
    if para.comment:
        cid = writer.rev_id()
        writer.comments.append(
            f'<w:comment w:id="{cid}" w:author="{OTHER}" w:date="{OTHER_DATE}" w:initials="CC"><w:p><w:r>'
            f"<w:t>{escape((ZH if any(ord(c) > 0x2E80 for c in para.text) else EN)['comment'])}</w:t></w:r></w:p></w:comment>"
        )
        runs = (
            f'<w:commentRangeStart w:id="{cid}"/>{runs}<w:commentRangeEnd w:id="{cid}"/>'
            f'<w:r><w:commentReference w:id="{cid}"/></w:r>'
        )
    return f"<w:p>{ppr}{runs}</w:p>"


def _table_xml(table: Table) -> str:
    rows = "".join(
        "<w:tr>"
        + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{escape(c)}</w:t></w:r></w:p></w:tc>'
            for c in row
        )
        + "</w:tr>"
        for row in table.rows
    )
    grid = "".join('<w:gridCol w:w="3000"/>' for _ in table.rows[0])
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>'


def write(doc: Agreement, path: Path) -> Path:
    writer = _Writer()
    body = "".join(_para_xml(b, writer) if isinstance(b, Para) else _table_xml(b) for b in doc.blocks)
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:footerReference w:type="default" r:id="rId4"/>'
        '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f"<w:body>{body}{sect}</w:body></w:document>"
    )
    notes = "".join(
        f'<w:footnote w:id="{i + 1}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(t)}</w:t></w:r></w:p></w:footnote>'
        for i, t in enumerate(doc.footnotes)
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f"{notes}</w:footnotes>"
    )
    comments = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W_NS}">{"".join(writer.comments)}</w:comments>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", _STYLES)
        z.writestr("word/numbering.xml", _numbering(doc.lang))
        z.writestr(
            "word/header1.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{W_NS}"><w:p><w:r><w:t>{escape(doc.header)}</w:t></w:r></w:p></w:hdr>',
        )
        z.writestr(
            "word/footer1.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{W_NS}"><w:p><w:r><w:t>{escape(doc.footer)}</w:t></w:r></w:p></w:ftr>',
        )
        z.writestr("word/footnotes.xml", footnotes)
        z.writestr("word/comments.xml", comments)
    return path


def pair(
    folder: Path,
    paragraphs: int,
    lang: str,
    seed: int = 1,
    kinds: list[str] | None = None,
    prior: bool = True,
) -> tuple[Path, Path]:
    """Write OLD and NEW (every edit kind by default) into `folder`; returns their paths."""
    old = agreement(paragraphs, lang, seed, prior)
    new = edited(old, list(kinds if kinds is not None else EDIT_KINDS), seed + 1)
    return write(old, folder / f"{lang}-{paragraphs}-old.docx"), write(
        new, folder / f"{lang}-{paragraphs}-new.docx"
    )
