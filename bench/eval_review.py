"""Score ``draft_agreement.reviewing`` against the independent labelled evaluation set in tests/eval/.

The set is built into .docx files, each file is reviewed, and every finding at medium or above is
matched to a labelled paragraph (or table) by its paragraph text: whitespace removed and leading clause
labels ("第三条", "1.1", "(a)", a rendered list number) stripped on both sides, with the paragraph's
body position as a fallback. Precision and recall are then counted per category over
(paragraph, category) pairs, and over (document, category) pairs for the document-level
``missing-safeguard``. Findings on the title paragraph are ignored; findings that match nothing are
listed separately rather than guessed at.

Usage: ``python bench/eval_review.py [--set FOLDER] [--verbose] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ACTIONABLE = {"high", "medium"}
DOCUMENT_LEVEL = {"missing-safeguard"}
_CLAUSE_LABEL = re.compile(
    r"^(?:第[0-9一二三四五六七八九十百零〇两]+[条條章节節款項项]"
    r"|[(（][0-9A-Za-z一二三四五六七八九十]{1,3}[)）]"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|(?:Article|Clause|Section)[0-9]+\.?"
    r"|[0-9]+(?:\.[0-9]+)*[.)、．]?"
    r"|[A-Za-z][.)])"
)


def normalise(text: str) -> str:
    """Paragraph text without whitespace and without up to two leading clause labels."""
    squeezed = re.sub(r"\s+", "", text)
    for _ in range(2):
        match = _CLAUSE_LABEL.match(squeezed)
        if not match or match.end() == len(squeezed):
            break
        squeezed = squeezed[match.end() :]
    return squeezed


@dataclass
class Unit:
    """One labelled paragraph or table of one agreement, with what the engine found there."""

    agreement: str
    gold: set[str]
    preview: str
    found: set[str] = field(default_factory=set)


@dataclass
class Tally:
    """Counts for one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], found: set[str], category: str) -> None:
        self.tp += category in gold and category in found
        self.fp += category in found and category not in gold
        self.fn += category in gold and category not in found


