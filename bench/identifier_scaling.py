"""Time per character of review and redline on one paragraph packed with identifiers, 5k to 100k characters.

A customer list pasted as one paragraph (IDs, mobiles, bank cards) gives one finding per identifier. The
work must grow with the paragraph: the time per character should stay flat from 5k to 100k characters
(target: the largest per-character figure at most 1.5x the smallest). Review is measured in process
(review plus the JSON report, the rule packs compiled once beforehand); redline in process (load,
review, plan, write, save), both in CPU seconds. The fixed cost of a call (measured on a one-sentence file and subtracted)
is reported apart, so the per-character figures are what each character adds. The held-out check is the whole process: `review --format json` on a
40,000-character paragraph in at most 8 s.

Run: python bench/identifier_scaling.py [--sizes 5000,10000,20000,40000,100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import best_of, identifier_paragraph, write_paragraph  # noqa: E402

from draft_agreement.api import redline  # noqa: E402
from draft_agreement.model.document import load_document  # noqa: E402
from draft_agreement.reviewing.run import review_document  # noqa: E402

SIZES = "5000,10000,20000,40000,100000"
WHOLE_PROCESS_SIZE = 40_000
WHOLE_PROCESS_TARGET = 8.0
FLAT_TARGET = 1.5


def review_json(path: Path) -> int:
    report = review_document(load_document(path))
    return len(json.dumps(report.to_dict(), ensure_ascii=False))


def whole_process(path: Path) -> tuple[float, int]:
    """Seconds and exit status of `draft-agreement review --format json` in a process of its own."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "draft_agreement", "review", str(path), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return time.perf_counter() - started, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=SIZES)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        files = {n: write_paragraph(Path(tmp) / f"p{n}.docx", identifier_paragraph(n)) for n in sizes}
        review_json(files[sizes[0]])  # compile the rule packs once, as a long-running pipeline would
        small = write_paragraph(Path(tmp) / "small.docx", "甲方与乙方签订本协议。")
        out = Path(tmp) / "out.docx"
        fixed_review = best_of(lambda: review_json(small), args.repeat, time.process_time)
        fixed_redline = best_of(
            lambda: redline(small, out, date="2026-01-01"), args.repeat, time.process_time
        )
        print(f"fixed cost of a call: review {fixed_review:.3f} s, redline {fixed_redline:.3f} s")
        print(
            f"{'characters':>10} {'findings':>8} {'review s':>9} {'µs/char':>8} {'redline s':>9} {'µs/char':>8}"
        )
        per_char: dict[str, list[float]] = {"review": [], "redline": []}
        for n, path in files.items():
            findings = len(review_document(load_document(path)).findings)
            t_review = best_of(lambda path=path: review_json(path), args.repeat, time.process_time)
            t_redline = best_of(
                lambda path=path: redline(path, out, date="2026-01-01"), args.repeat, time.process_time
            )
            review_char = max(t_review - fixed_review, 0.0) / n * 1e6
            redline_char = max(t_redline - fixed_redline, 0.0) / n * 1e6
            per_char["review"].append(review_char)
            per_char["redline"].append(redline_char)
            print(
                f"{n:>10} {findings:>8} {t_review:>9.3f} {review_char:>8.1f} {t_redline:>9.3f} {redline_char:>8.1f}"
            )
        for name, figures in per_char.items():
            spread = max(figures) / min(figures)
            verdict = "flat" if spread <= FLAT_TARGET else "NOT flat"
            print(
                f"{name}: largest / smallest time per character {spread:.2f}x ({verdict}; target <= {FLAT_TARGET}x)"
            )
        path = files.get(WHOLE_PROCESS_SIZE) or write_paragraph(
            Path(tmp) / "held-out.docx", identifier_paragraph(WHOLE_PROCESS_SIZE)
        )
        runs = [whole_process(path) for _ in range(args.repeat)]
        elapsed = min(t for t, _ in runs)
        status = runs[0][1]
        print(
            f"whole process, review --format json, {WHOLE_PROCESS_SIZE:,} characters: {elapsed:.2f} s "
            f"(exit {status}; target <= {WHOLE_PROCESS_TARGET:.0f} s)"
        )


if __name__ == "__main__":
    main()
