"""Score the deal model against the `deal:` labels of an evaluation split.

Review, the redline plan and drafting all read one Deal per document, so a wrong side or a missed
party label shows up downstream as a false alarm ("third parties'" details that are the party's own)
or as replacement text with the wrong labels. Each labelled agreement is built as a .docx
(tests/eval/build.py) and its deal compared field by field with what the labeller wrote:

- kind: the model's main kind is one of the labelled kinds; kinds: the sets are equal;
- jurisdiction: the law review reads the agreement under (the chosen law, else the forum's, else the
  PRC's), the same country counting as agreement ("US" and "US-VT"); signed (ISO date); per_head;
- party labels: each labelled party's label is among the labels of one party of the model;
- sides: for each found party whose labelled role gives or receives, the model gives it the same side.

Usage: ``python bench/eval_deal.py [--set FOLDER] [--verbose]`` (default tests/eval/real-dev).
``--verbose`` lists every disagreement; never use it on real-blind.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("draft_agreement") is None:
    sys.path.insert(0, str(REPO / "src"))

from draft_agreement.deal.build import build_deal  # noqa: E402
from draft_agreement.deal.model import Deal, side_of  # noqa: E402
from draft_agreement.model.document import load_document  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_review import load_builder  # noqa: E402  (the same builder the review score uses)

FIELDS = ("kind", "kinds", "jurisdiction", "signed", "per_head", "party labels", "sides")


def compare(gold: dict[str, Any], deal: Deal) -> list[tuple[str, bool, str]]:
    """(field, agrees, what was expected and found) for every comparison one agreement makes."""
    law = deal.governing_law
    # The law review reads it under: the chosen one, else the forum's, else the PRC's (perspective.py).
    found_law = (law.jurisdiction or law.forum_jurisdiction if law else None) or "CN"
    gold_law = gold.get("jurisdiction") or "CN"
    same_law = found_law == gold_law or found_law.split("-")[0] == gold_law.split("-")[0]
    per_head = bool(deal.consideration and deal.consideration.per_head)
    signed = str(gold["signed"]) if gold.get("signed") else None
    out = [
        ("kind", deal.kind in gold["kinds"], f"{gold['kinds']} / {deal.kind}"),
        ("kinds", set(deal.kinds) == set(gold["kinds"]), f"{gold['kinds']} / {list(deal.kinds)}"),
        ("jurisdiction", same_law, f"{gold_law} / {found_law}"),
        ("signed", deal.signed == signed, f"{signed} / {deal.signed}"),
        ("per_head", per_head == bool(gold.get("per_head")), f"{gold.get('per_head')} / {per_head}"),
    ]
    for party in gold.get("parties") or ():
        label = party["label"]
        match = next((p for p in deal.parties if label in p.labels), None)
        out.append(("party labels", match is not None, f"{label} / {[p.labels for p in deal.parties]}"))
        expected = side_of(party["role"])
        if match is not None and expected is not None:
            out.append(("sides", match.side == expected, f"{label} {party['role']} / {match.role}"))
    return out


def score(folder: Path) -> tuple[int, Counter[str], Counter[str], list[str]]:
    """(agreements scored, right and total per field, the disagreements) for one labelled split."""
    builder = load_builder()
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: list[str] = []
    with tempfile.TemporaryDirectory(prefix="eval-deal-") as scratch:
        built = [(p, a) for p, a in builder.build_all(Path(scratch), folder) if a.get("deal")]
        for path, agreement in built:
            for name, agrees, detail in compare(agreement["deal"], build_deal(load_document(path))):
                total[name] += 1
                right[name] += agrees
                if not agrees:
                    wrong.append(f"  {agreement['id']}: {name}: {detail}")
    return len(built), right, total, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=REPO / "tests" / "eval" / "real-dev")
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    count, right, total, wrong = score(args.set)
    print(f"{count} agreements with a labelled deal")
    for name in FIELDS:
        if total[name]:
            print(f"{name:<14} {right[name]:>4}/{total[name]:<4} {right[name] / total[name]:.2f}")
    if args.verbose:
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
