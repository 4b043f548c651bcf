"""Does the accepted redline read as one contract? Counts, on the risky agreements of an eval split.

Each risky agreement (one with a labelled clause or document label) of `tests/eval/real-dev` is built
as a .docx (tests/eval/build.py), redlined with every change of ours accepted (`--mode clean`), and
the accepted text is compared with the input. Counted, beyond what the input already had:

- orphan numbers: a clause number with no text ("3.2", "第四条", an empty numbered paragraph);
- duplicated sentences: a sentence of ten characters or more said twice;
- Simplified characters in a zh-Hant agreement;
- platforms the agreement never names.

The counting is independent of the pipeline's own consistency check: it reads the written file back.
Usage: ``python bench/coherence.py [SPLIT_DIR]`` (default tests/eval/real-dev). Never on real-blind.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from draft_agreement.model.context import platforms_in  # noqa: E402
from draft_agreement.model.document import load_document  # noqa: E402
from draft_agreement.model.language import simplified_only  # noqa: E402
from draft_agreement.redlining.pipeline import redline  # noqa: E402
from tests.eval.build import build_docx, load_agreements  # noqa: E402

BARE = re.compile(
    r"\s*(?:\d+(?:\.\d+)*\.?|第[〇零一二三四五六七八九十百千\d]+[条條]|[（(][一二三四五六七八九十\d]+[)）])\s*"
)
CONVENTION = {"[Intentionally deleted]", "（本条删除）", "（本條刪除）"}  # a deleted clause's kept number
SENTENCE = re.compile(r"[^。；;！!？?.]+(?:[。；;！!？?]|\.(?=\s|$))")


def _texts(path: Path) -> list[tuple[bool, str]]:
    """(numbered automatically, text) of every body paragraph."""
    doc = load_document(path)
    return [(bool(p.list_label and p.list_label.text), p.text) for p in doc.story("body").paragraphs]


def _orphans(paragraphs: list[tuple[bool, str]]) -> int:
    return sum(1 for numbered, text in paragraphs if BARE.fullmatch(text) or numbered and not text.strip())


def _duplicates(paragraphs: list[tuple[bool, str]]) -> int:
    counts = Counter(
        s.strip().rstrip("。；;！!？?.")
        for _, text in paragraphs
        for s in SENTENCE.findall(text)
        if len(s.strip()) >= 10 and s.strip() not in CONVENTION
    )
    return sum(n - 1 for n in counts.values() if n > 1)


def measure(agreement: dict, tmp: Path) -> dict[str, int]:
    source = tmp / f"{agreement['id']}.docx"
    build_docx(agreement, source)
    clean = tmp / f"{agreement['id']}.clean.docx"
    redline(source, clean, mode="clean", date="2026-01-01")
    before, after = _texts(source), _texts(clean)
    text_before = " ".join(t for _, t in before)
    text_after = " ".join(t for _, t in after)
    hant = agreement["language"] == "zh-Hant"
    return {
        "orphan_numbers": max(0, _orphans(after) - _orphans(before)),
        "duplicated_sentences": max(0, _duplicates(after) - _duplicates(before)),
        "simplified_in_hant": max(0, len(simplified_only(text_after)) - len(simplified_only(text_before)))
        if hant
        else 0,
        "unnamed_platforms": len(set(platforms_in(text_after)) - set(platforms_in(text_before))),
    }


def main(argv: list[str]) -> int:
    split = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "eval" / "real-dev"
    if "real-blind" in split.parts:
        print("coherence: the blind split is not measured here", file=sys.stderr)
        return 2
    risky = [
        a
        for a in load_agreements(split)
        if a.get("document_labels") or any(p.get("labels") for p in a["paragraphs"] if "text" in p)
    ]
    totals: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for agreement in risky:
            counts = measure(agreement, Path(tmp))
            totals.update(counts)
            flagged = {k: v for k, v in counts.items() if v}
            print(f"{agreement['id']}: {flagged or 'ok'}")
    print(f"{len(risky)} risky agreements: " + ", ".join(f"{k} {totals[k]}" for k in sorted(totals)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
