"""Generated zh/en agreement pairs, 50 to 5,000 paragraphs, every edit kind, originals that already carry
the other side's tracked changes and comments.

Accept-all gives NEW and reject-all OLD; the other side's revisions and comments are in the redline
exactly as in NEW; moves are marked as moves with well-formed range markers; automatic numbering stays
automatic (NEW's numbering part untouched, every numbered paragraph still numbered by it).
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from draft_agreement.api import compare
from tests.agreements import EDIT_KINDS, OTHER, pair
from tests.compare_oracle import differences

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2026-01-01T00:00:00Z"
SIZES = (50, 500, 5000)


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _their_revisions(root: etree._Element) -> Counter[tuple[str, str, str]]:
    """OTHER's revisions as (kind, date, text): what must survive the comparison unchanged."""
    found: Counter[tuple[str, str, str]] = Counter()
    for el in root.iter(W + "ins", W + "del"):
        if el.get(W + "author") != OTHER or el.getparent().tag == W + "rPr":
            continue
        text = "".join(t.text or "" for t in el.iter(W + "t", W + "delText"))
        found[(etree.QName(el).localname, el.get(W + "date"), text)] += 1
    return found


def _comments(path: Path) -> list[tuple[str | None, str]]:
    root = _part(path, "word/comments.xml")
    return [
        (c.get(W + "author"), "".join(t.text or "" for t in c.iter(W + "t")))
        for c in root.iter(W + "comment")
    ]


def _anchored(root: etree._Element) -> list[str]:
    """The text each comment range covers, in the current view."""
    out = []
    for start in root.iter(W + "commentRangeStart"):
        cid = start.get(W + "id")
        p = start.getparent()
        text, inside = [], False
        for node in p.iter():
            if node.tag == W + "commentRangeStart" and node.get(W + "id") == cid:
                inside = True
            elif node.tag == W + "commentRangeEnd" and node.get(W + "id") == cid:
                break
            elif inside and node.tag == W + "t":
                text.append(node.text or "")
        out.append("".join(text))
    return out


@pytest.fixture(
    scope="module", params=[(n, lang) for n in SIZES for lang in ("zh", "en")], ids=lambda p: f"{p[1]}-{p[0]}"
)
def compared(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, Path, dict]:
    n, lang = request.param
    folder = tmp_path_factory.mktemp(f"{lang}{n}")
    old, new = pair(folder, n, lang, seed=n)
    out = folder / "redline.docx"
    outcome = compare(old, new, out, date=DATE)
    return old, new, out, outcome.report


def test_accept_gives_new_and_reject_gives_old(compared: tuple) -> None:
    old, new, out, _ = compared
    assert differences(old, new, out) == []


def test_the_other_sides_revisions_and_comments_are_kept(compared: tuple) -> None:
    _, new, out, _ = compared
    body_new, body_out = _part(new, "word/document.xml"), _part(out, "word/document.xml")
    assert _their_revisions(body_new) and _their_revisions(body_out) == _their_revisions(body_new)
    assert _comments(out) == _comments(new) and _comments(new)
    assert _anchored(body_out) == _anchored(body_new)


def test_moves_are_marked_as_moves_with_paired_ranges(compared: tuple) -> None:
    _, _, out, report = compared
    body = _part(out, "word/document.xml")
    assert report["summary"]["moved"] >= 1
    for kind in ("moveFrom", "moveTo"):
        starts = {el.get(W + "id"): el.get(W + "name") for el in body.iter(W + f"{kind}RangeStart")}
        ends = [el.get(W + "id") for el in body.iter(W + f"{kind}RangeEnd")]
        assert starts and sorted(starts) == sorted(ends)
        assert all(el.get(W + "author") and el.get(W + "date") for el in body.iter(W + f"{kind}RangeStart"))
    names = lambda kind: sorted(el.get(W + "name") for el in body.iter(W + f"{kind}RangeStart"))  # noqa: E731
    assert names("moveFrom") == names("moveTo")
    # Each range holds its move: a moveFrom (moveTo) wrapper sits between its start and its end.
    for start in body.iter(W + "moveFromRangeStart", W + "moveToRangeStart"):
        kind = etree.QName(start).localname[: -len("RangeStart")]
        between = []
        for sibling in start.itersiblings():
            if sibling.tag == W + f"{kind}RangeEnd" and sibling.get(W + "id") == start.get(W + "id"):
                break
            between.append(sibling.tag)
        else:
            raise AssertionError(f"{kind} range {start.get(W + 'id')} does not end in its paragraph")
        assert W + kind in between


def test_automatic_numbering_stays_automatic(compared: tuple) -> None:
    _, new, out, _ = compared
    with zipfile.ZipFile(new) as a, zipfile.ZipFile(out) as b:
        assert a.read("word/numbering.xml") == b.read("word/numbering.xml")
    numbered = lambda root: sum(1 for p in root.iter(W + "p") if p.find(f"{W}pPr/{W}numPr") is not None)  # noqa: E731
    new_body, out_body = _part(new, "word/document.xml"), _part(out, "word/document.xml")
    # NEW's numbered paragraphs keep their numbering; only OLD's deleted ones are added, numbered too.
    assert numbered(out_body) >= numbered(new_body)
    literal = [t.text for t in out_body.iter(W + "t") if t.text and t.text.startswith(("第", "1."))]
    assert not any(text.startswith("第") and "条" in text[:6] for text in literal)


def test_every_edit_kind_is_reported(compared: tuple) -> None:
    _, _, _, report = compared
    summary = report["summary"]
    assert summary["inserted"] >= 2 and summary["deleted"] >= 2  # a paragraph and a table row each way
    assert summary["changed"] >= 3 and summary["formatting"] >= 1
    stories = {c["story"] for c in report["changes"]}
    assert {"body", "footnotes"} <= stories and any(s.startswith("header") for s in stories)
    assert any(s.startswith("footer") for s in stories)
    assert len(EDIT_KINDS) == 14
