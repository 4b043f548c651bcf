"""A changed display equation recorded inside one equation, not as one deleted and one inserted.

The comparer treats an equation as one object, so a changed equation first comes out as
``<w:del><m:oMathPara>OLD</m:oMathPara></w:del><w:ins><m:oMathPara>NEW</m:oMathPara></w:ins>``.
Word resolves that either way, but LibreOffice, on rejecting, drops the paragraph that held the
inserted equation and gives the next paragraph its centred alignment (and likewise on accepting).
Recording the change inside one ``m:oMath`` (``<w:del>`` OLD's content ``<w:ins>`` NEW's content),
as Word itself records edits to an equation, resolves the same in both applications.
"""

from __future__ import annotations

from lxml import etree

from draft_agreement.comparing.pieces import M_NS, M_OMATH, M_OMATHPARA
from draft_agreement.ooxml import W_DEL, W_INS

_M_OMATHPARAPR = f"{{{M_NS}}}oMathParaPr"


def _only_equation(wrapper: etree._Element | None, tag: str) -> etree._Element | None:
    """The m:oMath of a revision wrapper holding one display equation of one line, else None."""
    if wrapper is None or wrapper.tag != tag:
        return None
    children = [c for c in wrapper if isinstance(c.tag, str)]
    if len(children) != 1 or children[0].tag != M_OMATHPARA:
        return None
    lines = [c for c in children[0] if isinstance(c.tag, str) and c.tag != _M_OMATHPARAPR]
    if len(lines) != 1 or lines[0].tag != M_OMATH:
        return None
    return lines[0]


def merge_equation_replacements(p: etree._Element) -> None:
    """Rewrite each deleted equation followed by an inserted one, in `p`, as one equation whose
    content is deleted and inserted; the revision wrappers keep their ids, authors and dates."""
    for deleted in list(p.iter(W_DEL)):
        old_math = _only_equation(deleted, W_DEL)
        inserted = deleted.getnext()
        new_math = _only_equation(inserted, W_INS)
        if old_math is None or new_math is None:
            continue
        equation = new_math.getparent()
        deleted.addprevious(equation)
        for child in list(deleted):
            deleted.remove(child)
        for child in list(old_math):
            deleted.append(child)
        for child in list(new_math):
            inserted.append(child)
        new_math.append(deleted)
        new_math.append(inserted)
