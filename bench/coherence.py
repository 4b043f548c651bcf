"""Does the accepted redline read as one contract? Counts, on the risky agreements of an eval split.

Each agreement of `tests/eval/real-dev` (the risky ones and the look-alikes) is built
as a .docx (tests/eval/build.py), redlined with every change of ours accepted (`--mode clean`), and
the accepted text is compared with the input. Counted, beyond what the input already had:

- orphan numbers: a clause number with no text ("3.2", "第四条", an empty numbered paragraph);
- numbering gaps: a typed clause number that skips one among its siblings (三、 then 2． with no 1．);
- duplicated sentences: a sentence of ten characters or more said twice;
- Simplified characters in a zh-Hant agreement;
- platforms the agreement never names;
- coverage: of the labelled risky paragraphs, how many the redline addresses (the accepted text no
  longer holds them unchanged, or the tracked redline comments on them);
- look-alikes touched: agreements with no label at all whose accepted text differs from the input;
- comments: their length beside the contract's (median over the split), the longest one, and
  sentences said in three comments or more of one agreement.

The counting is independent of the pipeline's own consistency check: it reads the written file back.
Usage: ``python bench/coherence.py [SPLIT_DIR]`` (default tests/eval/real-dev). Never on real-blind.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from draft_agreement.chinese import parse_chinese_number  # noqa: E402
from draft_agreement.model.context import platforms_in  # noqa: E402
from draft_agreement.model.document import load_document  # noqa: E402
from draft_agreement.model.language import simplified_only  # noqa: E402
from draft_agreement.redlining.pipeline import redline  # noqa: E402
from tests.eval.build import build_docx, load_agreements  # noqa: E402

BARE = re.compile(
    r"\s*(?:\d+(?:\.\d+)*\.?|第[〇零一二三四五六七八九十百千\d]+[条條]|[（(][一二三四五六七八九十\d]+[)）])\s*"
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CONVENTION = {"[Intentionally deleted]", "（本条删除）", "（本條刪除）"}  # a deleted clause's kept number
# A sentence ends at a stop; the point inside a clause number ("第1.2条") is not one.
SENTENCE = re.compile(r"(?:[^。；;！!？?.]|\.(?=\d))+(?:[。；;！!？?]|\.(?=\s|$))")


def _texts(path: Path) -> list[tuple[bool, str]]:
    """(numbered automatically, text) of every body paragraph."""
    doc = load_document(path)
    return [(bool(p.list_label and p.list_label.text), p.text) for p in doc.story("body").paragraphs]


def _orphans(paragraphs: list[tuple[bool, str]]) -> int:
    return sum(1 for numbered, text in paragraphs if BARE.fullmatch(text) or numbered and not text.strip())


_TYPED = re.compile(r"第?([〇零一二三四五六七八九十百两\d]+(?:\.\d+)*)")


def _gaps(path: Path) -> int:
    """Typed sibling numbers that skip one: a deleted clause taken away without renumbering the rest."""
    last: dict[tuple[tuple[str, ...], str], int] = {}
    gaps = 0
    for p in load_document(path).story("body").paragraphs:
        if p.literal is None or p.cell is not None:
            continue
        m = _TYPED.match(unicodedata.normalize("NFKC", p.literal.text).strip("(（ "))
        if not m:
            continue
        tail = m.group(1).split(".")[-1]
        number = (
            int(tail)
            if tail.isdigit()
            else parse_chinese_number(tail.replace("两", "二").replace("〇", "零"))
        )
        key = (p.clause_path[:-1], p.literal.kind)
        if number > last.get(key, 0) + 1:  # a first sibling numbered 2 lost its 1 too
            gaps += 1
        last[key] = number
    return gaps


def _duplicates(paragraphs: list[tuple[bool, str]]) -> int:
    counts = Counter(
        s.strip().rstrip("。；;！!？?.")
        for _, text in paragraphs
        for s in SENTENCE.findall(text)
        if len(s.strip()) >= 10 and s.strip() not in CONVENTION
    )
    return sum(n - 1 for n in counts.values() if n > 1)


def _commented(source: Path, tracked: Path) -> set[str]:
    """The texts of the source's paragraphs that carry one of our comments in the tracked redline
    (paragraphs keep their places: a deleted one keeps its element until accepted)."""

    def paragraphs(path: Path) -> list[etree._Element]:
        with zipfile.ZipFile(path) as package:
            return list(etree.fromstring(package.read("word/document.xml")).iter(W + "p"))

    out = set()
    for old, new in zip(paragraphs(source), paragraphs(tracked), strict=False):
        if new.find(f".//{W}commentReference") is not None:
            out.add("".join(t.text or "" for t in old.iter(W + "t")))
    return out


def _comments(tracked: Path) -> list[str]:
    with zipfile.ZipFile(tracked) as package:
        if "word/comments.xml" not in package.namelist():
            return []
        root = etree.fromstring(package.read("word/comments.xml"))
    return ["".join(t.text or "" for t in c.iter(W + "t")) for c in root.iter(W + "comment")]


def _repeated(comments: list[str]) -> int:
    counts = Counter(s.strip() for c in comments for s in set(SENTENCE.findall(c)) if len(s.strip()) >= 8)
    return sum(1 for n in counts.values() if n >= 3)


def _risky_paragraphs(agreement: dict) -> list[str]:
    return [p["text"] for p in agreement["paragraphs"] if "text" in p and p.get("labels")]


def measure(agreement: dict, tmp: Path) -> dict[str, int]:
    source = tmp / f"{agreement['id']}.docx"
    build_docx(agreement, source)
    clean = tmp / f"{agreement['id']}.clean.docx"
    redline(source, clean, mode="clean", date="2026-01-01")
    tracked = tmp / f"{agreement['id']}.tracked.docx"
    redline(source, tracked, date="2026-01-01")
    commented = _commented(source, tracked)
    comments = _comments(tracked)
    before, after = _texts(source), _texts(clean)
    text_before = " ".join(t for _, t in before)
    text_after = " ".join(t for _, t in after)
    hant = agreement["language"] == "zh-Hant"
    return {
        "orphan_numbers": max(0, _orphans(after) - _orphans(before)),
        "numbering_gaps": max(0, _gaps(clean) - _gaps(source)),
        "duplicated_sentences": max(0, _duplicates(after) - _duplicates(before)),
        "simplified_in_hant": max(0, len(simplified_only(text_after)) - len(simplified_only(text_before)))
        if hant
        else 0,
        "unnamed_platforms": len(set(platforms_in(text_after)) - set(platforms_in(text_before))),
        "risky_paragraphs": len(_risky_paragraphs(agreement)),
        "risky_changed": sum(
            1 for t in _risky_paragraphs(agreement) if t not in {a for _, a in after} or t in commented
        ),
        "look_alikes_touched": int(not _labelled(agreement) and before != after),
        "repeated_comment_sentences": _repeated(comments),
        "comments_over_600": sum(1 for c in comments if len(c) > 600),
        "comment_permille": round(1000 * sum(map(len, comments)) / max(len(text_before), 1)),
    }


def _labelled(agreement: dict) -> bool:
    return bool(agreement.get("document_labels")) or any(p.get("labels") for p in agreement["paragraphs"])


def main(argv: list[str]) -> int:
    split = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "eval" / "real-dev"
    if "real-blind" in split.parts:
        print("coherence: the blind split is not measured here", file=sys.stderr)
        return 2
    risky = load_agreements(split)  # look-alikes too: they must come back untouched
    totals: Counter[str] = Counter()
    ratios: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for agreement in risky:
            counts = measure(agreement, Path(tmp))
            ratio = counts.pop("comment_permille") / 1000
            if _labelled(agreement):
                ratios.append(ratio)
            totals.update(counts)
            flagged = {k: v for k, v in counts.items() if v and not k.startswith("risky_")}
            print(f"{agreement['id']}: {flagged or 'ok'} (comments {ratio:.2f}x the contract)")
    counts = ", ".join(f"{k} {totals[k]}" for k in sorted(totals) if not k.startswith("risky_"))
    coverage = totals["risky_changed"] / max(totals["risky_paragraphs"], 1)
    median = statistics.median(ratios) if ratios else 0.0
    print(
        f"{len(risky)} agreements: {counts}; coverage of risky paragraphs {coverage:.2f}; "
        f"comments {median:.2f}x the contract (median of the risky ones)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
