"""Drafts in the agreement's words and script: a Taiwan agreement gets 個人資料 in Traditional annexes.

The templates are written in Simplified Chinese. Every text of the rendered draft first takes the
agreement's own words (deal/words.py: 个人资料 for 个人信息, 联络 for 联系, as the redline's inserted
clauses do; the names of PRC laws, 个人信息保护法, stay as PIPL writes them). For a zh-Hant agreement it
then goes through OpenCC's Simplified-to-Traditional conversion (phrase-aware, the package's existing
dependency), and through the few legal terms where OpenCC's generic choice is not the one contracts
use (帳號, not 賬號). OpenCC gives Traditional characters, not Taiwan's words: those come from the pairs.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from functools import lru_cache

from lxml import etree

from draft_agreement.deal.words import OwnWords
from draft_agreement.ooxml import W_T
from draft_agreement.package import parse_xml

_TERMS = {"賬號": "帳號", "賬戶": "帳戶", "賬号": "帳號", "爲": "為", "羣": "群"}  # 爲, 羣: OpenCC's old ones
_TERM = re.compile("|".join(map(re.escape, _TERMS)))
_PARTS = re.compile(r"word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml\Z")


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def] - opencc has no type hints
    from opencc import OpenCC

    return OpenCC("s2t")


def to_traditional(text: str) -> str:
    return _TERM.sub(lambda m: _TERMS[m.group()], _converter().convert(text))


def written(text: str, script: str, own: OwnWords | None = None) -> str:
    """`text` in the agreement's own words, then in its script (zh-Hant: Traditional characters)."""
    if own is not None:
        text = own.rewrite(text)
    return to_traditional(text) if script == "zh-Hant" and text else text


def rewritten_package(data: bytes, rewrite: Callable[[str], str]) -> bytes:
    """The same package with `rewrite` applied to every text of its stories."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if _PARTS.match(info.filename):
                root = parse_xml(body, info.filename)
                for node in root.iter(W_T):
                    if node.text:
                        node.text = rewrite(node.text)
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
