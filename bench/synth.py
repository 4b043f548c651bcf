"""Synthetic Word agreements for benchmarks, and the speed floor they are measured against.

The floor is what any tool must pay to touch a .docx at all: read the zip, parse every XML part with
lxml, serialise it again and write a new zip. Every benchmark reports its time as a ratio to the floor
measured in the same run, so the figures compare across machines.
"""

from __future__ import annotations

import io
import random
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
    'Target="numbering.xml"/></Relationships>'
)
_NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>'
    "<w:isLgl/></w:lvl></w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)

ORDINARY = [
    "本协议自双方签字盖章之日起生效，一式两份，双方各执一份，具有同等法律效力。",
    "乙方应当按照本协议约定的期限和方式支付服务费用，逾期支付的，每日按未付金额的万分之五支付违约金。",
    "因本协议引起的或与本协议有关的任何争议，双方应友好协商解决；协商不成的，任何一方均可向甲方所在地人民法院提起诉讼。",
    "甲方不得将乙方提供的商业秘密泄露给任何第三方，本条款在本协议终止后继续有效。",
    "The Parties shall perform their obligations under this Agreement in good faith and in a timely manner.",
]
RISKY = [
    "甲方同意将其实名注册的微信账号的全部使用权转让给乙方，并向乙方交付登录密码及支付密码。",
    "甲方应配合乙方解绑原手机号码并换绑至乙方指定的手机号码，并以乙方身份重新完成实名认证。",
    "甲方应将微信好友及客户资源、聊天记录一并移交乙方，包括客户的身份证号码和病历资料。",
    "乙方可继续使用原昵称和头像，以甲方名义发布朋友圈，双方均不告知微信好友账号已转让。",
    "转让价格按每个有效好友20元计算，甲方保证好友数不少于20000人，每少一人扣减20元。",
]


def _run_xml(text: str, rng: random.Random) -> str:
    """A Word-style run: full run properties and rsids, as Word writes them."""
    rsid = f"{rng.randrange(16**8):08X}"
    return (
        f'<w:r w:rsidR="{rsid}" w:rsidRPr="{rsid}"><w:rPr><w:rFonts w:ascii="Times New Roman" '
        'w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="24"/>'
        f'<w:szCs w:val="24"/><w:lang w:eastAsia="zh-CN"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'
    )


def agreement_xml(paragraphs: int, risky_every: int = 0, seed: int = 7) -> bytes:
    """A body of `paragraphs` numbered clauses split into several runs; every `risky_every`-th is risky."""
    rng = random.Random(seed)
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>']
    for i in range(paragraphs):
        pool = RISKY if risky_every and i % risky_every == risky_every - 1 else ORDINARY
        text = pool[rng.randrange(len(pool))]
        cuts = sorted(rng.sample(range(1, len(text)), 3))
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        level = 0 if i % 5 == 0 else 1
        rsid = f"{rng.randrange(16**8):08X}"
        parts.append(
            f'<w:p w:rsidR="{rsid}" w:rsidRDefault="{rsid}"><w:pPr><w:numPr><w:ilvl w:val="{level}"/>'
            '<w:numId w:val="1"/></w:numPr><w:spacing w:line="360" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr>'
            + "".join(_run_xml(piece, rng) for piece in pieces)
            + "</w:p>"
        )
    parts.append("<w:sectPr/></w:body></w:document>")
    return "".join(parts).encode("utf-8")


def write_agreement(path: Path, paragraphs: int, risky_every: int = 0) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        z.writestr("word/numbering.xml", _NUMBERING)
        z.writestr("word/document.xml", agreement_xml(paragraphs, risky_every))
    return path


