"""Drafts in the agreement's script: a Traditional-Chinese agreement gets Traditional annexes.

The templates are written in Simplified Chinese. For a zh-Hant agreement every text of the rendered
draft goes through OpenCC's Simplified-to-Traditional conversion (phrase-aware, the package's existing
dependency), then through the few legal terms where OpenCC's generic choice is not the one contracts
use (帳號, not 賬號). The terms of PRC law the notice cites (個人信息, 告知同意) are kept as that law
writes them.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache

from lxml import etree

from draft_agreement.ooxml import W_T
from draft_agreement.package import parse_xml

_TERMS = {"賬號": "帳號", "賬戶": "帳戶", "賬号": "帳號", "爲": "為"}  # 爲: OpenCC's old form
_TERM = re.compile("|".join(map(re.escape, _TERMS)))
_PARTS = re.compile(r"word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml\Z")


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def] - opencc has no type hints
    from opencc import OpenCC

    return OpenCC("s2t")


def to_traditional(text: str) -> str:
    return _TERM.sub(lambda m: _TERMS[m.group()], _converter().convert(text))


def traditional_package(data: bytes) -> bytes:
    """The same package with every text in Traditional characters."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if _PARTS.match(info.filename):
                root = parse_xml(body, info.filename)
                for node in root.iter(W_T):
                    if node.text:
                        node.text = to_traditional(node.text)
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
