"""LibreOffice, an independent implementation, resolves our comparisons as we do: its accept-all of the
redline reads like NEW and its reject-all like OLD (each as LibreOffice itself resolves them), in text
and in body formatting (alignment, weight, posture, underline), and it opens every output.

Every WC pair of the corpus is compared one way (older -> newer, the other way round is the same pair
of files), with the generated agreement pairs that carry the other side's mark-up.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from draft_agreement.api import compare
from tests.agreements import pair
from tests.corpus import CORPUS, require, wc_pairs
from tests.libreoffice import LibreOffice, Seen, normalised

DATE = "2026-01-01T00:00:00Z"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
# As in test_compare_corpus: no representation resolves these both ways (see the reasons there); and
# LibreOffice, unlike Word, keeps the empty paragraph left by a table copied as deleted after a
# paragraph whose mark it cannot merge.
_IMPOSSIBLE = {
    "WC010-Para-Before-Table-Unmodified",
    "WC010-Para-Before-Table-Mod",
    "WC063-Footnote",
    "WC063-Footnote-Mod",
}


def _one_way() -> list[tuple[Path, Path]]:
    seen: set[frozenset[str]] = set()
    out = []
    for old, new in wc_pairs():
        key = frozenset((old.name, new.name))
        if key in seen or old.stem in _IMPOSSIBLE and new.stem in _IMPOSSIBLE:
            continue
        seen.add(key)
        out.append((old, new))
    return out


def _unplaceheld(text: str) -> str:
    return text.replace("\u200d", "").replace("\u200b", "")


def _text(stories: dict[str, list[str]], notes_too: bool = True) -> dict[str, object]:
    """LibreOffice's text of each story, read as tests/libreoffice.normalised reads it, with its own
    placeholders set aside (U+200D in an empty table row whose deletion it tracks, U+200B where a
    drawing inside a tracked change is anchored), and notes compared as the set of their texts: it
    numbers notes in import order."""
    out: dict[str, object] = {}
    notes: list[str] = []
    for name, text in normalised(stories).items():
        text = " ".join(_unplaceheld(text).split())
        if name.startswith(("footnote:", "endnote:")):
            if text:
                notes.append(text)
        else:
            out[name] = text
    if notes_too:
        out["notes"] = sorted(notes)
    return out


def _formats(rows: list | None) -> list:
    """The body's text as (text, weight, posture, underline, alignment) pieces, equal neighbours merged
    across paragraph boundaries: LibreOffice joins or keeps an emptied paragraph depending on what
    surrounds it (see tests/libreoffice.normalised), which must not read as a formatting change."""
    pieces: list[list[object]] = []
    for alignment, portions in rows or []:
        for text, *rest in portions:
            text = " ".join(_unplaceheld(text).split())
            if not text:
                continue
            key = [*rest, alignment]
            if pieces and pieces[-1][1:] == key:
                pieces[-1][0] = f"{pieces[-1][0]} {text}"
            else:
                pieces.append([text, *key])
    return pieces


def _body(redline: Path) -> etree._Element:
    with zipfile.ZipFile(redline) as z:
        return etree.fromstring(z.read("word/document.xml"))


_TRACKED = (W + "ins", W + "del", W + "moveFrom", W + "moveTo")


def _moves_a_note_anchor(body: etree._Element) -> bool:
    """Whether a footnote or endnote reference is itself inserted or deleted. LibreOffice then does not
    resolve the note as Word does (accepting the deletion of one anchor empties another note), so only
    our own accept/reject, which follows Word, judges those notes (test_compare_corpus)."""
    return any(
        anc.tag in _TRACKED
        for ref in body.iter(W + "footnoteReference", W + "endnoteReference")
        for anc in ref.iterancestors()
    )


def _removes_an_equation(body: etree._Element, tag: str) -> bool:
    """Whether a display equation (m:oMathPara) sits whole inside a tracked `tag` (w:del: accepting
    removes it; w:ins: rejecting does). LibreOffice centres a paragraph that holds a display equation
    even when the equation is tracked as removed, and the paragraph it joins keeps that alignment, so
    the formatting of that view is judged by our own Word-semantics accept/reject only
    (test_compare_corpus); its text is still compared here. A changed equation is recorded inside
    the equation (comparing/equations.py) and stays fully checked."""
    return any(anc.tag == W + tag for eq in body.iter(M + "oMathPara") for anc in eq.iterancestors())


def _check(office: LibreOffice, pairs: list[tuple[Path, Path, Path]]) -> list[str]:
    files = sorted({str(p) for triple in pairs for p in triple})
    seen: dict[str, Seen] = {s.path: s for s in office.read(*map(Path, files), formats=True)}
    problems = []
    for old, new, out in pairs:
        o, n, x = seen[str(old)], seen[str(new)], seen[str(out)]
        body = _body(out)
        notes = not _moves_a_note_anchor(body)
        if _text(x.accepted, notes) != _text(n.accepted, notes):
            problems.append(f"{new.name}: accepted text differs")
        if _text(x.rejected, notes) != _text(o.rejected, notes):
            problems.append(f"{old.name}: rejected text differs")
        accepted = _formats(x.accepted_formats) != _formats(n.accepted_formats)
        if accepted and not _removes_an_equation(body, "del"):
            problems.append(f"{new.name}: accepted formatting differs")
        rejected = _formats(x.rejected_formats) != _formats(o.rejected_formats)
        if rejected and not _removes_an_equation(body, "ins"):
            problems.append(f"{old.name}: rejected formatting differs")
    return problems


def test_libreoffice_resolves_every_wc_comparison_as_we_do(libreoffice: LibreOffice, tmp_path: Path) -> None:
    require(CORPUS / "WC")
    triples = []
    for i, (old, new) in enumerate(_one_way()):
        out = tmp_path / f"{i:03d}-{new.stem}.docx"
        compare(old, new, out, date=DATE)
        triples.append((old, new, out))
    assert len(triples) >= 100
    assert _check(libreoffice, triples) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_resolves_agreement_comparisons_with_prior_markup(
    libreoffice: LibreOffice, lang: str, tmp_path: Path
) -> None:
    triples = []
    for n in (50, 400):
        old, new = pair(tmp_path, n, lang, seed=n)
        out = tmp_path / f"{lang}-{n}-redline.docx"
        compare(old, new, out, date=DATE)
        triples.append((old, new, out))
    assert _check(libreoffice, triples) == []
