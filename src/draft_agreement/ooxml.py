"""OOXML namespaces, tag names and attribute values, in one place so every module reads them the same way."""

from __future__ import annotations

import re

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID_NS = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"

REL_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

NSMAP = {"w": W_NS, "w14": W14_NS, "w15": W15_NS, "mc": MC_NS, "r": R_NS}


def w(local: str) -> str:
    """Clark name of a WordprocessingML element or attribute: w('p') -> '{...main}p'."""
    return f"{{{W_NS}}}{local}"


def qn(prefixed: str) -> str:
    """Clark name from a 'prefix:local' string using NSMAP."""
    prefix, local = prefixed.split(":", 1)
    return f"{{{NSMAP[prefix]}}}{local}"


W_P = w("p")
W_R = w("r")
W_T = w("t")
W_DELTEXT = w("delText")
W_INSTRTEXT = w("instrText")
W_DELINSTRTEXT = w("delInstrText")
W_TAB = w("tab")
W_PTAB = w("ptab")
W_BR = w("br")
W_CR = w("cr")
W_SYM = w("sym")
W_NOBREAKHYPHEN = w("noBreakHyphen")
W_SOFTHYPHEN = w("softHyphen")
W_INS = w("ins")
W_DEL = w("del")
W_MOVEFROM = w("moveFrom")
W_MOVETO = w("moveTo")
W_PPR = w("pPr")
W_RPR = w("rPr")
W_TBL = w("tbl")
W_TR = w("tr")
W_TC = w("tc")
W_SDT = w("sdt")
W_SDTCONTENT = w("sdtContent")
W_HYPERLINK = w("hyperlink")
W_SMARTTAG = w("smartTag")
W_FLDSIMPLE = w("fldSimple")
W_FLDCHAR = w("fldChar")
W_TXBXCONTENT = w("txbxContent")
W_BODY = w("body")
W_RT = w("rt")
W_VAL = w("val")
W_ID = w("id")
W_AUTHOR = w("author")
W_DATE = w("date")
MC_FALLBACK = f"{{{MC_NS}}}Fallback"

# ST_DecimalNumber as Word holds it: a signed 32-bit integer written in ASCII digits. Python's int()
# also takes "²"-like digits, underscores and spaces, and refuses over 4,300 digits with a ValueError.
_DECIMAL = re.compile(r"[+-]?[0-9]{1,64}")
_INT32 = 1 << 31
_HEX = re.compile(r"[0-9A-Fa-f]{1,8}")


def decimal_number(value: str | None) -> int | None:
    """A decimal attribute (w:id, w:val, w:ilvl...) as a number, or None when Word could not hold it."""
    if value is None or not _DECIMAL.fullmatch(value):
        return None
    number = int(value)
    return number if -_INT32 <= number < _INT32 else None


def symbol_char(value: str | None) -> str:
    """The character a w:sym's w:char names (hex), or "" when it names none that XML can carry."""
    if value is None or not _HEX.fullmatch(value):
        return ""
    code = int(value, 16)
    legal = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
    return chr(code) if legal or 0x10000 <= code <= 0x10FFFF else ""