@dataclass
class Score:
    """Everything the run found out, for printing."""

    units: list[Unit] = field(default_factory=list)
    documents: list[Unit] = field(default_factory=list)
    unmatched: list[tuple[str, str, str]] = field(default_factory=list)
    by_position: int = 0
    ignored_low: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_build", REPO / "tests" / "eval" / "build.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the evaluation builder from {REPO / 'tests' / 'eval'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_review() -> tuple[Callable[[Path], Any] | None, str]:
    """The ``review(path) -> Report`` function, or None and the reason it is not available."""
    if importlib.util.find_spec("draft_agreement") is None:
        sys.path.insert(0, str(REPO / "src"))
    try:
        from draft_agreement import review as candidate
    except ImportError as exc:
        return None, f"{type(exc).__name__}: {exc}"
    if callable(candidate):
        return candidate, ""
    nested = getattr(candidate, "review", None)
    if callable(nested):
        return nested, ""
    return None, "draft_agreement.reviewing exists but is not (and does not contain) a callable review()"


def score(
    review: Callable[[Path], Any],
    built: Iterable[tuple[Path, dict[str, Any]]],
    expected: Callable[[dict[str, Any]], list[str]],
) -> Score:
    """Review every built file and attach each actionable finding to the unit it is about."""
    result = Score()
    for path, agreement in built:
        units, by_text, by_position = _units(agreement, expected(agreement))
        document = Unit(agreement["id"], set(agreement.get("document_labels", [])), "(document)")
        result.units.extend(units)
        result.documents.append(document)
        started = time.perf_counter()
        try:
            findings = list(review(path).findings)
        except Exception as exc:  # a crash on one file is a result to report, not a reason to stop
            result.errors.append((agreement["id"], f"{type(exc).__name__}: {exc}"))
            continue
        finally:
            result.seconds += time.perf_counter() - started
        title = normalise(agreement["title"])
        for finding in findings:
            if finding.severity not in ACTIONABLE:
                result.ignored_low += 1
                continue
            text = finding.paragraph_text
            if finding.category in DOCUMENT_LEVEL or text is None:
                document.found.add(finding.category)
                continue
            key = normalise(text)
            if key == title:
                continue
            targets = by_text.get(key)
            if not targets:
                unit = _by_position(finding, by_position)
                if unit is None:
                    result.unmatched.append((agreement["id"], finding.category, text))
                    continue
                result.by_position += 1
                targets = [unit]
            for unit in targets:
                unit.found.add(finding.category)
    return result


def _units(
    agreement: dict[str, Any], texts: list[str]
) -> tuple[list[Unit], dict[str, list[Unit]], list[Unit | None]]:
    """Labelled units, an index from normalised text to units, and the unit at each body position."""
    units: list[Unit] = []
    by_text: dict[str, list[Unit]] = {}
    by_position: list[Unit | None] = [None]  # position 0 is the title
    for item in agreement["paragraphs"]:
        cells = [cell for row in item["table"] for cell in row] if "table" in item else [item["text"]]
        preview = item["text"] if "text" in item else "[table] " + " | ".join(item["table"][0])
        unit = Unit(agreement["id"], set(item["labels"]), preview)
        units.append(unit)
        by_position.extend([unit] * len(cells))
        for key in {normalise(cell) for cell in cells if cell.strip()}:
            by_text.setdefault(key, []).append(unit)
    if len(by_position) != len(texts):
        raise SystemExit(f"{agreement['id']}: builder and scorer disagree on the paragraph count")
    return units, by_text, by_position


def _by_position(finding: Any, by_position: list[Unit | None]) -> Unit | None:
    location = getattr(finding, "location", None)
    story = getattr(location, "story", None)
    index = getattr(location, "paragraph", None)
    if story != "body" or not isinstance(index, int) or not 0 <= index < len(by_position):
        return None
    return by_position[index]


def categories(result: Score) -> list[str]:
    return sorted({c for unit in result.units + result.documents for c in unit.gold | unit.found})


def tallies(result: Score) -> tuple[dict[str, Tally], Tally]:
    """Each category's tally (document-level ones over documents), and their micro sum."""
    per_category: dict[str, Tally] = {}
    overall = Tally()
    for category in categories(result):
        tally = per_category[category] = Tally()
        pool = result.documents if category in DOCUMENT_LEVEL else result.units
        for unit in pool:
            tally.add(unit.gold, unit.found, category)
        overall.tp, overall.fp, overall.fn = (
            overall.tp + tally.tp,
            overall.fp + tally.fp,
            overall.fn + tally.fn,
        )
    return per_category, overall


def report(result: Score, verbose: bool) -> None:
    print(
        f"{len(result.documents)} documents, {len(result.units)} labelled units, "
        f"review time {result.seconds:.2f}s ({result.seconds / max(len(result.documents), 1) * 1000:.0f} ms/doc)"
    )
    print(
        f"findings below medium ignored: {result.ignored_low}; matched by position: {result.by_position}; "
        f"unmatched: {len(result.unmatched)}; documents that failed: {len(result.errors)}"
    )
    print()
    print(f"{'category':<26}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}")
    per_category, overall = tallies(result)
    for category, tally in per_category.items():
        print(_row(category, tally))
    print(_row("overall (micro)", overall))
    for name, problem in result.errors:
        print(f"ERROR {name}: {problem}")
    if not verbose:
        return
    print()
    for unit in result.units + result.documents:
        for category in sorted(unit.gold - unit.found):
            print(f"MISS        {category:<24} {unit.agreement:<32} {unit.preview[:40]}")
        for category in sorted(unit.found - unit.gold):
            print(f"FALSE ALARM {category:<24} {unit.agreement:<32} {unit.preview[:40]}")
    for name, category, text in result.unmatched:
        print(f"UNMATCHED   {category:<24} {name:<32} {text[:40]}")


def _row(name: str, tally: Tally) -> str:
    precision = f"{tally.tp / (tally.tp + tally.fp):.2f}" if tally.tp + tally.fp else "-"
    recall = f"{tally.tp / (tally.tp + tally.fn):.2f}" if tally.tp + tally.fn else "-"
    return f"{name:<26}{tally.tp:>5}{tally.fp:>5}{tally.fn:>5}{precision:>11}{recall:>8}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    parser.add_argument(
        "--out", type=Path, help="build the .docx files here and keep them (default: a temp folder)"
    )
    parser.add_argument(
        "--set",
        type=Path,
        help="a folder of labelled agreements (default: tests/eval/agreements; also real-dev, real-blind)",
    )
    args = parser.parse_args(argv)
    builder = load_builder()
    review, why_not = load_review()
    with tempfile.TemporaryDirectory(prefix="eval-review-") as scratch:
        built = builder.build_all(args.out or Path(scratch), *([args.set] if args.set else []))
        if review is None:
            print(f"Built {len(built)} evaluation documents, but there is nothing to score yet:")
            print(f"  `from draft_agreement import review` gives no review(path) function ({why_not}).")
            return 0
        report(score(review, built, builder.expected_texts), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
