"""Speed against the floor on a 20,000-paragraph agreement: model, review and redline.

The floor is zip read + lxml parse + serialise + zip write of the same file, measured in the same run;
every figure is reported as a ratio to it. Targets: model <= 1.5x, review <= 2x, redline (the whole
process, start-up included) <= 3x with memory under 10x the unpacked XML.

Run: python bench/speed.py [--paragraphs N] [--repeat R] [--only model,review,redline]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import best_of, floor, write_agreement  # noqa: E402

from draft_agreement.model.document import load_document  # noqa: E402


def build_model(path: Path) -> int:
    """Everything review needs from the model: text, labels and clause paths of every paragraph."""
    doc = load_document(path)
    return sum(len(p.text) for p in doc.paragraphs())


def run_review(path: Path) -> int:
    from draft_agreement.api import review

    return len(review(path).findings)


def redline_process(path: Path, out: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of `draft-agreement redline` as a separate process."""
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "draft_agreement",
            "redline",
            str(path),
            "-o",
            str(out),
            "--date",
            "2026-01-01",
        ],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"redline failed: {proc.stderr.strip()}")
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def floor_process_rss(path: Path) -> int:
    """Peak RSS (KiB) of a process that only does the floor on `path`: what lxml itself costs."""
    code = "import sys; sys.path.insert(0, sys.argv[2]); from synth import floor; floor(__import__('pathlib').Path(sys.argv[1]))"
    subprocess.run([sys.executable, "-c", code, str(path), str(Path(__file__).resolve().parent)], check=True)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def unpacked_xml(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(i.file_size for i in z.infolist() if i.filename.endswith(".xml"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--paragraphs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="model,review,redline")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        plain = write_agreement(Path(tmp) / "plain.docx", args.paragraphs)
        risky = write_agreement(Path(tmp) / "risky.docx", args.paragraphs, risky_every=60)
        t_floor = best_of(lambda: floor(plain), args.repeat)
        print(
            f"paragraphs: {args.paragraphs}; floor (zip read + parse + serialise + zip write): {t_floor:.3f} s"
        )
        if "model" in wanted:
            t = best_of(lambda: build_model(plain), args.repeat)
            print(f"model:   {t:.3f} s  ratio {t / t_floor:.2f}x (target <= 1.5x)")
        if "review" in wanted:
            run_review(risky)  # compile the rule packs once, as a long-running pipeline would
            findings = run_review(risky)
            t = best_of(lambda: run_review(plain), args.repeat)
            t_risky = best_of(lambda: run_review(risky), args.repeat)
            print(f"review:  {t:.3f} s  ratio {t / t_floor:.2f}x (ordinary prose; target <= 2x)")
            print(f"review:  {t_risky:.3f} s  ratio {t_risky / t_floor:.2f}x ({findings} findings)")
        if "redline" in wanted:
            floor_kib = floor_process_rss(risky)  # first child: its peak is not masked by a larger one
            t_risky_floor = best_of(lambda: floor(risky), args.repeat)
            times = [redline_process(risky, Path(tmp) / "out.docx") for _ in range(args.repeat)]
            t = min(e for e, _ in times)
            peak_kib = max(m for _, m in times)
            xml = unpacked_xml(risky)
            print(f"redline: {t:.3f} s  ratio {t / t_risky_floor:.2f}x end to end (target <= 3x)")
            print(
                f"redline: peak RSS {peak_kib / 1024:.0f} MiB = {peak_kib * 1024 / xml:.1f}x the unpacked XML ({xml / 2**20:.1f} MiB)"
            )
            print(
                f"floor:   peak RSS {floor_kib / 1024:.0f} MiB = {floor_kib * 1024 / xml:.1f}x the unpacked XML "
                f"(lxml's own tree); redline uses {peak_kib / floor_kib:.2f}x the floor's memory"
            )


if __name__ == "__main__":
    main()