def identifier_paragraph(characters: int, seed: int = 7) -> str:
    """A customer list pasted as one paragraph: valid resident IDs, mobiles and bank cards, `characters` long.

    IDs carry a GB 11643 check digit and a real birth date, cards a Luhn digit and a UnionPay prefix, so
    every number is one the detectors report.
    """
    from stdnum import luhn
    from stdnum.cn import ric

    rng = random.Random(seed)
    entries: list[str] = []
    size = 0
    while size < characters:
        first17 = f"3202{rng.randrange(1, 9):02d}{rng.randrange(1950, 2005)}{rng.randrange(1, 13):02d}"
        first17 += f"{rng.randrange(1, 29):02d}{rng.randrange(1000):03d}"
        card = f"622202{rng.randrange(10**9):09d}"
        entry = (
            f"客户{len(entries) + 1}：身份证{first17 + ric.calc_check_digit(first17 + '0')}，"
            f"手机13{rng.randrange(5, 10)}{rng.randrange(10**8):08d}，银行卡{card + luhn.calc_check_digit(card)}；"
        )
        entries.append(entry)
        size += len(entry)
    return "".join(entries)[:characters]


def write_paragraph(path: Path, text: str) -> Path:
    """A package whose body is the one paragraph `text`."""
    body = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'
        f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p><w:sectPr/></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        z.writestr("word/numbering.xml", _NUMBERING)
        z.writestr("word/document.xml", body.encode("utf-8"))


# Paragraphs that mention accounts, passwords or personal information the compliant way: the
# prefilter finds its words in them, the rules find nothing (negated, consented, safeguarded).
COMPLIANT = [
    "甲方不得向任何第三方转让其微信账号，亦不得披露登录密码。",
    "双方不得以任何方式收集、买卖客户的个人信息。",
    "乙方处理个人信息应当取得个人的单独同意，并采取加密等安全措施。",
    "任何一方均不得冒用对方名义发布信息。",
    "The Buyer shall not obtain the Seller's account password or customers' personal information.",
    "乙方不得要求甲方解绑手机号码或变更实名认证信息。",
    "甲方保证其提供的客户联系方式已取得客户同意，且仅用于本协议约定的目的。",
]


def write_lean_agreement(path: Path, paragraphs: int, risky_share: float = 0.3, seed: int = 11) -> Path:
    """A python-docx agreement: lean XML (one run a paragraph, no rsids), finding-dense.

    Each clause is three sentences long, as real clauses are. In `risky_share` of them one sentence
    speaks of accounts, credentials or personal data: a real risk (RISKY) in one of six, the
    compliant way (COMPLIANT) otherwise, so the prefilter passes them all and findings are dense
    (about 2,000 in 20,000 paragraphs). Every tenth paragraph is an article heading.
    """
    from docx import Document

    rng = random.Random(seed)
    doc = Document()
    doc.add_heading("账号转让协议", level=1)
    for i in range(paragraphs):
        if i % 10 == 0:
            doc.add_paragraph(f"第{i // 10 + 1}条 约定事项")
            continue
        sentences = [ORDINARY[rng.randrange(len(ORDINARY))] for _ in range(3)]
        if rng.random() < risky_share:
            pool = RISKY if rng.random() < 1 / 6 else COMPLIANT
            sentences[rng.randrange(3)] = pool[rng.randrange(len(pool))]
        doc.add_paragraph(f"{i % 10}. " + "".join(sentences))
    doc.save(str(path))
    return path


def floor(path: Path) -> None:
    """Read the zip, parse every XML part, serialise it and write a new zip in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith((".xml", ".rels")):
                data = etree.tostring(
                    etree.fromstring(data), xml_declaration=True, encoding="UTF-8", standalone=True
                )
            zout.writestr(info, data)


def best_of(
    fn: Callable[[], object], repeat: int = 5, clock: Callable[[], float] = time.perf_counter
) -> float:
    """The fastest of `repeat` runs: the least disturbed measurement on a shared machine.

    `clock=time.process_time` measures CPU time, which other processes on the machine do not inflate.
    """
    best = float("inf")
    for _ in range(repeat):
        t = clock()
        fn()
        best = min(best, clock() - t)
    return best


if __name__ == "__main__":
    # `python synth.py --floor FILE`: the floor alone, in a process of its own (bench/speed.py measures its memory).
    import sys

    if sys.argv[1:2] != ["--floor"] or len(sys.argv) != 3:
        raise SystemExit("usage: synth.py --floor FILE.docx")
    floor(Path(sys.argv[2]))
